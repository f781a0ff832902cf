/**
 * The print contractor's CSV: one row per form, columns in a fixed order with Japanese headers.
 *
 * The form shows the person's registered 4 information items (氏名・住所・生年月日・性別); the envelope
 * window shows the 宛名 columns, which are the 送付先 when a 送付先変更届 exists and the registered name and
 * address otherwise (送付先区分 says which). Honorifics (様) and fixed labels are the contractor's layout.
 *
 * Every field is quoted (RFC 4180, `"` doubled), lines end with CRLF, no BOM. A row is checked before it is
 * encoded; a problem is reported by row (1-based position of the form in its unit, i.e. CSV line − 1) and
 * column, never with the value, so reports can be logged without personal data.
 */
import { findUnmappable, foldForCp932 } from './shift-jis';
import { APPLICATION_ID_PATTERN, formatPostalCode, type PrintTarget, SEX_LABELS } from './print-target';
import { formatSeireki, formatWareki } from './wareki';

export const PRINT_CSV_COLUMNS = [
  '申請書ID',
  'プレースホルダ',
  'QRデータ',
  '市町村コード',
  '被保険者番号',
  '氏名',
  '氏名カナ',
  '生年月日（和暦）',
  '生年月日（西暦）',
  '性別',
  '郵便番号',
  '住所',
  '送付先区分',
  '宛名氏名',
  '宛名郵便番号',
  '宛名住所',
] as const;
export type PrintCsvColumn = (typeof PRINT_CSV_COLUMNS)[number];

export type PrintDataIssueCode = 'invalid_value' | 'duplicate' | 'placeholder' | 'unmappable_character';

/** One problem in a unit's data, without the data itself. */
export interface PrintDataIssue {
  /** Position of the form in its unit, from 1 (the CSV line number minus the header). */
  row: number;
  column: PrintCsvColumn;
  code: PrintDataIssueCode;
  /** For `unmappable_character`: the code point (`U+20BB7`), so a 外字 glyph can be prepared. */
  codePoint?: string;
}

const MUNICIPALITY_CODE = /^\d{6}$/;
const INSURED_NUMBER = /^\d{8}$/;
const POSTAL_CODE = /^\d{3}-\d{4}$/;
// Control characters (tabs and line breaks included) would break the contractor's layout.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Text of a field that may be missing at run time (rows come from a database): absent is empty. */
function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

const birthDateCache = new Map<string, readonly [string, string]>();

/** 和暦 and 西暦 of a birth date ('' when invalid), memoised: a wave has only some 30,000 distinct birth dates. */
function birthDateTexts(date: string): readonly [string, string] {
  let texts = birthDateCache.get(date);
  if (texts === undefined) {
    texts = [formatWareki(date) ?? '', formatSeireki(date) ?? ''];
    if (birthDateCache.size >= 100_000) birthDateCache.clear();
    birthDateCache.set(date, texts);
  }
  return texts;
}

/** The fields of one row, in {@link PRINT_CSV_COLUMNS} order, folded for CP932 but not yet checked. */
export function printFields(target: PrintTarget): string[] {
  const delivery = target.delivery ?? null;
  const birthDate = text(target.birthDate);
  return [
    text(target.applicationId),
    target.placeholder ? '1' : '0',
    text(target.qrData),
    text(target.municipalityCode),
    text(target.insuredNumber),
    foldForCp932(text(target.name)),
    foldForCp932(text(target.nameKana)),
    ...birthDateTexts(birthDate),
    target.sex === 'male' || target.sex === 'female' ? SEX_LABELS[target.sex] : '',
    formatPostalCode(text(target.postalCode)),
    foldForCp932(text(target.address)),
    delivery ? '1' : '0',
    foldForCp932(text(delivery ? delivery.name : target.name)),
    formatPostalCode(text(delivery ? delivery.postalCode : target.postalCode)),
    foldForCp932(text(delivery ? delivery.address : target.address)),
  ];
}

