/**
 * The four scenarios (plain TypeScript): when and where the load departs from the forecast, and how many
 * operators are on duty. Their windows are fixed from the plan when the clock starts, so a run can be
 * reproduced; `multiplier` and `hours` are explicit inputs (docs/simulator.md says which values trip the guard).
 */
import type { SimulationScenario } from '@wavedesk/contracts';
import { businessCalendar, type IsoDate } from '@wavedesk/forecast';

export const SAPPORO_CODE = '011002';

export interface ScenarioInputs {
  scenario: SimulationScenario;
  multiplier: number;
  hours: number;
}

/** Defaults per scenario: 札幌市 3× for 2 open hours; the surge 2.5× for a business day; half the operators away. */
export const SCENARIO_DEFAULTS: Record<SimulationScenario, { multiplier: number; hours: number }> = {
  baseline: { multiplier: 1, hours: 0 },
  sapporo: { multiplier: 3, hours: 2 },
  surge: { multiplier: 2.5, hours: 8.75 },
  'half-operators': { multiplier: 1, hours: 0 },
};

/** Days the operators are short in `half-operators` (as in bench/guard). */
export const ABSENCE_BUSINESS_DAYS = 15;
/** The 札幌市 spike starts at 10:00 on its day. */
export const SPIKE_START_MINUTE = 10 * 60;

export interface PlannedWave {
  mailDate: IsoDate;
  municipalityCodes: readonly string[];
}

export interface ScenarioWindow {
  /** The day the load departs from the forecast (or operators are away from), and until which minute / day. */
  date: IsoDate | null;
  fromMinute: number;
  toMinute: number;
  /** `half-operators`: the last day of the absence. */
  untilDate: IsoDate | null;
  /** Only these municipalities (null: all). */
  codes: readonly string[] | null;
  description: string;
}

const calendar = () => businessCalendar();

/**
 * Where the scenario strikes, given the plan when the clock starts:
 * - sapporo: the busiest day (mail date + 3 business days) of the first wave with 札幌市 that has a later
 *   wave with 札幌市 (so there is a wave left to hold), from 10:00 for `hours` open hours;
 * - surge: a news report; the whole business day five business days after the first wave is mailed;
 * - half-operators: from the second wave's mail date, for 15 business days.
 */
export function scenarioWindow(inputs: ScenarioInputs, waves: readonly PlannedWave[], openMinute: number, closeMinute: number): ScenarioWindow {
  const byDate = [...waves].sort((a, b) => a.mailDate.localeCompare(b.mailDate));
  const none: ScenarioWindow = { date: null, fromMinute: 0, toMinute: 0, untilDate: null, codes: null, description: '試算どおり' };
  if (byDate.length === 0) return none;
  switch (inputs.scenario) {
    case 'baseline':
      return none;
    case 'sapporo': {
      const withSapporo = byDate.filter((w) => w.municipalityCodes.includes(SAPPORO_CODE));
      const first = withSapporo.find((w) => withSapporo.some((later) => later.mailDate > w.mailDate)) ?? withSapporo[0];
      if (!first) return { ...none, description: '札幌市を含む波がありません' };
      const date = calendar().addBusinessDays(first.mailDate, 3);
      const fromMinute = Math.max(openMinute, SPIKE_START_MINUTE);
      return {
        date, fromMinute, toMinute: Math.min(closeMinute, fromMinute + inputs.hours * 60), untilDate: date, codes: [SAPPORO_CODE],
        description: `札幌市で試算の${inputs.multiplier}倍（${date} ${clock(fromMinute)}から${inputs.hours}時間）`,
      };
    }
    case 'surge': {
      const date = calendar().addBusinessDays(byDate[0].mailDate, 5);
      return {
        date, fromMinute: openMinute, toMinute: Math.min(closeMinute, openMinute + inputs.hours * 60), untilDate: date, codes: null,
        description: `報道を受けて全道で試算の${inputs.multiplier}倍（${date}）`,
      };
    }
    case 'half-operators': {
      const date = (byDate[1] ?? byDate[0]).mailDate;
      const untilDate = calendar().addBusinessDays(date, ABSENCE_BUSINESS_DAYS - 1);
      return { date, fromMinute: openMinute, toMinute: closeMinute, untilDate, codes: null, description: `オペレーターの半数が不在（${date}〜${untilDate}）` };
    }
  }
}

const clock = (minute: number): string => `${Math.floor(minute / 60)}:${String(Math.round(minute % 60)).padStart(2, '0')}`;

/** The load factor of a municipality over a stretch of a day: the share of the stretch inside the window × (multiplier − 1), plus 1. */
export function loadMultiplier(inputs: ScenarioInputs, window: ScenarioWindow, code: string, date: IsoDate, fromMinute: number, toMinute: number): number {
  if (inputs.scenario === 'baseline' || inputs.scenario === 'half-operators' || window.date !== date) return 1;
  if (window.codes && !window.codes.includes(code)) return 1;
  const overlap = Math.max(0, Math.min(toMinute, window.toMinute) - Math.max(fromMinute, window.fromMinute));
  const span = toMinute - fromMinute;
  return span > 0 ? 1 + ((inputs.multiplier - 1) * overlap) / span : 1;
}

/** Operators on duty on a day: all of them, or in `half-operators` ⌈half⌉ away during the absence. */
export function operatorsOnDuty(inputs: ScenarioInputs, window: ScenarioWindow, roster: number, date: IsoDate): number {
  if (inputs.scenario !== 'half-operators' || !window.date || !window.untilDate) return roster;
  return date >= window.date && date <= window.untilDate ? Math.max(1, roster - Math.floor(roster / 2)) : roster;
}
