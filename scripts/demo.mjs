// `npm run demo [-- --scenario sapporo --scale 0.1 --speed 1]`: builds if needed, starts the API and the
// worker in simulation mode on the embedded defaults (SQLite under ./data, one file per scale; Redis at
// its default address), creates a demo admin and supervisor, starts the scenario and shows its progress.
// Ctrl-C stops the simulation cleanly, then both processes. See docs/simulator.md.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const say = (text) => process.stdout.write(`${text}\n`);

// --- options: the demo's own, the rest go to `cli simulate` ---
const args = process.argv.slice(2);
const value = (name, fallback) => {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return fallback;
  const [, inline] = args[i].split(/=(.*)/s, 2);
  const v = inline ?? args[i + 1];
  args.splice(i, inline === undefined ? 2 : 1);
  return v;
};
const scenario = value('scenario', 'sapporo');
const scale = value('scale', '1');
const port = value('port', process.env.PORT || '3000');
if (!/^\d*\.?\d+$/.test(scale)) {
  say(`--scale は 0.001〜1 の数で指定してください（${scale}）。`);
  process.exit(2);
}
const dataDir = resolve(ROOT, process.env.DATA_DIR || 'data');
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

// --- build when dist is missing or older than the sources ---
function newest(dir) {
  let n = 0;
  for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) n = Math.max(n, newest(p));
    else if (/\.(ts|tsx|css|csv|html)$/.test(e.name) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(e.name)) n = Math.max(n, statSync(join(ROOT, p)).mtimeMs);
  }
  return n;
}
const mtime = (p) => (existsSync(join(ROOT, p)) ? statSync(join(ROOT, p)).mtimeMs : 0);
const builds = [
  ['build:server', Math.min(mtime('dist/apps/api/src/main.js'), mtime('dist/apps/worker/src/main.js'), mtime('dist/apps/cli/src/main.js')), ['apps/api/src', 'apps/worker/src', 'apps/cli/src', 'libs']],
  ['build:web', mtime('dist/web/index.html'), ['apps/web/src', 'libs/contracts/src']],
];
for (const [script, built, sources] of builds) {
  if (built > Math.max(...sources.map(newest))) continue;
  say(`npm run ${script} …`);
  const run = spawnSync('npm', ['run', script, '--silent'], { cwd: ROOT, stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

// --- Redis must run: the worker's queues carry imports, matching and release ---
const redis = new URL(redisUrl);
const redisUp = await new Promise((resolve) => {
  const socket = connect(Number(redis.port || 6379), redis.hostname, () => (socket.end(), resolve(true)));
  socket.on('error', () => resolve(false));
  socket.setTimeout(2000, () => (socket.destroy(), resolve(false)));
});
if (!redisUp) {
  say(`Redis が ${redis.host} で動いていません。デモには Redis が必要です（取込・突合・発送をワーカーに渡すキュー）。`);
  say('  Debian/Ubuntu: sudo apt-get install redis-server && sudo service redis-server start');
  say('  macOS:         brew install redis && brew services start redis');
  say('  Docker:        docker run -d -p 6379:6379 redis:7');
  say('別の場所で動いているときは REDIS_URL=redis://host:6379 を付けて npm run demo を実行してください。');
  process.exit(1);
}

// --- one SQLite file (and its demo logins) per scale, so lists of two scales never mix ---
mkdirSync(dataDir, { recursive: true });
const base = join(dataDir, `demo-scale-${scale}`);
const loginsFile = `${base}.logins.json`;
const logins = existsSync(loginsFile)
  ? JSON.parse(readFileSync(loginsFile, 'utf8'))
  : { admin: { username: 'admin', password: randomBytes(9).toString('base64url') }, supervisor: { username: 'supervisor', password: randomBytes(9).toString('base64url') } };
writeFileSync(loginsFile, JSON.stringify(logins, null, 2), { mode: 0o600 });

const env = {
  ...process.env,
  PORT: port,
  DATA_DIR: dataDir,
  SQLITE_PATH: `${base}.sqlite`,
  REDIS_URL: redisUrl,
  WAVEDESK_SIMULATION: 'true',
  RELEASE_ALLOW_PLACEHOLDERS: 'true',
  RELEASE_TICK_MS: process.env.RELEASE_TICK_MS || '1000',
  WAVEDESK_ADMIN_PASSWORD: logins.admin.password,
  LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
};
delete env.DATABASE_URL;

const children = [];
let stopping = false;
// The worker imports and matches lists of 800,000 persons: a larger young generation for V8 (docs/imports.md §7).
const WORKER_NODE_FLAGS = ['--max-semi-space-size=64'];

function startChild(name, entry, extraArgs = [], stdio = 'inherit', nodeFlags = []) {
  const child = spawn(process.execPath, [...nodeFlags, entry, ...extraArgs], { cwd: ROOT, env, stdio });
  child.name = name;
  children.push(child);
  child.on('exit', (code, signal) => {
    if (name === 'simulate') return;
    if (!stopping) say(`wavedesk ${name} が終了しました（${signal ?? code}）。`);
    void stopAll(code ?? 1);
  });
  return child;
}

async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  const sim = children.find((c) => c.name === 'simulate' && c.exitCode === null);
  if (sim) {
    sim.kill('SIGINT'); // the CLI stops the simulation through DELETE /api/simulations/:id
    await new Promise((resolve) => (sim.once('exit', resolve), setTimeout(resolve, 35_000)));
  }
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode !== null || c.signalCode !== null ? null : new Promise((resolve) => c.once('exit', resolve)))));
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

say(`wavedesk デモ: シナリオ ${scenario}、規模 ${scale}（データベース ${base}.sqlite）`);
// The API first: it migrates the fresh SQLite file, which two processes must not do at once.
startChild('api', 'dist/apps/api/src/main.js');
const url = `http://127.0.0.1:${port}`;
for (let waited = 0; ; waited += 500) {
  const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
  if (ok) break;
  if (waited > 120_000 || stopping) {
    say('API が 2 分以内に起動しませんでした。');
    await stopAll(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
}
startChild('worker', 'dist/apps/worker/src/main.js', [], 'inherit', WORKER_NODE_FLAGS);

// The supervisor who watches the dashboard (created once per database).
const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(logins.admin) });
if (!login.ok) {
  say(`デモの管理者でサインインできません（${login.status}）。${loginsFile} と ${base}.sqlite を消してからやり直してください。`);
  await stopAll(1);
}
const { accessToken } = await login.json();
const created = await fetch(`${url}/api/users`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
  body: JSON.stringify({ ...logins.supervisor, role: 'supervisor' }),
});
if (!created.ok && created.status !== 409) say(`監督者を作成できませんでした（${created.status}）。`);

say('');
say(`  ブラウザで開く:  ${url}/dashboard   （シミュレーションの操作は ${url}/simulation）`);
say(`  監督者:  ${logins.supervisor.username} / ${logins.supervisor.password}`);
say(`  管理者:  ${logins.admin.username} / ${logins.admin.password}`);
say('  Ctrl-C でシミュレーションを止め、API とワーカーを終了します。');
say('');

const sim = startChild('simulate', 'dist/apps/cli/src/main.js', ['simulate', scenario, '--scale', scale, '--url', url, ...args]);
sim.on('exit', (code) => {
  if (stopping) return;
  say(code === 0 ? 'シミュレーションが終わりました。ダッシュボードはそのまま見られます。Ctrl-C で終了します。' : 'シミュレーションは完了しませんでした。Ctrl-C で終了します。');
});
