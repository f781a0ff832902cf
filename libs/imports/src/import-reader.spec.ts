import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { CsvEncoding } from './csv/encoding';
import { ImportFileError, type ImportError } from './import-error';
import { readImport, type ImportRecordOf, type ImportRow } from './import-reader';
import type { ImportKind } from './kinds/import-kind';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'imports');
const TODAY = '2021-07-01';

async function readAll<K extends ImportKind>(kind: K, file: string, encoding: CsvEncoding = 'auto'): Promise<Array<ImportRow<ImportRecordOf[K]>>> {
  const rows: Array<ImportRow<ImportRecordOf[K]>> = [];
  for await (const row of readImport(kind, createReadStream(join(FIXTURES, file)), { encoding, today: TODAY })) rows.push(row);
  return rows;
}

async function fatal(kind: ImportKind, file: string, encoding: CsvEncoding = 'auto'): Promise<ImportFileError> {
  try {
    await readAll(kind, file, encoding);
  } catch (e) {
    if (e instanceof ImportFileError) return e;
    throw e;
  }
  throw new Error(`${file}: expected the file to be refused`);
}

const errorsOf = (rows: Array<ImportRow<unknown>>): ImportError[] => rows.flatMap((r) => r.errors);

/** Every message is a Japanese sentence. */
const japanese = /[ぁ-んァ-ン一-龯]/;

describe('readImport: good files', () => {
  it.each([
    ['insured-valid.utf8.csv', 'utf-8'],
    ['insured-valid.sjis.csv', 'auto'],
    ['insured-valid.sjis.csv', 'shift_jis'],
    ['lf-line-ends.utf8.csv', 'auto'],
    ['header-spaces-fullwidth.csv', 'auto'],
  ] as const)('reads %s (%s) into typed insured records', async (file, encoding) => {
    const rows = await readAll('insured', file, encoding);
    expect(errorsOf(rows)).toEqual([]);
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 6]);
    const [first, second, third, fourth, fifth] = rows.map((r) => r.record!);
    expect(first).toEqual({
      insuredNumber: '10000001', municipalityCode: '011002', name: '山田\u3000花子', nameKana: 'ヤマダ ハナコ', birthDate: '1940-03-02',
      sex: 'female', postalCode: '0600001', address: '北海道札幌市中央区北1条西2丁目3番4号', lossDate: null, delivery: null,
    });
    expect(second).toMatchObject({ name: '髙橋\u3000清', birthDate: '1940-03-02', sex: 'male' });
    expect(third).toMatchObject({
      insuredNumber: '01234567', name: '山﨑\u3000ハル', nameKana: 'ヤマサ\u3099キ ハル'.normalize('NFC'), birthDate: '1930-11-03',
      delivery: { name: '特別養護老人ホームすずらん苑', postalCode: '0440002', address: '北海道虻田郡倶知安町北1条西1丁目1' },
    });
    expect(fourth).toMatchObject({ birthDate: '1926-12-24', postalCode: '0700031', sex: 'male' });
    expect(fifth).toMatchObject({ birthDate: '1926-12-25', sex: 'female', lossDate: '2021-06-30' });
  });

  it('reads a card-holder list with quoted fields, half-width kana, 和暦 and an optional 被保険者番号', async () => {
    const rows = await readAll('card-holders', 'card-holders-valid.sjis.csv');
    expect(errorsOf(rows)).toEqual([]);
    expect(rows.map((r) => r.record)).toEqual([
      { name: '高橋 清', nameKana: 'タカハシ キヨシ', birthDate: '1940-03-02', sex: 'male', address: '函館市本町一丁目二番地', insuredNumber: null },
      { name: '山崎\u3000ﾊﾙ', nameKana: 'ヤマザキ ハル', birthDate: '1930-11-03', sex: 'female', address: '倶知安町南一条東二丁目５', insuredNumber: null },
      { name: '佐藤一郎', nameKana: 'サトウ イチロウ', birthDate: '1926-12-24', sex: 'male', address: '旭川市1条通8', insuredNumber: '10000004' },
    ]);
  });

  it('reads a J-LIS 申請書ID file', async () => {
    const rows = await readAll('application-ids', 'application-ids-valid.utf8.csv');
    expect(rows.map((r) => r.record)).toEqual([
      { insuredNumber: '10000001', applicationId: '12345678901234567890123', qrData: 'PLACEHOLDER-QR:12345678901234567890123' },
      { insuredNumber: '10000002', applicationId: '98765432109876543210987', qrData: 'PLACEHOLDER-QR:98765432109876543210987' },
    ]);
  });

  it('counts what it read', async () => {
    const reader = readImport('insured', createReadStream(join(FIXTURES, 'impossible-dates.csv')), { today: TODAY });
    for await (const _ of reader) void _;
    expect(reader.stats).toMatchObject({ encoding: 'utf-8', rowsRead: 4, rowsValid: 0, rowsWithErrors: 4 });
    expect(reader.stats.bytesRead).toBe(statSync(join(FIXTURES, 'impossible-dates.csv')).size);
    expect(reader.stats.sha256).toBe(createHash('sha256').update(readFileSync(join(FIXTURES, 'impossible-dates.csv'))).digest('hex'));
  });
});

