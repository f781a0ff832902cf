import { createConnection } from 'mysql2/promise';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type DataSource, MigrationExecutor } from 'typeorm';
import type { AppConfig } from '@wavedesk/config';
import type { ServerFlavor } from './data-source-options';

/**
 * Makes sure the database exists: the SQLite file's folder, or the MySQL database (utf8mb4, so that
 * every Japanese character fits).
 */
export async function ensureDatabaseExists(
  config: Pick<AppConfig, 'databaseUrl' | 'sqlitePath'>,
): Promise<ServerFlavor | undefined> {
  if (!config.databaseUrl) {
    mkdirSync(dirname(config.sqlitePath), { recursive: true });
    return undefined;
  }
  const url = new URL(config.databaseUrl);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  const where = `${url.hostname}:${url.port || 3306}`;
  const connection = await createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  }).catch((error: Error & { code?: string }) => {
    throw new Error(`cannot connect to MySQL/MariaDB at ${where} (DATABASE_URL): ${error.message || error.code}. Is the server running, and are the user and password right?`);
  });
  try {
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS \`${database.replace(/`/g, '')}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    const [rows] = await connection.query('SELECT VERSION() AS version');
    return /mariadb/i.test((rows as Array<{ version: string }>)[0].version) ? 'mariadb' : 'mysql';
  } finally {
    await connection.end();
  }
}

/**
 * The named lock for migrating one database. MySQL's named locks are server-wide, so the name includes the
 * database: processes migrating different databases on one server do not wait for each other. Lock names
 * may be at most 64 characters.
 */
export function migrationLockName(database: string): string {
  const name = `wavedesk_migrations:${database}`;
  return name.length <= 64 ? name : `wavedesk_migrations:${createHash('sha1').update(database).digest('hex')}`;
}

const isMysql = (dataSource: DataSource): boolean => dataSource.options.type === 'mysql' || dataSource.options.type === 'mariadb';

/**
 * Runs pending migrations. On MySQL a named lock makes several processes starting together take turns,
 * so a migration never runs twice. GET_LOCK belongs to one connection, so it is taken and released on a
 * connection of its own (not on whichever the pool hands out), and a lock not obtained in time stops the
 * start instead of migrating alongside the other process.
 */
export async function runMigrations(dataSource: DataSource, { lockTimeoutSeconds = 120 } = {}): Promise<number> {
  if (!isMysql(dataSource)) return (await dataSource.runMigrations({ transaction: 'all' })).length;
  const lockHolder = dataSource.createQueryRunner();
  await lockHolder.connect();
  try {
    const [{ database }] = await lockHolder.query('SELECT DATABASE() AS `database`');
    const lock = migrationLockName(database);
    const [{ locked }] = await lockHolder.query('SELECT GET_LOCK(?, ?) AS locked', [lock, lockTimeoutSeconds]);
    if (Number(locked) !== 1) {
      throw new Error(
        `another process has held the migration lock '${lock}' for more than ${lockTimeoutSeconds} s; ` +
          `wait for it to finish (or end it) and start again.`,
      );
    }
    try {
      // MySQL cannot roll back DDL, so each migration stands alone rather than inside one transaction.
      return (await dataSource.runMigrations({ transaction: 'none' })).length;
    } finally {
      await lockHolder.query('SELECT RELEASE_LOCK(?)', [lock]);
    }
  } finally {
    await lockHolder.release();
  }
}

/**
 * With DB_MIGRATE_ON_START=false the schema must already be up to date. Starting on an older (or empty)
 * schema would fail later in confusing ways — a missing table in the middle of a request — so the start is
 * refused here, with a sentence that says what to do.
 */
export async function assertNoPendingMigrations(dataSource: DataSource): Promise<void> {
  const pending = await new MigrationExecutor(dataSource).getPendingMigrations();
  if (pending.length === 0) return;
  const names = pending.map((m) => m.name);
  throw new Error(
    `DB_MIGRATE_ON_START is false but the database has ${pending.length} migration(s) not yet applied ` +
      `(${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}). Start once with DB_MIGRATE_ON_START=true ` +
      `(the default) to apply them, then switch it off again.`,
  );
}
