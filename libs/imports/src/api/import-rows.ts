import { matchKeyParts, type MatchHasher, type MunicipalityDirectory } from '@wavedesk/matching';
import type { ImportKind } from '../kinds/import-kind';
import type { ImportRecordOf } from '../import-reader';
import type { BulkTarget, SqlValue } from './bulk-writer';

/** How one kind's valid records become table rows. */
export interface RowMapper<K extends ImportKind> {
  target: BulkTarget;
  toRow(record: ImportRecordOf[K]): SqlValue[];
}

export interface RowMapperContext {
  importId: number;
  asOf: string | null;
  /** DATETIME text of this import's write. */
  now: string;
  hasher: MatchHasher;
  directory: MunicipalityDirectory;
}

/** A person's near-match signatures as stored: 32 hex digits each, concatenated (null when none). */
export const packKeys = (keys: readonly string[]): string | null => (keys.length ? keys.join('') : null);

/** The stored form back to the list of 32-hex-digit keys. */
export function unpackKeys(packed: string | null): string[] {
  if (!packed) return [];
  const keys: string[] = [];
  for (let i = 0; i + 32 <= packed.length; i += 32) keys.push(packed.slice(i, i + 32));
  return keys;
}

/**
 * insured_persons: upsert by 被保険者番号 (the newer list wins per person). No match keys are stored:
 * matching hashes the persons it loads with the current MATCH_HMAC_KEY and normalisation, so a key
 * rotation or a better variant table needs no new insured list (card-holder lists, kept as hashes only,
 * do need importing again).
 */
function insuredMapper(ctx: RowMapperContext): RowMapper<'insured'> {
  return {
    target: {
      table: 'insured_persons',
      columns: [
        'insuredNumber', 'municipalityCode', 'name', 'nameKana', 'birthDate', 'sex', 'postalCode', 'address', 'lossDate',
        'deliveryName', 'deliveryPostalCode', 'deliveryAddress',
      ],
      constants: { importId: ctx.importId, updatedAt: ctx.now },
      conflictKey: ['insuredNumber'],
    },
    toRow(r) {
      const d = r.delivery;
      return [
        r.insuredNumber, r.municipalityCode, r.name, r.nameKana, r.birthDate, r.sex, r.postalCode, r.address, r.lossDate,
        d?.name ?? null, d?.postalCode ?? null, d?.address ?? null,
      ];
    },
  };
}

/**
 * card_holder_keys: one row per holder of this list, hashes only. With a 被保険者番号 only the number is
 * kept (it decides the match on its own), so no name-derived key is stored for that holder at all.
 */
function cardHolderMapper(ctx: RowMapperContext): RowMapper<'card-holders'> {
  if (!ctx.asOf) throw new Error('a card-holder import needs asOf');
  const asOf = ctx.asOf;
  return {
    target: {
      table: 'card_holder_keys',
      columns: ['insuredNumber', 'exactKey', 'personKey', 'bucketKey', 'nearFilter', 'nearKeys'],
      constants: { importId: ctx.importId, asOf },
    },
    toRow(r) {
      if (r.insuredNumber) return [r.insuredNumber, null, null, null, null, null];
      const keys = ctx.hasher.cardHolder(matchKeyParts(r, ctx.directory));
      return [null, keys.exact, keys.person, keys.bucket, packKeys(keys.nearFilter), packKeys(keys.near)];
    },
  };
}

/** application_ids: upsert by 被保険者番号 (a newer J-LIS file replaces a person's 申請書ID and QR data). */
function applicationIdMapper(ctx: RowMapperContext): RowMapper<'application-ids'> {
  return {
    target: {
      table: 'application_ids',
      columns: ['insuredNumber', 'applicationId', 'qrData'],
      constants: { importId: ctx.importId, updatedAt: ctx.now },
      conflictKey: ['insuredNumber'],
    },
    toRow: (r) => [r.insuredNumber, r.applicationId, r.qrData],
  };
}

export function rowMapper<K extends ImportKind>(kind: K, ctx: RowMapperContext): RowMapper<K> {
  const mappers: { [P in ImportKind]: (c: RowMapperContext) => RowMapper<P> } = {
    insured: insuredMapper,
    'card-holders': cardHolderMapper,
    'application-ids': applicationIdMapper,
  };
  return mappers[kind](ctx) as unknown as RowMapper<K>;
}
