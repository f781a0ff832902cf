/**
 * The load guard's detector: fed every logged inquiry (`observe`) and the clock (`tick`), it keeps one
 * spike statistic per rule and scope and says when a rule trips or may resume. `checkCapacity` runs the
 * capacity rules against the forecast and the operators on duty (call it when the plan, the roster or the
 * day changes, and before a release).
 *
 * Cost: `observe` touches the union's statistic and the municipality's, O(1) each (amortised: the clock
 * intervals the statistic crosses are counted once). `tick` visits the statistics that exist: a
 * statistic with nothing to say (no trip, S = 0, no recent inquiries) is dropped and made again on the
 * next inquiry, so the saved state stays small.
 *
 * Persistence: `toJSON()` is plain JSON; `GuardDetector.fromJSON(state, options)` continues where it
 * stopped (the API keeps it in the database, so a restart or a second process carries on; `revision`
 * rises with every call that changes it, for a compare-and-set). Since the statistics restart each day,
 * today's state can also be rebuilt from today's inquiry log: a new detector, `restoreTrip` for the trips
 * still holding, then `observe` for each of today's inquiries in order — decisions replayed that way carry
 * the same keys as the first time, so they are recognised as already taken.
 */
import type { IsoDate } from '@wavedesk/forecast';
import { jstDate } from '@wavedesk/forecast';
import {
  counterCapacityFindings,
  unionCapacityFinding,
  type CapacityContext,
  type CapacityFinding,
} from './capacity-check';
import { scopeFields, tripKey, type GuardDecision } from './guard-decision';
import { ruleAppliesTo, UNION_SCOPE, type CapacityRule, type GuardRule, type ScopeKey, type SpikeRule } from './guard-rule';
import type { ExpectedLoad } from './expected-load';
import {
  advanceSpike,
  isIdleSpike,
  jstDayStartMs,
  newSpikeState,
  observeSpike,
  rearmSpike,
  type SpikeContext,
  type SpikeScopeState,
} from './spike-statistic';

/** A capacity rule's standing for one scope. */
export interface CapacityScopeState {
  ruleId: string;
  ruleVersion: number;
  scope: ScopeKey;
  trip: { key: string; atMs: number; mode: 'manual' | 'auto' } | null;
  /** Auto-resume: since when the forecast has stayed at or below belowRatio × capacity. */
  belowSinceMs: number | null;
}

/** The detector's whole state, as stored. */
export interface GuardDetectorState {
  format: 1;
  /** Rises with every call that may change the state. */
  revision: number;
  spike: SpikeScopeState[];
  capacity: CapacityScopeState[];
}

export interface GuardDetectorOptions {
  rules: readonly GuardRule[];
  expected: ExpectedLoad;
}

/** A trip that still holds: which rule, which scope, since when, and how it ends. */
export interface ActiveTrip {
  ruleId: string;
  scope: ScopeKey;
  key: string;
  since: string;
  mode: 'manual' | 'auto';
}

const stateKey = (ruleId: string, scope: ScopeKey) => `${ruleId}|${scope}`;

export class GuardDetector {
  private rules: readonly GuardRule[] = [];
  private expected!: ExpectedLoad;
  private readonly spike = new Map<string, SpikeScopeState>();
  private readonly capacity = new Map<string, CapacityScopeState>();
  private unionSpikeRules: SpikeRule[] = [];
  private readonly municipalitySpikeRules = new Map<string, SpikeRule[]>();
  private contexts = new Map<string, SpikeContext>();
  /** Call-center capacity per operators on duty, per model and rule version (Erlang C is not free). */
  private readonly capacityCache = new WeakMap<object, Map<string, Map<number, number>>>();
  private revision = 0;

  constructor(options: GuardDetectorOptions) {
    this.setRules(options.rules);
    this.setExpected(options.expected);
  }

