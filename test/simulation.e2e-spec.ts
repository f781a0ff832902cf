import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { setTimeout as sleep } from 'node:timers/promises';
import { io, type Socket } from 'socket.io-client';
import { LIVE_EVENTS, type GuardEventPage, type ServerClockView, type SimulationView } from '@wavedesk/contracts';
import { businessCalendar, jstDate } from '@wavedesk/forecast';
import { bearer, TestApp } from './support/test-app';

/** Small and fast for a 2-core CI: 5 % of Hokkaido's insured (41,944 people), one business day per second. */
const SMALL = { scale: 0.05, speed: 60 };

const until = async <T>(what: string, read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 180_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 1500)}`);
    await sleep(300);
  }
};

describe('simulations without simulation mode', () => {
  const t = new TestApp();
  beforeAll(() => t.start(), 120_000);
  afterAll(() => t.close());

  it('answers 409 with a Japanese sentence and never runs on a simulated clock', async () => {
    const admin = await t.login();
    const res = await t.http().post('/api/simulations').set(bearer(admin)).send({ scenario: 'baseline' }).expect(409);
    expect(res.body).toMatchObject({ code: 'simulation_disabled' });
    expect(res.body.message).toContain('WAVEDESK_SIMULATION=true');
    await t.http().get('/api/simulations').set(bearer(admin)).expect(409);
    const clock: ServerClockView = (await t.http().get('/api/clock').set(bearer(admin)).expect(200)).body;
    expect(clock).toMatchObject({ simulationId: null, rate: 1 });
    expect(Math.abs(Date.parse(clock.now) - Date.now())).toBeLessThan(5_000);
  });
});

/**
 * The simulator end to end on MariaDB and Redis, with the real worker (imports, matching, release) in
 * this process: it takes its "now" from the database like a separate worker process would.
 */
describe('simulations (WAVEDESK_SIMULATION=true)', () => {
  const t = new TestApp({ env: { WAVEDESK_SIMULATION: 'true', RELEASE_ALLOW_PLACEHOLDERS: 'true', RELEASE_TICK_MS: '300' } });
  let worker: INestApplicationContext;
  let admin: string;
  let supervisor: string;

  beforeAll(async () => {
    await t.start();
    const { WorkerModule } = await import('../apps/worker/src/worker.module');
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false, abortOnError: false });
    await worker.init();
    admin = await t.login();
    supervisor = await t.userWithRole('supervisor');
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await t.close();
  });

  const view = async (id: number): Promise<SimulationView> => (await t.http().get(`/api/simulations/${id}`).set(bearer(supervisor)).expect(200)).body;

  // A test that failed half-way must not leave its run going into the next one (one run at a time).
  afterEach(async () => {
    const runs = (await t.http().get('/api/simulations').set(bearer(admin))).body as SimulationView[];
    for (const run of Array.isArray(runs) ? runs : []) {
      if (run.status !== 'setting_up' && run.status !== 'running') continue;
      await t.http().delete(`/api/simulations/${run.id}`).set(bearer(admin));
      await until('the run to stop', () => view(run.id), (v) => v.status !== 'setting_up' && v.status !== 'running', 60_000);
    }
  }, 90_000);

  it('refuses bad input with a Japanese message per field, and lets only an admin start', async () => {
    const bad = await t.http().post('/api/simulations').set(bearer(admin)).send({ scenario: 'tokyo', scale: 2, speed: 0 }).expect(400);
    const fields = Object.fromEntries((bad.body.errors as Array<{ field: string; message: string }>).map((e) => [e.field, e.message]));
    expect(fields.scenario).toContain('baseline、sapporo、surge、half-operators');
    expect(fields.scale).toBe('規模は0.001以上1以下で指定してください。');
    expect(fields.speed).toBe('速さは1分あたり0.1〜60営業日で指定してください。');
    await t.http().post('/api/simulations').set(bearer(supervisor)).send({ scenario: 'baseline' }).expect(403);
    await t.http().get('/api/simulations/999').set(bearer(admin)).expect(404);
    expect((await t.http().get('/api/simulations').set(bearer(admin)).expect(200)).body).toEqual([]);
  });

  it('runs a small baseline campaign: waves released on their dates, every inquiry it logged stored, nothing held', async () => {
    const socket: Socket = io(`${t.url}/live`, { auth: { token: supervisor }, transports: ['websocket'], forceNew: true });
    const pushed: SimulationView[] = [];
    socket.on(LIVE_EVENTS.simulationProgress, (v: SimulationView) => pushed.push(v));
    try {
      const started = await t.http().post('/api/simulations').set(bearer(admin)).send({ scenario: 'baseline', ...SMALL }).expect(202);
      const id: number = started.body.id;
      expect(started.body).toMatchObject({ scenario: 'baseline', status: 'setting_up', scale: SMALL.scale, speed: SMALL.speed });

      // One at a time.
      const second = await t.http().post('/api/simulations').set(bearer(admin)).send({ scenario: 'sapporo' }).expect(409);
      expect(second.body).toMatchObject({ code: 'simulation_running' });
      expect(second.body.message).toContain(`ID ${id}`);

      // The clock runs in the campaign's business days, and the server says so to the web app.
      const running = await until('the clock', () => view(id), (v) => v.status !== 'setting_up');
      expect(`${running.status}: ${running.message}`).toMatch(/^running: /);
      expect(running.targets).toBe(Math.round(Math.round(838_877 * SMALL.scale) * (1 - 0.268)));
      const clock: ServerClockView = (await t.http().get('/api/clock').set(bearer(supervisor)).expect(200)).body;
      expect(clock.simulationId).toBe(id);
      expect(clock.rate).toBe(60 * 525);
      expect(jstDate(new Date(clock.now)) >= running.startDate!).toBe(true);

      const done = await until('the end of the campaign', () => view(id), (v) => v.status !== 'running', 240_000);
      expect(done).toMatchObject({ status: 'completed', progress: 100, holdsSeen: 0, inquiriesFailed: 0 });
      expect(done.waves.length).toBeGreaterThanOrEqual(4);
      // 札幌市 is cut by ward postal prefixes into several waves, so a Sapporo spike has a later wave to hold.
      expect(done.waves.filter((w) => w.includesSapporo).length).toBeGreaterThanOrEqual(2);
      expect(done.wavesReleased).toBe(done.waves.length);
      expect(done.inquiriesLogged).toBeGreaterThan(0);

      // What the operators logged is what the desk stored, through the API (not behind it).
      const [row] = await t.database.query<{ n: number }>('SELECT COUNT(*) AS n FROM inquiries');
      expect(Number(row.n)).toBe(done.inquiriesLogged);
      const operators = await t.database.query<{ loggedBy: string }>('SELECT DISTINCT u.username AS loggedBy FROM inquiries i JOIN users u ON u.id = i.loggedById');
      expect(operators.every((o) => o.loggedBy.startsWith(`sim${id}-op`))).toBe(true);

      // Every wave went through release and the worker wrote it: nothing held, nothing left behind.
      const statuses = await until('the worker', () => view(id), (v) => v.waves.every((w) => w.status === 'done'), 60_000);
      expect(statuses.waves.map((w) => w.status)).toEqual(statuses.waves.map(() => 'done'));
      const [held] = await t.database.query<{ n: number }>(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'wave.hold'`);
      expect(Number(held.n)).toBe(0);
      const events: GuardEventPage = (await t.http().get('/api/guard/events').set(bearer(supervisor)).expect(200)).body;
      expect(events.items.filter((e) => e.wavesHeld.length > 0)).toEqual([]);

      // Pages followed it live: set-up steps, then the clock, then the end.
      expect(pushed.some((v) => v.id === id && v.phase === 'import_insured')).toBe(true);
      expect(pushed.some((v) => v.id === id && v.status === 'running' && v.simulatedNow !== null)).toBe(true);
      expect(pushed.at(-1)).toMatchObject({ id, status: 'completed' });

      // After the run the server is back on real time.
      const after: ServerClockView = (await t.http().get('/api/clock').set(bearer(supervisor)).expect(200)).body;
      expect(after.simulationId).toBeNull();
    } finally {
      socket.disconnect();
    }
  }, 420_000);

  /**
   * The "Done when" at a scale CI can run: at 5 % of Hokkaido 札幌市 expects about 5 inquiries on
   * its busiest day, under one in three hours, so 3× would add two inquiries that no honest test tells from
   * chance (the rule wants a CUSUM of 7 and 5 inquiries in 30 minutes). The scenario's inputs are raised to
   * 40× for 3 open hours (about 70 where 1.7 were expected). At scale 1 the default 3× for 2 hours does it
   * (docs/simulator.md §6). The spike rule is set to manual resume first, as an admin would on 監視ルール,
   * so that the supervisor — not the guard's auto resume — decides when the wave goes. Forty times 札幌市
   * also lifts all of Hokkaido, and the union rule, if it tripped first, would hold the next wave overall
   * and leave the 札幌市 trip nothing to hold: it is switched off here, so the test shows the 札幌市 rule.
   */
  it('sapporo: the guard holds the next wave with 札幌市 by itself, a supervisor resumes it with a reason, and it moves later', async () => {
    const current = (await t.http().get('/api/guard/rules').set(bearer(admin)).expect(200)).body as { rules: Array<{ id: string; resume: { mode: string } }> };
    const rules = current.rules.map((r) =>
      r.id === 'spike-municipality' ? { ...r, resume: { ...r.resume, mode: 'manual' } } : r.id === 'spike-union' ? { ...r, enabled: false } : r,
    );
    await t.http().put('/api/guard/rules').set(bearer(admin)).send({ rules }).expect(200);

    const started = await t.http().post('/api/simulations').set(bearer(admin)).send({ scenario: 'sapporo', ...SMALL, multiplier: 40, hours: 3 }).expect(202);
    const id: number = started.body.id;
    const running = await until('the clock', () => view(id), (v) => v.status !== 'setting_up');
    expect(`${running.status}: ${running.message}`).toMatch(/^running: 札幌市で試算の40倍/);
    const sapporoWaves = running.waves.filter((w) => w.includesSapporo);
    expect(sapporoWaves.length).toBeGreaterThanOrEqual(2);

    // Held by the guard, not by a person, through the state machine: the next wave with 札幌市.
    const sapporoHeld = (v: SimulationView) => v.waves.find((w) => w.includesSapporo && w.status === 'held');
    const holding = await until('the guard to hold', () => view(id), (v) => sapporoHeld(v) !== undefined || v.status !== 'running', 180_000);
    const heldWave = sapporoHeld(holding)!;
    expect(heldWave).toMatchObject({ id: sapporoWaves[1].id });
    // The guard claims a hold, holds the wave, then records which waves it held: wait for the record.
    const holdsIt = (page: GuardEventPage) => page.items.find((e) => e.wavesHeld.some((w) => w.id === heldWave.id));
    const events = await until('the guard event to name the wave', async () => (await t.http().get('/api/guard/events?status=all&limit=100').set(bearer(supervisor)).expect(200)).body as GuardEventPage, (page) => holdsIt(page) !== undefined, 10_000);
    const trip = holdsIt(events);
    if (!trip) throw new Error(`no guard event holds wave ${heldWave.id}: ${JSON.stringify(events.items.map((e) => [e.ruleId, e.status, e.wavesHeld, e.summary]))}`);
    expect(trip).toMatchObject({ ruleId: 'spike-municipality', municipalityCode: '011002', status: 'holding' });
    expect(trip.summary).toContain('札幌市');
    const [hold] = await t.database.query<{ actorName: string }>(`SELECT actorName FROM audit_log WHERE action = 'wave.hold' AND target = ?`, [`wave:${heldWave.id}`]);
    expect(hold.actorName).toBe('guard');

    // The simulator does not release it on its date; the supervisor resumes once that date has passed.
    const passed = await until('the held wave\'s date to pass', () => view(id), (v) => v.simulatedNow !== null && jstDate(new Date(v.simulatedNow)) > heldWave.mailDate, 120_000);
    expect(passed.waves.find((w) => w.id === heldWave.id)!.status).toBe('held');
    await t.http().post(`/api/guard/events/${trip.id}/resume`).set(bearer(supervisor)).send({ reason: '札幌市の窓口の混雑が解消したため' }).expect(200);
    const resumed = await view(id);
    const moved = resumed.waves.find((w) => w.id === heldWave.id)!;
    expect(moved.mailDate > heldWave.mailDate).toBe(true);
    // Waves after it in its batch keep their spacing: they move by as many business days.
    const cal = businessCalendar();
    const shift = cal.businessDaysBetween(heldWave.mailDate, moved.mailDate);
    for (const later of holding.waves.filter((w) => w.batchName === heldWave.batchName && w.mailDate > heldWave.mailDate && w.status === 'approved')) {
      expect(resumed.waves.find((w) => w.id === later.id)!.mailDate).toBe(cal.addBusinessDays(later.mailDate, shift));
    }

    // It is then released on its new date like any other, and the campaign completes.
    const done = await until('the end of the campaign', () => view(id), (v) => v.status !== 'running', 240_000);
    expect(done.status).toBe('completed');
    expect(done.holdsSeen).toBeGreaterThanOrEqual(1);
    expect(done.waves.find((w) => w.id === heldWave.id)!.status).not.toBe('held');
    expect(done.wavesReleased).toBe(done.waves.length);
  }, 600_000);

  it('stops cleanly on DELETE, reusing the lists already imported; a second stop is a 409', async () => {
    const started = await t.http().post('/api/simulations').set(bearer(admin)).send({ scenario: 'surge', ...SMALL, speed: 1 }).expect(202);
    const id: number = started.body.id;
    await until('the clock', () => view(id), (v) => v.status === 'running', 120_000);
    const [imports] = await t.database.query<{ n: number }>('SELECT COUNT(*) AS n FROM imports');
    expect(Number(imports.n)).toBe(2); // the same lists as the first run: reused, not imported again

    const stopped = await t.http().delete(`/api/simulations/${id}`).set(bearer(admin)).expect(200);
    expect(stopped.body).toMatchObject({ status: 'stopped', simulatedNow: null });
    const logged = stopped.body.inquiriesLogged as number;
    await sleep(1500);
    const [row] = await t.database.query<{ n: number }>('SELECT COUNT(*) AS n FROM inquiries WHERE loggedById IN (SELECT id FROM users WHERE username LIKE ?)', [`sim${id}-op%`]);
    expect(Number(row.n)).toBe(logged);
    const again = await t.http().delete(`/api/simulations/${id}`).set(bearer(admin)).expect(409);
    expect(again.body).toMatchObject({ code: 'simulation_not_running' });
    // Its operators cannot sign in any more.
    const [ops] = await t.database.query<{ n: number }>('SELECT COUNT(*) AS n FROM users WHERE username LIKE ? AND disabled = 0', [`sim${id}-op%`]);
    expect(Number(ops.n)).toBe(0);
  }, 240_000);
});
