/**
 * How a written unit reaches the print contractor. `FolderTransport` drops it into an outbox folder (a
 * local or mounted share the contractor collects from); an SFTP transport can implement the same two
 * methods later (upload to a temporary name, then rename; the manifest last).
 *
 * Contract for every transport:
 * - `put` delivers the CSV first and the manifest last, and never replaces a unit that is already there:
 *   a retry after a crash delivers what is missing or does nothing.
 * - `exists(name)` is true once the unit's manifest is at the destination, i.e. the unit is complete there.
 * - The contractor picks a unit up only when its manifest is present, and checks the CSV's SHA-256 against it.
 */
import { conflict } from '@wavedesk/common';
import { mkdir, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { copyWithoutOverwrite, pathExists, syncDirectory } from './atomic-file';
import { manifestFileName, type PrintUnitFiles, type PrintUnitManifest, verifyUnitFile } from './print-manifest';
import type { PrintTarget } from './print-target';
import { releaseUnitName } from './release-units';
import { writePrintUnit, type WritePrintUnitOptions } from './print-unit-writer';
import type { PrintDataIssue } from './print-csv';

export type PutResult = 'delivered' | 'exists';

export interface PrintTransport {
  /** Delivers a unit's files; `exists` when the unit was already complete at the destination. */
  put(unitFiles: PrintUnitFiles): Promise<PutResult>;
  /** True when the unit (file stem, e.g. `wave-12-unit-0003`) is complete at the destination. */
  exists(name: string): Promise<boolean>;
}

/** Delivers units into an outbox folder on this machine or a mounted share. */
export class FolderTransport implements PrintTransport {
  constructor(readonly outbox: string) {}

  async exists(name: string): Promise<boolean> {
    return pathExists(join(this.outbox, manifestFileName(name)));
  }

  async put(unitFiles: PrintUnitFiles): Promise<PutResult> {
    if (await this.exists(unitFiles.name)) return 'exists';
    await mkdir(this.outbox, { recursive: true });
    const csvTarget = join(this.outbox, basename(unitFiles.csvPath));
    if (!(await copyWithoutOverwrite(unitFiles.csvPath, csvTarget))) {
      // A CSV without manifest: an earlier put stopped half-way. Finish it only if it is the same file.
      if (!(await verifyUnitFile(csvTarget, unitFiles.manifest))) {
        throw conflict(
          'print_unit_mismatch',
          `送付フォルダに同じ名前の発送単位（${unitFiles.name}）があり、内容が一致しません。上書きはしません。管理者が委託業者と照合してください。`,
          { name: unitFiles.name },
        );
      }
    }
    const delivered = await copyWithoutOverwrite(unitFiles.manifestPath, join(this.outbox, basename(unitFiles.manifestPath)));
    await syncDirectory(this.outbox);
    return delivered ? 'delivered' : 'exists';
  }
}

export interface ReleasePrintUnitOptions extends Omit<WritePrintUnitOptions, 'directory'> {
  /** Local folder where the unit is written before it is handed to the transport. */
  stagingDirectory: string;
  transport: PrintTransport;
}

export interface ReleasePrintUnitResult {
  /** `delivered` by this call, or `exists`: the unit was already complete at the destination. */
  status: PutResult;
  name: string;
  /** The manifest, unless the unit already existed at the destination before anything was written. */
  manifest?: PrintUnitManifest;
  substituted: PrintDataIssue[];
}

/**
 * Writes one unit to the staging folder and hands it to the transport, doing nothing when the transport
 * already has it. Staging files are removed once delivered. Refusals (see `writePrintUnit`) throw before
 * anything reaches the transport.
 */
export async function releasePrintUnit(
  targets: Iterable<PrintTarget> | AsyncIterable<PrintTarget>,
  options: ReleasePrintUnitOptions,
): Promise<ReleasePrintUnitResult> {
  const { stagingDirectory, transport, ...writeOptions } = options;
  const name = releaseUnitName(options.wave, options.unit);
  if (await transport.exists(name)) return { status: 'exists', name, substituted: [] };
  const written = await writePrintUnit(targets, { ...writeOptions, directory: stagingDirectory });
  const status = await transport.put(written.files);
  await unlink(written.files.csvPath).catch(() => undefined);
  await unlink(written.files.manifestPath).catch(() => undefined);
  return { status, name, manifest: written.files.manifest, substituted: written.substituted };
}
