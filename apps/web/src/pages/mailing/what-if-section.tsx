import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api';
import type { WhatIfInput, WhatIfResult } from '../../api/mailing-types';
import { ErrorAlert, Field } from '../../components';
import { formatNumber } from '../../format';
import { parseCount, parsePercent } from './mailing-format';
import { useMailingApi } from './use-mailing-api';

type Mode = 'targets' | 'insured';

/**
 * 試算: expected inquiries for a number of forms, or for insured persons and a card rate, with the survey's
 * rates (614,058 forms → 8,911 inquiries, 424 on the peak day).
 */
export function WhatIfSection() {
  const api = useMailingApi();
  const [mode, setMode] = useState<Mode>('targets');
  const [targets, setTargets] = useState('614,058');
  const [insured, setInsured] = useState('838,877');
  const [cardRate, setCardRate] = useState('26.8');
  const [result, setResult] = useState<WhatIfResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const problems: Record<string, string> = {};
    let input: WhatIfInput;
    if (mode === 'targets') {
      const n = parseCount(targets);
      if (n === null) problems.targets = '発送対象者数は0以上の整数で入力してください（例: 614,058）。';
      input = { targets: n ?? 0 };
    } else {
      const n = parseCount(insured);
      const rate = parsePercent(cardRate);
      if (n === null) problems.insured = '被保険者数は0以上の整数で入力してください（例: 838,877）。';
      if (rate === null) problems.cardRate = 'カード取得率は0より大きく100未満の%で入力してください（例: 26.8）。';
      input = { insured: n ?? 0, cardRate: rate ?? 0 };
    }
    setLocal(problems);
    if (Object.keys(problems).length > 0) {
      setResult(null);
      return;
    }
    try {
      setResult(await api.forecast.whatIf(input));
    } catch (e) {
      setResult(null);
      setError(ApiError.from(e));
    }
  };

  const fields = { ...(error?.fieldMessages() ?? {}), ...local };
  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="what-if-title">
      <h2 id="what-if-title">問い合わせ件数の試算</h2>
      <p className="muted">前回の J-LIS 送付の実績（送付 3,262,639通に対し問い合わせ 47,344件、ピーク日 2,251件）の割合で試算します。</p>
      <fieldset className="choice">
        <legend>入力するもの</legend>
        <label>
          <input type="radio" name="what-if-mode" value="targets" checked={mode === 'targets'} onChange={() => setMode('targets')} /> 発送対象者数
        </label>
        <label>
          <input type="radio" name="what-if-mode" value="insured" checked={mode === 'insured'} onChange={() => setMode('insured')} /> 被保険者数とカード取得率
        </label>
      </fieldset>
      <ErrorAlert error={error} />
      <div className="form-grid">
        {mode === 'targets' ? (
          <Field id="what-if-targets" label="発送対象者数（人）" error={fields.targets}>
            {(p) => <input {...p} className="input--count" inputMode="numeric" autoComplete="off" value={targets} onChange={(e) => setTargets(e.target.value)} />}
          </Field>
        ) : (
          <>
            <Field id="what-if-insured" label="被保険者数（人）" error={fields.insured}>
              {(p) => <input {...p} className="input--count" inputMode="numeric" autoComplete="off" value={insured} onChange={(e) => setInsured(e.target.value)} />}
            </Field>
            <Field id="what-if-card-rate" label="カード取得率（%）" error={fields.cardRate}>
              {(p) => <input {...p} className="input--count" inputMode="decimal" autoComplete="off" value={cardRate} onChange={(e) => setCardRate(e.target.value)} />}
            </Field>
          </>
        )}
      </div>
      <button type="submit" className="button button--primary">
        試算する
      </button>
      <div aria-live="polite">
        {result && (
          <dl className="mailing-figures" data-testid="what-if-result">
            <div className="mailing-figures__item">
              <dt>発送対象者</dt>
              <dd data-testid="what-if-targets">
                {formatNumber(result.targets)}
                <span className="unit">人</span>
              </dd>
            </div>
            <div className="mailing-figures__item">
              <dt>問い合わせ件数（総数）</dt>
              <dd data-testid="what-if-total">
                {formatNumber(result.totalInquiries)}
                <span className="unit">件</span>
              </dd>
            </div>
            <div className="mailing-figures__item">
              <dt>ピーク日の問い合わせ件数</dt>
              <dd data-testid="what-if-peak">
                {formatNumber(result.peakDayInquiries)}
                <span className="unit">件</span>
              </dd>
            </div>
          </dl>
        )}
      </div>
    </form>
  );
}
