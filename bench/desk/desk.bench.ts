/**
 * bench/desk — sustained `POST /api/inquiries` on MariaDB with socket.io dashboard clients connected.
 *
 *   npm run build:server && npx tsx bench/desk/desk.bench.ts [--requests 30000] [--connections 50] [--dashboards 500] [--rate N]
 *
 * One run, side by side:
 *   1. the same server's `GET /api/health` throughput (the framework's ceiling), and the same INSERT sent
 *      straight to MariaDB (the database's ceiling),
 *   2. `POST /api/inquiries` throughput and latency (autocannon) with N dashboard clients in the `union` room,
 *   3. from each request sent (and from each 201 read) to a sampled dashboard client receiving the inquiry
 *      (`inquiries:logged`, the union room's batches),
 *   4. stored rows = 201 responses, checked in the database afterwards.
 * The POST phase sends a fixed number of requests (so every request gets its answer and the row count can be
 * compared), stopped early after --max-seconds. Traffic goes only to 127.0.0.1; every phase is bounded in time.
 * A negative 201 → dashboard figure means the dashboard got the event before the load generator had read the 201;
 * "sent → dashboard" is the honest upper bound. The load average is printed with each run: the machine is shared.
 * `--cpu-prof-dir <dir>` writes the server's CPU profile (read it with bench/desk/top-functions.ts).
 */
import autocannon, { type Result } from 'autocannon';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { io, type Socket } from 'socket.io-client';
import { TestDatabase } from '../../test/support/test-database';
import { readMunicipalityRows } from '../../libs/municipalities/src/municipality-data';
import { PassiveDashboard } from './passive-dashboard';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const REQUESTS = arg('requests', 30_000);
const MAX_SECONDS = arg('max-seconds', 120);
const HEALTH_SECONDS = arg('health-seconds', 10);
const CONNECTIONS = arg('connections', 50);
/** --rate N: send at most N requests a second in all (0: as fast as the server answers). Latency is only meaningful below saturation. */
const RATE = arg('rate', 0);
const DASHBOARDS = arg('dashboards', 500);
const SAMPLED = Math.min(20, DASHBOARDS);
/** --cpu-prof-dir <dir>: profile the server and write its CPU profile there after the POST phase. */
const PROFILE_DIR = process.argv.includes('--cpu-prof-dir') ? process.argv[process.argv.indexOf('--cpu-prof-dir') + 1] : null;
/** --api-processes N: N API processes on one database and Redis (the documented way to scale out); load and dashboards spread over them. */
const API_PROCESSES = arg('api-processes', 1);
/**
 * --guard: keep the load guard's rules on. The bench's database has no waves and so no forecast, so every
 * municipality's spike rule trips once during the run and each trip's `guard:alert` goes to all 500
 * dashboards: the guard's work (bench/guard measures it), not the desk's. Off by default.
 */
const GUARD = process.argv.includes('--guard');
const PORTS = Array.from({ length: API_PROCESSES }, (_, i) => 3390 + i);
const BASES = PORTS.map((port) => `http://127.0.0.1:${port}`);
const BASE = BASES[0];
/** autocannon takes several URLs (connection i goes to URL i mod n), though its types say one. */
const urls = (path: string): string => BASES.map((b) => `${b}${path}`) as unknown as string;
const ADMIN_PASSWORD = 'bench-admin-password';

async function json<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(BASE + path, { ...init, headers: { 'content-type': 'application/json', ...(init.headers ?? {}) } });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** CPU seconds a process has used so far (user + system), from /proc; 0 when it cannot be read. */
function cpuSecondsOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}
const pidOf = (name: string): number | undefined => {
  try {
    return Number(execFileSync('pidof', ['-s', name], { encoding: 'utf8' }).trim()) || undefined;
  } catch {
    return undefined;
  }
};

