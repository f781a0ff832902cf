import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { escape } from 'mysql2';
import type { QueryRunner } from 'typeorm';

export type SqlDialect = 'mysql' | 'sqlite';

/** The dialect of a TypeORM connection: MySQL/MariaDB, or embedded SQLite. */
export const dialectOf = (runner: Pick<QueryRunner, 'connection'>): SqlDialect =>
  runner.connection.driver.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';

/** A value as the table stores it: text, a number, or null (dates are written as strings). */
export type SqlValue = string | number | null;

export interface BulkTarget {
  table: string;
  /** The columns each row gives, in order. */
  columns: readonly string[];
  /** Columns with one value for every row (the import's id, its time): sent once, not with each row. */
  constants?: Readonly<Record<string, SqlValue>>;
  /** Upsert on this unique key: a row with the same key is replaced. */
  conflictKey?: readonly string[];
}

/** Writes many rows inside the caller's transaction; `written` counts the rows handed to the database. */
export interface RowWriter {
  readonly written: number;
  /**
   * Takes one row. Returns a promise only when the caller must wait (a statement to send, back-pressure):
   * `const wait = writer.add(row); if (wait) await wait;` — a million awaited no-ops cost more than the rows.
   */
  add(row: SqlValue[]): Promise<void> | undefined;
  /** Sends what is left and waits until the database has taken every row (a failure surfaces here). */
  flush(): Promise<void>;
  /** Stops writing after a failure, so that the transaction can be rolled back (never throws). */
  abort(): Promise<void>;
}

/**
 * The fastest writer the connection allows: on MySQL/MariaDB with `local_infile` enabled, one
 * `LOAD DATA LOCAL INFILE` fed from a stream (the server's bulk path, several times faster than INSERT);
 * otherwise multi-row INSERT statements. Both run in the caller's transaction.
 */
export async function createRowWriter(runner: QueryRunner, target: BulkTarget): Promise<RowWriter> {
  if (dialectOf(runner) === 'mysql' && (await localInfileEnabled(runner))) return LoadDataWriter.start(runner, target);
  return new BulkWriter(runner, target);
}

async function localInfileEnabled(runner: QueryRunner): Promise<boolean> {
  try {
    const rows: Array<{ v: number | string }> = await runner.query('SELECT @@GLOBAL.local_infile AS v');
    return Number(rows[0]?.v) === 1;
  } catch {
    return false;
  }
}

/**
 * Multi-row statements, keeping one in flight while the caller prepares the next rows (the database
 * works on one core while Node parses on the other). MySQL/MariaDB get literal values escaped by mysql2
 * and `ON DUPLICATE KEY UPDATE`; SQLite gets bound parameters and `ON CONFLICT … DO UPDATE` (its limit of
 * 32,766 parameters per statement is respected). A failed statement surfaces at the next `add` or at `flush`.
 */
export class BulkWriter implements RowWriter {
  private rows: SqlValue[][] = [];
  private inFlight: Promise<unknown> | null = null;
  private readonly rowsPerStatement: number;
  private readonly head: string;
  private readonly tail: string;
  private readonly dialect: SqlDialect;
  private readonly constants: SqlValue[];
  /** The constants as they end each row's literal (MySQL/MariaDB). */
  private readonly rowEnd: string;
  written = 0;

  constructor(
    private readonly runner: QueryRunner,
    target: BulkTarget,
    rowsPerStatement = 1000,
  ) {
    const dialect = (this.dialect = dialectOf(runner));
    const q = dialect === 'mysql' ? (n: string) => `\`${n}\`` : (n: string) => `"${n}"`;
    const columns = [...target.columns, ...Object.keys(target.constants ?? {})];
    this.constants = Object.values(target.constants ?? {});
    this.rowEnd = this.constants.map((v) => `,${sqlLiteral(v)}`).join('') + ')';
    const updated = columns.filter((c) => !target.conflictKey?.includes(c));
    this.head = `INSERT INTO ${q(target.table)} (${columns.map(q).join(', ')}) VALUES `;
    this.placeholders = `(${columns.map(() => '?').join(',')})`;
    if (!target.conflictKey) this.tail = '';
    else if (dialect === 'mysql') this.tail = ` ON DUPLICATE KEY UPDATE ${updated.map((c) => `${q(c)} = VALUES(${q(c)})`).join(', ')}`;
    else this.tail = ` ON CONFLICT (${target.conflictKey.map(q).join(', ')}) DO UPDATE SET ${updated.map((c) => `${q(c)} = excluded.${q(c)}`).join(', ')}`;
    this.rowsPerStatement = dialect === 'sqlite' ? Math.min(rowsPerStatement, Math.floor(30_000 / columns.length)) : rowsPerStatement;
  }

