import type { HourLoad } from '../api';

/** One hour on the hourly chart: actual against the forecast and its Poisson band. */
export interface HourRow {
  hour: number;
  label: string;
  /** null for hours still to come today (not zero: nothing is known yet) */
  actual: number | null;
  forecast: number;
  /** forecast ± 2√forecast, the range a Poisson count stays in about 95 % of the time (low never below 0) */
  band: [number, number];
}

/** The band a Poisson count with mean `forecast` stays in about 95 % of the time: forecast ± 2√forecast. */
export function poissonBand(forecast: number): [number, number] {
  const spread = 2 * Math.sqrt(Math.max(0, forecast));
  return [Math.max(0, forecast - spread), forecast + spread];
}

/**
 * The hours to draw: at least the opening hours 8–18, widened to any hour with inquiries or forecast.
 * `currentHour` (today) leaves later hours' actual empty; null (a past day) shows every hour.
 */
export function hourlyRows(hours: readonly HourLoad[], currentHour: number | null): HourRow[] {
  const busy = hours.filter((h) => h.actual > 0 || h.forecast > 0).map((h) => h.hour);
  const first = Math.min(8, ...busy);
  const last = Math.max(18, ...busy);
  return hours
    .filter((h) => h.hour >= first && h.hour <= last)
    .map((h) => ({
      hour: h.hour,
      label: `${h.hour}時`,
      actual: currentHour !== null && h.hour > currentHour ? null : h.actual,
      forecast: h.forecast,
      band: poissonBand(h.forecast),
    }));
}

/** Unrounded expected counts as people read them: one decimal below 10 ("2.4"), whole numbers with separators above. */
export function formatExpected(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (value > 0 && value < 10) return value.toLocaleString('ja-JP', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return Math.round(value).toLocaleString('ja-JP');
}