/** Who used the CPU during a phase: each API process, MariaDB, Redis and this process (load generator + dashboards). */
function cpuMeter(apis: ChildProcess[]): () => string {
  const parties: Array<[string, () => number]> = [
    ...apis.map((api, i): [string, () => number] => [apis.length > 1 ? `API ${i + 1}` : 'API', () => cpuSecondsOf(api.pid)]),
    ['MariaDB', ((pid) => () => cpuSecondsOf(pid))(pidOf('mariadbd'))],
    ['Redis', ((pid) => () => cpuSecondsOf(pid))(pidOf('redis-server'))],
    ['load generator + dashboards', () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; }],
  ];
  const started = performance.now();
  const before = parties.map(([, read]) => read());
  return () => {
    const seconds = (performance.now() - started) / 1000;
    const used = parties.map(([name, read], i) => [name, (read() - before[i]) / seconds] as const);
    const total = used.reduce((sum, [, cores]) => sum + cores, 0);
    return `${used.map(([name, cores]) => `${name} ${fmt(cores, 2)}`).join(', ')}; together ${fmt(total, 2)} of ${cpus().length} cores`;
  };
}

async function startApi(databaseUrl: string, port: number, dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...(PROFILE_DIR ? ['--import', './bench/desk/cpu-profile.mjs'] : []), 'dist/apps/api/src/main.js'], {
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn',
      DATA_DIR: dataDir, WAVEDESK_ADMIN_PASSWORD: ADMIN_PASSWORD,
      JWT_SECRET: 'bench-secret-0123456789abcdef', QUEUE_PREFIX: `bench${process.pid}`,
      ...(PROFILE_DIR ? { BENCH_CPU_PROF_DIR: PROFILE_DIR } : {}),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 120; i++) {
    if (await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false)) return child;
    await sleep(500);
  }
  child.kill();
  throw new Error('the API did not start (run npm run build:server first)');
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Autocommit INSERTs a second straight to MariaDB (no HTTP, no Nest), over 20 connections like the API's pool. */
async function insertFloor(databaseUrl: string, count = 10_000): Promise<number> {
  const { createPool } = await import('mysql2/promise');
  const pool = createPool({ uri: databaseUrl, connectionLimit: 20, timezone: 'Z' });
  try {
    await pool.query('CREATE TABLE bench_floor LIKE inquiries');
    let sent = 0;
    const started = performance.now();
    const worker = async () => {
      while (sent < count) {
        sent++;
        await pool.execute(
          'INSERT INTO bench_floor (municipalityCode, channel, category, callerType, outcome, receivedAt, durationSeconds, note, loggedById, loggedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          ['011002', 'phone', 'how_to_apply', 'self', 'resolved', new Date(), 120, `折り返し不要 #${sent}`, 1, new Date()],
        );
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, worker));
    return count / ((performance.now() - started) / 1000);
  } finally {
    await pool.query('DROP TABLE IF EXISTS bench_floor');
    await pool.end();
  }
}

