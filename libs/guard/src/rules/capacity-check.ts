/**
 * The capacity test: will the coming business days, with the next wave added, bring more inquiries than
 * can be answered?
 *
 * - Union (call center): the union's forecast per day, its phone share split into 30-minute intervals,
 *   each sized with Erlang C; the day's capacity is the most inquiries for which no interval needs more
 *   operators than are on duty that day.
 * - Municipality (counter): the municipality's forecast per day against its counter capacity per day.
 *
 * Only days on which the next wave adds load count: if released waves alone exceed a capacity, holding the
 * next wave cannot help there (the dashboard shows that load anyway). The next wave is the earliest wave not
 * yet released for a union rule, and the earliest one that includes the municipality for a municipality rule.
 */
import { erlangC, type ForecastModel, type ForecastWave, type IsoDate, type StaffingGoal } from '@wavedesk/forecast';
import type { CapacityDetail } from './guard-decision';
import type { CapacityParams } from './guard-rule';

/** A wave not yet released (planned, approved or held), as the forecast needs it. */
export interface UpcomingWave {
  id: string;
  mailDate: IsoDate;
  /** One forecast wave per municipality in it. */
  members: readonly ForecastWave[];
}

export interface CapacityContext {
  model: ForecastModel;
  /** Waves whose forms are out or going out (released, writing, done): their inquiries will come. */
  releasedWaves: readonly ForecastWave[];
  /** Waves not yet released, in any order. */
  upcomingWaves: readonly UpcomingWave[];
  /** Operators on the union's phones on a day (before shrinkage, as Erlang C counts them). */
  operatorsOnDuty(date: IsoDate): number;
  /** Inquiries a day a municipality's counter can take; undefined for no limit. */
  counterCapacity(municipalityCode: string): number | undefined;
}

/** One scope's worst day within the horizon. */
export interface CapacityFinding {
  /** `union` or the municipality's code. */
  scope: string;
  /** The largest load / capacity over the days the next wave adds to (0 when it adds to none). */
  ratio: number;
  load: number;
  capacity: number;
  detail: CapacityDetail;
}

const goalOf = (p: CapacityParams): StaffingGoal => ({ serviceLevel: p.serviceLevel, targetSeconds: p.targetSeconds, ahtSeconds: p.ahtSeconds });

/** Operators Erlang C asks for in the busiest phone interval of a day with `dailyInquiries` (all channels). */
export function operatorsNeeded(model: ForecastModel, dailyInquiries: number, p: CapacityParams): number {
  let most = 0;
  for (const i of model.intervalLoad(dailyInquiries, 'phone', p.intervalMinutes)) {
    const { agents } = erlangC({ ...goalOf(p), callsPerInterval: i.inquiries, intervalMinutes: i.openMinutes });
    if (agents > most) most = agents;
  }
  return most;
}

/**
 * The most inquiries a day (all channels, as the forecast counts them) that `operators` can answer at the
 * service-level goal in every interval. Whole inquiries; found by doubling, then halving the gap.
 */
export function callCenterCapacity(model: ForecastModel, operators: number, p: CapacityParams): number {
  if (!(operators > 0)) return 0;
  const copes = (n: number) => operatorsNeeded(model, n, p) <= operators;
  let low = 0;
  let high = 1;
  while (copes(high)) {
    low = high;
    high *= 2;
    if (high > 1e8) return low;
  }
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (copes(mid)) low = mid;
    else high = mid;
  }
  return low;
}

function earliest(waves: readonly UpcomingWave[], filter: (w: UpcomingWave) => boolean): UpcomingWave[] {
  let date: IsoDate | undefined;
  for (const w of waves) if (filter(w) && (date === undefined || w.mailDate < date)) date = w.mailDate;
  return date === undefined ? [] : waves.filter((w) => filter(w) && w.mailDate === date);
}

function horizon(model: ForecastModel, today: IsoDate, days: number): { from: IsoDate; to: IsoDate } {
  const cal = model.calendar;
  const from = cal.isBusinessDay(today) ? today : cal.nextBusinessDay(today);
  return { from, to: cal.addBusinessDays(from, days - 1) };
}

/** The union's forecast depends only on mail dates and forms: one wave per mail date gives the same totals, faster. */
function byMailDate(waves: readonly ForecastWave[]): ForecastWave[] {
  const merged = new Map<IsoDate, ForecastWave>();
  for (const w of waves) {
    const m = merged.get(w.mailDate);
    if (m) m.forms += w.forms;
    else merged.set(w.mailDate, { municipalityCode: w.municipalityCode, mailDate: w.mailDate, forms: w.forms });
  }
  return [...merged.values()];
}

