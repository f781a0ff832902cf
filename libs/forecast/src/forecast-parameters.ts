/**
 * The forecast's parameters and their calibration on the last mailing (J-LIS, to people aged ≤ 74), as
 * reported in the union's survey of the 179 municipalities (seed/mynumber-card-mailing-plan.txt).
 * The ratios stay unrounded; rounding happens only when a figure is shown.
 */
import { DEFAULT_CHANNELS, validateChannels, type ChannelProfiles } from './intraday-profile';
import { FieldErrors } from './input-checks';
import { validateCurveOptions } from './response-curve';

/** The survey's figures. */
export const SURVEY = {
  /** Inquiries the municipalities received about the last mailing. */
  inquiries: 47_344,
  /** Forms mailed in the last mailing. */
  formsMailed: 3_262_639,
  /** Inquiries on the busiest day of the last mailing. */
  peakDayInquiries: 2_251,
  /** Insured persons on 2021-07-01. */
  insured: 838_877,
  /** Card holders among them. */
  cardRate: 0.268,
} as const;

export interface ForecastParameters {
  /** Expected inquiries per form mailed (default 47,344 / 3,262,639 ≈ 1.4511 %). */
  inquiryRate: number;
  /** Business days from mailing to arrival (default 2). */
  postalDelayBusinessDays: number;
  /** Share of a wave's inquiries on its busiest day (default 2,251 / 47,344 ≈ 4.7546 %). */
  peakDayShare: number;
  /** Business days after arrival over which a wave's inquiries come in (default 60, about three months). */
  horizonBusinessDays: number;
  /** The arrival day's weight relative to a full day (default 0.5: the post comes during the day). */
  arrivalDayWeight: number;
  /** Opening hours and share of each channel (default phone and visit, 8:45–17:30, half each). */
  channels: ChannelProfiles;
}

export const DEFAULT_FORECAST_PARAMETERS: Readonly<ForecastParameters> = Object.freeze({
  inquiryRate: SURVEY.inquiries / SURVEY.formsMailed,
  postalDelayBusinessDays: 2,
  peakDayShare: SURVEY.peakDayInquiries / SURVEY.inquiries,
  horizonBusinessDays: 60,
  arrivalDayWeight: 0.5,
  channels: DEFAULT_CHANNELS,
});

/** Defaults overlaid with `overrides`, checked; throws a 400 naming every wrong parameter. */
export function resolveForecastParameters(overrides: Partial<ForecastParameters> = {}): ForecastParameters {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const p: ForecastParameters = { ...DEFAULT_FORECAST_PARAMETERS, ...defined };
  const errors = new FieldErrors();
  errors.openUnitInterval(p.inquiryRate, 'inquiryRate', '問い合わせ率');
  const delay = errors.count(p.postalDelayBusinessDays, 'postalDelayBusinessDays', '郵送日数（営業日）');
  if (delay !== undefined && delay > 30) {
    errors.add('postalDelayBusinessDays', 'out_of_range', '郵送日数は0〜30営業日で指定してください。');
  }
  errors.throwIfAny('invalid_forecast_parameters', '試算のパラメータに誤りがあります。');
  validateCurveOptions({
    peakDayShare: p.peakDayShare,
    horizonDays: p.horizonBusinessDays,
    arrivalDayWeight: p.arrivalDayWeight,
  }, { peakDayShare: 'peakDayShare', horizonDays: 'horizonBusinessDays', arrivalDayWeight: 'arrivalDayWeight' });
  validateChannels(p.channels);
  return p;
}
