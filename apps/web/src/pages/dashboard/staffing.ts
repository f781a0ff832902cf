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

const ON_DUTY_KEY = 'wavedesk.operators-on-duty';

/** Operators on duty as the supervisor last set it in this browser (null when never set). */
export function loadOnDuty(storage: Pick<Storage, 'getItem'>): number | null {
  const value = Number(storage.getItem(ON_DUTY_KEY));
  return storage.getItem(ON_DUTY_KEY) !== null && Number.isInteger(value) && value >= 0 ? value : null;
}

export function saveOnDuty(storage: Pick<Storage, 'setItem' | 'removeItem'>, value: number | null): void {
  try {
    if (value === null) storage.removeItem(ON_DUTY_KEY);
    else storage.setItem(ON_DUTY_KEY, String(value));
  } catch {
    // storage disabled: the figure lasts until reload
  }
}
