import type { ForecastWaveSummary } from '../../api';

/** The days the campaign curve covers: from the first wave's mailing to well after the last wave's peak. */
export interface CampaignRange {
  from: string;
  to: string;
}

const addDays = (isoDate: string, days: number): string => {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** How long after the last wave's peak the curve goes on: calls keep coming for about three months. */
export const TAIL_DAYS = 90;

/**
 * From the first mailing to 90 days after the last peak (and at least to today), at most two years (the
 * forecast's limit). No waves: null (there is no campaign to draw yet).
 */
export function campaignRange(waves: readonly ForecastWaveSummary[], today: string): CampaignRange | null {
  if (waves.length === 0) return null;
  const from = waves.reduce((min, w) => (w.mailDate < min ? w.mailDate : min), waves[0].mailDate);
  const lastPeak = waves.reduce((max, w) => (w.peakDate > max ? w.peakDate : max), waves[0].peakDate);
  let to = addDays(lastPeak, TAIL_DAYS);
  if (today > to) to = today;
  const limit = addDays(from, 2 * 365 - 1);
  return { from, to: to > limit ? limit : to };
}

/**
 * The per-day counts of `GET /api/inquiries.csv?pivot=day` (UTF-8 with BOM): `日付,件数,…` then one row per
 * day `2026/02/15,12,…` and a `合計` row. → Map of `YYYY-MM-DD` → count.
 */
export function parseDailyPivotCsv(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const line of lines.slice(1)) {
    const [day, count] = line.split(',').map((cell) => cell.replace(/^"|"$/g, '').trim());
    const m = /^(\d{4})\/(\d{2})\/(\d{2})$/.exec(day ?? '');
    if (m && count !== undefined && /^\d+$/.test(count)) counts.set(`${m[1]}-${m[2]}-${m[3]}`, Number(count));
  }
  return counts;
}

export interface CurveRow {
  date: string;
  /** "2/15" */
  label: string;
  forecast: number;
  /** null after today */
  actual: number | null;
}

/**
 * The cumulative curve: the forecast summed over the business days of the plan, and what was logged up to
 * each day (every calendar day counts, weekends included, so nothing logged on a Saturday is lost).
 * Days before today come from the daily counts; today from the live figure.
 */
export function cumulativeRows(
  dates: readonly string[],
  forecastDaily: readonly number[],
  pastCounts: ReadonlyMap<string, number>,
  todayActual: number,
  today: string,
): CurveRow[] {
  const past = [...pastCounts.entries()].filter(([day]) => day < today).sort(([a], [b]) => a.localeCompare(b));
  let forecast = 0;
  let i = 0;
  let actual = 0;
  return dates.map((date, d) => {
    forecast += forecastDaily[d] ?? 0;
    while (i < past.length && past[i][0] <= date) actual += past[i++][1];
    const [, month, day] = date.split('-').map(Number);
    return {
      date,
      label: `${month}/${day}`,
      forecast,
      actual: date > today ? null : actual + (date >= today ? todayActual : 0),
    };
  });
}
