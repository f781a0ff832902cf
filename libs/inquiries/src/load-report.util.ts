import type { HourLoad, LoadFigures, LoadReport, MunicipalityLoad } from '@wavedesk/contracts';
import { type DayForecast, HOURS_PER_DAY, zeroHours } from './load-forecast';

/** Inquiries counted in SQL for one JST day: one row per municipality and JST hour that has any. */
export interface InquiryCountRow {
  municipalityCode: string;
  hour: number;
  count: number;
}

export interface LoadReportInput {
  date: string;
  /** The current JST hour when `date` is today, else null. */
  hour: number | null;
  generatedAt: Date;
  counts: InquiryCountRow[];
  forecast: DayForecast;
  /** The municipalities the reader may see, in display order. */
  municipalityCodes: string[];
  /** True when the reader sees all of Hokkaido: the total forecast is then the forecast's own total. */
  wholeUnion: boolean;
}

export const loadFigures = (actual: number, forecast: number): LoadFigures => ({
  actual,
  forecast,
  ratio: forecast > 0 ? actual / forecast : null,
});

const sum = (values: number[]): number => values.reduce((s, v) => s + v, 0);

function hourLoads(actual: number[], forecast: number[]): HourLoad[] {
  return actual.map((a, hour) => ({ hour, actual: a, forecast: forecast[hour] ?? 0 }));
}

/** Actual against forecast per municipality and in total, for the day and by hour. */
export function buildLoadReport(input: LoadReportInput): LoadReport {
  const actualByCode = new Map<string, number[]>();
  for (const row of input.counts) {
    if (row.hour < 0 || row.hour >= HOURS_PER_DAY) continue;
    let hours = actualByCode.get(row.municipalityCode);
    if (!hours) actualByCode.set(row.municipalityCode, (hours = zeroHours()));
    hours[row.hour] += row.count;
  }
  const totalActual = zeroHours();
  const totalForecast = zeroHours();
  let totalForecastDay = 0;
  const municipalities: MunicipalityLoad[] = input.municipalityCodes.map((code) => {
    const actual = actualByCode.get(code) ?? zeroHours();
    const predicted = input.forecast.perMunicipality[code];
    const forecastHours = predicted?.hours ?? zeroHours();
    for (let h = 0; h < HOURS_PER_DAY; h++) {
      totalActual[h] += actual[h];
      totalForecast[h] += forecastHours[h] ?? 0;
    }
    totalForecastDay += predicted?.day ?? 0;
    return {
      municipalityCode: code,
      day: loadFigures(sum(actual), predicted?.day ?? 0),
      thisHour: input.hour === null ? null : loadFigures(actual[input.hour], forecastHours[input.hour] ?? 0),
      hours: hourLoads(actual, forecastHours),
    };
  });
  const forecastHours = input.wholeUnion ? input.forecast.total.hours : totalForecast;
  const forecastDay = input.wholeUnion ? input.forecast.total.day : totalForecastDay;
  return {
    date: input.date,
    hour: input.hour,
    generatedAt: input.generatedAt.toISOString(),
    total: {
      day: loadFigures(sum(totalActual), forecastDay),
      thisHour: input.hour === null ? null : loadFigures(totalActual[input.hour], forecastHours[input.hour] ?? 0),
      hours: hourLoads(totalActual, forecastHours),
    },
    municipalities,
  };
}

/**
 * What `load:update` carries to the `union` room: the whole snapshot without per-municipality hours, and
 * only the municipalities with any actual or forecast today (a missing one reads as zero).
 */
export function unionUpdate(report: LoadReport): LoadReport {
  return {
    ...report,
    municipalities: report.municipalities
      .filter((m) => m.day.actual > 0 || m.day.forecast > 0)
      .map(({ municipalityCode, day, thisHour }) => ({ municipalityCode, day, thisHour })),
  };
}

/** What `load:update` carries to `municipality:<code>`: that municipality alone, with its hours, as the total. */
export function municipalityUpdate(report: LoadReport, code: string): LoadReport | null {
  const own = report.municipalities.find((m) => m.municipalityCode === code);
  if (!own) return null;
  return {
    ...report,
    total: { day: own.day, thisHour: own.thisHour, hours: own.hours ?? [] },
    municipalities: [own],
  };
}
