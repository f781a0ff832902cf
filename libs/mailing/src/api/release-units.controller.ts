import { Body, Controller, Get, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@wavedesk/contracts';
import { ClientAddress, CurrentUser, Roles } from '@wavedesk/common';
import { ReconcileUnitDto } from './dto/wave.dto';
import { ReleaseUnitsService } from './release-units.service';

/** Reconciliation of release units left `submitting` by a crash (admins). */
@ApiTags('waves')
@ApiBearerAuth()
@Roles('admin')
@Controller('release-units')
export class ReleaseUnitsController {
  constructor(private readonly units: ReleaseUnitsService) {}

  /** Units in a status (default `submitting`), each with what the outbox holds for it. */
  @Get()
  list(@Query('status') status?: string) {
    return this.units.list(status);
  }

  @Post(':id/reconcile')
  reconcile(@Param('id', ParseIntPipe) id: number, @Body() dto: ReconcileUnitDto, @CurrentUser() user: AuthUser, @ClientAddress() ip: string) {
    return this.units.reconcile(id, dto.resolution, user, ip);
  }
}
