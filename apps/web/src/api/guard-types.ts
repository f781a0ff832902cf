/** The load guard (負荷監視) on the web side: rules as `GET/PUT /api/guard/rules` carry them (docs/guard.md §1). */
export type { GuardAlert, GuardAlertEvidence, GuardEventPage, GuardEventView } from '@wavedesk/contracts';

export interface GuardRuleView {
  id: string;
  version: number;
  name: string;
  scope: 'union' | 'municipality';
  municipalityCode?: string;
  kind: 'spike' | 'capacity';
  /** Numbers only (multiplier, threshold, minCount … or horizonBusinessDays, loadRatio …). */
  params: Record<string, number>;
  action: 'hold';
  resume: { mode: 'manual' | 'auto'; belowRatio: number; forMinutes: number };
  enabled: boolean;
}

export interface GuardRuleSetView {
  version: number;
  rules: GuardRuleView[];
  createdBy: string;
  createdAt: string;
}
