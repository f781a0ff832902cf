import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@wavedesk/contracts';
import { assertMunicipalityAccess, ClientAddress, CurrentUser, municipalityScope, Roles } from '@wavedesk/common';
import { whatIf } from '../what-if';
import { ForecastQueryDto, ForecastSettingsDto, RecalibrationQueryDto } from './dto/forecast-query.dto';
import { WhatIfDto } from './dto/what-if.dto';
import { ForecastService } from './forecast.service';

@ApiTags('forecast')
@ApiBearerAuth()
@Controller('forecast')
export class ForecastController {
  constructor(private readonly forecasts: ForecastService) {}

  /** The survey's 試算: `{ targets: 614058 }` or `{ insured: 838877, cardRate: 0.268 }` → 8,911 inquiries, 424 on the peak day. */
  @Post('what-if')
  @HttpCode(200)
  whatIf(@Body() dto: WhatIfDto) {
    const { inquiryRate, ...input } = dto;
    return whatIf(input, inquiryRate === undefined ? {} : { inquiryRate });
  }

  /** Expected inquiries per municipality and for the union, per business day (and hour), for every wave planned or released. */
  @Get()
  forecast(@Query() query: ForecastQueryDto, @CurrentUser() user: AuthUser) {
    if (query.municipality) assertMunicipalityAccess(user, query.municipality);
    const municipality = query.municipality ?? municipalityScope(user) ?? undefined;
    return this.forecasts.forecast({ ...query, municipality });
  }

  /** The survey's forecast and the one recalibrated from logged inquiries, side by side with their error (WAPE). */
  @Roles('admin', 'supervisor')
  @Get('recalibration')
  recalibration(@Query() query: RecalibrationQueryDto) {
    return this.forecasts.recalibration(query.asOf);
  }

  @Get('settings')
  async settings() {
    return { useRecalibrated: await this.forecasts.useRecalibrated() };
  }

  /** The switch: `{ useRecalibrated: true }` makes waves not yet mailed use the recalibrated values. */
  @Roles('admin')
  @Put('settings')
  setSettings(@Body() dto: ForecastSettingsDto, @CurrentUser() actor: AuthUser, @ClientAddress() ip: string) {
    return this.forecasts.setUseRecalibrated(dto.useRecalibrated, actor, ip);
  }
}
