import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { createReadStream, statSync } from 'node:fs';
import { DataSource, Repository } from 'typeorm';
import { AuditService } from '@wavedesk/audit';
import { Clock } from '@wavedesk/common';
import { LIVE_EVENTS, UNION_ROOM, type ImportProgressEvent } from '@wavedesk/contracts';
import { LivePublisher } from '@wavedesk/live';
import { ImportFileError, type ImportError } from '../import-error';
import { readImport } from '../import-reader';
import type { CsvEncoding } from '../csv/encoding';
import { ImportErrorRecord } from '../db/import-error.entity';
import { ImportRecord, type ImportStatus } from '../db/import-record.entity';
import { createRowWriter, lockTableForWriting, sqlDateTime, type RowWriter } from './bulk-writer';
import { rowMapper } from './import-rows';
import { MatchKeyService } from './match-key.service';
import { exclusiveOnSqlite } from './sqlite-exclusive';
import { importMessages } from './import-messages';

/** Errors listed per import (every error is counted). */
export const LISTED_ERRORS = 1000;
const LIVE_EVERY_MS = 500;
const DB_PROGRESS_EVERY_MS = 2000;

export interface ImportRunOptions {
  /** Called with each progress event (the CLI prints a progress line). */
  onProgress?: (event: ImportProgressEvent) => void;
  /** ISO day after which birth dates are refused as future (default: today in Japan). */
  today?: string;
}

/**
 * Runs one import: reads the file (streaming), validates every row, and stores the valid rows in one
 * transaction, so that nothing is stored half. A file with any error stores nothing unless the admin
 * chose `validOnly`; a fatal problem (encoding, header, a 個人番号 column…) stores nothing at all.
 * Rows are written while the file is read, in multi-row statements (see BulkWriter); once a row error
 * shows up in a file that is not `validOnly`, writing stops and the rest is only checked, then everything
 * is rolled back. Used by the worker's `imports` processor and by the CLI.
 */
@Injectable()
export class ImportRunner {
  private readonly logger = new Logger('Imports');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(ImportRecord) private readonly imports: Repository<ImportRecord>,
    @InjectRepository(ImportErrorRecord) private readonly importErrors: Repository<ImportErrorRecord>,
    private readonly keys: MatchKeyService,
    private readonly live: LivePublisher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  run(importId: number, filePath: string, options: ImportRunOptions = {}): Promise<ImportRecord> {
    return exclusiveOnSqlite(this.dataSource, () => this.runExclusive(importId, filePath, options));
  }

