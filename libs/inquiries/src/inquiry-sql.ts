import type { DataSource } from 'typeorm';

/**
 * The few SQL expressions that differ between MySQL/MariaDB and SQLite. Times are stored in UTC
 * (`timezone: 'Z'` on MySQL; TypeORM writes UTC text on SQLite); Japan has no daylight saving, so a JST
 * hour or day is a fixed shift.
 */
const isSqlite = (dataSource: DataSource): boolean => dataSource.options.type === 'better-sqlite3';

/** The UTC hour (0–23) of a datetime column. */
export function utcHourSql(dataSource: DataSource, column: string): string {
  return isSqlite(dataSource) ? `CAST(strftime('%H', ${column}) AS INTEGER)` : `HOUR(${column})`;
}

/** The JST calendar day of a datetime column, as `YYYY-MM-DD` text. */
export function jstDaySql(dataSource: DataSource, column: string): string {
  return isSqlite(dataSource)
    ? `date(${column}, '+9 hours')`
    : `DATE_FORMAT(DATE_ADD(${column}, INTERVAL 9 HOUR), '%Y-%m-%d')`;
}

/** True when an insert failed on a UNIQUE index (MySQL/MariaDB ER_DUP_ENTRY, SQLite constraint). */
export function isDuplicateKeyError(error: unknown): boolean {
  const e = error as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  const code = e?.driverError?.code ?? e?.code;
  const errno = e?.driverError?.errno ?? e?.errno;
  return code === 'ER_DUP_ENTRY' || errno === 1062 || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