  /** A detector that continues from a saved state. Statistics of rules since edited restart at 0; their trips stay. */
  static fromJSON(state: GuardDetectorState, options: GuardDetectorOptions): GuardDetector {
    if (state?.format !== 1) throw new Error(`unknown guard state format ${String((state as { format?: unknown })?.format)}`);
    const detector = new GuardDetector(options);
    detector.revision = state.revision;
    for (const s of state.spike) detector.spike.set(stateKey(s.ruleId, s.scope), structuredClone(s));
    for (const c of state.capacity) detector.capacity.set(stateKey(c.ruleId, c.scope), structuredClone(c));
    detector.reconcile();
    return detector;
  }

  toJSON(): GuardDetectorState {
    return {
      format: 1,
      revision: this.revision,
      spike: [...this.spike.values()].map((s) => structuredClone(s)),
      capacity: [...this.capacity.values()].map((c) => structuredClone(c)),
    };
  }

  get stateRevision(): number {
    return this.revision;
  }

  /** New or edited rules. Statistics of a rule whose version changed restart; trips of removed rules end. */
  setRules(rules: readonly GuardRule[]): void {
    this.rules = rules;
    this.unionSpikeRules = rules.filter((r): r is SpikeRule => r.enabled && r.kind === 'spike' && r.scope === 'union');
    this.municipalitySpikeRules.clear();
    this.contexts = new Map();
    this.reconcile();
  }

  /** A new forecast (a wave moved, was held or released). */
  setExpected(expected: ExpectedLoad): void {
    this.expected = expected;
    this.contexts = new Map();
  }

  /** One logged inquiry. Returns the trips it causes (and resumes that fell due before it). */
  observe(municipalityCode: string, at: Date): GuardDecision[] {
    const out: GuardDecision[] = [];
    const atMs = at.getTime();
    this.revision++;
    for (const rule of this.unionSpikeRules) this.observeIn(rule, UNION_SCOPE, atMs, out);
    for (const rule of this.spikeRulesFor(municipalityCode)) this.observeIn(rule, municipalityCode, atMs, out);
    return out;
  }

  /** The clock moved on: statistics drift, intervals close, auto-resumes fall due. */
  tick(now: Date): GuardDecision[] {
    const out: GuardDecision[] = [];
    const nowMs = now.getTime();
    this.revision++;
    for (const [key, s] of this.spike) {
      const rule = this.ruleById(s.ruleId);
      if (!rule || rule.kind !== 'spike') {
        this.spike.delete(key);
        continue;
      }
      advanceSpike(s, this.context(rule, s.scope), nowMs, out);
      if (isIdleSpike(s)) this.spike.delete(key);
    }
    return out;
  }

  /**
   * Runs the capacity rules for `now`'s day: trips where the forecast with the next wave exceeds the
   * capacity, resumes (auto rules) once it has stayed at or below belowRatio × capacity for forMinutes.
   */
  checkCapacity(now: Date, context: CapacityContext): GuardDecision[] {
    const out: GuardDecision[] = [];
    const nowMs = now.getTime();
    const today = jstDate(now);
    this.revision++;
    for (const rule of this.rules) {
      if (!rule.enabled || rule.kind !== 'capacity') continue;
      let findings: CapacityFinding[];
      if (rule.scope === 'union') {
        let perModel = this.capacityCache.get(context.model);
        if (!perModel) this.capacityCache.set(context.model, (perModel = new Map()));
        let cache = perModel.get(`${rule.id}@${rule.version}`);
        if (!cache) perModel.set(`${rule.id}@${rule.version}`, (cache = new Map()));
        const f = unionCapacityFinding(context, today, rule.params, cache);
        findings = f ? [f] : [];
      } else {
        findings = counterCapacityFindings(context, today, rule.params, (code) => ruleAppliesTo(rule, code, this.rules));
      }
      const seen = new Set<ScopeKey>();
      for (const f of findings) {
        seen.add(f.scope);
        this.judgeCapacity(rule, f, nowMs, out);
      }
      // A tripped scope with nothing upcoming any more: its load can no longer grow from a wave.
      for (const c of this.capacity.values()) {
        if (c.ruleId === rule.id && !seen.has(c.scope) && c.trip) {
          this.judgeCapacity(rule, { scope: c.scope, ratio: 0, load: 0, capacity: 0, detail: { date: today, nextWaveId: '', loadWithoutNextWave: 0 } }, nowMs, out);
        }
      }
    }
    return out;
  }

