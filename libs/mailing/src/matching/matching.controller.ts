import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser, BatchMatchView } from '@wavedesk/contracts';
import { badRequest, ClientAddress, conflict, CurrentUser, Roles } from '@wavedesk/common';
import { ReviewDecisionDto } from './dto/review-decision.dto';
import { matchCsv } from './match-csv';
import { MatchingService, type ReviewView } from './matching.service';

/**
 * Matching a batch (発送回) against the card holders known on its match date: start it, read its counts
 * (municipal users: their own municipality only, counts only), download them as CSV, settle the review list.
 */
@ApiTags('matching')
@ApiBearerAuth()
@Controller()
export class MatchingController {
  constructor(private readonly matching: MatchingService) {}

  /** 202 `{ runId }`; the worker runs it (progress live as `match:progress`). */
  @Roles('admin')
  @Post('batches/:id/match')
  @HttpCode(202)
  match(@Param('id', ParseIntPipe) id: number, @CurrentUser() actor: AuthUser, @ClientAddress() ip: string) {
    return this.matching.requestMatch(id, actor, ip);
  }

  /** Totals and per municipality: insured, disqualified, card holders, already formed, in review, targets. */
  @Roles('admin', 'supervisor', 'municipal')
  @Get('batches/:id/match')
  view(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: AuthUser): Promise<BatchMatchView> {
    return this.matching.view(id, user);
  }

  /** The same counts as CSV (UTF-8 with BOM, Japanese headers). */
  @Roles('admin', 'supervisor', 'municipal')
  @Get('batches/:id/match.csv')
  async csv(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: AuthUser, @Res({ passthrough: true }) res: Response): Promise<string> {
    const view = await this.matching.view(id, user);
    if (!view.totals) throw conflict('not_matched', 'この発送回はまだ突合されていません。');
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="batch-${id}-match.csv"; filename*=UTF-8''${encodeURIComponent(`突合結果_発送回${id}.csv`)}`);
    return matchCsv(view);
  }

  /** Possible card holders to settle, with the insured person's 4 information items (admins; audited). */
  @Roles('admin')
  @Get('batches/:id/reviews')
  @ApiQuery({ name: 'status', required: false, enum: ['pending', 'excluded', 'kept'] })
  reviews(@Param('id', ParseIntPipe) id: number, @Query('status') status: string | undefined, @CurrentUser() actor: AuthUser, @ClientAddress() ip: string): Promise<ReviewView[]> {
    if (status !== undefined && !['pending', 'excluded', 'kept'].includes(status)) {
      throw badRequest('validation_failed', '入力内容に誤りがあります。', [{ field: 'status', code: 'isIn', message: 'status は pending、excluded、kept のいずれかです。' }]);
    }
    return this.matching.reviewList(id, status, actor, ip);
  }

  /** `{ decision: 'exclude' | 'keep' }`: exclude = the card holder is this person; keep = mail a form. */
  @Roles('admin')
  @Post('reviews/:id')
  @HttpCode(200)
  decide(@Param('id', ParseIntPipe) id: number, @Body() dto: ReviewDecisionDto, @CurrentUser() actor: AuthUser, @ClientAddress() ip: string): Promise<ReviewView> {
    return this.matching.decide(id, dto.decision, actor, ip);
  }
}
