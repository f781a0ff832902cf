// `npm start`: the API (which serves the web app on the same port) and the worker, as one command.
// Either process ending ends both, so a failure is never hidden. The worker starts once the API answers:
// the API migrates the database first (on a fresh embedded SQLite file two processes must not both try).
import { spawn } from 'node:child_process';

const port = Number(process.env.PORT ?? 3000);
const processes = [];
let stopping = false;

// The worker imports and matches lists of 800,000 persons: a larger young generation for V8 (docs/imports.md §7).
const WORKER_NODE_FLAGS = ['--max-semi-space-size=64'];

function start(name, entry, nodeFlags = []) {
  const child = spawn(process.execPath, [...nodeFlags, entry], { stdio: 'inherit', env: process.env });
  child.on('exit', (code, signal) => {
    process.stderr.write(`wavedesk ${name} exited (${signal ?? code})\n`);
    stopping = true;
    for (const other of processes) if (other !== child && other.exitCode === null) other.kill('SIGTERM');
    process.exitCode = code ?? 1;
  });
  processes.push(child);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopping = true;
    processes.forEach((p) => p.exitCode === null && p.kill(signal));
  });
}

start('api', 'dist/apps/api/src/main.js');
// Any answer will do (health may say "degraded" without Redis): the API is up, its migrations ran.
for (let waited = 0; !stopping; waited += 250) {
  if (await fetch(`http://127.0.0.1:${port}/api/health`).then(() => true, () => false)) break;
  if (waited > 180_000) {
    process.stderr.write('wavedesk api did not answer within 3 minutes; starting the worker anyway\n');
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, 250));
}
if (!stopping) start('worker', 'dist/apps/worker/src/main.js', WORKER_NODE_FLAGS);
