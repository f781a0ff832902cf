import { type DynamicModule, Module, type ModuleMetadata, type Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Municipality } from '@wavedesk/municipalities';
import { InquiriesController } from './inquiries.controller';
import { InquiryActualsSource } from './inquiry-actuals.source';
import { InquiriesService } from './inquiries.service';
import { InquiryCategoriesController } from './inquiry-categories.controller';
import { InquiryCategoriesService } from './inquiry-categories.service';
import { InquiryCategory } from './inquiry-category.entity';
import { InquiryExportService } from './inquiry-export.service';
import { InquiryFeed } from './inquiry-feed';
import { InquiryInsert } from './inquiry-insert';
import { Inquiry } from './inquiry.entity';
import { LoadBroadcaster } from './load-broadcaster.service';
import { LoadController } from './load.controller';
import { LoadForecast, NoLoadForecast } from './load-forecast';
import { LoadService } from './load.service';
import { LoadUpdateGate } from './load-update-gate';
import { NoWaveAttribution, WaveAttribution } from './wave-attribution';

export interface InquiriesModuleOptions {
  /** Modules the forecast implementation needs. */
  imports?: ModuleMetadata['imports'];
  /** Where `GET /api/load` and `load:update` get their forecast; forecasts nothing by default. */
  loadForecast?: Type<LoadForecast>;
  /** Which wave each inquiry is attributed to; none by default (the mailing library binds LedgerWaveAttribution). */
  waveAttribution?: Type<WaveAttribution>;
}

/**
 * The inquiry desk: logging inquiries, their categories, lists and exports, and live load against the
 * forecast. Needs the API's global LivePublisher, Clock, AuditService and MunicipalitiesService.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Inquiry, InquiryCategory, Municipality])],
  controllers: [InquiriesController, InquiryCategoriesController, LoadController],
  providers: [InquiriesService, InquiryFeed, InquiryInsert, InquiryCategoriesService, InquiryExportService, LoadService, LoadBroadcaster, LoadUpdateGate, InquiryActualsSource],
  exports: [InquiriesService, LoadService],
})
export class InquiriesModule {
  /**
   * `InquiriesModule.forRoot()` in the API's imports; once waves exist, wire the real forecast with
   * `InquiriesModule.forRoot({ imports: [ForecastModule], loadForecast: WaveLoadForecast })`; the wave of each
   * inquiry with `waveAttribution: LedgerWaveAttribution` (libs/mailing).
   */
  static forRoot(options: InquiriesModuleOptions = {}): DynamicModule {
    return {
      module: InquiriesModule,
      imports: options.imports ?? [],
      providers: [
        { provide: LoadForecast, useClass: options.loadForecast ?? NoLoadForecast },
        { provide: WaveAttribution, useClass: options.waveAttribution ?? NoWaveAttribution },
      ],
      exports: [LoadForecast],
    };
  }
}
