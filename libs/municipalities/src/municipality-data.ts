import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isValidMunicipalityCode } from '@wavedesk/common';

/** One row of `libs/municipalities/data/hokkaido-municipalities.csv` (sources in the README beside it). */
export interface MunicipalityRow {
  code: string;
  name: string;
  kana: string;
  subprefecture: string;
  population: number;
  district: string | null;
}

export const MUNICIPALITY_COUNT = 179;

/** Finds the data file from source (libs/…/src) and from the build (dist/libs/…/src) alike. */
export function municipalityCsvPath(): string {
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'libs', 'municipalities', 'data', 'hokkaido-municipalities.csv');
    if (existsSync(candidate)) return candidate;
    const sibling = join(dir, '..', 'data', 'hokkaido-municipalities.csv');
    if (existsSync(sibling)) return sibling;
    dir = dirname(dir);
  }
  throw new Error('hokkaido-municipalities.csv not found under libs/municipalities/data');
}

/** Reads and checks the 179 rows: codes must be 6 digits with a valid check digit. */
export function readMunicipalityRows(path = municipalityCsvPath()): MunicipalityRow[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  if (header !== 'code,name,kana,subprefecture,population,district') {
    throw new Error(`unexpected header in ${path}: ${header}`);
  }
  const rows = lines.map((line, i) => {
    const [code, name, kana, subprefecture, population, district] = line.split(',');
    if (!isValidMunicipalityCode(code)) throw new Error(`${path}:${i + 2}: invalid municipality code ${code}`);
    return { code, name, kana, subprefecture, population: Number(population), district: district || null };
  });
  if (rows.length !== MUNICIPALITY_COUNT) throw new Error(`${path}: expected ${MUNICIPALITY_COUNT} rows, found ${rows.length}`);
  return rows;
}

/**
 * Default counter capacity (inquiries a day the municipal counter can take) until an admin sets the real
 * figure: one per 10,000 residents, at least 5. An assumption, not a survey figure.
 */
export const defaultCounterCapacity = (population: number): number => Math.max(5, Math.ceil(population / 10_000));

/** Short subprefecture name (石狩振興局 → 石狩, オホーツク総合振興局 → オホーツク). */
export const shortSubprefecture = (name: string): string => name.replace(/(総合)?振興局$/, '');
