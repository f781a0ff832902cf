/**
 * The spike test for one rule and one scope (a municipality or the union): a one-sided Poisson CUSUM that
 * weighs "the inquiries come at k × the forecast" against "they come at the forecast".
 *
 * The forecast gives a rate per clock interval (15 minutes): λᵢ = expected(day) × intervalShare[i] / 15 min.
 * The log-likelihood ratio of k·λ against λ gains ln k with every inquiry and loses (k − 1)·λ·dt as time
 * passes, so the statistic is
 *
 *   S ← max(0, S − (k − 1) · Λ(t_prev, t))     between inquiries (Λ = expected inquiries in that time)
 *   S ← S + ln k                               at each inquiry
 *
 * and the rule trips at the inquiry that lifts S to the threshold h — when, in addition, at least
 * `minCount` inquiries came in the last `windowMinutes`. This is the continuous-time form of the CUSUM over
 * 15-minute counts: it decides at the inquiry instead of waiting for the interval to end.
 *
 * Why it works for small and large scopes alike: each inquiry adds at most ln k (0.69 for k = 2), so a
 * village needs about h / ln k inquiries far above its forecast before anything happens (2 calls where 0.3
 * were expected add 1.4 against h = 7); a city's statistic climbs by (k ln k − k + 1)·λ per unit time
 * while it runs at k × forecast, and drifts down by (k − 1 − ln k)·λ while it runs at the forecast.
 *
 * The statistic starts from 0 every day in Japan (closed hours carry no expectation, so nothing would
 * drift overnight): the state of any day can be rebuilt from that day's inquiry log alone. Inquiries
 * logged while phones and counters are closed (the profile's share is 0) are not part of the test.
 *
 * All state is plain JSON (numbers and strings), so the API can keep it in the database.
 */
import { jstDate, type IsoDate } from '@wavedesk/forecast';
import { scopeFields, tripKey, type GuardDecision, type GuardResume, type GuardTrip } from './guard-decision';
import type { ScopeKey, SpikeRule } from './guard-rule';
import { poissonUpperTail } from './poisson-tail';

export interface SpikeScopeState {
  ruleId: string;
  ruleVersion: number;
  /** `union` or a municipality code. */
  scope: ScopeKey;
  /** The day in Japan the statistics belong to, and its 00:00 (epoch ms). */
  day: IsoDate;
  dayStartMs: number;
  /** The instant (epoch ms) the state has been brought up to. */
  clockMs: number;
  /** Index of the clock interval of `clockMs` within the day. */
  interval: number;
  /** Inquiries so far in the current interval. */
  intervalCount: number;
  /** The CUSUM statistic S (nats). */
  score: number;
  /** When S last was 0 (epoch ms). */
  zeroSinceMs: number;
  /** The current rise of S above 0: since when, inquiries and expected inquiries since. */
  excursion: { startMs: number; actual: number; expected: number } | null;
  /** Inquiries in the previous intervals of the minCount window, oldest first. */
  recent: number[];
  /** Set while the rule holds for this scope. */
  trip: { key: string; atMs: number; mode: 'manual' | 'auto' } | null;
  /** Auto-resume: [inquiries, expected] of the open intervals closed since the trip (today), newest last. */
  resumeWindow: [number, number][];
}

/** What the statistic needs to know besides its state. */
export interface SpikeContext {
  rule: SpikeRule;
  /** The forecast for the scope on a day (before the rule's floor). */
  dailyExpected(day: IsoDate): number;
  /** Share of the day in each interval (1440 / intervalMinutes values). */
  shares: Float64Array;
}

const MINUTE_MS = 60_000;
const JST_OFFSET_MS = 9 * 3_600_000;

/** Epoch ms of 00:00 in Japan on `day`. */
export function jstDayStartMs(day: IsoDate): number {
  return Date.parse(`${day}T00:00:00Z`) - JST_OFFSET_MS;
}

export function newSpikeState(rule: SpikeRule, scope: ScopeKey, atMs: number): SpikeScopeState {
  const day = jstDate(new Date(atMs));
  const start = jstDayStartMs(day);
  return {
    ruleId: rule.id,
    ruleVersion: rule.version,
    scope,
    day,
    dayStartMs: start,
    clockMs: start,
    interval: 0,
    intervalCount: 0,
    score: 0,
    zeroSinceMs: start,
    excursion: null,
    recent: [],
    trip: null,
    resumeWindow: [],
  };
}

/** Expected inquiries in interval `i` of the state's day, after the rule's floor. */
function intervalExpected(s: SpikeScopeState, ctx: SpikeContext, i: number, dayExpected: number): number {
  return Math.max(dayExpected, ctx.rule.params.minExpectedPerDay) * ctx.shares[i];
}

/**
 * Brings the state up to `toMs`: the statistic drifts down with the expected inquiries, intervals close
 * (auto-resume is checked at each), and a new day starts afresh. A resume that falls due goes to `out`.
 * A time before the state's clock is taken as the clock (an inquiry logged late counts now).
 */
