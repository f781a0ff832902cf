/**
 * Test and benchmark support: the 179 municipalities as a batch to plan. The survey's 614,058 forms are
 * spread by total population (no public count of people aged 75+ per municipality exists), counters get
 * the default capacity max(5, ⌈population / 10,000⌉), and 札幌市 gets postal groups — its 3-digit postal
 * prefixes, weighted by rough ward populations (an approximation for tests, not real counts).
 * Not part of the library's public API.
 */
import { apportion } from '@wavedesk/forecast';
import { defaultCounterCapacity, readMunicipalityRows } from '@wavedesk/municipalities';
import type { PlanningMunicipality } from '../planning.types';

export const SURVEY_TARGETS = 614_058;
export const SAPPORO = '011002';

/** 札幌市's 3-digit postal prefixes in postal order, with rough residents (thousands) by ward. */
const SAPPORO_PREFIXES: readonly [string, number][] = [
  ['001', 200], // 北区
  ['002', 89], // 北区（篠路・あいの里）
  ['003', 212], // 白石区
  ['004', 237], // 厚別区・清田区
  ['005', 125], // 南区
  ['006', 141], // 手稲区
  ['007', 150], // 東区
  ['060', 130], // 中央区・北区・東区の都心部
  ['061', 10], // 南区（定山渓）
  ['062', 226], // 豊平区
  ['063', 217], // 西区
  ['064', 119], // 中央区
  ['065', 115], // 東区
];

export function hokkaidoBatch(totalTargets = SURVEY_TARGETS): PlanningMunicipality[] {
  const rows = readMunicipalityRows();
  const targets = apportion(totalTargets, rows.map((r) => r.population));
  return rows.map((r, i) => {
    const m: PlanningMunicipality = {
      code: r.code,
      name: r.name,
      targets: targets[i],
      counterCapacityPerDay: defaultCounterCapacity(r.population),
    };
    if (r.code !== SAPPORO) return m;
    const split = apportion(targets[i], SAPPORO_PREFIXES.map(([, w]) => w));
    return { ...m, postalGroups: SAPPORO_PREFIXES.map(([key], j) => ({ key, targets: split[j] })) };
  });
}
