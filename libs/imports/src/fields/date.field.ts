import { parseJapaneseDate as parseDate } from '@wavedesk/matching';
import { invalid, valid, type FieldResult } from './field-result';

/** Bound once: a compiled cross-library import is a getter, and this runs for every row. */
const parseJapaneseDate = parseDate;

export interface DateFieldOptions {
  /** Dates after this ISO day are refused (e.g. a birth date in the future). */
  notAfter?: string;
}

/**
 * 生年月日 and other dates: 西暦 (1940-03-02, 1940/3/2) or 和暦 (昭和15年3月2日, S15.3.2, 昭15.03.02;
 * M/T/S/H/R, 元年) → ISO YYYY-MM-DD. Impossible dates (昭和65年, 2月30日, 平成元年1月7日) are refused.
 */
export function parseDateField(raw: string, options: DateFieldOptions = {}): FieldResult<string> {
  const r = parseJapaneseDate(raw);
  if (!r.ok) return invalid(r.code, r.message);
  if (options.notAfter && r.value > options.notAfter) return invalid('date_in_future', '未来の日付です。');
  return valid(r.value);
}
