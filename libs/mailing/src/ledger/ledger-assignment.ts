/**
 * Filling the form ledger when a wave is approved, and giving its persons release units when it is
 * released. Bulk work in pages; no personal data leaves these functions except as counts.
 */
import type { EntityManager } from 'typeorm';
import { sqlBool } from '../release/sql-values';
import { releaseUnitSizes, sortForPrint } from '../print/release-units';
import type { PrintTarget } from '../print/print-target';
import type { StoredWaveMember } from '../waves/wave.entity';
import { FormLedgerEntry } from './form-ledger.entity';
import { placeholderApplicationId } from './placeholder-id';

const INSERT_CHUNK = 500;
const UPDATE_CHUNK = 1000;
const marks = (n: number): string => new Array(n).fill('?').join(',');

/**
 * One ledger row per target person of the wave's members (postal groups by 3-digit prefix of the registered
 * postal code). Persons already in the campaign's ledger are skipped and counted: the UNIQUE key would
 * refuse them anyway. Returns forms and placeholders added, and how many were already formed.
 */
export async function assignLedger(
  manager: EntityManager,
  input: { campaignId: number; batchId: number; waveId: number; members: readonly StoredWaveMember[]; now: Date },
): Promise<{ forms: number; placeholders: number; alreadyFormed: number }> {
  let forms = 0;
  let placeholders = 0;
  let alreadyFormed = 0;
  for (const member of input.members) {
    const keys = member.postalGroupKeys ?? [];
    const rows: Array<{ insuredNumber: string; applicationId: string | null; formed: number | string }> = await manager.query(
      `SELECT r.insuredNumber, a.applicationId,
              (SELECT COUNT(*) FROM form_ledger l WHERE l.campaignId = ? AND l.insuredNumber = r.insuredNumber) AS formed
         FROM batch_match_results r
         JOIN insured_persons p ON p.insuredNumber = r.insuredNumber
         LEFT JOIN application_ids a ON a.insuredNumber = r.insuredNumber
        WHERE r.batchId = ? AND r.outcome = 'target' AND r.municipalityCode = ?
          ${keys.length > 0 ? `AND SUBSTR(p.postalCode, 1, 3) IN (${marks(keys.length)})` : ''}
        ORDER BY r.insuredNumber`,
      [input.campaignId, input.batchId, member.code, ...keys],
    );
    const fresh = rows.filter((r) => Number(r.formed) === 0);
    alreadyFormed += rows.length - fresh.length;
    for (let i = 0; i < fresh.length; i += INSERT_CHUNK) {
      const values = fresh.slice(i, i + INSERT_CHUNK).map((r) => {
        const placeholder = !r.applicationId;
        if (placeholder) placeholders++;
        return {
          campaignId: input.campaignId,
          insuredNumber: r.insuredNumber,
          municipalityCode: member.code,
          waveId: input.waveId,
          unitId: null,
          applicationId: r.applicationId ?? placeholderApplicationId(input.campaignId, r.insuredNumber),
          placeholder,
          status: 'assigned' as const,
          createdAt: input.now,
          withdrawnAt: null,
        };
      });
      await manager.insert(FormLedgerEntry, values);
    }
    forms += fresh.length;
  }
  return { forms, placeholders, alreadyFormed };
}

/** Placeholders whose J-LIS ID has arrived since approval get the real ID. Returns the placeholders left. */
export async function refreshApplicationIds(manager: EntityManager, waveId: number): Promise<number> {
  await manager.query(
    `UPDATE form_ledger
        SET applicationId = (SELECT a.applicationId FROM application_ids a WHERE a.insuredNumber = form_ledger.insuredNumber),
            placeholder = ?
      WHERE waveId = ? AND status = 'assigned' AND placeholder = ?
        AND EXISTS (SELECT 1 FROM application_ids a WHERE a.insuredNumber = form_ledger.insuredNumber)`,
    [sqlBool(false), waveId, sqlBool(true)],
  );
  const left: Array<{ n: number | string }> = await manager.query(
    `SELECT COUNT(*) AS n FROM form_ledger WHERE waveId = ? AND status = 'assigned' AND placeholder = ?`,
    [waveId, sqlBool(true)],
  );
  return Number(left[0].n);
}

/**
 * The wave's persons in print order (municipality, envelope postal code and address, 申請書ID), cut into
 * balanced units of at most `unitSize`. Returns the ledger ids per unit. Only sort keys are read.
 */
export async function cutIntoUnits(manager: EntityManager, waveId: number, unitSize: number): Promise<number[][]> {
  const keyed: Array<PrintTarget & { ledgerId: number }> = [];
  let last = 0;
  for (;;) {
    const rows: Array<{ id: number; municipalityCode: string; applicationId: string; postalCode: string; address: string; deliveryName: string | null; deliveryPostalCode: string | null; deliveryAddress: string | null }> =
      await manager.query(
        `SELECT l.id, l.municipalityCode, l.applicationId, p.postalCode, p.address, p.deliveryName, p.deliveryPostalCode, p.deliveryAddress
           FROM form_ledger l JOIN insured_persons p ON p.insuredNumber = l.insuredNumber
          WHERE l.waveId = ? AND l.status = 'assigned' AND l.id > ? ORDER BY l.id LIMIT 10000`,
        [waveId, last],
      );
    for (const r of rows) {
      const delivery = r.deliveryName && r.deliveryPostalCode && r.deliveryAddress ? { name: r.deliveryName, postalCode: r.deliveryPostalCode, address: r.deliveryAddress } : null;
      keyed.push({ ledgerId: Number(r.id), municipalityCode: r.municipalityCode, applicationId: r.applicationId, postalCode: r.postalCode, address: r.address, delivery } as PrintTarget & { ledgerId: number });
    }
    if (rows.length < 10000) break;
    last = Number(rows[rows.length - 1].id);
  }
  const sorted = sortForPrint(keyed);
  const units: number[][] = [];
  let start = 0;
  for (const size of releaseUnitSizes(sorted.length, unitSize)) {
    units.push(sorted.slice(start, start + size).map((t) => t.ledgerId));
    start += size;
  }
  return units;
}

/** Sets the unit of ledger rows, a chunk at a time. */
export async function setLedgerUnit(manager: EntityManager, unitId: number, ledgerIds: readonly number[]): Promise<void> {
  for (let i = 0; i < ledgerIds.length; i += UPDATE_CHUNK) {
    const chunk = ledgerIds.slice(i, i + UPDATE_CHUNK);
    await manager.query(`UPDATE form_ledger SET unitId = ? WHERE id IN (${marks(chunk.length)})`, [unitId, ...chunk]);
  }
}