  private readonly placeholders: string;

  add(row: SqlValue[]): Promise<void> | undefined {
    this.rows.push(row);
    return this.rows.length >= this.rowsPerStatement ? this.send() : undefined;
  }

  async flush(): Promise<void> {
    if (this.rows.length) await this.send();
    await this.settle();
  }

  async abort(): Promise<void> {
    this.rows = [];
    await this.settle().catch(() => undefined);
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
        if (j) s += ',';
        s += sqlLiteral(row[j]);
      }
      parts[i] = s + this.rowEnd;
    }
    return { sql: this.head + parts.join(',') + this.tail };
  }

  private sqliteStatement(rows: SqlValue[][]): { sql: string; params: SqlValue[] } {
    const params: SqlValue[] = [];
    for (const row of rows) {
      for (const v of row) params.push(v);
      for (const v of this.constants) params.push(v);
    }
    return { sql: this.head + new Array(rows.length).fill(this.placeholders).join(',') + this.tail, params };
  }
}

/** A value as a MySQL/MariaDB literal (mysql2's escaping). */
const sqlLiteral = (v: SqlValue): string => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : escape(v));

/** Characters LOAD DATA must not see raw in a tab-separated field. */
const TSV_SPECIAL = /[\t\n\r\\\0]/;
const TSV_ESCAPES: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r', '\\': '\\\\', '\0': '\\0' };

/** Bytes gathered before they go to the server. */
const CHUNK_BYTES = 256 * 1024;

const tsvField = (v: SqlValue): string =>
  v === null ? '\\N' : typeof v === 'number' ? String(v) : TSV_SPECIAL.test(v) ? v.replace(/[\t\n\r\\\0]/g, (c) => TSV_ESCAPES[c]) : v;

interface MysqlCallbackConnection {
  query(options: { sql: string; infileStreamFactory: () => NodeJS.ReadableStream }, callback: (error: Error | null) => void): void;
}

/**
 * One `LOAD DATA LOCAL INFILE … INTO TABLE` fed from a stream of tab-separated rows, on the transaction's
 * own connection (mysql2 hands the server our stream when it asks for the "file"; no file on disk is
 * involved). Back-pressure comes from the server. The statement starts with the first rows and holds the
 * connection until `flush` or `abort` ends the stream. The rows are UTF-8 as Node writes it (always well
 * formed), sent as `CHARACTER SET binary` so that the server stores the bytes without checking them again.
 *
 * - A table that already has rows gets `REPLACE` when there is a conflict key: the newer row per key, as
 *   the multi-row upsert does.
 * - An empty table (the first insured list, the first card-holder list) is loaded in bulk: with
 *   `unique_checks` and `foreign_key_checks` off for the statement, MariaDB (10.6+) keeps one undo record
 *   for the whole table and builds the indexes by sorting instead of row by row — a quarter less work
 *   for the server (docs/imports.md §8). Nothing can conflict: the table is empty and the rows are unique
 *   by construction (an import has checked its file's unique values; a match run writes one row per
 *   person of its batch); `lockTableForWriting` keeps a second import into the table waiting until the
 *   transaction ends, and InnoDB itself locks a table it bulk-loads. A rollback still empties the table.
 *   Should the table not be empty after all, the server takes the rows the ordinary way.
 */
export class LoadDataWriter implements RowWriter {
  private stream: PassThrough | null = null;
  /** Rows not yet handed to the stream, as UTF-8 bytes (written straight into a buffer: no strings to join). */
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private length = 0;
  private pending = 0;
  private finished: Promise<void> = Promise.resolve();
  private failed: Error | null = null;
  private checksOff: boolean;
  private readonly sql: string;
  written = 0;

  private constructor(
    private readonly runner: QueryRunner,
    private readonly connection: MysqlCallbackConnection,
    target: BulkTarget,
    /** The table had no row when the writer started: load in bulk. */
    readonly bulk: boolean,
  ) {
    this.checksOff = bulk;
    const columns = target.columns.map((c) => `\`${c}\``).join(', ');
    const constants = Object.entries(target.constants ?? {}).map(([c, v]) => `\`${c}\` = ${sqlLiteral(v)}`);
    this.sql =
      `LOAD DATA LOCAL INFILE 'wavedesk-rows.tsv' ${target.conflictKey && !bulk ? 'REPLACE ' : ''}INTO TABLE \`${target.table}\` CHARACTER SET binary ` +
      `FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (${columns})` +
      (constants.length ? ` SET ${constants.join(', ')}` : '');
  }

