import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ForecastSetting } from './forecast-setting.entity';
import { ForecastController } from './forecast.controller';
import { ForecastService } from './forecast.service';
import { StaffingController } from './staffing.controller';

/** The forecast and staffing routes. The mailing module hands its waves in with `ForecastService.useWaveSource`. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ForecastSetting])],
  controllers: [ForecastController, StaffingController],
  providers: [ForecastService],
  exports: [ForecastService],
})
export class ForecastModule {}
