import { createHash, type Hash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { fileError } from '../import-error';
import { CsvParser, DEFAULT_CSV_LIMITS, type CsvLimits, type CsvRecord } from './csv-parser';
import { chooseEncoding, createDecoder, type CsvEncoding, type DetectedEncoding, type TextChunkDecoder } from './encoding';

export interface CsvReadOptions {
  encoding?: CsvEncoding;
  limits?: Partial<CsvLimits>;
  /** Compute `sha256` while reading (default true); an import already has its upload's. */
  sha256?: boolean;
}

/** A CSV record handed out by CsvReader; `last` is true for the final record of the file. */
export interface CsvRow extends CsvRecord {
  last: boolean;
}

/** Bytes looked at before deciding the encoding (the header and a few rows). */
const DETECT_BYTES = 16 * 1024;

/**
 * Bytes decoded, parsed and handed out at a time (a read of 256 KiB gives eight batches). Smaller pieces
 * keep the work of a large file off the system's memory calls (docs/imports.md §8): the text of a piece
 * stays below V8's large-object size (32 KiB of bytes give at most 64 KiB of text; the text of a 256 KiB
 * piece was fresh memory from the system each time), and a batch of ≈ 300 rows is usually gone before the
 * next young-generation collection, instead of ≈ 2,500 rows being copied and promoted to the old one.
 */
const DECODE_BYTES = 32 * 1024;

/**
 * Reads CSV records from a byte stream (a file or an upload) without holding the file in memory: the
 * stream is read chunk by chunk with back-pressure, decoded (UTF-8, or Shift_JIS as CP932; `auto`
 * decides from the first 16 KiB), and parsed. Blank lines are skipped but still counted, so row
 * numbers are those a spreadsheet shows. Fatal problems throw ImportFileError and stop reading
 * (the stream is destroyed); an empty file is one of them.
 *
 *   const reader = new CsvReader(fs.createReadStream(path), { encoding: 'auto' });
 *   for await (const { row, fields, last } of reader) …
 */
export class CsvReader implements AsyncIterable<CsvRow> {
  /** Set once the first bytes are read. */
  encoding: DetectedEncoding | null = null;
  /** Bytes read so far (for progress against the file size). */
  bytesRead = 0;
  /** SHA-256 (hex) of every byte of the file, set once the whole file has been read (unless `sha256: false`): the same file imported twice has the same value. */
  sha256: string | null = null;
  private readonly digest: Hash | null;
  private readonly limits: CsvLimits;

  constructor(
    private readonly input: Readable,
    private readonly options: CsvReadOptions = {},
  ) {
    this.limits = { ...DEFAULT_CSV_LIMITS, ...options.limits };
    this.digest = options.sha256 === false ? null : createHash('sha256');
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<CsvRow> {
    let pending: CsvRecord | null = null;
    for await (const batch of this.batches()) {
      for (const record of batch) {
        if (pending) yield { ...pending, last: false };
        pending = record;
      }
    }
    if (pending) yield { ...pending, last: true };
  }

  /** Records in batches, one per piece of DECODE_BYTES (faster for bulk work); blank lines removed. */
  async *batches(): AsyncGenerator<CsvRecord[]> {
    let parser: CsvParser | undefined;
    let decoder: TextChunkDecoder | undefined;
    let head: Buffer[] = [];
    let headBytes = 0;
    let sawContent = false;
    const out: CsvRecord[] = [];
    const take = (): CsvRecord[] => {
      const kept = out.filter((r) => r.unterminatedQuote || r.fields.length > 1 || r.fields[0].trim() !== '');
      out.length = 0;
      if (kept.length) sawContent = true;
      return kept;
    };
    const start = (bytes: Buffer): void => {
      this.encoding = chooseEncoding(bytes, this.options.encoding ?? 'auto');
      decoder = createDecoder(this.encoding);
      parser = new CsvParser(this.limits, this.encoding === 'utf-8' ? 'UTF-8' : 'Shift_JIS');
    };
    const parse = function* (bytes: Buffer): Generator<CsvRecord[]> {
      for (let i = 0; i < bytes.length; i += DECODE_BYTES) {
        parser!.push(decoder!.write(bytes.subarray(i, i + DECODE_BYTES)), out);
        const kept = take();
        if (kept.length) yield kept;
      }
    };

    try {
      for await (const raw of this.input) {
        const chunk: Buffer = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : (raw as Buffer);
        this.bytesRead += chunk.length;
        this.digest?.update(chunk);
        let bytes = chunk;
        if (!decoder) {
          head.push(chunk);
          headBytes += chunk.length;
          if (headBytes < DETECT_BYTES) continue;
          bytes = Buffer.concat(head);
          head = [];
          start(bytes);
        }
        yield* parse(bytes);
      }
      this.sha256 = this.digest?.digest('hex') ?? null;
      if (!decoder) {
        const bytes = Buffer.concat(head);
        if (bytes.length === 0) throw fileError('empty_file', 'ファイルが空です（0 バイト）。');
        start(bytes);
        yield* parse(bytes);
      }
      parser!.push(decoder!.end(), out);
      parser!.end(out);
      const kept = take();
      if (kept.length) yield kept;
      if (!sawContent) throw fileError('empty_file', 'ファイルが空です（見出し行もデータもありません）。');
    } finally {
      if (!this.input.destroyed) this.input.destroy();
    }
  }
}
