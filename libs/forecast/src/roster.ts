/**
 * The operators on duty at the union's call center (在席オペレーター): a default for business days plus
 * overrides for single dates. Plain TypeScript: checking what a supervisor sent and answering the
 * effective number per date. The API side is `api/roster.*`; the load guard reads it (docs/guard.md §4).
 *
 * Decisions: the default applies to business days only; on a closed day (weekend, holiday, 12/29–1/3) the
 * call center is shut and the roster says 0 — an override there is refused rather than silently ignored,
 * since the forecast puts no calls on those days. Overrides in the past are refused too: they would change
 * nothing the guard decides.
 */
import { badRequest } from '@wavedesk/common';
import type { FieldError, RosterDay, RosterOverride } from '@wavedesk/contracts';
import { addCalendarDays, tryDayNumber, type BusinessCalendar, type IsoDate } from './business-calendar';

export const MAX_OPERATORS = 500;
/** How far ahead an override may be set, and how long a GET range may be. */
export const ROSTER_MAX_DAYS = 366;
export const MAX_NOTE = 200;
/** The default when nothing is stored: the dashboard's and the guard's former nominal figure. */
export const DEFAULT_OPERATORS = 10;

export interface StoredRoster {
  defaultOperators: number;
  overrides: ReadonlyMap<IsoDate, { operators: number; note: string | null }>;
}

export interface RosterChange {
  defaultOperators?: number;
  /** When present, replaces every override from today on. */
  overrides?: RosterOverride[];
}

const operatorsError = (field: string, value: unknown, label: string): FieldError | null =>
  Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_OPERATORS
    ? null
    : { field, code: 'invalid_operators', message: `${label}は0〜${MAX_OPERATORS}の整数で指定してください。` };

/** Checks one date an override is for: a real date, a business day, from today up to a year ahead. */
export function dateError(field: string, date: unknown, today: IsoDate, calendar: BusinessCalendar): FieldError | null {
  if (typeof date !== 'string' || tryDayNumber(date) === undefined) return { field, code: 'invalid_date', message: '日付は実在する日を YYYY-MM-DD で指定してください。' };
  if (date < today) return { field, code: 'past_date', message: `${date} は過去の日付のため変更できません。` };
  if (date > addCalendarDays(today, ROSTER_MAX_DAYS)) return { field, code: 'too_far', message: `日付は${ROSTER_MAX_DAYS}日先までで指定してください。` };
  const closed = calendar.closedReason(date);
  if (closed) return { field, code: 'closed_day', message: `${date} は${closed}でコールセンターの休業日のため、在席人数は設定できません。` };
  return null;
}

function overrideErrors(raw: unknown, field: string, today: IsoDate, calendar: BusinessCalendar): FieldError[] {
  const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const errors: FieldError[] = [];
  const date = dateError(`${field}.date`, o.date, today, calendar);
  if (date) errors.push(date);
  const ops = operatorsError(`${field}.operators`, o.operators, '在席人数');
  if (ops) errors.push(ops);
  if (o.note !== undefined && o.note !== null && (typeof o.note !== 'string' || o.note.length > MAX_NOTE)) {
    errors.push({ field: `${field}.note`, code: 'invalid_note', message: `メモは${MAX_NOTE}文字以内の文字列で入力してください。` });
  }
  return errors;
}

const cleanNote = (note: unknown): string | null => (typeof note === 'string' && note.trim() !== '' ? note.trim() : null);

/** `PUT /api/roster`: `{ defaultOperators?, overrides? }`, at least one; 400 with a Japanese sentence per field. */
export function checkRosterChange(body: unknown, today: IsoDate, calendar: BusinessCalendar): RosterChange {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const errors: FieldError[] = [];
  if (b.defaultOperators === undefined && b.overrides === undefined) {
    errors.push({ field: 'defaultOperators', code: 'required', message: '既定の在席人数か日別の設定のどちらかを指定してください。' });
  }
  if (b.defaultOperators !== undefined) {
    const e = operatorsError('defaultOperators', b.defaultOperators, '既定の在席人数');
    if (e) errors.push(e);
  }
  const overrides: RosterOverride[] = [];
  if (b.overrides !== undefined) {
    if (!Array.isArray(b.overrides)) errors.push({ field: 'overrides', code: 'not_an_array', message: '日別の設定は配列で指定してください。' });
    else if (b.overrides.length > ROSTER_MAX_DAYS) errors.push({ field: 'overrides', code: 'too_many', message: `日別の設定は${ROSTER_MAX_DAYS}件までです。` });
    else {
      const seen = new Set<string>();
      b.overrides.forEach((raw: unknown, i) => {
        const found = overrideErrors(raw, `overrides[${i}]`, today, calendar);
        const o = raw as { date: string; operators: number; note?: unknown };
        if (found.length === 0 && seen.has(o.date)) found.push({ field: `overrides[${i}].date`, code: 'duplicate_date', message: `${o.date} が重複しています。` });
        errors.push(...found);
        if (found.length === 0) {
          seen.add(o.date);
          overrides.push({ date: o.date, operators: o.operators, note: cleanNote(o.note) });
        }
      });
    }
  }
  if (errors.length > 0) throw badRequest('invalid_roster', '在席オペレーターの指定に誤りがあります。', errors);
  overrides.sort((x, y) => x.date.localeCompare(y.date));
  return { ...(b.defaultOperators !== undefined ? { defaultOperators: b.defaultOperators as number } : {}), ...(b.overrides !== undefined ? { overrides } : {}) };
}

/** `PUT /api/roster/:date`: `{ operators, note? }` for one date. */
export function checkRosterDay(date: string, body: unknown, today: IsoDate, calendar: BusinessCalendar): RosterOverride {
  const errors = overrideErrors({ ...((typeof body === 'object' && body !== null ? body : {}) as object), date }, '', today, calendar).map((e) => ({ ...e, field: e.field.replace(/^\./, '') }));
  if (errors.length > 0) throw badRequest('invalid_roster', '在席オペレーターの指定に誤りがあります。', errors);
  const b = body as { operators: number; note?: unknown };
  return { date, operators: b.operators, note: cleanNote(b.note) };
}

/** Operators on duty on a date: the override, else the default on a business day, else 0 (closed). */
export function rosterDay(roster: StoredRoster, date: IsoDate, calendar: BusinessCalendar): RosterDay {
  const closedReason = calendar.closedReason(date);
  const o = roster.overrides.get(date);
  if (o) return { date, operators: o.operators, source: 'override', note: o.note, closedReason };
  if (closedReason) return { date, operators: 0, source: 'closed', note: null, closedReason };
  return { date, operators: roster.defaultOperators, source: 'default', note: null, closedReason: null };
}

/** Each date from `from` to `to` (inclusive). */
export function rosterDays(roster: StoredRoster, from: IsoDate, to: IsoDate, calendar: BusinessCalendar): RosterDay[] {
  const out: RosterDay[] = [];
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) out.push(rosterDay(roster, d, calendar));
  return out;
}
