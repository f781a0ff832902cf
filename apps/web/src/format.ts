/**
 * How numbers and dates read on screen (STYLE.md): big numbers with separators (614,058), dates as people in
 * Japan write them (2022年2月15日(火)), always in Japan's time zone whatever the browser's clock says.
 */

const TIME_ZONE = 'Asia/Tokyo';

const integer = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 0 });
const dateParts = new Intl.DateTimeFormat('ja-JP', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  weekday: 'short',
});
const timeParts = new Intl.DateTimeFormat('ja-JP', {
  timeZone: TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const eraDate = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  timeZone: TIME_ZONE,
  era: 'long',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});
const isoDay = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

type DateInput = Date | string | number;
const toDate = (value: DateInput): Date => (value instanceof Date ? value : new Date(value));

function part(parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): string {
  return parts.find((p) => p.type === type)?.value ?? '';
}

/** 614058 → "614,058"; null or undefined → "—". Rounds to a whole number (rounding happens only at display). */
export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined || Number.isNaN(value) ? '—' : integer.format(value);
}

/** "2022年2月15日(火)" */
export function formatDate(value: DateInput): string {
  const parts = dateParts.formatToParts(toDate(value));
  return `${part(parts, 'year')}年${part(parts, 'month')}月${part(parts, 'day')}日(${part(parts, 'weekday')})`;
}

/** "2022年2月15日(火) 09:05:12" */
export function formatDateTime(value: DateInput): string {
  const date = toDate(value);
  const parts = timeParts.formatToParts(date);
  return `${formatDate(date)} ${part(parts, 'hour')}:${part(parts, 'minute')}:${part(parts, 'second')}`;
}

/** "令和4年2月15日" (the first year of an era is 元年: "令和元年5月1日"), for forms that ask for the Japanese era. */
export function formatEraDate(value: DateInput): string {
  const parts = eraDate.formatToParts(toDate(value));
  const year = part(parts, 'year');
  return `${part(parts, 'era')}${year === '1' ? '元' : year}年${part(parts, 'month')}月${part(parts, 'day')}日`;
}

/** The calendar day in Japan as YYYY-MM-DD (what an `<input type="date">` holds). */
export function toIsoDay(value: DateInput): string {
  return isoDay.format(toDate(value));
}

/** The instant a day starts in Japan: "2022-02-15" → "2022-02-15T00:00:00+09:00". */
export function startOfDayInJapan(isoDate: string): string {
  return `${isoDate}T00:00:00+09:00`;
}

/** The instant the day after starts in Japan, for an inclusive "to" day: "2022-02-15" → "2022-02-16T00:00:00+09:00". */
export function startOfNextDayInJapan(isoDate: string): string {
  const next = new Date(`${isoDate}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return startOfDayInJapan(next.toISOString().slice(0, 10));
}

/** Hiragana → katakana, so that "さっぽろ" finds "サッポロシ". */
export function toKatakana(text: string): string {
  return text.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}
