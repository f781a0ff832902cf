import { DomainError } from '@wavedesk/common';
import iconv from 'iconv-lite';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PRINT_CSV_COLUMNS } from './print-csv';
import type { PrintTarget } from './print-target';
import { writePrintUnit, type WritePrintUnitOptions } from './print-unit-writer';
import { testApplicationId, testTarget } from './testing/targets';

const NOW = new Date('2026-02-10T09:00:00+09:00');
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wavedesk-print-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const options = (extra: Partial<WritePrintUnitOptions> = {}): WritePrintUnitOptions => ({ directory: dir, wave: 12, unit: 3, now: () => NOW, ...extra });

/** The CSV decoded from CP932 into rows of fields (the writer quotes every field, no commas in test data). */
async function readCsv(path: string): Promise<string[][]> {
  const text = iconv.decode(await readFile(path), 'cp932');
  expect(text.endsWith('\r\n')).toBe(true);
  return text
    .slice(0, -2)
    .split('\r\n')
    .map((line) => line.split('","').map((f) => f.replace(/^"|"$/g, '')));
}

async function refusal(run: () => Promise<unknown>): Promise<DomainError> {
  try {
    await run();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return e as DomainError;
  }
  throw new Error('expected the unit to be refused');
}

async function* slowly(targets: PrintTarget[]): AsyncGenerator<PrintTarget> {
  for (const t of targets) {
    await new Promise((resolve) => setImmediate(resolve));
    yield t;
  }
}