describe('readImport: the bad-input corpus gives clear errors', () => {
  it('wrong encoding: a Shift_JIS file declared UTF-8', async () => {
    const e = await fatal('insured', 'insured-valid.sjis.csv', 'utf-8');
    expect(e.error.code).toBe('wrong_encoding');
    expect(e.message).toContain('Shift_JIS のファイルのようです');
  });

  it('wrong encoding: EUC-JP and UTF-16 files', async () => {
    const euc = await fatal('insured', 'wrong-encoding.eucjp.csv');
    expect(euc.message).toContain('EUC-JP');
    const utf16 = await fatal('insured', 'wrong-encoding.utf16.csv');
    expect(utf16.error.code).toBe('unsupported_encoding');
    expect(utf16.message).toContain('UTF-16');
  });

  it('a missing column is named', async () => {
    const e = await fatal('insured', 'missing-column.csv');
    expect(e.importErrors).toEqual([
      { row: 1, column: '生年月日', code: 'missing_column', message: '被保険者一覧に必須の列「生年月日」がありません。' },
    ]);
  });

  it('a renamed column is named, with the name to use', async () => {
    const e = await fatal('insured', 'renamed-column.csv');
    expect(e.importErrors.map((x) => [x.code, x.column])).toEqual([['missing_column', '氏名カナ'], ['unknown_column', 'フリガナ']]);
    expect(e.message).toContain('見出し「フリガナ」を「氏名カナ」に直してください。');
    expect(e.message).toContain('列「フリガナ」は被保険者一覧の列ではありません。');
  });

  it('a column of valid 個人番号 is refused as a whole, named, and its values never appear', async () => {
    const e = await fatal('insured', 'my-number-column.csv');
    expect(e.error).toMatchObject({ code: 'my_number_column', column: '備考', row: 2 });
    expect(e.message).toContain('列「備考」に個人番号');
    expect(JSON.stringify(e.importErrors) + e.message + e.stack).not.toMatch(/\d{12}/);
  });

  it('a column named 個人番号 is refused by its header', async () => {
    const e = await fatal('insured', 'my-number-header.csv');
    expect(e.error).toMatchObject({ code: 'my_number_column', column: '個人番号', row: 1 });
  });

  it('a 個人番号 on the last row refuses the whole file (the caller must drop what it read)', async () => {
    const rows: number[] = [];
    await expect((async () => {
      for await (const r of readImport('insured', createReadStream(join(FIXTURES, 'my-number-late-row.csv')), { today: TODAY })) rows.push(r.row);
    })()).rejects.toMatchObject({ error: { code: 'my_number_column', column: '住所', row: 6 } });
  });

  it('impossible dates are reported per row with the column and a reason', async () => {
    const errors = errorsOf(await readAll('insured', 'impossible-dates.csv'));
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, '生年月日', 'era_out_of_range'],
      [3, '生年月日', 'invalid_date'],
      [4, '生年月日', 'era_out_of_range'],
      [5, '生年月日', 'invalid_date'],
    ]);
    expect(errors[0].message).toBe('生年月日：昭和は64年までです（昭和65年はありません）。');
    expect(errors[1].message).toBe('生年月日：2月30日は存在しない日付です。');
    expect(errors.every((e) => japanese.test(e.message))).toBe(true);
  });

  it('unknown municipality codes: bad check digit, a Northern Territories village, another prefecture', async () => {
    const errors = errorsOf(await readAll('insured', 'unknown-municipality.csv'));
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, '市町村コード', 'municipality_check_digit'],
      [3, '市町村コード', 'northern_territories'],
      [4, '市町村コード', 'unknown_municipality'],
    ]);
    expect(errors[1].message).toContain('016951（色丹村）は北方領土の村で、広域連合の構成市町村ではありません');
  });

  it('a duplicate 被保険者番号 names the first row', async () => {
    const rows = await readAll('insured', 'duplicate-insured-number.csv');
    expect(rows.map((r) => r.record !== null)).toEqual([true, true, false]);
    expect(errorsOf(rows)).toEqual([
      { row: 4, column: '被保険者番号', code: 'duplicate_value', message: '被保険者番号が2行目と同じです。ファイルの中で被保険者番号は重複できません。' },
    ]);
  });

  it('a truncated last line is reported with its row number', async () => {
    const rows = await readAll('insured', 'truncated-last-line.csv');
    expect(rows.slice(0, 2).every((r) => r.record)).toBe(true);
    expect(rows[2].errors).toEqual([
      expect.objectContaining({ row: 4, code: 'truncated_row', message: expect.stringContaining('4行目（最終行）の列が足りません') }),
    ]);
  });

  it('a quote left open to the end of the file is reported on its row', async () => {
    const rows = await readAll('insured', 'unclosed-quote.csv');
    expect(rows[1].errors).toEqual([expect.objectContaining({ row: 3, code: 'truncated_row' })]);
  });

  it('an empty file and a header-only file', async () => {
    expect((await fatal('insured', 'empty.csv')).message).toBe('ファイルが空です（0 バイト）。');
    const headerOnly = await fatal('insured', 'header-only.csv');
    expect(headerOnly.error.code).toBe('no_rows');
  });

  it('one huge field is refused at the limit with its row and column', async () => {
    const e = await fatal('insured', 'huge-field.csv');
    expect(e.error).toMatchObject({ code: 'field_too_large', row: 3 });
    expect(e.message).toContain('3行目の3列目の値が長すぎます');
  });

  it('a 200 MB file with one huge field is refused after reading a little of it, and never buffered', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wavedesk-huge-'));
    const file = join(dir, 'huge.csv');
    try {
      const out = createWriteStream(file);
      out.write('被保険者番号,市町村コード,氏名,氏名カナ,生年月日,性別,郵便番号,住所\r\n10000001,011002,"');
      const mb = Buffer.alloc(1024 * 1024, 'x');
      for (let i = 0; i < 200; i++) if (!out.write(mb)) await once(out, 'drain');
      out.end('",ア,1940-01-01,2,060-0001,札幌市\r\n');
      await once(out, 'finish');
      expect(statSync(file).size).toBeGreaterThan(200 * 1024 * 1024);

      const before = process.memoryUsage().rss;
      const reader = readImport('insured', createReadStream(file), { today: TODAY });
      await expect((async () => { for await (const _ of reader) void _; })()).rejects.toMatchObject({ error: { code: 'field_too_large', row: 2 } });
      expect(reader.stats.bytesRead).toBeLessThan(1024 * 1024);
      expect(process.memoryUsage().rss - before).toBeLessThan(50 * 1024 * 1024);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('row errors never repeat the value (it may be personal data)', async () => {
    const rows = await readAll('insured', 'impossible-dates.csv');
    for (const e of errorsOf(rows)) expect(e.message).not.toMatch(/昭和65年1月1日|1940-02-30|S15\.13\.1/);
  });
});

