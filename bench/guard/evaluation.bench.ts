/**
 * bench/guard/evaluation — what the load guard costs in the API, on MariaDB.
 *
 *   npm run build:server && npx tsx bench/guard/evaluation.bench.ts [--inquiries 50000]
 *
 * Side by side, in one run:
 *   1. the inquiry path: `InquiryObserver.inquiryStored` → `GuardEngine.nudge()` (a timer check), per call;
 *   2. an evaluation that finds nothing new (the periodic tick): read state, tick, compare-and-set;
 *   3. catching up on N stored inquiries (read from the database in batches of 5,000, fed to the detector,
 *      state stored with a compare-and-set), against the floor: the same N fed to the detector in memory.
 * The API is the built one (dist/), booted in this process on a throwaway database; its clock is set to
 * 10:00 on a business day so every inquiry counts. Inquiries are inserted in bulk (not through HTTP).
 */
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestDatabase } from '../../test/support/test-database';
import { readMunicipalityRows } from '../../libs/municipalities/src/municipality-data';
import { businessCalendar, jstDate } from '../../libs/forecast/src';
import { DEFAULT_GUARD_RULES } from '../../libs/guard/src/rules/guard-rule';
import { GuardDetector } from '../../libs/guard/src/rules/guard-detector';
import type { ExpectedLoad } from '../../libs/guard/src/rules/expected-load';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('inquiries', 50_000);
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const dist = createRequire(join(__dirname, '../../dist/'));

async function main(): Promise<void> {
  const db = new TestDatabase();
  Object.assign(process.env, {
    DATABASE_URL: await db.create(), DATA_DIR: mkdtempSync(join(tmpdir(), 'wavedesk-bench-')), WAVEDESK_ADMIN_PASSWORD: 'bench-admin-password',
    JWT_SECRET: 'bench-secret-0123456789abcdef', QUEUE_PREFIX: `benchguard${process.pid}`, LOG_LEVEL: 'warn',
  });
  const { createApiApp } = dist('./apps/api/src/bootstrap.js');
  const { GuardEngine } = dist('./libs/guard/src/api/guard-engine.service.js');
  const { Clock } = dist('./libs/common/src/clock.js');
  const app = await createApiApp();
  await app.init();
  try {
    const cal = businessCalendar();
    const day = cal.addBusinessDays(cal.nextBusinessDay(jstDate(new Date())), 1);
    const at = new Date(`${day}T10:00:00+09:00`);
    app.get(Clock).now = () => new Date(at);
    const engine = app.get(GuardEngine);
    await engine.evaluateNow({ capacity: true });

    // 1. The inquiry path.
    const calls = 1_000_000;
    let t0 = performance.now();
    for (let i = 0; i < calls; i++) engine.nudge();
    const nudgeNs = ((performance.now() - t0) * 1e6) / calls;

    // 2. Nothing new.
    const idle: number[] = [];
    for (let i = 0; i < 20; i++) {
      t0 = performance.now();
      await engine.evaluateNow();
      idle.push(performance.now() - t0);
    }
    idle.sort((a, b) => a - b);

    // 3. N inquiries over 179 municipalities within the last 10 minutes, inserted in bulk.
    const codes = readMunicipalityRows().map((m) => m.code);
    const rows: unknown[][] = [];
    for (let i = 0; i < N; i++) {
      const t = new Date(at.getTime() - 600_000 + Math.floor((i / N) * 600_000));
      rows.push([codes[i % codes.length], 'phone', 'how_to_apply', 'self', 'resolved', t, 1, t]);
    }
    for (let i = 0; i < rows.length; i += 5_000) {
      await db.query('INSERT INTO inquiries (municipalityCode, channel, category, callerType, outcome, receivedAt, loggedById, loggedAt) VALUES ?', [rows.slice(i, i + 5_000)]);
    }
    t0 = performance.now();
    let evaluations = 0;
    let fed = 0;
    do {
      const r = await engine.evaluateNow();
      fed += r.inquiries;
      evaluations++;
    } while (fed < N && evaluations < 1_000);
    const catchUp = performance.now() - t0;

    const zero: ExpectedLoad = { daily: () => 0, intervalShares: (m) => new Float64Array(1440 / m).fill(m / 525) };
    const detector = new GuardDetector({ rules: DEFAULT_GUARD_RULES, expected: zero });
    t0 = performance.now();
    for (const r of rows) detector.observe(r[0] as string, r[7] as Date);
    detector.tick(at);
    const floor = performance.now() - t0;

    console.log(`load guard in the API — ${fmt(N)} inquiries, MariaDB, ${new Date().toISOString()}`);
    console.log('| measure | value |');
    console.log('| --- | --- |');
    console.log(`| inquiry path: nudge() per stored inquiry | ${fmt(nudgeNs, 1)} ns |`);
    console.log(`| evaluation with nothing new (median of 20) | ${fmt(idle[10], 1)} ms |`);
    console.log(`| catching up on ${fmt(N)} stored inquiries (${evaluations} evaluations) | ${fmt(catchUp)} ms = ${fmt((catchUp / N) * 1000, 1)} ms per 1,000 |`);
    console.log(`| floor: the same inquiries fed to the detector in memory | ${fmt(floor)} ms = ${fmt((floor / N) * 1000, 2)} ms per 1,000 |`);
    console.log(`| inquiries fed | ${fmt(fed)} of ${fmt(N)} |`);
  } finally {
    await app.close();
    await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
