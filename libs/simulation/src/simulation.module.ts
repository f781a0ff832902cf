import { Module } from '@nestjs/common';
import { AuthModule } from '@wavedesk/auth';
import { ForecastModule } from '@wavedesk/forecast';
import { ImportsCoreModule, ImportsService } from '@wavedesk/imports';
import { CampaignsModule } from '@wavedesk/mailing';
import { MunicipalitiesModule } from '@wavedesk/municipalities';
import { MatchingCoreModule, MatchingService } from '../../mailing/src/matching';
import { WavePlanningService } from '../../mailing/src/api/wave-planning.service';
import { WavesModule } from '../../mailing/src/api/waves.module';
import { SimulationController } from './simulation.controller';
import { SimulationService } from './simulation.service';
import { SimulationSetup } from './simulation-setup.service';

/**
 * The simulator's routes and runs (API only). The set-up services it drives are the ones behind the
 * admin routes; those not exported by their modules are provided here again (they keep no state).
 * SimulationClock comes from the host's core module.
 */
@Module({
  imports: [AuthModule, ForecastModule, ImportsCoreModule, CampaignsModule, MunicipalitiesModule, MatchingCoreModule, WavesModule],
  controllers: [SimulationController],
  providers: [SimulationService, SimulationSetup, ImportsService, MatchingService, WavePlanningService],
})
export class SimulationModule {}
