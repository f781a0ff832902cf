/**
 * The survey's 試算 as a what-if a planner can re-run with other numbers:
 *
 *   targets          = insured × (1 − cardRate)          (rounded: forms are whole)
 *   totalInquiries   = targets × inquiryRate              (47,344 / 3,262,639)
 *   peakDayInquiries = totalInquiries × peakDayShare      (2,251 / 47,344)
 *
 * Every step uses the unrounded value of the one before; only the answer is rounded for display.
 * 614,058 forms → 8,911 inquiries, 424 on the peak day, as in the survey. Like the survey's 2,251 (the
 * sum over municipalities of each one's busiest day), the peak is per municipality, added up: it is also
 * the union's busiest day only when every municipality is mailed on the same day. Dispersed waves lower
 * the union's real peak; the plan forecast shows by how much.
 */
import { DEFAULT_FORECAST_PARAMETERS, type ForecastParameters } from './forecast-parameters';
import { FieldErrors } from './input-checks';

export interface WhatIfInput {
  /** Forms to mail. Give this, or `insured` with `cardRate`. */
  targets?: number;
  /** Insured persons. */
  insured?: number;
  /** Share of them who already hold a card, in (0, 1): 26.8 % is 0.268. */
  cardRate?: number;
}

export interface WhatIfResult {
  targets: number;
  totalInquiries: number;
  peakDayInquiries: number;
}

export type WhatIfParameters = Pick<ForecastParameters, 'inquiryRate' | 'peakDayShare'>;

/** The what-if, unrounded (for charts and further arithmetic). Throws a 400 on bad input. */
export function whatIfExact(input: WhatIfInput, parameters: Partial<WhatIfParameters> = {}): WhatIfResult {
  const errors = new FieldErrors();
  const rate = errors.openUnitInterval(parameters.inquiryRate ?? DEFAULT_FORECAST_PARAMETERS.inquiryRate, 'inquiryRate', '問い合わせ率');
  const peak = errors.openUnitInterval(parameters.peakDayShare ?? DEFAULT_FORECAST_PARAMETERS.peakDayShare, 'peakDayShare', 'ピーク日の割合');
  const targets = targetsOf(input, errors);
  errors.throwIfAny('invalid_what_if', '試算の入力内容に誤りがあります。');
  const totalInquiries = targets! * rate!;
  return { targets: targets!, totalInquiries, peakDayInquiries: totalInquiries * peak! };
}

/** The what-if as shown: whole inquiries. `{ targets: 614058 }` → `{ 614058, 8911, 424 }`. */
export function whatIf(input: WhatIfInput, parameters: Partial<WhatIfParameters> = {}): WhatIfResult {
  const exact = whatIfExact(input, parameters);
  return {
    targets: exact.targets,
    totalInquiries: Math.round(exact.totalInquiries),
    peakDayInquiries: Math.round(exact.peakDayInquiries),
  };
}

function targetsOf(input: WhatIfInput, errors: FieldErrors): number | undefined {
  if (typeof input !== 'object' || input === null) {
    errors.add('targets', 'required', '発送対象者数、または被保険者数とカード取得率を入力してください。');
    return undefined;
  }
  const hasTargets = input.targets !== undefined && input.targets !== null;
  const hasInsured = input.insured !== undefined || input.cardRate !== undefined;
  if (hasTargets && hasInsured) {
    errors.add('targets', 'ambiguous', '発送対象者数と、被保険者数・カード取得率は、どちらか一方だけを入力してください。');
    return undefined;
  }
  if (hasTargets || !hasInsured) return errors.count(input.targets, 'targets', '発送対象者数');
  const insured = errors.count(input.insured, 'insured', '被保険者数');
  const cardRate = errors.openUnitInterval(input.cardRate, 'cardRate', 'カード取得率');
  if (insured === undefined || cardRate === undefined) return undefined;
  return Math.round(insured * (1 - cardRate));
}