export function advanceSpike(s: SpikeScopeState, ctx: SpikeContext, toMs: number, out: GuardDecision[]): void {
  if (toMs <= s.clockMs) return;
  const intervalMs = ctx.rule.params.intervalMinutes * MINUTE_MS;
  const n = ctx.shares.length;
  const k = ctx.rule.params.multiplier;
  let dayStart = s.dayStartMs;
  let dayExpected = ctx.dailyExpected(s.day);
  for (;;) {
    const end = dayStart + (s.interval + 1) * intervalMs;
    const e = intervalExpected(s, ctx, s.interval, dayExpected);
    const until = Math.min(toMs, end);
    // Drift over [clockMs, until) at this interval's rate.
    const rate = e / intervalMs;
    const expected = rate * (until - s.clockMs);
    if (s.trip === null && s.score > 0) {
      const drift = (k - 1) * expected;
      if (drift >= s.score) {
        s.zeroSinceMs = s.clockMs + s.score / ((k - 1) * rate);
        s.score = 0;
        s.excursion = null;
      } else {
        s.score -= drift;
        if (s.excursion) s.excursion.expected += expected;
      }
    }
    s.clockMs = until;
    if (toMs < end) return;
    closeInterval(s, ctx, e, end, out);
    s.interval++;
    if (s.interval >= n) {
      // A new day in Japan: the statistics start again; a trip stays until it is resumed.
      const day = jstDate(new Date(toMs));
      startDay(s, day);
      dayStart = jstDayStartMs(day);
      dayExpected = ctx.dailyExpected(day);
    }
  }
}

function startDay(s: SpikeScopeState, day: IsoDate): void {
  const start = jstDayStartMs(day);
  s.day = day;
  s.dayStartMs = start;
  s.clockMs = start;
  s.interval = 0;
  s.intervalCount = 0;
  s.score = 0;
  s.zeroSinceMs = start;
  s.excursion = null;
  s.recent = [];
  s.resumeWindow = [];
}

function closeInterval(s: SpikeScopeState, ctx: SpikeContext, expected: number, endMs: number, out: GuardDecision[]): void {
  const p = ctx.rule.params;
  const keep = p.windowMinutes / p.intervalMinutes - 1;
  if (keep > 0) {
    s.recent.push(s.intervalCount);
    if (s.recent.length > keep) s.recent.shift();
  }
  const count = s.intervalCount;
  s.intervalCount = 0;
  if (s.trip === null || s.trip.mode !== 'auto' || ctx.shares[s.interval] === 0) return;

  // Hysteresis: resume once the last `forMinutes` of opening hours ran at ≤ belowRatio × forecast.
  const resume = ctx.rule.resume;
  const needed = Math.max(1, Math.ceil(resume.forMinutes / p.intervalMinutes));
  s.resumeWindow.push([count, expected]);
  if (s.resumeWindow.length > needed) s.resumeWindow.shift();
  if (s.resumeWindow.length < needed) return;
  let actual = 0;
  let exp = 0;
  for (const [a, e] of s.resumeWindow) {
    actual += a;
    exp += e;
  }
  if (actual > resume.belowRatio * exp) return;
  const decision: GuardResume = {
    resume: true,
    key: `${s.trip.key}/resume`,
    tripKey: s.trip.key,
    rule: ctx.rule,
    ...scopeFields(s.scope),
    at: new Date(endMs).toISOString(),
    evidence: {
      actual,
      expected: exp,
      score: exp > 0 ? actual / exp : 0,
      threshold: resume.belowRatio,
      windowStart: new Date(endMs - needed * p.intervalMinutes * MINUTE_MS).toISOString(),
      windowEnd: new Date(endMs).toISOString(),
    },
  };
  rearmSpike(s, endMs);
  out.push(decision);
}

/** Ends a trip (resumed by hand or by the rule): the statistic starts again from 0. */
export function rearmSpike(s: SpikeScopeState, atMs: number): void {
  s.trip = null;
  s.score = 0;
  s.excursion = null;
  s.zeroSinceMs = Math.max(atMs, s.clockMs);
  s.resumeWindow = [];
}

/** One logged inquiry at `atMs` (after `advanceSpike` to it). May trip the rule. */
export function observeSpike(s: SpikeScopeState, ctx: SpikeContext, atMs: number, out: GuardDecision[]): void {
  advanceSpike(s, ctx, atMs, out);
  if (ctx.shares[s.interval] === 0) return; // closed hours: not part of the test
  s.intervalCount++;
  if (s.trip !== null) return;

  const p = ctx.rule.params;
  const at = s.clockMs;
  if (s.score === 0 || s.excursion === null) {
    const intervalMs = p.intervalMinutes * MINUTE_MS;
    const intervalStart = s.dayStartMs + s.interval * intervalMs;
    const start = Math.max(s.zeroSinceMs, intervalStart);
    const rate = intervalExpected(s, ctx, s.interval, ctx.dailyExpected(s.day)) / intervalMs;
    s.excursion = { startMs: start, actual: 0, expected: rate * (at - start) };
  }
  s.score += Math.log(p.multiplier);
  s.excursion.actual++;
  if (s.score < p.threshold) return;
  let windowCount = s.intervalCount;
  for (const c of s.recent) windowCount += c;
  if (windowCount < p.minCount) return;

  const key = tripKey(ctx.rule, s.scope, at);
  const trip: GuardTrip = {
    trip: true,
    key,
    rule: ctx.rule,
    ...scopeFields(s.scope),
    at: new Date(at).toISOString(),
    evidence: {
      actual: s.excursion.actual,
      expected: s.excursion.expected,
      score: s.score,
      threshold: p.threshold,
      windowStart: new Date(s.excursion.startMs).toISOString(),
      windowEnd: new Date(at).toISOString(),
      pValue: poissonUpperTail(s.excursion.actual, s.excursion.expected),
    },
  };
  s.trip = { key, atMs: at, mode: ctx.rule.resume.mode };
  s.score = 0;
  s.excursion = null;
  s.resumeWindow = [];
  out.push(trip);
}

/** True when the state says nothing a fresh one would not (no trip, S = 0, no inquiries in the window). */
export function isIdleSpike(s: SpikeScopeState): boolean {
  return s.trip === null && s.score === 0 && s.intervalCount === 0 && s.recent.every((c) => c === 0);
}
