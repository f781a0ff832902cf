import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import Bull from 'bull';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { addCalendarDays, businessCalendar, jstDate } from '@wavedesk/forecast';
import { QUEUES, JOBS } from '@wavedesk/contracts';
import { Child, childEnv, ensureServerBuilt, freePort, startRedis, WORKER_MAIN } from './support/processes';
import { bearer, TestApp } from './support/test-app';
import { FIXTURE_MUNICIPALITIES, insuredNumbersIn, readOutbox, seedBatchTargets, seedCardHolders, type SeededPerson } from './support/wave-fixtures';

jest.setTimeout(240_000);

const UNIT_SIZE = 50;
const cal = businessCalendar();
const today = jstDate(new Date());
/** A business day `n` business days from today (negative: in the past). */
const businessDay = (n: number): string => cal.addBusinessDays(cal.isBusinessDay(today) ? today : cal.previousBusinessDay(today), n);

interface UnitView {
  id: number;
  seq: number;
  count: number;
  status: string;
  claimedBy: string | null;
  sha256: string | null;
}
interface WaveView {
  id: number;
  seq: number;
  status: string;
  mailDate: string;
  forms: number;
  members: Array<{ code: string; targets: number }>;
  progress: { written: number; total: number };
  units?: UnitView[];
}

/**
 * Dispersed waves end to end, on MariaDB and a Redis of the test's own (so it can be restarted): plan,
 * approve, release, units written exactly once by the real worker, hold and resume, a killed worker, two
 * workers, a Redis restart while held.
 */
