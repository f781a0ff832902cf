import { replaceKanjiNumerals } from './kanji-numerals';

/** A Japanese era (元号) with its first and last day in the Gregorian calendar. */
export interface Era {
  name: string;
  letter: string;
  /** Code used by 7-digit dates in Japanese systems (1 明治 … 5 令和). */
  code: number;
  start: string;
  end: string | null;
}

export const ERAS: readonly Era[] = [
  { name: '明治', letter: 'M', code: 1, start: '1868-01-25', end: '1912-07-29' },
  { name: '大正', letter: 'T', code: 2, start: '1912-07-30', end: '1926-12-24' },
  { name: '昭和', letter: 'S', code: 3, start: '1926-12-25', end: '1989-01-07' },
  { name: '平成', letter: 'H', code: 4, start: '1989-01-08', end: '2019-04-30' },
  { name: '令和', letter: 'R', code: 5, start: '2019-05-01', end: null },
];

/** Before 1873 Japan used the lunisolar calendar: such dates cannot be converted reliably. */
const GREGORIAN_SINCE = '1873-01-01';

export type DateErrorCode = 'invalid_date_format' | 'invalid_date' | 'era_out_of_range' | 'date_too_early';

export type DateParseResult =
  | { ok: true; value: string }
  | { ok: false; code: DateErrorCode; message: string };

const ERA_BY_TOKEN = new Map<string, Era>();
for (const era of ERAS) {
  ERA_BY_TOKEN.set(era.name, era);
  ERA_BY_TOKEN.set(era.name[0], era);
  ERA_BY_TOKEN.set(era.letter, era);
}

/** The number written by `length` ASCII digits at `from`, or -1. */
function digits(s: string, from: number, length: number): number {
  let n = 0;
  for (let i = from; i < from + length; i++) {
    const d = s.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

const WESTERN = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/;
const WESTERN_COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const ERA_DATE = /^(明治|大正|昭和|平成|令和|[明大昭平令]|[MTSHR])\.?(\d{1,2}|元)[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/;
const ERA_CODE_COMPACT = /^([1-5])(\d{2})(\d{2})(\d{2})$/;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

function fail(code: DateErrorCode, message: string): DateParseResult {
  return { ok: false, code, message };
}

/** `iso`: the date already written as ISO YYYY-MM-DD, when it is. */
function gregorian(year: number, month: number, day: number, iso = `${pad(year, 4)}-${pad(month)}-${pad(day)}`): DateParseResult {
  if (month < 1 || month > 12) return fail('invalid_date', `${month}月という月はありません。`);
  if (day < 1 || day > daysInMonth(year, month)) {
    return fail('invalid_date', `${month}月${day}日は存在しない日付です。`);
  }
  if (iso < GREGORIAN_SINCE) return fail('date_too_early', '1873年（明治6年）より前の日付には対応していません。');
  return { ok: true, value: iso };
}

function fromEra(era: Era, eraYear: number, month: number, day: number): DateParseResult {
  if (eraYear < 1) return fail('era_out_of_range', `${era.name}0年という年はありません。`);
  const year = Number(era.start.slice(0, 4)) + eraYear - 1;
  if (era.end && year > Number(era.end.slice(0, 4))) {
    const lastYear = Number(era.end.slice(0, 4)) - Number(era.start.slice(0, 4)) + 1;
    return fail('era_out_of_range', `${era.name}は${lastYear}年までです（${era.name}${eraYear}年はありません）。`);
  }
  const result = gregorian(year, month, day);
  if (!result.ok) return result;
  if (result.value < era.start || (era.end && result.value > era.end)) {
    const [, sm, sd] = era.start.split('-').map(Number);
    const range = era.end
      ? `${era.name}は${era.start.slice(0, 4)}年${sm}月${sd}日から${era.end.slice(0, 4)}年${Number(era.end.slice(5, 7))}月${Number(era.end.slice(8))}日まで`
      : `${era.name}は${era.start.slice(0, 4)}年${sm}月${sd}日から`;
    return fail('era_out_of_range', `${range}です。この日付は${era.name}にはありません。`);
  }
  return result;
}

/**
 * Parses a date as Japanese lists write it and returns ISO `YYYY-MM-DD`:
 * 西暦 1940-03-02, 1940/3/2, 1940.3.2, 1940年3月2日, 19400302;
 * 和暦 昭和15年3月2日, 昭和十五年三月二日, 昭15.03.02, S15.3.2, s15/3/2, 平成元年1月8日, and the 7-digit
 * form 3150302 (era code 1 明治 … 5 令和 + YYMMDD). Full-width characters and spaces are accepted.
 * Impossible dates are refused: 2月30日, 昭和65年, 昭和64年1月8日, 平成元年1月7日.
 * Messages never repeat the input (it may be personal data).
 */
export function parseJapaneseDate(input: string): DateParseResult {
  // ISO (1940-03-02), the form most files use: the clean-up below would leave it as it is.
  if (input.length === 10 && input.charCodeAt(4) === 0x2d && input.charCodeAt(7) === 0x2d) {
    const year = digits(input, 0, 4);
    const month = digits(input, 5, 2);
    const day = digits(input, 8, 2);
    if (year >= 0 && month >= 0 && day >= 0) return gregorian(year, month, day, input);
  }
  const s = replaceKanjiNumerals(input.normalize('NFKC').replace(/\s+/g, '')).toUpperCase();
  if (s === '') return fail('invalid_date_format', '日付が空です。');
  let m = WESTERN.exec(s) ?? WESTERN_COMPACT.exec(s);
  if (m) return gregorian(Number(m[1]), Number(m[2]), Number(m[3]));
  m = ERA_DATE.exec(s);
  if (m) {
    const era = ERA_BY_TOKEN.get(m[1])!;
    return fromEra(era, m[2] === '元' ? 1 : Number(m[2]), Number(m[3]), Number(m[4]));
  }
  m = ERA_CODE_COMPACT.exec(s);
  if (m) return fromEra(ERAS[Number(m[1]) - 1], Number(m[2]), Number(m[3]), Number(m[4]));
  return fail(
    'invalid_date_format',
    '日付の形式が正しくありません。1940-03-02、1940/3/2、昭和15年3月2日、S15.3.2 のように入力してください。',
  );
}

/** Formats an ISO date as 和暦 (昭和15年3月2日), for tests, synthetic data and printed pieces. */
export function toWareki(iso: string, style: 'kanji' | 'letter' | 'short' = 'kanji'): string {
  const era = [...ERAS].reverse().find((e) => iso >= e.start);
  if (!era) throw new Error('toWareki: date before 明治');
  const [y, mo, d] = iso.split('-').map(Number);
  const eraYear = y - Number(era.start.slice(0, 4)) + 1;
  if (style === 'letter') return `${era.letter}${eraYear}.${mo}.${d}`;
  if (style === 'short') return `${era.name[0]}${pad(eraYear)}.${pad(mo)}.${pad(d)}`;
  return `${era.name}${eraYear === 1 ? '元' : eraYear}年${mo}月${d}日`;
}
