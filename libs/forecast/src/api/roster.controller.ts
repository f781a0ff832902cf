import { Body, Controller, Delete, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientAddress, CurrentUser, Roles } from '@wavedesk/common';
import type { AuthUser } from '@wavedesk/contracts';
import { RosterDayDto, RosterDto, RosterQueryDto } from './dto/roster.dto';
import { RosterService } from './roster.service';

/** The operator roster (在席オペレーター): what the staffing panel shows and the load guard counts on. */
@ApiTags('roster')
@ApiBearerAuth()
@Roles('admin', 'supervisor')
@Controller('roster')
export class RosterController {
  constructor(private readonly roster: RosterService) {}

  @ApiOperation({ summary: 'Operators on duty per date (override, business-day default, or 0 when closed)' })
  @Get()
  range(@Query() query: RosterQueryDto) {
    return this.roster.range(query.from, query.to);
  }

  @ApiOperation({ summary: 'A new default and/or the whole list of overrides from today on (audited, roster:update)' })
  @Put()
  save(@Body() dto: RosterDto, @CurrentUser() user: AuthUser, @ClientAddress() ip: string) {
    return this.roster.save(dto, user, ip);
  }

  @ApiOperation({ summary: 'The operators on one business day' })
  @Put(':date')
  saveDay(@Param('date') date: string, @Body() dto: RosterDayDto, @CurrentUser() user: AuthUser, @ClientAddress() ip: string) {
    return this.roster.saveDay(date, dto, user, ip);
  }

  @ApiOperation({ summary: 'The date goes back to the default' })
  @Delete(':date')
  clearDay(@Param('date') date: string, @CurrentUser() user: AuthUser, @ClientAddress() ip: string) {
    return this.roster.clearDay(date, user, ip);
  }
}
