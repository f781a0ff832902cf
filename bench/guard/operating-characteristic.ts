/**
 * A spike rule's operating characteristic on one scope with a constant forecast: how often it trips at
 * the forecast, and how soon it trips when the load doubles — beside what the best test on a single
 * 30-minute count could do at a comparable false-alarm rate (the bound behind the 30-minute target).
 */
import { ForecastModel, mulberry32, poisson } from '@wavedesk/forecast';
import {
  dayIntervalShares,
  GuardDetector,
  isTrip,
  jstDayStartMs,
  poissonUpperTail,
  type ExpectedLoad,
  type SpikeRule,
} from '@wavedesk/guard';

const CODE = '011002';
const INTERVAL = 15 * 60_000;

export interface OperatingPoint {
  perDay: number;
  /** Trips per 40 business days at 1× forecast. */
  falseTripsPer40Days: number;
  /** Open minutes from the doubling (at 9:00) to the trip: median and 90th percentile; share within 30 and 120 minutes. */
  medianDelay: number;
  p90Delay: number;
  within30: number;
  within120: number;
  /** Best single 30-minute count test allowed one false alarm per 40 business days: share of doublings it catches in 30 minutes. */
  bound30: number;
}

/** Days are consecutive calendar days; only the open hours matter, so weekends need no special care. */
export function operatingCharacteristic(rule: SpikeRule, perDay: number, days: number, seed: number): OperatingPoint {
  const model = new ForecastModel();
  const shares = dayIntervalShares(model.parameters.channels, 15);
  const open: number[] = [];
  shares.forEach((s, i) => s > 0 && open.push(i));
  // One municipality carries the whole forecast, so a union rule sees the same load.
  const expected: ExpectedLoad = { daily: (_d, code) => (code === CODE || code === null ? perDay : 0), intervalShares: () => shares };
  const rules = [{ ...rule, resume: { mode: 'manual' as const, belowRatio: 1, forMinutes: 0 } }];
  const random = mulberry32(seed);
  const start = Date.parse('2027-04-05T00:00:00+09:00');

  // 1× for `days` days: count trips, re-arming at once after each.
  let trips = 0;
  const calm = new GuardDetector({ rules, expected });
  for (let d = 0; d < days; d++) {
    const dayStart = start + d * 86_400_000;
    for (const i of open) {
      const n = poisson(random, perDay * shares[i]);
      const times = Array.from({ length: n }, () => dayStart + i * INTERVAL + Math.floor(random() * INTERVAL)).sort((a, b) => a - b);
      for (const t of times) {
        for (const dec of calm.observe(CODE, new Date(t))) {
          if (isTrip(dec)) {
            trips++;
            calm.rearm(rule.id, dec.scope === 'union' ? 'union' : CODE, new Date(t));
          }
        }
      }
    }
  }

  // 2× from 9:00, for the rest of the day and the next day; one fresh detector per episode.
  const delays: number[] = [];
  const episodes = Math.max(200, Math.floor(days / 10));
  const nineOClock = 36;
  for (let e = 0; e < episodes; e++) {
    const detector = new GuardDetector({ rules, expected });
    let delay = Number.POSITIVE_INFINITY;
    let openMinutes = 0;
    outer: for (let d = 0; d < 2; d++) {
      const dayStart = jstDayStartMs('2027-04-05') + (d + e * 2) * 86_400_000;
      for (const i of open) {
        if (d === 0 && i < nineOClock) continue;
        const n = poisson(random, 2 * perDay * shares[i]);
        const times = Array.from({ length: n }, () => dayStart + i * INTERVAL + Math.floor(random() * INTERVAL)).sort((a, b) => a - b);
        for (const t of times) {
          if (detector.observe(CODE, new Date(t)).some(isTrip)) {
            delay = openMinutes + (t - (dayStart + i * INTERVAL)) / 60_000;
            break outer;
          }
        }
        openMinutes += 15;
      }
    }
    delays.push(delay);
  }
  delays.sort((a, b) => a - b);

  // The bound: a 30-minute window slid every 15 minutes (34 positions a day) may alarm falsely once in 40 days.
  const e30 = perDay * (30 / 525);
  const alpha = 1 / (34 * 40);
  let c = 0;
  while (poissonUpperTail(c, e30) > alpha) c++;
  return {
    perDay,
    falseTripsPer40Days: (trips / days) * 40,
    medianDelay: delays[Math.floor(delays.length / 2)],
    p90Delay: delays[Math.floor(delays.length * 0.9)],
    within30: delays.filter((x) => x <= 30).length / delays.length,
    within120: delays.filter((x) => x <= 120).length / delays.length,
    bound30: poissonUpperTail(c, 2 * e30),
  };
}
