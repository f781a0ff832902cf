import { normalizeAddress } from './address-normalize';
import { codePoints, deletions } from './edit-distance';
import { KeyHasher } from './keyed-hash';
import type { MunicipalityDirectory } from './municipality-directory';
import { normalizeName } from './text-normalize';

export type Sex = 'male' | 'female';

/** The 4 information items (氏名・生年月日・性別・住所) of a person, birth date already ISO. */
export interface PersonIdentity {
  name: string;
  /** ISO YYYY-MM-DD (see parseJapaneseDate for 和暦). */
  birthDate: string;
  sex: Sex;
  address: string;
}

/** The normalised parts a person is matched on, and the plain (not yet hashed) keys built from them. */
export interface MatchKeyParts {
  name: string;
  birthDate: string;
  sex: 'M' | 'F';
  /** Municipality of the address (or the given code when the address does not name one), else null. */
  municipalityCode: string | null;
  address: string;
  /** name + birth date + sex + address: equal means the same person → excluded. */
  exact: string;
  /** name + birth date + sex, no address: equal but a different address → review (moved, typed differently). */
  person: string;
  /** birth date + sex + municipality: where near matches (names one edit apart) are looked for. */
  bucket: string | null;
}

const SEP = '\u001f';

/**
 * Normalises a person's 4 information items into match keys. `municipalityCode` (the insured list's
 * 市町村コード) is used when the address itself does not start with a municipality name
 * (e.g. 中央区北1条西2丁目 without 札幌市), so both notations give the same key.
 */
export function matchKeyParts(
  person: PersonIdentity,
  directory: MunicipalityDirectory,
  municipalityCode?: string,
): MatchKeyParts {
  const name = normalizeName(person.name);
  const sex = person.sex === 'male' ? 'M' : 'F';
  const normalized = normalizeAddress(person.address, directory);
  let code = normalized.municipalityCode;
  let address = normalized.key;
  if (code === null && municipalityCode && directory.has(municipalityCode)) {
    code = municipalityCode;
    address = `${code}|${normalized.key.slice(2)}`;
  }
  const birthDate = person.birthDate;
  return {
    name,
    birthDate,
    sex,
    municipalityCode: code,
    address,
    exact: ['E', name, birthDate, sex, address].join(SEP),
    person: ['P', name, birthDate, sex].join(SEP),
    bucket: code === null ? null : ['B', birthDate, sex, code].join(SEP),
  };
}

/**
 * Signatures of a name for the near-match pre-filter. Two names one insertion, deletion or substitution
 * apart always leave the first two characters (P) or the last two (S) alone, except when one of them has
 * three characters or fewer: then the first-and-last pair (M) survives, and for names of one or two
 * characters the first (F) or the last (L) alone does. A holder stores its own signatures; an insured
 * person looks up its queries (nameSignatureQueries). M carries the holder's length, and an insured person
 * of length n asks only for the lengths a short partner can have, so two ordinary four-character names do
 * not meet through M. A test checks exhaustively on small alphabets that every pair one edit apart meets.
 */
export function nameSignatures(name: string): string[] {
  const c = codePoints(name);
  const n = c.length;
  if (n === 0) return [];
  const sigs = [`P${c[0]}${n > 1 ? c[1] : ''}`, `S${n > 1 ? c[n - 2] : ''}${c[n - 1]}`];
  if (n <= 4) sigs.push(`M${c[0]}${c[n - 1]}${n}`);
  if (n <= 2) sigs.push(`F${c[0]}`, `L${c[n - 1]}`);
  if (n === 1) sigs.push('1'); // any two one-character names are one substitution apart
  return sigs;
}

/** What an insured person's name looks up among holders' signatures (see nameSignatures). */
export function nameSignatureQueries(name: string): string[] {
  const c = codePoints(name);
  const n = c.length;
  if (n === 0) return [];
  const queries = [`P${c[0]}${n > 1 ? c[1] : ''}`, `S${n > 1 ? c[n - 2] : ''}${c[n - 1]}`];
  // Partner lengths m with |n − m| ≤ 1 and min(n, m) ≤ 3: only then can P and S both be lost.
  for (let m = Math.max(1, n - 1); m <= n + 1; m++) if (Math.min(n, m) <= 3) queries.push(`M${c[0]}${c[n - 1]}${m}`);
  if (n <= 2) queries.push(`F${c[0]}`, `L${c[n - 1]}`);
  if (n === 1) queries.push('1');
  return queries;
}

/**
 * Plain keys for near matching of a card holder (Levenshtein ≤ 1 between names within one bucket),
 * built so that they still work once hashed:
 *   F|name, D|name-with-one-character-deleted, S|position|name-with-that-character-deleted.
 * An insured person's queries (nearQueryKeys) hit one of them exactly when the names are one insertion,
 * deletion or substitution apart — no name needs to be kept to find it.
 */