  /** A supervisor resumed (or the API ended) the trip of `ruleId` for `scope`: the rule watches again from 0. */
  rearm(ruleId: string, scope: ScopeKey, at: Date): void {
    this.revision++;
    const s = this.spike.get(stateKey(ruleId, scope));
    if (s) {
      const rule = this.ruleById(ruleId);
      if (rule?.kind === 'spike') advanceSpike(s, this.context(rule, scope), at.getTime(), []);
      rearmSpike(s, at.getTime());
    }
    const c = this.capacity.get(stateKey(ruleId, scope));
    if (c) {
      c.trip = null;
      c.belowSinceMs = null;
    }
  }

  /** A supervisor chose to keep holding: the trip no longer resumes by itself. */
  keepHolding(ruleId: string, scope: ScopeKey): void {
    this.revision++;
    const trip = this.spike.get(stateKey(ruleId, scope))?.trip ?? this.capacity.get(stateKey(ruleId, scope))?.trip;
    if (trip) trip.mode = 'manual';
  }

  /**
   * Marks a trip as holding (when rebuilding today's state from the log and the guard events): the rule
   * watches this scope again only after `rearm`, or after it resumes by itself.
   */
  restoreTrip(ruleId: string, scope: ScopeKey, since: Date, mode?: 'manual' | 'auto'): void {
    const rule = this.ruleById(ruleId);
    if (!rule) return;
    this.revision++;
    const atMs = since.getTime();
    const trip = { key: tripKey(rule, scope, atMs), atMs, mode: mode ?? rule.resume.mode };
    if (rule.kind === 'spike') {
      const k = stateKey(rule.id, scope);
      const s = this.spike.get(k) ?? newSpikeState(rule, scope, atMs);
      s.trip = trip;
      s.score = 0;
      s.excursion = null;
      this.spike.set(k, s);
    } else {
      this.capacity.set(stateKey(rule.id, scope), { ruleId: rule.id, ruleVersion: rule.version, scope, trip, belowSinceMs: null });
    }
  }

  activeTrips(): ActiveTrip[] {
    const out: ActiveTrip[] = [];
    for (const s of [...this.spike.values(), ...this.capacity.values()]) {
      if (s.trip) out.push({ ruleId: s.ruleId, scope: s.scope, key: s.trip.key, since: new Date(s.trip.atMs).toISOString(), mode: s.trip.mode });
    }
    return out;
  }

  /** The spike statistic of a rule and scope (for the dashboard), or undefined when it is idle. */
  spikeState(ruleId: string, scope: ScopeKey): Readonly<SpikeScopeState> | undefined {
    return this.spike.get(stateKey(ruleId, scope));
  }

  private observeIn(rule: SpikeRule, scope: ScopeKey, atMs: number, out: GuardDecision[]): void {
    const key = stateKey(rule.id, scope);
    let s = this.spike.get(key);
    if (!s) {
      s = newSpikeState(rule, scope, atMs);
      this.spike.set(key, s);
    }
    observeSpike(s, this.context(rule, scope), atMs, out);
  }

  private spikeRulesFor(code: string): SpikeRule[] {
    let rules = this.municipalitySpikeRules.get(code);
    if (!rules) {
      rules = this.rules.filter((r): r is SpikeRule => r.kind === 'spike' && ruleAppliesTo(r, code, this.rules));
      this.municipalitySpikeRules.set(code, rules);
    }
    return rules;
  }

