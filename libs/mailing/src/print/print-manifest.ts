/**
 * The manifest that travels with each unit's CSV: what the contractor checks before printing, and what
 * makes a unit complete. The CSV is always published first and the manifest last, so "the manifest exists"
 * means "the unit is complete"; the contractor should pick a unit up only once its manifest is there.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pathExists, writeFileWithoutOverwrite } from './atomic-file';
import { PRINT_ENCODING_LABEL } from './shift-jis';

export interface PrintUnitManifest {
  /** The wave key. */
  wave: string;
  /** 1-based unit number within the wave. */
  unit: number;
  /** Forms (data rows) in the CSV. */
  count: number;
  /** SHA-256 of the CSV file, hex. */
  sha256: string;
  /** Size of the CSV file. */
  bytes: number;
  /** The CSV's file name (no folder). */
  file: string;
  /** ISO 8601 instant the unit was written. */
  createdAt: string;
  encoding: string;
  /** Rows whose 申請書ID is a placeholder (0 for a real release). */
  placeholders: number;
  /** Characters replaced by 〓; null when the manifest was rebuilt after a crash (unknown). */
  substitutedCharacters: number | null;
}

/** The files of one written unit, on the local disk. */
export interface PrintUnitFiles {
  /** File stem, e.g. `wave-12-unit-0003`. */
  name: string;
  csvPath: string;
  manifestPath: string;
  manifest: PrintUnitManifest;
}

export const csvFileName = (name: string): string => `${name}.csv`;
export const manifestFileName = (name: string): string => `${name}.manifest.json`;

/** A manifest as stored: stable key order, two-space indent, trailing newline. */
export function serializeManifest(manifest: PrintUnitManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

const LF = 0x0a;
const PLACEHOLDER_MARK = Buffer.from('"1"', 'latin1');
/** A data line starts with `"<23 digits>",` then the プレースホルダ field. */
const PLACEHOLDER_OFFSET = 26;

/** Count, placeholders, size and hash of a CSV written by this library (header line not counted). */
export function describeCsv(csv: Buffer): Pick<PrintUnitManifest, 'count' | 'placeholders' | 'bytes' | 'sha256'> {
  let lines = 0;
  let placeholders = 0;
  let start = 0;
  for (let end = csv.indexOf(LF); end !== -1; end = csv.indexOf(LF, start)) {
    if (lines > 0 && csv.compare(PLACEHOLDER_MARK, 0, 3, start + PLACEHOLDER_OFFSET, start + PLACEHOLDER_OFFSET + 3) === 0) placeholders++;
    lines++;
    start = end + 1;
  }
  return { count: Math.max(lines - 1, 0), placeholders, bytes: csv.length, sha256: createHash('sha256').update(csv).digest('hex') };
}

/**
 * The unit in `directory` if it is complete: its manifest, or — when a crash came between publishing the
 * CSV and the manifest — a manifest rebuilt from the CSV (and published, unless `publishRebuilt` is false:
 * a writer that just lost a race leaves the manifest to the winner). Undefined when there is no CSV.
 */
export async function readCompleteUnit(
  directory: string,
  name: string,
  wave: string,
  unit: number,
  options: { publishRebuilt?: boolean } = {},
): Promise<PrintUnitFiles | undefined> {
  const csvPath = join(directory, csvFileName(name));
  const manifestPath = join(directory, manifestFileName(name));
  if (await pathExists(manifestPath)) {
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as PrintUnitManifest;
    return { name, csvPath, manifestPath, manifest };
  }
  if (!(await pathExists(csvPath))) return undefined;
  const csv = await readFile(csvPath);
  const facts = describeCsv(csv);
  const manifest: PrintUnitManifest = {
    wave,
    unit,
    count: facts.count,
    sha256: facts.sha256,
    bytes: facts.bytes,
    file: csvFileName(name),
    createdAt: (await stat(csvPath)).mtime.toISOString(),
    encoding: PRINT_ENCODING_LABEL,
    placeholders: facts.placeholders,
    substitutedCharacters: null,
  };
  if (options.publishRebuilt === false) return { name, csvPath, manifestPath, manifest };
  if (!(await writeFileWithoutOverwrite(manifestPath, serializeManifest(manifest)))) {
    // Another process rebuilt it first; theirs is as good as ours.
    return { name, csvPath, manifestPath, manifest: JSON.parse(await readFile(manifestPath, 'utf8')) as PrintUnitManifest };
  }
  return { name, csvPath, manifestPath, manifest };
}

/** Whether a CSV on disk still matches its manifest (size and SHA-256), for reconciliation. */
export async function verifyUnitFile(csvPath: string, manifest: PrintUnitManifest): Promise<boolean> {
  if (!(await pathExists(csvPath))) return false;
  const csv = await readFile(csvPath);
  return csv.length === manifest.bytes && createHash('sha256').update(csv).digest('hex') === manifest.sha256;
}
