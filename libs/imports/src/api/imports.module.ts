import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@wavedesk/config';
import { ImportErrorRecord } from '../db/import-error.entity';
import { ImportRecord } from '../db/import-record.entity';
import { uploadTempDir } from './import-files';
import { ImportRegistry } from './import-registry.service';
import { ImportRunner } from './import-runner.service';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';
import { MatchKeyService } from './match-key.service';
import { QueueAvailableGuard } from './queue-available.guard';
import { UploadErrorsInterceptor } from './upload-errors.interceptor';
import { HashingDiskStorage } from './upload-storage';

/**
 * What runs an import without HTTP: the registry, the runner and the match-key hasher. The worker and
 * the CLI use it; it needs AuditService, Clock and LivePublisher from the host.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ImportRecord, ImportErrorRecord])],
  providers: [MatchKeyService, ImportRegistry, ImportRunner],
  exports: [MatchKeyService, ImportRegistry, ImportRunner],
})
export class ImportsCoreModule {}

/** The imports API: uploads streamed to DATA_DIR (hashed on the way, capped at UPLOAD_LIMIT) and queued. */
@Module({
  imports: [
    ImportsCoreModule,
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        storage: new HashingDiskStorage(uploadTempDir(config.dataDir)),
        limits: { fileSize: config.uploadLimitBytes, files: 1, fields: 10 },
        defParamCharset: 'utf8',
      }),
    }),
  ],
  controllers: [ImportsController],
  providers: [ImportsService, QueueAvailableGuard, UploadErrorsInterceptor],
  exports: [ImportsCoreModule],
})
export class ImportsModule {}
