// `npm test`: every Jest tier (unit, integration, end-to-end incl. browser), then one line
// `tests: N passed, N failed` taken from Jest's own JSON results.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const results = join(tmpdir(), `wavedesk-jest-${process.pid}.json`);
const args = ['node_modules/jest/bin/jest.js', '--json', `--outputFile=${results}`, '--maxWorkers=2', ...process.argv.slice(2)];
const run = spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, TZ: 'Asia/Tokyo' } });
let passed = 0;
let failed = 0;
try {
  const json = JSON.parse(readFileSync(results, 'utf8'));
  passed = json.numPassedTests;
  failed = json.numFailedTests + json.numRuntimeErrorTestSuites;
  rmSync(results, { force: true });
} catch {
  failed += 1;
}
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed\n`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
