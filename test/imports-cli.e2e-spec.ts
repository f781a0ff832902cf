import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultMunicipalityDirectory } from '@wavedesk/matching';
import { TestDatabase } from './support/test-database';

jest.setTimeout(120_000);

/**
 * The CLI (`npm run cli -- …`) in this process against a throwaway MariaDB database: generate a small set,
 * import both lists without HTTP or Redis, refuse the same file twice, and match a batch.
 */
describe('wavedesk CLI', () => {
  const database = new TestDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'wavedesk-cli-'));
  let runCli: (argv: string[], out: { line(t: string): void; progress(t: string): void }) => Promise<number>;

  beforeAll(async () => {
    Object.assign(process.env, {
      DATABASE_URL: await database.create(),
      DATA_DIR: join(dir, 'data'),
      MATCH_HMAC_KEY: 'cli-test-match-key-0123456789',
      JWT_SECRET: 'cli-test-jwt-secret-0123456789',
      REDIS_URL: 'redis://127.0.0.1:6399', // nothing listens: the CLI must not need Redis
      LOG_LEVEL: 'silent',
    });
    ({ runCli } = await import('../apps/cli/src/main'));
  });
  afterAll(async () => {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function cli(...argv: string[]): Promise<{ code: number; text: string }> {
    const lines: string[] = [];
    const code = await runCli(argv, { line: (t) => lines.push(t), progress: () => undefined });
    return { code, text: lines.join('\n') };
  }

  it('generates, imports, refuses the same file twice and matches', async () => {
    const out = join(dir, 'set');
    const generated = await cli('generate', '--insured', '800', '--seed', '5', '--near-matches', '4', '--encoding', 'utf-8', '--out', out);
    expect(generated.code).toBe(0);
    const targets = Number(/送付対象 ([\d,]+)/.exec(generated.text)![1].replace(/,/g, ''));
    expect(targets).toBe(Math.round(800 * (1 - 0.268)));

    const insured = await cli('import', 'insured', join(out, 'insured.utf8.csv'));
    expect(insured).toMatchObject({ code: 0, text: expect.stringContaining('800行を取り込みました') });
    const holders = await cli('import', 'card-holders', join(out, 'card-holders.utf8.csv'), '--as-of', '2021-07-01', '--encoding', 'utf-8');
    expect(holders.code).toBe(0);
    const again = await cli('import', 'insured', join(out, 'insured.utf8.csv'));
    expect(again).toMatchObject({ code: 1, text: expect.stringContaining('同じファイルを二度取り込むことはできません') });
    expect(await database.query('SELECT COUNT(*) AS n FROM insured_persons')).toEqual([{ n: 800 }]);

    await database.query(`INSERT INTO campaigns (name, createdBy, createdAt) VALUES ('CLI', 'test', NOW(3))`);
    await database.query(
      `INSERT INTO batches (campaignId, name, matchDate, mailFrom, mailTo, municipalityCodes, status, createdAt)
       SELECT id, '1回目分', '2021-07-05', '2021-07-20', '2021-07-30', ?, 'draft', NOW(3) FROM campaigns`,
      [JSON.stringify(defaultMunicipalityDirectory().entries.map((m) => m.code))],
    );
    const [{ id: batchId }] = await database.query<{ id: number }>('SELECT id FROM batches');
    const matched = await cli('match', String(batchId));
    expect(matched.code).toBe(0);
    expect(matched.text).toContain(`送付対象 ${targets.toLocaleString('en-US')}`);
    expect(matched.text).toMatch(/要確認 4 /);
  });

  it('works the same on the embedded SQLite database', async () => {
    const saved = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    process.env.SQLITE_PATH = join(dir, 'embedded.sqlite');
    try {
      const out = join(dir, 'sqlite-set');
      expect((await cli('generate', '--insured', '300', '--seed', '9', '--out', out)).code).toBe(0);
      expect(await cli('import', 'insured', join(out, 'insured.sjis.csv'))).toMatchObject({ code: 0, text: expect.stringContaining('300行を取り込みました') });
      expect((await cli('import', 'card-holders', join(out, 'card-holders.sjis.csv'), '--as-of', '2021-07-01')).code).toBe(0);
      const { DataSource } = await import('typeorm');
      const sqlite = await new DataSource({ type: 'better-sqlite3', database: process.env.SQLITE_PATH }).initialize();
      await sqlite.query(`INSERT INTO campaigns (name, createdBy, createdAt) VALUES ('CLI', 'test', '2026-01-01 00:00:00.000')`);
      await sqlite.query(
        `INSERT INTO batches (campaignId, name, matchDate, mailFrom, mailTo, municipalityCodes, status, createdAt) VALUES (1, '1回目分', '2021-07-05', '2021-07-20', '2021-07-30', ?, 'draft', '2026-01-01 00:00:00.000')`,
        [JSON.stringify(defaultMunicipalityDirectory().entries.map((m) => m.code))],
      );
      await sqlite.destroy();
      const matched = await cli('match', '1');
      expect(matched.code).toBe(0);
      expect(matched.text).toContain(`送付対象 ${Math.round(300 * (1 - 0.268))}`);
    } finally {
      process.env.DATABASE_URL = saved;
      delete process.env.SQLITE_PATH;
    }
  });

  it('explains what is wrong with a command', async () => {
    expect((await cli('import', 'people', 'x.csv')).code).toBe(2);
    expect(await cli('import', 'card-holders', join(dir, 'missing.csv'))).toMatchObject({ code: 2 });
    expect(await cli('generate', '--holder-rate', '2')).toMatchObject({ code: 2, text: expect.stringContaining('--holder-rate') });
    expect(await cli('frobnicate')).toMatchObject({ code: 2, text: expect.stringContaining('不明なコマンド') });
  });
});
