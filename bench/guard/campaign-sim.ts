/**
 * One simulated campaign on a simulated clock with 15-minute steps, with the guard on or off.
 *
 * Each business day:
 *  - 08:00  the capacity rules run (guard on); then the waves due that day are released — unless held: a
 *           held wave is moved later by the planned spacing (5 business days) and the waves after it keep
 *           their spacing. A supervisor resumes a hold of a `manual` rule at that moment (and acknowledges a
 *           manual trip that held nothing the morning after it); `auto` holds wait for their rule to resume.
 *  - 8:45–17:30, every 15 minutes: each municipality's inquiries are drawn as Poisson counts around the
 *           forecast (daily × the interval's share) times the scenario's multiplier, placed at uniform random
 *           instants in the interval, and fed to the detector in time order; trips hold the waves
 *           `wavesToHold` names; `tick` at the interval's end brings auto-resumes.
 * The forecast the detector compares with follows the plan as it is (recomputed whenever a wave moves).
 */
import {
  addBusinessDays,
  ForecastModel,
  mulberry32,
  poisson,
  type ForecastWave,
  type IsoDate,
  type PlanForecast,
} from '@wavedesk/forecast';
import {
  callCenterCapacity,
  expectedLoadFromForecast,
  GuardDetector,
  isTrip,
  jstDayStartMs,
  operatorsNeeded,
  wavesToHold,
  type CapacityParams,
  type GuardDecision,
  type GuardRule,
  type UpcomingWave,
} from '@wavedesk/guard';
import { SPACING_BUSINESS_DAYS, type CampaignPlan } from './campaign-plan';

const MINUTE = 60_000;
const INTERVAL = 15 * MINUTE;

/** What a scenario changes: inquiry multipliers, operators on duty, and when its spike starts. */
export interface ScenarioInstance {
  /** Multiplier on the forecast for municipality index `m` in interval `i` of `date`. */
  multiplier(m: number, date: IsoDate, interval: number): number;
  /** Operators on duty on `date`, given the full roster. */
  operators(date: IsoDate, full: number): number;
  /** The spike the delay is measured for: when it starts and which scope should trip. */
  spike?: { startMs: number; scope: string };
}

export interface Scenario {
  name: string;
  describe: string;
  /** Draws this campaign's instance (dates, start times) with the campaign's generator. */
  instance(random: () => number, setup: CampaignSetup): ScenarioInstance;
}

/** Built once per run: the plan, the model, the planned forecast and the roster. */
export interface CampaignSetup {
  plan: CampaignPlan;
  model: ForecastModel;
  codes: string[];
  range: { from: IsoDate; to: IsoDate };
  planned: PlanForecast;
  /** Operators on duty with everyone there: what Erlang C asks for on the planned forecast's busiest day. */
  fullOperators: number;
  capacityParams: CapacityParams;
}

export interface SimResult {
  trips: { ruleId: string; scope: string; atMs: number; held: number }[];
  holds: number;
  /** Times a held wave reached its mail date and was moved later. */
  postponements: number;
  /** The scenario has a spike whose delay is measured. */
  spikeMeasured: boolean;
  /** Minutes from the scenario's spike start to the first trip for its scope (open minutes); null if none. */
  delayMinutes: number | null;
  /** The scope was already held when the spike started. */
  alreadyTripped: boolean;
  /** Logged inquiries per business day, union, and the call center's capacity that day. */
  days: { date: IsoDate; load: number; capacity: number }[];
  lastMailDate: IsoDate;
}

interface SimWave {
  id: string;
  seq: number;
  mailDate: IsoDate;
  members: ForecastWave[];
  status: 'planned' | 'held' | 'released';
  heldBy: Map<string, { ruleId: string; scope: string; mode: 'manual' | 'auto' }>;
}

export function makeSetup(plan: CampaignPlan, capacityParams: CapacityParams): CampaignSetup {
  const model = new ForecastModel();
  const codes = plan.municipalities.map((m) => m.code);
  const range = { from: plan.waves[0].mailDate, to: addBusinessDays(plan.waves[0].mailDate, 200) };
  const planned = model.forecast(plan.waves.flatMap((w) => w.members), { ...range, municipalityCodes: codes, granularity: 'day' });
  let peak = 0;
  for (const v of planned.unionDaily) peak = Math.max(peak, v);
  return { plan, model, codes, range, planned, fullOperators: operatorsNeeded(model, peak, capacityParams), capacityParams };
}

