import { Body, Controller, Get, Headers, HttpCode, Param, ParseIntPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { once } from 'node:events';
import type { AuthUser, InquiryPage, InquiryRecord } from '@wavedesk/contracts';
import { ClientAddress, CurrentUser, Roles } from '@wavedesk/common';
import { CSV_CONTENT_TYPE, UTF8_BOM, encodeCsv } from './csv-encoding';
import { InquiryExportQueryDto, InquiryQueryDto } from './dto/inquiry-query.dto';
import { LogInquiryDto } from './dto/log-inquiry.dto';
import { InquiriesService } from './inquiries.service';
import { InquiryExportService } from './inquiry-export.service';

@ApiTags('inquiries')
@ApiBearerAuth()
@Controller()
export class InquiriesController {
  constructor(private readonly inquiries: InquiriesService, private readonly exports: InquiryExportService) {}

  @Post('inquiries')
  @ApiOperation({ summary: '問い合わせを1件登録する（201）。同じ Idempotency-Key の再送は最初の記録を返す（200）' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '1〜128文字。同じ利用者の同じキーは二重に登録されない' })
  async log(
    @Body() dto: LogInquiryDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) res: Response,
  ): Promise<InquiryRecord> {
    const { record, replayed } = await this.inquiries.log(dto, user, idempotencyKey);
    if (replayed) res.status(200).setHeader('Idempotent-Replayed', 'true');
    return record;
  }

  @Get('inquiries')
  @ApiOperation({ summary: '問い合わせの一覧（新しい順、cursor でページ送り）' })
  list(@Query() query: InquiryQueryDto, @CurrentUser() user: AuthUser): Promise<InquiryPage> {
    return this.inquiries.list(query, user);
  }

  @Get('inquiries.csv')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: '問い合わせの CSV（UTF-8 BOM 付き／shift_jis）。pivot=day|municipality|category|wave で集計表。メモの電話番号は伏せ字' })
  async export(@Query() query: InquiryExportQueryDto, @CurrentUser() user: AuthUser, @ClientAddress() ip: string, @Res() res: Response): Promise<void> {
    const encoding = query.encoding ?? 'utf-8';
    const { filename, chunks } = await this.exports.export(query, user, ip);
    res.status(200);
    res.setHeader('Content-Type', CSV_CONTENT_TYPE[encoding]);
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    res.setHeader('Cache-Control', 'no-store');
    if (encoding === 'utf-8') res.write(UTF8_BOM);
    try {
      for await (const chunk of chunks) {
        if (!res.write(encodeCsv(chunk, encoding))) await once(res, 'drain');
      }
    } finally {
      res.end();
    }
  }

  @Patch('inquiries/:id/handled')
  @HttpCode(200)
  @Roles('municipal', 'supervisor', 'admin')
  @ApiOperation({ summary: '市町村へ引き継がれた問い合わせを対応済にする（監査ログに記録）' })
  markHandled(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: AuthUser, @ClientAddress() ip: string): Promise<InquiryRecord> {
    return this.inquiries.markHandled(id, user, ip);
  }
}
