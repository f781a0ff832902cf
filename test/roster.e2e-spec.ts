import { setTimeout as sleep } from 'node:timers/promises';
import { io, type Socket } from 'socket.io-client';
import type { GuardEventView, RosterRange, RosterUpdate } from '@wavedesk/contracts';
import { businessCalendar } from '@wavedesk/forecast';
import { GuardEngine, ROSTER_TTL_MS } from '@wavedesk/guard';
import { bearer, TestApp } from './support/test-app';
import { businessDay, driveClock, jst, planWithWaves, SAPPORO, type WaveView } from './support/guard-fixtures';

jest.setTimeout(120_000);

const cal = businessCalendar();
/** The first Saturday after the coming business days: a day the call center is closed. */
const saturdayAfter = (from: string): string => {
  let d = from;
  while (cal.closedReason(d) !== '土曜日') d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return d;
};

/** A supervisor's dashboard: a socket.io client on /live recording roster:update. */
function rosterListener(url: string, token: string): { updates: RosterUpdate[]; socket: Socket; ready: Promise<void> } {
  const socket = io(`${url}/live`, { auth: { token }, transports: ['websocket'], reconnection: false });
  const updates: RosterUpdate[] = [];
  socket.on('roster:update', (u: RosterUpdate) => updates.push(u));
  const ready = new Promise<void>((resolve, reject) => {
    socket.once('hello', () => resolve());
    socket.once('connect_error', reject);
  });
  return { updates, socket, ready };
}

const until = async <T>(what: string, read: () => T, done: (v: T) => boolean, timeoutMs = 5_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
};

