import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Clock, Roles } from '@wavedesk/common';
import { jstDate } from '../business-calendar';
import { erlangC } from '../erlang-c';
import { staffingForDay } from '../staffing';
import { ErlangCDto } from './dto/erlang-c.dto';
import { StaffingQueryDto } from './dto/forecast-query.dto';
import { ForecastService } from './forecast.service';

@ApiTags('staffing')
@ApiBearerAuth()
@Roles('admin', 'supervisor')
@Controller('staffing')
export class StaffingController {
  constructor(private readonly forecasts: ForecastService, private readonly clock: Clock) {}

  /** Operators needed for a load: `{ callsPerInterval, intervalMinutes, ahtSeconds, targetSeconds, serviceLevel }`. */
  @Post('erlang-c')
  @HttpCode(200)
  erlangC(@Body() dto: ErlangCDto) {
    const { agents, serviceLevel, asaSeconds, occupancy, trafficErlangs } = erlangC(dto);
    return { agents, serviceLevel, asaSeconds, occupancy, trafficErlangs };
  }

  /** Operators needed per 30 minutes on a day, from the plan's forecast of phone calls for the union. */
  @Get()
  async staffing(@Query() query: StaffingQueryDto) {
    const date = query.date ?? jstDate(this.clock.now());
    const aht = await this.forecasts.averageHandlingTime();
    const day = staffingForDay(this.forecasts.model, await this.forecasts.planWaves(), date, { ahtSeconds: aht.ahtSeconds });
    return {
      ...day,
      aht,
      expectedPhoneCalls: day.intervals.reduce((s, i) => s + i.calls, 0),
      peakAgents: day.intervals.reduce((m, i) => Math.max(m, i.agents), 0),
    };
  }
}
