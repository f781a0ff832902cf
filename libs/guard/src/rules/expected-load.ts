/**
 * What the guard compares logged inquiries with: the forecast per municipality and for the union per
 * business day, spread over the day's clock intervals by the forecast's intraday profile.
 *
 *   expected(scope, date, interval i) = daily(scope, date) × intervalShare[i]
 *
 * `intervalShare[i]` is the share of a day's inquiries (all channels) in the i-th interval from 00:00;
 * it is 0 while phones and counters are closed. With the defaults (8:45–17:30, flat) every 15-minute
 * interval from 8:45 to 17:15 carries 1/35 of the day.
 */
import { intervalShares, type ChannelProfiles, type IsoDate, type PlanForecast, CHANNELS } from '@wavedesk/forecast';

export interface ExpectedLoad {
  /** Expected inquiries on a day in Japan, for a municipality (by code) or the union (`null`); 0 when unknown. */
  daily(date: IsoDate, municipalityCode: string | null): number;
  /** The share of a day's inquiries in each clock interval of `intervalMinutes` from 00:00 (1440 / intervalMinutes values). */
  intervalShares(intervalMinutes: number): Float64Array;
}

/** The combined share of all channels in each clock interval of the day (length 1440 / intervalMinutes). */
export function dayIntervalShares(channels: ChannelProfiles, intervalMinutes: number): Float64Array {
  const out = new Float64Array(1440 / intervalMinutes);
  for (const channel of CHANNELS) {
    const hours = channels[channel];
    for (const s of intervalShares(hours, intervalMinutes)) {
      const [h, m] = s.startsAt.split(':').map(Number);
      out[(h * 60 + m) / intervalMinutes] += hours.share * s.share;
    }
  }
  return out;
}

/**
 * The guard's expected load from a plan forecast (day granularity is enough) and the channel profiles it
 * was made with (`model.parameters.channels`).
 */
export function expectedLoadFromForecast(forecast: PlanForecast, channels: ChannelProfiles): ExpectedLoad {
  const D = forecast.dates.length;
  const dayIndex = new Map<IsoDate, number>();
  forecast.dates.forEach((d, i) => dayIndex.set(d, i));
  const row = new Map<string, number>();
  forecast.municipalityCodes.forEach((c, i) => row.set(c, i));
  const shares = new Map<number, Float64Array>();
  return {
    daily(date, municipalityCode) {
      const d = dayIndex.get(date);
      if (d === undefined) return 0;
      if (municipalityCode === null) return forecast.unionDaily[d];
      const m = row.get(municipalityCode);
      return m === undefined ? 0 : forecast.daily[m * D + d];
    },
    intervalShares(intervalMinutes) {
      let s = shares.get(intervalMinutes);
      if (!s) {
        s = dayIntervalShares(channels, intervalMinutes);
        shares.set(intervalMinutes, s);
      }
      return s;
    },
  };
}
