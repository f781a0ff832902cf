import { Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from '@wavedesk/audit';
import { Clock } from '@wavedesk/common';
import { ConfigModule, loadConfig } from '@wavedesk/config';
import { DatabaseModule } from '@wavedesk/database';
import { ImportsCoreModule } from '@wavedesk/imports';
import { LivePublisher, RedisEmitterPublisher } from '@wavedesk/live';
import { QueuesModule } from '@wavedesk/queues';
import { SimulationClock } from '@wavedesk/simulation';
import { MatchingCoreModule } from '../../../libs/mailing/src/matching';
import { ReleaseCoreModule } from '../../../libs/mailing/src/release/release-core.module';
import { ImportProcessor } from './import.processor';
import { MatchProcessor } from './match.processor';
import { PingProcessor } from './ping.processor';
import { ReleaseTick } from './release-tick.service';
import { WaveReleaseProcessor } from './wave-release.processor';

/** What the worker's processors may inject: live events go out through Redis to every API process. */
@Global()
@Module({
  providers: [RedisEmitterPublisher, { provide: LivePublisher, useExisting: RedisEmitterPublisher }, SimulationClock, { provide: Clock, useExisting: SimulationClock }],
  exports: [LivePublisher, Clock],
})
export class WorkerCoreModule {}

/** Bull processors: imports, matching, print-data rendering, wave release. */
@Module({
  imports: [
    LoggerModule.forRoot({ pinoHttp: { level: loadConfig().logLevel } }),
    ConfigModule,
    DatabaseModule,
    QueuesModule,
    WorkerCoreModule,
    AuditModule,
    ImportsCoreModule,
    MatchingCoreModule,
    ReleaseCoreModule,
  ],
  providers: [PingProcessor, ImportProcessor, MatchProcessor, WaveReleaseProcessor, ReleaseTick],
})
export class WorkerModule {}
