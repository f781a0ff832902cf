import { useMemo } from 'react';
import { useApi } from '../auth';
import type { ApiClient } from './api-client';
import type { GuardEventPage, GuardEventView, GuardRuleSetView, GuardRuleView } from './guard-types';

const event = (id: number) => `/guard/events/${encodeURIComponent(String(id))}`;

/** The load guard's routes: its rules (versioned) and its events with the dashboard's actions. */
export class GuardApi {
  constructor(private readonly http: ApiClient) {}

  readonly rules = {
    get: () => this.http.get<GuardRuleSetView>('/guard/rules'),
    /** 400 with a Japanese message per field (`rules[0].params.multiplier`…); answers the new version. */
    save: (rules: GuardRuleView[]) => this.http.put<GuardRuleSetView>('/guard/rules', { rules }),
  };

  readonly events = {
    list: (status: 'open' | 'all' = 'open', cursor?: number | null) => this.http.get<GuardEventPage>('/guard/events', { status, cursor }),
    acknowledge: (id: number) => this.http.post<GuardEventView>(`${event(id)}/acknowledge`, {}),
    /** Resumes the held waves (later waves shift) and rearms the rule; the reason is required. */
    resume: (id: number, reason: string) => this.http.post<GuardEventView>(`${event(id)}/resume`, { reason }),
    keepHolding: (id: number, reason?: string) => this.http.post<GuardEventView>(`${event(id)}/keep-holding`, reason ? { reason } : {}),
  };
}

/** The guard routes through the signed-in user's client (pages: dashboard, 監視ルール). */
export function useGuardApi(): GuardApi {
  const api = useApi();
  return useMemo(() => new GuardApi(api.http), [api]);
}
