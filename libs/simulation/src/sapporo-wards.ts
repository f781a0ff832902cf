import { createReadStream, createWriteStream, renameSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import iconv from 'iconv-lite';
import { SAPPORO_CODE } from './scenarios';

/**
 * The synthetic generator gives every municipality one 3-digit postal prefix, so the planner cannot cut
 * 札幌市 (39 % of the forms) into parts by postal group, as it does with the real list. This rewrites the
 * prefix of each 札幌市 person in the insured list to their ward's (the ward is in the generated address):
 * 中央区 060, 北区 001, 東区 065, 白石区 003, 厚別区 004, 豊平区 062, 清田区 004, 南区 005, 西区 063, 手稲区 006.
 * Nothing else changes; the card-holder list has no postal codes, so matching is unaffected.
 */
export const SAPPORO_WARD_PREFIXES: ReadonlyArray<readonly [string, string]> = [
  ['中央区', '060'], ['北区', '001'], ['東区', '065'], ['白石区', '003'], ['厚別区', '004'],
  ['豊平区', '062'], ['清田区', '004'], ['南区', '005'], ['西区', '063'], ['手稲区', '006'],
];

// The file is Shift_JIS; read as latin1, each byte is one character, so the bytes are written back as read.
const latin1 = (text: string): string => iconv.encode(text, 'Shift_JIS').toString('latin1');
const WARDS = SAPPORO_WARD_PREFIXES.map(([ward, prefix]) => [latin1(`札幌市${ward}`), prefix] as const);

/** One line of the insured CSV with the ward's postal prefix for a 札幌市 person; other lines unchanged. */
export function withWardPrefix(line: string): string {
  const fields = line.split(',', 7);
  if (fields.length < 7 || fields[1] !== SAPPORO_CODE || fields.slice(0, 7).some((f) => f.includes('"'))) return line;
  const ward = WARDS.find(([name]) => line.includes(name));
  if (!ward || !/^\d{3}-?\d{4}$/.test(fields[6])) return line;
  const at = fields.slice(0, 6).join(',').length + 1;
  return line.slice(0, at) + ward[1] + line.slice(at + 3);
}

/** Rewrites the generated insured list in place (streamed, line by line). */
export async function spreadSapporoOverWards(path: string): Promise<void> {
  const tmp = `${path}.wards`;
  const out = createWriteStream(tmp, { encoding: 'latin1' });
  const lines = createInterface({ input: createReadStream(path, { encoding: 'latin1' }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!out.write(`${withWardPrefix(line)}\r\n`, 'latin1')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  renameSync(tmp, path);
}
