import type { Readable } from 'node:stream';
import { defaultMunicipalityDirectory, type MunicipalityDirectory } from '@wavedesk/matching';
import { CsvReader } from './csv/csv-reader';
import type { CsvLimits, CsvRecord } from './csv/csv-parser';
import type { CsvEncoding, DetectedEncoding } from './csv/encoding';
import { mapHeader, type HeaderMapping } from './csv/header-mapping';
import { cellHasMyNumber as hasMyNumber, isMyNumberHeader, myNumberColumnMessage } from './fields/my-number.guard';
import { FirstRows } from './first-rows';
import { fileError, ImportFileError, type ImportError } from './import-error';
import { applicationIdKind, type ApplicationIdRecord } from './kinds/application-id.kind';
import { cardHolderKind, type CardHolderRecord } from './kinds/card-holder.kind';
import type { ImportKind, ImportKindSpec, RowContext } from './kinds/import-kind';
import { insuredKind, type InsuredRecord } from './kinds/insured.kind';

export interface ImportRecordOf {
  insured: InsuredRecord;
  'card-holders': CardHolderRecord;
  'application-ids': ApplicationIdRecord;
}

export const IMPORT_KIND_SPECS: { [K in ImportKind]: ImportKindSpec<ImportRecordOf[K]> } = {
  insured: insuredKind,
  'card-holders': cardHolderKind,
  'application-ids': applicationIdKind,
};

/** One data row: its record when valid, else its errors (never both). */
export interface ImportRow<T> {
  row: number;
  record: T | null;
  errors: ImportError[];
}

export interface ImportReadOptions {
  encoding?: CsvEncoding;
  /** The 179 municipalities (default: the repository's data file). */
  directory?: MunicipalityDirectory;
  /** ISO day: later birth dates are refused as future (default: today in Japan). */
  today?: string;
  limits?: Partial<CsvLimits>;
  /** Compute `stats.sha256` while reading (default true); the import runner has the upload's already. */
  sha256?: boolean;
}

/** Bound once: a compiled import is a getter, and this runs for every cell. */
const cellHasMyNumber = hasMyNumber;

/** Rows looked at for 個人番号 values before reporting a header problem. */
const GUARD_PEEK_ROWS = 200;

const todayInJapan = (): string => new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);

/**
 * Reads an import file of one kind row by row, streaming. Fatal problems (encoding, empty file, header,
 * a 個人番号 column, a field too large) throw ImportFileError; row problems come with the row:
 *
 *   const reader = readImport('insured', stream, { encoding: 'auto' });
 *   for await (const batch of reader.batches()) for (const { row, record, errors } of batch) …
 *   reader.stats  // rows read, valid, with errors; bytes read; encoding
 *
 * A file with any error should store nothing unless the admin chose to import only its valid rows; a
 * fatal error must discard everything already read (a 個人番号 can show up on the last row).
 */
export function readImport<K extends ImportKind>(kind: K, input: Readable, options: ImportReadOptions = {}): ImportReader<ImportRecordOf[K]> {
  return new ImportReader(IMPORT_KIND_SPECS[kind] as ImportKindSpec<ImportRecordOf[K]>, input, options);
}

export interface ImportStats {
  encoding: DetectedEncoding | null;
  bytesRead: number;
  /** SHA-256 (hex) of the whole file, once read to the end (recognises the same file imported twice). */
  sha256: string | null;
  /** Data rows read (the header and blank lines not counted). */
  rowsRead: number;
  rowsValid: number;
  rowsWithErrors: number;
  /** Errors reported (a row may have several). */
  errorCount: number;
}

export class ImportReader<T> implements AsyncIterable<ImportRow<T>> {
  private readonly csv: CsvReader;
  private readonly ctx: RowContext;
  readonly stats: ImportStats = { encoding: null, bytesRead: 0, sha256: null, rowsRead: 0, rowsValid: 0, rowsWithErrors: 0, errorCount: 0 };
  private mapping: HeaderMapping | null = null;
  /** Column indexes of opaque payloads (QRデータ), for the 個人番号 guard. */
  private opaque = new Set<number>();
  /** Unique value → first row, per column (被保険者番号, 申請書ID). */
  private readonly seen = new Map<string, FirstRows>();
  /** The row being validated, and one accessor for its cells by column name (no closure per row). */
  private fields: string[] = [];
  private readonly cell = (column: string): string => {
    const i = this.mapping!.index.get(column);
    return i === undefined ? '' : this.fields[i];
  };

