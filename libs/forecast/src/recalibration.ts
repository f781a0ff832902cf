/**
 * Recalibration: re-estimates the inquiry rate and the response curve's daily decay from the inquiries
 * actually logged for released waves, and compares the survey's forecast with the recalibrated one.
 *
 * Each (municipality, business day) count y is taken as Poisson with mean r · E(q), where
 * E(q) = Σ forms · curve_q[day − arrival] over the municipality's waves. The survey enters as a prior
 * worth `priorStrength` inquiries (default 500):
 *
 *   rate:  Gamma(shape s + 1, rate s / r₀)            — its mode is the survey's rate r₀
 *   decay: s · Σ_d curve₀[d] · ln curve_q[d]           — as if s inquiries had come in on the survey's curve
 *
 * For a given q the best rate has a closed form, r̂(q) = (s + Σy) / (s / r₀ + Σ E(q)): the survey's
 * s inquiries over s / r₀ forms, plus what has been seen over the forms that could have caused it.
 * q is then found by golden-section search on the remaining one-dimensional log posterior.
 * With 50 inquiries seen, r̂ stays close to r₀; with thousands, the data decide.
 */
import { businessCalendar, type BusinessCalendar, type IsoDate, tryDayNumber } from './business-calendar';
import { resolveForecastParameters, type ForecastParameters } from './forecast-parameters';
import { validateWaves, type ForecastWave } from './forecast.model';
import { FieldErrors } from './input-checks';
import { calibrateResponseCurve, responseCurveFromDecay } from './response-curve';

/** Inquiries logged for one municipality on one day. */
export interface ActualCount {
  municipalityCode: string;
  date: IsoDate;
  count: number;
}

export interface RecalibrationInput {
  /** The released waves the counts belong to. */
  waves: readonly ForecastWave[];
  /** Logged inquiries per municipality and day; a missing (municipality, day) means 0. */
  actuals: readonly ActualCount[];
  /** The last business day whose counts are complete. */
  asOf: IsoDate;
  /** The survey's parameters, the prior (default: the calibrated defaults). */
  parameters?: Partial<ForecastParameters>;
  /** How many inquiries the survey's values weigh (default 500). */
  priorStrength?: number;
  /** How sure the survey's curve is: the standard deviation of the response half-life on the log scale
   *  (default 0.5, i.e. the half-life believed within a factor of about 1.65 either way). */
  halfLifeLogSd?: number;
  /** Also re-estimate the curve's decay (default true); otherwise only the rate. */
  estimateCurve?: boolean;
}

export interface ErrorRow {
  actual: number;
  survey: number;
  recalibrated: number;
  /** Σ|actual − forecast| / Σ actual; null when nothing was logged. */
  wapeSurvey: number | null;
  wapeRecalibrated: number | null;
}

export interface RecalibrationResult {
  asOf: IsoDate;
  /** Inquiries used for the estimate. */
  observedInquiries: number;
  /** Logged inquiries the released waves cannot explain (other municipalities, before arrival, closed
   *  days, after `asOf`); left out of the estimate. */
  ignoredInquiries: number;
  prior: { inquiryRate: number; decay: number; peakDayShare: number };
  estimate: {
    inquiryRate: number;
    decay: number;
    peakDayShare: number;
    /** 90 % credible interval of the rate (for the estimated decay). */
    inquiryRateInterval90: [number, number];
  };
  /** The survey's parameters with the estimated rate and peak-day share: feed these to `ForecastModel`
   *  for waves not yet mailed when the recalibration switch is on. */
  parameters: ForecastParameters;
  comparison: {
    total: ErrorRow;
    byDay: (ErrorRow & { date: IsoDate })[];
    byMunicipality: (ErrorRow & { municipalityCode: string })[];
  };
}

export const DEFAULT_PRIOR_STRENGTH = 500;
export const DEFAULT_HALF_LIFE_LOG_SD = 0.5;
const DECAY_SEARCH = [0.2, 0.9995] as const;

