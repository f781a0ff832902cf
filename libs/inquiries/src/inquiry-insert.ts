import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { Inquiry } from './inquiry.entity';

const COLUMNS = [
  'municipalityCode', 'channel', 'category', 'callerType', 'outcome', 'receivedAt', 'durationSeconds', 'applicationId', 'note',
  'waveId', 'loggedById', 'loggedAt', 'idempotencyKey', 'requestHash', 'handledAt', 'handledById',
] as const satisfies ReadonlyArray<keyof Inquiry>;
const INSERT_INTO = `INSERT INTO inquiries (${COLUMNS.join(', ')}) VALUES `;
const ROW_PLACEHOLDERS = `(${COLUMNS.map(() => '?').join(', ')})`;
const INSERT_ONE = INSERT_INTO + ROW_PLACEHOLDERS;

/** At most this many INSERTs in flight at once; rows that arrive meanwhile wait and go together in the next. */
export const MAX_INSERTS_IN_FLIGHT = 2;
/** At most this many rows in one INSERT (≈ 2.5 KB each at most: far below MariaDB's 16 MB packet). */
export const MAX_ROWS_PER_INSERT = 200;

interface InsertResult {
  insertId: number;
  affectedRows: number;
}
type Callback<T> = (error: Error | null, result: T) => void;
interface MysqlPool {
  execute(sql: string, values: unknown[], callback: Callback<InsertResult>): void;
  query(sql: string, values: unknown[], callback: Callback<unknown>): void;
}

interface Waiting {
  values: unknown[];
  resolve(id: number): void;
  reject(error: unknown): void;
}

/**
 * Stores inquiry rows, each committed before its caller answers, and returns their ids.
 *
 * On MySQL/MariaDB rows go straight to the driver's pool (the desk's hot path skips the query builder,
 * which cost more than the database did), with **group commit**: a row is sent at once while fewer than
 * {@link MAX_INSERTS_IN_FLIGHT} INSERTs are in flight; rows that arrive while the database is busy wait and
 * go together as one multi-row INSERT, one statement and one commit for all of them. An operator at a quiet
 * desk waits for nothing; at 2,000 inquiries a second the database commits a few dozen rows at a time
 * instead of paying a commit, a network write and a statement for each. A multi-row INSERT is atomic, so
 * every caller still gets its 201 only after its own row is durable. Ids are read from the statement's first
 * id, which MariaDB/MySQL give consecutively to the rows of one INSERT when `innodb_autoinc_lock_mode` is
 * 0 or 1 (checked once; with 2, "interleaved", every row goes alone). If a multi-row INSERT fails (a retried
 * Idempotency-Key that meets its first row, say), its rows are sent again one by one, so each caller gets
 * its own answer and no other caller is held up by it.
 *
 * On SQLite the repository's insert.
 */
@Injectable()
export class InquiryInsert {
  private readonly logger = new Logger(InquiryInsert.name);
  private readonly pool: MysqlPool | null;
  private waiting: Waiting[] = [];
  private inFlight = 0;
  /** The step between consecutive ids of one INSERT (0 when ids may interleave), asked once; null until asked. */
  private idStep: Promise<number> | null = null;

  constructor(@InjectDataSource() dataSource: DataSource, @InjectRepository(Inquiry) private readonly inquiries: Repository<Inquiry>) {
    const driver = dataSource.driver as { options: { type: string }; pool?: MysqlPool; poolCluster?: unknown };
    this.pool = (driver.options.type === 'mysql' || driver.options.type === 'mariadb') && driver.pool && !driver.poolCluster ? driver.pool : null;
  }

  async insert(row: Omit<Inquiry, 'id'>): Promise<number> {
    if (!this.pool) return Number((await this.inquiries.insert(row)).identifiers[0].id);
    const values = COLUMNS.map((c) => row[c]);
    return new Promise((resolve, reject) => {
      this.waiting.push({ values, resolve, reject });
      this.sendWaiting();
    });
  }

  private sendWaiting(): void {
    while (this.waiting.length > 0 && this.inFlight < MAX_INSERTS_IN_FLIGHT) {
      const rows = this.waiting.splice(0, MAX_ROWS_PER_INSERT);
      this.inFlight += 1;
      void this.send(rows).finally(() => {
        this.inFlight -= 1;
        this.sendWaiting();
      });
    }
  }

  private async send(rows: Waiting[]): Promise<void> {
    const step = rows.length === 1 ? 0 : await this.consecutiveIdStep();
    if (step === 0) {
      await Promise.all(rows.map((row) => this.insertOne(row)));
      return;
    }
    try {
      const result = await this.run<InsertResult>(INSERT_INTO + rows.map(() => ROW_PLACEHOLDERS).join(', '), rows.flatMap((r) => r.values));
      rows.forEach((row, i) => row.resolve(Number(result.insertId) + i * step));
    } catch {
      // Nothing of that statement was stored: each row alone, so each caller gets its own answer.
      await Promise.all(rows.map((row) => this.insertOne(row)));
    }
  }

  private insertOne(row: Waiting): Promise<void> {
    return new Promise((resolve) =>
      this.pool!.execute(INSERT_ONE, row.values, (error, result) => {
        if (error) row.reject(error);
        else row.resolve(Number(result.insertId));
        resolve();
      }),
    );
  }

  /** `auto_increment_increment` when one INSERT's ids are consecutive (lock mode 0 or 1), else 0. */
  private consecutiveIdStep(): Promise<number> {
    this.idStep ??= this.run<Array<{ mode: number; step: number }>>('SELECT @@innodb_autoinc_lock_mode AS mode, @@auto_increment_increment AS step', []).then(
      ([settings]) => {
        const step = Number(settings.mode) <= 1 ? Number(settings.step) : 0;
        if (step === 0) this.logger.warn('innodb_autoinc_lock_mode=2: inquiries are inserted one row per statement');
        return step;
      },
      () => {
        this.idStep = null; // ask again next time
        return 0;
      },
    );
    return this.idStep;
  }

  private run<T>(sql: string, values: unknown[]): Promise<T> {
    return new Promise((resolve, reject) => this.pool!.query(sql, values, (error, result) => (error ? reject(error) : resolve(result as T))));
  }
}