async function main(): Promise<void> {
  const db = new TestDatabase();
  const loadBefore = loadavg();
  const databaseUrl = await db.create();
  const dataDir = mkdtempSync(join(tmpdir(), 'wavedesk-bench-'));
  const apis: ChildProcess[] = [];
  for (const port of PORTS) apis.push(await startApi(databaseUrl, port, dataDir)); // one after the other: the first migrates
  const sockets: Socket[] = [];
  const passive: PassiveDashboard[] = [];
  try {
    const { accessToken: admin } = await json<{ accessToken: string }>('/api/auth/login', { method: 'POST', body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
    const auth = { authorization: `Bearer ${admin}` };
    if (!GUARD) {
      const { rules } = await json<{ rules: Array<Record<string, unknown>> }>('/api/guard/rules', { headers: auth });
      await json('/api/guard/rules', { method: 'PUT', headers: auth, body: JSON.stringify({ rules: rules.map((r) => ({ ...r, enabled: false })) }) });
    }

    // 1. The framework's ceiling on this server.
    const health = await autocannon({ url: urls('/api/health'), connections: CONNECTIONS, duration: HEALTH_SECONDS });

    // 1b. The database's ceiling on this machine: the same autocommit INSERT straight from mysql2, CONNECTIONS
    //     at a time, into a copy of the inquiries table (same indexes).
    const databaseRate = await insertFloor(databaseUrl);

    // 2. Dashboards in the union room: SAMPLED real socket.io clients that decode every event and record when
    //    each inquiry reaches them, and the rest passive (the server's work is the same, see PassiveDashboard).
    const arrivals = new Map<number, number>(); // bench sequence number → first arrival at a sampled client
    const arrivalsById = new Map<number, number>();
    let received = 0;
    const seen = (record: { id: number; note: string | null }) => {
      received++;
      const at = performance.now();
      const seq = Number(/#(\d+)$/.exec(record.note ?? '')?.[1]);
      if (!arrivals.has(seq)) arrivals.set(seq, at);
      if (!arrivalsById.has(record.id)) arrivalsById.set(record.id, at);
    };
    for (let i = 0; i < SAMPLED; i++) {
      const socket = io(`${BASES[i % BASES.length]}/live`, { auth: { token: admin, batch: true }, transports: ['websocket'], reconnection: false, forceNew: true });
      socket.on('inquiry:logged', seen);
      socket.on('inquiries:logged', (records: Array<{ id: number; note: string | null }>) => records.forEach(seen));
      sockets.push(socket);
    }
    for (let i = SAMPLED; i < DASHBOARDS; i++) passive.push(new PassiveDashboard(BASES[i % BASES.length], admin));
    await Promise.all([
      ...sockets.map((s) => new Promise<void>((resolve, reject) => {
        s.once('hello', () => resolve());
        s.once('connect_error', reject);
      })),
      ...passive.map((d) => d.ready),
    ]);

    const codes = readMunicipalityRows().map((m) => m.code);
    const channels = ['phone', 'visit'];
    const categories = ['how_to_apply', 'lost_form', 'wrong_details', 'already_have_card', 'photo', 'proxy'];
    if (PROFILE_DIR) for (const api of apis) api.kill('SIGWINCH'); // start profiling the server
    const sent: number[] = []; // bench sequence number → when its request was handed to the socket
    const responded = new Map<number, number>(); // inquiry id → when its 201 was read
    let n = 0;
    let finished!: (r: Result) => void;
    const done = new Promise<Result>((resolve) => (finished = resolve));
    const post = autocannon({
      url: urls('/api/inquiries'),
      connections: CONNECTIONS,
      amount: REQUESTS,
      ...(RATE > 0 ? { overallRate: RATE } : {}),
      timeout: 30,
      requests: [{
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        setupRequest: (req) => {
          n++;
          sent[n] = performance.now();
          return {
            ...req,
            body: JSON.stringify({
              municipalityCode: codes[n % codes.length], channel: channels[n % 2], category: categories[n % categories.length],
              callerType: 'self', outcome: 'resolved', durationSeconds: 120 + (n % 300), note: `折り返し不要 #${n}`,
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
    const cpuDuringPost = cpuMeter(apis);
    const loadDuring = loadavg();
    let stoppedEarly = false;
    const stop = setTimeout(() => {
      stoppedEarly = true;
      post.stop();
    }, MAX_SECONDS * 1000);
    const postResult = await done;
    const cpuReport = cpuDuringPost();
    clearTimeout(stop);
    await sleep(2_000); // let the last events arrive
    if (PROFILE_DIR) for (const api of apis) api.kill('SIGWINCH');

    // 3. Request sent → dashboard (an upper bound of 201 → dashboard: the 201 leaves after the request is sent),
    //    and 201 read → dashboard, which is negative when the event arrives before the load generator reads the 201.
    const sendToDashboard: number[] = [];
    for (const [seq, at] of arrivals) if (sent[seq] !== undefined) sendToDashboard.push(at - sent[seq]);
    sendToDashboard.sort((a, b) => a - b);
    const afterResponse: number[] = [];
    for (const [id, at] of responded) {
      const arrived = arrivalsById.get(id);
      if (arrived !== undefined) afterResponse.push(arrived - at);
    }
    afterResponse.sort((a, b) => a - b);
    const missing = responded.size - afterResponse.length;

    // 4. Stored rows = 201 responses.
    const { createConnection } = await import('mysql2/promise');
    const conn = await createConnection(db.url);
    const [rows] = await conn.query('SELECT COUNT(*) AS n FROM inquiries');
    const [flush] = await conn.query('SELECT @@innodb_flush_log_at_trx_commit AS f, @@sync_binlog AS s');
    await conn.end();
    const stored = Number((rows as Array<{ n: number }>)[0].n);
    const durability = (flush as Array<{ f: number; s: number }>)[0];

    const ok201 = responded.size;
    const postRate = postResult.requests.average;
    const healthRate = health.requests.average;
    const ms = (sorted: number[], p: number) => fmt(percentile(sorted, p), 1);
    const report = [
      ['load average (1 min) before / during / after', `${fmt(loadBefore[0], 2)} / ${fmt(loadDuring[0], 2)} / ${fmt(loadavg()[0], 2)} on ${cpus().length} cores`],
      ['CPU during the POST phase (cores)', cpuReport],
      ['MariaDB durability', `innodb_flush_log_at_trx_commit=${durability.f}, sync_binlog=${durability.s}`],
      ['load guard rules', GUARD ? 'on (every municipality trips once in this run; each alert goes to every dashboard)' : 'off (--guard keeps them on)'],
      ['API processes', `${fmt(API_PROCESSES)} (load and dashboards spread over them; events cross through Redis)`],
      ['dashboards connected', `${fmt(DASHBOARDS)} (${fmt(SAMPLED)} decoding every event, ${fmt(passive.length)} passive)`],
      ['GET /api/health', `${fmt(healthRate)} req/s, p99 ${health.latency.p99} ms`],
      ['POST /api/inquiries', `${RATE > 0 ? `(offered ${fmt(RATE)}/s) ` : ''}${fmt(postRate)} req/s, p50 ${postResult.latency.p50} ms, p99 ${postResult.latency.p99} ms, errors ${postResult.errors}, non-2xx ${postResult.non2xx}`],
      ['the same INSERT straight to MariaDB', `${fmt(databaseRate)} /s (the database's ceiling in this run)`],
      ['POST / health throughput', `${fmt(postRate / healthRate, 3)}`],
      ['POST / database throughput', `${fmt(postRate / databaseRate, 3)}`],
      ['sent → dashboard (sampled clients)', `p50 ${ms(sendToDashboard, 50)} ms, p95 ${ms(sendToDashboard, 95)} ms, p99 ${ms(sendToDashboard, 99)} ms`],
      ['201 read → dashboard', `p50 ${ms(afterResponse, 50)} ms, p95 ${ms(afterResponse, 95)} ms; ${fmt(missing)} of ${fmt(ok201)} not seen`],
      ['events delivered to sampled clients', `${fmt(received)} (${fmt(SAMPLED)} × ${fmt(ok201)} expected)`],
      ['bytes received per passive dashboard', fmt(passive.reduce((sum, d) => sum + d.bytes, 0) / Math.max(1, passive.length))],
      ['201 responses / stored rows', `${fmt(ok201)} / ${fmt(stored)} ${ok201 === stored ? '(equal)' : `(DIFFERENT; ${stoppedEarly ? `stopped at --max-seconds with up to ${fmt(CONNECTIONS)} requests in flight, stored but never answered` : 'not stopped early'})`}`],
      ['targets', 'POST ≥ 2,000/s with p99 ≤ 50 ms; 201 → dashboard p95 ≤ 150 ms; rows = 201s'],
    ];
    for (const [k, v] of report) process.stdout.write(`${k.padEnd(46)} ${v}\n`);
  } finally {
    for (const s of sockets) s.disconnect();
    for (const d of passive) d.close();
    for (const api of apis) api.kill('SIGTERM');
    await sleep(1_000);
    await db.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
