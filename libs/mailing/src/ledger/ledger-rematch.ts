/**
 * Re-matching a held wave before its remaining units are written: persons who now hold a card (by
 * 被保険者番号 or the exact keyed hash of their 4 information items, in any stored card-holder list) are
 * withdrawn from the ledger. The persons' items are read only to hash them (`exactKeyOf`, the matching's
 * MATCH_HMAC_KEY hash); nothing but counts leaves this function.
 */
import type { EntityManager } from 'typeorm';
import { sqlDateTime } from '../release/sql-values';

const PAGE = 20_000;
const marks = (n: number): string => new Array(n).fill('?').join(',');

export interface RematchResult {
  checked: number;
  withdrawn: number;
  /** Withdrawn persons per unit id (units not yet written only); null for persons without a unit yet. */
  byUnit: Map<number | null, number>;
}

/** The 4 information items of a person, for hashing. */
export interface RematchPerson {
  insuredNumber: string;
  municipalityCode: string;
  name: string;
  birthDate: string;
  sex: 'male' | 'female';
  address: string;
}

export async function rematchWave(manager: EntityManager, waveId: number, now: Date, exactKeyOf: (p: RematchPerson) => string): Promise<RematchResult> {
  const numbers = new Set<string>();
  const exactKeys = new Set<string>();
  let last = 0;
  for (;;) {
    const rows: Array<{ id: number; insuredNumber: string | null; exactKey: string | null }> = await manager.query(
      `SELECT k.id, k.insuredNumber, k.exactKey FROM card_holder_keys k JOIN imports i ON i.id = k.importId
        WHERE i.status = 'stored' AND k.id > ? ORDER BY k.id LIMIT ${PAGE}`,
      [last],
    );
    for (const r of rows) {
      if (r.insuredNumber) numbers.add(r.insuredNumber);
      else if (r.exactKey) exactKeys.add(r.exactKey);
    }
    if (rows.length < PAGE) break;
    last = Number(rows[rows.length - 1].id);
  }

  const withdraw: Array<{ id: number; unitId: number | null }> = [];
  let checked = 0;
  last = 0;
  for (;;) {
    const rows: Array<RematchPerson & { id: number; unitId: number | null }> = await manager.query(
      `SELECT l.id, l.unitId, l.insuredNumber, p.municipalityCode, p.name, p.birthDate, p.sex, p.address
         FROM form_ledger l JOIN insured_persons p ON p.insuredNumber = l.insuredNumber
         LEFT JOIN release_units u ON u.id = l.unitId
        WHERE l.waveId = ? AND l.status = 'assigned' AND (l.unitId IS NULL OR u.status = 'pending') AND l.id > ?
        ORDER BY l.id LIMIT ${PAGE}`,
      [waveId, last],
    );
    checked += rows.length;
    for (const r of rows) {
      if (numbers.has(r.insuredNumber) || (exactKeys.size > 0 && exactKeys.has(exactKeyOf(r)))) withdraw.push({ id: Number(r.id), unitId: r.unitId === null ? null : Number(r.unitId) });
    }
    if (rows.length < PAGE) break;
    last = Number(rows[rows.length - 1].id);
  }

  const byUnit = new Map<number | null, number>();
  for (const w of withdraw) byUnit.set(w.unitId, (byUnit.get(w.unitId) ?? 0) + 1);
  for (let i = 0; i < withdraw.length; i += 1000) {
    const chunk = withdraw.slice(i, i + 1000).map((w) => w.id);
    await manager.query(`UPDATE form_ledger SET status = 'withdrawn', withdrawnAt = ? WHERE id IN (${marks(chunk.length)})`, [sqlDateTime(now), ...chunk]);
  }
  return { checked, withdrawn: withdraw.length, byUnit };
}
