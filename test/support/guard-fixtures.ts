/**
 * Test support for the load guard's tests (API and browser): a clock the test drives, a plan with one
 * planned wave per fixture municipality (札幌市's first), and bursts of inquiries.
 */
import { Clock } from '@wavedesk/common';
import { addCalendarDays, businessCalendar, jstDate } from '@wavedesk/forecast';
import { bearer, type TestApp } from './test-app';
import { FIXTURE_MUNICIPALITIES, seedBatchTargets } from './wave-fixtures';

export const SAPPORO = '011002';
export const SHINSHINOTSU = '013048'; // 新篠津村: a village with no wave, expecting well under one call a day
const cal = businessCalendar();
const realToday = jstDate(new Date());
export const businessDay = (n: number): string => cal.addBusinessDays(cal.isBusinessDay(realToday) ? realToday : cal.previousBusinessDay(realToday), n);
/** 10:00 (or another time) in Japan on a day. */
export const jst = (day: string, time = '10:00'): Date => new Date(`${day}T${time}:00+09:00`);

export interface WaveView {
  id: number;
  seq: number;
  name: string;
  status: string;
  mailDate: string;
  members: Array<{ code: string; targets: number }>;
}

/** The app's clock, driven by the test (as the simulator drives it): every service reads "now" from it. */
export function driveClock(t: TestApp, start: Date): { set(d: Date): void; now(): Date } {
  let current = start.getTime();
  const clock = t.app.get(Clock);
  clock.now = () => new Date(current);
  return { set: (d) => (current = d.getTime()), now: () => new Date(current) };
}

/** A batch over the three fixture municipalities, one planned wave each: 札幌市's first, the others later. */
export async function planWithWaves(t: TestApp, dates: [string, string, string]): Promise<{ sapporo: WaveView; later: WaveView[] }> {
  const admin = await t.login();
  const campaign = await t.http().post('/api/campaigns').set(bearer(admin)).send({ name: `負荷監視テスト ${Date.now()}` }).expect(201);
  const batch = await t.http()
    .post(`/api/campaigns/${campaign.body.id}/batches`)
    .set(bearer(admin))
    .send({ name: '1回目分', matchDate: realToday, mailFrom: realToday, mailTo: addCalendarDays(realToday, 120), municipalityCodes: FIXTURE_MUNICIPALITIES.map((m) => m.code) })
    .expect(201);
  await seedBatchTargets(t.database, batch.body.id, 60, 20_000_000 + Math.floor(Math.random() * 1_000_000));
  const plan = await t.http().post(`/api/batches/${batch.body.id}/plan`).set(bearer(admin)).send({ operators: 20, options: { maxWaves: 3, minSpacingBusinessDays: 5 } }).expect(201);
  let waves: WaveView[] = plan.body.waves;
  while (waves.length < FIXTURE_MUNICIPALITIES.length) {
    const big = waves.find((w) => w.members.length > 1)!;
    waves = (await t.http().post(`/api/waves/${big.id}/split`).set(bearer(admin)).send({ mailDate: businessDay(40 + waves.length), members: [{ code: big.members[big.members.length - 1].code }] }).expect(201)).body.waves;
  }
  const sapporo = waves.find((w) => w.members.some((m) => m.code === SAPPORO))!;
  const others = waves.filter((w) => w.id !== sapporo.id);
  const order = [sapporo, ...others];
  for (let i = 0; i < order.length; i++) await t.http().patch(`/api/waves/${order[i].id}`).set(bearer(admin)).send({ mailDate: dates[i] }).expect(200);
  const read = async (id: number): Promise<WaveView> => (await t.http().get(`/api/waves/${id}`).set(bearer(admin)).expect(200)).body;
  return { sapporo: await read(sapporo.id), later: await Promise.all(others.map((w) => read(w.id))) };
}

export const inquiry = (municipalityCode: string) => ({ municipalityCode, channel: 'phone', category: 'how_to_apply', callerType: 'self', outcome: 'resolved' });

/** `n` inquiries, one after the other, spread over the apps given; returns when the last was answered (ms). */
export async function burst(apps: Array<{ t: TestApp; token: string }>, code: string, n: number): Promise<number> {
  for (let i = 0; i < n; i++) {
    const { t, token } = apps[i % apps.length];
    await t.http().post('/api/inquiries').set(bearer(token)).send(inquiry(code)).expect(201);
  }
  return Date.now();
}

