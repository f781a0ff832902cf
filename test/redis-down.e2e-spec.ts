import { setTimeout as sleep } from 'node:timers/promises';
import { io } from 'socket.io-client';
import { type Child, freePort, startRedis } from './support/processes';
import { bearer, TestApp } from './support/test-app';

jest.setTimeout(30_000);

/** Without Redis the desk keeps working; queue actions say plainly what is wrong and how to fix it. */
describe('without Redis', () => {
  const t = new TestApp({ redis: false });
  let admin: string;
  beforeAll(async () => {
    await t.start();
    admin = await t.login();
  }, 60_000);
  afterAll(() => t.close());

  it('starts and reports degraded health: database up, Redis down', async () => {
    const res = await t.http().get('/api/health').expect(200);
    expect(res.body).toEqual({ status: 'degraded', db: 'up', redis: 'down' });
  });

  it('still signs in and serves the municipalities', async () => {
    const res = await t.http().get('/api/municipalities').set(bearer(admin)).expect(200);
    expect(res.body).toHaveLength(179);
    await t.http().patch('/api/municipalities/011002').set(bearer(admin)).send({ counterCapacity: 123 }).expect(200);
  });

  it('answers queue actions at once with 503 naming the address and how to start Redis', async () => {
    const started = Date.now();
    const res = await t.http().post('/api/system/worker-ping').set(bearer(admin)).expect(503);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(res.body).toMatchObject({ statusCode: 503, code: 'redis_unavailable' });
    expect(res.body.message).toContain('127.0.0.1:6399');
    expect(res.body.message).toContain('redis-server');
    expect(res.body.message).toMatch(/Redis（127\.0\.0\.1:6399）に接続できない/);
    await t.http().get('/api/system/worker-ping/1').set(bearer(admin)).expect(503);
  });

  it('still serves the live channel to clients of this process', async () => {
    const client = io(`${t.url}/live`, { auth: { token: admin }, transports: ['websocket'], reconnection: false });
    try {
      const hello = await new Promise<{ rooms: string[] }>((resolve, reject) => {
        client.once('hello', resolve);
        client.once('connect_error', reject);
      });
      expect(hello.rooms).toEqual(['union']);
      const event = new Promise<{ room: string }>((resolve) => client.once('test:ping', resolve));
      await t.http().post('/api/system/live-test').set(bearer(admin)).send({}).expect(202);
      expect((await event).room).toBe('union');
    } finally {
      client.close();
    }
  });
});

/** Redis coming back is noticed without a restart: health turns ok and queue actions work again. */
describe('when Redis comes back', () => {
  let port: number;
  let t: TestApp;
  let redis: Child | undefined;
  beforeAll(async () => {
    port = await freePort();
    t = new TestApp({ redis: false, env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
    await t.start();
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await redis?.stop();
  });

  it('turns health from degraded to ok and accepts queue actions again', async () => {
    const admin = await t.login();
    expect((await t.http().get('/api/health').expect(200)).body.status).toBe('degraded');
    await t.http().post('/api/system/worker-ping').set(bearer(admin)).expect(503);

    redis = await startRedis(port);
    const deadline = Date.now() + 10_000;
    let health: { status: string } = { status: 'degraded' };
    while (health.status !== 'ok' && Date.now() < deadline) {
      await sleep(250);
      health = (await t.http().get('/api/health').expect(200)).body;
    }
    expect(health).toEqual({ status: 'ok', db: 'up', redis: 'up' });
    const res = await t.http().post('/api/system/worker-ping').set(bearer(admin)).expect(202);
    expect(res.body.id).toEqual(expect.any(String));
  });
});
