import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '@wavedesk/database';
import { MIGRATIONS } from '../libs/database/src/migrations';
import { API_MAIN, Child, childEnv, ensureServerBuilt, freePort, runToExit, WORKER_MAIN } from './support/processes';
import { TEST_REDIS_URL, TestDatabase } from './support/test-database';

jest.setTimeout(120_000);

/** What an operator sees when starting the built API or worker with a wrong setting or an unready database. */
describe('starting the built server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'wavedesk-start-'));
  const databases: TestDatabase[] = [];
  beforeAll(() => ensureServerBuilt(), 180_000);
  afterAll(async () => {
    for (const db of databases) await db.drop();
  });
  const base = { DATA_DIR: dataDir, REDIS_URL: TEST_REDIS_URL, HOST: '127.0.0.1', LOG_LEVEL: 'warn' };

  it.each([
    ['PORT', 'abc', 'PORT must be a whole number between 0 and 65535, but is "abc".'],
    ['JWT_TTL_HOURS', '24', 'JWT_TTL_HOURS must be between 1 and 12, but is 24.'],
    ['DATABASE_URL', 'postgres://db/wavedesk', 'DATABASE_URL must look like mysql://'],
    ['BODY_LIMIT', 'lots', 'BODY_LIMIT must be a size such as 1mb or 500kb, but is "lots".'],
  ])('stops with exit code 2 and a sentence naming %s when it is %p', async (name, value, sentence) => {
    const run = await runToExit(API_MAIN, { ...base, [name]: value });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`wavedesk: configuration error: ${sentence}`);
    expect(run.stdout).not.toContain('listening');
  });

  it('stops the worker the same way', async () => {
    const run = await runToExit(WORKER_MAIN, { ...base, REDIS_URL: 'localhost:6379' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('wavedesk worker: configuration error: REDIS_URL must look like redis://host:6379');
  });

  it('says where it could not reach the database, at once', async () => {
    const port = await freePort();
    const started = Date.now();
    const run = await runToExit(API_MAIN, { ...base, PORT: String(await freePort()), DATABASE_URL: `mysql://root@127.0.0.1:${port}/wavedesk` });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`wavedesk: failed to start: cannot connect to MySQL/MariaDB at 127.0.0.1:${port} (DATABASE_URL)`);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('with DB_MIGRATE_ON_START=false refuses an empty database and creates no table; once migrated, starts on it', async () => {
    const db = new TestDatabase();
    databases.push(db);
    const env = { ...base, DATABASE_URL: await db.create(), DB_MIGRATE_ON_START: 'false', WAVEDESK_ADMIN_PASSWORD: 'admin-password-for-tests' };

    const refused = await runToExit(API_MAIN, { ...env, PORT: String(await freePort()) });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`wavedesk: failed to start: DB_MIGRATE_ON_START is false but the database has ${MIGRATIONS.length} migration(s) not yet applied`);
    expect(refused.stderr).toContain('DB_MIGRATE_ON_START=true');
    expect(await db.tables()).toEqual([]);

    // An operator applies the migrations separately (here with the library the API uses)...
    const dataSource = await new DataSource(dataSourceOptions({ databaseUrl: db.url, sqlitePath: '' })).initialize();
    await runMigrations(dataSource).finally(() => dataSource.destroy());
    // ...and the API then starts on that schema without touching it.
    const port = await freePort();
    const api = new Child(process.execPath, [API_MAIN], childEnv({ ...env, PORT: String(port) }));
    try {
      await api.waitFor(/listening on/, 60_000);
      const health = await request(`http://127.0.0.1:${port}`).get('/api/health').expect(200);
      expect(health.body).toMatchObject({ db: 'up' });
      await request(`http://127.0.0.1:${port}`).post('/api/auth/login').send({ username: 'admin', password: 'admin-password-for-tests' }).expect(200);
    } finally {
      await api.stop();
    }
  });
});
