import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { setTimeout as sleep } from 'node:timers/promises';
import { io } from 'socket.io-client';
import { ALL_QUEUES, LIVE_EVENTS } from '@wavedesk/contracts';
import { LivePublisher } from '@wavedesk/live';
import { bearer, TestApp } from './support/test-app';

jest.setTimeout(30_000);

/** A job travels API → Redis → apps/worker → back; Bull Board shows every queue, to admins only. */
describe('queues and the worker', () => {
  const t = new TestApp();
  let worker: INestApplicationContext | undefined;
  let admin: string;
  beforeAll(async () => {
    await t.start();
    admin = await t.login();
  }, 60_000);
  afterAll(async () => {
    await worker?.close();
    await t.close();
  });

  const ping = async () => (await t.http().post('/api/system/worker-ping').set(bearer(admin)).expect(202)).body as { id: string };
  const state = async (id: string) => (await t.http().get(`/api/system/worker-ping/${id}`).set(bearer(admin)).expect(200)).body;
  const until = async (id: string, wanted: string, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    let job = await state(id);
    while (job.state !== wanted && Date.now() < deadline) {
      await sleep(100);
      job = await state(id);
    }
    return job;
  };

  it('queues a ping that waits until a worker runs, which then answers it', async () => {
    const { id } = await ping();
    expect(id).toEqual(expect.any(String));
    await sleep(300);
    expect((await state(id)).state).toBe('waiting');

    // The real worker module, with the same environment (database, Redis, QUEUE_PREFIX) as the API.
    const { WorkerModule } = await import('../apps/worker/src/worker.module');
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false, abortOnError: false });
    await worker.init();

    const job = await until(id, 'completed');
    expect(job).toMatchObject({ id, state: 'completed', result: { pong: true, pid: process.pid } });
    const again = await ping();
    expect((await until(again.id, 'completed')).result.pong).toBe(true);
  });

  it('lets the worker publish live events that reach the API\'s dashboards through Redis', async () => {
    const publisher = worker!.get(LivePublisher);
    const client = io(`${t.url}/live`, { auth: { token: admin }, transports: ['websocket'], reconnection: false });
    try {
      await new Promise((resolve, reject) => {
        client.once(LIVE_EVENTS.hello, resolve);
        client.once('connect_error', reject);
      });
      const received = new Promise((resolve) => client.once(LIVE_EVENTS.test, resolve));
      // The emitter drops events while its Redis connection is not ready yet; keep sending until one arrives.
      const timer = setInterval(() => publisher.emit('union', LIVE_EVENTS.test, { from: 'worker' }), 100);
      try {
        expect(await received).toEqual({ from: 'worker' });
      } finally {
        clearInterval(timer);
      }
    } finally {
      client.close();
    }
  });

  it('answers 404 for a job that does not exist', async () => {
    const res = await t.http().get('/api/system/worker-ping/999999').set(bearer(admin)).expect(404);
    expect(res.body.code).toBe('job_not_found');
  });

  it('opens Bull Board for an admin, with every queue, and keeps the session in a cookie', async () => {
    const page = await t.http().get('/admin/queues').query({ token: admin }).expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('<html');
    const cookie = page.headers['set-cookie'] as unknown as string[];
    expect(cookie[0]).toMatch(/^wavedesk_board=.+; Path=\/admin\/queues; HttpOnly; SameSite=Strict/);

    const api = await t.http().get('/admin/queues/api/queues').set('cookie', cookie[0].split(';')[0]).expect(200);
    const names = (api.body.queues as Array<{ name: string }>).map((q) => q.name).sort();
    expect(names).toEqual([...ALL_QUEUES].sort());
  });

  it('refuses Bull Board to other roles (403) and without a valid token (401)', async () => {
    const operator = await t.userWithRole('operator');
    expect((await t.http().get('/admin/queues').query({ token: operator }).expect(403)).body.code).toBe('forbidden');
    await t.http().get('/admin/queues').set(bearer(operator)).expect(403);
    await t.http().get('/admin/queues/api/queues').query({ token: operator }).expect(403);
    expect((await t.http().get('/admin/queues').expect(401)).body.code).toBe('unauthorized');
    await t.http().get('/admin/queues').query({ token: 'not-a-token' }).expect(401);
    await t.http().get('/admin/queues/api/queues').expect(401);
  });
});
