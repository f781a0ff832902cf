/**
 * Planning time for the 179 municipalities (docs/planning.md, "Speed"):
 *
 *   npx tsx libs/mailing/src/planning/testing/plan.bench.ts [iterations]
 *
 * Plans the survey's 614,058 forms over 2027-02-15 … 2027-03-12 (19 business days) in three settings and
 * prints the median, p95 and fastest time of each, after warm-up runs. Not part of the library.
 */
import { loadavg } from 'node:os';
import { ForecastModel } from '@wavedesk/forecast';
import { callCenterDailyCapacity } from '../call-center-capacity';
import type { PlanInput } from '../planning.types';
import { planWaves } from '../wave-planner';
import { hokkaidoBatch } from './hokkaido-batch';

const iterations = Number(process.argv[2] ?? 200);
const model = new ForecastModel();
const base: PlanInput = {
  model,
  municipalities: hokkaidoBatch(),
  mailFrom: '2027-02-15',
  mailTo: '2027-03-12',
  callCenterCapacityPerDay: callCenterDailyCapacity(model, 30),
};

const cases: [string, PlanInput][] = [
  ['fits, defaults (4 waves a week apart)', base],
  ['fits, waves ≥ 3 business days apart (7 waves)', { ...base, options: { minSpacingBusinessDays: 3 } }],
  ['does not fit (call center 230/day), with the window advice', { ...base, callCenterCapacityPerDay: 230 }],
];

for (const [name, input] of cases) {
  for (let i = 0; i < 10; i++) planWaves(input);
  const times: number[] = [];
  let result = planWaves(input);
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    result = planWaves(input);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
  console.log(
    `${name}: median ${at(0.5)} ms, p95 ${at(0.95)} ms, fastest ${times[0].toFixed(1)} ms ` +
      `(${result.waves.length} waves, fits ${result.evaluation.fits}, union peak ${result.evaluation.union.load.toFixed(1)})`,
  );
}
console.log(`node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
