import type { IsoDate } from '../business-calendar';
import type { ActualCount } from '../recalibration';

/**
 * What the forecast learns from the inquiry log: counts per municipality and JST day (for recalibration)
 * and recent phone-call durations (for the average handling time in staffing). The inquiries library
 * hands in the real one; until then there is nothing logged.
 */
export abstract class ActualsSource {
  abstract dailyCounts(from: IsoDate, to: IsoDate): Promise<ActualCount[]>;
  abstract recentPhoneDurations(): Promise<number[]>;
}

export class NoActuals extends ActualsSource {
  async dailyCounts(): Promise<ActualCount[]> {
    return [];
  }
  async recentPhoneDurations(): Promise<number[]> {
    return [];
  }
}
