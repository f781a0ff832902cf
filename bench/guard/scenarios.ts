/**
 * The evaluation's scenarios. Dates are drawn on the planned calendar (an outside event happens whatever
 * the guard does); start times on the 15-minute grid.
 */
import { addBusinessDays, type IsoDate } from '@wavedesk/forecast';
import { jstDayStartMs } from '@wavedesk/guard';
import { SAPPORO } from './campaign-plan';
import type { CampaignSetup, Scenario, ScenarioInstance } from './campaign-sim';

const INTERVAL_MS = 15 * 60_000;
/** Interval index of HH:MM on the 15-minute grid. */
const at = (h: number, m = 0) => (h * 60 + m) / 15;
const pick = (random: () => number, from: number, to: number) => from + Math.floor(random() * (to - from + 1));

const flat: Pick<ScenarioInstance, 'multiplier' | 'operators'> = { multiplier: () => 1, operators: (_d, full) => full };

export const baseline: Scenario = {
  name: 'baseline',
  describe: 'every municipality at its forecast, full roster',
  instance: () => flat,
};

/** Every municipality at `factor` × forecast all campaign long: the forecast's rate is too low (no recalibration). */
export function forecastTooLow(factor: number): Scenario {
  return {
    name: `forecast-low-${factor}x`,
    describe: `every municipality at ${factor}× forecast throughout`,
    instance: () => ({ ...flat, multiplier: () => factor }),
  };
}

/** Sapporo at `factor` × forecast for `hours` from a random start (9:00–15:00) on the peak day of wave 3's Sapporo part. */
export function sapporoSpike(factor: number, hours: number): Scenario {
  return {
    name: `sapporo-${factor}x-${hours}h`,
    describe: `札幌市 at ${factor}× forecast for ${hours} h on the day after wave 3 arrives`,
    instance(random, setup) {
      const s = setup.codes.indexOf(SAPPORO);
      const day = addBusinessDays(setup.model.arrivalDate(setup.plan.waves[2].mailDate), 1);
      const first = pick(random, at(9), at(15));
      const last = first + hours * 4 - 1;
      return {
        ...flat,
        multiplier: (m, date, i) => (m === s && date === day && i >= first && i <= last ? factor : 1),
        spike: { startMs: jstDayStartMs(day) + first * INTERVAL_MS, scope: SAPPORO },
      };
    },
  };
}

/** Every municipality at `factor` × forecast for one whole business day, between business days 10 and 30 of the campaign. */
export function hokkaidoSurge(factor: number): Scenario {
  return {
    name: `surge-${factor}x-1d`,
    describe: `all of Hokkaido at ${factor}× forecast for one day after a news report`,
    instance(random, setup) {
      const day = setup.planned.dates[pick(random, 10, 30)];
      return { ...flat, multiplier: (_m, date) => (date === day ? factor : 1), spike: { startMs: jstDayStartMs(day) + at(8, 45) * INTERVAL_MS, scope: 'union' } };
    },
  };
}

/**
 * Half the operators absent for `days` business days from wave 3's planned mail date: ⌊n / 2⌋ of n are
 * away (of 3 operators, 1 is away and 2 remain).
 */
export function operatorsAbsent(days: number): Scenario {
  return {
    name: `half-operators-${days}d`,
    describe: `half the call center's operators absent for ${days} business days from wave 3's date`,
    instance(_random, setup) {
      const from = setup.plan.waves[2].mailDate;
      const to = addBusinessDays(from, days - 1);
      return { multiplier: () => 1, operators: (date: IsoDate, full: number) => (date >= from && date <= to ? full - Math.floor(full / 2) : full) };
    },
  };
}

/**
 * The delay measurement: Sapporo doubles from a random start (9:00–14:00) on a random day on which its
 * forecast is at least `minDaily` and a later Sapporo wave is still to come, and stays doubled to the end
 * of the next business day.
 */
export function sapporoDoubled(minDaily: number): Scenario {
  return {
    name: `sapporo-2x-sustained`,
    describe: `札幌市 at 2× from a random moment on a day with ≥ ${minDaily} forecast inquiries`,
    instance(random, setup: CampaignSetup) {
      const s = setup.codes.indexOf(SAPPORO);
      const D = setup.planned.dates.length;
      const lastSapporoWave = setup.plan.waves[6].mailDate;
      const days = setup.planned.dates.filter((d, i) => setup.planned.daily[s * D + i] >= minDaily && d < lastSapporoWave);
      const day = days[pick(random, 0, days.length - 1)];
      const next = setup.model.calendar.nextBusinessDay(day);
      const first = pick(random, at(9), at(14));
      return {
        ...flat,
        multiplier: (m, date, i) => (m === s && ((date === day && i >= first) || date === next) ? 2 : 1),
        spike: { startMs: jstDayStartMs(day) + first * INTERVAL_MS, scope: SAPPORO },
      };
    },
  };
}
