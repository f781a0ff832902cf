import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { TEST_MYSQL_SERVER, TestDatabase } from '../../../test/support/test-database';
import { dataSourceOptions } from './data-source-options';
import { assertNoPendingMigrations, migrationLockName, runMigrations } from './migrate';
import { MIGRATIONS } from './migrations';

jest.setTimeout(60_000);

/** Migrating at start on MariaDB: several processes at once, a lock held elsewhere, and the switch turned off. */
describe('runMigrations on MariaDB', () => {
  const databases: TestDatabase[] = [];
  const dataSources: DataSource[] = [];
  afterAll(async () => {
    for (const ds of dataSources) if (ds.isInitialized) await ds.destroy();
    for (const db of databases) await db.drop();
  });

  /** A fresh empty database and `count` separate connection pools on it (as separate processes would have). */
  async function emptyDatabase(count: number): Promise<{ db: TestDatabase; pools: DataSource[] }> {
    const db = new TestDatabase();
    databases.push(db);
    const url = await db.create();
    const pools = await Promise.all(
      Array.from({ length: count }, () => new DataSource(dataSourceOptions({ databaseUrl: url, sqlitePath: '' })).initialize()),
    );
    dataSources.push(...pools);
    return { db, pools };
  }

  async function mysqlSession() {
    const url = new URL(TEST_MYSQL_SERVER);
    return createConnection({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) });
  }

  it('lets three processes migrate the same empty database at once: each migration runs exactly once', async () => {
    const { db, pools } = await emptyDatabase(3);
    const applied = await Promise.all(pools.map((ds) => runMigrations(ds)));
    expect(applied.sort()).toEqual([0, 0, MIGRATIONS.length].sort());
    const rows = await db.query<{ name: string }>('SELECT name FROM migrations ORDER BY id');
    expect(rows).toHaveLength(MIGRATIONS.length);
    expect(new Set(rows.map((r) => r.name)).size).toBe(MIGRATIONS.length);
    for (const ds of pools) await expect(assertNoPendingMigrations(ds)).resolves.toBeUndefined();
  });

  it('releases the lock when it is done, so the next start does not wait', async () => {
    const { db, pools } = await emptyDatabase(1);
    await runMigrations(pools[0]);
    const session = await mysqlSession();
    try {
      const [rows] = await session.query('SELECT IS_FREE_LOCK(?) AS free', [migrationLockName(db.name)]);
      expect((rows as Array<{ free: number }>)[0].free).toBe(1);
    } finally {
      await session.end();
    }
  });

  it('waits for a lock held elsewhere and, if it is never freed, stops with a reason instead of migrating alongside', async () => {
    const { db, pools } = await emptyDatabase(1);
    const holder = await mysqlSession();
    try {
      const lock = migrationLockName(db.name);
      await holder.query('SELECT GET_LOCK(?, 1)', [lock]);
      await expect(runMigrations(pools[0], { lockTimeoutSeconds: 1 })).rejects.toThrow(/another process has held the migration lock/);
      expect(await db.tables()).toEqual([]);
      // Once the other process lets go, migrating goes ahead.
      const migrating = runMigrations(pools[0], { lockTimeoutSeconds: 10 });
      await new Promise((r) => setTimeout(r, 300));
      expect(await db.tables()).toEqual([]);
      await holder.query('SELECT RELEASE_LOCK(?)', [lock]);
      expect(await migrating).toBe(MIGRATIONS.length);
    } finally {
      await holder.end();
    }
  });

  it('does not make the migration of one database wait for another database on the same server', async () => {
    const { pools: [first] } = await emptyDatabase(1);
    const { db: second, pools: [other] } = await emptyDatabase(1);
    const holder = await mysqlSession();
    try {
      await holder.query('SELECT GET_LOCK(?, 1)', [migrationLockName(second.name)]);
      expect(await runMigrations(first, { lockTimeoutSeconds: 1 })).toBe(MIGRATIONS.length);
      await expect(runMigrations(other, { lockTimeoutSeconds: 1 })).rejects.toThrow(/migration lock/);
    } finally {
      await holder.end();
    }
  });

  it('keeps lock names within MySQL\'s 64 characters', () => {
    expect(migrationLockName('wavedesk')).toBe('wavedesk_migrations:wavedesk');
    expect(migrationLockName('x'.repeat(64)).length).toBeLessThanOrEqual(64);
    expect(migrationLockName('x'.repeat(64))).not.toBe(migrationLockName(`${'x'.repeat(63)}y`));
  });

  it('refuses an empty or outdated schema when migrating at start is switched off, naming the switch', async () => {
    const { pools } = await emptyDatabase(1);
    await expect(assertNoPendingMigrations(pools[0])).rejects.toThrow(
      new RegExp(`DB_MIGRATE_ON_START is false but the database has ${MIGRATIONS.length} migration\\(s\\) not yet applied`),
    );
  });
});
