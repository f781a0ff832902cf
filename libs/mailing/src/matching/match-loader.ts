import type { DataSource } from 'typeorm';
import type { HolderRow, HolderTable, PersonRow, PersonTable } from './match-tables';

const PAGE = 20_000;

/** Reads a table in primary-key order, a page at a time (MySQL and SQLite alike; no whole-table result in memory). */
async function pages<T extends { id: number }>(dataSource: DataSource, select: string, where: string, params: unknown[], each: (rows: T[]) => void): Promise<void> {
  let last = 0;
  for (;;) {
    const rows: T[] = await dataSource.query(`${select} WHERE id > ?${where ? ` AND ${where}` : ''} ORDER BY id LIMIT ${PAGE}`, [last, ...params]);
    if (rows.length === 0) return;
    each(rows);
    last = Number(rows[rows.length - 1].id);
    if (rows.length < PAGE) return;
  }
}

const placeholders = (n: number): string => new Array(n).fill('?').join(',');

/** The card holders of the given lists, hashes only. */
export async function loadHolders(dataSource: DataSource, importIds: readonly number[], table: HolderTable): Promise<void> {
  if (importIds.length === 0) return;
  await pages<HolderRow & { id: number }>(
    dataSource,
    'SELECT id, insuredNumber, exactKey, personKey, bucketKey, nearFilter, nearKeys FROM card_holder_keys',
    `importId IN (${placeholders(importIds.length)})`,
    [...importIds],
    (rows) => rows.forEach((r) => table.add(r)),
  );
}

/**
 * The insured persons of the table's municipalities (the table turns them into fingerprints as they come
 * and keeps no names). Returns the imports their rows came from.
 */
export async function loadPersons(dataSource: DataSource, table: PersonTable, allMunicipalities: boolean): Promise<Set<number>> {
  const imports = new Set<number>();
  await pages<PersonRow & { id: number; importId: number }>(
    dataSource,
    'SELECT id, insuredNumber, municipalityCode, lossDate, name, birthDate, sex, address, importId FROM insured_persons',
    allMunicipalities ? '' : `municipalityCode IN (${placeholders(table.codes.length)})`,
    allMunicipalities ? [] : [...table.codes],
    (rows) => {
      for (const r of rows) {
        table.add(r);
        imports.add(Number(r.importId));
      }
    },
  );
  return imports;
}
