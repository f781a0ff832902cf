/**
 * The business-day calendar of Japanese municipal counters and the union's call center.
 *
 * Closed: Saturdays, Sundays, national holidays (国民の祝日, 振替休日 and 国民の休日, from the bundled data of
 * `@holiday-jp/holiday_jp`, 1970–2050, no network), and the year-end break 12/29–1/3 (行政機関の休日に関する
 * 法律 第1条). Municipalities may add their own closed or open days.
 *
 * Dates are `YYYY-MM-DD` strings meaning a calendar day in Japan. Internally a date is a day number
 * (days since 1970-01-01) computed with `Date.UTC`, so the server's time zone never shifts a day: the
 * holiday packages' own `isHoliday(new Date(...))` reads local time and, on a UTC server, calls
 * 2026-11-23 01:00 JST "not a holiday" (see DOMAIN.md). Use {@link jstDate} to turn an instant into a date.
 *
 * Every question is answered from a table built once: for each day, how many business days came before
 * it. That makes `addBusinessDays` and `businessDaysBetween` constant-time, which the forecast relies on.
 */
import holidayJp from '@holiday-jp/holiday_jp';
import { badRequest } from '@wavedesk/common';

/** A calendar day in Japan, written `YYYY-MM-DD`. */
export type IsoDate = string;

const DAY_MS = 86_400_000;
const JST_OFFSET_MS = 9 * 3_600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The years the bundled holiday data covers; outside them a business day cannot be told. */
export const CALENDAR_FIRST_DATE: IsoDate = '1970-01-01';
export const CALENDAR_LAST_DATE: IsoDate = '2050-12-31';

/** Days since 1970-01-01 of a `YYYY-MM-DD` date, or `undefined` if the text is not a real date. */
export function tryDayNumber(date: string): number | undefined {
  const m = ISO_DATE.exec(date);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return ms / DAY_MS;
}

/** Days since 1970-01-01; throws a 400 for text that is not a real `YYYY-MM-DD` date. */
export function toDayNumber(date: string, field = 'date'): number {
  const n = typeof date === 'string' ? tryDayNumber(date) : undefined;
  if (n === undefined) {
    throw badRequest('invalid_date', `${field} は日付（YYYY-MM-DD）で入力してください。`, [
      { field, code: 'invalid_date', message: `${field} は実在する日付（YYYY-MM-DD）で入力してください。` },
    ]);
  }
  return n;
}

