/** The operators on duty at the union's call center (在席オペレーター), as the API answers and `roster:update` pushes. */

/** One date set apart from the default (e.g. 2027-02-15 → 1 operator). */
export interface RosterOverride {
  date: string;
  operators: number;
  note: string | null;
}

/** The stored roster: the default for business days and the overrides from today on. */
export interface RosterView {
  defaultOperators: number;
  overrides: RosterOverride[];
  updatedBy: string | null;
  updatedAt: string | null;
}

/** The number on duty on one date, and where it comes from. */
export interface RosterDay {
  date: string;
  operators: number;
  /** `override`: set for this date; `default`: the business-day default; `closed`: a weekend, holiday or 12/29–1/3. */
  source: 'override' | 'default' | 'closed';
  note: string | null;
  /** Why the call center is closed that day (土曜日, 元日, 年末年始 …), for `closed`. */
  closedReason: string | null;
}

/** `GET /api/roster?from&to`. */
export interface RosterRange extends RosterView {
  days: RosterDay[];
}

/** Payload of `roster:update` (to the union room): the roster after the change. */
export type RosterUpdate = RosterView;
