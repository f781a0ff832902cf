import { Inject, Injectable } from '@nestjs/common';
import { renameSync, rmSync } from 'node:fs';
import { APP_CONFIG, type AppConfig } from '@wavedesk/config';
import { badRequest } from '@wavedesk/common';
import { JOBS, QUEUES, type AuthUser, type ImportJob } from '@wavedesk/contracts';
import { QueueProducer } from '@wavedesk/queues';
import type { ImportKind } from '../kinds/import-kind';
import { importFilePath } from './import-files';
import { parseImportOptions, type RawImportOptions } from './import-options';
import { ImportRegistry } from './import-registry.service';
import type { HashedUpload } from './upload-storage';

/** Accepts an uploaded file: checks the options, recognises a file imported before, queues the import. */
@Injectable()
export class ImportsService {
  constructor(
    private readonly registry: ImportRegistry,
    private readonly queues: QueueProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async accept(kind: ImportKind, upload: HashedUpload | undefined, raw: RawImportOptions, actor: AuthUser, clientAddress: string): Promise<{ id: number; status: 'queued' }> {
    if (!upload) {
      throw badRequest('file_missing', '取り込むファイルがありません。CSV ファイルをフォーム項目「file」で送ってください。', [
        { field: 'file', code: 'required', message: 'CSV ファイルを選んでください。' },
      ]);
    }
    try {
      const options = parseImportOptions(kind, raw);
      if (upload.size === 0) {
        throw badRequest('empty_file', 'ファイルが空です（0 バイト）。何も取り込んでいません。', [{ field: 'file', code: 'empty_file', message: 'ファイルが空です（0 バイト）。' }]);
      }
      await this.registry.releaseLost(kind, upload.sha256, (id) => this.hasJob(id));
      const record = await this.registry.register(kind, { fileName: upload.originalname, sizeBytes: upload.size, sha256: upload.sha256 }, options, actor, clientAddress);
      const path = importFilePath(this.config.dataDir, record.id);
      renameSync(upload.path, path);
      try {
        await this.queues.enqueue<ImportJob>(QUEUES.imports, JOBS.import, { importId: record.id }, { removeOnComplete: 200, removeOnFail: 200 });
      } catch (error) {
        rmSync(path, { force: true });
        await this.registry.markFailed(record.id, 'キューに登録できなかったため、取り込んでいません。Redis の状態を確認して、もう一度取り込んでください。');
        throw error;
      }
      return { id: record.id, status: 'queued' };
    } finally {
      rmSync(upload.path, { force: true });
    }
  }

  /** Whether the imports queue still holds the job of this import (waiting, delayed, paused or running). */
  private async hasJob(importId: number): Promise<boolean> {
    const jobs = await this.queues.queue(QUEUES.imports).getJobs(['active', 'waiting', 'delayed', 'paused']);
    return jobs.some((job) => (job?.data as ImportJob | undefined)?.importId === importId);
  }
}
