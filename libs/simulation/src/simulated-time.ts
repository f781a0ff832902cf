/**
 * The simulated clock's arithmetic (plain TypeScript): real time since the clock started, times the speed,
 * becomes business minutes — only the opening hours of business days exist for the simulation, nights,
 * weekends and holidays are skipped.
 */
import { businessCalendar, type IsoDate } from '@wavedesk/forecast';

const MINUTE_MS = 60_000;
const JST_OFFSET_MS = 9 * 3_600_000;

export interface SimulationTimeline {
  /** The first simulated business day; the clock starts at its opening. */
  startDate: IsoDate;
  /** The real instant (ms) the clock started. */
  realStartMs: number;
  /** Business days per real minute. */
  speed: number;
  /** Opening and closing, minutes after midnight in Japan (8:45 → 525, 17:30 → 1050). */
  openMinute: number;
  closeMinute: number;
}

/** 'HH:MM' → minutes after midnight. */
export const minutesOfDay = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/** The instant of a minute of a day in Japan. */
export const jstInstant = (date: IsoDate, minute: number): Date => new Date(Date.parse(`${date}T00:00:00Z`) - JST_OFFSET_MS + minute * MINUTE_MS);

/** Business minutes of a simulated day. */
export const openMinutesPerDay = (t: Pick<SimulationTimeline, 'openMinute' | 'closeMinute'>): number => t.closeMinute - t.openMinute;

/** Simulated milliseconds per real millisecond while the desk is open. */
export const simulatedRate = (t: SimulationTimeline): number => t.speed * openMinutesPerDay(t);

/** Where the simulation is at a real instant: business day index, the date, the minute of the day, the instant. */
export function simulatedPosition(t: SimulationTimeline, realNowMs: number): { dayIndex: number; date: IsoDate; minute: number; at: Date } {
  const perDay = openMinutesPerDay(t);
  const businessMinutes = (Math.max(0, realNowMs - t.realStartMs) / MINUTE_MS) * t.speed * perDay;
  const dayIndex = Math.floor(businessMinutes / perDay);
  const date = businessCalendar().addBusinessDays(t.startDate, dayIndex);
  const minute = t.openMinute + (businessMinutes - dayIndex * perDay);
  return { dayIndex, date, minute, at: jstInstant(date, minute) };
}

export const simulatedNow = (t: SimulationTimeline, realNowMs: number): Date => simulatedPosition(t, realNowMs).at;

/** The real instant (ms) at which the simulation reaches the opening of business day `dayIndex`. */
export const realMsAtDay = (t: SimulationTimeline, dayIndex: number): number => t.realStartMs + (dayIndex / t.speed) * MINUTE_MS;