/** The `YYYY-MM-DD` text of a day number. */
export function fromDayNumber(dayNumber: number): IsoDate {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** The calendar day in Japan (JST, UTC+9, no daylight saving) of an instant, whatever the server's TZ. */
export function jstDate(instant: Date): IsoDate {
  return new Date(instant.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

/** Adds calendar days (not business days). */
export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

export interface BusinessCalendarOptions {
  /** Close 12/29–1/3 (default true). */
  yearEndClosure?: boolean;
  /** Further closed days, e.g. a municipality's own closure. */
  extraClosedDates?: readonly IsoDate[];
  /** Days open although they would be closed, e.g. a Saturday opening (休日開庁). */
  extraOpenDates?: readonly IsoDate[];
}

const WEEKDAY_NAMES = ['日曜日', '月曜日', '火曜日', '水曜日', '木曜日', '金曜日', '土曜日'];

export class BusinessCalendar {
  private readonly first: number;
  private readonly last: number;
  /** `before[i]` = number of business days strictly before day `first + i`; length = days + 1. */
  private readonly before: Int32Array;
  /** Day numbers of the business days, in order: `businessDays[k]` is business day number k. */
  private readonly businessDays: Int32Array;
  private readonly holidays: ReadonlyMap<number, string>;
  private readonly yearEndClosure: boolean;
  private readonly extraClosed: ReadonlySet<number>;
  private readonly extraOpen: ReadonlySet<number>;

  constructor(options: BusinessCalendarOptions = {}) {
    this.first = toDayNumber(CALENDAR_FIRST_DATE);
    this.last = toDayNumber(CALENDAR_LAST_DATE);
    this.yearEndClosure = options.yearEndClosure ?? true;
    this.extraClosed = new Set((options.extraClosedDates ?? []).map((d) => toDayNumber(d, 'extraClosedDates')));
    this.extraOpen = new Set((options.extraOpenDates ?? []).map((d) => toDayNumber(d, 'extraOpenDates')));

    const holidays = new Map<number, string>();
    for (const [date, holiday] of Object.entries(holidayJp.holidays)) {
      holidays.set(toDayNumber(date), holiday.name);
    }
    this.holidays = holidays;

    const days = this.last - this.first + 1;
    const before = new Int32Array(days + 1);
    const open: number[] = [];
    for (let i = 0; i < days; i++) {
      const isOpen = this.closedReasonOf(this.first + i) === null;
      if (isOpen) open.push(this.first + i);
      before[i + 1] = before[i] + (isOpen ? 1 : 0);
    }
    this.before = before;
    this.businessDays = Int32Array.from(open);
  }

  /** Why the counters are closed on `date` (土曜日, 日曜日, the holiday's name, 年末年始, 休業日), or null if open. */
  closedReason(date: IsoDate): string | null {
    return this.closedReasonOf(this.dayNumberInRange(date));
  }

  /** The national holiday's name on `date` (e.g. 勤労感謝の日), or null. */
  holidayName(date: IsoDate): string | null {
    return this.holidays.get(this.dayNumberInRange(date)) ?? null;
  }

  isBusinessDay(date: IsoDate): boolean {
    const i = this.dayNumberInRange(date) - this.first;
    return this.before[i + 1] - this.before[i] === 1;
  }

  /**
   * The n-th business day after `date` (n > 0), before it (n < 0), or for n = 0 `date` itself when it is a
   * business day and else the next one. So a form mailed on Friday 2026-11-20 with a 2-business-day delay
   * arrives `addBusinessDays('2026-11-20', 2)` = Wednesday 2026-11-25 (Monday 11-23 is 勤労感謝の日).
   */
  addBusinessDays(date: IsoDate, n: number): IsoDate {
    return fromDayNumber(this.businessDays[this.checkedIndex(this.indexAfter(date, n))]);
  }

  /**
   * Business days in (from, to]: how many business days one moves forward from `from` to reach `to`.
   * Negative when `to` is before `from`. For a business day `to`, `addBusinessDays(from, k) === to`.
   */
  businessDaysBetween(from: IsoDate, to: IsoDate): number {
    const f = this.dayNumberInRange(from) - this.first;
    const t = this.dayNumberInRange(to) - this.first;
    return this.before[t + 1] - this.before[f + 1];
  }

  /** The business days from `from` to `to`, both included. */
  businessDaysInRange(from: IsoDate, to: IsoDate): IsoDate[] {
    const start = this.ordinalOnOrAfter(from);
    const end = this.ordinalOnOrBefore(to);
    const out: IsoDate[] = [];
    for (let k = start; k <= end; k++) out.push(fromDayNumber(this.businessDays[k]));
    return out;
  }

  nextBusinessDay(date: IsoDate): IsoDate {
    return this.addBusinessDays(date, 1);
  }

  previousBusinessDay(date: IsoDate): IsoDate {
    return this.addBusinessDays(date, -1);
  }

  /**
   * Business-day numbering for fast arithmetic: the ordinal of the first business day on or after `date`.
   * Ordinals are consecutive over business days, so "3 business days later" is "ordinal + 3".
   */
  ordinalOnOrAfter(date: IsoDate): number {
    return this.before[this.dayNumberInRange(date) - this.first];
  }

  /** The ordinal of the last business day on or before `date` (−1 if there is none in the data). */
  ordinalOnOrBefore(date: IsoDate): number {
    return this.before[this.dayNumberInRange(date) - this.first + 1] - 1;
  }

  /** The date of a business-day ordinal. */
  dateOfOrdinal(ordinal: number): IsoDate {
    return fromDayNumber(this.businessDays[this.checkedIndex(ordinal)]);
  }

  /** The number of business days the calendar knows (for bounds checks on ordinals). */
  get ordinalCount(): number {
    return this.businessDays.length;
  }

  private indexAfter(date: IsoDate, n: number): number {
    if (!Number.isInteger(n)) throw new RangeError(`addBusinessDays needs a whole number of days, got ${n}`);
    const i = this.dayNumberInRange(date) - this.first;
    if (n > 0) return this.before[i + 1] + n - 1;
    if (n < 0) return this.before[i] + n;
    return this.before[i];
  }

  private checkedIndex(k: number): number {
    if (k < 0 || k >= this.businessDays.length) throw outOfRange('date');
    return k;
  }

  private dayNumberInRange(date: IsoDate): number {
    const n = toDayNumber(date);
    if (n < this.first || n > this.last) throw outOfRange('date');
    return n;
  }

  private closedReasonOf(dayNumber: number): string | null {
    if (this.extraOpen.has(dayNumber)) return null;
    if (this.extraClosed.has(dayNumber)) return '休業日';
    const holiday = this.holidays.get(dayNumber);
    if (holiday) return holiday;
    const date = fromDayNumber(dayNumber);
    if (this.yearEndClosure) {
      const md = date.slice(5);
      if (md >= '12-29' || md <= '01-03') return '年末年始';
    }
    const dow = (((dayNumber + 4) % 7) + 7) % 7;
    if (dow === 0 || dow === 6) return WEEKDAY_NAMES[dow];
    return null;
  }
}

function outOfRange(field: string) {
  return badRequest('date_out_of_range', '日付は1970年から2050年までの範囲で指定してください（祝日データの範囲）。', [
    { field, code: 'date_out_of_range', message: '祝日データのない年の営業日は計算できません（1970年〜2050年）。' },
  ]);
}

let defaultCalendar: BusinessCalendar | undefined;

/** The standard calendar (weekends, national holidays, 12/29–1/3), built on first use. */
export function businessCalendar(): BusinessCalendar {
  defaultCalendar ??= new BusinessCalendar();
  return defaultCalendar;
}

export const isBusinessDay = (date: IsoDate): boolean => businessCalendar().isBusinessDay(date);
export const addBusinessDays = (date: IsoDate, n: number): IsoDate => businessCalendar().addBusinessDays(date, n);
export const businessDaysBetween = (from: IsoDate, to: IsoDate): number =>
  businessCalendar().businessDaysBetween(from, to);
export const businessDaysInRange = (from: IsoDate, to: IsoDate): IsoDate[] =>
  businessCalendar().businessDaysInRange(from, to);
export const closedReason = (date: IsoDate): string | null => businessCalendar().closedReason(date);
