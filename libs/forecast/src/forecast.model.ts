/**
 * The forecast (試算): expected inquiries per municipality per business day and per hour, caused by the
 * waves of a mailing plan.
 *
 *   arrival(w)      = addBusinessDays(mailDate(w), postalDelay)
 *   expected(m, t)  = Σ over waves w of m:  forms(w) · inquiryRate · curve[t − arrival(w)]
 *   expected(m,t,h) = expected(m, t) · hourShare[h]
 *
 * with t counted in business days, `curve` the response curve (response-curve.ts) and `hourShare` the
 * combined intraday profile (intraday-profile.ts). The union's figures are the sums over municipalities.
 * Nothing is rounded here.
 *
 * The curve, the hourly profile and the calendar's business-day numbering are built once per model, so a
 * recomputation after a wave moves is a few array additions: the whole plan of 179 municipalities × 120
 * business days × hours takes about a millisecond (bench/forecast).
 */
import { isValidMunicipalityCode } from '@wavedesk/common';
import { businessCalendar, type BusinessCalendar, type IsoDate, tryDayNumber } from './business-calendar';
import { resolveForecastParameters, type ForecastParameters } from './forecast-parameters';
import { FieldErrors } from './input-checks';
import { hourlyProfile, intervalShares, type Channel, type HourlyProfile } from './intraday-profile';
import { calibrateResponseCurve, type ResponseCurve } from './response-curve';
import type { IntervalLoad } from './staffing';

/** One wave as the forecast sees it: forms mailed to one municipality on one date. */
export interface ForecastWave {
  municipalityCode: string;
  /** The day the forms are handed to the post, `YYYY-MM-DD`. */
  mailDate: IsoDate;
  forms: number;
  /** The caller's id for the wave, echoed in the wave summaries. */
  id?: string;
}

export interface ForecastRange {
  from: IsoDate;
  to: IsoDate;
  /** The municipalities to report rows for, in this order (default: those with waves, by code). Waves of
   *  other municipalities still count in the union's totals. */
  municipalityCodes?: readonly string[];
  /** `hour` (default) also fills the hourly arrays; `day` leaves them empty. */
  granularity?: 'day' | 'hour';
}

export interface WaveSummary {
  id?: string;
  municipalityCode: string;
  mailDate: IsoDate;
  arrivalDate: IsoDate;
  /** The business day with the most inquiries from this wave. */
  peakDate: IsoDate;
  forms: number;
  /** Over the wave's whole response horizon, also outside the range. */
  expectedInquiries: number;
}

/**
 * The plan's forecast over a range of business days, in flat typed arrays (row-major):
 * `daily[m * D + d]`, `hourly[(m * D + d) * H + h]`, `unionDaily[d]`, `unionHourly[d * H + h]`, where
 * D = dates.length and H = hours.length.
 */
export interface PlanForecast {
  from: IsoDate;
  to: IsoDate;
  /** The business days in the range. */
  dates: IsoDate[];
  /** The clock hour each hourly slot starts at (8 … 17 with the default 8:45–17:30). */
  hours: readonly number[];
  municipalityCodes: string[];
  daily: Float64Array;
  hourly: Float64Array;
  unionDaily: Float64Array;
  unionHourly: Float64Array;
  /** The union's expected inquiries over the range. */
  total: number;
  waves: WaveSummary[];
}

/** The longest range a forecast is computed for. */
export const MAX_RANGE_YEARS = 2;

export class ForecastModel {
  readonly parameters: ForecastParameters;
  readonly curve: ResponseCurve;
  readonly profile: HourlyProfile;

  constructor(
    parameters: Partial<ForecastParameters> = {},
    readonly calendar: BusinessCalendar = businessCalendar(),
  ) {
    this.parameters = resolveForecastParameters(parameters);
    this.curve = calibrateResponseCurve({
      peakDayShare: this.parameters.peakDayShare,
      horizonDays: this.parameters.horizonBusinessDays,
      arrivalDayWeight: this.parameters.arrivalDayWeight,
    });
    this.profile = hourlyProfile(this.parameters.channels);
  }

  /** Expected inquiries from `forms` forms over a wave's whole horizon. */
  expectedInquiries(forms: number): number {
    return forms * this.parameters.inquiryRate;
  }

  /** The business day a wave's forms arrive. */
  arrivalDate(mailDate: IsoDate): IsoDate {
    return this.calendar.addBusinessDays(mailDate, this.parameters.postalDelayBusinessDays);
  }

