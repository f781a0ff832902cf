import type { RosterOverride } from '@wavedesk/contracts';
import type { StaffingInterval } from '../../api';

/** The interval the time "HH:MM" falls in, or null (before opening, after closing). */
export function intervalAt(intervals: readonly StaffingInterval[], hhmm: string): StaffingInterval | null {
  return intervals.find((i) => i.startsAt <= hhmm && hhmm < i.endsAt) ?? null;
}

/** The time of day in Japan as "HH:MM". */
export function jstClock(now: Date): string {
  const shifted = new Date(now.getTime() + 9 * 3_600_000);
  return shifted.toISOString().slice(11, 16);
}

/** A number of operators typed by a person (full-width digits too), or null when it is not 0–500. */
export function parseOperators(text: string): number | null {
  const t = text.normalize('NFKC').trim();
  if (!/^\d{1,3}$/.test(t)) return null;
  const n = Number(t);
  return n <= 500 ? n : null;
}

/** The overrides without the one for `date` (to put the day back on the default). */
export function withoutOverride(overrides: readonly RosterOverride[], date: string): RosterOverride[] {
  return overrides.filter((o) => o.date !== date);
}
