import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { io, type Socket } from 'socket.io-client';
import { type LiveHello, LIVE_EVENTS } from '@wavedesk/contracts';
import { API_MAIN, Child, childEnv, ensureServerBuilt, freePort } from './support/processes';
import { ADMIN_PASSWORD, bearer, TEST_JWT_SECRET, TestApp } from './support/test-app';
import { TEST_REDIS_URL, TestDatabase } from './support/test-database';

jest.setTimeout(60_000);

interface TestEvent {
  room: string;
  pid: number;
}

/** Opens a /live client; resolves once the server said hello (or rejects when it disconnects it). */
function connectLive(url: string, token?: string): { socket: Socket; hello: Promise<LiveHello> } {
  const socket = io(`${url}/live`, { auth: token ? { token } : {}, transports: ['websocket'], reconnection: false, forceNew: true });
  const hello = new Promise<LiveHello>((resolve, reject) => {
    socket.once(LIVE_EVENTS.hello, resolve);
    socket.once('disconnect', (reason) => reject(new Error(`disconnected: ${reason}`)));
    socket.once('connect_error', reject);
  });
  hello.catch(() => undefined);
  return { socket, hello };
}

/** The events of one name a socket receives from now on. */
function collect<T>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}

const waitUntil = async (check: () => boolean, timeoutMs = 5_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe('live channel /live (one API process)', () => {
  const t = new TestApp();
  const sockets: Socket[] = [];
  let admin: string;
  beforeAll(async () => {
    await t.start();
    admin = await t.login();
  }, 60_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });
  const open = (token?: string) => {
    const client = connectLive(t.url, token);
    sockets.push(client.socket);
    return client;
  };
  const publish = (room?: string) => t.http().post('/api/system/live-test').set(bearer(admin)).send(room ? { room } : {}).expect(202);

  it('greets a supervisor with the union room and a municipal user with their municipality only', async () => {
    const supervisor = await t.createUser('supervisor');
    const municipal = await t.createUser('municipal', '012025');
    expect(await open(supervisor.token).hello).toEqual({ username: supervisor.username, role: 'supervisor', rooms: ['union'] });
    expect(await open(municipal.token).hello).toEqual({ username: municipal.username, role: 'municipal', rooms: ['municipality:012025'] });
  });

  it('disconnects a client without a token, with a malformed one, or with a tampered signature', async () => {
    const errors: unknown[] = [];
    for (const token of [undefined, 'not-a-token', `${admin.slice(0, -4)}AAAA`]) {
      const client = open(token);
      client.socket.on('error', (e: unknown) => errors.push(e));
      await expect(client.hello).rejects.toThrow('disconnected: io server disconnect');
      expect(client.socket.connected).toBe(false);
    }
    expect(errors).toEqual(Array(3).fill({ code: 'unauthorized', message: 'ログインが必要です。' }));
  });

  it('delivers events only to the rooms they are for', async () => {
    const supervisor = open(await t.userWithRole('supervisor'));
    const hakodate = open(await t.userWithRole('municipal', '012025'));
    await Promise.all([supervisor.hello, hakodate.hello]);
    const union = collect<TestEvent>(supervisor.socket, LIVE_EVENTS.test);
    const municipal = collect<TestEvent>(hakodate.socket, LIVE_EVENTS.test);
    // A municipal user asking for another municipality's room is not let in.
    hakodate.socket.emit('subscribe', '011002');

    await publish('municipality:011002');
    await publish('municipality:012025');
    await publish();
    await waitUntil(() => union.length === 1 && municipal.length === 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(union.map((e) => e.room)).toEqual(['union']);
    expect(municipal.map((e) => e.room)).toEqual(['municipality:012025']);
  });

  it('refuses a test event for a room that cannot exist', async () => {
    const res = await t.http().post('/api/system/live-test').set(bearer(admin)).send({ room: 'everyone' }).expect(400);
    expect(res.body.errors[0]).toMatchObject({ field: 'room', message: expect.stringContaining('ルーム') });
  });
});

/** Two API processes share live events through Redis: published on A, received by a client of B. */
describe('live channel across two API processes', () => {
  const database = new TestDatabase();
  const apis: Child[] = [];
  const sockets: Socket[] = [];
  const urls: string[] = [];
  beforeAll(async () => {
    await ensureServerBuilt();
    const env = {
      DATABASE_URL: await database.create(),
      REDIS_URL: TEST_REDIS_URL,
      JWT_SECRET: TEST_JWT_SECRET,
      WAVEDESK_ADMIN_PASSWORD: ADMIN_PASSWORD,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'wavedesk-live-')),
      QUEUE_PREFIX: `wdtest_${randomBytes(4).toString('hex')}`,
      HOST: '127.0.0.1',
    };
    // Both start together on the same empty database, so they also migrate it at the same time.
    for (const port of [await freePort(), await freePort()]) {
      apis.push(new Child(process.execPath, [API_MAIN], childEnv({ ...env, PORT: String(port) })));
      urls.push(`http://127.0.0.1:${port}`);
    }
    await Promise.all(apis.map((api) => api.waitFor(/listening on/, 45_000)));
  }, 120_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await Promise.all(apis.map((api) => api.stop()));
    await database.drop();
  }, 30_000);

  it('delivers an event published through process A to a client connected to process B', async () => {
    const [a, b] = urls;
    const login = await request(a).post('/api/auth/login').send({ username: 'admin', password: ADMIN_PASSWORD }).expect(200);
    const admin = login.body.accessToken as string;
    // The token from A is good on B: same secret, same database.
    await request(b).get('/api/auth/me').set(bearer(admin)).expect(200);
    const operator = await request(a)
      .post('/api/users')
      .set(bearer(admin))
      .send({ username: 'live_operator', password: 'live-operator-password', role: 'operator' })
      .expect(201);
    expect(operator.body.username).toBe('live_operator');
    const opToken = (await request(b).post('/api/auth/login').send({ username: 'live_operator', password: 'live-operator-password' }).expect(200)).body.accessToken;

    const onB = connectLive(b, opToken);
    sockets.push(onB.socket);
    expect((await onB.hello).rooms).toEqual(['union']);
    const received = collect<TestEvent>(onB.socket, LIVE_EVENTS.test);

    const published = await request(a).post('/api/system/live-test').set(bearer(admin)).send({}).expect(202);
    await waitUntil(() => received.length > 0);
    expect(received).toEqual([published.body]);
    expect(published.body.pid).toBe(apis[0].child.pid);
  });

  it('stops on SIGTERM promptly even with dashboards still connected', async () => {
    const admin = (await request(urls[1]).post('/api/auth/login').send({ username: 'admin', password: ADMIN_PASSWORD }).expect(200)).body.accessToken;
    const client = connectLive(urls[1], admin);
    sockets.push(client.socket);
    await client.hello;
    const started = Date.now();
    const ended = await apis[1].stop(15_000);
    // Nest closes the app, then re-raises SIGTERM on itself; SIGKILL would mean the grace period ran out.
    expect({ ...ended, stderr: apis[1].stderr }).toEqual({ code: null, signal: 'SIGTERM', stderr: '' });
    expect(Date.now() - started).toBeLessThan(10_000);
    await waitUntil(() => !client.socket.connected);
  });
});
