import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '@wavedesk/config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** Which server is behind a mysql:// URL; `ensureDatabaseExists` finds out. */
export type ServerFlavor = 'mysql' | 'mariadb';

export type DatabaseKind = 'mysql' | 'sqlite';

export const databaseKind = (config: Pick<AppConfig, 'databaseUrl'>): DatabaseKind =>
  config.databaseUrl ? 'mysql' : 'sqlite';

/**
 * TypeORM options for the configured database: MySQL/MariaDB through mysql2 when DATABASE_URL is set,
 * embedded SQLite (better-sqlite3) otherwise. The schema comes only from migrations.
 */
export function dataSourceOptions(
  config: Pick<AppConfig, 'databaseUrl' | 'sqlitePath'>,
  server: ServerFlavor = 'mariadb',
): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    logging: false as const,
  };
  if (config.databaseUrl) {
    return {
      ...common,
      // TypeORM reads MariaDB's column defaults differently from MySQL's, so it must know which it talks to.
      type: server,
      url: config.databaseUrl,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      supportBigNumbers: true,
      bigNumberStrings: false,
      extra: { connectionLimit: 20 },
    };
  }
  return {
    ...common,
    type: 'better-sqlite3',
    database: config.sqlitePath,
    enableWAL: true,
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
    },
  };
}
