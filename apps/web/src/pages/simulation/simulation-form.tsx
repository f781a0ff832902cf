import { useState, type FormEvent } from 'react';
import { SIMULATION_SCENARIO_LABELS, SIMULATION_SCENARIOS, type SimulationScenario, type StartSimulationRequest } from '@wavedesk/contracts';
import { Field } from '../../components';

interface Props {
  disabled: boolean;
  errors: Record<string, string>;
  onStart: (request: StartSimulationRequest) => void;
}

const optionalNumber = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));

/** シナリオ・規模・速さ (and, for 札幌市 and the surge, the multiplier and hours) with the start button. */
export function SimulationForm({ disabled, errors, onStart }: Props) {
  const [scenario, setScenario] = useState<SimulationScenario>('sapporo');
  const [scale, setScale] = useState('0.1');
  const [speed, setSpeed] = useState('1');
  const [multiplier, setMultiplier] = useState('');
  const [hours, setHours] = useState('');
  const spike = scenario === 'sapporo' || scenario === 'surge';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onStart({
      scenario,
      scale: optionalNumber(scale),
      speed: optionalNumber(speed),
      ...(spike ? { multiplier: optionalNumber(multiplier), hours: optionalNumber(hours) } : {}),
    });
  };

  return (
    <form className="simulation-form" onSubmit={submit} aria-label="シミュレーションの開始" noValidate>
      <Field id="sim-scenario" label="シナリオ" error={errors.scenario}>
        {(p) => (
          <select {...p} value={scenario} onChange={(e) => setScenario(e.target.value as SimulationScenario)}>
            {SIMULATION_SCENARIOS.map((s) => (
              <option key={s} value={s}>
                {SIMULATION_SCENARIO_LABELS[s]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="sim-scale" label="規模" hint="838,877人の何割で試すか（1 = 全道、0.1 = 1割）。" error={errors.scale}>
        {(p) => <input {...p} type="number" inputMode="decimal" step="any" value={scale} onChange={(e) => setScale(e.target.value)} />}
      </Field>
      <Field id="sim-speed" label="速さ（実時間1分あたりの営業日）" hint="1 なら1分で1営業日（8:45〜17:30）。夜・土日祝は飛ばします。" error={errors.speed}>
        {(p) => <input {...p} type="number" inputMode="decimal" step="any" value={speed} onChange={(e) => setSpeed(e.target.value)} />}
      </Field>
      {spike && (
        <>
          <Field id="sim-multiplier" label="倍率（空欄: 札幌市 3倍、全道 2.5倍）" error={errors.multiplier}>
            {(p) => <input {...p} type="number" inputMode="decimal" step="any" value={multiplier} onChange={(e) => setMultiplier(e.target.value)} />}
          </Field>
          <Field id="sim-hours" label="続く時間（空欄: 札幌市 2時間、全道 終日）" error={errors.hours}>
            {(p) => <input {...p} type="number" inputMode="decimal" step="any" value={hours} onChange={(e) => setHours(e.target.value)} />}
          </Field>
        </>
      )}
      <button type="submit" className="button button--primary" disabled={disabled}>
        開始
      </button>
    </form>
  );
}
