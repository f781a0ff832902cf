import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { Role } from '@wavedesk/contracts';
import { TEST_REDIS_URL, TestDatabase } from './test-database';

export const ADMIN_PASSWORD = 'admin-password-for-tests';
/** The JWT_SECRET every test app signs with, so tests can forge their own (expired) tokens. */
export const TEST_JWT_SECRET = 'test-secret-0123456789abcdef';

/** The Authorization header for a token. */
export const bearer = (token: string): { authorization: string } => ({ authorization: `Bearer ${token}` });

export interface TestUser {
  id: number;
  username: string;
  password: string;
  token: string;
}

export interface TestAppOptions {
  /** false: point the app at a Redis port where nothing listens. */
  redis?: boolean;
  /** Extra environment for this app. */
  env?: Record<string, string>;
}

/**
 * Boots the real API (the same `createApiApp` that `npm start` runs) on a throwaway MariaDB database and
 * the local Redis, listening on a random port. `close()` stops it and drops the database.
 */
export class TestApp {
  readonly database = new TestDatabase();
  app!: NestExpressApplication;
  url!: string;
  readonly dataDir = mkdtempSync(join(tmpdir(), 'wavedesk-test-'));
  private tokens = new Map<string, string>();

  constructor(private readonly options: TestAppOptions = {}) {}

  async start(): Promise<this> {
    const databaseUrl = await this.database.create();
    Object.assign(process.env, {
      DATABASE_URL: databaseUrl,
      REDIS_URL: this.options.redis === false ? 'redis://127.0.0.1:6399' : TEST_REDIS_URL,
      DATA_DIR: this.dataDir,
      WAVEDESK_ADMIN_PASSWORD: ADMIN_PASSWORD,
      JWT_SECRET: TEST_JWT_SECRET,
      QUEUE_PREFIX: `wdtest_${randomBytes(4).toString('hex')}`,
      LOG_LEVEL: 'silent',
      ...this.options.env,
    });
    const { createApiApp } = await import('../../apps/api/src/bootstrap');
    this.app = await createApiApp();
    await this.app.listen(0, '127.0.0.1');
    this.url = await this.app.getUrl();
    this.url = this.url.replace('[::1]', '127.0.0.1');
    return this;
  }

  async close(): Promise<void> {
    await this.app?.close();
    await this.database.drop();
  }

  http() {
    return request(this.url);
  }

  /** Signs in and returns a token (cached per username). */
  async login(username = 'admin', password = ADMIN_PASSWORD): Promise<string> {
    const cached = this.tokens.get(username);
    if (cached) return cached;
    const res = await this.http().post('/api/auth/login').send({ username, password }).expect(200);
    this.tokens.set(username, res.body.accessToken);
    return res.body.accessToken;
  }

  /** Creates a user with the given role (as admin) and returns their token. */
  async userWithRole(role: Role, municipalityCode?: string): Promise<string> {
    return (await this.createUser(role, municipalityCode)).token;
  }

  /** Creates a user with the given role (as admin), signs them in and returns who they are. */
  async createUser(role: Role, municipalityCode?: string): Promise<TestUser> {
    const username = `${role}${municipalityCode ?? ''}_${randomBytes(3).toString('hex')}`;
    const password = 'password-' + username;
    const res = await this.http()
      .post('/api/users')
      .set(bearer(await this.login()))
      .send({ username, password, role, ...(municipalityCode ? { municipalityCode } : {}) })
      .expect(201);
    return { id: res.body.id, username, password, token: await this.login(username, password) };
  }
}