describe('readImport: rows', () => {
  const run = async (kind: ImportKind, text: string) => {
    const rows: Array<ImportRow<unknown>> = [];
    for await (const r of readImport(kind, Readable.from([Buffer.from(text)]), { today: TODAY })) rows.push(r);
    return rows;
  };
  const H = '被保険者番号,市町村コード,氏名,氏名カナ,生年月日,性別,郵便番号,住所';

  it('reports every problem of a row at once, each with its column', async () => {
    const [row] = await run('insured', `${H}\n1234567,01100X,,ｻﾄｳ1,2040-01-01,3,06-0001,\n`);
    expect(row.errors.map((e) => [e.column, e.code])).toEqual([
      ['被保険者番号', 'invalid_insured_number'],
      ['市町村コード', 'invalid_municipality_code'],
      ['氏名', 'required'],
      ['氏名カナ', 'invalid_kana'],
      ['生年月日', 'date_in_future'],
      ['性別', 'invalid_sex'],
      ['郵便番号', 'invalid_postal_code'],
      ['住所', 'required'],
    ]);
    expect(row.errors[0].message).toContain('先頭の0が消えていないか');
  });

  it('requires 送付先郵便番号 and 送付先住所 once any 送付先 is given', async () => {
    const [row] = await run('insured', `${H},送付先氏名,送付先郵便番号,送付先住所\n10000001,011002,山田\u3000花子,ヤマダ,1940-01-01,2,060-0001,札幌市,長男\u3000山田一郎,,\n`);
    expect(row.errors.map((e) => [e.column, e.code])).toEqual([['送付先郵便番号', 'required'], ['送付先住所', 'required']]);
  });

  it('refuses a row with more values than headers, and a value under an empty header', async () => {
    const rows = await run('card-holders', '氏名,氏名カナ,生年月日,性別,住所,\n山田,ヤマダ,1940-01-01,2,札幌市,x\n山田,ヤマダ,1940-01-02,2,札幌市,,y\n');
    expect(rows.map((r) => r.errors.map((e) => e.code))).toEqual([['unnamed_column_value'], ['too_many_columns']]);
  });

  it('accepts trailing empty values (a trailing comma)', async () => {
    const [row] = await run('card-holders', '氏名,氏名カナ,生年月日,性別,住所\n山田,ヤマダ,1940-01-01,2,札幌市,\n');
    expect(row.errors).toEqual([]);
  });
});
