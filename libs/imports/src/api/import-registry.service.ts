import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { AuditService } from '@wavedesk/audit';
import { Clock, conflict, notFound } from '@wavedesk/common';
import type { AuthUser, ImportView } from '@wavedesk/contracts';
import type { CsvEncoding } from '../csv/encoding';
import type { ImportKind } from '../kinds/import-kind';
import { ImportErrorRecord } from '../db/import-error.entity';
import { ImportRecord } from '../db/import-record.entity';
import { IMPORT_KIND_SPECS } from '../import-reader';

export interface ImportFileInfo {
  fileName: string;
  sizeBytes: number;
  sha256: string;
}

export interface ImportOptions {
  encoding: CsvEncoding;
  validOnly: boolean;
  /** Card-holder lists only. */
  asOf: string | null;
}

/** Minutes after which a queued or running import without a job in the queue counts as lost. */
export const LOST_IMPORT_MINUTES = 10;

/** Who started an import: a signed-in admin, or the CLI (`cli:<os user>`). */
export type ImportActor = Pick<AuthUser, 'id' | 'username' | 'role'> | { id: null; username: string; role: null };

/** 2026年11月29日 19:50 (Japan time), as messages write a moment. */
export function jstDateTime(d: Date): string {
  const j = new Date(d.getTime() + 9 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${j.getUTCFullYear()}年${j.getUTCMonth() + 1}月${j.getUTCDate()}日 ${pad(j.getUTCHours())}:${pad(j.getUTCMinutes())}`;
}

const isUniqueViolation = (error: unknown): boolean => {
  const e = error as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  const code = e?.driverError?.code ?? e?.code;
  return code === 'ER_DUP_ENTRY' || (e?.driverError?.errno ?? e?.errno) === 1062 || code === 'SQLITE_CONSTRAINT_UNIQUE';
};

/**
 * The imports table: registers an import (recognising a file imported before by its SHA-256) and
 * answers what became of it. Shared by the API and the CLI.
 */
@Injectable()
export class ImportRegistry {
  constructor(
    @InjectRepository(ImportRecord) private readonly imports: Repository<ImportRecord>,
    @InjectRepository(ImportErrorRecord) private readonly errors: Repository<ImportErrorRecord>,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Creates the import row (status queued), or answers 409 when the same file (same kind, same bytes) is
   * already imported, being imported, or was refused for errors with the same options.
   */
  async register(kind: ImportKind, file: ImportFileInfo, options: ImportOptions, actor: ImportActor, clientAddress?: string): Promise<ImportRecord> {
    await this.assertNotImportedBefore(kind, file.sha256, options.validOnly);
    const record = this.imports.create({
      kind, fileName: file.fileName.slice(0, 255), sha256: file.sha256, dedupeKey: `${kind}:${file.sha256}`, sizeBytes: file.sizeBytes,
      encoding: options.encoding, detectedEncoding: null, asOf: kind === 'card-holders' ? options.asOf : null, validOnly: options.validOnly,
      status: 'queued', rowsRead: 0, rowsValid: 0, rowsStored: 0, errorCount: 0, progress: 0, message: null, keyCheck: null,
      createdBy: actor.username, createdById: actor.id, createdAt: this.clock.now(), startedAt: null, finishedAt: null,
    });
    try {
      await this.imports.save(record);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await this.assertNotImportedBefore(kind, file.sha256, options.validOnly); // lost a race: say who won
      throw error;
    }
    await this.audit.record({
      actor: actor.id === null ? null : actor,
      actorName: actor.username,
      action: 'import.upload',
      target: `import:${record.id}`,
      clientAddress,
      detail: { kind, fileName: record.fileName, sha256: file.sha256, sizeBytes: file.sizeBytes, encoding: options.encoding, asOf: record.asOf, validOnly: options.validOnly },
    });
    return record;
  }

  private async assertNotImportedBefore(kind: ImportKind, sha256: string, validOnly: boolean): Promise<void> {
    const label = IMPORT_KIND_SPECS[kind].label;
    const active = await this.imports.findOne({ where: { kind, sha256, status: In(['queued', 'running', 'stored']) }, order: { id: 'DESC' } });
    if (active) {
      const when = jstDateTime(active.createdAt);
      const state = active.status === 'stored' ? '取り込み済みです' : '取り込み中です';
      throw conflict(
        'import_duplicate',
        `同じファイル（${label}「${active.fileName}」）は${when}に取込ID ${active.id}で${state}。同じファイルを二度取り込むことはできません。`,
        { importId: active.id, status: active.status },
      );
    }
    const refused = await this.imports.findOne({ where: { kind, sha256, status: 'rejected', validOnly }, order: { id: 'DESC' } });
    if (refused) {
      throw conflict(
        'import_rejected_before',
        `同じファイルは${jstDateTime(refused.createdAt)}に取込ID ${refused.id}でエラーのため取り込まれていません（${refused.errorCount}件のエラー）。` +
          (validOnly ? '' : 'ファイルを直してから取り込むか、正しい行だけを取り込む指定（validOnly）で取り込んでください。'),
        { importId: refused.id, status: refused.status },
      );
    }
  }

  /**
   * An import still `queued` or `running` LOST_IMPORT_MINUTES after it was registered, whose job the queue
   * no longer holds (the worker's Redis was emptied, the job was removed), would keep its file out with
   * 409 forever: it is marked failed — nothing of it was stored — so the file can be imported again.
   * `hasJob` asks the queue; a young import is left alone (its job may be on its way to the queue).
   */
  async releaseLost(kind: ImportKind, sha256: string, hasJob: (importId: number) => Promise<boolean>): Promise<void> {
    const pending = await this.imports.findOne({ where: { kind, sha256, status: In(['queued', 'running']) }, order: { id: 'DESC' } });
    if (!pending || this.clock.now().getTime() - new Date(pending.createdAt).getTime() < LOST_IMPORT_MINUTES * 60_000) return;
    if (await hasJob(pending.id)) return;
    await this.markFailed(
      pending.id,
      `取込の処理がキューから失われたため（ワーカーの停止や Redis の初期化など）、何も取り込んでいません。${LOST_IMPORT_MINUTES}分以上たっても始まらなかったので、同じファイルを新しく取り込めるようにしました。`,
    );
  }

  async markFailed(id: number, message: string): Promise<void> {
    await this.imports.update(id, { status: 'failed', message, dedupeKey: null, finishedAt: this.clock.now() });
  }

  async record(id: number): Promise<ImportRecord> {
    const record = await this.imports.findOneBy({ id });
    if (!record) throw notFound('import_not_found', `取込（ID ${id}）が見つかりません。`);
    return record;
  }

  /** One import with its listed errors (the first 1,000; `errorCount` counts all). */
  async view(id: number): Promise<ImportView> {
    const record = await this.record(id);
    const errors = await this.errors.find({ where: { importId: id }, order: { id: 'ASC' } });
    return { ...toImportView(record), errors: errors.map((e) => ({ row: e.rowNumber, column: e.columnName, code: e.code, message: e.message })) };
  }

  async list(query: { kind?: ImportKind; limit?: number }): Promise<ImportView[]> {
    const rows = await this.imports.find({
      where: query.kind ? { kind: query.kind } : {},
      order: { id: 'DESC' },
      take: Math.min(Math.max(query.limit ?? 50, 1), 500),
    });
    return rows.map(toImportView);
  }
}

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

export function toImportView(r: ImportRecord): ImportView {
  return {
    id: r.id, kind: r.kind, fileName: r.fileName, sha256: r.sha256, sizeBytes: Number(r.sizeBytes), encoding: r.encoding,
    detectedEncoding: r.detectedEncoding, asOf: r.asOf, validOnly: Boolean(r.validOnly), status: r.status,
    rowsRead: r.rowsRead, rowsValid: r.rowsValid, rowsStored: r.rowsStored, errorCount: r.errorCount, progress: r.progress,
    message: r.message, createdBy: r.createdBy, createdAt: iso(r.createdAt)!, startedAt: iso(r.startedAt), finishedAt: iso(r.finishedAt),
  };
}