/** Open minutes (8:45–17:30 business days) between two instants. */
export function openMinutesBetween(setup: CampaignSetup, fromMs: number, toMs: number): number {
  const shares = expectedLoadFromForecast(setup.planned, setup.model.parameters.channels).intervalShares(15);
  let minutes = 0;
  for (let t = fromMs - (fromMs % INTERVAL); t < toMs; t += INTERVAL) {
    const day = new Date(t + 9 * 3_600_000).toISOString().slice(0, 10);
    if (!setup.model.calendar.isBusinessDay(day)) continue;
    const i = Math.floor((t - jstDayStartMs(day)) / INTERVAL);
    if (shares[i] === 0) continue;
    minutes += (Math.min(toMs, t + INTERVAL) - Math.max(fromMs, t)) / MINUTE;
  }
  return minutes;
}

export function simulateCampaign(
  setup: CampaignSetup,
  scenario: Scenario,
  seed: number,
  guard: { rules: readonly GuardRule[] } | null,
): SimResult {
  const { model, codes, plan } = setup;
  const cal = model.calendar;
  const scenarioRandom = mulberry32(seed * 2 + 1);
  const random = mulberry32(seed * 2 + 2);
  const inst = scenario.instance(scenarioRandom, setup);
  const waves: SimWave[] = plan.waves.map((w) => ({ id: w.id, seq: w.seq, mailDate: w.mailDate, members: w.members, status: 'planned', heldBy: new Map() }));
  const channels = model.parameters.channels;
  const M = codes.length;

  let forecast = setup.planned;
  let D = forecast.dates.length;
  let dateIndex = new Map(forecast.dates.map((d, i) => [d, i]));
  const recompute = () => {
    const members = waves.flatMap((w) => w.members.map((m) => ({ ...m, mailDate: w.mailDate })));
    forecast = model.forecast(members, { ...setup.range, municipalityCodes: codes, granularity: 'day' });
    D = forecast.dates.length;
    dateIndex = new Map(forecast.dates.map((d, i) => [d, i]));
    detector?.setExpected(expectedLoadFromForecast(forecast, channels));
  };
  const shares = expectedLoadFromForecast(forecast, channels).intervalShares(15);
  const openIntervals: number[] = [];
  shares.forEach((s, i) => s > 0 && openIntervals.push(i));

  const detector = guard ? new GuardDetector({ rules: guard.rules, expected: expectedLoadFromForecast(forecast, channels) }) : null;
  const result: SimResult = { spikeMeasured: inst.spike !== undefined, trips: [], holds: 0, postponements: 0, delayMinutes: null, alreadyTripped: false, days: [], lastMailDate: '' };
  const capacityCache = new Map<number, number>();
  const capacityOn = (date: IsoDate) => {
    const ops = inst.operators(date, setup.fullOperators);
    let c = capacityCache.get(ops);
    if (c === undefined) capacityCache.set(ops, (c = callCenterCapacity(model, ops, setup.capacityParams)));
    return c;
  };
  /** Manual trips that held nothing: the supervisor acknowledges them the next morning. */
  let unheldManual: { ruleId: string; scope: string }[] = [];
  let spikeCheckedAt = false;

  const handle = (decisions: GuardDecision[]) => {
    for (const d of decisions) {
      const scope = d.scope === 'union' ? 'union' : d.municipalityCode!;
      if (isTrip(d)) {
        const candidates = waves.map((w) => ({ ...w, status: w.status as string, municipalityCodes: w.members.map((m) => m.municipalityCode) }));
        const held = wavesToHold(d, candidates);
        for (const h of held) {
          const w = waves.find((x) => x.id === h.id)!;
          w.status = 'held';
          w.heldBy.set(d.key, { ruleId: d.rule.id, scope, mode: d.rule.resume.mode });
          result.holds++;
        }
        const atMs = Date.parse(d.at);
        result.trips.push({ ruleId: d.rule.id, scope, atMs, held: held.length });
        if (held.length === 0 && d.rule.resume.mode === 'manual') unheldManual.push({ ruleId: d.rule.id, scope });
        if (inst.spike && result.delayMinutes === null && scope === inst.spike.scope && atMs >= inst.spike.startMs) {
          result.delayMinutes = openMinutesBetween(setup, inst.spike.startMs, atMs);
        }
      } else {
        for (const w of waves) {
          if (!w.heldBy.delete(d.tripKey)) continue;
          if (w.heldBy.size === 0 && w.status === 'held') w.status = 'planned';
        }
      }
    }
  };

  const postpone = (w: SimWave, today: IsoDate) => {
    result.postponements++;
    w.mailDate = addBusinessDays(today, SPACING_BUSINESS_DAYS);
    for (const [key, h] of [...w.heldBy]) {
      if (h.mode === 'manual') {
        detector?.rearm(h.ruleId, h.scope, new Date(jstDayStartMs(today) + 8 * 60 * MINUTE));
        w.heldBy.delete(key);
        // The same trip may hold other waves too: the supervisor's resume ends it for all of them.
        for (const o of waves) if (o.heldBy.delete(key) && o.heldBy.size === 0 && o.status === 'held') o.status = 'planned';
      }
    }
    if (w.heldBy.size === 0) w.status = 'planned';
    // Later waves keep the planned spacing behind it.
    let prev = w.mailDate;
    for (const o of waves.filter((x) => x.seq > w.seq && x.status !== 'released').sort((a, b) => a.seq - b.seq)) {
      const earliest = addBusinessDays(prev, SPACING_BUSINESS_DAYS);
      if (o.mailDate < earliest) o.mailDate = earliest;
      prev = o.mailDate;
    }
  };

  let day = setup.range.from;
  let endDate: IsoDate | null = null;
  for (;;) {
    const d = dateIndex.get(day)!;
    const dayStart = jstDayStartMs(day);
    const morning = new Date(dayStart + 8 * 60 * MINUTE);
    let changed = false;
    if (detector) {
      handle(detector.tick(morning));
      for (const t of unheldManual) detector.rearm(t.ruleId, t.scope, morning);
      unheldManual = [];
      handle(
        detector.checkCapacity(morning, {
          model,
          releasedWaves: waves.filter((w) => w.status === 'released').flatMap((w) => w.members.map((m) => ({ ...m, mailDate: w.mailDate }))),
          upcomingWaves: waves
            .filter((w) => w.status !== 'released')
            .map((w): UpcomingWave => ({ id: w.id, mailDate: w.mailDate, members: w.members.map((m) => ({ ...m, mailDate: w.mailDate })) })),
          operatorsOnDuty: (date) => inst.operators(date, setup.fullOperators),
          counterCapacity: () => undefined,
        }),
      );
    }
    for (const w of waves.filter((x) => x.mailDate === day && x.status !== 'released').sort((a, b) => a.seq - b.seq)) {
      if (w.status === 'held') postpone(w, day);
      else w.status = 'released';
      changed = true;
    }
    // A wave released ahead of a moved one keeps its place: nothing else to do.
    if (changed) recompute();

    if (inst.spike && !spikeCheckedAt && inst.spike.startMs < dayStart + 86_400_000 && detector) {
      spikeCheckedAt = true;
      result.alreadyTripped = detector.activeTrips().some((t) => t.scope === inst.spike!.scope && Date.parse(t.since) < inst.spike!.startMs);
    }

    let load = 0;
    const events: { t: number; m: number }[] = [];
    for (const i of openIntervals) {
      const start = dayStart + i * INTERVAL;
      events.length = 0;
      for (let m = 0; m < M; m++) {
        const base = forecast.daily[m * D + d];
        if (base === 0) continue;
        const mean = base * shares[i] * inst.multiplier(m, day, i);
        const n = poisson(random, mean);
        for (let k = 0; k < n; k++) events.push({ t: start + Math.floor(random() * INTERVAL), m });
      }
      load += events.length;
      if (detector) {
        events.sort((a, b) => a.t - b.t);
        for (const e of events) handle(detector.observe(codes[e.m], new Date(e.t)));
        handle(detector.tick(new Date(start + INTERVAL)));
      }
    }
    result.days.push({ date: day, load, capacity: capacityOn(day) });

    const allOut = waves.every((w) => w.status === 'released');
    if (allOut && endDate === null) {
      const last = waves.reduce((a, w) => (w.mailDate > a ? w.mailDate : a), waves[0].mailDate);
      result.lastMailDate = last;
      endDate = addBusinessDays(last, 25);
    }
    if (endDate !== null && day >= endDate) break;
    day = cal.nextBusinessDay(day);
    if (!dateIndex.has(day)) break;
  }
  return result;
}
