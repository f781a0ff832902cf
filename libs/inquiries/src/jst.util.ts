/**
 * Days and hours in Japan time (UTC+9, no daylight saving), independent of the server's time zone.
 * Inquiries are stored in UTC; reports count them per JST day and hour.
 */
const JST_OFFSET_MS = 9 * 3_600_000;
const DAY_MS = 24 * 3_600_000;

const shifted = (at: Date): Date => new Date(at.getTime() + JST_OFFSET_MS);

/** The JST calendar day of an instant, `YYYY-MM-DD`. */
export function jstDate(at: Date): string {
  return shifted(at).toISOString().slice(0, 10);
}

/** The JST hour of an instant, 0–23. */
export function jstHour(at: Date): number {
  return shifted(at).getUTCHours();
}

/** True for a real calendar date written `YYYY-MM-DD` (2026-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** The instants a JST day spans: `[start, end)`. */
export function jstDayRange(date: string): { start: Date; end: Date } {
  const start = new Date(`${date}T00:00:00+09:00`);
  return { start, end: new Date(start.getTime() + DAY_MS) };
}

/** The JST day after `date`. */
export function nextJstDate(date: string): string {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() + DAY_MS).toISOString().slice(0, 10);
}

/** Milliseconds from `at` to the next full JST hour. */
export function msUntilNextJstHour(at: Date): number {
  const ms = at.getTime() + JST_OFFSET_MS;
  return 3_600_000 - (((ms % 3_600_000) + 3_600_000) % 3_600_000);
}

/** `YYYY/MM/DD HH:MM:SS` in JST, as Excel reads a date and time. */
export function formatJstDateTime(at: Date): string {
  const iso = shifted(at).toISOString();
  return `${iso.slice(0, 10).replace(/-/g, '/')} ${iso.slice(11, 19)}`;
}
