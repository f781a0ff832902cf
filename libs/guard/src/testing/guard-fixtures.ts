/**
 * Test support for the guard: a fixed forecast per scope, the default intraday profile in 15-minute
 * intervals, and feeders that log inquiries at a given multiple of the forecast — evenly (deterministic)
 * or as Poisson counts from a seeded generator. Not part of the library's public API.
 */
import { DEFAULT_CHANNELS, mulberry32, poisson } from '@wavedesk/forecast';
import { dayIntervalShares, type ExpectedLoad } from '../rules/expected-load';
import type { GuardDecision } from '../rules/guard-decision';
import type { GuardDetector } from '../rules/guard-detector';
import { jstDayStartMs } from '../rules/spike-statistic';

export const SAPPORO = '011002';
export const OTOINEPPU = '014702'; // 音威子府村, the smallest village (588 residents)
export const ASAHIKAWA = '012041';

export const MINUTE = 60_000;
export const SHARES_15 = dayIntervalShares(DEFAULT_CHANNELS, 15);

/** A forecast that is the same every day: inquiries a day per municipality, and for the union. */
export function fixedLoad(perDay: Record<string, number>, unionPerDay?: number): ExpectedLoad {
  const union = unionPerDay ?? Object.values(perDay).reduce((s, v) => s + v, 0);
  return {
    daily: (_date, code) => (code === null ? union : (perDay[code] ?? 0)),
    intervalShares: (minutes) => (minutes === 15 ? SHARES_15 : dayIntervalShares(DEFAULT_CHANNELS, minutes)),
  };
}

/** An instant in Japan: `at('2027-04-05', '10:00')`. */
export function at(day: string, hhmm: string): Date {
  const [h, m] = hhmm.split(':').map(Number);
  return new Date(jstDayStartMs(day) + (h * 60 + m) * MINUTE);
}

export interface Feed {
  decisions: GuardDecision[];
  /** Inquiries logged. */
  count: number;
  /** When each was logged (epoch ms), in order: the day's inquiry log. */
  times: number[];
}

/**
 * Logs inquiries for `code` from `from` for `minutes` at `multiplier` × a forecast of `perDay` a day,
 * evenly spaced within each 15-minute interval (carrying fractions over), and ticks at each interval's end.
 */
export function feedEvenly(detector: GuardDetector, code: string, perDay: number, multiplier: number, from: Date, minutes: number): Feed {
  const out: Feed = { decisions: [], count: 0, times: [] };
  const start = from.getTime();
  const end = start + minutes * MINUTE;
  const day = jstDayStartMs(new Date(start + 9 * 3_600_000).toISOString().slice(0, 10));
  let carry = 0;
  for (let t = start; t < end; ) {
    const i = Math.floor((t - day) / (15 * MINUTE));
    const intervalEnd = Math.min(end, day + (i + 1) * 15 * MINUTE);
    const share = SHARES_15[i] * ((intervalEnd - t) / (15 * MINUTE));
    carry += perDay * multiplier * share;
    const n = Math.floor(carry + 1e-9);
    carry -= n;
    for (let j = 0; j < n; j++) {
      const time = t + Math.floor(((j + 0.5) * (intervalEnd - t)) / n);
      out.decisions.push(...detector.observe(code, new Date(time)));
      out.times.push(time);
      out.count++;
    }
    out.decisions.push(...detector.tick(new Date(intervalEnd)));
    t = intervalEnd;
  }
  return out;
}

/** Like feedEvenly, with Poisson counts per interval at uniform random instants (seeded). */
export function feedPoisson(
  detector: GuardDetector,
  code: string,
  perDay: number,
  multiplier: number,
  from: Date,
  minutes: number,
  random: () => number = mulberry32(1),
): Feed {
  const out: Feed = { decisions: [], count: 0, times: [] };
  const start = from.getTime();
  const end = start + minutes * MINUTE;
  const day = jstDayStartMs(new Date(start + 9 * 3_600_000).toISOString().slice(0, 10));
  for (let t = start; t < end; ) {
    const i = Math.floor((t - day) / (15 * MINUTE));
    const intervalEnd = Math.min(end, day + (i + 1) * 15 * MINUTE);
    const mean = perDay * multiplier * SHARES_15[i] * ((intervalEnd - t) / (15 * MINUTE));
    const n = poisson(random, mean);
    const times = Array.from({ length: n }, () => t + Math.floor(random() * (intervalEnd - t))).sort((a, b) => a - b);
    for (const time of times) out.decisions.push(...detector.observe(code, new Date(time)));
    out.times.push(...times);
    out.count += n;
    out.decisions.push(...detector.tick(new Date(intervalEnd)));
    t = intervalEnd;
  }
  return out;
}
