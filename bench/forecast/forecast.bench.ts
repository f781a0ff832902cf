/**
 * Benchmark: recomputing the whole plan's forecast after a wave moves.
 *
 *   npx tsx bench/forecast/forecast.bench.ts [iterations]
 *
 * The plan: the 179 municipalities of libs/municipalities/data, the survey's 614,058 forms spread over them
 * in proportion to total population (no per-municipality count of people aged 75+ is public), mailed in
 * four weekly waves, forecast over 120 business days, by hour. Each iteration moves one wave by a week and
 * recomputes everything (per municipality per day and hour, plus union totals). The floor is a plain loop
 * that only sums as many numbers as the forecast writes; the ratio says how far the model is from it.
 */
import { cpus } from 'node:os';
import { addBusinessDays, ForecastModel, type ForecastRange } from '@wavedesk/forecast';
import { hokkaidoWaves } from '../../libs/forecast/src/testing/hokkaido-plan';

const iterations = Number(process.argv[2] ?? 500);
const warmup = 100;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

const from = '2027-01-04';
const range: ForecastRange = { from, to: addBusinessDays(from, 119), granularity: 'hour' };
const mailDates = ['2027-02-15', '2027-02-22', '2027-03-01', '2027-03-08'];
const waves = hokkaidoWaves(mailDates);

const setupStart = performance.now();
const model = new ForecastModel(); // curve solved, hourly profile and calendar numbering built once
const setupMs = performance.now() - setupStart;

let sink = 0;
const plan = model.forecast(waves, range);
const values = plan.hourly.length;

// Recompute after moving a wave: wave i goes one week later, or back to its own date.
const times: number[] = [];
for (let i = 0; i < warmup + iterations; i++) {
  const w = i % waves.length;
  const own = mailDates[w % mailDates.length];
  waves[w] = { ...waves[w], mailDate: waves[w].mailDate === own ? addBusinessDays(own, 5) : own };
  const t0 = performance.now();
  const f = model.forecast(waves, range);
  const t1 = performance.now();
  sink += f.total;
  if (i >= warmup) times.push(t1 - t0);
}

// The floor: a loop that only sums the same number of values.
const data = new Float64Array(values);
for (let i = 0; i < values; i++) data[i] = (i % 97) / 97;
const floorTimes: number[] = [];
for (let i = 0; i < warmup + iterations; i++) {
  const t0 = performance.now();
  let s = 0;
  for (let j = 0; j < values; j++) s += data[j];
  const t1 = performance.now();
  sink += s;
  if (i >= warmup) floorTimes.push(t1 - t0);
}

const m = median(times);
const floor = median(floorTimes);
const fmt = (x: number) => x.toFixed(3);
console.log(`machine            ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, Node ${process.version}`);
console.log(`plan               ${plan.municipalityCodes.length} municipalities × ${plan.dates.length} business days × ${plan.hours.length} hours = ${values.toLocaleString('en')} hourly values`);
console.log(`                   ${waves.length} waves, ${plan.dates[0]} … ${plan.dates[plan.dates.length - 1]}, union total ${plan.total.toFixed(2)} inquiries`);
console.log(`model setup        ${fmt(setupMs)} ms (once: curve, hourly profile, calendar)`);
console.log(`recompute          median ${fmt(m)} ms, p95 ${fmt(percentile(times, 0.95))} ms, min ${fmt(Math.min(...times))} ms over ${iterations} runs`);
console.log(`floor (sum only)   median ${fmt(floor)} ms, p95 ${fmt(percentile(floorTimes, 0.95))} ms`);
console.log(`ratio              ${(m / floor).toFixed(1)} × the floor; budget 50 ms → ${m <= 50 ? 'OK' : 'OVER BUDGET'}`);
if (!Number.isFinite(sink)) console.log('unreachable');
