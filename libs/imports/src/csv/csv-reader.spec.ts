import { Readable } from 'node:stream';
import * as iconv from 'iconv-lite';
import { ImportFileError } from '../import-error';
import { CsvReader, type CsvRow } from './csv-reader';
import type { CsvEncoding } from './encoding';

/** A stream that hands out `bytes` in chunks of `size`, to cut characters and records anywhere. */
const streamOf = (bytes: Buffer, size = 7): Readable =>
  Readable.from((function* () {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  })());

async function read(bytes: Buffer | string, encoding: CsvEncoding = 'auto', size = 7): Promise<{ rows: CsvRow[]; reader: CsvReader }> {
  const reader = new CsvReader(streamOf(typeof bytes === 'string' ? Buffer.from(bytes) : bytes, size), { encoding });
  const rows: CsvRow[] = [];
  for await (const r of reader) rows.push(r);
  return { rows, reader };
}

async function failure(bytes: Buffer | string, encoding: CsvEncoding = 'auto', limits = {}): Promise<ImportFileError> {
  const reader = new CsvReader(streamOf(typeof bytes === 'string' ? Buffer.from(bytes) : bytes, 4096), { encoding, limits });
  try {
    for await (const _ of reader) void _;
  } catch (e) {
    if (e instanceof ImportFileError) return e;
    throw e;
  }
  throw new Error('expected an ImportFileError');
}

