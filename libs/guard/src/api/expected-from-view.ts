/**
 * The guard's expected load from the forecast as ForecastService answers it (`forecast({ granularity:
 * 'day' })`): the same figures as `expectedLoadFromForecast`, but through the service, so that the
 * recalibrated forecast is used for waves not yet mailed once an admin switched it on (docs/forecast.md §6).
 */
import type { ChannelProfiles, ForecastView, IsoDate } from '@wavedesk/forecast';
import { dayIntervalShares, type ExpectedLoad } from '../rules/expected-load';

export function expectedLoadFromView(view: Pick<ForecastView, 'dates' | 'union' | 'municipalities'>, channels: ChannelProfiles): ExpectedLoad {
  const day = new Map<IsoDate, number>(view.dates.map((d, i) => [d, i]));
  const rows = new Map(view.municipalities.map((m) => [m.code, m.daily]));
  const shares = new Map<number, Float64Array>();
  return {
    daily(date, municipalityCode) {
      const d = day.get(date);
      if (d === undefined) return 0;
      const row = municipalityCode === null ? view.union.daily : rows.get(municipalityCode);
      return row?.[d] ?? 0;
    },
    intervalShares(intervalMinutes) {
      let s = shares.get(intervalMinutes);
      if (!s) shares.set(intervalMinutes, (s = dayIntervalShares(channels, intervalMinutes)));
      return s;
    },
  };
}