export function holderNearKeys(name: string): string[] {
  if (name === '') return [];
  const keys = new Set<string>([`F${SEP}${name}`]);
  for (const { at, rest } of deletions(name)) {
    keys.add(`D${SEP}${rest}`);
    keys.add(`S${SEP}${at}${SEP}${rest}`);
  }
  return [...keys];
}

/** Which signature kinds hit (see nameSignatureQueries): bit 1 = first two, 2 = last two, 4 = any other. */
export const SIGNATURE_HIT = { prefix: 1, suffix: 2, other: 4, all: 7 } as const;

/**
 * The keys an insured person looks up among holders' near keys (see holderNearKeys):
 * D|name (the holder has one character more), F|name-minus-one (the insured has one more) and
 * S|position|name-minus-one (one substitution). The same name (F|name) is left out: the person key has
 * already found it. `hits` narrows the positions: when only the first two characters are shared the edit
 * lies at position 2 or later, when only the last two are shared it lies before the last two (for runs of
 * equal characters an equivalent position always qualifies), so about half the queries are needed.
 */
export function nearQueryKeys(name: string, hits: number = SIGNATURE_HIT.all): string[] {
  if (name === '') return [];
  const n = codePoints(name).length;
  const keys = new Set<string>([`D${SEP}${name}`]);
  for (const { at, rest } of deletions(name)) {
    const wanted = hits & SIGNATURE_HIT.other || (hits & SIGNATURE_HIT.prefix && at >= 2) || (hits & SIGNATURE_HIT.suffix && at <= n - 3);
    if (!wanted) continue;
    keys.add(`F${SEP}${rest}`);
    keys.add(`S${SEP}${at}${SEP}${rest}`);
  }
  return [...keys];
}

/** A card holder as stored: keyed hashes only (32 hex digits each), never the name. */
export interface CardHolderKeys {
  exact: string;
  person: string;
  bucket: string | null;
  /** Pre-filter signatures (nameSignatures), hashed with the bucket. */
  nearFilter: string[];
  /** Near-match keys (holderNearKeys), hashed with the bucket. */
  near: string[];
}

/** An insured person's keyed hashes, to store beside the person (computed at import) and look up at match time. */
export interface InsuredHashedKeys {
  exact: string;
  person: string;
  bucket: string | null;
  /** Pre-filter queries (nameSignatureQueries), hashed with the bucket. */
  nearFilter: string[];
}

/**
 * Turns match keys into keyed hashes: every key is HMAC-SHA256(secret, key), truncated to 128 bits (32 hex
 * digits). Near keys and signatures carry the bucket (birth date, sex, municipality) in the hashed text, so
 * they only meet within one bucket. Without the secret no stored hash can be checked against a guessed name.
 */
export class MatchHasher {
  private readonly root: KeyHasher;

  constructor(secret: string | Uint8Array) {
    this.root = new KeyHasher(secret);
  }

  /** What an insured person stores: exact, person and bucket hashes and the near-match signature queries. */
  insured(parts: MatchKeyParts): InsuredHashedKeys {
    return {
      exact: this.root.key(parts.exact),
      person: this.root.key(parts.person),
      bucket: parts.bucket === null ? null : this.root.key(parts.bucket),
      nearFilter: this.inBucket(parts, nameSignatureQueries(parts.name)),
    };
  }

  /** An insured person's near queries, needed only after a signature hit (`hits` from Matcher, see SIGNATURE_HIT). */
  nearQueries(parts: Pick<MatchKeyParts, 'name' | 'bucket'>, hits: number = SIGNATURE_HIT.all): string[] {
    return this.inBucket(parts, nearQueryKeys(parts.name, hits));
  }

  /**
   * The same queries as 64-bit fingerprints (hi, lo pairs: the first 16 hex digits of each key), which the
   * matcher looks up without building or parsing hex strings — the fastest form for a match run.
   */
  nearQueryFingerprints(parts: Pick<MatchKeyParts, 'name' | 'bucket'>, hits: number = SIGNATURE_HIT.all): Int32Array {
    if (parts.bucket === null) return new Int32Array(0);
    const keys = nearQueryKeys(parts.name, hits);
    const out = new Int32Array(keys.length * 2);
    const prefix = `N${SEP}${parts.bucket}${SEP}`;
    keys.forEach((k, i) => {
      const mac = this.root.mac(prefix + k);
      out[i * 2] = mac[0];
      out[i * 2 + 1] = mac[1];
    });
    return out;
  }

  /** What a card holder is kept as. */
  cardHolder(parts: MatchKeyParts): CardHolderKeys {
    return {
      exact: this.root.key(parts.exact),
      person: this.root.key(parts.person),
      bucket: parts.bucket === null ? null : this.root.key(parts.bucket),
      nearFilter: this.inBucket(parts, nameSignatures(parts.name)),
      near: this.inBucket(parts, holderNearKeys(parts.name)),
    };
  }

  private inBucket(parts: Pick<MatchKeyParts, 'bucket'>, keys: string[]): string[] {
    if (parts.bucket === null) return [];
    const prefix = `N${SEP}${parts.bucket}${SEP}`;
    return keys.map((k) => this.root.key(prefix + k));
  }
}