  forecast(waves: readonly ForecastWave[], range: ForecastRange): PlanForecast {
    validateWaves(waves);
    validateRange(range);
    const cal = this.calendar;
    const startOrdinal = cal.ordinalOnOrAfter(range.from);
    const dates = cal.businessDaysInRange(range.from, range.to);
    const D = dates.length;
    const hours = range.granularity === 'day' ? [] : this.profile.hours;
    const H = hours.length;

    const codes = range.municipalityCodes ? [...range.municipalityCodes] : [...new Set(waves.map((w) => w.municipalityCode))].sort();
    const rowOf = new Map<string, number>();
    codes.forEach((code, i) => rowOf.set(code, i));
    const M = codes.length;

    const daily = new Float64Array(M * D);
    const unionDaily = new Float64Array(D);
    const shares = this.curve.shares;
    const horizon = shares.length;
    const rate = this.parameters.inquiryRate;
    const delay = this.parameters.postalDelayBusinessDays;
    const summaries: WaveSummary[] = [];

    for (const wave of waves) {
      // Arrival as an ordinal: `delay` business days after the mail date (the next business day for 0
      // when mailed on a closed day), the same rule as `addBusinessDays`.
      const arrival = delay === 0 ? cal.ordinalOnOrAfter(wave.mailDate) : cal.ordinalOnOrBefore(wave.mailDate) + delay;
      const base = wave.forms * rate;
      const offset = arrival - startOrdinal;
      const row = rowOf.get(wave.municipalityCode);
      const first = Math.max(0, -offset);
      const last = Math.min(horizon, D - offset);
      if (row === undefined) {
        for (let k = first; k < last; k++) unionDaily[offset + k] += base * shares[k];
      } else {
        const rowStart = row * D + offset;
        for (let k = first; k < last; k++) {
          const v = base * shares[k];
          daily[rowStart + k] += v;
          unionDaily[offset + k] += v;
        }
      }
      summaries.push({
        ...(wave.id === undefined ? {} : { id: wave.id }),
        municipalityCode: wave.municipalityCode,
        mailDate: wave.mailDate,
        arrivalDate: cal.dateOfOrdinal(arrival),
        peakDate: cal.dateOfOrdinal(arrival + this.curve.peakDay),
        forms: wave.forms,
        expectedInquiries: base,
      });
    }

    const hourly = new Float64Array(M * D * H);
    const unionHourly = new Float64Array(D * H);
    if (H > 0) {
      const profile = this.profile.shares;
      for (let i = 0, j = 0; i < M * D; i++) {
        const v = daily[i];
        for (let h = 0; h < H; h++) hourly[j++] = v * profile[h];
      }
      for (let d = 0, j = 0; d < D; d++) {
        const v = unionDaily[d];
        for (let h = 0; h < H; h++) unionHourly[j++] = v * profile[h];
      }
    }
    let total = 0;
    for (let d = 0; d < D; d++) total += unionDaily[d];

    return { from: range.from, to: range.to, dates, hours, municipalityCodes: codes, daily, hourly, unionDaily, unionHourly, total, waves: summaries };
  }

  /**
   * A day's expected inquiries for one channel, split into clock intervals (e.g. the union's phone calls
   * per 30 minutes, for Erlang C staffing).
   */
  intervalLoad(dailyInquiries: number, channel: Channel, intervalMinutes = 30): IntervalLoad[] {
    const hours = this.parameters.channels[channel];
    return intervalShares(hours, intervalMinutes).map((i) => ({
      startsAt: i.startsAt,
      endsAt: i.endsAt,
      openMinutes: i.openMinutes,
      inquiries: dailyInquiries * hours.share * i.share,
    }));
  }
}

/** Adds forecasts of the same range and rows (e.g. released waves on the survey's values plus unmailed
 *  waves on recalibrated ones). */
export function sumForecasts(a: PlanForecast, b: PlanForecast): PlanForecast {
  const same =
    a.dates.length === b.dates.length &&
    a.dates[0] === b.dates[0] &&
    a.hours.length === b.hours.length &&
    a.municipalityCodes.join() === b.municipalityCodes.join();
  if (!same) throw new Error('sumForecasts needs forecasts over the same dates, hours and municipalities');
  const add = (x: Float64Array, y: Float64Array) => x.map((v, i) => v + y[i]);
  return {
    ...a,
    daily: add(a.daily, b.daily),
    hourly: add(a.hourly, b.hourly),
    unionDaily: add(a.unionDaily, b.unionDaily),
    unionHourly: add(a.unionHourly, b.unionHourly),
    total: a.total + b.total,
    waves: [...a.waves, ...b.waves],
  };
}

export function validateWaves(waves: readonly ForecastWave[]): void {
  const errors = new FieldErrors();
  if (!Array.isArray(waves)) {
    errors.add('waves', 'not_an_array', '発送の波は配列で指定してください。');
  } else {
    waves.forEach((w, i) => {
      const f = `waves[${i}]`;
      if (typeof w?.municipalityCode !== 'string' || !isValidMunicipalityCode(w.municipalityCode)) {
        errors.add(`${f}.municipalityCode`, 'invalid_municipality_code', '市町村コードは検査数字付きの6桁で指定してください。');
      }
      if (typeof w?.mailDate !== 'string' || tryDayNumber(w.mailDate) === undefined) {
        errors.add(`${f}.mailDate`, 'invalid_date', '発送日は実在する日付（YYYY-MM-DD）で指定してください。');
      }
      errors.count(w?.forms, `${f}.forms`, '発送数');
    });
  }
  errors.throwIfAny('invalid_waves', '発送の波の指定に誤りがあります。');
}

/** from ≤ to, both real dates, at most two years apart; else a 400. */
export function validateRange(range: { from: IsoDate; to: IsoDate }): void {
  const errors = new FieldErrors();
  const from = typeof range?.from === 'string' ? tryDayNumber(range.from) : undefined;
  const to = typeof range?.to === 'string' ? tryDayNumber(range.to) : undefined;
  if (from === undefined) errors.add('from', 'invalid_date', '開始日は実在する日付（YYYY-MM-DD）で指定してください。');
  if (to === undefined) errors.add('to', 'invalid_date', '終了日は実在する日付（YYYY-MM-DD）で指定してください。');
  if (from !== undefined && to !== undefined) {
    if (to < from) errors.add('to', 'ends_before_start', '終了日は開始日以降の日付にしてください。');
    const limit = `${Number(range.from.slice(0, 4)) + MAX_RANGE_YEARS}${range.from.slice(4)}`;
    if (range.to > limit) {
      errors.add('to', 'range_too_long', `期間は${MAX_RANGE_YEARS}年以内で指定してください。`);
    }
  }
  // Outside the holiday data (1970–2050) the calendar answers with its own 400.
  errors.throwIfAny('invalid_range', '期間の指定に誤りがあります。');
}