describe('operator roster API (MariaDB, socket.io)', () => {
  const t = new TestApp();
  let supervisor: string;
  let dashboard: ReturnType<typeof rosterListener>;
  const day2 = businessDay(2);
  const day3 = businessDay(3);

  beforeAll(async () => {
    await t.start();
    supervisor = await t.userWithRole('supervisor');
    dashboard = rosterListener(t.url, supervisor);
    await dashboard.ready;
  }, 120_000);
  afterAll(async () => {
    dashboard?.socket.close();
    await t.close();
  });

  const range = async (from: string, to: string): Promise<RosterRange> => (await t.http().get(`/api/roster?from=${from}&to=${to}`).set(bearer(supervisor)).expect(200)).body;

  it('answers 10 operators on business days and 0 on closed days before anything is stored', async () => {
    const saturday = saturdayAfter(day2);
    const r = await range(day2, saturday);
    expect(r).toMatchObject({ defaultOperators: 10, overrides: [], updatedBy: null });
    expect(r.days[0]).toEqual({ date: day2, operators: 10, source: 'default', note: null, closedReason: null });
    expect(r.days[r.days.length - 1]).toEqual({ date: saturday, operators: 0, source: 'closed', note: null, closedReason: '土曜日' });
  });

  it('refuses operators and municipal users (403), and a range that is no range (400 in Japanese)', async () => {
    for (const token of [await t.userWithRole('operator'), await t.userWithRole('municipal', SAPPORO)]) {
      await t.http().get('/api/roster').set(bearer(token)).expect(403);
      await t.http().put('/api/roster').set(bearer(token)).send({ defaultOperators: 1 }).expect(403);
      await t.http().put(`/api/roster/${day2}`).set(bearer(token)).send({ operators: 1 }).expect(403);
    }
    const bad = await t.http().get(`/api/roster?from=${day3}&to=${day2}`).set(bearer(supervisor)).expect(400);
    expect(bad.body.errors).toEqual([{ field: 'to', code: 'before_from', message: '終了日は開始日以降の日付で指定してください。' }]);
  });

  it('refuses a wrong roster with a Japanese sentence per field and stores nothing of it', async () => {
    const saturday = saturdayAfter(day2);
    const res = await t.http()
      .put('/api/roster')
      .set(bearer(supervisor))
      .send({ defaultOperators: 501, overrides: [{ date: day2, operators: 1 }, { date: saturday, operators: 3 }, { date: '2027-02-30', operators: -1 }] })
      .expect(400);
    expect(res.body.code).toBe('invalid_roster');
    expect(res.body.errors.map((e: { field: string; message: string }) => [e.field, e.message])).toEqual([
      ['defaultOperators', '既定の在席人数は0〜500の整数で指定してください。'],
      ['overrides[1].date', `${saturday} は土曜日でコールセンターの休業日のため、在席人数は設定できません。`],
      ['overrides[2].date', '日付は実在する日を YYYY-MM-DD で指定してください。'],
      ['overrides[2].operators', '在席人数は0〜500の整数で指定してください。'],
    ]);
    const day = await t.http().put(`/api/roster/${saturday}`).set(bearer(supervisor)).send({ operators: 'たくさん' }).expect(400);
    expect(day.body.errors.map((e: { field: string }) => e.field)).toEqual(['date', 'operators']);
    const extra = await t.http().put('/api/roster').set(bearer(supervisor)).send({ defaultOperators: 3, operatorsOnDuty: 3 }).expect(400);
    expect(extra.body.errors[0]).toMatchObject({ field: 'operatorsOnDuty', message: 'operatorsOnDuty は受け付けない項目です。' });

    expect(await range(day2, day2)).toMatchObject({ defaultOperators: 10, overrides: [], days: [{ operators: 10, source: 'default' }] });
    expect(await t.database.query("SELECT id FROM audit_log WHERE action = 'roster.update'")).toEqual([]);
    expect(dashboard.updates).toEqual([]);
  });

  it('stores a default and an override, audits before and after, and pushes roster:update to the dashboards', async () => {
    const res = await t.http().put('/api/roster').set(bearer(supervisor)).send({ defaultOperators: 12, overrides: [{ date: day2, operators: 1, note: '研修' }] }).expect(200);
    expect(res.body).toMatchObject({ defaultOperators: 12, overrides: [{ date: day2, operators: 1, note: '研修' }], updatedBy: expect.stringMatching(/supervisor/) });

    const pushed = await until('roster:update', () => dashboard.updates, (u) => u.length === 1);
    expect(pushed[0]).toEqual(res.body);

    const r = await range(day2, day3);
    expect(r.days.map((d) => [d.date, d.operators, d.source, d.note])).toEqual([
      [day2, 1, 'override', '研修'],
      ...r.days.slice(1, -1).map((d) => [d.date, d.operators, d.source, null]),
      [day3, 12, 'default', null],
    ]);

    const [audit] = await t.database.query<{ actorRole: string; target: string; detail: string }>("SELECT actorRole, target, detail FROM audit_log WHERE action = 'roster.update'");
    expect(audit).toMatchObject({ actorRole: 'supervisor', target: 'roster' });
    expect(JSON.parse(audit.detail)).toEqual({
      before: { defaultOperators: 10, overrides: [] },
      after: { defaultOperators: 12, overrides: [{ date: day2, operators: 1, note: '研修' }] },
    });
  });

  it('sets and clears one date', async () => {
    await t.http().put(`/api/roster/${day3}`).set(bearer(supervisor)).send({ operators: 4 }).expect(200);
    expect((await range(day3, day3)).days[0]).toMatchObject({ operators: 4, source: 'override' });
    const cleared = await t.http().delete(`/api/roster/${day3}`).set(bearer(supervisor)).expect(200);
    expect(cleared.body.overrides).toEqual([{ date: day2, operators: 1, note: '研修' }]);
    expect((await range(day3, day3)).days[0]).toMatchObject({ operators: 12, source: 'default' });
    await until('three roster:update', () => dashboard.updates, (u) => u.length === 3);
    const targets = (await t.database.query<{ target: string }>("SELECT target FROM audit_log WHERE action = 'roster.update' ORDER BY id")).map((a) => a.target);
    expect(targets).toEqual(['roster', `roster:${day3}`, `roster:${day3}`]);
  });
});

