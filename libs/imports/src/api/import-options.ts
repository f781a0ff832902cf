import { badRequest } from '@wavedesk/common';
import type { FieldError } from '@wavedesk/contracts';
import type { CsvEncoding } from '../csv/encoding';
import type { ImportKind } from '../kinds/import-kind';
import type { ImportOptions } from './import-registry.service';

/** What a request may say besides the file, as query parameters or multipart fields. */
export interface RawImportOptions {
  encoding?: unknown;
  validOnly?: unknown;
  asOf?: unknown;
}

const ENCODINGS: Record<string, CsvEncoding> = { auto: 'auto', 'utf-8': 'utf-8', utf8: 'utf-8', shift_jis: 'shift_jis', 'shift-jis': 'shift_jis', sjis: 'shift_jis', cp932: 'shift_jis' };

const isRealDate = (s: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

/** Validates an import's options with Japanese messages (400 with every problem, per field). */
export function parseImportOptions(kind: ImportKind, raw: RawImportOptions): ImportOptions {
  const errors: FieldError[] = [];
  const text = (v: unknown): string | undefined => (v === undefined || v === null || v === '' ? undefined : String(v).trim());

  const rawEncoding = text(raw.encoding)?.toLowerCase() ?? 'auto';
  const encoding = ENCODINGS[rawEncoding];
  if (!encoding) errors.push({ field: 'encoding', code: 'invalid_encoding', message: '文字コード（encoding）は auto、utf-8、shift_jis のいずれかを指定してください。' });

  const rawValidOnly = text(raw.validOnly)?.toLowerCase() ?? 'false';
  const validOnly = ['true', '1', 'yes', 'on'].includes(rawValidOnly);
  if (!validOnly && !['false', '0', 'no', 'off'].includes(rawValidOnly)) {
    errors.push({ field: 'validOnly', code: 'invalid_boolean', message: 'validOnly は true か false で指定してください。' });
  }

  const asOf = text(raw.asOf) ?? null;
  if (kind === 'card-holders') {
    if (asOf === null) errors.push({ field: 'asOf', code: 'required', message: 'カード取得者一覧には基準日（asOf、YYYY-MM-DD）を指定してください。いつ時点の一覧かで、どの発送回の突合に使うかが決まります。' });
    else if (!isRealDate(asOf)) errors.push({ field: 'asOf', code: 'invalid_date', message: '基準日（asOf）は存在する日付を YYYY-MM-DD で指定してください。' });
  } else if (asOf !== null) {
    errors.push({ field: 'asOf', code: 'not_allowed', message: '基準日（asOf）はカード取得者一覧にだけ指定できます。' });
  }
  if (errors.length) throw badRequest('validation_failed', '取込の指定に誤りがあります。', errors);
  return { encoding: encoding!, validOnly, asOf };
}
