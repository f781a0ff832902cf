import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { normalizeAddressText } from './address-normalize';

/** One of the union's 179 municipalities, as in libs/municipalities/data/hokkaido-municipalities.csv. */
export interface MunicipalityEntry {
  code: string;
  name: string;
  kana: string;
  subprefecture: string;
  population: number;
  /** 郡 for towns and villages (e.g. 虻田郡), '' for cities. */
  district: string;
}

/**
 * The six Northern Territories villages: they have codes (with check digits) but are not municipalities
 * of the union, so imports refuse them with their own message.
 */
export const NORTHERN_TERRITORIES_CODES: ReadonlyMap<string, string> = new Map([
  ['016951', '色丹村'],
  ['016969', '泊村（国後郡）'],
  ['016977', '留夜別村'],
  ['016985', '留別村'],
  ['016993', '紗那村'],
  ['017001', '蘂取村'],
]);

const DATA_FILE = join('libs', 'municipalities', 'data', 'hokkaido-municipalities.csv');

/** Finds the data file from this file's folder upwards (works from src/, dist/ and the repo root). */
function findDataFile(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, DATA_FILE);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) break;
  }
  const fromCwd = join(process.cwd(), DATA_FILE);
  if (existsSync(fromCwd)) return fromCwd;
  throw new Error(`municipality data not found: ${DATA_FILE}`);
}

/** Parses the simple, unquoted CSV of the municipalities data file. */
export function parseMunicipalityCsv(text: string): MunicipalityEntry[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0].split(',');
  const at = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`municipality data: column ${name} missing`);
    return i;
  };
  const [code, name, kana, sub, pop, district] = ['code', 'name', 'kana', 'subprefecture', 'population', 'district'].map(at);
  return lines.slice(1).map((line) => {
    const f = line.split(',');
    return {
      code: f[code],
      name: f[name],
      kana: f[kana],
      subprefecture: f[sub],
      population: Number(f[pop]),
      district: f[district] ?? '',
    };
  });
}

/**
 * Lookup of the 179 municipalities by code, and of the municipality an address is in.
 * Addresses are matched after normalisation, with the 北海道 prefix and the 郡 both optional.
 */
export class MunicipalityDirectory {
  readonly entries: readonly MunicipalityEntry[];
  private readonly byCode: Map<string, MunicipalityEntry>;
  /** Normalised prefix ([郡]市町村名) → code, and the prefix lengths, longest first. */
  private readonly prefixes = new Map<string, string>();
  private readonly prefixLengths: number[];

  constructor(entries: readonly MunicipalityEntry[]) {
    this.entries = entries;
    this.byCode = new Map(entries.map((e) => [e.code, e]));
    for (const e of entries) {
      this.prefixes.set(normalizeAddressText(e.name), e.code);
      if (e.district) this.prefixes.set(normalizeAddressText(e.district + e.name), e.code);
    }
    this.prefixLengths = [...new Set([...this.prefixes.keys()].map((p) => p.length))].sort((a, b) => b - a);
  }

  get size(): number {
    return this.entries.length;
  }

  get(code: string): MunicipalityEntry | undefined {
    return this.byCode.get(code);
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  /**
   * Splits a normalised address (see normalizeAddressText) into municipality code and the rest,
   * or returns null when it starts with none of the 179.
   */
  resolveNormalized(normalized: string): { code: string; rest: string } | null {
    const s = normalized.startsWith('北海道') ? normalized.slice(3) : normalized;
    for (const length of this.prefixLengths) {
      if (length > s.length) continue;
      const code = this.prefixes.get(s.slice(0, length));
      if (code !== undefined) return { code, rest: s.slice(length) };
    }
    return null;
  }
}

let defaultDirectory: MunicipalityDirectory | undefined;

/** The 179 municipalities from the repository's data file (read once). */
export function defaultMunicipalityDirectory(): MunicipalityDirectory {
  defaultDirectory ??= new MunicipalityDirectory(parseMunicipalityCsv(readFileSync(findDataFile(), 'utf8')));
  return defaultDirectory;
}
