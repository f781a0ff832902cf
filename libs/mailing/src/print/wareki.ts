/**
 * Birth dates as the form prints them: 和暦 (昭和15年3月2日) and 西暦 (1940年3月2日).
 *
 * Era boundaries are the days the era began (明治 from 1873-01-01, when Japan adopted the Gregorian
 * calendar; earlier dates cannot be converted reliably). The first year of an era is written 元年.
 * Dates are ISO `YYYY-MM-DD` strings and are read without any time zone, so the server's TZ never shifts a day.
 */
interface EraStart {
  name: string;
  /** First day, as a comparable number YYYYMMDD. */
  start: number;
  /** Gregorian year of the era's first year. */
  firstYear: number;
}

const ERAS: readonly EraStart[] = [
  { name: '令和', start: 20190501, firstYear: 2019 },
  { name: '平成', start: 19890108, firstYear: 1989 },
  { name: '昭和', start: 19261225, firstYear: 1926 },
  { name: '大正', start: 19120730, firstYear: 1912 },
  { name: '明治', start: 18730101, firstYear: 1868 },
];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Year, month and day of a real ISO date, or undefined. */
export function parseIsoDate(date: string): { year: number; month: number; day: number } | undefined {
  const m = ISO_DATE.exec(date);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

/** `昭和15年3月2日`, `平成元年1月8日`; undefined for text that is not a real date on or after 1873-01-01. */
export function formatWareki(date: string): string | undefined {
  const d = parseIsoDate(date);
  if (!d) return undefined;
  const key = d.year * 10000 + d.month * 100 + d.day;
  const era = ERAS.find((e) => key >= e.start);
  if (!era) return undefined;
  const n = d.year - era.firstYear + 1;
  return `${era.name}${n === 1 ? '元' : n}年${d.month}月${d.day}日`;
}

/** `1940年3月2日`; undefined for text that is not a real date. */
export function formatSeireki(date: string): string | undefined {
  const d = parseIsoDate(date);
  return d ? `${d.year}年${d.month}月${d.day}日` : undefined;
}