describe('operator roster and the load guard', () => {
  const t = new TestApp({ env: { RELEASE_ALLOW_PLACEHOLDERS: 'true' } });
  let plan: { sapporo: WaveView; later: WaveView[] };
  let supervisor: string;
  let clock: ReturnType<typeof driveClock>;
  const horizon = Array.from({ length: 12 }, (_, i) => businessDay(i + 1));

  beforeAll(async () => {
    await t.start();
    supervisor = await t.userWithRole('supervisor');
    plan = await planWithWaves(t, [businessDay(3), businessDay(8), businessDay(13)]);
    clock = driveClock(t, jst(businessDay(1), '08:00'));
  }, 120_000);
  afterAll(() => t.close());

  const waveOf = async (id: number): Promise<WaveView> => (await t.http().get(`/api/waves/${id}`).set(bearer(supervisor)).expect(200)).body;
  const openEvents = async (): Promise<GuardEventView[]> => (await t.http().get('/api/guard/events').set(bearer(supervisor)).expect(200)).body.items;
  const nobodyOnDuty = { overrides: horizon.map((date) => ({ date, operators: 0, note: '全員研修' })) };

  it('holds the next wave as soon as a supervisor enters that nobody is on the phones', async () => {
    await t.app.get(GuardEngine).evaluateNow({ capacity: true });
    expect(await openEvents()).toEqual([]);

    await t.http().put('/api/roster').set(bearer(supervisor)).send(nobodyOnDuty).expect(200);
    // The roster change ran the capacity check before it answered.
    expect((await waveOf(plan.sapporo.id)).status).toBe('held');
    for (const w of plan.later) expect((await waveOf(w.id)).status).toBe('planned');
    const [event] = await openEvents();
    expect(event).toMatchObject({ ruleId: 'capacity-call-center', kind: 'capacity', scope: 'union', wavesHeld: [{ id: plan.sapporo.id }], evidence: { expected: 0, capacity: { operatorsOnDuty: 0, nextWaveId: String(plan.sapporo.id) } } });

    // Operators back: the manual rule keeps holding until a supervisor resumes.
    await t.http().put('/api/roster').set(bearer(supervisor)).send({ overrides: [] }).expect(200);
    expect((await waveOf(plan.sapporo.id)).status).toBe('held');
    await t.http().post(`/api/guard/events/${event.id}/resume`).set(bearer(supervisor)).send({ reason: '研修が延期になった' }).expect(200);
    expect((await waveOf(plan.sapporo.id)).status).toBe('planned');
  });

  it('checks capacity before a release: refused with 409 naming the guard\'s reason and nothing released; released once operators are back', async () => {
    const admin = await t.login();
    // Later the same morning (a trip's key carries its time: the clock the test drives must move on).
    clock.set(jst(businessDay(1), '09:00'));
    await t.http().post(`/api/waves/${plan.sapporo.id}/approve`).set(bearer(admin)).send({}).expect(201);
    await t.app.get(GuardEngine).evaluateNow({ capacity: true });
    expect(await openEvents()).toEqual([]);

    // Another API process stored the roster (no change signal reaches this one): its cache is read again within 2 s.
    for (const date of horizon) await t.database.query('INSERT INTO roster_overrides (date, operators, note, updatedBy, updatedAt) VALUES (?, 0, NULL, ?, NOW(3))', [date, 'elsewhere']);
    await sleep(ROSTER_TTL_MS + 200);

    const refused = await t.http().post(`/api/waves/${plan.sapporo.id}/release`).set(bearer(admin)).send({}).expect(409);
    expect(refused.body.code).toBe('release_held');
    expect(refused.body.message).toMatch(/^発送指示できません。負荷監視「コールセンターの対応能力」（capacity-call-center 第1版）：/);
    expect(refused.body.currentStatus).toBe('held');
    expect(await t.database.query('SELECT id FROM release_units WHERE waveId = ?', [plan.sapporo.id])).toEqual([]);
    expect(await t.database.query("SELECT id FROM audit_log WHERE action = 'wave.release'")).toEqual([]);

    await t.database.query('DELETE FROM roster_overrides');
    await sleep(ROSTER_TTL_MS + 200);
    const [event] = await openEvents();
    await t.http().post(`/api/guard/events/${event.id}/resume`).set(bearer(supervisor)).send({ reason: '在席が戻った' }).expect(200);
    expect((await waveOf(plan.sapporo.id)).status).toBe('approved');
    const released = await t.http().post(`/api/waves/${plan.sapporo.id}/release`).set(bearer(admin)).send({}).expect(201);
    expect(released.body.status).toBe('released');
  });
});

describe('operator roster on the embedded SQLite database', () => {
  const t = new TestApp({ env: { DATABASE_URL: '' } });
  beforeAll(() => t.start(), 60_000);
  afterAll(() => t.close());

  it('stores, replaces and answers the roster the same way', async () => {
    const admin = await t.login();
    const [day2, day3] = [businessDay(2), businessDay(3)];
    await t.http().put('/api/roster').set(bearer(admin)).send({ defaultOperators: 6, overrides: [{ date: day2, operators: 2 }] }).expect(200);
    await t.http().put(`/api/roster/${day2}`).set(bearer(admin)).send({ operators: 3, note: '午後のみ' }).expect(200);
    await t.http().put('/api/roster').set(bearer(admin)).send({ defaultOperators: 5 }).expect(200);
    const r = (await t.http().get(`/api/roster?from=${day3}&to=${day3}`).set(bearer(admin)).expect(200)).body as RosterRange;
    expect(r).toMatchObject({ defaultOperators: 5, overrides: [{ date: day2, operators: 3, note: '午後のみ' }], days: [{ date: day3, operators: 5, source: 'default' }] });
  });
});