const ratioOf = (load: number, capacity: number) => (capacity > 0 ? load / capacity : load > 0 ? Number.POSITIVE_INFINITY : 0);
const EPS = 1e-9;

/** The call center's worst day over the horizon with the next wave added; null when nothing is upcoming. */
export function unionCapacityFinding(
  ctx: CapacityContext,
  today: IsoDate,
  p: CapacityParams,
  capacityCache: Map<number, number> = new Map(),
): CapacityFinding | null {
  const next = earliest(ctx.upcomingWaves, () => true);
  if (next.length === 0) return null;
  const range = horizon(ctx.model, today, p.horizonBusinessDays);
  const released = byMailDate(ctx.releasedWaves);
  const without = ctx.model.forecast(released, { ...range, municipalityCodes: [], granularity: 'day' });
  const withNext = ctx.model.forecast([...released, ...byMailDate(next.flatMap((w) => w.members))], { ...range, municipalityCodes: [], granularity: 'day' });
  const nextWaveId = next.map((w) => w.id).join(',');
  let worst = -1;
  let worstRatio = -1;
  const capacities: number[] = [];
  withNext.dates.forEach((date, d) => {
    const operators = ctx.operatorsOnDuty(date);
    let capacity = capacityCache.get(operators);
    if (capacity === undefined) {
      capacity = callCenterCapacity(ctx.model, operators, p);
      capacityCache.set(operators, capacity);
    }
    capacities.push(capacity);
    const load = withNext.unionDaily[d];
    const ratio = load > without.unionDaily[d] + EPS ? ratioOf(load, capacity) : 0;
    if (ratio > worstRatio) {
      worst = d;
      worstRatio = ratio;
    }
  });
  if (worst < 0) return null;
  const date = withNext.dates[worst];
  const load = withNext.unionDaily[worst];
  return {
    scope: 'union',
    ratio: worstRatio,
    load,
    capacity: capacities[worst],
    detail: {
      date,
      nextWaveId,
      loadWithoutNextWave: without.unionDaily[worst],
      operatorsNeeded: operatorsNeeded(ctx.model, load, p),
      operatorsOnDuty: ctx.operatorsOnDuty(date),
    },
  };
}

/**
 * Each municipality's worst day over the horizon with its next wave added, for the municipalities in a
 * wave not yet released (and with a counter capacity) that `applies` says the rule watches.
 */
export function counterCapacityFindings(
  ctx: CapacityContext,
  today: IsoDate,
  p: CapacityParams,
  applies: (municipalityCode: string) => boolean,
): CapacityFinding[] {
  const nextOf = new Map<string, { wave: UpcomingWave; member: ForecastWave }>();
  for (const w of ctx.upcomingWaves) {
    for (const m of w.members) {
      const code = m.municipalityCode;
      if (!applies(code) || ctx.counterCapacity(code) === undefined) continue;
      const seen = nextOf.get(code);
      if (!seen || w.mailDate < seen.wave.mailDate) nextOf.set(code, { wave: w, member: m });
      else if (seen.wave.mailDate === w.mailDate && seen.wave.id !== w.id) {
        nextOf.set(code, { wave: seen.wave, member: { ...seen.member, forms: seen.member.forms + m.forms } });
      }
    }
  }
  if (nextOf.size === 0) return [];
  const codes = [...nextOf.keys()].sort();
  const range = horizon(ctx.model, today, p.horizonBusinessDays);
  const without = ctx.model.forecast(ctx.releasedWaves, { ...range, municipalityCodes: codes, granularity: 'day' });
  const withNext = ctx.model.forecast([...ctx.releasedWaves, ...codes.map((c) => nextOf.get(c)!.member)], {
    ...range,
    municipalityCodes: codes,
    granularity: 'day',
  });
  const D = withNext.dates.length;
  return codes.map((code, m) => {
    const capacity = ctx.counterCapacity(code)!;
    let worst: CapacityFinding | null = null;
    for (let d = 0; d < D; d++) {
      const load = withNext.daily[m * D + d];
      const base = without.daily[m * D + d];
      const ratio = load > base + EPS ? ratioOf(load, capacity) : 0;
      if (worst === null || ratio > worst.ratio) {
        worst = { scope: code, ratio, load, capacity, detail: { date: withNext.dates[d], nextWaveId: nextOf.get(code)!.wave.id, loadWithoutNextWave: base } };
      }
    }
    return worst!;
  });
}
