import { useMemo } from 'react';
import type { RosterOverride, RosterRange, RosterView } from '@wavedesk/contracts';
import { useApi } from '../auth';
import type { ApiClient } from './api-client';

/** The operator roster (在席オペレーター): what the staffing panel shows and the load guard counts on. */
export class RosterApi {
  constructor(private readonly http: ApiClient) {}

  /** The effective number per date (override, business-day default, 0 when closed). */
  range = (from: string, to: string) => this.http.get<RosterRange>('/roster', { from, to });
  /** A new default and/or every override from today on; 400 with a Japanese message per field. */
  save = (change: { defaultOperators?: number; overrides?: RosterOverride[] }) => this.http.put<RosterView>('/roster', change);
  /** The operators on one business day. */
  saveDay = (date: string, operators: number, note?: string) => this.http.put<RosterView>(`/roster/${encodeURIComponent(date)}`, note ? { operators, note } : { operators });
}

export function useRosterApi(): RosterApi {
  const api = useApi();
  return useMemo(() => new RosterApi(api.http), [api]);
}
