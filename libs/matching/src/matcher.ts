import { HashSet64, parseWord } from './hash-set64';
import { SIGNATURE_HIT } from './match-keys';

export type ExclusionReason = 'insured_number' | 'exact';
export type ReviewReason = 'address_differs' | 'name_one_edit';

export type MatchOutcome =
  | { readonly status: 'excluded'; readonly reason: ExclusionReason }
  | { readonly status: 'review'; readonly reason: ReviewReason }
  | { readonly status: 'target' };

export const OUTCOMES = {
  byInsuredNumber: Object.freeze({ status: 'excluded', reason: 'insured_number' } as const),
  exact: Object.freeze({ status: 'excluded', reason: 'exact' } as const),
  addressDiffers: Object.freeze({ status: 'review', reason: 'address_differs' } as const),
  nameOneEdit: Object.freeze({ status: 'review', reason: 'name_one_edit' } as const),
  target: Object.freeze({ status: 'target' } as const),
};

/** A card holder as loaded from storage: keyed hashes (hex), or the 被保険者番号 when the list had one. */
export interface StoredCardHolder {
  /** When present it decides the match on its own; the name keys are then ignored. */
  insuredNumber?: string | null;
  exact?: string | null;
  person?: string | null;
  bucket?: string | null;
  nearFilter?: readonly string[] | null;
  near?: readonly string[] | null;
}

/** An insured person as loaded for matching: keyed hashes (hex) made with the same secret. */
export interface InsuredMatchInput {
  insuredNumber: string;
  exact: string;
  person: string;
  bucket: string | null;
  /** Hashed name signatures (MatchHasher.insured): a hit means a holder in the bucket may be one edit away. */
  nearFilter?: readonly string[];
  /**
   * Hashed near queries, or a function computing them, called only after a signature hit with the kinds
   * that hit (SIGNATURE_HIT bits; pass them to MatchHasher.nearQueries to compute only what can match).
   * Fingerprint pairs (MatchHasher.nearQueryFingerprints) are accepted too and are faster.
   */
  near?: NearQueries | ((hits: number) => NearQueries);
}

/** Near queries as hex keys, or as 64-bit fingerprints in hi, lo pairs. */
export type NearQueries = readonly string[] | Int32Array;

/**
 * Card holders known on a match date, held as 64-bit fingerprints of their keyed hashes. Only holders'
 * hashes and 被保険者番号 ever enter it. ~225,000 holders with ~11 near keys each take about 80 MB.
 */
export class CardHolderIndex {
  private readonly insuredNumbers = new Set<number>();
  readonly exact: HashSet64;
  readonly person: HashSet64;
  readonly buckets: HashSet64;
  readonly nearFilter: HashSet64;
  readonly near: HashSet64;
  private holders = 0;

  constructor(expectedHolders = 1024) {
    this.exact = new HashSet64(expectedHolders);
    this.person = new HashSet64(expectedHolders);
    this.buckets = new HashSet64(expectedHolders);
    this.nearFilter = new HashSet64(expectedHolders * 3);
    this.near = new HashSet64(expectedHolders * 12);
  }

  get size(): number {
    return this.holders;
  }

  add(holder: StoredCardHolder): void {
    this.holders++;
    if (holder.insuredNumber) {
      this.insuredNumbers.add(Number(holder.insuredNumber));
      return;
    }
    if (holder.exact) this.exact.add(holder.exact);
    if (holder.person) this.person.add(holder.person);
    if (holder.bucket) this.buckets.add(holder.bucket);
    if (holder.nearFilter) for (const k of holder.nearFilter) this.nearFilter.add(k);
    if (holder.near) for (const k of holder.near) this.near.add(k);
  }

  hasInsuredNumber(insuredNumber: string | number): boolean {
    return this.insuredNumbers.has(Number(insuredNumber));
  }
}

/**
 * An insured person with its hashes turned into 64-bit fingerprints once, at load time, so that a match
 * run does nothing but integer hash-set lookups (see Matcher.prepare).
 */