const REQUIRED_TEXT: ReadonlySet<number> = new Set([2, 5, 11, 13, 15]); // QRデータ, 氏名, 住所, 宛名氏名, 宛名住所

/**
 * Structural problems of one row (its fields from {@link printFields}): malformed IDs, codes, dates and
 * postal codes, empty required text, control characters. Unmappable characters are checked separately.
 */
export function checkPrintFields(fields: readonly string[], target: PrintTarget, row: number): PrintDataIssue[] {
  const issues: PrintDataIssue[] = [];
  const bad = (i: number): void => {
    issues.push({ row, column: PRINT_CSV_COLUMNS[i], code: 'invalid_value' });
  };
  if (!APPLICATION_ID_PATTERN.test(fields[0])) bad(0);
  if (typeof target.placeholder !== 'boolean') bad(1);
  if (!MUNICIPALITY_CODE.test(fields[3])) bad(3);
  if (!INSURED_NUMBER.test(fields[4])) bad(4);
  if (fields[7] === '') bad(7);
  if (fields[9] === '') bad(9);
  if (!POSTAL_CODE.test(fields[10])) bad(10);
  if (!POSTAL_CODE.test(fields[14])) bad(14);
  for (const i of REQUIRED_TEXT) {
    if (fields[i].trim() === '' && !issues.some((x) => x.column === PRINT_CSV_COLUMNS[i])) bad(i);
  }
  if (CONTROL.test(fields.join(''))) {
    fields.forEach((value, i) => {
      if (CONTROL.test(value) && !issues.some((x) => x.column === PRINT_CSV_COLUMNS[i])) bad(i);
    });
  }
  return issues;
}

/** The characters of a row that CP932 cannot hold, by column. */
export function unmappableIssues(fields: readonly string[], row: number): PrintDataIssue[] {
  const issues: PrintDataIssue[] = [];
  fields.forEach((value, i) => {
    for (const u of findUnmappable(value)) {
      issues.push({ row, column: PRINT_CSV_COLUMNS[i], code: 'unmappable_character', codePoint: u.codePoint });
    }
  });
  return issues;
}

function quote(value: string): string {
  return value.indexOf('"') === -1 ? `"${value}"` : `"${value.replace(/"/g, '""')}"`;
}

/** One CSV line (with CRLF) of the given fields, as text; the writer encodes the same line straight to bytes. */
export function csvLine(fields: readonly string[]): string {
  let line = quote(fields[0]);
  for (let i = 1; i < fields.length; i++) line += ',' + quote(fields[i]);
  return line + '\r\n';
}

/** What {@link checkPrintRow} remembers between the rows of one unit (or one wave). */
export interface PrintRowCheckState {
  seenApplicationIds: Set<string>;
  seenInsuredNumbers: Set<string>;
  placeholders: number;
}

export const newPrintRowCheckState = (): PrintRowCheckState => ({ seenApplicationIds: new Set(), seenInsuredNumbers: new Set(), placeholders: 0 });

/**
 * The fields of one row and everything wrong with it except unmappable characters (which the encoder
 * finds): malformed values, the same person again, and a placeholder ID unless placeholders are allowed.
 */
export function checkPrintRow(
  target: PrintTarget,
  row: number,
  state: PrintRowCheckState,
  allowPlaceholders: boolean,
): { fields: string[]; found: PrintDataIssue[] } {
  const fields = printFields(target);
  const found = checkPrintFields(fields, target, row);
  if (state.seenApplicationIds.has(fields[0])) found.push({ row, column: '申請書ID', code: 'duplicate' });
  else state.seenApplicationIds.add(fields[0]);
  if (state.seenInsuredNumbers.has(fields[4])) found.push({ row, column: '被保険者番号', code: 'duplicate' });
  else state.seenInsuredNumbers.add(fields[4]);
  if (target.placeholder === true) {
    state.placeholders++;
    if (!allowPlaceholders) found.push({ row, column: 'プレースホルダ', code: 'placeholder' });
  }
  return { fields, found };
}

