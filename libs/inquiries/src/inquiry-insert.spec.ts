import type { DataSource, Repository } from 'typeorm';
import { InquiryInsert, MAX_INSERTS_IN_FLIGHT } from './inquiry-insert';
import type { Inquiry } from './inquiry.entity';

type Callback = (error: Error | null, result: unknown) => void;

/**
 * Stands in for mysql2's pool in this unit test only (the E2E tests use MariaDB): hands out auto-increment
 * ids like InnoDB (consecutive within one statement), answers a moment later, and refuses any statement
 * carrying a key it has stored before, as the UNIQUE index does.
 */
class RecordingPool {
  readonly statements: Array<{ rows: number; failed: boolean }> = [];
  private nextId = 1;
  private readonly keys = new Set<unknown>();
  constructor(private readonly lockMode = 1, private readonly step = 1) {}

  query(sql: string, values: unknown[], callback: Callback): void {
    if (sql.startsWith('SELECT @@')) return void setImmediate(() => callback(null, [{ mode: this.lockMode, step: this.step }]));
    this.store(sql, values, callback);
  }

  execute(sql: string, values: unknown[], callback: Callback): void {
    this.store(sql, values, callback);
  }

  private store(sql: string, values: unknown[], callback: Callback): void {
    const rows = (sql.match(/\(\?/g) ?? []).length;
    const perRow = values.length / rows;
    const keys = Array.from({ length: rows }, (_, i) => values[i * perRow + 12]).filter((k) => k !== null);
    const failed = keys.some((k) => this.keys.has(k)) || new Set(keys).size < keys.length;
    this.statements.push({ rows, failed });
    setImmediate(() => {
      if (failed) return callback(Object.assign(new Error('Duplicate entry'), { code: 'ER_DUP_ENTRY' }), null);
      keys.forEach((k) => this.keys.add(k));
      const insertId = this.nextId;
      this.nextId += rows * this.step;
      callback(null, { insertId, affectedRows: rows });
    });
  }
}

const inserter = (pool: RecordingPool) =>
  new InquiryInsert({ driver: { options: { type: 'mariadb' }, pool } } as unknown as DataSource, {} as Repository<Inquiry>);

const row = (idempotencyKey: string | null = null): Omit<Inquiry, 'id'> => ({
  municipalityCode: '011002', channel: 'phone', category: 'photo', callerType: 'self', outcome: 'resolved',
  receivedAt: new Date(), durationSeconds: null, applicationId: null, note: null, waveId: null, loggedById: 1,
  loggedAt: new Date(), idempotencyKey, requestHash: null, handledAt: null, handledById: null,
});

describe('InquiryInsert (group commit)', () => {
  it('sends a lone row at once, in a statement of its own', async () => {
    const pool = new RecordingPool();
    expect(await inserter(pool).insert(row())).toBe(1);
    expect(pool.statements).toEqual([{ rows: 1, failed: false }]);
  });

  it('gathers rows that arrive while the database is busy into one INSERT, and gives each caller its own id', async () => {
    const pool = new RecordingPool();
    const insert = inserter(pool);
    const ids = await Promise.all(Array.from({ length: 50 }, () => insert.insert(row())));
    expect(ids).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(pool.statements.length).toBeLessThanOrEqual(MAX_INSERTS_IN_FLIGHT + 1);
    expect(pool.statements.reduce((n, s) => n + s.rows, 0)).toBe(50);
  });

  it('counts ids by auto_increment_increment', async () => {
    const pool = new RecordingPool(1, 2);
    const insert = inserter(pool);
    const ids = await Promise.all(Array.from({ length: 6 }, () => insert.insert(row())));
    expect(new Set(ids).size).toBe(6);
    expect(ids.slice(MAX_INSERTS_IN_FLIGHT).every((id, i, rest) => i === 0 || id === rest[i - 1] + 2)).toBe(true);
  });

  it('inserts one row per statement when ids may interleave (innodb_autoinc_lock_mode=2)', async () => {
    const pool = new RecordingPool(2);
    const insert = inserter(pool);
    const ids = await Promise.all(Array.from({ length: 10 }, () => insert.insert(row())));
    expect(new Set(ids).size).toBe(10);
    expect(pool.statements.every((s) => s.rows === 1)).toBe(true);
  });

  it('when a shared INSERT meets a stored key, stores the others one by one and fails only the duplicate', async () => {
    const pool = new RecordingPool();
    const insert = inserter(pool);
    await insert.insert(row('taken'));
    const results = await Promise.allSettled([
      ...Array.from({ length: 5 }, () => insert.insert(row())),
      insert.insert(row('taken')),
      ...Array.from({ length: 5 }, (_, i) => insert.insert(row(`fresh-${i}`))),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected.map((r) => r.reason.code)).toEqual(['ER_DUP_ENTRY']);
    const ids = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(new Set(ids).size).toBe(10);
    expect(pool.statements.some((s) => s.rows > 1 && s.failed)).toBe(true);
  });
});
