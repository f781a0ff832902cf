import { Module, type OnModuleInit } from '@nestjs/common';
import { ForecastService } from '@wavedesk/forecast';
import { ImportsCoreModule } from '@wavedesk/imports';
import { ReleaseCoreModule } from '../release/release-core.module';
import { ReleaseUnitsController } from './release-units.controller';
import { ReleaseUnitsService } from './release-units.service';
import { WaveActionsService } from './wave-actions.service';
import { WaveForecastSource } from './wave-forecast-source';
import { WavePlanningService } from './wave-planning.service';
import { WaveProofService } from './wave-proof.service';
import { WavesController } from './waves.controller';
import { WavesService } from './waves.service';

/**
 * The waves API. The forecast reads the plan's waves from here (useWaveSource at start); the worker uses
 * ReleaseCoreModule only. WaveActionsService is exported for the load guard (hold with a system actor).
 */
@Module({
  imports: [ReleaseCoreModule, ImportsCoreModule],
  controllers: [WavesController, ReleaseUnitsController],
  providers: [WavesService, WavePlanningService, WaveActionsService, WaveProofService, ReleaseUnitsService, WaveForecastSource],
  exports: [WavesService, WaveActionsService, WaveForecastSource],
})
export class WavesModule implements OnModuleInit {
  constructor(
    private readonly forecast: ForecastService,
    private readonly source: WaveForecastSource,
  ) {}

  onModuleInit(): void {
    this.forecast.useWaveSource(this.source);
  }
}
