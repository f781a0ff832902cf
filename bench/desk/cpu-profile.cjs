/**
 * Preloaded into the API by `desk.bench.ts --cpu-prof-dir <dir>`: profiles the whole process with V8's
 * profiler and writes `<dir>/api-<pid>.cpuprofile` on SIGUSR2 (the bench sends it after the POST phase).
 * Read it with `npx tsx bench/desk/top-functions.ts <file>` or in Chrome DevTools.
 */
const { Session } = require('node:inspector');
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const dir = process.env.BENCH_CPU_PROF_DIR;
const session = new Session();
session.connect();
session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 500 }, () => session.post('Profiler.start')));
process.on('SIGUSR2', () => {
  session.post('Profiler.stop', (error, result) => {
    if (!error) writeFileSync(join(dir, `api-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    process.stderr.write(`cpu profile written to ${dir}\n`);
  });
});
