import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import * as iconv from 'iconv-lite';
import { SHIFT_JIS_CODEC } from '../csv/encoding';

export type OutputEncoding = 'utf-8' | 'shift_jis';

/** Quotes a CSV field when it must be (comma, quote, line break), or always when `force`. */
export function csvField(value: string, force = false): string {
  return force || /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** True when every character of `text` survives a round trip through the encoding. */
export function encodable(text: string, encoding: OutputEncoding): boolean {
  if (encoding === 'utf-8') return true;
  return iconv.decode(iconv.encode(text, SHIFT_JIS_CODEC), SHIFT_JIS_CODEC) === text;
}

/** Writes CSV lines to a file in batches, encoded, with back-pressure; CRLF line ends as Windows tools write them. */
export class CsvSink {
  private readonly out: WriteStream;
  private buffer = '';
  rows = 0;

  constructor(
    readonly path: string,
    private readonly encoding: OutputEncoding,
  ) {
    this.out = createWriteStream(path);
  }

  async line(fields: string[], quoteAll = false): Promise<void> {
    this.buffer += fields.map((f) => csvField(f, quoteAll)).join(',') + '\r\n';
    this.rows++;
    if (this.buffer.length >= 256 * 1024) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.buffer) return;
    const bytes = this.encoding === 'utf-8' ? Buffer.from(this.buffer, 'utf8') : iconv.encode(this.buffer, SHIFT_JIS_CODEC);
    this.buffer = '';
    if (!this.out.write(bytes)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.out.end();
    await once(this.out, 'finish');
  }
}