  static async start(runner: QueryRunner, target: BulkTarget): Promise<LoadDataWriter> {
    const connection = (await runner.connect()) as MysqlCallbackConnection;
    const empty = (await runner.query(`SELECT 1 FROM \`${target.table}\` LIMIT 1`)).length === 0;
    if (empty) await runner.query('SET SESSION unique_checks = 0, foreign_key_checks = 0');
    return new LoadDataWriter(runner, connection, target, empty);
  }

  private begin(): PassThrough {
    const stream = (this.stream = new PassThrough({ highWaterMark: 1 << 20 }));
    this.finished = new Promise<void>((resolve, reject) => {
      this.connection.query({ sql: this.sql, infileStreamFactory: () => stream }, (error) => {
        if (error) {
          this.failed = error;
          stream.destroy();
          reject(error);
        } else resolve();
      });
    });
    this.finished.catch(() => undefined);
    return stream;
  }

  add(row: SqlValue[]): Promise<void> | undefined {
    let line = tsvField(row[0]);
    for (let i = 1; i < row.length; i++) line += '\t' + tsvField(row[i]);
    line += '\n';
    // A UTF-16 unit takes at most 3 bytes in UTF-8.
    if (this.length + line.length * 3 > this.chunk.length) this.grow(line.length * 3);
    this.length += this.chunk.write(line, this.length);
    this.pending++;
    return this.length >= CHUNK_BYTES - 1024 ? this.push() : undefined;
  }

  /** Room for a row longer than what is left of the chunk. */
  private grow(needed: number): void {
    const larger = Buffer.allocUnsafe(Math.max(this.chunk.length * 2, this.length + needed));
    this.chunk.copy(larger, 0, 0, this.length);
    this.chunk = larger;
  }

  /** The rows so far, for the stream; the writer goes on in a new buffer (the stream keeps this one). */
  private take(): Buffer {
    const rows = this.chunk.subarray(0, this.length);
    this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    this.length = 0;
    this.written += this.pending;
    this.pending = 0;
    return rows;
  }

  private async push(): Promise<void> {
    if (this.failed) throw this.failed;
    const stream = this.stream ?? this.begin();
    const ok = stream.write(this.take());
    if (!ok) await Promise.race([once(stream, 'drain'), this.finished]);
  }

  async flush(): Promise<void> {
    try {
      if (this.failed) throw this.failed;
      if (!this.stream && this.pending === 0) return;
      const stream = this.stream ?? this.begin();
      stream.end(this.take());
      await this.finished;
    } finally {
      await this.checksOn();
    }
  }

  async abort(): Promise<void> {
    this.length = 0;
    this.pending = 0;
    if (this.stream) {
      this.stream.end();
      await this.finished.catch(() => undefined);
    }
    await this.checksOn().catch(() => undefined);
  }

  /** The connection goes back to the pool with the server's checks on. */
  private async checksOn(): Promise<void> {
    if (!this.checksOff) return;
    this.checksOff = false;
    await this.runner.query('SET SESSION unique_checks = 1, foreign_key_checks = 1');
  }
}

/**
 * On MySQL/MariaDB, holds a server lock named after the database and the table until the returned
 * function is called (after the transaction ends): imports into one table run one after the other, so
 * a LoadDataWriter that found its table empty still finds it so when it loads. A second import waits
 * for the first (up to an hour, then it fails). On SQLite there is one connection: nothing to do.
 */
export async function lockTableForWriting(runner: QueryRunner, table: string): Promise<() => Promise<void>> {
  if (dialectOf(runner) === 'sqlite') return async () => undefined;
  const name = "LEFT(CONCAT('wavedesk ', DATABASE(), ' ', ?), 64)";
  const [{ got }]: Array<{ got: number | string | null }> = await runner.query(`SELECT GET_LOCK(${name}, 3600) AS got`, [table]);
  if (Number(got) !== 1) throw new Error(`another import into ${table} is still running`);
  return async () => {
    await runner.query(`SELECT RELEASE_LOCK(${name})`, [table]);
  };
}

/** A Date as MySQL DATETIME(3) and TypeORM's SQLite driver store it (UTC, as the DataSource's timezone 'Z'). */
export const sqlDateTime = (d: Date): string => d.toISOString().replace('T', ' ').replace('Z', '');
