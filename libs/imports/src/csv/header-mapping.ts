import type { ColumnSpec } from '../kinds/import-kind';
import type { ImportError } from '../import-error';

/** A header name compared without surrounding or inner spaces and with full-width forms folded (ＱＲデータ → QRデータ). */
export function normalizeHeader(name: string): string {
  return name.replace(/^\uFEFF/, '').normalize('NFKC').replace(/[\s\u3000]+/g, '').toUpperCase();
}

export interface HeaderMapping {
  /** Column name (as specified) → index in the row, for the columns the file has. */
  index: Map<string, number>;
  /** Headers as the file writes them, trimmed (for messages). */
  headers: string[];
  /** Indexes of columns with an empty header (their values must be empty). */
  unnamed: number[];
}

/**
 * Maps a header row onto a kind's columns. Every problem is reported with a Japanese sentence that names
 * the column: a required column missing, an unknown (or renamed) column, a column given twice.
 */
export function mapHeader(fields: string[], columns: readonly ColumnSpec[], label: string): { mapping: HeaderMapping; errors: ImportError[] } {
  const byNormalized = new Map(columns.map((c) => [normalizeHeader(c.name), c]));
  const headers = fields.map((f) => f.replace(/^\uFEFF/, '').trim());
  const index = new Map<string, number>();
  const unnamed: number[] = [];
  const unknown: string[] = [];
  const errors: ImportError[] = [];
  headers.forEach((h, i) => {
    const n = normalizeHeader(h);
    if (n === '') {
      unnamed.push(i);
      return;
    }
    const spec = byNormalized.get(n);
    if (!spec) {
      unknown.push(h);
      return;
    }
    if (index.has(spec.name)) {
      errors.push({ row: 1, column: spec.name, code: 'duplicate_column', message: `列「${spec.name}」が2回以上あります。1列だけにしてください。` });
      return;
    }
    index.set(spec.name, i);
  });
  const missing = columns.filter((c) => c.required && !index.has(c.name)).map((c) => c.name);
  const expected = columns.map((c) => (c.required ? c.name : `${c.name}（任意）`)).join('、');
  for (const name of missing) {
    const hint = missing.length === 1 && unknown.length === 1 ? `見出し「${unknown[0]}」を「${name}」に直してください。` : '';
    errors.push({ row: 1, column: name, code: 'missing_column', message: `${label}に必須の列「${name}」がありません。${hint}` });
  }
  for (const h of unknown) {
    errors.push({
      row: 1,
      column: h,
      code: 'unknown_column',
      message: `列「${h}」は${label}の列ではありません。使える列は ${expected} です。${looksGarbled(h) ? '文字化けしている場合は文字コードの指定を確認してください。' : ''}`,
    });
  }
  return { mapping: { index, headers, unnamed }, errors };
}

/** Header text that reads like mojibake (a wrong encoding): half-width kana mixed with kanji, or odd symbols. */
function looksGarbled(h: string): boolean {
  return /[\uff61-\uff9f]/.test(h) && /[\u4e00-\u9fff]/.test(h) || /[�縺繧譁蜷]/.test(h);
}
