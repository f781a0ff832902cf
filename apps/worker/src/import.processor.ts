import { Process, Processor } from '@nestjs/bull';
import { Inject } from '@nestjs/common';
import type { Job } from 'bull';
import { existsSync, rmSync } from 'node:fs';
import { APP_CONFIG, type AppConfig } from '@wavedesk/config';
import { JOBS, QUEUES, type ImportJob } from '@wavedesk/contracts';
import { importFilePath, ImportRegistry, ImportRunner } from '@wavedesk/imports';

/** Reads, checks and stores one uploaded import; the uploaded file is removed once it is done. */
@Processor(QUEUES.imports)
export class ImportProcessor {
  constructor(
    private readonly runner: ImportRunner,
    private readonly registry: ImportRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Process(JOBS.import)
  async handle(job: Job<ImportJob>): Promise<{ status: string; rowsStored: number }> {
    const { importId } = job.data;
    const path = importFilePath(this.config.dataDir, importId);
    if (!existsSync(path)) {
      await this.registry.markFailed(importId, 'アップロードされたファイルが見つからないため、取り込んでいません。もう一度アップロードしてください。');
      return { status: 'failed', rowsStored: 0 };
    }
    try {
      const record = await this.runner.run(importId, path, { onProgress: (e) => void job.progress(e.progress).catch(() => undefined) });
      return { status: record.status, rowsStored: record.rowsStored };
    } finally {
      rmSync(path, { force: true });
    }
  }
}