describe('CsvReader', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF and LF, with 1-based row numbers', async () => {
    const text = '氏名,住所\r\n"佐藤, 花子","札幌市""北""1条\n2丁目"\r\n鈴木一郎,函館市\n';
    for (const size of [1, 2, 3, 7, 1000]) {
      const { rows } = await read(text, 'utf-8', size);
      expect(rows.map((r) => [r.row, r.fields])).toEqual([
        [1, ['氏名', '住所']],
        [2, ['佐藤, 花子', '札幌市"北"1条\n2丁目']],
        [3, ['鈴木一郎', '函館市']],
      ]);
      expect(rows.map((r) => r.last)).toEqual([false, false, true]);
    }
  });

  it('skips blank lines but keeps counting rows, and needs no final line break', async () => {
    const { rows } = await read('a,b\n\n1,2\r\n\r\n3,4');
    expect(rows.map((r) => [r.row, r.fields])).toEqual([[1, ['a', 'b']], [3, ['1', '2']], [5, ['3', '4']]]);
  });

  it('reads a file of many pieces the same whatever the read size (records and long lines across pieces)', async () => {
    // ≈ 600 KiB in Shift_JIS: several 32 KiB pieces per 256 KiB read, a quoted line break, a 70 KiB line.
    const lines = ['被保険者番号,氏名,住所'];
    for (let i = 0; i < 6000; i++) lines.push(`${10000000 + i},${i % 7 ? '髙橋　ﾊﾅｺ' : '"髙橋　花\n子"'},札幌市中央区北${i}条`);
    lines.splice(3000, 0, `19999999,${'長'.repeat(32_000)},${'い'.repeat(3_000)}`);
    const bytes = iconv.encode(lines.join('\r\n') + '\r\n', 'cp932');
    const expected = (await read(bytes, 'shift_jis', 7)).rows.map((r) => [r.row, r.fields]);
    expect(expected).toHaveLength(6002);
    expect(expected[3000][1]).toEqual(['19999999', '長'.repeat(32_000), 'い'.repeat(3_000)]);
    for (const size of [256 * 1024, 100_000, 32 * 1024 + 1]) {
      expect((await read(bytes, 'auto', size)).rows.map((r) => [r.row, r.fields])).toEqual(expected);
    }
  });

  it('keeps empty fields, including a trailing one', async () => {
    const { rows } = await read('a,,c,\n');
    expect(rows[0].fields).toEqual(['a', '', 'c', '']);
  });

  it('detects UTF-8 with and without BOM, and Shift_JIS (CP932, with 髙 and 﨑) when auto', async () => {
    const text = '氏名,住所\n髙橋ﾊﾅ,山﨑町①\n';
    const bom = await read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    expect(bom.reader.encoding).toBe('utf-8');
    expect(bom.rows[0].fields[0]).toBe('氏名');
    const utf8 = await read(text);
    expect(utf8.reader.encoding).toBe('utf-8');
    const sjis = await read(iconv.encode(text, 'cp932'), 'auto', 3);
    expect(sjis.reader.encoding).toBe('shift_jis');
    expect(sjis.rows[1].fields).toEqual(['髙橋ﾊﾅ', '山﨑町①']);
    expect((await read(iconv.encode(text, 'cp932'), 'shift_jis')).rows[1].fields).toEqual(['髙橋ﾊﾅ', '山﨑町①']);
  });

  it('reports a Shift_JIS file read as UTF-8, and a UTF-8 file read as Shift_JIS, naming the likely encoding', async () => {
    const sjisAsUtf8 = await failure(iconv.encode('氏名,住所\n佐藤,札幌\n', 'cp932'), 'utf-8');
    expect(sjisAsUtf8.error.code).toBe('wrong_encoding');
    expect(sjisAsUtf8.message).toContain('Shift_JIS のファイルのようです');
    const utf8AsSjis = await failure('氏名,住所\n佐藤,札幌\n', 'shift_jis');
    expect(utf8AsSjis.error.code).toBe('wrong_encoding');
    expect(utf8AsSjis.message).toContain('UTF-8 のようです');
  });

  it('stops at the row where bytes stop being readable in the declared encoding', async () => {
    const bytes = Buffer.concat([Buffer.from('a,b\n1,2\n'), Buffer.from([0x82, 0xa0, 0x0a])]);
    const e = await failure(Buffer.concat([Buffer.from('a'.repeat(20000) + '\n'), bytes]), 'utf-8');
    expect(e.error).toMatchObject({ code: 'wrong_encoding', row: 4 });
    expect(e.message).toContain('4行目');
  });

  it('refuses UTF-16, EUC-JP and binary files with a message that says what to do', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('氏名,住所\n', 'utf16le')]);
    expect((await failure(utf16)).error.code).toBe('unsupported_encoding');
    const euc = iconv.encode('被保険者番号,市町村コード,氏名,氏名カナ,生年月日,性別,郵便番号,住所\n12345678,011002,佐藤花子,サトウハナコ,昭和15年3月2日,女,060-0001,札幌市中央区北1条西2丁目\n', 'euc-jp');
    const e = await failure(euc);
    expect(e.error.code).toBe('unknown_encoding');
    expect(e.message).toContain('EUC-JP');
    expect((await failure(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).error.code).toBe('not_a_csv');
  });

  it('gives a clear error for an empty file and for a file of blank lines', async () => {
    expect((await failure('')).error.code).toBe('empty_file');
    expect((await failure('')).message).toContain('ファイルが空です');
    expect((await failure('\r\n\r\n')).error.code).toBe('empty_file');
  });

  it('flags a file that ends inside a quoted field', async () => {
    const { rows } = await read('a,b\n1,"2\n');
    expect(rows[1]).toMatchObject({ row: 2, unterminatedQuote: true, last: true });
  });

  it('refuses stray characters after a closing quote, naming row and column', async () => {
    const e = await failure('a,b\n1,"2"x\n');
    expect(e.error).toMatchObject({ code: 'invalid_quote', row: 2 });
    expect(e.message).toContain('2行目の2列目');
  });

  it('stops a huge field at the limit instead of buffering it, quoted or not', async () => {
    for (const huge of [`a,b\n1,${'x'.repeat(70_000)}\n`, `a,b\n1,"${'x'.repeat(70_000)}`]) {
      const e = await failure(huge);
      expect(e.error).toMatchObject({ code: 'field_too_large', row: 2 });
      expect(e.message).toContain('65,536 文字');
    }
    const wide = await failure(`a\n${Array.from({ length: 50 }, () => 'y'.repeat(6000)).join(',')}\n`, 'auto', { maxRowChars: 100_000 });
    expect(wide.error).toMatchObject({ code: 'row_too_large', row: 2 });
    const many = await failure(`a\n${','.repeat(300)}\n`);
    expect(many.error).toMatchObject({ code: 'too_many_fields', row: 2 });
  });

  it('destroys the input stream when it stops early', async () => {
    const input = streamOf(Buffer.from(`a\n"${'x'.repeat(200_000)}"\n`), 1024);
    const reader = new CsvReader(input);
    await expect((async () => { for await (const _ of reader) void _; })()).rejects.toThrow(ImportFileError);
    expect(input.destroyed).toBe(true);
    expect(reader.bytesRead).toBeLessThan(100_000);
  });
});
