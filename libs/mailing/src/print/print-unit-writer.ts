/**
 * Writes one release unit's print data: a Shift_JIS (CP932) CSV and its manifest, streamed row by row.
 *
 * - Rows come from any (async) iterable, so the caller can page them out of the database; at most one
 *   ~1 MB chunk is held in memory.
 * - The CSV goes to a hidden temporary file, is fsynced, then published under its final name without ever
 *   replacing an existing file; the manifest is published last and marks the unit complete.
 * - Idempotent per unit name: when the unit is already complete in the folder nothing is written and the
 *   existing manifest is returned (`status: 'exists'`); a CSV left without manifest by a crash gets its
 *   manifest rebuilt from the file, never a second write.
 * - Nothing is published when the data is refused: malformed values, a person twice, placeholders (unless
 *   allowed), characters Shift_JIS cannot hold (unless substitution is asked for), more than `maxForms`
 *   rows, or no rows. The error lists every problem by row and column, never by value.
 */
import { DomainError } from '@wavedesk/common';
import { mkdir, open, unlink } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { publishWithoutOverwrite, syncDirectory, temporaryPathFor, writeFileWithoutOverwrite, writeFully } from './atomic-file';
import { checkPrintRow, newPrintRowCheckState, PRINT_CSV_COLUMNS, type PrintDataIssue, unmappableIssues } from './print-csv';
import { csvFileName, manifestFileName, type PrintUnitFiles, type PrintUnitManifest, readCompleteUnit, serializeManifest } from './print-manifest';
import type { PrintTarget } from './print-target';
import { DEFAULT_RELEASE_UNIT_SIZE, releaseUnitName } from './release-units';
import { csvLineByteBound, encodeCsvLine, PRINT_ENCODING_LABEL, substituteUnmappable } from './shift-jis';

export interface WritePrintUnitOptions {
  /** Folder the unit's files are written to (created when missing). */
  directory: string;
  wave: string | number;
  /** 1-based unit number within the wave. */
  unit: number;
  /** Refuse a unit with more rows than this (default 5,000). */
  maxForms?: number;
  /** `refuse` (default): a placeholder 申請書ID stops the unit. `allow`: for rehearsals and proofs. */
  placeholders?: 'refuse' | 'allow';
  /** `refuse` (default): a character Shift_JIS cannot hold stops the unit. `substitute`: print 〓 and report it. */
  unmappable?: 'refuse' | 'substitute';
  /** The clock for `createdAt` (injected in tests). */
  now?: () => Date;
}

export interface WritePrintUnitResult {
  /** `written` by this call, or `exists`: the unit was already complete and nothing was written. */
  status: 'written' | 'exists';
  files: PrintUnitFiles;
  /** Characters replaced by 〓 (substitute mode only), by row and column. */
  substituted: PrintDataIssue[];
}

/** How many issues an error carries in its details (all are counted). */
export const MAX_REPORTED_ISSUES = 1000;
const CHUNK_BYTES = 1 << 20;

const COLUMN_INDEX = new Map<string, number>(PRINT_CSV_COLUMNS.map((c, i) => [c, i]));
const byRowAndColumn = (a: PrintDataIssue, b: PrintDataIssue): number =>
  a.row - b.row || (COLUMN_INDEX.get(a.column) ?? 0) - (COLUMN_INDEX.get(b.column) ?? 0);

function refusal(issues: PrintDataIssue[], issueCount: number, wave: string, unit: number): DomainError {
  const has = (code: PrintDataIssue['code']): boolean => issues.some((i) => i.code === code);
  const details = { wave, unit, issueCount, issues: issues.slice(0, MAX_REPORTED_ISSUES) };
  if (has('invalid_value')) {
    return new DomainError(400, 'invalid_print_data', `印刷データに形式の誤りが ${issueCount} 件あります（行と項目は詳細を参照）。`, undefined, details);
  }
  if (has('duplicate')) {
    return new DomainError(409, 'duplicate_print_target', '同じ人が発送単位に二回含まれています。一人に送る申請書は一通だけです。', undefined, details);
  }
  if (has('placeholder')) {
    const n = issues.filter((i) => i.code === 'placeholder').length;
    return new DomainError(409, 'placeholder_in_release', `仮の申請書ID（プレースホルダ）が ${n} 件含まれているため、この発送単位は書き出せません。`, undefined, details);
  }
  return new DomainError(
    409,
    'unmappable_characters',
    `Shift_JIS で表せない文字（外字）が ${issueCount} 文字あります。委託業者と外字の扱いを決めてから書き出してください。`,
    undefined,
    details,
  );
}

