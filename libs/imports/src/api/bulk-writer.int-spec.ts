import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, type QueryRunner } from 'typeorm';
import { TestDatabase } from '../../../../test/support/test-database';
import { BulkWriter, createRowWriter, LoadDataWriter, lockTableForWriting, type RowWriter, type SqlValue } from './bulk-writer';

/** Values that break naive SQL or TSV: quotes, tabs, line ends, backslashes, NUL, 4-byte characters, NULL. */
const AWKWARD = ["O'Brien \"quoted\"", 'tab\there', 'line\nend\r\nwin', 'back\\slash \\N', 'nul\0byte', '𠮷野家 髙橋 ﾊﾝｶｸ', '', null];

const TARGET = { table: 'bulk_test', columns: ['k', 'v', 'n'], conflictKey: ['k'] } as const;

async function roundTrip(runner: QueryRunner, make: () => Promise<RowWriter>): Promise<void> {
  await runner.startTransaction();
  const first = await make();
  for (let i = 0; i < 2500; i++) await first.add([`k${i}`, AWKWARD[i % AWKWARD.length], i]);
  await first.flush();
  expect(first.written).toBe(2500);
  await runner.commitTransaction();

  // A newer row for the same key replaces the older one; a rolled-back write leaves nothing.
  await runner.startTransaction();
  const second = await make();
  for (let i = 0; i < 10; i++) await second.add([`k${i}`, `new ${i}`, -i] as SqlValue[]);
  await second.flush();
  await runner.commitTransaction();
  await runner.startTransaction();
  const third = await make();
  await third.add(['k-rolled-back', 'x', 1]);
  await third.flush();
  await runner.rollbackTransaction();

  const rows: Array<{ k: string; v: string | null; n: number }> = await runner.query('SELECT k, v, n FROM bulk_test ORDER BY n');
  expect(rows).toHaveLength(2500);
  const byKey = new Map(rows.map((r) => [r.k, r]));
  expect(byKey.get('k3')).toEqual({ k: 'k3', v: 'new 3', n: -3 });
  for (let i = 10; i < 2500; i++) expect(byKey.get(`k${i}`)!.v).toBe(AWKWARD[i % AWKWARD.length]);
}

async function abortLeavesConnectionUsable(runner: QueryRunner, make: () => Promise<RowWriter>): Promise<void> {
  await runner.startTransaction();
  const writer = await make();
  for (let i = 0; i < 5000; i++) await writer.add([`a${i}`, 'x'.repeat(100), i]);
  await writer.abort();
  await runner.rollbackTransaction();
  expect(Number((await runner.query("SELECT COUNT(*) AS c FROM bulk_test WHERE k LIKE 'a%'"))[0].c)).toBe(0);
}

