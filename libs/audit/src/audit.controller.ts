import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import type { Response } from 'express';
import { Roles, spreadsheetSafe } from '@wavedesk/common';
import { AuditQueryDto } from './dto/audit-query.dto';
import { AuditService, type AuditQuery } from './audit.service';

const toQuery = (dto: AuditQueryDto): AuditQuery => ({
  action: dto.action,
  actor: dto.actor,
  target: dto.target,
  from: dto.from ? new Date(dto.from) : undefined,
  to: dto.to ? new Date(dto.to) : undefined,
  success: dto.success,
  before: dto.cursor,
  limit: dto.limit,
});

/** 2026-11-29 19:32:06 in Japan time, as Excel users in Japan read it. */
const jstTimestamp = (at: Date): string =>
  new Date(at.getTime() + 9 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);

@ApiTags('audit')
@ApiBearerAuth()
@Roles('admin')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  list(@Query() query: AuditQueryDto) {
    return this.audit.list(toQuery(query));
  }

  /** The filtered log as CSV (UTF-8 with BOM, so Excel opens it correctly), streamed page by page. */
  @Get('export.csv')
  async export(@Query() query: AuditQueryDto, @Res() res: Response): Promise<void> {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="audit-log.csv"');
    res.write('\ufeff' + stringify([['ID', '日時', '利用者', '役割', '操作', '対象', '結果', '接続元', '詳細']]));
    let before = query.cursor;
    do {
      const page = await this.audit.list({ ...toQuery(query), before, limit: 1000 });
      // actorName is whatever was typed at a failed sign-in, so every text cell is defused for Excel.
      const rows = page.items.map((e) => [
        e.id,
        ...[jstTimestamp(e.at), e.actorName ?? '', e.actorRole ?? '', e.action, e.target ?? '', e.success ? '成功' : '失敗', e.clientAddress ?? '', e.detail ?? ''].map(spreadsheetSafe),
      ]);
      res.write(stringify(rows));
      before = page.nextCursor ?? undefined;
    } while (before);
    res.end();
  }
}
