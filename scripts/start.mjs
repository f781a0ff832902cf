// `npm start`: the API (which serves the web app on the same port) and the worker, as one command.
// Either process ending ends both, so a failure is never hidden.
import { spawn } from 'node:child_process';

const processes = [
  ['api', 'dist/apps/api/src/main.js'],
  ['worker', 'dist/apps/worker/src/main.js'],
].map(([name, entry]) => {
  const child = spawn(process.execPath, [entry], { stdio: 'inherit', env: process.env });
  child.on('exit', (code, signal) => {
    process.stderr.write(`wavedesk ${name} exited (${signal ?? code})\n`);
    for (const other of processes) if (other !== child && other.exitCode === null) other.kill('SIGTERM');
    process.exitCode = code ?? 1;
  });
  return child;
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => processes.forEach((p) => p.exitCode === null && p.kill(signal)));
}
