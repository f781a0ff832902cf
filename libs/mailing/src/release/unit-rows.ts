/**
 * The persons of one release unit as the printer needs them: the ledger joined with the insured list (the
 * 4 information items and the 送付先) and the J-LIS application IDs. Read a page at a time; a unit holds at
 * most a few thousand persons, so it is sorted in print order in memory (bounded by the unit size).
 */
import type { EntityManager } from 'typeorm';
import { sortForPrint } from '../print/release-units';
import type { PrintTarget, Sex } from '../print/print-target';

const PAGE = 1000;

interface UnitRow {
  id: number;
  insuredNumber: string;
  municipalityCode: string;
  applicationId: string;
  placeholder: number | boolean;
  storedApplicationId: string | null;
  qrData: string | null;
  name: string;
  nameKana: string;
  birthDate: string;
  sex: Sex;
  postalCode: string;
  address: string;
  deliveryName: string | null;
  deliveryPostalCode: string | null;
  deliveryAddress: string | null;
}

/** The QR payload printed for a placeholder ID: clearly not a J-LIS payload. */
export const placeholderQrData = (applicationId: string): string => `PLACEHOLDER-${applicationId}`;

function toTarget(r: UnitRow): PrintTarget {
  const placeholder = r.placeholder === true || Number(r.placeholder) === 1;
  const delivery =
    r.deliveryName && r.deliveryPostalCode && r.deliveryAddress
      ? { name: r.deliveryName, postalCode: r.deliveryPostalCode, address: r.deliveryAddress }
      : null;
  return {
    applicationId: r.applicationId,
    placeholder,
    // A real ID must still be the one on file; if a newer J-LIS file changed it, the empty payload makes the writer refuse.
    qrData: placeholder ? placeholderQrData(r.applicationId) : r.storedApplicationId === r.applicationId ? (r.qrData ?? '') : '',
    municipalityCode: r.municipalityCode,
    insuredNumber: r.insuredNumber,
    name: r.name,
    nameKana: r.nameKana,
    birthDate: r.birthDate,
    sex: r.sex,
    postalCode: r.postalCode,
    address: r.address,
    delivery,
  };
}

/** Every person still assigned to the unit, in print order. Personal data: never log what this returns. */
export async function loadUnitTargets(manager: EntityManager, unitId: number): Promise<PrintTarget[]> {
  const out: PrintTarget[] = [];
  let last = 0;
  for (;;) {
    const rows: UnitRow[] = await manager.query(
      `SELECT l.id, l.insuredNumber, l.municipalityCode, l.applicationId, l.placeholder,
              a.applicationId AS storedApplicationId, a.qrData,
              p.name, p.nameKana, p.birthDate, p.sex, p.postalCode, p.address,
              p.deliveryName, p.deliveryPostalCode, p.deliveryAddress
         FROM form_ledger l
         JOIN insured_persons p ON p.insuredNumber = l.insuredNumber
         LEFT JOIN application_ids a ON a.insuredNumber = l.insuredNumber
        WHERE l.unitId = ? AND l.status = 'assigned' AND l.id > ?
        ORDER BY l.id LIMIT ${PAGE}`,
      [unitId, last],
    );
    for (const r of rows) out.push(toTarget(r));
    if (rows.length < PAGE) break;
    last = Number(rows[rows.length - 1].id);
  }
  return sortForPrint(out);
}
