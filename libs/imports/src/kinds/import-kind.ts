import type { MunicipalityDirectory } from '@wavedesk/matching';

export type ImportKind = 'insured' | 'card-holders' | 'application-ids';

export const IMPORT_KINDS: readonly ImportKind[] = ['insured', 'card-holders', 'application-ids'];

export interface ColumnSpec {
  /** The header as the file must name it (surrounding spaces and full-width forms are tolerated). */
  name: string;
  required: boolean;
  /** Opaque payload (QRデータ): the 個人番号 guard only refuses a value that is a 個人番号 as a whole. */
  opaque?: boolean;
}

/** A problem in one cell or row, before the row number is attached. */
export interface CellError {
  column: string | null;
  code: string;
  message: string;
}

/** The cells of one data row by column name ('' for an optional column the file does not have). */
export type RowCells = (column: string) => string;

export interface RowContext {
  directory: MunicipalityDirectory;
  /** Dates after this day (ISO) are refused as being in the future. */
  today: string;
}

/** What an import kind declares: its columns and how a row becomes a typed record. */
export interface ImportKindSpec<T> {
  kind: ImportKind;
  /** Japanese name of the list, for messages. */
  label: string;
  columns: readonly ColumnSpec[];
  /** Turns one row into a record, or reports every problem in it. */
  validate(cells: RowCells, ctx: RowContext): { record: T | null; errors: CellError[] };
  /** Values that must be unique within one file (被保険者番号, 申請書ID); `of` gives null when absent. */
  unique: ReadonlyArray<{ column: string; of: (record: T) => string | null }>;
}

/** Collects field results into a record and a list of cell errors. */
export class RowBuilder {
  readonly errors: CellError[] = [];

  take<V>(column: string, result: { ok: true; value: V } | { ok: false; code: string; message: string }): V | undefined {
    if (result.ok) return result.value;
    this.errors.push({ column, code: result.code, message: `${column}：${result.message}` });
    return undefined;
  }
}
