import { parseWord, type PreparedInsured } from '@wavedesk/matching';
import type { InsuredKeyMaker, NearMaterial } from './insured-keys';

/** An Int32Array that grows (doubling), for tables loaded row by row. */
export class GrowableInt32 {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

/** A card holder row as stored (card_holder_keys). */
export interface HolderRow {
  insuredNumber: string | null;
  exactKey: string | null;
  personKey: string | null;
  bucketKey: string | null;
  nearFilter: string | null;
  nearKeys: string | null;
}

/**
 * The card holders known on a match date, as 64-bit fingerprints of their keyed hashes in typed arrays
 * (about 30 MB for 225,000 holders). Holders with a 被保険者番号 are kept as that number only.
 */
export class HolderTable {
  readonly numbers = new Set<number>();
  /** Per name-keyed holder: exact, person and bucket fingerprints (hi, lo) — 6 ints each. */
  readonly keys = new GrowableInt32(6 * 4096);
  readonly hasBucket: number[] = [];
  /** Per name-keyed holder: where its signature and near fingerprints start in `pool`, and how many. */
  readonly poolStart = new GrowableInt32(4096);
  readonly filterCount: number[] = [];
  readonly nearCount: number[] = [];
  readonly pool = new GrowableInt32(4096 * 32);
  rows = 0;

  get keyed(): number {
    return this.hasBucket.length;
  }

  add(row: HolderRow): void {
    this.rows++;
    if (row.insuredNumber) {
      this.numbers.add(Number(row.insuredNumber));
      return;
    }
    if (!row.exactKey || !row.personKey) return;
    pushKey(this.keys, row.exactKey);
    pushKey(this.keys, row.personKey);
    if (row.bucketKey) pushKey(this.keys, row.bucketKey);
    else {
      this.keys.push(0);
      this.keys.push(0);
    }
    this.hasBucket.push(row.bucketKey ? 1 : 0);
    this.poolStart.push(this.pool.length);
    this.filterCount.push(pushKeys(this.pool, row.nearFilter));
    this.nearCount.push(pushKeys(this.pool, row.nearKeys));
  }
}

/** An insured person row as loaded for matching: number, municipality, loss date and the 4 information items. */
export interface PersonRow {
  insuredNumber: string;
  municipalityCode: string;
  lossDate: string | null;
  name: string;
  birthDate: string;
  sex: 'male' | 'female';
  address: string;
}

/**
 * The insured persons of a batch's municipalities as fingerprints of their match keys (computed while
 * loading, with the current key). Of the 4 information items only the normalised name and the bucket
 * text stay (for the few near queries of the second pass), and only for the run.
 */
export class PersonTable {
  readonly persons: PreparedInsured[] = [];
  readonly near: NearMaterial[] = [];
  readonly municipality: number[] = [];
  /** 1 when the person lost qualification on or before the match date. */
  readonly lost: number[] = [];
  private readonly codeIndex = new Map<string, number>();

  constructor(
    /** The batch's municipality codes; `municipality[i]` indexes into it. */
    readonly codes: readonly string[],
    private readonly matchDate: string,
    private readonly keys: InsuredKeyMaker,
  ) {
    codes.forEach((c, i) => this.codeIndex.set(c, i));
  }

  get size(): number {
    return this.persons.length;
  }

  add(row: PersonRow): void {
    const m = this.codeIndex.get(row.municipalityCode);
    if (m === undefined) return;
    const { prepared, near } = this.keys.prepare(row.insuredNumber, row.municipalityCode, row);
    this.persons.push(prepared);
    this.near.push(near);
    this.municipality.push(m);
    // Qualified on the match date means no loss of qualification on or before it.
    this.lost.push(row.lossDate !== null && row.lossDate <= this.matchDate ? 1 : 0);
  }

  insuredNumber(i: number): string {
    return String(this.persons[i].insuredNumber).padStart(8, '0');
  }
}

function pushKey(target: GrowableInt32, hex: string): void {
  target.push(parseWord(hex, 0));
  target.push(parseWord(hex, 8));
}

/** Packed 32-hex-digit keys → fingerprint pairs; returns how many keys. */
function pushKeys(target: GrowableInt32, packed: string | null): number {
  if (!packed) return 0;
  let n = 0;
  for (let i = 0; i + 32 <= packed.length; i += 32, n++) {
    target.push(parseWord(packed, i));
    target.push(parseWord(packed, i + 8));
  }
  return n;
}
