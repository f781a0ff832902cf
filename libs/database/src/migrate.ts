import { createConnection } from 'mysql2/promise';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSource } from 'typeorm';
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
  const connection = await createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
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
 * Runs pending migrations. On MySQL a named lock makes several processes starting together take
 * turns, so a migration never runs twice.
 */
export async function runMigrations(dataSource: DataSource): Promise<number> {
  const mysql = dataSource.options.type === 'mysql' || dataSource.options.type === 'mariadb';
  if (mysql) await dataSource.query(`SELECT GET_LOCK('wavedesk_migrations', 120)`);
  try {
    const applied = await dataSource.runMigrations({ transaction: mysql ? 'none' : 'all' });
    return applied.length;
  } finally {
    if (mysql) await dataSource.query(`SELECT RELEASE_LOCK('wavedesk_migrations')`);
  }
}
