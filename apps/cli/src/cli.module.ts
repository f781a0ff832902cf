import { Global, Module } from '@nestjs/common';
import { AuditModule } from '@wavedesk/audit';
import { Clock, SystemClock } from '@wavedesk/common';
import { ConfigModule } from '@wavedesk/config';
import { DatabaseModule } from '@wavedesk/database';
import { ImportsCoreModule } from '@wavedesk/imports';
import { LivePublisher, NullLivePublisher } from '@wavedesk/live';
import { MatchingCoreModule } from '../../../libs/mailing/src/matching';

/** The CLI runs without HTTP and without Redis: live events go nowhere, the clock is the system's. */
@Global()
@Module({
  providers: [{ provide: LivePublisher, useClass: NullLivePublisher }, { provide: Clock, useClass: SystemClock }],
  exports: [LivePublisher, Clock],
})
export class CliCoreModule {}

/** What `import` and `match` need: the database (migrated), audit, the import and matching services. */
@Module({
  imports: [ConfigModule, DatabaseModule, CliCoreModule, AuditModule, ImportsCoreModule, MatchingCoreModule],
})
export class CliModule {}
