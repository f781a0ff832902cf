/**
 * Preloaded into the API by `desk.bench.ts --cpu-prof-dir <dir>`: the first SIGWINCH (a signal Nest's shutdown
 * hooks leave alone) starts V8's profiler,
 * the second writes `<dir>/api-<pid>.cpuprofile` (the bench sends them around the POST phase, so start-up
 * and the health phase are left out). Read it with `npx tsx bench/desk/top-functions.ts <file>` or in
 * Chrome DevTools.
 */
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';

const dir = process.env.BENCH_CPU_PROF_DIR;
const session = new Session();
session.connect();
let started = false;
process.on('SIGWINCH', () => {
  if (!started) {
    started = true;
    session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 500 }, () => session.post('Profiler.start')));
    return;
  }
  session.post('Profiler.stop', (error, result) => {
    if (!error) writeFileSync(join(dir, `api-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    process.stderr.write(`cpu profile written to ${dir}\n`);
  });
});
