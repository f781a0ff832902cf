import { Body, Controller, Get, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@wavedesk/contracts';
import { ClientAddress, CurrentUser, Roles } from '@wavedesk/common';
import { CampaignsService } from './campaigns.service';
import { CreateBatchDto, CreateCampaignDto } from './dto/campaign.dto';

@ApiTags('campaigns')
@ApiBearerAuth()
@Roles('admin', 'supervisor')
@Controller()
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Get('campaigns')
  list() {
    return this.campaigns.listCampaigns();
  }

  @Roles('admin')
  @Post('campaigns')
  create(@Body() dto: CreateCampaignDto, @CurrentUser() actor: AuthUser, @ClientAddress() ip: string) {
    return this.campaigns.createCampaign(dto, actor, ip);
  }

  /** A campaign with its batches. */
  @Get('campaigns/:id')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.campaigns.campaign(id);
  }

  /** A batch (発送回): `{ name, matchDate, mailFrom, mailTo, municipalityCodes? }` (default all 179). */
  @Roles('admin')
  @Post('campaigns/:id/batches')
  createBatch(@Param('id', ParseIntPipe) id: number, @Body() dto: CreateBatchDto, @CurrentUser() actor: AuthUser, @ClientAddress() ip: string) {
    return this.campaigns.createBatch(id, dto, actor, ip);
  }

  @Get('batches')
  batches() {
    return this.campaigns.listBatches();
  }

  @Get('batches/:id')
  batch(@Param('id', ParseIntPipe) id: number) {
    return this.campaigns.batch(id);
  }
}
