import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const ROOT = resolve(__dirname, '../..');
export const API_MAIN = join(ROOT, 'dist/apps/api/src/main.js');
export const WORKER_MAIN = join(ROOT, 'dist/apps/worker/src/main.js');

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|csv)$/.test(entry.name) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Builds the server (`npm run build:server`) unless dist is newer than every source file. Test files
 * running in parallel take turns through a lock directory, so only one of them compiles.
 */
export async function ensureServerBuilt(): Promise<void> {
  const lock = join(ROOT, 'dist', '.test-build.lock');
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than two minutes was left by a killed run.
      if (waited > 120_000 || Date.now() - statSync(lock).mtimeMs > 120_000) rmdirSync(lock);
      await sleep(200);
    }
  }
  try {
    const sources = Math.max(...['apps/api/src', 'apps/worker/src', 'libs'].map((d) => newestSource(join(ROOT, d))));
    const built = (() => {
      try {
        return Math.min(statSync(API_MAIN).mtimeMs, statSync(WORKER_MAIN).mtimeMs);
      } catch {
        return 0;
      }
    })();
    if (built > sources) return;
    const run = spawnSync('npm', ['run', 'build:server'], { cwd: ROOT, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`npm run build:server failed:\n${run.stdout}\n${run.stderr}`);
  } finally {
    rmdirSync(lock);
  }
}

/** A child process whose output is collected, for assertions and for diagnosing a failed start. */
export class Child {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  /** How it ended: an exit code, or the signal that ended it. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(command: string, args: string[], env: Record<string, string | undefined>) {
    this.child = spawn(command, args, { cwd: ROOT, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolveExit) => this.child.once('exit', (code, signal) => resolveExit({ code, signal })));
  }

  /** Resolves when stdout matches; rejects if the process exits first or time runs out. */
  async waitFor(pattern: RegExp, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.stdout)) {
      if (this.child.exitCode !== null) throw new Error(`process exited with ${this.child.exitCode}:\n${this.stdout}\n${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${this.stdout}\n${this.stderr}`);
      await sleep(50);
    }
  }

  /**
   * SIGTERM, then SIGKILL if it has not exited within the grace period. A Nest app that shut down
   * gracefully re-raises SIGTERM on itself, so `signal: 'SIGTERM'` is a clean stop and `'SIGKILL'` is not.
   */
  async stop(graceMs = 10_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
      try {
        return await this.exited;
      } finally {
        clearTimeout(timer);
      }
    }
    return this.exited;
  }
}

/** The environment a child API or worker process gets: this machine's PATH and nothing from the test's own setup. */
export function childEnv(env: Record<string, string>): Record<string, string | undefined> {
  return { PATH: process.env.PATH, HOME: process.env.HOME, TZ: 'Asia/Tokyo', LOG_LEVEL: 'warn', ...env };
}

/** Runs the built API (or worker) to completion, e.g. to see a start refused. */
export async function runToExit(main: string, env: Record<string, string>, timeoutMs = 60_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = new Child(process.execPath, [main], childEnv(env));
  const timer = setTimeout(() => child.child.kill('SIGKILL'), timeoutMs);
  try {
    const { code } = await child.exited;
    return { code, stdout: child.stdout, stderr: child.stderr };
  } finally {
    clearTimeout(timer);
  }
}

/** A throwaway redis-server on a free port, for tests that need Redis to go away and come back. */
export async function startRedis(port: number): Promise<Child> {
  const redis = new Child('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], childEnv({}));
  await redis.waitFor(/Ready to accept connections/, 10_000);
  return redis;
}
