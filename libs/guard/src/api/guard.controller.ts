import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientAddress, CurrentUser, Roles } from '@wavedesk/common';
import type { AuthUser } from '@wavedesk/contracts';
import { GuardEventQueryDto, GuardOptionalReasonDto, GuardReasonDto, GuardRulesDto } from './dto/guard.dto';
import { GuardEventsService } from './guard-events.service';
import { GuardRulesService } from './guard-rules.service';

/** The load guard (負荷監視): its rules and the trips it decided, with the dashboard's actions. */
@ApiTags('guard')
@ApiBearerAuth()
@Controller('guard')
export class GuardController {
  constructor(
    private readonly rules: GuardRulesService,
    private readonly events: GuardEventsService,
  ) {}

  @ApiOperation({ summary: 'The latest rule set and its version' })
  @Roles('admin', 'supervisor')
  @Get('rules')
  currentRules() {
    return this.rules.current();
  }

  @ApiOperation({ summary: 'Stores the rule set as a new version (400 with a Japanese message per field)' })
  @Roles('admin')
  @Put('rules')
  saveRules(@Body() dto: GuardRulesDto, @CurrentUser() user: AuthUser, @ClientAddress() ip: string) {
    return this.rules.save(dto.rules, user, ip);
  }

  @ApiOperation({ summary: 'Trips of the guard, newest first (open: still holding)' })
  @Roles('admin', 'supervisor')
  @Get('events')
  list(@Query() query: GuardEventQueryDto) {
    return this.events.list(query);
  }

  @ApiOperation({ summary: '確認: the supervisor has seen the alert' })
  @Roles('admin', 'supervisor')
  @Post('events/:id/acknowledge')
  @HttpCode(200)
  acknowledge(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: AuthUser, @ClientAddress() ip: string) {
    return this.events.acknowledge(id, user, ip);
  }

  @ApiOperation({ summary: '再開: resumes the held waves (later waves shift) and rearms the rule; reason required' })
  @Roles('admin', 'supervisor')
  @Post('events/:id/resume')
  @HttpCode(200)
  resume(@Param('id', ParseIntPipe) id: number, @Body() dto: GuardReasonDto, @CurrentUser() user: AuthUser, @ClientAddress() ip: string) {
    return this.events.resume(id, dto.reason, user, ip);
  }

  @ApiOperation({ summary: '保留を続ける: the trip no longer resumes by itself' })
  @Roles('admin', 'supervisor')
  @Post('events/:id/keep-holding')
  @HttpCode(200)
  keepHolding(@Param('id', ParseIntPipe) id: number, @Body() dto: GuardOptionalReasonDto, @CurrentUser() user: AuthUser, @ClientAddress() ip: string) {
    return this.events.keepHolding(id, dto.reason, user, ip);
  }
}
