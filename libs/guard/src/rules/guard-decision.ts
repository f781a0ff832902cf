/**
 * What the guard decides: trip (hold the next wave) or resume (let it go again), with the evidence a
 * supervisor sees in the `guard:alert` and on the dashboard.
 */
import type { IsoDate } from '@wavedesk/forecast';
import type { GuardLevel, GuardRule, ScopeKey } from './guard-rule';

export interface GuardEvidence {
  /**
   * Spike: inquiries logged in the window. Capacity: the forecast inquiries, with the next wave, on the
   * worst day. Resume: inquiries logged (spike) or forecast (capacity) over the resume window.
   */
  actual: number;
  /** Spike: the forecast for the same window. Capacity: what can be answered that day. */
  expected: number;
  /** Spike trip: the CUSUM statistic (nats). Capacity and resume: actual / expected. */
  score: number;
  /** The level `score` was compared with: the rule's threshold, loadRatio or belowRatio. */
  threshold: number;
  /** The window the figures cover (ISO 8601 instants). */
  windowStart: string;
  windowEnd: string;
  /** Spike trip: P(X ≥ actual) for X ~ Poisson(expected), how surprising the count is on its own. */
  pValue?: number;
  /** Capacity: the day and the details behind the figures. */
  capacity?: CapacityDetail;
}

export interface CapacityDetail {
  date: IsoDate;
  /** The next wave that was added to the released ones. */
  nextWaveId: string;
  /** The forecast on that day from released waves only. */
  loadWithoutNextWave: number;
  /** Call center rules: operators Erlang C asks for in the busiest interval, and operators on duty. */
  operatorsNeeded?: number;
  operatorsOnDuty?: number;
}

interface DecisionBase {
  /** Stable id: the same trip replayed (another process, a rebuild from the log) gets the same key. */
  key: string;
  rule: GuardRule;
  scope: GuardLevel;
  /** For a municipality scope. */
  municipalityCode?: string;
  /** When it was decided (ISO 8601). */
  at: string;
  evidence: GuardEvidence;
}

export interface GuardTrip extends DecisionBase {
  trip: true;
}

export interface GuardResume extends DecisionBase {
  resume: true;
  /** The key of the trip this resume ends. */
  tripKey: string;
}

export type GuardDecision = GuardTrip | GuardResume;

export const isTrip = (d: GuardDecision): d is GuardTrip => 'trip' in d;
export const isResume = (d: GuardDecision): d is GuardResume => 'resume' in d;

export function scopeFields(scope: ScopeKey): { scope: GuardLevel; municipalityCode?: string } {
  return scope === 'union' ? { scope: 'union' } : { scope: 'municipality', municipalityCode: scope };
}

export function tripKey(rule: GuardRule, scope: ScopeKey, atMs: number): string {
  return `${rule.id}@${rule.version}/${scope}/${new Date(atMs).toISOString()}`;
}
