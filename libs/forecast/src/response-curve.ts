/**
 * The response curve: which share of one wave's inquiries falls on each business day after its forms
 * arrive (day 0 = the arrival day).
 *
 * Shape: a geometric decay with a half-weight arrival day,
 *
 *   w₀ = a,   w_d = q^d  (d = 1 … H−1),   share_d = w_d / Σ w,
 *
 * with a = `arrivalDayWeight` (default 0.5: letters are delivered during the day, so the arrival day sees
 * about half a day of reaction), H = `horizonDays` (default 60 business days, about three months), and the
 * daily decay q solved so that the largest share equals the calibrated peak-day share exactly
 * (default 2,251 / 47,344; the survey's 2,251 is the sum of each municipality's busiest day, so the curve
 * describes how one municipality's wave plays out). Why this shape: the last mailing gives one figure about
 * timing — the peak day's share — so the curve may have one free parameter; a geometric decay is the simplest curve whose
 * calls come at once and then thin out day by day, it has a meaning a planner can check ("each day brings
 * q times the calls of the day before"; half of what remains comes within ln 2 / −ln q business days), and
 * its one parameter can be re-estimated from live counts. Share_d falls strictly as q grows, so the
 * solution is unique and bisection finds it to the last bit.
 */
import { FieldErrors } from './input-checks';

export interface ResponseCurveOptions {
  /** Share of a wave's inquiries on its busiest day (default 2,251 / 47,344). */
  peakDayShare: number;
  /** Business days the curve covers, arrival day included (default 60). */
  horizonDays: number;
  /** Weight of the arrival day relative to a full day at the same decay (default 0.5). */
  arrivalDayWeight: number;
}

export interface ResponseCurve {
  /** share[d] for d = 0 … horizonDays − 1; sums to 1. */
  readonly shares: Float64Array;
  /** The daily decay q. */
  readonly decay: number;
  /** The largest share (equals the requested peak-day share). */
  readonly peakShare: number;
  /** Business days after arrival of the largest share (1 with the defaults: the day after arrival). */
  readonly peakDay: number;
  /** Business days until half of a wave's inquiries have come in (the median day, counting from 0). */
  readonly medianDay: number;
  readonly horizonDays: number;
  readonly arrivalDayWeight: number;
}

/** The shares of the geometric curve with decay q, normalised to sum to 1. */
export function geometricShares(decay: number, horizonDays: number, arrivalDayWeight: number): Float64Array {
  const shares = new Float64Array(horizonDays);
  let power = 1;
  let sum = 0;
  for (let d = 0; d < horizonDays; d++) {
    shares[d] = d === 0 ? arrivalDayWeight : power;
    sum += shares[d];
    power *= decay;
  }
  for (let d = 0; d < horizonDays; d++) shares[d] /= sum;
  return shares;
}

function peakOf(shares: Float64Array): { share: number; day: number } {
  let day = 0;
  for (let d = 1; d < shares.length; d++) if (shares[d] > shares[day]) day = d;
  return { share: shares[day], day };
}

/** The curve for a given decay q (used by recalibration, which estimates q directly). */
export function responseCurveFromDecay(decay: number, horizonDays: number, arrivalDayWeight: number): ResponseCurve {
  const shares = geometricShares(decay, horizonDays, arrivalDayWeight);
  const peak = peakOf(shares);
  let cumulative = 0;
  let medianDay = horizonDays - 1;
  for (let d = 0; d < horizonDays; d++) {
    cumulative += shares[d];
    if (cumulative >= 0.5) {
      medianDay = d;
      break;
    }
  }
  return { shares, decay, peakShare: peak.share, peakDay: peak.day, medianDay, horizonDays, arrivalDayWeight };
}

/** The smallest peak share a curve over `horizonDays` can have (a flat curve, q = 1). */
export function minimumPeakShare(horizonDays: number, arrivalDayWeight: number): number {
  return Math.max(arrivalDayWeight, 1) / (arrivalDayWeight + horizonDays - 1);
}

/**
 * Solves the decay q so that the curve's peak share is `peakDayShare`. Throws a 400 when no curve over the
 * horizon can have that peak (a peak share at or below the flat curve's, or outside (0, 1)).
 */
export function calibrateResponseCurve(options: ResponseCurveOptions): ResponseCurve {
  validateCurveOptions(options);
  const { peakDayShare, horizonDays, arrivalDayWeight } = options;
  const peakAt = (q: number) => peakOf(geometricShares(q, horizonDays, arrivalDayWeight)).share;
  // peakAt falls strictly from max(a,…)/… at q → 0 to the flat curve's share at q = 1.
  let lo = 0;
  let hi = 1;
  while (true) {
    const mid = (lo + hi) / 2;
    if (mid <= lo || mid >= hi) break;
    if (peakAt(mid) > peakDayShare) lo = mid;
    else hi = mid;
  }
  const q = Math.abs(peakAt(lo) - peakDayShare) <= Math.abs(peakAt(hi) - peakDayShare) ? lo : hi;
  return responseCurveFromDecay(q, horizonDays, arrivalDayWeight);
}

/** Field names to report errors under (the forecast parameters call the horizon `horizonBusinessDays`). */
const CURVE_FIELDS = { peakDayShare: 'peakDayShare', horizonDays: 'horizonDays', arrivalDayWeight: 'arrivalDayWeight' };

export function validateCurveOptions(options: ResponseCurveOptions, fields = CURVE_FIELDS): void {
  const errors = new FieldErrors();
  const horizon = errors.count(options.horizonDays, fields.horizonDays, '反応期間（営業日数）');
  if (horizon !== undefined && (horizon < 2 || horizon > 500)) {
    errors.add(fields.horizonDays, 'out_of_range', '反応期間は2〜500営業日で指定してください。');
  }
  const weight = errors.positive(options.arrivalDayWeight, fields.arrivalDayWeight, '到着日の重み');
  if (weight !== undefined && weight > 1) {
    errors.add(fields.arrivalDayWeight, 'out_of_range', '到着日の重みは0より大きく1以下で指定してください。');
  }
  const peak = errors.openUnitInterval(options.peakDayShare, fields.peakDayShare, 'ピーク日の割合');
  if (peak !== undefined && horizon !== undefined && weight !== undefined && weight <= 1 && horizon >= 2) {
    const floor = minimumPeakShare(horizon, weight);
    if (peak <= floor || peak >= 1) {
      errors.add(
        fields.peakDayShare,
        'out_of_range',
        `ピーク日の割合は、${horizon}営業日の反応期間では ${floor.toFixed(4)} より大きく1未満で指定してください。`,
      );
    }
  }
  errors.throwIfAny('invalid_forecast_parameters', '試算のパラメータに誤りがあります。');
}
