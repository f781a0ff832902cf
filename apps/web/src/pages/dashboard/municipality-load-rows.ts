import type { Municipality, MunicipalityLoad } from '../../api';
import { sortableRatio } from '../../components/load-level';

export interface MunicipalityLoadRow {
  code: string;
  name: string;
  subprefecture: string;
  actual: number;
  forecast: number;
  expectedSoFar: number;
  /** today's inquiries per hour over `hours` (for the sparkline) */
  hourly: number[];
}

export type LoadSortKey = 'ratio' | 'actual' | 'code';
export interface LoadSort {
  key: LoadSortKey;
  descending: boolean;
}

/**
 * One row per municipality (all of them, zero when nothing came), with today's figures and its inquiries
 * per hour from `hours.first` to `hours.last` (the span the union's hourly chart shows).
 */
export function municipalityLoadRows(
  municipalities: readonly Municipality[],
  loads: readonly MunicipalityLoad[],
  elapsedShare: number,
  hours: { first: number; last: number } = { first: 8, last: 18 },
): MunicipalityLoadRow[] {
  const byCode = new Map(loads.map((l) => [l.municipalityCode, l]));
  return municipalities.map((m) => {
    const load = byCode.get(m.code);
    const forecast = load?.day.forecast ?? 0;
    return {
      code: m.code,
      name: m.name,
      subprefecture: m.subprefectureShort,
      actual: load?.day.actual ?? 0,
      forecast,
      expectedSoFar: forecast * elapsedShare,
      hourly: Array.from({ length: hours.last - hours.first + 1 }, (_, i) => load?.hours?.[hours.first + i]?.actual ?? 0),
    };
  });
}

/** Sorted by load ratio (actual ÷ forecast so far), by actual, or by code; ties by code. */
export function sortLoadRows(rows: readonly MunicipalityLoadRow[], sort: LoadSort): MunicipalityLoadRow[] {
  const value = (r: MunicipalityLoadRow): number => (sort.key === 'ratio' ? sortableRatio(r.actual, r.expectedSoFar) : sort.key === 'actual' ? r.actual : 0);
  const direction = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    if (sort.key === 'code') return direction * a.code.localeCompare(b.code);
    const diff = value(a) - value(b);
    if (diff !== 0 && !Number.isNaN(diff)) return direction * diff;
    return a.code.localeCompare(b.code);
  });
}
