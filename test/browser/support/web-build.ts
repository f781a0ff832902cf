import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = resolve(__dirname, '../../..');
/** The built web app that browser tests serve through the API (`WEB_DIST`). */
export const WEB_DIST = join(ROOT, 'dist/web');
const SOURCES = [join(ROOT, 'apps/web'), join(ROOT, 'libs/contracts/src')];
/** Held while one test process builds, so that parallel browser test files never build into dist/web at once. */
const LOCK = join(ROOT, 'dist/.web-build.lock');
const LOCK_STALE_MS = 5 * 60_000;

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), stat.mtimeMs);
}

function isStale(): boolean {
  const index = join(WEB_DIST, 'index.html');
  return !existsSync(index) || SOURCES.some((dir) => newestChange(dir) > statSync(index).mtimeMs);
}

function tryLock(): boolean {
  try {
    mkdirSync(LOCK, { recursive: false });
    return true;
  } catch {
    // held by another test process, unless it died long ago
    const held = statSync(LOCK, { throwIfNoEntry: false });
    if (held && Date.now() - held.mtimeMs > LOCK_STALE_MS) rmSync(LOCK, { recursive: true, force: true });
    return false;
  }
}

/**
 * Makes sure dist/web holds a build of the current web sources: runs `npm run build:web` when
 * dist/web/index.html is missing or older than any file under apps/web or libs/contracts/src. Returns WEB_DIST.
 */
export async function ensureWebBuild(): Promise<string> {
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const deadline = Date.now() + 3 * 60_000;
  while (isStale()) {
    if (tryLock()) {
      try {
        if (!isStale()) break;
        // Jest sets NODE_ENV=test; the web app is built as production, as `npm start` builds it.
        const run = spawnSync('npm', ['run', 'build:web'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
        if (run.status !== 0) throw new Error(`npm run build:web failed:\n${run.stdout}\n${run.stderr}`);
      } finally {
        rmSync(LOCK, { recursive: true, force: true });
      }
      break;
    }
    if (Date.now() > deadline) throw new Error(`Gave up waiting for another process to build the web app (lock ${LOCK}).`);
    await sleep(500);
  }
  return WEB_DIST;
}