  private context(rule: SpikeRule, scope: ScopeKey): SpikeContext {
    const cached = this.contexts.get(stateKey(rule.id, scope));
    if (cached) return cached;
    const code = scope === UNION_SCOPE ? null : scope;
    // The forecast for the scope, looked up once per day (not saved: it follows the forecast).
    let lastDay: IsoDate | undefined;
    let lastValue = 0;
    const context: SpikeContext = {
      rule,
      shares: this.expected.intervalShares(rule.params.intervalMinutes),
      dailyExpected: (day: IsoDate) => {
        if (day !== lastDay) {
          lastDay = day;
          lastValue = this.expected.daily(day, code);
        }
        return lastValue;
      },
    };
    this.contexts.set(stateKey(rule.id, scope), context);
    return context;
  }

  private ruleById(id: string): GuardRule | undefined {
    return this.rules.find((r) => r.id === id && r.enabled);
  }

  private judgeCapacity(rule: CapacityRule, f: CapacityFinding, nowMs: number, out: GuardDecision[]): void {
    const key = stateKey(rule.id, f.scope);
    let c = this.capacity.get(key);
    const window = { windowStart: new Date(jstDayStartMs(f.detail.date)).toISOString(), windowEnd: new Date(jstDayStartMs(f.detail.date) + 86_400_000).toISOString() };
    if (!c?.trip) {
      if (f.ratio <= rule.params.loadRatio) return;
      const k = tripKey(rule, f.scope, nowMs);
      c = { ruleId: rule.id, ruleVersion: rule.version, scope: f.scope, trip: { key: k, atMs: nowMs, mode: rule.resume.mode }, belowSinceMs: null };
      this.capacity.set(key, c);
      out.push({
        trip: true,
        key: k,
        rule,
        ...scopeFields(f.scope),
        at: new Date(nowMs).toISOString(),
        evidence: { actual: f.load, expected: f.capacity, score: f.ratio, threshold: rule.params.loadRatio, ...window, capacity: f.detail },
      });
      return;
    }
    if (c.trip.mode !== 'auto') return;
    if (f.ratio > rule.resume.belowRatio) {
      c.belowSinceMs = null;
      return;
    }
    c.belowSinceMs ??= nowMs;
    if (nowMs - c.belowSinceMs < rule.resume.forMinutes * 60_000) return;
    out.push({
      resume: true,
      key: `${c.trip.key}/resume`,
      tripKey: c.trip.key,
      rule,
      ...scopeFields(f.scope),
      at: new Date(nowMs).toISOString(),
      evidence: { actual: f.load, expected: f.capacity, score: f.ratio, threshold: rule.resume.belowRatio, ...window, capacity: f.detail },
    });
    this.capacity.delete(key);
  }

  /** Drops statistics of rules that are gone or disabled, restarts those of edited rules (keeping trips). */
  private reconcile(): void {
    for (const [key, s] of this.spike) {
      const rule = this.ruleById(s.ruleId);
      if (!rule || rule.kind !== 'spike') {
        this.spike.delete(key);
      } else if (rule.version !== s.ruleVersion) {
        // The statistic restarts under the new parameters from where the clock stands; a trip stays.
        const fresh = newSpikeState(rule, s.scope, s.clockMs);
        fresh.clockMs = s.clockMs;
        fresh.zeroSinceMs = s.clockMs;
        fresh.interval = Math.floor((s.clockMs - jstDayStartMs(fresh.day)) / (rule.params.intervalMinutes * 60_000));
        fresh.trip = s.trip;
        this.spike.set(key, fresh);
      }
    }
    for (const [key, c] of this.capacity) {
      const rule = this.ruleById(c.ruleId);
      if (!rule || rule.kind !== 'capacity') this.capacity.delete(key);
      else c.ruleVersion = rule.version;
    }
  }
}
