/**
 * A day's staffing: the forecast phone calls per interval, each run through Erlang C.
 */
import type { IsoDate } from './business-calendar';
import { erlangC, ERLANG_C_DEFAULTS, type ErlangCInput, type ErlangCResult } from './erlang-c';
import type { ForecastModel, ForecastWave } from './forecast.model';
import { FieldErrors } from './input-checks';
import type { Channel } from './intraday-profile';

export interface IntervalLoad {
  startsAt: string;
  endsAt: string;
  /** Minutes of the interval the line is open (15 for 8:30–9:00 with an 8:45 opening). */
  openMinutes: number;
  inquiries: number;
}

export interface StaffingInterval extends ErlangCResult {
  startsAt: string;
  endsAt: string;
  calls: number;
}

export type StaffingGoal = Omit<ErlangCInput, 'callsPerInterval' | 'intervalMinutes'>;

/** Operators needed per interval. A partly open interval is sized on its open minutes. */
export function staffingPlan(intervals: readonly IntervalLoad[], goal: StaffingGoal = {}): StaffingInterval[] {
  return intervals.map((i) => ({
    startsAt: i.startsAt,
    endsAt: i.endsAt,
    calls: i.inquiries,
    ...erlangC({ ...goal, callsPerInterval: i.inquiries, intervalMinutes: i.openMinutes }),
  }));
}

export interface DayStaffing {
  date: IsoDate;
  /** Why the line is closed that day (土曜日, a holiday's name, 年末年始), or null when open. */
  closedReason: string | null;
  /** The union's expected inquiries that day, all channels. */
  expectedInquiries: number;
  channel: Channel;
  intervals: StaffingInterval[];
}

/**
 * The union's staffing for one day of the plan (`GET /api/staffing?date=`): the forecast for that day,
 * the channel's share split into intervals, each sized with Erlang C.
 */
export function staffingForDay(
  model: ForecastModel,
  waves: readonly ForecastWave[],
  date: IsoDate,
  goal: StaffingGoal = {},
  channel: Channel = 'phone',
  intervalMinutes = 30,
): DayStaffing {
  const closedReason = model.calendar.closedReason(date);
  if (closedReason !== null) return { date, closedReason, expectedInquiries: 0, channel, intervals: [] };
  const f = model.forecast(waves, { from: date, to: date, municipalityCodes: [], granularity: 'day' });
  const expectedInquiries = f.unionDaily[0];
  const intervals = staffingPlan(model.intervalLoad(expectedInquiries, channel, intervalMinutes), goal);
  return { date, closedReason, expectedInquiries, channel, intervals };
}

/** The fewest logged handling times before their average replaces the default (6 minutes). */
export const MIN_AHT_SAMPLES = 30;

/**
 * The average handling time to plan with: the mean of logged call durations once there are at least
 * `minSamples` of them, else the default. Durations ≤ 0 or above two hours are treated as logging
 * mistakes and left out.
 */
export function averageHandlingTime(
  durationsSeconds: readonly number[],
  minSamples = MIN_AHT_SAMPLES,
  fallbackSeconds: number = ERLANG_C_DEFAULTS.ahtSeconds,
): { ahtSeconds: number; samples: number; source: 'logged' | 'default' } {
  const errors = new FieldErrors();
  errors.count(minSamples, 'minSamples', '必要な件数');
  errors.positive(fallbackSeconds, 'fallbackSeconds', '既定の平均処理時間（秒）');
  errors.throwIfAny('invalid_aht', '平均処理時間の入力内容に誤りがあります。');
  const usable = durationsSeconds.filter((d) => Number.isFinite(d) && d > 0 && d <= 7200);
  if (usable.length < minSamples || usable.length === 0) {
    return { ahtSeconds: fallbackSeconds, samples: usable.length, source: 'default' };
  }
  return { ahtSeconds: usable.reduce((s, d) => s + d, 0) / usable.length, samples: usable.length, source: 'logged' };
}
