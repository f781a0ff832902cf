import iconv from 'iconv-lite';
import type { ExportEncoding } from './dto/inquiry-query.dto';

/**
 * CSV bytes as Excel opens them correctly: UTF-8 with a byte-order mark, or Shift_JIS in its Windows form
 * (CP932, which also has ①, ㈱ and the NEC/IBM kanji). A character Shift_JIS cannot hold becomes `?`.
 */
export const CSV_CONTENT_TYPE: Record<ExportEncoding, string> = {
  'utf-8': 'text/csv; charset=utf-8',
  shift_jis: 'text/csv; charset=Shift_JIS',
};

export const UTF8_BOM = '\ufeff';

export function encodeCsv(text: string, encoding: ExportEncoding): Buffer {
  return encoding === 'shift_jis' ? iconv.encode(text, 'cp932') : Buffer.from(text, 'utf8');
}
