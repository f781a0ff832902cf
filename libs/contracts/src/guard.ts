/**
 * The load guard (負荷監視) on the wire: the `guard:alert` live event and the guard events of
 * `GET /api/guard/events`. The rules themselves are typed in @wavedesk/guard (GuardRule).
 */

/** The figures behind a decision (docs/guard.md §2–4). */
export interface GuardAlertEvidence {
  /** Spike: inquiries logged in the window. Capacity: forecast inquiries with the next wave on the worst day. */
  actual: number;
  /** Spike: the forecast for the window. Capacity: what can be answered that day. */
  expected: number;
  /** Spike: the CUSUM statistic. Capacity and resume: actual / expected. */
  score: number;
  /** The level the score was compared with. */
  threshold: number;
  windowStart: string;
  windowEnd: string;
  /** Spike: P(X ≥ actual) for X ~ Poisson(expected). */
  pValue?: number;
  capacity?: { date: string; nextWaveId: string; loadWithoutNextWave: number; operatorsNeeded?: number; operatorsOnDuty?: number };
}

export type GuardEventStatus = 'holding' | 'resumed';

/** One trip of a rule, as listed and as pushed. */
export interface GuardEventView {
  id: number;
  key: string;
  ruleId: string;
  ruleVersion: number;
  ruleName: string;
  kind: 'spike' | 'capacity';
  scope: 'union' | 'municipality';
  municipalityCode: string | null;
  /** The municipality's name (null for the union). */
  municipalityName: string | null;
  resumeMode: 'auto' | 'manual';
  evidence: GuardAlertEvidence;
  /** The waves held: id and name (第3波) and mail date. */
  wavesHeld: Array<{ id: number; name: string; mailDate: string }>;
  decidedAt: string;
  /** The evidence and the holds in one Japanese sentence: 「札幌市：過去45分で21件（予測7.6件）、CUSUM 7.2 ≥ 7、p = 0.00004 — 第3波を保留」. */
  summary: string;
  status: GuardEventStatus;
  acknowledged: { by: string; at: string } | null;
  keptHolding: { by: string; at: string; reason: string | null } | null;
  resumed: { by: string; at: string; reason: string | null } | null;
}

/** `guard:alert`: a rule tripped (`type: 'trip'`), or its hold ended or changed (`resume`, `acknowledge`, `keep-holding`). */
export interface GuardAlert {
  type: 'trip' | 'resume' | 'acknowledge' | 'keep-holding';
  event: GuardEventView;
}

export interface GuardEventPage {
  items: GuardEventView[];
  nextCursor: number | null;
}
