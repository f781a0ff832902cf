import type { Municipality } from '../api';
import type { FieldControlProps } from './field';

interface MunicipalitySelectProps extends FieldControlProps {
  municipalities: Municipality[];
  value: string;
  onChange: (code: string) => void;
  required?: boolean;
}

/** A plain select of municipalities ("012025 函館市"); typing the code's first digits jumps to it. */
export function MunicipalitySelect({ municipalities, value, onChange, required, ...control }: MunicipalitySelectProps) {
  return (
    <select {...control} value={value} required={required} onChange={(e) => onChange(e.target.value)}>
      <option value="">選択してください</option>
      {municipalities.map((m) => (
        <option key={m.code} value={m.code}>
          {m.code} {m.name}
        </option>
      ))}
    </select>
  );
}
