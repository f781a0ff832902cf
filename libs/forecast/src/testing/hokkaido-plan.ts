/**
 * Test and benchmark support: the 179 municipalities from libs/municipalities/data and a plan that spreads
 * the survey's 614,058 forms over them in proportion to total population (no public per-municipality
 * count of people aged 75+ exists; see DOMAIN.md). Not part of the library's public API.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apportion } from '../apportion';
import type { IsoDate } from '../business-calendar';
import type { ForecastWave } from '../forecast.model';

export interface MunicipalityRow {
  code: string;
  name: string;
  population: number;
}

export const SURVEY_TARGETS = 614_058;

export function loadMunicipalities(): MunicipalityRow[] {
  const file = join(__dirname, '../../../municipalities/data/hokkaido-municipalities.csv');
  const [header, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const cols = header.split(',');
  const at = (name: string) => cols.indexOf(name);
  return lines.map((line) => {
    const f = line.split(',');
    return { code: f[at('code')], name: f[at('name')], population: Number(f[at('population')]) };
  });
}

/**
 * One wave per municipality, the forms apportioned by population; municipality i is mailed on
 * `mailDates[i % mailDates.length]` (dispersed sending in rotation).
 */
export function hokkaidoWaves(mailDates: readonly IsoDate[], totalForms = SURVEY_TARGETS): ForecastWave[] {
  const rows = loadMunicipalities();
  const forms = apportion(totalForms, rows.map((r) => r.population));
  return rows.map((r, i) => ({ id: `wave-${r.code}`, municipalityCode: r.code, mailDate: mailDates[i % mailDates.length], forms: forms[i] }));
}
