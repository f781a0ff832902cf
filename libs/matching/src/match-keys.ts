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
 * Signatures of a name for the near-match pre-filter: first two characters (P), last two (S), first and
 * last (M), and for names of one or two characters also the first (F) and the last (L) alone
 * (and a shared mark for one-character names).
 * Two names one insertion, deletion or substitution apart always share at least one signature of the same
 * kind (the edit leaves the first two, the last two, or the first-and-last characters alone; names of
 * length ≤ 2 keep their first or last character) — a test checks this exhaustively on small alphabets.
 * So most persons need a few lookups, not the full set of near queries.
 */
export function nameSignatures(name: string): string[] {
  const c = codePoints(name);
  const n = c.length;
  if (n === 0) return [];
  const sigs = [`P${c[0]}${n > 1 ? c[1] : ''}`, `S${n > 1 ? c[n - 2] : ''}${c[n - 1]}`, `M${c[0]}${c[n - 1]}`];
  if (n <= 2) sigs.push(`F${c[0]}`, `L${c[n - 1]}`);
  if (n === 1) sigs.push('1'); // any two one-character names are one substitution apart
  return sigs;
}

/**
 * Plain keys for near matching of a card holder (Levenshtein ≤ 1 between names within one bucket),
 * built so that they still work once hashed:
 *   F|name, D|name-with-one-character-deleted, S|position|name-with-that-character-deleted.
 * An insured person's queries (nearQueryKeys) hit one of them exactly when the names are one insertion,
 * deletion or substitution apart — no name needs to be kept to find it. The bucket (birth date, sex,
 * municipality) is not in the text: these keys are hashed with a key derived from the bucket.
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

/** The keys an insured person looks up among holders' near keys (see holderNearKeys). */
export function nearQueryKeys(name: string): string[] {
  if (name === '') return [];
  const keys = new Set<string>([`F${SEP}${name}`, `D${SEP}${name}`]);
  for (const { at, rest } of deletions(name)) {
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
  /** Pre-filter signatures (nameSignatures), hashed with the bucket's derived key. */
  nearFilter: string[];
  /** Near-match keys (holderNearKeys), hashed with the bucket's derived key. */
  near: string[];
}

/** An insured person's keyed hashes, to store beside the person (computed at import) and look up at match time. */
export interface InsuredHashedKeys {
  exact: string;
  person: string;
  bucket: string | null;
  nearFilter: string[];
}

/**
 * Turns match keys into keyed hashes. `exact`, `person` and `bucket` are HMAC-SHA256(secret, key).
 * Near keys and signatures are HMAC-SHA256(K_b, key) where K_b = HMAC-SHA256(secret, "K" + bucket) is
 * derived per bucket and never stored: without the secret no stored hash can be checked against a
 * guessed name, and the bucket need not be hashed into every near key (shorter messages, one SHA-256
 * block each). Derived keys are cached, as one bucket holds many persons.
 */
export class MatchHasher {
  private readonly root: KeyHasher;
  private readonly derived = new Map<string, KeyHasher>();

  constructor(secret: string | Uint8Array) {
    this.root = new KeyHasher(secret);
  }

  /** What an insured person stores: exact, person and bucket hashes and the near-match signatures. */
  insured(parts: MatchKeyParts): InsuredHashedKeys {
    return {
      exact: this.root.key(parts.exact),
      person: this.root.key(parts.person),
      bucket: parts.bucket === null ? null : this.root.key(parts.bucket),
      nearFilter: this.inBucket(parts, nameSignatures(parts.name)),
    };
  }

  /** An insured person's near queries (only needed when a signature hit). */
  nearQueries(parts: MatchKeyParts): string[] {
    return this.inBucket(parts, nearQueryKeys(parts.name));
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

  private inBucket(parts: MatchKeyParts, keys: string[]): string[] {
    if (parts.bucket === null || keys.length === 0) return [];
    let hasher = this.derived.get(parts.bucket);
    if (!hasher) {
      if (this.derived.size >= 50_000) this.derived.clear();
      hasher = new KeyHasher(this.root.macBytes(`K${SEP}${parts.bucket}`));
      this.derived.set(parts.bucket, hasher);
    }
    return keys.map((k) => hasher.key(k));
  }
}
