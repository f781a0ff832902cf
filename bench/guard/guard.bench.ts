/**
 * Evaluation of the load guard on simulated campaigns (method and figures: docs/guard.md).
 *
 *   npx tsx bench/guard/guard.bench.ts [--campaigns N] [--seed S] [--threshold h] [--scenarios name,name]
 *
 * For each scenario, N campaigns of the synthetic Hokkaido plan (campaign-plan.ts) run on a simulated
 * clock with 15-minute steps, inquiries drawn as Poisson counts around the forecast times the scenario's
 * multipliers, once with the guard on (the default rules) and once with it off, from the same seeds.
 * Prints, per scenario: trips and holds per campaign, the time from the spike's start to the hold, and
 * the busiest day's load against the call center's capacity with the guard on and off. Then the spike
 * rule's operating characteristic against the size of a municipality.
 */
import { cpus } from 'node:os';
import { DEFAULT_CAPACITY_PARAMS, DEFAULT_GUARD_RULES, type GuardRule, type SpikeRule } from '@wavedesk/guard';
import { buildCampaignPlan } from './campaign-plan';
import { makeSetup, simulateCampaign, type Scenario, type SimResult } from './campaign-sim';
import { operatingCharacteristic } from './operating-characteristic';
import { baseline, forecastTooLow, hokkaidoSurge, operatorsAbsent, sapporoDoubled, sapporoSpike } from './scenarios';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const campaigns = arg('campaigns', 100);
const seed0 = arg('seed', 1);
if (!Number.isInteger(campaigns) || campaigns < 1) throw new Error('--campaigns must be a whole number ≥ 1');
/** The municipality spike rule's threshold h, to see the trade-off between false holds and delay. */
const threshold = arg('threshold', NaN);
const rules: GuardRule[] = DEFAULT_GUARD_RULES.map((r) =>
  r.kind === 'spike' && r.scope === 'municipality' && Number.isFinite(threshold) ? { ...r, params: { ...r.params, threshold } } : r,
);

const plan = buildCampaignPlan();
const setup = makeSetup(plan, DEFAULT_CAPACITY_PARAMS);
const manualSpike: GuardRule[] = rules.map((r) => (r.kind === 'spike' ? { ...r, resume: { ...r.resume, mode: 'manual' } } : r));

const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : NaN);
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
};

interface Summary {
  trips: number;
  holds: number;
  postponements: number;
  tripsByRule: Map<string, number>;
  delays: number[];
  undetected: number;
  alreadyHeld: number;
  /** Per campaign: the day with the highest load / capacity. */
  peakRatio: number[];
  peakLoad: number[];
  peakCapacity: number[];
  daysOver: number[];
  excess: number[];
  lastMailShift: number[];
}

function run(scenario: Scenario, rules: readonly GuardRule[] | null): Summary {
  const s: Summary = {
    trips: 0,
    holds: 0,
    postponements: 0,
    tripsByRule: new Map(),
    delays: [],
    undetected: 0,
    alreadyHeld: 0,
    peakRatio: [],
    peakLoad: [],
    peakCapacity: [],
    daysOver: [],
    excess: [],
    lastMailShift: [],
  };
  const plannedLast = plan.waves[plan.waves.length - 1].mailDate;
  for (let c = 0; c < campaigns; c++) {
    const r: SimResult = simulateCampaign(setup, scenario, seed0 * 100_000 + c, rules ? { rules } : null);
    s.trips += r.trips.length;
    s.holds += r.holds;
    s.postponements += r.postponements;
    for (const t of r.trips) s.tripsByRule.set(t.ruleId, (s.tripsByRule.get(t.ruleId) ?? 0) + 1);
    if (rules && r.spikeMeasured) {
      if (r.alreadyTripped) s.alreadyHeld++;
      else if (r.delayMinutes === null) s.undetected++;
      else s.delays.push(r.delayMinutes);
    }
    let worst = r.days[0];
    let over = 0;
    let excess = 0;
    for (const d of r.days) {
      if (d.load / d.capacity > worst.load / worst.capacity) worst = d;
      if (d.load > d.capacity) {
        over++;
        excess += d.load - d.capacity;
      }
    }
    s.peakRatio.push(worst.load / worst.capacity);
    s.peakLoad.push(worst.load);
    s.peakCapacity.push(worst.capacity);
    s.daysOver.push(over);
    s.excess.push(excess);
    s.lastMailShift.push(setup.model.calendar.businessDaysBetween(plannedLast, r.lastMailDate));
  }
  return s;
}

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '—');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—');
const pct = (x: number) => `${(100 * x).toFixed(0)} %`;

