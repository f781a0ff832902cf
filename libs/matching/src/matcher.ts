import { HashSet64 } from './hash-set64';

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
  near?: readonly string[] | null;
}

/** An insured person as loaded for matching: keyed hashes (hex) made with the same secret. */
export interface InsuredMatchInput {
  insuredNumber: string;
  exact: string;
  person: string;
  bucket: string | null;
  /** Hashed near queries, or a function computing them (called only when the bucket holds a holder). */
  near?: readonly string[] | (() => readonly string[]);
}

/**
 * Card holders known on a match date, held as 64-bit fingerprints of their keyed hashes. Only holders'
 * hashes and 被保険者番号 ever enter it. ~225,000 holders with ~11 near keys each take about 80 MB.
 */
export class CardHolderIndex {
  private readonly insuredNumbers = new Set<number>();
  readonly exact: HashSet64;
  readonly person: HashSet64;
  readonly buckets: HashSet64;
  readonly near: HashSet64;
  private holders = 0;

  constructor(expectedHolders = 1024) {
    this.exact = new HashSet64(expectedHolders);
    this.person = new HashSet64(expectedHolders);
    this.buckets = new HashSet64(expectedHolders);
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
    if (holder.near) for (const k of holder.near) this.near.add(k);
  }

  hasInsuredNumber(insuredNumber: string): boolean {
    return this.insuredNumbers.has(Number(insuredNumber));
  }
}

/**
 * Decides, for one insured person, whether a card holder is the same person:
 * 1. the holder list's 被保険者番号 equals the person's → excluded;
 * 2. name, birth date, sex and address all equal after normalisation → excluded;
 * 3. name, birth date and sex equal, address not → review (moved, or written differently);
 * 4. same birth date, sex and municipality, names one edit apart → review;
 * otherwise the person is a target. Work per person: a few hash-set lookups; near queries are computed
 * only for the few persons whose bucket holds a holder.
 */
export class Matcher {
  constructor(private readonly index: CardHolderIndex) {}

  match(person: InsuredMatchInput): MatchOutcome {
    const index = this.index;
    if (index.hasInsuredNumber(person.insuredNumber)) return OUTCOMES.byInsuredNumber;
    if (index.exact.has(person.exact)) return OUTCOMES.exact;
    if (index.person.has(person.person)) return OUTCOMES.addressDiffers;
    if (person.bucket && person.near && index.buckets.has(person.bucket)) {
      const queries = typeof person.near === 'function' ? person.near() : person.near;
      for (const q of queries) if (index.near.has(q)) return OUTCOMES.nameOneEdit;
    }
    return OUTCOMES.target;
  }
}