export function recalibrate(input: RecalibrationInput, calendar: BusinessCalendar = businessCalendar()): RecalibrationResult {
  const { priorStrength, halfLifeLogSd, estimateCurve } = validate(input);
  const prior = resolveForecastParameters(input.parameters);
  const priorCurve = calibrateResponseCurve({
    peakDayShare: prior.peakDayShare,
    horizonDays: prior.horizonBusinessDays,
    arrivalDayWeight: prior.arrivalDayWeight,
  });
  const H = prior.horizonBusinessDays;
  const r0 = prior.inquiryRate;

  // The grid: municipalities with waves × business days from the first arrival to asOf.
  const codes = [...new Set(input.waves.map((w) => w.municipalityCode))].sort();
  const rowOf = new Map(codes.map((c, i) => [c, i]));
  const waves = input.waves.map((w) => ({
    row: rowOf.get(w.municipalityCode)!,
    forms: w.forms,
    arrival: calendar.ordinalOnOrBefore(w.mailDate) + prior.postalDelayBusinessDays,
  }));
  const start = waves.length ? Math.min(...waves.map((w) => w.arrival)) : 0;
  const end = calendar.ordinalOnOrBefore(input.asOf);
  const M = codes.length;
  const T = Math.max(0, end - start + 1);

  const covered = new Uint8Array(M * T);
  for (const w of waves) {
    for (let k = 0; k < H; k++) {
      const t = w.arrival + k - start;
      if (t >= 0 && t < T) covered[w.row * T + t] = 1;
    }
  }
  const actual = new Float64Array(M * T);
  let ignoredInquiries = 0;
  let observedInquiries = 0;
  for (const a of input.actuals) {
    const row = rowOf.get(a.municipalityCode);
    const open = calendar.isBusinessDay(a.date);
    const t = open ? calendar.ordinalOnOrAfter(a.date) - start : -1;
    if (row === undefined || !open || t < 0 || t >= T) {
      ignoredInquiries += a.count;
      continue;
    }
    actual[row * T + t] += a.count;
    if (covered[row * T + t]) observedInquiries += a.count;
    else ignoredInquiries += a.count;
  }

  const exposureFor = (decay: number): Float64Array => {
    const shares = responseCurveFromDecay(decay, H, prior.arrivalDayWeight).shares;
    const e = new Float64Array(M * T);
    for (const w of waves) {
      const first = Math.max(0, start - w.arrival);
      const last = Math.min(H, T + start - w.arrival);
      const base = w.row * T + w.arrival - start;
      for (let k = first; k < last; k++) e[base + k] += w.forms * shares[k];
    }
    return e;
  };
  const rateFor = (exposure: Float64Array): number => {
    let x = 0;
    for (let i = 0; i < exposure.length; i++) if (covered[i]) x += exposure[i];
    return (priorStrength + observedInquiries) / (priorStrength / r0 + x);
  };
  // The shape of the counts over municipalities and days, given their total, is multinomial with
  // probabilities E(q) / ΣE(q): it says which q fits the timing whatever the rate. Estimating q from it
  // alone keeps the rate's prior from leaking into the curve (a low prior rate would otherwise pull the
  // curve towards an early peak to explain the counts with fewer inquiries in total).
  const logShapePosterior = (decay: number): number => {
    const e = exposureFor(decay);
    let ll = 0;
    let x = 0;
    for (let i = 0; i < e.length; i++) {
      if (!covered[i]) continue;
      x += e[i];
      if (actual[i] > 0) ll += actual[i] * Math.log(e[i]);
    }
    const z = (Math.log(halfLife(decay)) - Math.log(halfLife(priorCurve.decay))) / halfLifeLogSd;
    return ll - observedInquiries * Math.log(x) - (z * z) / 2;
  };

  const decay = estimateCurve && observedInquiries > 0 ? goldenSectionMax(logShapePosterior, DECAY_SEARCH[0], DECAY_SEARCH[1]) : priorCurve.decay;
  const curve = decay === priorCurve.decay ? priorCurve : responseCurveFromDecay(decay, H, prior.arrivalDayWeight);
  const exposure = exposureFor(decay);
  const rate = rateFor(exposure);
  const shape = priorStrength + observedInquiries + 1;
  const rateScale = rate / (shape - 1); // 1 / (Gamma rate parameter)

  const surveyExposure = exposureFor(priorCurve.decay);
  const survey = surveyExposure.map((e, i) => (covered[i] ? e * r0 : 0));
  const recalibrated = exposure.map((e, i) => (covered[i] ? e * rate : 0));

  return {
    asOf: input.asOf,
    observedInquiries,
    ignoredInquiries,
    prior: { inquiryRate: r0, decay: priorCurve.decay, peakDayShare: priorCurve.peakShare },
    estimate: {
      inquiryRate: rate,
      decay,
      peakDayShare: curve.peakShare,
      inquiryRateInterval90: [gammaQuantile(shape, 0.05) * rateScale, gammaQuantile(shape, 0.95) * rateScale],
    },
    parameters: { ...prior, inquiryRate: rate, peakDayShare: curve.peakShare },
    comparison: compare(codes, M, T, start, calendar, actual, survey, recalibrated),
  };
}