describe('row writers', () => {
  describe('on MariaDB', () => {
    const database = new TestDatabase();
    let dataSource: DataSource;
    let runner: QueryRunner;
    beforeAll(async () => {
      dataSource = await new DataSource({ type: 'mariadb', url: await database.create(), charset: 'utf8mb4_unicode_ci' }).initialize();
      runner = dataSource.createQueryRunner();
      await runner.connect();
    });
    beforeEach(async () => {
      await runner.query('DROP TABLE IF EXISTS bulk_test');
      await runner.query('CREATE TABLE bulk_test (id int AUTO_INCREMENT PRIMARY KEY, k varchar(20) NOT NULL UNIQUE, v text NULL, n int NOT NULL) CHARACTER SET utf8mb4');
    });
    afterAll(async () => {
      await runner?.release();
      await dataSource?.destroy();
      await database.drop();
    });

    it('multi-row upserts keep every awkward value, replace by key and roll back whole', () => roundTrip(runner, async () => new BulkWriter(runner, TARGET, 700)));

    it('LOAD DATA from a stream does the same', async () => {
      const enabled = Number((await runner.query('SELECT @@GLOBAL.local_infile AS v'))[0].v) === 1;
      if (!enabled) return; // the server refuses LOCAL INFILE: createRowWriter falls back to BulkWriter
      await roundTrip(runner, () => LoadDataWriter.start(runner, TARGET));
      expect(await createRowWriter(runner, TARGET)).toBeInstanceOf(LoadDataWriter);
    });

    it('loads an empty table in bulk, with the constant columns, and leaves the server checks on', async () => {
      const enabled = Number((await runner.query('SELECT @@GLOBAL.local_infile AS v'))[0].v) === 1;
      if (!enabled) return;
      await runner.query('ALTER TABLE bulk_test ADD COLUMN c varchar(20) NULL');
      const target = { table: 'bulk_test', columns: ['k', 'v'], constants: { n: 7, c: "it's" }, conflictKey: ['k'] };
      await runner.startTransaction();
      const writer = await LoadDataWriter.start(runner, target);
      expect(writer.bulk).toBe(true);
      for (let i = 0; i < 3000; i++) await writer.add([`k${i}`, AWKWARD[i % AWKWARD.length]]);
      await writer.flush();
      await runner.commitTransaction();
      const checks = async () => (await runner.query('SELECT @@SESSION.unique_checks + 0 AS u, @@SESSION.foreign_key_checks + 0 AS f'))[0];
      expect(await checks()).toEqual({ u: 1, f: 1 });
      const rows: Array<{ k: string; v: string | null; n: number; c: string }> = await runner.query('SELECT k, v, n, c FROM bulk_test ORDER BY id');
      expect(rows).toHaveLength(3000);
      expect(rows[1]).toEqual({ k: 'k1', v: AWKWARD[1], n: 7, c: "it's" });
      await expect(runner.query("INSERT INTO bulk_test (k, n) VALUES ('k5', 1)")).rejects.toThrow(/Duplicate/);

      // Not empty any more: the next list replaces per key instead.
      await runner.startTransaction();
      const next = await LoadDataWriter.start(runner, target);
      expect(next.bulk).toBe(false);
      await next.add(['k5', 'newer']);
      await next.flush();
      await runner.commitTransaction();
      expect(await runner.query("SELECT v FROM bulk_test WHERE k = 'k5'")).toEqual([{ v: 'newer' }]);

      // An aborted bulk load leaves nothing and the checks on.
      await runner.query('DELETE FROM bulk_test');
      await runner.startTransaction();
      const aborted = await LoadDataWriter.start(runner, target);
      expect(aborted.bulk).toBe(true);
      for (let i = 0; i < 5000; i++) await aborted.add([`a${i}`, 'x'.repeat(100)]);
      await aborted.abort();
      await runner.rollbackTransaction();
      expect(await checks()).toEqual({ u: 1, f: 1 });
      expect(Number((await runner.query('SELECT COUNT(*) AS c FROM bulk_test'))[0].c)).toBe(0);
    });

    it('keeps a second writer of the same table waiting until the first one is done', async () => {
      const other = dataSource.createQueryRunner();
      const free = async () => Number((await other.query("SELECT IS_FREE_LOCK(LEFT(CONCAT('wavedesk ', DATABASE(), ' ', 'bulk_test'), 64)) AS f"))[0].f);
      try {
        const unlock = await lockTableForWriting(runner, 'bulk_test');
        expect(await free()).toBe(0);
        await unlock();
        expect(await free()).toBe(1);
      } finally {
        await other.release();
      }
    });

    it('an aborted LOAD DATA frees the connection for the rollback', () => abortLeavesConnectionUsable(runner, () => createRowWriter(runner, TARGET)));
  });

  describe('on SQLite', () => {
    let dataSource: DataSource;
    let runner: QueryRunner;
    beforeAll(async () => {
      dataSource = await new DataSource({ type: 'better-sqlite3', database: join(mkdtempSync(join(tmpdir(), 'wavedesk-bulk-')), 't.sqlite') }).initialize();
      runner = dataSource.createQueryRunner();
      await runner.query('CREATE TABLE bulk_test (id integer PRIMARY KEY AUTOINCREMENT, k varchar(20) NOT NULL UNIQUE, v text NULL, n int NOT NULL)');
    });
    afterAll(() => dataSource?.destroy());

    it('upserts with ON CONFLICT, in statements under the parameter limit', async () => {
      expect(await createRowWriter(runner, TARGET)).toBeInstanceOf(BulkWriter);
      await roundTrip(runner, async () => new BulkWriter(runner, TARGET, 20_000));
    });
  });
});
