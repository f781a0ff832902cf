import { escape } from 'mysql2';
import type { QueryRunner } from 'typeorm';

export type SqlDialect = 'mysql' | 'sqlite';

/** The dialect of a TypeORM connection: MySQL/MariaDB, or embedded SQLite. */
export const dialectOf = (runner: Pick<QueryRunner, 'connection'>): SqlDialect =>
  runner.connection.driver.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';

export interface BulkTarget {
  table: string;
  columns: readonly string[];
  /** Upsert on this unique key: a row with the same key is replaced (except the columns of the key). */
  conflictKey?: readonly string[];
}

/** A value as the table stores it: text, a number, or null (dates are written as strings). */
export type SqlValue = string | number | null;

/**
 * Writes many rows with multi-row statements, keeping one statement in flight while the caller prepares
 * the next rows (MariaDB works on one core while Node parses on the other). MySQL/MariaDB get literal
 * values escaped by mysql2 and `ON DUPLICATE KEY UPDATE`; SQLite gets bound parameters and
 * `ON CONFLICT … DO UPDATE` (its limit of 32,766 parameters per statement is respected).
 * Run it inside a transaction: a failed statement surfaces at the next `add` or at `flush`.
 */
export class BulkWriter {
  private rows: SqlValue[][] = [];
  private inFlight: Promise<unknown> | null = null;
  private readonly rowsPerStatement: number;
  private readonly head: string;
  private readonly tail: string;
  /** Rows handed to the database and confirmed. */
  written = 0;

  constructor(
    private readonly runner: QueryRunner,
    private readonly target: BulkTarget,
    rowsPerStatement = 1000,
  ) {
    const dialect = dialectOf(runner);
    const q = dialect === 'mysql' ? (n: string) => `\`${n}\`` : (n: string) => `"${n}"`;
    const updated = target.columns.filter((c) => !target.conflictKey?.includes(c));
    this.head = `INSERT INTO ${q(target.table)} (${target.columns.map(q).join(', ')}) VALUES `;
    if (!target.conflictKey) this.tail = '';
    else if (dialect === 'mysql') this.tail = ` ON DUPLICATE KEY UPDATE ${updated.map((c) => `${q(c)} = VALUES(${q(c)})`).join(', ')}`;
    else this.tail = ` ON CONFLICT (${target.conflictKey.map(q).join(', ')}) DO UPDATE SET ${updated.map((c) => `${q(c)} = excluded.${q(c)}`).join(', ')}`;
    this.rowsPerStatement = dialect === 'sqlite' ? Math.min(rowsPerStatement, Math.floor(30_000 / target.columns.length)) : rowsPerStatement;
    this.dialect = dialect;
  }

  private readonly dialect: SqlDialect;

  async add(row: SqlValue[]): Promise<void> {
    this.rows.push(row);
    if (this.rows.length >= this.rowsPerStatement) await this.send();
  }

  /** Sends what is left and waits until every statement has been executed. */
  async flush(): Promise<void> {
    if (this.rows.length) await this.send();
    await this.settle();
  }

  private async settle(): Promise<void> {
    const pending = this.inFlight;
    this.inFlight = null;
    if (pending) await pending;
  }

  private async send(): Promise<void> {
    const rows = this.rows;
    this.rows = [];
    // Build the statement while the previous one runs, then wait for it before sending this one.
    const statement = this.dialect === 'mysql' ? this.mysqlStatement(rows) : this.sqliteStatement(rows);
    await this.settle();
    this.inFlight = this.runner.query(statement.sql, statement.params).then(() => {
      this.written += rows.length;
    });
    // Keep an early failure from being reported as unhandled; it is rethrown by the next settle().
    this.inFlight.catch(() => undefined);
  }

  private mysqlStatement(rows: SqlValue[][]): { sql: string; params?: undefined } {
    const parts = new Array<string>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      let s = '(';
      for (let j = 0; j < row.length; j++) {
        const v = row[j];
        if (j) s += ',';
        s += v === null ? 'NULL' : typeof v === 'number' ? String(v) : escape(v);
      }
      parts[i] = s + ')';
    }
    return { sql: this.head + parts.join(',') + this.tail };
  }

  private sqliteStatement(rows: SqlValue[][]): { sql: string; params: SqlValue[] } {
    const one = `(${this.target.columns.map(() => '?').join(',')})`;
    const params: SqlValue[] = [];
    for (const row of rows) for (const v of row) params.push(v);
    return { sql: this.head + new Array(rows.length).fill(one).join(',') + this.tail, params };
  }
}

/** A Date as MySQL DATETIME(3) and TypeORM's SQLite driver store it (UTC, as the DataSource's timezone 'Z'). */
export const sqlDateTime = (d: Date): string => d.toISOString().replace('T', ' ').replace('Z', '');