/** WAPE = Σ|A − F| / ΣA, per day, per municipality and in total. */
function compare(
  codes: string[],
  M: number,
  T: number,
  start: number,
  calendar: BusinessCalendar,
  actual: Float64Array,
  survey: Float64Array,
  recalibrated: Float64Array,
): RecalibrationResult['comparison'] {
  const sums = () => ({ actual: 0, survey: 0, recalibrated: 0, errSurvey: 0, errRecalibrated: 0 });
  const byDay = Array.from({ length: T }, sums);
  const byMunicipality = Array.from({ length: M }, sums);
  const total = sums();
  for (let m = 0; m < M; m++) {
    for (let t = 0; t < T; t++) {
      const i = m * T + t;
      for (const s of [byDay[t], byMunicipality[m], total]) {
        s.actual += actual[i];
        s.survey += survey[i];
        s.recalibrated += recalibrated[i];
        s.errSurvey += Math.abs(actual[i] - survey[i]);
        s.errRecalibrated += Math.abs(actual[i] - recalibrated[i]);
      }
    }
  }
  const row = (s: ReturnType<typeof sums>): ErrorRow => ({
    actual: s.actual,
    survey: s.survey,
    recalibrated: s.recalibrated,
    wapeSurvey: s.actual > 0 ? s.errSurvey / s.actual : null,
    wapeRecalibrated: s.actual > 0 ? s.errRecalibrated / s.actual : null,
  });
  return {
    total: row(total),
    byDay: byDay.map((s, t) => ({ date: calendar.dateOfOrdinal(start + t), ...row(s) })),
    byMunicipality: byMunicipality.map((s, m) => ({ municipalityCode: codes[m], ...row(s) })),
  };
}

/** The maximum of a unimodal function on [lo, hi], to about 1e-9. */
function goldenSectionMax(f: (x: number) => number, lo: number, hi: number): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  while (b - a > 1e-9) {
    if (fc > fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2;
}

/** Quantile of Gamma(shape, 1) by Wilson–Hilferty; accurate to well under 0.1 % for shape ≥ 50. */
function gammaQuantile(shape: number, p: number): number {
  const z = normalQuantile(p);
  const v = 1 / (9 * shape);
  return shape * Math.pow(Math.max(0, 1 - v + z * Math.sqrt(v)), 3);
}

/** Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.928510446969, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** Business days for a wave's daily inquiries to halve: ln 2 / −ln q. */
export function halfLife(decay: number): number {
  return Math.log(2) / -Math.log(decay);
}

function validate(input: RecalibrationInput): { priorStrength: number; halfLifeLogSd: number; estimateCurve: boolean } {
  validateWaves(input.waves);
  const errors = new FieldErrors();
  if (typeof input.asOf !== 'string' || tryDayNumber(input.asOf) === undefined) {
    errors.add('asOf', 'invalid_date', '集計日は実在する日付（YYYY-MM-DD）で指定してください。');
  }
  const priorStrength = errors.positive(input.priorStrength ?? DEFAULT_PRIOR_STRENGTH, 'priorStrength', '事前情報の重み（件数）');
  const halfLifeLogSd = errors.positive(input.halfLifeLogSd ?? DEFAULT_HALF_LIFE_LOG_SD, 'halfLifeLogSd', '半減期の不確かさ');
  if (!Array.isArray(input.actuals)) {
    errors.add('actuals', 'not_an_array', '実績は配列で指定してください。');
  } else {
    input.actuals.forEach((a, i) => {
      if (typeof a?.date !== 'string' || tryDayNumber(a.date) === undefined) {
        errors.add(`actuals[${i}].date`, 'invalid_date', '日付は実在する日付（YYYY-MM-DD）で指定してください。');
      }
      if (typeof a?.municipalityCode !== 'string') {
        errors.add(`actuals[${i}].municipalityCode`, 'required', '市町村コードを指定してください。');
      }
      errors.count(a?.count, `actuals[${i}].count`, '件数');
    });
  }
  errors.throwIfAny('invalid_recalibration', '再推定の入力内容に誤りがあります。');
  return { priorStrength: priorStrength!, halfLifeLogSd: halfLifeLogSd!, estimateCurve: input.estimateCurve ?? true };
}
