/**
 * Test support for the waves E2E tests: a small synthetic batch seeded straight into the database (insured
 * persons, 申請書IDs and match results — fictitious people), and a reader for the print contractor's
 * outbox (Shift_JIS CSVs and manifests).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { TestDatabase } from './test-database';

/** 札幌市, 函館市, 旭川市 with postal prefixes of their own. */
export const FIXTURE_MUNICIPALITIES = [
  { code: '011002', prefixes: ['060', '064'], city: '北海道札幌市中央区' },
  { code: '012025', prefixes: ['040'], city: '北海道函館市' },
  { code: '012041', prefixes: ['070'], city: '北海道旭川市' },
] as const;

const hex32 = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 32);
const SURNAMES = ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村', '小林', '加藤'];
const GIVEN = ['花子', '一郎', '幸子', '次郎', '和子', '三郎', '節子', '清', '久子', '勇'];

export interface SeededPerson {
  insuredNumber: string;
  municipalityCode: string;
}

/**
 * `perMunicipality` target persons in each fixture municipality for `batchId`, numbered from `firstNumber`
 * (8-digit 被保険者番号), each with a J-LIS ID; every 10th person has a 送付先.
 */
export async function seedBatchTargets(db: TestDatabase, batchId: number, perMunicipality: number, firstNumber: number): Promise<SeededPerson[]> {
  const persons: SeededPerson[] = [];
  const insured: unknown[][] = [];
  const ids: unknown[][] = [];
  const results: unknown[][] = [];
  const now = new Date();
  let n = firstNumber;
  for (const m of FIXTURE_MUNICIPALITIES) {
    for (let i = 0; i < perMunicipality; i++, n++) {
      const number = String(n).padStart(8, '0');
      const prefix = m.prefixes[i % m.prefixes.length];
      const redirected = i % 10 === 0;
      insured.push([
        number, m.code, `${SURNAMES[i % 10]}\u3000${GIVEN[(i * 7) % 10]}`, 'テスト　タロウ', `19${40 + (i % 9)}-0${1 + (i % 9)}-1${i % 10}`,
        i % 2 === 0 ? 'female' : 'male', `${prefix}${String(1000 + (i % 8000)).padStart(4, '0')}`, `${m.city}${1 + (i % 30)}条${1 + (i % 9)}丁目${i}番地`,
        redirected ? '特別養護老人ホーム　さくら苑' : null, redirected ? `${prefix}9999` : null, redirected ? `${m.city}1条1丁目1番地` : null,
        1, now,
      ]);
      ids.push([number, `${String(n).padStart(8, '0')}${'1'.repeat(15)}`, `JLIS-QR-${number}`, 1, now]);
      results.push([batchId, number, m.code, 'target']);
      persons.push({ insuredNumber: number, municipalityCode: m.code });
    }
  }
  await db.query(
    `INSERT INTO insured_persons (insuredNumber, municipalityCode, name, nameKana, birthDate, sex, postalCode, address,
       deliveryName, deliveryPostalCode, deliveryAddress, importId, updatedAt) VALUES ?`,
    [insured],
  );
  await db.query('INSERT INTO application_ids (insuredNumber, applicationId, qrData, importId, updatedAt) VALUES ?', [ids]);
  await db.query('INSERT INTO batch_match_results (batchId, insuredNumber, municipalityCode, outcome) VALUES ?', [results]);
  return persons;
}

/** A stored card-holder list that names these persons by 被保険者番号 (they got a card meanwhile). */
export async function seedCardHolders(db: TestDatabase, insuredNumbers: string[], asOf: string): Promise<void> {
  const now = new Date();
  await db.query(
    `INSERT INTO imports (kind, fileName, sha256, sizeBytes, encoding, asOf, status, createdBy, createdAt)
     VALUES ('card-holders', 'holders.csv', ?, 1, 'auto', ?, 'stored', 'test', ?)`,
    [hex32(`holders:${insuredNumbers.join(',')}:${Date.now()}`) + hex32('x'), asOf, now],
  );
  const [{ id }] = await db.query<{ id: number }>('SELECT MAX(id) AS id FROM imports');
  await db.query('INSERT INTO card_holder_keys (importId, asOf, insuredNumber) VALUES ?', [insuredNumbers.map((n) => [id, asOf, n])]);
}

export interface OutboxUnit {
  name: string;
  csv: Buffer;
  manifest: { wave: string; unit: number; count: number; sha256: string; bytes: number; file: string };
  /** Data rows, fields unquoted (Shift_JIS decoded). */
  rows: string[][];
}

/** Parses one of our CSV lines (every field quoted, `"` doubled). */
function parseLine(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i < line.length) {
    if (line[i] !== '"') throw new Error('unquoted field');
    let value = '';
    i++;
    for (;;) {
      if (line[i] === '"' && line[i + 1] === '"') {
        value += '"';
        i += 2;
      } else if (line[i] === '"') {
        i++;
        break;
      } else value += line[i++];
    }
    fields.push(value);
    if (line[i] === ',') i++;
  }
  return fields;
}

/** Every complete unit of a wave in the outbox (those with a manifest). */
export function readOutbox(outbox: string, waveId: number): OutboxUnit[] {
  if (!existsSync(outbox)) return [];
  const prefix = `wave-${waveId}-unit-`;
  return readdirSync(outbox)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.manifest.json'))
    .sort()
    .map((f) => {
      const name = f.replace(/\.manifest\.json$/, '');
      const manifest = JSON.parse(readFileSync(join(outbox, f), 'utf8'));
      const csv = readFileSync(join(outbox, `${name}.csv`));
      const lines = iconv.decode(csv, 'cp932').split('\r\n').filter((l) => l !== '');
      return { name, csv, manifest, rows: lines.slice(1).map(parseLine) };
    });
}

/** 被保険者番号 is column 5 of the print CSV. */
export const insuredNumbersIn = (units: OutboxUnit[]): string[] => units.flatMap((u) => u.rows.map((r) => r[4]));