/** Writes one unit (see the module comment). Throws a DomainError, with nothing published, when refused. */
export async function writePrintUnit(
  targets: Iterable<PrintTarget> | AsyncIterable<PrintTarget>,
  options: WritePrintUnitOptions,
): Promise<WritePrintUnitResult> {
  const wave = String(options.wave);
  const name = releaseUnitName(wave, options.unit);
  const maxForms = options.maxForms ?? DEFAULT_RELEASE_UNIT_SIZE;
  const allowPlaceholders = options.placeholders === 'allow';
  const substitute = options.unmappable === 'substitute';
  const now = options.now ?? (() => new Date());
  const { directory } = options;

  const existing = await readCompleteUnit(directory, name, wave, options.unit);
  if (existing) return { status: 'exists', files: existing, substituted: [] };

  await mkdir(directory, { recursive: true });
  const csvPath = join(directory, csvFileName(name));
  const temporaryPath = temporaryPathFor(csvPath);
  const handle = await open(temporaryPath, 'wx');
  let handleOpen = true;
  let keepTemporary = false;
  try {
    const hash = createHash('sha256');
    let bytes = 0;
    // Rows are encoded straight into one reusable chunk buffer, which is hashed and written when full.
    let chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    let pos = 0;
    const flush = async (): Promise<void> => {
      if (pos === 0) return;
      const filled = chunk.subarray(0, pos);
      hash.update(filled);
      bytes += pos;
      await writeFully(handle, filled);
      pos = 0;
    };

    const issues: PrintDataIssue[] = [];
    let issueCount = 0;
    const report = (found: PrintDataIssue[]): void => {
      issueCount += found.length;
      for (const issue of found) if (issues.length < MAX_REPORTED_ISSUES) issues.push(issue);
    };
    const substituted: PrintDataIssue[] = [];
    const checkState = newPrintRowCheckState();
    let row = 0;

    interface PreparedRow {
      fields: string[];
      found: PrintDataIssue[];
    }
    /** Checks one row; undefined past `maxForms` (counted, refused below). */
    const prepare = (target: PrintTarget): PreparedRow | undefined => {
      row++;
      if (row > maxForms) return undefined;
      return checkPrintRow(target, row, checkState, allowPlaceholders);
    };
    const needsRoom = (prepared: PreparedRow): boolean => pos + csvLineByteBound(prepared.fields) > chunk.length;
    /** Flushes the chunk, and grows it for a line longer than a whole chunk. */
    const makeRoom = async (prepared: PreparedRow): Promise<void> => {
      await flush();
      const bound = csvLineByteBound(prepared.fields);
      if (bound > chunk.length) chunk = Buffer.allocUnsafe(bound);
    };
    /** Encodes a checked row into the chunk (substituting 〓 or reporting what CP932 cannot hold). */
    const encodeRow = ({ fields, found }: PreparedRow): void => {
      let end = encodeCsvLine(fields, chunk, pos);
      if (end < 0) {
        const lost = unmappableIssues(fields, row);
        if (substitute) {
          substituted.push(...lost);
          end = encodeCsvLine(fields.map(substituteUnmappable), chunk, pos); // 〓 never makes a line longer
        } else {
          found.push(...lost);
        }
      }
      if (found.length > 0) report(found);
      // Once anything is refused, rows are still checked but no longer kept.
      if (issueCount === 0 && end >= 0) pos = end;
    };

    pos = encodeCsvLine(PRINT_CSV_COLUMNS, chunk, 0);
    if (Symbol.iterator in targets) {
      // A plain iterable is read without an await per row (for-await would cost a promise per form).
      for (const target of targets) {
        const prepared = prepare(target);
        if (!prepared) continue;
        if (needsRoom(prepared)) await makeRoom(prepared);
        encodeRow(prepared);
      }
    } else {
      for await (const target of targets) {
        const prepared = prepare(target);
        if (!prepared) continue;
        if (needsRoom(prepared)) await makeRoom(prepared);
        encodeRow(prepared);
      }
    }
    issues.sort(byRowAndColumn);

    if (row === 0) throw new DomainError(400, 'empty_print_unit', '発送単位に申請書が 1 件もありません。', undefined, { wave, unit: options.unit });
    if (row > maxForms) {
      throw new DomainError(400, 'print_unit_too_large', `発送単位の件数（${row} 件）が上限 ${maxForms} 件を超えています。`, undefined, {
        wave,
        unit: options.unit,
        count: row,
        maxForms,
      });
    }
    if (issueCount > 0) throw refusal(issues, issueCount, wave, options.unit);

    await flush();
    await handle.sync();
    await handle.close();
    handleOpen = false;
    keepTemporary = true; // publishWithoutOverwrite owns it now
    if (!(await publishWithoutOverwrite(temporaryPath, csvPath))) {
      // Another writer published this unit between our check and now: theirs stands, and its manifest is
      // theirs to publish (a crash before that is repaired by the next call, as after any crash).
      const theirs = await readCompleteUnit(directory, name, wave, options.unit, { publishRebuilt: false });
      if (!theirs) throw new Error(`unit ${name} vanished while being published`);
      return { status: 'exists', files: theirs, substituted: [] };
    }

    const manifest: PrintUnitManifest = {
      wave,
      unit: options.unit,
      count: row,
      sha256: hash.digest('hex'),
      bytes,
      file: csvFileName(name),
      createdAt: now().toISOString(),
      encoding: PRINT_ENCODING_LABEL,
      placeholders: checkState.placeholders,
      substitutedCharacters: substituted.length,
    };
    const manifestPath = join(directory, manifestFileName(name));
    if (!(await writeFileWithoutOverwrite(manifestPath, serializeManifest(manifest)))) {
      // A process that started after our CSV appeared took it for a crashed unit and rebuilt the manifest
      // from that very file. We still wrote the unit; the manifest on disk stands.
      const onDisk = await readCompleteUnit(directory, name, wave, options.unit);
      if (!onDisk) throw new Error(`unit ${name} vanished while being published`);
      return { status: 'written', files: onDisk, substituted };
    }
    await syncDirectory(directory);
    return { status: 'written', files: { name, csvPath, manifestPath, manifest }, substituted };
  } finally {
    if (handleOpen) await handle.close();
    if (!keepTemporary) await unlink(temporaryPath).catch(() => undefined);
  }
}