  constructor(
    readonly spec: ImportKindSpec<T>,
    input: Readable,
    options: ImportReadOptions,
  ) {
    this.csv = new CsvReader(input, { encoding: options.encoding, limits: options.limits, sha256: options.sha256 });
    this.ctx = { directory: options.directory ?? defaultMunicipalityDirectory(), today: options.today ?? todayInJapan() };
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<ImportRow<T>> {
    for await (const batch of this.batches()) yield* batch;
  }

  async *batches(): AsyncGenerator<Array<ImportRow<T>>> {
    let headerErrors: ImportError[] | null = null;
    let peeked = 0;
    let previous: CsvRecord | null = null;
    const batches = this.csv.batches();
    for await (const records of batches) {
      this.stats.encoding = this.csv.encoding;
      this.stats.bytesRead = this.csv.bytesRead;
      const out: Array<ImportRow<T>> = [];
      for (const record of records) {
        if (!this.mapping) {
          headerErrors = this.readHeader(record);
          continue;
        }
        this.guard(record);
        if (headerErrors) {
          if (++peeked >= GUARD_PEEK_ROWS) throw new ImportFileError(headerErrors);
          continue;
        }
        // Hold each row back by one, so that the last row is known (a cut-off last line).
        if (previous) out.push(this.toRow(previous, false));
        previous = record;
      }
      if (out.length) yield out;
    }
    this.stats.sha256 = this.csv.sha256;
    if (!this.mapping) throw fileError('empty_file', 'ファイルが空です。');
    if (headerErrors) throw new ImportFileError(headerErrors);
    if (previous) yield [this.toRow(previous, true)];
    if (this.stats.rowsRead === 0) throw fileError('no_rows', `見出し行だけでデータ行がありません。${this.spec.label}のデータを入れてください。`, 2);
    this.stats.bytesRead = this.csv.bytesRead;
  }

  private readHeader(record: CsvRecord): ImportError[] | null {
    const { mapping, errors } = mapHeader(record.fields, this.spec.columns, this.spec.label);
    this.mapping = mapping;
    for (const c of this.spec.columns) if (c.opaque && mapping.index.has(c.name)) this.opaque.add(mapping.index.get(c.name)!);
    const named = mapping.headers.find((h) => isMyNumberHeader(h));
    if (named) throw fileError('my_number_column', myNumberColumnMessage(named), 1, named);
    return errors.length ? errors : null;
  }

  /** Refuses the file when any cell holds a 個人番号; names the column, never the value. */
  private guard(record: CsvRecord): void {
    const { headers } = this.mapping!;
    const fields = record.fields;
    for (let i = 0; i < fields.length; i++) {
      const header = headers[i] ?? '';
      if (cellHasMyNumber(fields[i], this.opaque.has(i))) {
        const column = header || `${i + 1}列目`;
        throw fileError('my_number_column', myNumberColumnMessage(column, record.row), record.row, column);
      }
    }
  }

  private toRow(record: CsvRecord, last: boolean): ImportRow<T> {
    const { headers, unnamed } = this.mapping!;
    const { row, fields } = record;
    this.stats.rowsRead++;
    if (record.unterminatedQuote) {
      return this.fail(row, [{ row, column: null, code: 'truncated_row', message: `${row}行目（最終行）で引用符（"）が閉じられないままファイルが終わっています。ファイルの最後が途中で切れている可能性があります。` }]);
    }
    if (fields.length < headers.length) {
      return this.fail(row, [
        last
          ? { row, column: null, code: 'truncated_row', message: `${row}行目（最終行）の列が足りません（${headers.length}列のところ${fields.length}列）。ファイルの最後が途中で切れている可能性があります。` }
          : { row, column: null, code: 'too_few_columns', message: `${row}行目の列が足りません（${headers.length}列のところ${fields.length}列）。` },
      ]);
    }
    for (let i = headers.length; i < fields.length; i++) {
      if (fields[i].trim() !== '') {
        return this.fail(row, [{ row, column: null, code: 'too_many_columns', message: `${row}行目の列が多すぎます（見出しは${headers.length}列）。値の中のカンマは値全体を " で囲んでください。` }]);
      }
    }
    let errors: ImportError[] | null = null;
    for (const i of unnamed) {
      if (fields[i].trim() !== '') {
        (errors ??= []).push({ row, column: `${i + 1}列目`, code: 'unnamed_column_value', message: `${i + 1}列目は見出しがないのに値が入っています。` });
      }
    }
    this.fields = fields;
    const result = this.spec.validate(this.cell, this.ctx);
    for (const e of result.errors) (errors ??= []).push({ row, ...e });
    if (result.record) {
      for (const { column, of } of this.spec.unique) {
        const value = of(result.record);
        if (value === null) continue;
        let seen = this.seen.get(column);
        if (!seen) this.seen.set(column, (seen = new FirstRows()));
        const first = seen.firstOrAdd(value, row);
        if (first !== undefined) {
          (errors ??= []).push({ row, column, code: 'duplicate_value', message: `${column}が${first}行目と同じです。ファイルの中で${column}は重複できません。` });
        }
      }
    }
    if (errors || !result.record) return this.fail(row, errors ?? []);
    this.stats.rowsValid++;
    return { row, record: result.record, errors: NO_ERRORS };
  }

  private fail(row: number, errors: ImportError[]): ImportRow<T> {
    this.stats.rowsWithErrors++;
    this.stats.errorCount += errors.length;
    return { row, record: null, errors };
  }
}

/** Shared by every valid row (frozen: a row's errors are read, never added to). */
const NO_ERRORS = Object.freeze([]) as unknown as ImportError[];
