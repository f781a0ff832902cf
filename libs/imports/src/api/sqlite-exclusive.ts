import type { DataSource } from 'typeorm';

let tail: Promise<unknown> = Promise.resolve();

/**
 * On embedded SQLite every query of a process goes through one connection, so two long transactions
 * (an import and a matching in the same worker) would run inside each other. This runs such work one
 * at a time per process; on MySQL/MariaDB each has its own connection and it runs at once.
 */
export function exclusiveOnSqlite<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'better-sqlite3') return work();
  const run = tail.then(work, work);
  tail = run.catch(() => undefined);
  return run;
}
