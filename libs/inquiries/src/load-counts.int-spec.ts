import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { FixedClock } from '@wavedesk/common';
import { dataSourceOptions, runMigrations } from '@wavedesk/database';
import { Municipality } from '@wavedesk/municipalities';
import { TestDatabase } from '../../../test/support/test-database';
import { Inquiry } from './inquiry.entity';
import { isDuplicateKeyError, jstDaySql } from './inquiry-sql';
import { NoLoadForecast } from './load-forecast';
import { LoadService } from './load.service';

/**
 * The SQL that differs between engines gives the same JST days and hours on MariaDB and on SQLite, and a
 * reused Idempotency-Key is a duplicate-key error on both.
 */
const row = (receivedAt: string, municipalityCode = '011002', extra: Partial<Inquiry> = {}): Omit<Inquiry, 'id'> => ({
  municipalityCode, channel: 'phone', category: 'photo', callerType: 'self', outcome: 'resolved', receivedAt: new Date(receivedAt),
  durationSeconds: null, applicationId: null, note: null, waveId: null, loggedById: 1, loggedAt: new Date(receivedAt),
  idempotencyKey: null, requestHash: null, handledAt: null, handledById: null, ...extra,
});

async function checkEngine(dataSource: DataSource): Promise<void> {
  expect(await runMigrations(dataSource)).toBeGreaterThan(0);
  const municipality = { name: 'x', kana: 'x', subprefecture: 'x', district: null, population: 1, counterCapacity: 1, contactPhone: null };
  await dataSource.getRepository(Municipality).insert([{ code: '011002', ...municipality }, { code: '012025', ...municipality }]);
  const inquiries = dataSource.getRepository(Inquiry);
  await inquiries.insert([
    row('2026-02-14T14:59:59.999Z'), // 2026-02-14 23:59 JST: the day before
    row('2026-02-14T15:00:00.000Z'), // 2026-02-15 00:00 JST
    row('2026-02-15T00:10:00.000Z'), // 09:10 JST
    row('2026-02-15T00:50:00.000Z', '012025'), // 09:50 JST
    row('2026-02-15T14:59:59.999Z'), // 23:59 JST
    row('2026-02-15T15:00:00.000Z'), // 2026-02-16 00:00 JST: the day after
  ]);
  const service = new LoadService(
    inquiries, dataSource.getRepository(Municipality), dataSource, new NoLoadForecast(), new FixedClock(new Date('2026-02-15T01:30:00Z')),
  );
  const counts = await service.countsForDay('2026-02-15', null);
  expect(counts.sort((a, b) => a.hour - b.hour || a.municipalityCode.localeCompare(b.municipalityCode))).toEqual([
    { municipalityCode: '011002', hour: 0, count: 1 },
    { municipalityCode: '011002', hour: 9, count: 1 },
    { municipalityCode: '012025', hour: 9, count: 1 },
    { municipalityCode: '011002', hour: 23, count: 1 },
  ]);
  const report = await service.report({ id: 1, username: 'm', role: 'municipal', municipalityCode: '012025' });
  expect(report).toMatchObject({ date: '2026-02-15', hour: 10, total: { day: { actual: 1, forecast: 0, ratio: null } } });

  const day = jstDaySql(dataSource, 'i.receivedAt');
  const days = await inquiries.createQueryBuilder('i').select(day, 'day').addSelect('COUNT(*)', 'n').groupBy(day).orderBy('day').getRawMany();
  expect(days.map((d) => [d.day, Number(d.n)])).toEqual([['2026-02-14', 1], ['2026-02-15', 4], ['2026-02-16', 1]]);

  await inquiries.insert(row('2026-02-15T01:00:00Z', '011002', { idempotencyKey: 'k-1' }));
  const duplicate = await inquiries.insert(row('2026-02-15T01:00:00Z', '011002', { idempotencyKey: 'k-1' })).catch((e: unknown) => e);
  expect(isDuplicateKeyError(duplicate)).toBe(true);
  // Rows without a key do not collide.
  await inquiries.insert([row('2026-02-15T01:00:00Z'), row('2026-02-15T01:00:00Z')]);
}

describe('inquiry counting SQL', () => {
  const database = new TestDatabase();
  afterAll(() => database.drop());

  it('counts JST days and hours on MariaDB', async () => {
    const dataSource = await new DataSource(dataSourceOptions({ databaseUrl: await database.create(), sqlitePath: '' })).initialize();
    try {
      await checkEngine(dataSource);
    } finally {
      await dataSource.destroy();
    }
  });

  it('counts JST days and hours on SQLite', async () => {
    const sqlitePath = join(mkdtempSync(join(tmpdir(), 'wavedesk-inquiries-')), 'test.sqlite');
    const dataSource = await new DataSource(dataSourceOptions({ sqlitePath })).initialize();
    try {
      await checkEngine(dataSource);
    } finally {
      await dataSource.destroy();
    }
  });
});
