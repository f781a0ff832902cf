import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@wavedesk/config';
import { FormLedgerEntry } from '../ledger/form-ledger.entity';
import { Wave } from '../waves/wave.entity';
import { WaveTransitions } from '../waves/wave-transitions.service';
import { loadReleaseConfig, RELEASE_CONFIG } from './release-config';
import { ReleaseScheduler } from './release-scheduler.service';
import { ReleaseUnitRecord } from './release-unit.entity';
import { UnitWriter } from './unit-writer.service';

/**
 * What both the API and the worker need for waves: the entities, the release settings (checked at start),
 * transitions with audit and live events, the unit writer and the scheduler tick.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Wave, FormLedgerEntry, ReleaseUnitRecord])],
  providers: [
    { provide: RELEASE_CONFIG, inject: [APP_CONFIG], useFactory: (config: AppConfig) => loadReleaseConfig(config) },
    WaveTransitions,
    UnitWriter,
    ReleaseScheduler,
  ],
  exports: [TypeOrmModule, RELEASE_CONFIG, WaveTransitions, UnitWriter, ReleaseScheduler],
})
export class ReleaseCoreModule {}
