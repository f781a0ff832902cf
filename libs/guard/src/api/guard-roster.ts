import type { IsoDate } from '@wavedesk/forecast';

/**
 * Operators on the union's phones per day, for the call-center capacity rule. wavedesk keeps no roster
 * yet: the nominal roster says 10 operators every day (1,240 inquiries a day with the defaults, well above
 * the 424 of the forecast peak day), so the rule trips only on a plan far beyond the campaign's size. The
 * simulator (or a future roster screen) binds its own `GuardRoster`.
 */
export abstract class GuardRoster {
  abstract operatorsOnDuty(date: IsoDate): number;
}

export const NOMINAL_OPERATORS = 10;

export class NominalRoster extends GuardRoster {
  operatorsOnDuty(): number {
    return NOMINAL_OPERATORS;
  }
}