console.log(`machine   ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, Node ${process.version}`);
console.log(`plan      ${plan.municipalities.length} municipalities, ${plan.waves.reduce((n, w) => n + w.forms, 0).toLocaleString('en')} forms, ${plan.waves.length} waves ${plan.waves[0].mailDate} … ${plan.waves[plan.waves.length - 1].mailDate}`);
let plannedPeak = 0;
for (const v of setup.planned.unionDaily) plannedPeak = Math.max(plannedPeak, v);
console.log(`roster    ${setup.fullOperators} operators on the phones (Erlang C for the forecast's busiest day, ${f1(plannedPeak)} inquiries); campaigns per scenario: ${campaigns}, seed ${seed0}`);
console.log('');

const scenarios: { scenario: Scenario; rules: readonly GuardRule[]; label: string; off: boolean }[] = [
  { scenario: baseline, rules, label: 'baseline', off: true },
  { scenario: sapporoSpike(3, 2), rules, label: '札幌市 3× for 2 h (auto resume)', off: true },
  { scenario: sapporoSpike(3, 2), rules: manualSpike, label: '札幌市 3× for 2 h (manual resume)', off: false },
  { scenario: hokkaidoSurge(2.5), rules, label: 'Hokkaido 2.5× for a day (auto resume)', off: true },
  { scenario: hokkaidoSurge(2.5), rules: manualSpike, label: 'Hokkaido 2.5× for a day (manual resume)', off: false },
  { scenario: operatorsAbsent(15), rules, label: 'half the operators absent 15 days', off: true },
  { scenario: sapporoDoubled(50), rules, label: '札幌市 2× sustained (≥ 50/day)', off: false },
  { scenario: forecastTooLow(1.25), rules, label: 'true rate 25 % above forecast', off: false },
];

const only = process.argv.includes('--scenarios') ? process.argv[process.argv.indexOf('--scenarios') + 1].split(',') : null;
const rows: string[] = [];
const header = '| scenario | guard | trips / campaign | holds / campaign | waves moved | spike → hold, median (p90) | held ≤ 30 min | busiest day: load / capacity | days over capacity | inquiries over capacity | last wave later by |';
rows.push(header, `|${' --- |'.repeat(11)}`);
for (const { scenario, rules, label, off } of scenarios) {
  if (only && !only.includes(scenario.name)) continue;
  const t0 = performance.now();
  const on = run(scenario, rules);
  const variants: [string, Summary][] = [['on', on]];
  if (off) variants.push(['off', run(scenario, null)]);
  for (const [guard, s] of variants) {
    const detected = s.delays.length;
    const measured = detected + s.undetected;
    const delay = guard === 'on' && measured > 0 ? `${f1(quantile(s.delays, 0.5))} min (${f1(quantile(s.delays, 0.9))})` : '';
    const within = guard === 'on' && measured > 0 ? pct(s.delays.filter((d) => d <= 30).length / measured) : '';
    rows.push(
      `| ${label} | ${guard} | ${f2(s.trips / campaigns)} | ${f2(s.holds / campaigns)} | ${f2(s.postponements / campaigns)} | ${delay} | ${within} | ` +
        `${f1(mean(s.peakLoad))} / ${f1(mean(s.peakCapacity))} = ${f2(mean(s.peakRatio))} | ${f2(mean(s.daysOver))} | ${f1(mean(s.excess))} | ${f2(mean(s.lastMailShift))} bd |`,
    );
    if (guard === 'on' && s.tripsByRule.size > 0) {
      console.log(`${label}: trips by rule ${[...s.tripsByRule].map(([k, v]) => `${k} ${f2(v / campaigns)}`).join(', ')}` +
        (s.undetected || s.alreadyHeld ? `; not held by the next day's close ${s.undetected}, already held at the start ${s.alreadyHeld}` : ''));
    }
  }
  console.log(`${label}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
console.log('');
console.log(rows.join('\n'));

// How the spike rules behave with the size of the scope.
for (const id of ['spike-municipality', 'spike-union']) {
  const spikeRule = rules.find((r): r is SpikeRule => r.id === id && r.kind === 'spike')!;
  console.log('');
  console.log(`spike rule ${spikeRule.id}: k = ${spikeRule.params.multiplier}, h = ${spikeRule.params.threshold}, minCount ${spikeRule.params.minCount} in ${spikeRule.params.windowMinutes} min`);
  console.log('| forecast / day | false trips per 40 business days at 1× | 2× from 9:00 → trip, median (p90) | tripped ≤ 30 min | ≤ 2 h | best 30-min count test: caught ≤ 30 min |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  const sizes = id === 'spike-union' ? [100, 200, 400] : [10, 25, 50, 100, 200, 400, 800];
  for (const perDay of sizes) {
    const p = operatingCharacteristic(spikeRule, perDay, Math.max(400, campaigns * 8), seed0 + perDay);
    console.log(`| ${perDay} | ${f2(p.falseTripsPer40Days)} | ${f1(p.medianDelay)} min (${f1(p.p90Delay)}) | ${pct(p.within30)} | ${pct(p.within120)} | ${pct(p.bound30)} |`);
  }
}
