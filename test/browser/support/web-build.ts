import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
/** The built web app that browser tests serve through the API (`WEB_DIST`). */
export const WEB_DIST = join(ROOT, 'dist/web');
const SOURCES = [join(ROOT, 'apps/web'), join(ROOT, 'libs/contracts/src')];

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), stat.mtimeMs);
}

/**
 * Makes sure dist/web holds a build of the current web sources: runs `npm run build:web` when
 * dist/web/index.html is missing or older than any file under apps/web or libs/contracts. Returns WEB_DIST.
 */
export function ensureWebBuild(): string {
  const index = join(WEB_DIST, 'index.html');
  const stale = !existsSync(index) || SOURCES.some((dir) => newestChange(dir) > statSync(index).mtimeMs);
  if (stale) {
    const run = spawnSync('npm', ['run', 'build:web'], { cwd: ROOT, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`npm run build:web failed:\n${run.stdout}\n${run.stderr}`);
  }
  return WEB_DIST;
}
