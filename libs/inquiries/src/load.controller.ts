import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser, LoadReport } from '@wavedesk/contracts';
import { CurrentUser } from '@wavedesk/common';
import { LoadQueryDto } from './dto/load-query.dto';
import { LoadService } from './load.service';

@ApiTags('inquiries')
@ApiBearerAuth()
@Controller('load')
export class LoadController {
  constructor(private readonly load: LoadService) {}

  @Get()
  @ApiOperation({ summary: '問い合わせ件数の実績と試算（市町村別・全体、日と時間帯）。load:update と同じ形' })
  report(@Query() query: LoadQueryDto, @CurrentUser() user: AuthUser): Promise<LoadReport> {
    return this.load.report(user, query.date);
  }
}
