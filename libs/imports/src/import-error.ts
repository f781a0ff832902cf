import { DomainError } from '@wavedesk/common';

/**
 * One problem found in an import file. `row` is the 1-based record number counting the header as row 1
 * (the row number a spreadsheet shows); `column` is the header name as the file has it. The message is
 * Japanese and never repeats the cell's value (it may be personal data or a 個人番号).
 */
export interface ImportError {
  row: number | null;
  column: string | null;
  code: string;
  message: string;
}

/**
 * The file cannot be imported at all (wrong encoding, missing column, a 個人番号 column, a field too
 * large…). Reading stops at once; rows yielded before it must be thrown away by the caller.
 */
export class ImportFileError extends DomainError {
  /** The first problem (its code and message are the error's own). */
  readonly error: ImportError;

  constructor(readonly importErrors: ImportError[]) {
    super(422, importErrors[0].code, importErrors.map((e) => e.message).join(' '), undefined, { errors: importErrors });
    this.error = importErrors[0];
    this.name = 'ImportFileError';
  }
}

export const fileError = (code: string, message: string, row: number | null = null, column: string | null = null): ImportFileError =>
  new ImportFileError([{ row, column, code, message }]);

/** Formats a number with thousands separators, as the UI writes it (614,058). */
export const formatCount = (n: number): string => n.toLocaleString('ja-JP');
