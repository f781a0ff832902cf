import { setTimeout as sleep } from 'node:timers/promises';
import { io, type Socket } from 'socket.io-client';
import type { GuardAlert, GuardEventView } from '@wavedesk/contracts';
import { GuardEngine } from '@wavedesk/guard';
import { freePort, startRedis, type Child } from './support/processes';
import { bearer, TestApp } from './support/test-app';
import { burst, businessDay, driveClock, jst, planWithWaves, SAPPORO, SHINSHINOTSU, type WaveView } from './support/guard-fixtures';

jest.setTimeout(120_000);

/** A real dashboard: a socket.io client on /live recording wave:status and guard:alert. */
class Dashboard {
  readonly waveStatus: Array<{ id: number; status: string; by: string; reason: string | null; at: number }> = [];
  readonly alerts: Array<GuardAlert & { at: number }> = [];
  readonly socket: Socket;
  private readonly hello: Promise<void>;
  constructor(url: string, token: string) {
    this.socket = io(`${url}/live`, { auth: { token }, transports: ['websocket'], reconnection: false });
    this.socket.on('wave:status', (e) => this.waveStatus.push({ ...e, at: Date.now() }));
    this.socket.on('guard:alert', (e: GuardAlert) => this.alerts.push({ ...e, at: Date.now() }));
    this.hello = new Promise((resolve, reject) => {
      this.socket.once('hello', () => resolve());
      this.socket.once('connect_error', reject);
    });
  }
  ready(): Promise<void> {
    return this.hello;
  }
  close(): void {
    this.socket.close();
  }
}

