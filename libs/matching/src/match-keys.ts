import { normalizeAddress } from './address-normalize';
import { deletions } from './edit-distance';
import type { KeyHasher } from './keyed-hash';
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
 * Plain keys for near matching of a card holder (Levenshtein ≤ 1 between names within one bucket),
 * built so that they still work once hashed:
 *   F|bucket|name, D|bucket|name-with-one-character-deleted, S|bucket|position|name-with-that-character-deleted.
 * An insured person's queries (nearQueryKeys) hit one of them exactly when the names are one insertion,
 * deletion or substitution apart — no name needs to be kept to find it.
 */
export function holderNearKeys(parts: MatchKeyParts): string[] {
  if (parts.bucket === null || parts.name === '') return [];
  const b = parts.bucket;
  const keys = new Set<string>([['F', b, parts.name].join(SEP)]);
  for (const { at, rest } of deletions(parts.name)) {
    keys.add(['D', b, rest].join(SEP));
    keys.add(['S', b, at, rest].join(SEP));
  }
  return [...keys];
}

/** The keys an insured person looks up among holders' near keys (see holderNearKeys). */
export function nearQueryKeys(parts: MatchKeyParts): string[] {
  if (parts.bucket === null || parts.name === '') return [];
  const b = parts.bucket;
  const keys = new Set<string>([['F', b, parts.name].join(SEP), ['D', b, parts.name].join(SEP)]);
  for (const { at, rest } of deletions(parts.name)) {
    keys.add(['F', b, rest].join(SEP));
    keys.add(['S', b, at, rest].join(SEP));
  }
  return [...keys];
}

/** A card holder as stored: keyed hashes only (hex), never the name. */
export interface CardHolderKeys {
  exact: string;
  person: string;
  bucket: string | null;
  near: string[];
}

/** An insured person's keyed hashes, to store beside the person and look up at match time. */
export interface InsuredHashedKeys {
  exact: string;
  person: string;
  bucket: string | null;
}

export function hashCardHolderKeys(parts: MatchKeyParts, hasher: KeyHasher): CardHolderKeys {
  return {
    exact: hasher.key(parts.exact),
    person: hasher.key(parts.person),
    bucket: parts.bucket === null ? null : hasher.key(parts.bucket),
    near: holderNearKeys(parts).map((k) => hasher.key(k)),
  };
}

export function hashInsuredKeys(parts: MatchKeyParts, hasher: KeyHasher): InsuredHashedKeys {
  return {
    exact: hasher.key(parts.exact),
    person: hasher.key(parts.person),
    bucket: parts.bucket === null ? null : hasher.key(parts.bucket),
  };
}

/** An insured person's hashed near-match queries (computed only when the bucket holds a card holder). */
export function hashNearQueries(parts: MatchKeyParts, hasher: KeyHasher): string[] {
  return nearQueryKeys(parts).map((k) => hasher.key(k));
}
