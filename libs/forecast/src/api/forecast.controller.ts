import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@wavedesk/contracts';
import { assertMunicipalityAccess, CurrentUser, municipalityScope } from '@wavedesk/common';
import { whatIf } from '../what-if';
import { ForecastQueryDto } from './dto/forecast-query.dto';
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
}