const until = async <T>(what: string, read: () => Promise<T> | T, done: (v: T) => boolean, timeoutMs = 20_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 1500)}`);
    await sleep(100);
  }
};

const waveOf = async (t: TestApp, id: number): Promise<WaveView> => (await t.http().get(`/api/waves/${id}`).set(bearer(await t.login())).expect(200)).body;
const openEvents = async (t: TestApp, token: string): Promise<GuardEventView[]> =>
  (await t.http().get('/api/guard/events').set(bearer(token)).expect(200)).body.items;

describe('load guard (MariaDB, Redis, socket.io)', () => {
  const t = new TestApp();
  let admin: string;
  let supervisor: string;
  let operator: string;
  let clock: ReturnType<typeof driveClock>;
  let plan: { sapporo: WaveView; later: WaveView[] };
  let dashboard: Dashboard;
  const day1 = businessDay(1);

  beforeAll(async () => {
    await t.start();
    admin = await t.login();
    supervisor = await t.userWithRole('supervisor');
    operator = await t.userWithRole('operator');
    plan = await planWithWaves(t, [businessDay(3), businessDay(8), businessDay(13)]);
    clock = driveClock(t, jst(day1, '09:30'));
    dashboard = new Dashboard(t.url, supervisor);
    await dashboard.ready();
  }, 120_000);
  afterAll(async () => {
    dashboard?.close();
    await t.close();
  });

  it('serves the default rules as version 1 to a supervisor, and not to an operator', async () => {
    const res = await t.http().get('/api/guard/rules').set(bearer(supervisor)).expect(200);
    expect(res.body.version).toBe(1);
    expect(res.body.rules.map((r: { id: string }) => r.id)).toEqual(['spike-municipality', 'spike-union', 'capacity-call-center', 'capacity-counter']);
    await t.http().get('/api/guard/rules').set(bearer(operator)).expect(403);
    await t.http().get('/api/guard/events').set(bearer(operator)).expect(403);
  });

  it('holds nothing when a village expecting a fraction of a call gets two', async () => {
    await burst([{ t, token: operator }], SHINSHINOTSU, 2);
    await t.app.get(GuardEngine).evaluateNow();
    expect(await openEvents(t, supervisor)).toEqual([]);
    expect((await waveOf(t, plan.sapporo.id)).status).toBe('planned');
    expect(dashboard.alerts).toEqual([]);
  });

  it('holds the next wave with 札幌市 within 2 s of the inquiry that trips the spike rule, and tells the dashboard why', async () => {
    clock.set(jst(day1, '10:07'));
    // 10 quick calls lift the statistic to 6.9 (10 × ln 2), below h = 7; the 11th trips it.
    await burst([{ t, token: operator }], SAPPORO, 10);
    await t.app.get(GuardEngine).evaluateNow();
    expect((await waveOf(t, plan.sapporo.id)).status).toBe('planned');
    const tripped = await burst([{ t, token: operator }], SAPPORO, 1);

    const status = await until('wave:status by guard', () => dashboard.waveStatus, (l) => l.some((e) => e.id === plan.sapporo.id && e.status === 'held'), 2_000);
    const held = status.find((e) => e.id === plan.sapporo.id && e.status === 'held')!;
    expect(held.at - tripped).toBeLessThan(2_000);
    expect(held.by).toBe('guard');
    expect(held.reason).toContain('市町村の問い合わせ急増');
    expect((await waveOf(t, plan.sapporo.id)).status).toBe('held');
    for (const w of plan.later) expect((await waveOf(t, w.id)).status).toBe('planned');

    const alert = await until('guard:alert', () => dashboard.alerts, (l) => l.length > 0);
    expect(alert[0]).toMatchObject({ type: 'trip', event: { ruleId: 'spike-municipality', ruleVersion: 1, municipalityCode: SAPPORO, municipalityName: '札幌市', status: 'holding', wavesHeld: [{ id: plan.sapporo.id }] } });
    const e = alert[0].event.evidence;
    expect(e.actual).toBe(11);
    expect(e.score).toBeGreaterThanOrEqual(7);
    expect(e.threshold).toBe(7);
    expect(e.expected).toBeGreaterThan(0);
    expect(e.expected).toBeLessThan(1);
    expect(e.pValue).toBeLessThan(1e-6);
    expect(alert[0].event.summary).toMatch(new RegExp(`^札幌市：過去7分で11件（予測0\\.01件）、CUSUM 7\\.\\d+ ≥ 7、p < 0\\.00001 — ${plan.sapporo.name}を保留$`));

    const events = await openEvents(t, supervisor);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ id: alert[0].event.id, key: expect.stringMatching(/^spike-municipality@1\/011002\//) });
    const audit = await t.database.query<{ action: string; actorName: string; detail: string }>("SELECT action, actorName, detail FROM audit_log WHERE actorName = 'guard' ORDER BY id");
    expect(audit.map((a) => a.action)).toEqual(['wave.hold', 'guard.trip']);
    expect(JSON.parse(audit[0].detail)).toMatchObject({ from: 'planned', to: 'held', guard: { rule: 'spike-municipality', ruleVersion: 1 } });
  });

  it('keeps holding on request, then resumes with a reason: the wave goes on and the later waves shift', async () => {
    const [event] = await openEvents(t, supervisor);
    await t.http().post(`/api/guard/events/${event.id}/acknowledge`).set(bearer(supervisor)).expect(200);
    expect((await t.http().post(`/api/guard/events/${event.id}/acknowledge`).set(bearer(supervisor)).expect(409)).body.message).toContain('確認済み');
    const kept = await t.http().post(`/api/guard/events/${event.id}/keep-holding`).set(bearer(supervisor)).send({ reason: '様子を見る' }).expect(200);
    expect(kept.body).toMatchObject({ resumeMode: 'manual', keptHolding: { reason: '様子を見る' } });

    // Two days later, after the held wave's mail date: the guard did not resume it by itself.
    clock.set(jst(businessDay(4), '11:00'));
    await t.app.get(GuardEngine).evaluateNow();
    expect((await waveOf(t, plan.sapporo.id)).status).toBe('held');

    const missing = await t.http().post(`/api/guard/events/${event.id}/resume`).set(bearer(supervisor)).send({}).expect(400);
    expect(JSON.stringify(missing.body)).toContain('理由を入力してください。');
    const resumed = await t.http().post(`/api/guard/events/${event.id}/resume`).set(bearer(supervisor)).send({ reason: '窓口の混雑が解消した' }).expect(200);
    expect(resumed.body).toMatchObject({ status: 'resumed', resumed: { reason: '窓口の混雑が解消した' } });
    const again = await t.http().post(`/api/guard/events/${event.id}/resume`).set(bearer(supervisor)).send({ reason: 'もう一度' }).expect(409);
    expect(again.body).toMatchObject({ code: 'guard_event_settled' });
    expect(again.body.message).toContain('再開済み');

    const wave = await waveOf(t, plan.sapporo.id);
    expect(wave).toMatchObject({ status: 'planned', mailDate: businessDay(4) });
    const shifted = await Promise.all(plan.later.map((w) => waveOf(t, w.id)));
    expect(shifted.map((w) => w.mailDate)).toEqual([businessDay(9), businessDay(14)]);
    expect(await openEvents(t, supervisor)).toEqual([]);
    const all = (await t.http().get('/api/guard/events?status=all').set(bearer(supervisor)).expect(200)).body.items;
    expect(all).toHaveLength(1);
    const actions = (await t.database.query<{ action: string }>("SELECT action FROM audit_log WHERE action LIKE 'guard.%' ORDER BY id")).map((a) => a.action);
    expect(actions).toEqual(['guard.trip', 'guard.acknowledge', 'guard.keep_holding', 'guard.resume']);
  });

  it('stores edited rules as a new version, audited with before and after; refuses wrong ones in Japanese', async () => {
    const current = (await t.http().get('/api/guard/rules').set(bearer(admin)).expect(200)).body;
    const rules = structuredClone(current.rules);
    await t.http().put('/api/guard/rules').set(bearer(supervisor)).send({ rules }).expect(403);
    rules[0].params.multiplier = 1;
    const bad = await t.http().put('/api/guard/rules').set(bearer(admin)).send({ rules }).expect(400);
    expect(bad.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'rules[0].params.multiplier', message: expect.stringMatching(/倍率/) })]));
    rules[0].params.multiplier = 2;
    rules[0].params.threshold = 8;
    const saved = await t.http().put('/api/guard/rules').set(bearer(admin)).send({ rules }).expect(200);
    expect(saved.body.version).toBe(2);
    expect(saved.body.rules[0]).toMatchObject({ id: 'spike-municipality', version: 2, params: { threshold: 8 } });
    expect(saved.body.rules[1]).toMatchObject({ id: 'spike-union', version: 1 });
    expect((await t.http().get('/api/guard/rules').set(bearer(supervisor)).expect(200)).body.version).toBe(2);
    const [audit] = await t.database.query<{ detail: string; actorName: string }>("SELECT detail, actorName FROM audit_log WHERE action = 'guard.rules'");
    const detail = JSON.parse(audit.detail);
    expect(audit.actorName).toBe('admin');
    expect(detail.before[0].params.threshold).toBe(7);
    expect(detail.after[0].params.threshold).toBe(8);
  });
});

describe('load guard with two API processes, and across a restart', () => {
  const a = new TestApp();
  let b: TestApp | undefined;
  let c: TestApp | undefined;
  let plan: { sapporo: WaveView; later: WaveView[] };
  const day = businessDay(2);
  const clocks: Array<ReturnType<typeof driveClock>> = [];
  const setAll = (d: Date) => clocks.forEach((k) => k.set(d));

  beforeAll(async () => {
    await a.start();
    plan = await planWithWaves(a, [businessDay(6), businessDay(11), businessDay(16)]);
    // The same database and Redis key space: two processes behind a load balancer.
    b = new TestApp({ env: { DATABASE_URL: a.database.url, QUEUE_PREFIX: process.env.QUEUE_PREFIX! } });
    await b.start();
    clocks.push(driveClock(a, jst(day, '10:00')), driveClock(b, jst(day, '10:00')));
  }, 180_000);
  afterAll(async () => {
    await c?.close();
    await b?.close();
    await a.close();
  });

  it('holds once and records one event when inquiries reach both processes', async () => {
    const supervisor = await a.userWithRole('supervisor');
    const onA = new Dashboard(a.url, supervisor);
    const other = await a.createUser('supervisor');
    const onB = new Dashboard(b!.url, await b!.login(other.username, other.password));
    await Promise.all([onA.ready(), onB.ready()]);
    try {
      const opA = await a.userWithRole('operator');
      await burst([{ t: a, token: opA }, { t: b!, token: opA }], SAPPORO, 12);
      await until('the 札幌市 wave held', () => waveOf(a, plan.sapporo.id), (w) => w.status === 'held', 5_000);
      // Let both processes evaluate a few more times: nothing more happens.
      await Promise.all([a.app.get(GuardEngine).evaluateNow(), b!.app.get(GuardEngine).evaluateNow()]);
      await sleep(1_000);
      const events = await a.database.query<{ n: number }>('SELECT COUNT(*) AS n FROM guard_events');
      expect(Number(events[0].n)).toBe(1);
      const holds = await a.database.query<{ n: number }>("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'wave.hold' AND actorName = 'guard'");
      expect(Number(holds[0].n)).toBe(1);
      for (const d of [onA, onB]) {
        await until('one alert on each dashboard', () => d.alerts, (l) => l.length >= 1, 5_000);
        expect(d.alerts.filter((x) => x.type === 'trip')).toHaveLength(1);
        expect(d.waveStatus.filter((x) => x.status === 'held' && x.by === 'guard')).toHaveLength(1);
      }
    } finally {
      onA.close();
      onB.close();
    }
  });

  it('keeps the trip in force across a restart, and still resumes by itself once the load is back to normal', async () => {
    await b!.close();
    b = undefined;
    clocks.pop();
    c = new TestApp({ env: { DATABASE_URL: a.database.url, QUEUE_PREFIX: process.env.QUEUE_PREFIX! } });
    await c.start();
    clocks.push(driveClock(c, jst(day, '10:05')));
    setAll(jst(day, '10:05'));
    await c.app.get(GuardEngine).evaluateNow();
    expect((await waveOf(c, plan.sapporo.id)).status).toBe('held');
    const [open] = await openEvents(c, await c.login());
    expect(open).toMatchObject({ status: 'holding', resumeMode: 'auto' });

    // Two and a half quiet hours later the load has stayed below 1.2 × the forecast for 120 open minutes.
    setAll(jst(day, '12:45'));
    const result = await c.app.get(GuardEngine).evaluateNow();
    expect(result.decisions.some((d) => 'resume' in d)).toBe(true);
    expect((await waveOf(c, plan.sapporo.id)).status).toBe('planned');
    const [settled] = (await c.http().get('/api/guard/events?status=all').set(bearer(await c.login())).expect(200)).body.items;
    expect(settled).toMatchObject({ status: 'resumed', resumed: { by: 'guard' } });
    const audit = await a.database.query<{ action: string }>("SELECT action FROM audit_log WHERE actorName = 'guard' ORDER BY id");
    expect(audit.map((x) => x.action)).toEqual(['wave.hold', 'guard.trip', 'wave.resume', 'guard.resume']);
  });
});

describe('load guard while Redis is down', () => {
  let port: number;
  let t: TestApp;
  let redis: Child | undefined;
  let plan: { sapporo: WaveView; later: WaveView[] };

  beforeAll(async () => {
    port = await freePort();
    t = new TestApp({ redis: false, env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
    await t.start();
    plan = await planWithWaves(t, [businessDay(3), businessDay(8), businessDay(13)]);
    driveClock(t, jst(businessDay(1), '10:00'));
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await redis?.stop();
  });

  it('still holds the wave, and the alert reaches a dashboard when Redis is back', async () => {
    const operator = await t.userWithRole('operator');
    const supervisor = await t.userWithRole('supervisor');
    await burst([{ t, token: operator }], SAPPORO, 12);
    await until('held without Redis', () => waveOf(t, plan.sapporo.id), (w) => w.status === 'held', 5_000);
    const [event] = await openEvents(t, supervisor);
    expect(event).toMatchObject({ municipalityCode: SAPPORO, wavesHeld: [{ id: plan.sapporo.id }] });
    const [row] = await t.database.query<{ alertedAt: Date | null }>('SELECT alertedAt FROM guard_events');
    expect(row.alertedAt).toBeNull();

    // A dashboard that opened after the trip: it missed the alert, and gets it when Redis is back.
    const late = new Dashboard(t.url, supervisor);
    await late.ready();
    try {
      redis = await startRedis(port);
      const alerts = await until('the alert re-published', () => late.alerts, (l) => l.length > 0, 15_000);
      expect(alerts[0]).toMatchObject({ type: 'trip', event: { id: event.id, municipalityCode: SAPPORO } });
      const [after] = await t.database.query<{ alertedAt: Date | null }>('SELECT alertedAt FROM guard_events');
      expect(after.alertedAt).not.toBeNull();
    } finally {
      late.close();
    }
  });
});

describe('load guard on the embedded SQLite database', () => {
  const t = new TestApp({ env: { DATABASE_URL: '' } });
  beforeAll(async () => {
    await t.start();
    driveClock(t, jst(businessDay(1), '10:07'));
  }, 60_000);
  afterAll(() => t.close());

  it('trips on a burst, stores the event once and keeps evaluating (compare-and-set on SQLite)', async () => {
    const operator = await t.userWithRole('operator');
    await burst([{ t, token: operator }], SAPPORO, 12);
    const engine = t.app.get(GuardEngine);
    await engine.evaluateNow();
    await Promise.all([engine.evaluateNow(), engine.evaluateNow({ capacity: true })]);
    const events = await openEvents(t, await t.login());
    expect(events).toHaveLength(1);
    // No plan yet: the trip is recorded and shown, with nothing to hold.
    expect(events[0]).toMatchObject({ ruleId: 'spike-municipality', municipalityCode: SAPPORO, wavesHeld: [], evidence: { actual: 11 } });
  });
});

describe('load guard: two trips covering one wave', () => {
  const t = new TestApp();
  let plan: { sapporo: WaveView; later: WaveView[] };
  let clock: ReturnType<typeof driveClock>;
  const day = businessDay(1);
  beforeAll(async () => {
    await t.start();
    plan = await planWithWaves(t, [businessDay(3), businessDay(8), businessDay(13)]);
    clock = driveClock(t, jst(day, '10:07'));
  }, 120_000);
  afterAll(() => t.close());

  it('keeps the wave held while another trip still covers it, and resumes it when that one ends', async () => {
    const supervisor = await t.userWithRole('supervisor');
    // 15 calls: 札幌市's rule trips at the 11th and holds its wave; the union's trips at the 15th, with that wave already held.
    await burst([{ t, token: await t.userWithRole('operator') }], SAPPORO, 15);
    await t.app.get(GuardEngine).evaluateNow();
    const events = await openEvents(t, supervisor);
    expect(events.map((e) => [e.ruleId, e.wavesHeld.map((w) => w.id)])).toEqual([['spike-union', []], ['spike-municipality', [plan.sapporo.id]]]);
    const union = events[0];
    await t.http().post(`/api/guard/events/${union.id}/keep-holding`).set(bearer(supervisor)).send({}).expect(200);

    // Quiet hours: 札幌市's trip resumes by itself, but the union's (kept holding) still covers the wave.
    clock.set(jst(day, '12:45'));
    await t.app.get(GuardEngine).evaluateNow();
    expect((await waveOf(t, plan.sapporo.id)).status).toBe('held');
    const [still] = await openEvents(t, supervisor);
    expect(still).toMatchObject({ id: union.id, wavesHeld: [{ id: plan.sapporo.id }] });

    await t.http().post(`/api/guard/events/${union.id}/resume`).set(bearer(supervisor)).send({ reason: '全道の負荷が落ち着いた' }).expect(200);
    expect((await waveOf(t, plan.sapporo.id)).status).toBe('planned');
  });
});

describe('load guard: the counter capacity rule', () => {
  const t = new TestApp();
  let plan: { sapporo: WaveView; later: WaveView[] };
  beforeAll(async () => {
    await t.start();
    plan = await planWithWaves(t, [businessDay(3), businessDay(8), businessDay(13)]);
    driveClock(t, jst(businessDay(1), '08:00'));
  }, 120_000);
  afterAll(() => t.close());

  it('holds the next 札幌市 wave when its forecast exceeds what the counter can take, until a supervisor resumes it', async () => {
    const admin = await t.login();
    const engine = t.app.get(GuardEngine);
    await engine.evaluateNow({ capacity: true });
    expect(await openEvents(t, admin)).toEqual([]);

    // The counter is closed for now: whatever the next wave brings is too much.
    await t.http().patch(`/api/municipalities/${SAPPORO}`).set(bearer(admin)).send({ counterCapacity: 0 }).expect(200);
    const result = await engine.evaluateNow({ capacity: true });
    expect(result.decisions.filter((d) => 'trip' in d).map((d) => [d.rule.id, d.municipalityCode])).toEqual([['capacity-counter', SAPPORO]]);
    expect((await waveOf(t, plan.sapporo.id)).status).toBe('held');
    const [event] = await openEvents(t, admin);
    expect(event).toMatchObject({ kind: 'capacity', resumeMode: 'manual', municipalityCode: SAPPORO, evidence: { expected: 0, capacity: { nextWaveId: String(plan.sapporo.id) } } });
    expect(event.summary).toMatch(/^札幌市：\d+年\d+月\d+日の予測 .+件（次の波を除くと 0件）が対応能力 0件の 1 倍を超えます（∞ 倍） — .+を保留$/);

    // A manual rule does not resume by itself, even once the counter is back.
    await t.http().patch(`/api/municipalities/${SAPPORO}`).set(bearer(admin)).send({ counterCapacity: 200 }).expect(200);
    await engine.evaluateNow({ capacity: true });
    expect((await waveOf(t, plan.sapporo.id)).status).toBe('held');
    await t.http().post(`/api/guard/events/${event.id}/resume`).set(bearer(admin)).send({ reason: '窓口が再開した' }).expect(200);
    expect((await waveOf(t, plan.sapporo.id)).status).toBe('planned');
  });
});

describe('load guard: a lost state row is rebuilt from the events and today\'s inquiries', () => {
  const t = new TestApp();
  let plan: { sapporo: WaveView; later: WaveView[] };
  let clock: ReturnType<typeof driveClock>;
  const day = businessDay(1);
  beforeAll(async () => {
    await t.start();
    plan = await planWithWaves(t, [businessDay(3), businessDay(8), businessDay(13)]);
    clock = driveClock(t, jst(day, '10:07'));
  }, 120_000);
  afterAll(() => t.close());

  it('keeps the trip in force without deciding it again, and still resumes by itself', async () => {
    const engine = t.app.get(GuardEngine);
    await burst([{ t, token: await t.userWithRole('operator') }], SAPPORO, 12);
    await engine.evaluateNow();
    expect((await waveOf(t, plan.sapporo.id)).status).toBe('held');
    const [{ maxId }] = await t.database.query<{ maxId: number }>('SELECT MAX(id) AS maxId FROM inquiries');

    await t.database.query('DELETE FROM guard_state');
    clock.set(jst(day, '10:20'));
    const rebuilt = await engine.evaluateNow();
    expect(rebuilt.inquiries).toBe(12); // today's inquiries fed again
    expect(rebuilt.decisions).toEqual([]); // the trip was restored from its event, not decided again
    const [state] = await t.database.query<{ lastInquiryId: number }>('SELECT lastInquiryId FROM guard_state');
    expect(state.lastInquiryId).toBe(Number(maxId));
    expect(Number((await t.database.query<{ n: number }>('SELECT COUNT(*) AS n FROM guard_events'))[0].n)).toBe(1);
    expect((await waveOf(t, plan.sapporo.id)).status).toBe('held');

    clock.set(jst(day, '12:45'));
    await engine.evaluateNow();
    expect((await waveOf(t, plan.sapporo.id)).status).toBe('planned');
  });
});
