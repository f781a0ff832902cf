/**
 * Where a resumed wave and the waves after it go (再開時の日程). Resuming never releases a backlog at once:
 * the held wave moves to its new date and every later wave of the batch moves by the same number of
 * business days, so the planned spacing between waves is kept. Plain TypeScript.
 */
import { badRequest } from '@wavedesk/common';
import type { BusinessCalendar, IsoDate } from '@wavedesk/forecast';

export interface ScheduledWave {
  id: number;
  seq: number;
  name: string;
  status: string;
  mailDate: IsoDate;
}

export interface WaveDateChange {
  id: number;
  seq: number;
  name: string;
  status: string;
  from: IsoDate;
  to: IsoDate;
}

export interface ResumeSchedule {
  wave: WaveDateChange;
  /** The waves after it that move (same batch, not yet writing, done or cancelled), in date order. */
  later: WaveDateChange[];
  /** Business days every wave moves by (0: nothing moves). */
  shiftBusinessDays: number;
  /** Waves whose new date falls after the batch's mailing window. */
  outsideWindow: number[];
}

/** The statuses whose date may still move: nothing has been written for them yet, or they are held. */
export const MOVABLE_STATUSES: readonly string[] = ['planned', 'approved', 'released', 'held'];

/**
 * The new dates. The held wave goes to `requested` when given (a business day, not before today), else it
 * keeps its date if that is still ahead, else the first business day from today on.
 */
export function resumeSchedule(input: {
  calendar: BusinessCalendar;
  today: IsoDate;
  wave: ScheduledWave;
  /** The other waves of the batch. */
  others: readonly ScheduledWave[];
  requested?: IsoDate;
  mailTo?: IsoDate;
}): ResumeSchedule {
  const { calendar, today, wave } = input;
  const earliest = calendar.isBusinessDay(today) ? today : calendar.nextBusinessDay(today);
  let to: IsoDate;
  if (input.requested !== undefined) {
    const closed = calendar.closedReason(input.requested);
    if (closed !== null) {
      throw badRequest('not_business_day', `${input.requested} は${closed}のため発送日にできません。`, [
        { field: 'mailDate', code: 'not_business_day', message: `${input.requested} は${closed}です。営業日を選んでください。` },
      ]);
    }
    if (input.requested < today) {
      throw badRequest('date_in_past', '再開後の発送日に過去の日付は指定できません。', [
        { field: 'mailDate', code: 'date_in_past', message: '今日以降の営業日を選んでください。' },
      ]);
    }
    to = input.requested;
  } else {
    to = wave.mailDate >= earliest ? wave.mailDate : earliest;
  }
  const shift = Math.max(0, calendar.businessDaysBetween(wave.mailDate, to));
  const later = input.others
    .filter((w) => w.id !== wave.id && MOVABLE_STATUSES.includes(w.status) && (w.mailDate > wave.mailDate || (w.mailDate === wave.mailDate && w.seq > wave.seq)))
    .sort((a, b) => a.mailDate.localeCompare(b.mailDate) || a.seq - b.seq)
    .map((w) => ({ id: w.id, seq: w.seq, name: w.name, status: w.status, from: w.mailDate, to: shift > 0 ? calendar.addBusinessDays(w.mailDate, shift) : w.mailDate }));
  const change = { id: wave.id, seq: wave.seq, name: wave.name, status: wave.status, from: wave.mailDate, to };
  const outsideWindow = input.mailTo ? [change, ...later].filter((c) => c.to > input.mailTo!).map((c) => c.id) : [];
  return { wave: change, later, shiftBusinessDays: shift, outsideWindow };
}