describe('waves: plan, approve, release, hold, resume', () => {
  let redis: Child;
  let redisPort: number;
  const outbox = mkdtempSync(join(tmpdir(), 'wavedesk-outbox-'));
  const releaseEnv = { RELEASE_UNIT_SIZE: String(UNIT_SIZE), RELEASE_TICK_MS: '300', OUTBOX_DIR: outbox };
  let t: TestApp;
  let admin: string;
  let supervisor: string;
  let worker: INestApplicationContext | undefined;
  const children: Child[] = [];
  let nextNumber = 10_000_000;
  /** Built once per run: other engineers' edits must not make every child start rebuild dist. */
  let built: Promise<void> | undefined;

  beforeAll(async () => {
    redisPort = await freePort();
    redis = await startRedis(redisPort);
    t = new TestApp({ env: { ...releaseEnv, REDIS_URL: `redis://127.0.0.1:${redisPort}` } });
    await t.start();
    admin = await t.login();
    supervisor = await t.userWithRole('supervisor');
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    for (const c of children) await c.stop(2_000);
    await t?.close();
    await redis?.stop(2_000);
  });

  const api = () => t.http();
  const as = (token: string) => bearer(token);
  const wave = async (id: number): Promise<WaveView> => (await api().get(`/api/waves/${id}`).set(as(admin)).expect(200)).body;
  const until = async <T>(what: string, read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 60_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 2000)}`);
      await sleep(200);
    }
  };

  /** The real worker module in this process, with the test's environment plus `env`. */
  async function startWorkerInProcess(env: Record<string, string> = {}): Promise<INestApplicationContext> {
    Object.assign(process.env, { RELEASE_UNIT_PAUSE_MS: '0', ...env });
    const { WorkerModule } = await import('../apps/worker/src/worker.module');
    const ctx = await NestFactory.createApplicationContext(WorkerModule, { logger: false, abortOnError: false });
    await ctx.init();
    return ctx;
  }

  /** The built worker as a child process (so it can be killed), with the same database, Redis, prefix and outbox. */
  async function startWorkerChild(env: Record<string, string> = {}): Promise<Child> {
    built ??= ensureServerBuilt();
    await built;
    const child = new Child(process.execPath, [WORKER_MAIN], childEnv({
      DATABASE_URL: process.env.DATABASE_URL!, REDIS_URL: `redis://127.0.0.1:${redisPort}`, DATA_DIR: t.dataDir,
      QUEUE_PREFIX: process.env.QUEUE_PREFIX!, JWT_SECRET: process.env.JWT_SECRET!, LOG_LEVEL: 'warn', ...releaseEnv, ...env,
    }));
    children.push(child);
    await child.waitFor(/wavedesk worker started/, 90_000);
    return child;
  }

  /** A campaign and batch over the fixture municipalities, seeded with targets; returns the batch and its persons. */
  async function batchWithTargets(perMunicipality: number): Promise<{ batchId: number; persons: SeededPerson[] }> {
    const campaign = await api().post('/api/campaigns').set(as(admin)).send({ name: `テスト送付事業 ${nextNumber}` }).expect(201);
    const mailFrom = addCalendarDays(today, -40);
    const batch = await api()
      .post(`/api/campaigns/${campaign.body.id}/batches`)
      .set(as(admin))
      .send({ name: '1回目分', matchDate: mailFrom, mailFrom, mailTo: addCalendarDays(today, 60), municipalityCodes: FIXTURE_MUNICIPALITIES.map((m) => m.code) })
      .expect(201);
    const persons = await seedBatchTargets(t.database, batch.body.id, perMunicipality, nextNumber);
    nextNumber += 10_000;
    return { batchId: batch.body.id, persons };
  }

  /** Plans the batch and moves its waves to the given dates (in order); returns the waves by id. */
  async function plannedWaves(batchId: number, dates: string[]): Promise<WaveView[]> {
    const plan = await api().post(`/api/batches/${batchId}/plan`).set(as(admin)).send({ operators: 20, options: { maxWaves: 3, minSpacingBusinessDays: 5 } }).expect(201);
    expect(plan.body.evaluation.fits).toBe(true);
    let waves: WaveView[] = plan.body.waves;
    // Make one wave per municipality, so the tests know what each wave holds.
    while (waves.length < FIXTURE_MUNICIPALITIES.length) {
      const big = waves.find((w) => w.members.length > 1)!;
      const res = await api().post(`/api/waves/${big.id}/split`).set(as(admin)).send({ mailDate: businessDay(30 + waves.length), members: [{ code: big.members[big.members.length - 1].code }] }).expect(201);
      waves = res.body.waves;
    }
    const ids = waves.map((w) => w.id);
    for (let i = 0; i < ids.length && i < dates.length; i++) {
      await api().patch(`/api/waves/${ids[i]}`).set(as(admin)).send({ mailDate: dates[i] }).expect(200);
    }
    return Promise.all(ids.map(wave));
  }

  const approve = (id: number) => api().post(`/api/waves/${id}/approve`).set(as(admin)).send({}).expect(201);
  const release = (id: number) => api().post(`/api/waves/${id}/release`).set(as(admin)).send({}).expect(201);
  const ledgerNumbers = async (waveId: number): Promise<string[]> =>
    (await t.database.query<{ insuredNumber: string }>("SELECT insuredNumber FROM form_ledger WHERE waveId = ? AND status = 'assigned' ORDER BY insuredNumber", [waveId])).map((r) => r.insuredNumber);

  /** Every target of the wave in exactly one unit file, the manifests' counts and SHA-256 right. */
  function expectExactlyOnce(waveId: number, expected: string[]): void {
    const units = readOutbox(outbox, waveId);
    for (const u of units) {
      expect(u.manifest.sha256).toBe(createHash('sha256').update(u.csv).digest('hex'));
      expect(u.manifest.count).toBe(u.rows.length);
      expect(u.manifest.bytes).toBe(u.csv.length);
    }
    const numbers = insuredNumbersIn(units);
    expect(numbers.length).toBe(new Set(numbers).size); // nobody twice
    expect([...numbers].sort()).toEqual([...expected].sort()); // everybody
  }

  let first: WaveView[] = [];
  let firstBatchId = 0;

  it('plans a batch, approves its waves and writes a released wave once, every target in exactly one Shift_JIS unit', async () => {
    const { batchId, persons } = await batchWithTargets(120);
    firstBatchId = batchId;
    first = await plannedWaves(batchId, [businessDay(-10), businessDay(-5), businessDay(10)]);
    expect(first.map((w) => w.status)).toEqual(['planned', 'planned', 'planned']);
    expect(first.reduce((s, w) => s + w.forms, 0)).toBe(persons.length);

    const listed = await api().get(`/api/batches/${batchId}/waves`).set(as(supervisor)).expect(200);
    expect(listed.body).toHaveLength(3);

    for (const w of first) await approve(w.id);
    // One ledger row per person across the waves: nobody in two waves.
    const ledger = await t.database.query<{ n: number; d: number }>('SELECT COUNT(*) AS n, COUNT(DISTINCT insuredNumber) AS d FROM form_ledger WHERE waveId IN (?)', [first.map((w) => w.id)]);
    expect(Number(ledger[0].n)).toBe(persons.length);
    expect(Number(ledger[0].d)).toBe(persons.length);

    // A missing J-LIS ID becomes a placeholder, which a real release refuses; once the ID is there, it is used.
    const [one] = await ledgerNumbers(first[0].id);
    const saved = await t.database.query<{ applicationId: string; qrData: string }>('SELECT applicationId, qrData FROM application_ids WHERE insuredNumber = ?', [one]);
    await t.database.query("UPDATE form_ledger SET placeholder = 1, applicationId = '99999990000000000000001' WHERE insuredNumber = ?", [one]);
    await t.database.query('DELETE FROM application_ids WHERE insuredNumber = ?', [one]);
    const refused = await api().post(`/api/waves/${first[0].id}/release`).set(as(admin)).send({}).expect(409);
    expect(refused.body).toMatchObject({ code: 'placeholder_in_release', currentStatus: 'approved', placeholders: 1 });
    await t.database.query('INSERT INTO application_ids (insuredNumber, applicationId, qrData, importId, updatedAt) VALUES (?, ?, ?, 1, NOW())', [one, saved[0].applicationId, saved[0].qrData]);

    const released = await release(first[0].id);
    expect(released.body).toMatchObject({ status: 'released', placeholders: 0 });
    const units = (await wave(first[0].id)).units!;
    expect(units.length).toBe(Math.ceil(first[0].forms / UNIT_SIZE));
    expect(units.every((u) => u.status === 'pending' && u.count <= UNIT_SIZE)).toBe(true);

    worker = await startWorkerInProcess();
    const done = await until('wave 1 done', () => wave(first[0].id), (w) => w.status === 'done');
    expect(done.progress).toEqual({ written: units.length, total: units.length });
    expect(done.units!.every((u) => u.status === 'written' && u.claimedBy && u.sha256)).toBe(true);
    expectExactlyOnce(first[0].id, await ledgerNumbers(first[0].id));

    // The 送付先 goes to the envelope columns; the form keeps the registered address.
    const rows = readOutbox(outbox, first[0].id).flatMap((u) => u.rows);
    const redirected = rows.filter((r) => r[12] === '1');
    expect(redirected.length).toBeGreaterThan(0);
    expect(redirected[0][13]).toBe('特別養護老人ホーム　さくら苑');
    expect(redirected[0][15]).not.toBe(redirected[0][11]);
  });

  it('answers 409 with the current status for refused transitions, and keeps roles apart', async () => {
    const [done, second, third] = first;
    const again = await api().post(`/api/waves/${done.id}/hold`).set(as(supervisor)).send({ reason: 'テスト' }).expect(409);
    expect(again.body).toMatchObject({ code: 'wave_transition_refused', currentStatus: 'done', action: 'hold' });
    expect((await api().post(`/api/waves/${second.id}/approve`).set(as(admin)).send({}).expect(409)).body.currentStatus).toBe('approved');
    expect((await api().post(`/api/waves/${second.id}/resume`).set(as(admin)).send({ reason: 'x' }).expect(409)).body.currentStatus).toBe('approved');
    expect((await api().patch(`/api/waves/${third.id}`).set(as(admin)).send({ mailDate: businessDay(12) }).expect(409)).body.currentStatus).toBe('approved');
    await api().post(`/api/waves/${second.id}/release`).set(as(supervisor)).send({}).expect(403);
    await api().post(`/api/waves/${second.id}/hold`).set(as(supervisor)).send({}).expect(400);

    // Municipal users see only waves with their municipality; a real person's proof is for admins only.
    const code = third.members[0].code;
    const municipal = await t.userWithRole('municipal', code);
    const visible = await api().get(`/api/batches/${firstBatchId}/waves`).set(as(municipal)).expect(200);
    expect(visible.body).toHaveLength(1);
    expect(visible.body.every((w: WaveView) => w.members.some((m) => m.code === code))).toBe(true);
    const other = first.find((w) => !w.members.some((m) => m.code === code))!;
    await api().get(`/api/waves/${other.id}`).set(as(municipal)).expect(403);
    const pdf = await api().get(`/api/waves/${third.id}/proof.pdf`).set(as(municipal)).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const [someone] = await ledgerNumbers(third.id);
    await api().get(`/api/waves/${third.id}/proof.pdf`).query({ insuredNumber: someone }).set(as(municipal)).expect(403);
    await api().get(`/api/waves/${third.id}/proof.pdf`).query({ insuredNumber: someone }).set(as(admin)).expect(200);
    const audit = await t.database.query<{ n: number }>("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'wave.proof.person' AND target = ?", [`wave:${third.id}`]);
    expect(Number(audit[0].n)).toBe(1);
  });

  it('holds a wave while its first unit is being written: that unit completes, no other unit is written; resume previews, re-matches and shifts later waves', async () => {
    await worker!.close();
    worker = await startWorkerInProcess({ RELEASE_UNIT_PAUSE_MS: '2500' });
    const [, second, third] = first;
    await release(second.id);
    const writing = await until('a unit being written', () => wave(second.id), (w) => w.units!.some((u) => u.status === 'submitting'));
    const inFlight = writing.units!.find((u) => u.status === 'submitting')!;
    const held = await api().post(`/api/waves/${second.id}/hold`).set(as(supervisor)).send({ reason: '札幌市の窓口が混雑' }).expect(201);
    expect(held.body.status).toBe('held');

    const after = await until('the unit in flight to finish', () => wave(second.id), (w) => w.units!.find((u) => u.id === inFlight.id)!.status === 'written');
    await sleep(2_000); // several ticks: nothing more may be claimed
    const still = await wave(second.id);
    expect(still.status).toBe('held');
    expect(still.units!.filter((u) => u.status === 'written').map((u) => u.id)).toEqual([inFlight.id]);
    expect(still.units!.filter((u) => u.status === 'pending')).toHaveLength(after.units!.length - 1);
    expect(readOutbox(outbox, second.id)).toHaveLength(1);

    // Preview only: nothing moves yet.
    const preview = await api().post(`/api/waves/${second.id}/resume`).set(as(supervisor)).send({ reason: '混雑が解消' }).expect(201);
    expect(preview.body.applied).toBe(false);
    expect((await wave(second.id)).status).toBe('held');
    const { schedule } = preview.body;
    const newDate = cal.isBusinessDay(today) ? today : cal.nextBusinessDay(today);
    expect(schedule.wave).toMatchObject({ id: second.id, from: second.mailDate, to: newDate });
    const laterChange = schedule.later.find((c: { id: number }) => c.id === third.id);
    expect(laterChange.to).toBe(cal.addBusinessDays(third.mailDate, schedule.shiftBusinessDays));

    // Meanwhile one person of a pending unit got a card: re-matching withdraws them before anything more is written.
    const pendingUnit = still.units!.find((u) => u.status === 'pending')!;
    const [holder] = (await t.database.query<{ insuredNumber: string }>("SELECT insuredNumber FROM form_ledger WHERE unitId = ? AND status = 'assigned' LIMIT 1", [pendingUnit.id])).map((r) => r.insuredNumber);
    await seedCardHolders(t.database, [holder], today);

    const confirmed = await api().post(`/api/waves/${second.id}/resume`).set(as(supervisor)).send({ reason: '混雑が解消', confirm: true }).expect(201);
    // Back to released; the worker may already have taken it up again (writing) by the time the answer is read.
    expect(confirmed.body).toMatchObject({ applied: true, rematch: { withdrawn: 1 }, wave: { status: expect.stringMatching(/^(released|writing)$/), mailDate: newDate } });
    const movedThird = await wave(third.id);
    expect(movedThird.mailDate).toBe(laterChange.to);
    expect(cal.businessDaysBetween(newDate, movedThird.mailDate)).toBe(cal.businessDaysBetween(second.mailDate, third.mailDate));
    const audit = await t.database.query<{ action: string }>("SELECT action FROM audit_log WHERE target = ? AND action LIKE 'wave.%' ORDER BY id", [`wave:${second.id}`]);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['wave.approve', 'wave.release', 'wave.startWriting', 'wave.hold', 'wave.resume', 'wave.rematch']));

    await worker!.close();
    worker = await startWorkerInProcess();
    if (newDate === today) {
      await until('wave 2 done after resume', () => wave(second.id), (w) => w.status === 'done');
      const expected = await ledgerNumbers(second.id);
      expect(expected).not.toContain(holder);
      expectExactlyOnce(second.id, expected);
    } else {
      // Today is not a business day: the resumed wave waits for its new date, with nothing queued in Redis for it.
      await sleep(1_500);
      expect((await wave(second.id)).status).toBe('released');
    }
  });

  it('a worker killed in the middle of a release leaves that unit submitting for reconciliation; no target is written twice', async () => {
    await worker!.close();
    worker = undefined;
    const { batchId } = await batchWithTargets(70);
    const [w] = await plannedWaves(batchId, [businessDay(-3), businessDay(15), businessDay(25)]);
    await approve(w.id);
    const killed = await startWorkerChild({ RELEASE_UNIT_PAUSE_MS: '4000' });
    await release(w.id);
    const inFlight = await until('a unit being written', () => wave(w.id), (v) => v.units!.some((u) => u.status === 'submitting'));
    const claimed = inFlight.units!.find((u) => u.status === 'submitting')!;
    killed.child.kill('SIGKILL');
    expect((await killed.exited).signal).toBe('SIGKILL');

    await startWorkerChild();
    const settled = await until('every other unit written', () => wave(w.id), (v) => v.units!.filter((u) => u.status === 'written').length === v.units!.length - 1, 90_000);
    expect(settled.units!.find((u) => u.id === claimed.id)!.status).toBe('submitting');
    expect(settled.status).toBe('writing');
    // Written units hold their targets exactly once; the killed unit's targets are in no file yet.
    const written = await t.database.query<{ insuredNumber: string }>(
      "SELECT l.insuredNumber FROM form_ledger l JOIN release_units u ON u.id = l.unitId WHERE l.waveId = ? AND u.status = 'written' AND l.status = 'assigned'",
      [w.id],
    );
    expectExactlyOnce(w.id, written.map((r) => r.insuredNumber));

    const listed = await api().get('/api/release-units').query({ status: 'submitting' }).set(as(admin)).expect(200);
    const entry = listed.body.find((u: { id: number }) => u.id === claimed.id);
    expect(entry).toMatchObject({ waveId: w.id, status: 'submitting', outbox: { complete: false } });
    await api().post(`/api/release-units/${claimed.id}/reconcile`).set(as(supervisor)).send({ resolution: 'rewrite' }).expect(403);
    const wrongly = await api().post(`/api/release-units/${claimed.id}/reconcile`).set(as(admin)).send({ resolution: 'written' }).expect(409);
    expect(wrongly.body.code).toBe('unit_not_in_outbox');
    await api().post(`/api/release-units/${claimed.id}/reconcile`).set(as(admin)).send({ resolution: 'rewrite' }).expect(201);
    await until('wave done after reconciliation', () => wave(w.id), (v) => v.status === 'done', 90_000);
    expectExactlyOnce(w.id, await ledgerNumbers(w.id));
  });

  it('two workers on the same queue never write the same unit, even when a unit is queued twice', async () => {
    const { batchId } = await batchWithTargets(100);
    const [w] = await plannedWaves(batchId, [businessDay(-2), businessDay(15), businessDay(25)]);
    await approve(w.id);
    await startWorkerChild({ RELEASE_UNIT_PAUSE_MS: '200' }); // a second worker beside the one still running
    await release(w.id);
    // Duplicate jobs for every unit, behind the scheduler's back: the claim must still let only one writer through.
    const queue = new Bull(QUEUES.release, { prefix: process.env.QUEUE_PREFIX, redis: { port: redisPort, host: '127.0.0.1' } });
    try {
      for (const u of (await wave(w.id)).units!) await queue.add(JOBS.releaseUnit, { unitId: u.id }, { jobId: `duplicate-${u.id}`, removeOnComplete: true });
    } finally {
      await queue.close();
    }
    const done = await until('wave done with two workers', () => wave(w.id), (v) => v.status === 'done', 90_000);
    expect(done.units!.every((u) => u.status === 'written')).toBe(true);
    expect(readOutbox(outbox, w.id)).toHaveLength(done.units!.length);
    expectExactlyOnce(w.id, await ledgerNumbers(w.id));
  });

  it('a held wave stays held across a Redis restart: the database decides', async () => {
    const { batchId } = await batchWithTargets(40);
    const [w] = await plannedWaves(batchId, [businessDay(1), businessDay(15), businessDay(25)]);
    await approve(w.id);
    await release(w.id); // not due yet: its units wait in the database, not in Redis
    await api().post(`/api/waves/${w.id}/hold`).set(as(supervisor)).send({ reason: 'Redis 再起動の前に保留' }).expect(201);

    await redis.stop(5_000);
    redis = await startRedis(redisPort); // empty: no jobs, no state
    await until('health sees Redis again', async () => (await api().get('/api/health')).body.redis, (r) => r === 'up', 30_000);
    await sleep(2_000); // ticks of the workers against the fresh Redis
    const held = await wave(w.id);
    expect(held.status).toBe('held');
    expect(held.units!.every((u) => u.status === 'pending')).toBe(true);
    expect(readOutbox(outbox, w.id)).toHaveLength(0);

    if (!cal.isBusinessDay(today)) return; // resuming to today needs today to be a business day
    // Resumed to today, the scheduler enqueues its units on the new Redis and the workers write them once.
    const resumed = await api().post(`/api/waves/${w.id}/resume`).set(as(supervisor)).send({ reason: '再開', confirm: true, mailDate: today }).expect(201);
    expect(resumed.body.wave).toMatchObject({ status: 'released', mailDate: today });
    await until('wave done after the Redis restart', () => wave(w.id), (v) => v.status === 'done', 90_000);
    expectExactlyOnce(w.id, await ledgerNumbers(w.id));
  });
});
