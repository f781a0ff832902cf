import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@wavedesk/contracts';
import { ClientAddress, CurrentUser, Roles } from '@wavedesk/common';
import { UpdateMunicipalityDto } from './dto/update-municipality.dto';
import { MunicipalitiesService } from './municipalities.service';

@ApiTags('municipalities')
@ApiBearerAuth()
@Controller('municipalities')
export class MunicipalitiesController {
  constructor(private readonly municipalities: MunicipalitiesService) {}

  /** The 179 municipalities (a municipal user gets only their own), with their counter settings. */
  @Get()
  list(@CurrentUser() user: AuthUser) {
    return this.municipalities.list(user);
  }

  @Get(':code')
  get(@Param('code') code: string, @CurrentUser() user: AuthUser) {
    return this.municipalities.get(code, user);
  }

  /** Admin settings: counter capacity (inquiries per day) and contact phone. */
  @Roles('admin')
  @Patch(':code')
  update(@Param('code') code: string, @Body() dto: UpdateMunicipalityDto, @CurrentUser() actor: AuthUser, @ClientAddress() ip: string) {
    return this.municipalities.update(code, dto, actor, ip);
  }
}