describe('print unit writer', () => {
  it('writes a Shift_JIS CSV with the printer’s fields, 和暦 and 西暦, and 送付先 in the 宛名 columns', async () => {
    const own = testTarget(1, { name: '髙橋 﨑子', nameKana: 'タカハシ サキコ', sex: 'female', address: '北海道札幌市中央区北1条西2丁目1−2' });
    const redirected = testTarget(2, {
      birthDate: '1926-12-25',
      delivery: { name: 'ケアホームすずらん気付 北海 太郎', postalCode: '0640805', address: '北海道札幌市中央区南5条西20丁目' },
    });
    const result = await writePrintUnit([own, redirected], options());
    expect(result.status).toBe('written');
    expect(result.files.name).toBe('wave-12-unit-0003');
    const rows = await readCsv(result.files.csvPath);
    expect(rows[0]).toEqual([...PRINT_CSV_COLUMNS]);
    expect(rows.slice(1)).toEqual([
      [
        testApplicationId(1), '0', `QR-${testApplicationId(1)}`, '011002', '10000001', '髙橋 﨑子', 'タカハシ サキコ', '昭和15年3月2日', '1940年3月2日', '女',
        '060-0001', '北海道札幌市中央区北1条西2丁目1－2', '0', '髙橋 﨑子', '060-0001', '北海道札幌市中央区北1条西2丁目1－2',
      ],
      [
        testApplicationId(2), '0', `QR-${testApplicationId(2)}`, '011002', '10000002', '北海 太郎', 'ホッカイ タロウ', '昭和元年12月25日', '1926年12月25日', '男',
        '060-0001', '北海道札幌市中央区北1条西2丁目2番地', '1', 'ケアホームすずらん気付 北海 太郎', '064-0805', '北海道札幌市中央区南5条西20丁目',
      ],
    ]);
  });

  it('writes a manifest whose count, size and SHA-256 match the file', async () => {
    const result = await writePrintUnit([testTarget(1), testTarget(2), testTarget(3)], options());
    const csv = await readFile(result.files.csvPath);
    const manifest = JSON.parse(await readFile(result.files.manifestPath, 'utf8'));
    expect(manifest).toEqual({
      wave: '12',
      unit: 3,
      count: 3,
      sha256: createHash('sha256').update(csv).digest('hex'),
      bytes: csv.length,
      file: 'wave-12-unit-0003.csv',
      createdAt: NOW.toISOString(),
      encoding: 'Shift_JIS (Windows-31J / CP932)',
      placeholders: 0,
      substitutedCharacters: 0,
    });
    expect(result.files.manifest).toEqual(manifest);
    expect((await readdir(dir)).sort()).toEqual(['wave-12-unit-0003.csv', 'wave-12-unit-0003.manifest.json']);
  });

  it('streams rows from an async source', async () => {
    const targets = Array.from({ length: 50 }, (_, i) => testTarget(i + 1));
    const result = await writePrintUnit(slowly(targets), options());
    expect(result.files.manifest.count).toBe(50);
    expect((await readCsv(result.files.csvPath)).length).toBe(51);
  });

  it('keeps every row intact across write chunks, including a line longer than a whole chunk', async () => {
    const targets = Array.from({ length: 5000 }, (_, i) => testTarget(i + 1));
    targets[2500] = testTarget(2501, { address: '北'.repeat(700_000) });
    const result = await writePrintUnit(targets, options({ maxForms: 5000 }));
    const rows = await readCsv(result.files.csvPath);
    expect(rows).toHaveLength(5001);
    expect(rows.slice(1).map((r) => r[0])).toEqual(targets.map((t) => t.applicationId));
    expect(rows[2501][11]).toHaveLength(700_000);
    expect(result.files.manifest.count).toBe(5000);
    expect(result.files.manifest.bytes).toBe((await stat(result.files.csvPath)).size);
  });

  it('never overwrites a complete unit: a second write changes nothing and says so', async () => {
    const first = await writePrintUnit([testTarget(1)], options());
    const before = await readFile(first.files.csvPath);
    const beforeMtime = (await stat(first.files.csvPath)).mtimeMs;
    let consumed = 0;
    const source = (function* () {
      consumed++;
      yield testTarget(99);
    })();
    const second = await writePrintUnit(source, options({ now: () => new Date('2030-01-01T00:00:00Z') }));
    expect(second.status).toBe('exists');
    expect(second.files.manifest).toEqual(first.files.manifest);
    expect(consumed).toBe(0);
    expect(await readFile(first.files.csvPath)).toEqual(before);
    expect((await stat(first.files.csvPath)).mtimeMs).toBe(beforeMtime);
  });

  it('after a crash between the CSV and the manifest, rebuilds the manifest from the file instead of writing again', async () => {
    const first = await writePrintUnit([testTarget(1, { placeholder: true }), testTarget(2)], options({ placeholders: 'allow' }));
    await unlink(first.files.manifestPath);
    const again = await writePrintUnit([testTarget(7)], options());
    expect(again.status).toBe('exists');
    expect(again.files.manifest).toMatchObject({
      wave: '12',
      unit: 3,
      count: 2,
      placeholders: 1,
      sha256: first.files.manifest.sha256,
      bytes: first.files.manifest.bytes,
      substitutedCharacters: null,
    });
    expect(JSON.parse(await readFile(first.files.manifestPath, 'utf8'))).toEqual(again.files.manifest);
  });

  it('lets only one of two concurrent writers publish a unit', async () => {
    const a = Array.from({ length: 200 }, (_, i) => testTarget(i + 1));
    const b = Array.from({ length: 200 }, (_, i) => testTarget(i + 1001));
    const results = await Promise.all([writePrintUnit(slowly(a), options()), writePrintUnit(slowly(b), options())]);
    expect(results.map((r) => r.status).sort()).toEqual(['exists', 'written']);
    const winner = results.find((r) => r.status === 'written');
    const csv = await readFile(winner!.files.csvPath);
    expect(createHash('sha256').update(csv).digest('hex')).toBe(JSON.parse(await readFile(winner!.files.manifestPath, 'utf8')).sha256);
    expect((await readdir(dir)).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  describe('refusals (nothing is published, and no value is reported)', () => {
    async function expectNothingWritten(): Promise<void> {
      expect(await readdir(dir)).toEqual([]);
    }

    it('refuses placeholder IDs unless the caller allows them', async () => {
      const targets = [testTarget(1), testTarget(2, { placeholder: true }), testTarget(3, { placeholder: true })];
      const error = await refusal(() => writePrintUnit(targets, options()));
      expect(error.status).toBe(409);
      expect(error.code).toBe('placeholder_in_release');
      expect(error.message).toContain('2 件');
      expect(error.details).toMatchObject({
        issues: [
          { row: 2, column: 'プレースホルダ', code: 'placeholder' },
          { row: 3, column: 'プレースホルダ', code: 'placeholder' },
        ],
      });
      await expectNothingWritten();

      const allowed = await writePrintUnit(targets, options({ placeholders: 'allow' }));
      expect(allowed.files.manifest.placeholders).toBe(2);
      expect((await readCsv(allowed.files.csvPath)).slice(1).map((r) => r[1])).toEqual(['0', '1', '1']);
    });

    it('reports characters Shift_JIS cannot hold by row, column and code point, and refuses by default', async () => {
      const targets = [testTarget(1), testTarget(2, { name: '𠮷田 花子', address: '北海道森町鷗1' })];
      const error = await refusal(() => writePrintUnit(targets, options()));
      expect(error.code).toBe('unmappable_characters');
      // The registered name and address, and the same text again in the 宛名 columns; the kana is fine.
      expect(error.details).toEqual({
        wave: '12',
        unit: 3,
        issueCount: 4,
        issues: [
          { row: 2, column: '氏名', code: 'unmappable_character', codePoint: 'U+20BB7' },
          { row: 2, column: '住所', code: 'unmappable_character', codePoint: 'U+9DD7' },
          { row: 2, column: '宛名氏名', code: 'unmappable_character', codePoint: 'U+20BB7' },
          { row: 2, column: '宛名住所', code: 'unmappable_character', codePoint: 'U+9DD7' },
        ],
      });
      expect(JSON.stringify(error.details)).not.toMatch(/田|花子|森町/);
      await expectNothingWritten();
    });

    it('substitutes 〓 when asked, and says where', async () => {
      const result = await writePrintUnit([testTarget(1, { name: '𠮷田 花子' })], options({ unmappable: 'substitute' }));
      const rows = await readCsv(result.files.csvPath);
      expect(rows[1][5]).toBe('〓田 花子');
      expect(result.substituted).toEqual([
        { row: 1, column: '氏名', code: 'unmappable_character', codePoint: 'U+20BB7' },
        { row: 1, column: '宛名氏名', code: 'unmappable_character', codePoint: 'U+20BB7' },
      ]);
      expect(result.files.manifest.substitutedCharacters).toBe(2);
    });

    it('refuses malformed values with their row and column', async () => {
      const targets = [
        testTarget(1),
        testTarget(2, { applicationId: '123' }),
        testTarget(3, { birthDate: '1940-02-30', postalCode: '060', insuredNumber: '1234567' }),
        testTarget(4, { address: '札幌市\n中央区' }),
      ];
      const error = await refusal(() => writePrintUnit(targets, options()));
      expect(error.status).toBe(400);
      expect(error.code).toBe('invalid_print_data');
      expect((error.details as { issues: unknown[] }).issues).toEqual([
        { row: 2, column: '申請書ID', code: 'invalid_value' },
        { row: 3, column: '被保険者番号', code: 'invalid_value' },
        { row: 3, column: '生年月日（和暦）', code: 'invalid_value' },
        { row: 3, column: '郵便番号', code: 'invalid_value' },
        { row: 3, column: '宛名郵便番号', code: 'invalid_value' },
        { row: 4, column: '住所', code: 'invalid_value' },
        { row: 4, column: '宛名住所', code: 'invalid_value' },
      ]);
      await expectNothingWritten();
    });

    it('refuses the same person twice in a unit', async () => {
      const error = await refusal(() => writePrintUnit([testTarget(1), testTarget(1)], options()));
      expect(error.code).toBe('duplicate_print_target');
      expect((error.details as { issues: unknown[] }).issues).toEqual([
        { row: 2, column: '申請書ID', code: 'duplicate' },
        { row: 2, column: '被保険者番号', code: 'duplicate' },
      ]);
      await expectNothingWritten();
    });

    it('refuses more rows than the unit may hold, and an empty unit', async () => {
      const tooMany = await refusal(() => writePrintUnit([testTarget(1), testTarget(2), testTarget(3)], options({ maxForms: 2 })));
      expect(tooMany.code).toBe('print_unit_too_large');
      expect(tooMany.details).toMatchObject({ count: 3, maxForms: 2 });
      expect((await refusal(() => writePrintUnit([], options()))).code).toBe('empty_print_unit');
      await expectNothingWritten();
    });

    it('leaves no temporary file when the source fails half-way', async () => {
      async function* failing(): AsyncGenerator<PrintTarget> {
        yield testTarget(1);
        throw new Error('database went away');
      }
      await expect(writePrintUnit(failing(), options())).rejects.toThrow('database went away');
      await expectNothingWritten();
    });
  });
});
