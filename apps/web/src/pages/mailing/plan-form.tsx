import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../api';
import type { PlanRequest } from '../../api/mailing-types';
import { Field } from '../../components';
import { parseCount } from './mailing-format';

/** 計画の作成: operators on duty, and optional limits (forms per wave, spacing, number of waves). */
export function PlanForm({ busy, error, hasWaves, onPlan }: { busy: boolean; error: ApiError | null; hasWaves: boolean; onPlan: (request: PlanRequest) => void }) {
  const [operators, setOperators] = useState('20');
  const [maxForms, setMaxForms] = useState('');
  const [spacing, setSpacing] = useState('');
  const [maxWaves, setMaxWaves] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    const read = (text: string, field: string, label: string, min: number): number | undefined => {
      if (text.trim() === '') return undefined;
      const n = parseCount(text);
      if (n === null || n < min) {
        problems[field] = `${label}は${min}以上の整数で入力してください。`;
        return undefined;
      }
      return n;
    };
    const ops = read(operators, 'operators', 'オペレーター数', 0);
    const options = {
      maxFormsPerWave: read(maxForms, 'options.maxFormsPerWave', '1回の発送数の上限', 1),
      minSpacingBusinessDays: read(spacing, 'options.minSpacingBusinessDays', '波の間隔', 1),
      maxWaves: read(maxWaves, 'options.maxWaves', '波の最大数', 1),
    };
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
    onPlan({ ...(ops !== undefined ? { operators: ops } : {}), ...(Object.keys(given).length > 0 ? { options: given } : {}) });
  };

  const api = error?.fieldMessages() ?? {};
  const fields: Record<string, string | undefined> = { ...api, ...local };
  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="plan-title">
      <h2 id="plan-title">分散発送の計画</h2>
      <p className="muted">
        試算した問い合わせが、各市町村の窓口とコールセンターの1日の受付能力を超えないように、発送期間の営業日に波を割り振ります。
        {hasWaves && ' 作り直すと、計画中の波は置き換わります（承認済みの波があるときは作り直せません）。'}
      </p>
      <div className="form-grid">
        <Field id="plan-operators" label="コールセンターのオペレーター数（人）" hint="受付能力はアーラン C で計算します" error={fields.operators}>
          {(p) => <input {...p} className="input--count" inputMode="numeric" value={operators} onChange={(e) => setOperators(e.target.value)} />}
        </Field>
        <Field id="plan-max-forms" label="1回の発送数の上限（通・任意）" error={fields['options.maxFormsPerWave'] ?? fields.maxFormsPerWave}>
          {(p) => <input {...p} className="input--count" inputMode="numeric" value={maxForms} onChange={(e) => setMaxForms(e.target.value)} />}
        </Field>
        <Field id="plan-spacing" label="波の最小間隔（営業日・任意）" hint="既定は5営業日" error={fields['options.minSpacingBusinessDays'] ?? fields.minSpacingBusinessDays}>
          {(p) => <input {...p} className="input--count" inputMode="numeric" value={spacing} onChange={(e) => setSpacing(e.target.value)} />}
        </Field>
        <Field id="plan-max-waves" label="波の最大数（任意）" hint="既定は8" error={fields['options.maxWaves'] ?? fields.maxWaves}>
          {(p) => <input {...p} className="input--count" inputMode="numeric" value={maxWaves} onChange={(e) => setMaxWaves(e.target.value)} />}
        </Field>
      </div>
      <button type="submit" className="button button--primary" disabled={busy}>
        {hasWaves ? '計画を作り直す' : '計画を作成'}
      </button>
    </form>
  );
}