export interface PreparedInsured {
  insuredNumber: number;
  exactHi: number;
  exactLo: number;
  personHi: number;
  personLo: number;
  /** 0 when the person has no bucket (municipality unknown). */
  hasBucket: 0 | 1;
  bucketHi: number;
  bucketLo: number;
  /** Signature fingerprints as hi, lo pairs; null when none were given (then the near queries decide). */
  nearFilter: Int32Array | null;
  near?: NearQueries | ((hits: number) => NearQueries);
}

/**
 * Decides, for one insured person, whether a card holder is the same person:
 * 1. the holder list's 被保険者番号 equals the person's → excluded;
 * 2. name, birth date, sex and address all equal after normalisation → excluded;
 * 3. name, birth date and sex equal, address not → review (moved, or written differently);
 * 4. same birth date, sex and municipality, names one edit apart → review;
 * otherwise the person is a target. Work per person: a few hash-set lookups. Near queries (a dozen keyed
 * hashes) are computed only for persons whose bucket holds a holder sharing a name signature.
 */
export class Matcher {
  constructor(private readonly index: CardHolderIndex) {}

  match(person: InsuredMatchInput): MatchOutcome {
    return this.matchPrepared(Matcher.prepare(person));
  }

  /** Hex keys → fingerprints, once per person when loading (not needed for a one-off match). */
  static prepare(person: InsuredMatchInput): PreparedInsured {
    let nearFilter: Int32Array | null = null;
    if (person.nearFilter) {
      nearFilter = new Int32Array(person.nearFilter.length * 2);
      person.nearFilter.forEach((k, i) => {
        nearFilter![i * 2] = parseWord(k, 0);
        nearFilter![i * 2 + 1] = parseWord(k, 8);
      });
    }
    return {
      insuredNumber: Number(person.insuredNumber),
      exactHi: parseWord(person.exact, 0),
      exactLo: parseWord(person.exact, 8),
      personHi: parseWord(person.person, 0),
      personLo: parseWord(person.person, 8),
      hasBucket: person.bucket ? 1 : 0,
      bucketHi: person.bucket ? parseWord(person.bucket, 0) : 0,
      bucketLo: person.bucket ? parseWord(person.bucket, 8) : 0,
      nearFilter,
      near: person.near,
    };
  }

  matchPrepared(p: PreparedInsured): MatchOutcome {
    const index = this.index;
    if (index.hasInsuredNumber(p.insuredNumber)) return OUTCOMES.byInsuredNumber;
    if (index.exact.hasFingerprint(p.exactHi, p.exactLo)) return OUTCOMES.exact;
    if (index.person.hasFingerprint(p.personHi, p.personLo)) return OUTCOMES.addressDiffers;
    if (p.hasBucket && p.near && index.buckets.hasFingerprint(p.bucketHi, p.bucketLo)) {
      const hits = this.signatureHits(p.nearFilter);
      if (hits !== 0) {
        const queries = typeof p.near === 'function' ? p.near(hits) : p.near;
        if (queries instanceof Int32Array) {
          for (let i = 0; i < queries.length; i += 2) if (index.near.hasFingerprint(queries[i], queries[i + 1])) return OUTCOMES.nameOneEdit;
        } else {
          for (const q of queries) if (index.near.has(q)) return OUTCOMES.nameOneEdit;
        }
      }
    }
    return OUTCOMES.target;
  }

  /** SIGNATURE_HIT bits of the signature queries found among holders (query 0 is the prefix, 1 the suffix). */
  private signatureHits(filter: Int32Array | null): number {
    if (!filter) return SIGNATURE_HIT.all; // no pre-filter given: check the near queries themselves
    const set = this.index.nearFilter;
    let hits = 0;
    for (let i = 0; i < filter.length; i += 2) {
      if (set.hasFingerprint(filter[i], filter[i + 1])) hits |= i === 0 ? SIGNATURE_HIT.prefix : i === 2 ? SIGNATURE_HIT.suffix : SIGNATURE_HIT.other;
    }
    return hits;
  }
}
