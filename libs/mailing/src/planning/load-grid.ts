/**
 * Incremental forecast arrays for planning: expected inquiries per municipality and business day, and
 * for the union, kept up to date as pieces of waves are added, removed or tried elsewhere.
 *
 * The arithmetic is the forecast library's (ForecastModel.forecast): a wave of `forms` forms arriving on
 * business-day ordinal `arrival` adds `forms × rate × curve[t − arrival]` to day t. Keeping the sums here
 * lets the planner ask "what would the busiest day be if this piece went on that date?" in one pass over
 * the days, without recomputing the whole plan.
 */
import type { ForecastModel, IsoDate } from '@wavedesk/forecast';

export interface DayPeak {
  /** Index into the grid's days (−1 when every day is 0). */
  day: number;
  load: number;
}

/** The business-day ordinal on which forms mailed on `mailDate` arrive (the forecast's own rule). */
export function arrivalOrdinal(model: ForecastModel, mailDate: IsoDate): number {
  const delay = model.parameters.postalDelayBusinessDays;
  const cal = model.calendar;
  return delay === 0 ? cal.ordinalOnOrAfter(mailDate) : cal.ordinalOnOrBefore(mailDate) + delay;
}

export class LoadGrid {
  /** `rows[row * days + d]`: a municipality's expected inquiries on day d. */
  readonly rows: Float64Array;
  readonly union: Float64Array;
  private readonly shares: Float64Array;
  private readonly rate: number;

  /**
   * @param firstOrdinal business-day ordinal of day 0
   * @param days how many business days the grid covers
   */
  constructor(
    model: ForecastModel,
    readonly rowCount: number,
    readonly firstOrdinal: number,
    readonly days: number,
  ) {
    this.rows = new Float64Array(rowCount * days);
    this.union = new Float64Array(days);
    this.shares = model.curve.shares;
    this.rate = model.parameters.inquiryRate;
  }

  /** The grid that covers every day on which waves arriving on these ordinals cause inquiries. */
  static covering(model: ForecastModel, rowCount: number, arrivals: readonly number[]): LoadGrid {
    if (arrivals.length === 0) return new LoadGrid(model, rowCount, 0, 0);
    const first = Math.min(...arrivals);
    const last = Math.max(...arrivals) + model.curve.shares.length - 1;
    return new LoadGrid(model, rowCount, first, last - first + 1);
  }

  /** Adds (or with sign −1 removes) a wave piece; `row` −1 counts only in the union. */
  add(row: number, forms: number, arrival: number, sign: 1 | -1 = 1): void {
    const base = forms * this.rate;
    const offset = arrival - this.firstOrdinal;
    const first = Math.max(0, -offset);
    const last = Math.min(this.shares.length, this.days - offset);
    const rowStart = row * this.days + offset;
    for (let k = first; k < last; k++) {
      const v = sign * (base * this.shares[k]);
      if (row >= 0) this.rows[rowStart + k] += v;
      this.union[offset + k] += v;
    }
  }

  /** The busiest day of a municipality's row as it is; with `row` −1, of the union. */
  peak(row: number): DayPeak {
    return this.trialPeak(row, 0, null, null);
  }

  /**
   * The busiest day of a municipality's row (or with `row` −1, of the union) if `forms` forms arriving on
   * ordinal `from` were taken away and arrived on `to` instead (null: none taken away / none added).
   * The grid is not changed.
   */
  trialPeak(row: number, forms: number, from: number | null, to: number | null): DayPeak {
    const values = row < 0 ? this.union : this.rows;
    const start = row < 0 ? 0 : row * this.days;
    const base = forms * this.rate;
    const horizon = this.shares.length;
    const fromOffset = from === null ? Number.NaN : this.firstOrdinal - from;
    const toOffset = to === null ? Number.NaN : this.firstOrdinal - to;
    let day = -1;
    let load = 0;
    for (let d = 0; d < this.days; d++) {
      let v = values[start + d];
      const kFrom = d + fromOffset;
      if (kFrom >= 0 && kFrom < horizon) v -= base * this.shares[kFrom];
      const kTo = d + toOffset;
      if (kTo >= 0 && kTo < horizon) v += base * this.shares[kTo];
      if (v > load) {
        load = v;
        day = d;
      }
    }
    return { day, load };
  }
}

/** load / capacity, with a capacity of 0 meaning "nothing may come" (Infinity for any load). */
export function loadRatio(load: number, capacity: number): number {
  if (capacity > 0) return load / capacity;
  return load > 0 ? Number.POSITIVE_INFINITY : 0;
}
