/**
 * Release units (発送単位): a wave's forms cut into files of at most N forms for the print contractor.
 *
 * Order: municipality code, then the postal code and address the envelope goes to (the 送付先 when there is
 * one), then 申請書ID, so each unit is a run of neighbouring addresses (what the post office and the
 * contractor's enclosing line want) and the order never depends on the input's order.
 *
 * Sizes are balanced: ⌈total / N⌉ units whose sizes differ by at most one (12,001 forms with N = 5,000 make
 * 4,001 + 4,000 + 4,000, not a last unit of one form). A person (申請書ID or 被保険者番号) appearing twice is
 * refused, so nobody can be in two units of a wave; across waves the form ledger's UNIQUE key guards that.
 */
import { conflict, DomainError } from '@wavedesk/common';
import { formatPostalCode, type PrintTarget } from './print-target';

export const DEFAULT_RELEASE_UNIT_SIZE = 5000;

export interface ReleaseUnit<T extends PrintTarget = PrintTarget> {
  wave: string;
  /** 1-based unit number within the wave. */
  unit: number;
  /** File stem, e.g. `wave-12-unit-0003`. */
  name: string;
  targets: T[];
}

const WAVE_KEY = /^[A-Za-z0-9_-]{1,64}$/;

/** The file stem of a unit: `wave-<wave>-unit-<0001>`. The wave key may hold letters, digits, `-` and `_`. */
export function releaseUnitName(wave: string | number, unit: number): string {
  const key = String(wave);
  if (!WAVE_KEY.test(key)) throw new DomainError(400, 'invalid_wave_key', '波の識別子には英数字・ハイフン・下線だけを使えます。');
  if (!Number.isInteger(unit) || unit < 1 || unit > 9999) throw new DomainError(400, 'invalid_unit_number', '発送単位の番号は 1〜9999 です。');
  return `wave-${key}-unit-${String(unit).padStart(4, '0')}`;
}

/** Sizes of the units for `total` forms, at most `maxForms` each, balanced. */
export function releaseUnitSizes(total: number, maxForms = DEFAULT_RELEASE_UNIT_SIZE): number[] {
  if (!Number.isInteger(maxForms) || maxForms < 1) {
    throw new DomainError(400, 'invalid_unit_size', '発送単位の上限件数は 1 以上の整数で指定してください。');
  }
  if (!Number.isInteger(total) || total < 0) throw new DomainError(400, 'invalid_form_count', '件数は 0 以上の整数です。');
  const units = Math.ceil(total / maxForms);
  const base = Math.floor(total / Math.max(units, 1));
  const extra = total - base * units;
  return Array.from({ length: units }, (_, i) => base + (i < extra ? 1 : 0));
}

function sortKey(t: PrintTarget): string {
  const d = t.delivery ?? null;
  const postal = formatPostalCode(d ? d.postalCode : t.postalCode);
  return `${t.municipalityCode}\u0000${postal}\u0000${d ? d.address : t.address}\u0000${t.applicationId}`;
}

/** Compares two targets in print order (see the module comment). */
export function compareForPrint(a: PrintTarget, b: PrintTarget): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** The targets in print order (a new array; the input is not changed). */
export function sortForPrint<T extends PrintTarget>(targets: readonly T[]): T[] {
  const keyed = targets.map((target) => ({ key: sortKey(target), target }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.target);
}

/** Throws 409 when a 申請書ID or 被保険者番号 appears twice (counts only, no values). */
export function assertNoDuplicatePersons(targets: Iterable<PrintTarget>): void {
  const ids = new Set<string>();
  const insured = new Set<string>();
  let duplicateIds = 0;
  let duplicateInsured = 0;
  for (const t of targets) {
    if (ids.has(t.applicationId)) duplicateIds++;
    else ids.add(t.applicationId);
    if (insured.has(t.insuredNumber)) duplicateInsured++;
    else insured.add(t.insuredNumber);
  }
  if (duplicateIds > 0 || duplicateInsured > 0) {
    throw conflict(
      'duplicate_print_target',
      `同じ人が複数回含まれています（申請書IDの重複 ${duplicateIds} 件、被保険者番号の重複 ${duplicateInsured} 件）。一人に送る申請書は一通だけです。`,
      { duplicateApplicationIds: duplicateIds, duplicateInsuredNumbers: duplicateInsured },
    );
  }
}

/** A wave's targets sorted and cut into release units of at most `maxForms` forms. */
export function splitIntoReleaseUnits<T extends PrintTarget>(
  wave: string | number,
  targets: readonly T[],
  maxForms = DEFAULT_RELEASE_UNIT_SIZE,
): ReleaseUnit<T>[] {
  const sizes = releaseUnitSizes(targets.length, maxForms);
  releaseUnitName(wave, Math.max(sizes.length, 1)); // validates the wave key and the unit count up front
  assertNoDuplicatePersons(targets);
  const sorted = sortForPrint(targets);
  const units: ReleaseUnit<T>[] = [];
  let start = 0;
  sizes.forEach((size, i) => {
    units.push({ wave: String(wave), unit: i + 1, name: releaseUnitName(wave, i + 1), targets: sorted.slice(start, start + size) });
    start += size;
  });
  return units;
}
