import { fileError, formatCount } from '../import-error';

/** One CSV record: its 1-based row number (the header is row 1) and its fields. */
export interface CsvRecord {
  row: number;
  fields: string[];
  /** The file ended inside a quoted field (the last line is cut off). */
  unterminatedQuote?: boolean;
}

export interface CsvLimits {
  /** Longest field accepted, in characters (default 65,536). */
  maxFieldChars: number;
  /** Longest record accepted, in characters (default 262,144). */
  maxRowChars: number;
  /** Most fields in one record (default 200). */
  maxFields: number;
}

export const DEFAULT_CSV_LIMITS: CsvLimits = { maxFieldChars: 65_536, maxRowChars: 262_144, maxFields: 200 };

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
  AfterCr,
}

/**
 * An RFC 4180 CSV parser fed with decoded text chunk by chunk: quoted fields with commas, doubled quotes
 * and line breaks; CRLF, LF or CR line ends; no final line break needed. Memory is bounded: a field or
 * record over the limits stops the parse with an error naming the row (a 200 MB field is refused after
 * its first 64 KiB, not buffered). A U+FFFD (a byte sequence the decoder could not read) stops it too.
 */
export class CsvParser {
  private state = State.FieldStart;
  private field = '';
  private fields: string[] = [];
  private rowChars = 0;
  private row = 1;
  private started = false;

  constructor(
    private readonly limits: CsvLimits = DEFAULT_CSV_LIMITS,
    private readonly encodingLabel = 'UTF-8',
  ) {}

  /** Parses a chunk and appends the complete records to `out`. */
  push(text: string, out: CsvRecord[]): void {
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const bad = text.indexOf('\uFFFD');
    this.parse(bad < 0 ? text : text.slice(0, bad), out);
    if (bad >= 0) {
      throw fileError(
        'wrong_encoding',
        `${this.row}行目に ${this.encodingLabel} として読めない文字があります。文字コードの指定（UTF-8 / Shift_JIS）を確認してください。`,
        this.row,
      );
    }
  }

  /** Ends the input: the last record, if any, is appended. */
  end(out: CsvRecord[]): void {
    switch (this.state) {
      case State.Quoted:
        this.endField(this.field);
        out.push({ row: this.row, fields: this.fields, unterminatedQuote: true });
        this.fields = [];
        return;
      case State.Unquoted:
      case State.QuoteInQuoted:
        this.endField(this.field);
        this.endRecord(out);
        return;
      case State.FieldStart:
        if (this.fields.length > 0) {
          this.endField('');
          this.endRecord(out);
        }
        return;
      case State.AfterCr:
        return;
    }
  }

  /** The row number of the record being read (or about to be read). */
  get currentRow(): number {
    return this.row;
  }

  private parse(s: string, out: CsvRecord[]): void {
    const len = s.length;
    let seg = 0;
    let state = this.state;
    for (let i = 0; i < len; i++) {
      const c = s.charCodeAt(i);
      if (state === State.AfterCr) {
        state = State.FieldStart;
        if (c === LF) continue; // CRLF; a lone CR ended the record by itself
      }
      switch (state) {
        case State.FieldStart:
          if (c === QUOTE) {
            state = State.Quoted;
            seg = i + 1;
            continue;
          }
          if (c === COMMA) {
            this.endField('');
            continue;
          }
          if (c === LF || c === CR) {
            this.endField('');
            this.endRecord(out);
            state = c === CR ? State.AfterCr : State.FieldStart;
            continue;
          }
          state = State.Unquoted;
          seg = i;
          continue;
        case State.Unquoted:
          if (c === COMMA) {
            this.endField(this.field + s.slice(seg, i));
            this.field = '';
            state = State.FieldStart;
          } else if (c === LF || c === CR) {
            this.endField(this.field + s.slice(seg, i));
            this.field = '';
            this.endRecord(out);
            state = c === CR ? State.AfterCr : State.FieldStart;
          }
          continue;
        case State.Quoted:
          if (c === QUOTE) {
            this.field += s.slice(seg, i);
            this.checkField(this.field.length);
            state = State.QuoteInQuoted;
          }
          continue;
        case State.QuoteInQuoted:
          if (c === QUOTE) {
            this.field += '"';
            seg = i + 1;
            state = State.Quoted;
          } else if (c === COMMA) {
            this.endField(this.field);
            this.field = '';
            state = State.FieldStart;
          } else if (c === LF || c === CR) {
            this.endField(this.field);
            this.field = '';
            this.endRecord(out);
            state = c === CR ? State.AfterCr : State.FieldStart;
          } else {
            throw fileError(
              'invalid_quote',
              `${this.row}行目の${this.fields.length + 1}列目で、引用符（"）で囲んだ値のあとに余分な文字があります。値の中の " は "" と2つ重ねてください。`,
              this.row,
            );
          }
          continue;
        default:
          continue;
      }
    }
    // Keep the unfinished field of this chunk, and refuse it once it is too long.
    if (state === State.Unquoted || state === State.Quoted) {
      this.field += s.slice(seg);
      this.checkField(this.field.length);
      this.checkRow(this.rowChars + this.field.length);
    }
    this.state = state;
  }

  private endField(value: string): void {
    this.checkField(value.length);
    this.rowChars += value.length;
    this.checkRow(this.rowChars);
    if (this.fields.length >= this.limits.maxFields) {
      throw fileError('too_many_fields', `${this.row}行目の列が多すぎます（上限 ${formatCount(this.limits.maxFields)} 列）。`, this.row);
    }
    this.fields.push(value);
  }

  private endRecord(out: CsvRecord[]): void {
    out.push({ row: this.row, fields: this.fields });
    this.fields = [];
    this.rowChars = 0;
    this.row++;
  }

  private checkField(length: number): void {
    if (length > this.limits.maxFieldChars) {
      throw fileError(
        'field_too_large',
        `${this.row}行目の${this.fields.length + 1}列目の値が長すぎます（上限 ${formatCount(this.limits.maxFieldChars)} 文字）。引用符（"）が閉じられていないか、ファイルが壊れている可能性があります。`,
        this.row,
      );
    }
  }

  private checkRow(length: number): void {
    if (length > this.limits.maxRowChars) {
      throw fileError(
        'row_too_large',
        `${this.row}行目が長すぎます（上限 ${formatCount(this.limits.maxRowChars)} 文字）。ファイルが壊れている可能性があります。`,
        this.row,
      );
    }
  }
}
