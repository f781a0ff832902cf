/**
 * bench/desk — sustained `POST /api/inquiries` on MariaDB with socket.io dashboard clients connected.
 *
 *   npm run build:server && npx tsx bench/desk/desk.bench.ts [--requests 30000] [--connections 50] [--dashboards 500]
 *
 * One run, side by side:
 *   1. the same server's `GET /api/health` throughput (the framework's ceiling),
 *   2. `POST /api/inquiries` throughput and latency (autocannon) with N dashboard clients in the `union` room,
 *   3. from each 201 to a dashboard client receiving its `inquiry:logged` (sampled clients),
 *   4. stored rows = 201 responses, checked in the database afterwards.
 * The POST phase sends a fixed number of requests (so every request gets its answer and the row count can be
 * compared), stopped early after --max-seconds. Traffic goes only to 127.0.0.1; every phase is bounded in time.
 * A negative 201 → dashboard figure means the dashboard got the event before the load generator had read the 201.
 */
import autocannon, { type Result } from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { io, type Socket } from 'socket.io-client';
import { TestDatabase } from '../../test/support/test-database';
import { readMunicipalityRows } from '../../libs/municipalities/src/municipality-data';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const REQUESTS = arg('requests', 30_000);
const MAX_SECONDS = arg('max-seconds', 60);
const HEALTH_SECONDS = arg('health-seconds', 10);
const CONNECTIONS = arg('connections', 50);
const DASHBOARDS = arg('dashboards', 500);
const SAMPLED = Math.min(20, DASHBOARDS);
/** --cpu-prof-dir <dir>: profile the server and write its CPU profile there after the POST phase. */
const PROFILE_DIR = process.argv.includes('--cpu-prof-dir') ? process.argv[process.argv.indexOf('--cpu-prof-dir') + 1] : null;
const PORT = 3390;
const BASE = `http://127.0.0.1:${PORT}`;
const ADMIN_PASSWORD = 'bench-admin-password';

async function json<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(BASE + path, { ...init, headers: { 'content-type': 'application/json', ...(init.headers ?? {}) } });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function startApi(databaseUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...(PROFILE_DIR ? ['-r', './bench/desk/cpu-profile.cjs'] : []), 'dist/apps/api/src/main.js'], {
    env: {
      ...process.env, PORT: String(PORT), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'wavedesk-bench-')), WAVEDESK_ADMIN_PASSWORD: ADMIN_PASSWORD,
      JWT_SECRET: 'bench-secret-0123456789abcdef', QUEUE_PREFIX: `bench${process.pid}`,
      ...(PROFILE_DIR ? { BENCH_CPU_PROF_DIR: PROFILE_DIR } : {}),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 120; i++) {
    if (await fetch(`${BASE}/api/health`).then((r) => r.ok, () => false)) return child;
    await sleep(500);
  }
  child.kill();
  throw new Error('the API did not start (run npm run build:server first)');
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  const db = new TestDatabase();
  const api = await startApi(await db.create());
  const sockets: Socket[] = [];
  try {
    const { accessToken: admin } = await json<{ accessToken: string }>('/api/auth/login', { method: 'POST', body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
    const auth = { authorization: `Bearer ${admin}` };

    // 1. The framework's ceiling on this server.
    const health = await autocannon({ url: `${BASE}/api/health`, connections: CONNECTIONS, duration: HEALTH_SECONDS });

    // 2. Dashboards connected to the union room; a sample records when each inquiry reaches them.
    const arrivals = new Map<number, number>();
    let received = 0;
    for (let i = 0; i < DASHBOARDS; i++) {
      const socket = io(`${BASE}/live`, { auth: { token: admin }, transports: ['websocket'], reconnection: false });
      if (i < SAMPLED) {
        socket.on('inquiry:logged', (record: { id: number }) => {
          received++;
          if (!arrivals.has(record.id)) arrivals.set(record.id, performance.now());
        });
      }
      sockets.push(socket);
    }
    await Promise.all(sockets.map((s) => new Promise<void>((resolve, reject) => {
      s.once('hello', () => resolve());
      s.once('connect_error', reject);
    })));

    const codes = readMunicipalityRows().map((m) => m.code);
    const channels = ['phone', 'visit'];
    const categories = ['how_to_apply', 'lost_form', 'wrong_details', 'already_have_card', 'photo', 'proxy'];
    const responded = new Map<number, number>();
    let n = 0;
    let finished!: (r: Result) => void;
    const done = new Promise<Result>((resolve) => (finished = resolve));
    const post = autocannon({
      url: `${BASE}/api/inquiries`,
      connections: CONNECTIONS,
      amount: REQUESTS,
      timeout: 30,
      requests: [{
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        setupRequest: (req) => {
          n++;
          return {
            ...req,
            body: JSON.stringify({
              municipalityCode: codes[n % codes.length], channel: channels[n % 2], category: categories[n % categories.length],
              callerType: 'self', outcome: 'resolved', durationSeconds: 120 + (n % 300),
            }),
          };
        },
        onResponse: (status, body) => {
          if (status === 201) responded.set((JSON.parse(body) as { id: number }).id, performance.now());
        },
      }],
    }, (error, result) => {
      if (error) throw error;
      finished(result);
    });
    const stop = setTimeout(() => post.stop(), MAX_SECONDS * 1000);
    const postResult = await done;
    clearTimeout(stop);
    await sleep(2_000); // let the last events arrive
    if (PROFILE_DIR) api.kill('SIGUSR2');

    // 3. 201 → dashboard.
    const delays: number[] = [];
    for (const [id, at] of responded) {
      const arrived = arrivals.get(id);
      if (arrived !== undefined) delays.push(arrived - at);
    }
    delays.sort((a, b) => a - b);
    const missing = responded.size - delays.length;

    // 4. Stored rows = 201 responses.
    const { createConnection } = await import('mysql2/promise');
    const conn = await createConnection(db.url);
    const [rows] = await conn.query('SELECT COUNT(*) AS n FROM inquiries');
    await conn.end();
    const stored = Number((rows as Array<{ n: number }>)[0].n);

    const ok201 = responded.size;
    const postRate = postResult.requests.average;
    const healthRate = health.requests.average;
    const report = [
      ['dashboards connected', fmt(DASHBOARDS)],
      ['GET /api/health', `${fmt(healthRate)} req/s, p99 ${health.latency.p99} ms`],
      ['POST /api/inquiries', `${fmt(postRate)} req/s, p50 ${postResult.latency.p50} ms, p99 ${postResult.latency.p99} ms, errors ${postResult.errors}, non-2xx ${postResult.non2xx}`],
      ['POST / health throughput', `${fmt(postRate / healthRate, 3)}`],
      ['201 → dashboard (sampled clients)', `p50 ${fmt(percentile(delays, 50), 1)} ms, p95 ${fmt(percentile(delays, 95), 1)} ms, p99 ${fmt(percentile(delays, 99), 1)} ms; ${fmt(missing)} of ${fmt(responded.size)} not seen`],
      ['events delivered to sampled clients', fmt(received)],
      ['201 responses / stored rows', `${fmt(ok201)} / ${fmt(stored)} ${ok201 === stored ? '(equal)' : '(DIFFERENT)'}`],
      ['targets', 'POST ≥ 2,000/s with p99 ≤ 50 ms; 201 → dashboard p95 ≤ 150 ms; rows = 201s'],
    ];
    for (const [k, v] of report) process.stdout.write(`${k.padEnd(38)} ${v}\n`);
  } finally {
    for (const s of sockets) s.disconnect();
    api.kill('SIGTERM');
    await sleep(1_000);
    await db.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
