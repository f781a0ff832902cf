/** Forecast inquiries for one JST day: per municipality and in total, for the day and for each hour 0–23. */
export interface DayForecast {
  /** Keyed by municipality code; a municipality that is absent has no forecast inquiries that day. */
  perMunicipality: Record<string, { day: number; hours: number[] }>;
  total: { day: number; hours: number[] };
}

/**
 * Where the load figures get their forecast from. `date` is a JST calendar day, `YYYY-MM-DD` (a string, so
 * that no server time zone can shift it). Figures are unrounded expected counts. The load broadcaster calls
 * it at most twice a second; an implementation that reads the database should cache per day.
 */
export abstract class LoadForecast {
  abstract forDay(date: string): DayForecast | Promise<DayForecast>;
}

export const HOURS_PER_DAY = 24;
export const zeroHours = (): number[] => new Array<number>(HOURS_PER_DAY).fill(0);

/**
 * Forecasts nothing. The default until waves exist: the forecast module (libs/forecast) replaces it with the
 * forecast of the campaign's waves through `InquiriesModule.forRoot({ loadForecast })`.
 */
export class NoLoadForecast extends LoadForecast {
  forDay(): DayForecast {
    return { perMunicipality: {}, total: { day: 0, hours: zeroHours() } };
  }
}
