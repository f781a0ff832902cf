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
import { Inquiry } from './inquiry.entity';
import { LoadBroadcaster } from './load-broadcaster.service';
import { LoadController } from './load.controller';
import { LoadForecast, NoLoadForecast } from './load-forecast';
import { LoadService } from './load.service';
import { LoadUpdateGate } from './load-update-gate';

export interface InquiriesModuleOptions {
  /** Modules the forecast implementation needs. */
  imports?: ModuleMetadata['imports'];
  /** Where `GET /api/load` and `load:update` get their forecast; forecasts nothing by default. */
  loadForecast?: Type<LoadForecast>;
}

/**
 * The inquiry desk: logging inquiries, their categories, lists and exports, and live load against the
 * forecast. Needs the API's global LivePublisher, Clock, AuditService and MunicipalitiesService.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Inquiry, InquiryCategory, Municipality])],
  controllers: [InquiriesController, InquiryCategoriesController, LoadController],
  providers: [InquiriesService, InquiryCategoriesService, InquiryExportService, LoadService, LoadBroadcaster, LoadUpdateGate, InquiryActualsSource],
  exports: [InquiriesService, LoadService],
})
export class InquiriesModule {
  /**
   * `InquiriesModule.forRoot()` in the API's imports; once waves exist, wire the real forecast with
   * `InquiriesModule.forRoot({ imports: [ForecastModule], loadForecast: WaveLoadForecast })`.
   */
  static forRoot(options: InquiriesModuleOptions = {}): DynamicModule {
    return {
      module: InquiriesModule,
      imports: options.imports ?? [],
      providers: [{ provide: LoadForecast, useClass: options.loadForecast ?? NoLoadForecast }],
      exports: [LoadForecast],
    };
  }
}