  private async runExclusive(importId: number, filePath: string, options: ImportRunOptions): Promise<ImportRecord> {
    const record = await this.imports.findOneByOrFail({ id: importId });
    if (record.status !== 'queued' && record.status !== 'running') return record; // already finished (a retried job)
    const size = statSync(filePath).size;
    await this.imports.update(importId, { status: 'running', startedAt: this.clock.now(), progress: 0, message: null });
    Object.assign(record, { status: 'running', rowsRead: 0, rowsValid: 0, rowsStored: 0, errorCount: 0, progress: 0 });

    const mysql = this.dataSource.options.type !== 'better-sqlite3';
    const listed: ImportError[] = [];
    const progress = new ProgressThrottle((final) => this.report(record, options, mysql, final));
    const runner = this.dataSource.createQueryRunner();
    let writer: RowWriter | null = null;
    let unlock: (() => Promise<void>) | null = null;
    let outcome: { status: ImportStatus; message: string };
    try {
      await runner.connect();
      const mapper = rowMapper(record.kind, {
        importId, asOf: record.asOf, now: sqlDateTime(this.clock.now()), hasher: this.keys.hasher, directory: this.keys.directory,
      });
      unlock = await lockTableForWriting(runner, mapper.target.table);
      await runner.startTransaction();
      writer = await createRowWriter(runner, mapper.target);
      const reader = readImport(record.kind, createReadStream(filePath, { highWaterMark: 256 * 1024 }), {
        encoding: record.encoding as CsvEncoding,
        directory: this.keys.directory,
        today: options.today,
        sha256: false, // the upload's hash is in the record already
      });
      let writing = true;
      for await (const batch of reader.batches()) {
        for (const row of batch) {
          if (row.record) {
            if (writing) {
              const wait = writer.add(mapper.toRow(row.record));
              if (wait) await wait;
            }
            continue;
          }
          if (!record.validOnly) writing = false; // nothing of this file will be kept: only check the rest
          for (const e of row.errors) if (listed.length < LISTED_ERRORS) listed.push(e);
        }
        const s = reader.stats;
        record.rowsRead = s.rowsRead;
        record.rowsValid = s.rowsValid;
        record.errorCount = s.errorCount;
        record.detectedEncoding = s.encoding;
        record.progress = Math.min(99, Math.floor((s.bytesRead / Math.max(size, 1)) * 100));
        record.rowsStored = writer.written;
        progress.tick();
      }
      await writer.flush();
      const decision = importMessages.decide(record, writer.written);
      if (decision.commit) {
        await runner.commitTransaction();
        record.rowsStored = writer.written;
      } else {
        await runner.rollbackTransaction();
        record.rowsStored = 0;
      }
      outcome = decision;
    } catch (error) {
      await writer?.abort(); // a bulk load holds the connection until its stream ends
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      record.rowsStored = 0;
      if (error instanceof ImportFileError) {
        listed.length = 0;
        listed.push(...error.importErrors.slice(0, LISTED_ERRORS));
        record.errorCount = error.importErrors.length;
        outcome = { status: 'rejected', message: importMessages.fileRejected(error) };
      } else {
        // Database errors can quote a row's values: log the class and code only.
        const e = error as { name?: string; code?: string };
        this.logger.error(`import ${importId} failed: ${e?.name ?? 'Error'} ${e?.code ?? ''}`.trim());
        outcome = { status: 'failed', message: importMessages.failed() };
      }
    } finally {
      await unlock?.().catch(() => undefined);
      await runner.release();
    }

    record.status = outcome.status;
    record.message = outcome.message;
    record.progress = 100;
    record.finishedAt = this.clock.now();
    if (outcome.status !== 'stored') record.dedupeKey = null;
    if (outcome.status === 'stored' && record.kind === 'card-holders') record.keyCheck = this.keys.keyCheck;
    await this.saveErrors(importId, listed);
    // A progress write still on its way must not land after the final figures and overwrite them.
    await this.progressWrite;
    await this.imports.update(importId, {
      status: record.status, message: record.message, progress: 100, finishedAt: record.finishedAt, dedupeKey: record.dedupeKey,
      rowsRead: record.rowsRead, rowsValid: record.rowsValid, rowsStored: record.rowsStored, errorCount: record.errorCount,
      detectedEncoding: record.detectedEncoding, keyCheck: record.keyCheck,
    });
    progress.finish();
    await this.audit.record({
      actor: record.createdById ? { id: record.createdById, username: record.createdBy, role: 'admin' } : null,
      actorName: record.createdBy,
      action: 'import.finish',
      target: `import:${importId}`,
      success: record.status === 'stored',
      detail: {
        kind: record.kind, fileName: record.fileName, sha256: record.sha256, status: record.status, validOnly: record.validOnly,
        rowsRead: record.rowsRead, rowsStored: record.rowsStored, errorCount: record.errorCount,
      },
    });
    return record;
  }

  private async saveErrors(importId: number, errors: ImportError[]): Promise<void> {
    await this.importErrors.delete({ importId });
    for (let i = 0; i < errors.length; i += 200) {
      await this.importErrors.insert(
        errors.slice(i, i + 200).map((e) => ({
          importId, rowNumber: e.row, columnName: e.column?.slice(0, 100) ?? null, code: e.code.slice(0, 48), message: e.message.slice(0, 500),
        })),
      );
    }
  }

  private report(record: ImportRecord, options: ImportRunOptions, mysql: boolean, final: boolean): void {
    const event: ImportProgressEvent = {
      id: record.id, kind: record.kind, status: record.status, progress: record.progress,
      rowsRead: record.rowsRead, rowsStored: record.rowsStored, errorCount: record.errorCount,
    };
    this.live.emit(UNION_ROOM, LIVE_EVENTS.importProgress, event);
    options.onProgress?.(event);
    // On SQLite the one connection is inside the import's transaction: progress goes out live only.
    if (!final && mysql && Date.now() - this.lastDbWrite >= DB_PROGRESS_EVERY_MS) {
      this.lastDbWrite = Date.now();
      this.progressWrite = this.imports
        .update(record.id, { progress: record.progress, rowsRead: record.rowsRead, rowsStored: record.rowsStored, errorCount: record.errorCount })
        .catch(() => undefined);
    }
  }

  private lastDbWrite = 0;
  private progressWrite: Promise<unknown> = Promise.resolve();
}

/** Calls back at most every LIVE_EVERY_MS while running, and once at the end. */
class ProgressThrottle {
  private last = 0;
  constructor(private readonly send: (final: boolean) => void) {}
  tick(): void {
    const now = Date.now();
    if (now - this.last < LIVE_EVERY_MS) return;
    this.last = now;
    this.send(false);
  }
  finish(): void {
    this.send(true);
  }
}
