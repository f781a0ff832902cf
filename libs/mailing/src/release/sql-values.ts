/**
 * Values for raw SQL that MySQL/MariaDB and SQLite (better-sqlite3) both accept: better-sqlite3 binds
 * neither a Date nor a boolean. Datetimes are UTC `YYYY-MM-DD HH:MM:SS.sss`, as TypeORM stores them
 * (MySQL runs with timezone 'Z').
 */
export const sqlDateTime = (d: Date): string => d.toISOString().replace('T', ' ').replace('Z', '');
export const sqlBool = (b: boolean): number => (b ? 1 : 0);
