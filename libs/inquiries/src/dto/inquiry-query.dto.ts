import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { INQUIRY_CATEGORY_CODE_PATTERN, INQUIRY_CHANNELS, INQUIRY_OUTCOMES, type InquiryChannel, type InquiryOutcome } from '@wavedesk/contracts';
import { MESSAGES, MUNICIPALITY_CODE_PATTERN } from '../inquiry-rules';

/** A JST day `YYYY-MM-DD`, or a timezone-qualified ISO 8601 instant. */
export const DAY_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const DAY_OR_INSTANT_MESSAGE = (field: string) =>
  `${field}は 2026-02-15（日本時間の日付）か 2026-02-15T10:30:00+09:00 の形式で入力してください。`;

/** Filters shared by the list and the CSV exports. */
export class InquiryFilterDto {
  @ApiPropertyOptional({ example: '011002' })
  @IsOptional() @IsString() @Matches(MUNICIPALITY_CODE_PATTERN, { message: MESSAGES.municipalityCode })
  municipalityCode?: string;

  @ApiPropertyOptional({ description: '受付日時の開始（含む）。日付だけなら日本時間のその日の0時', example: '2026-02-15' })
  @IsOptional() @IsString() @Matches(DAY_OR_INSTANT, { message: DAY_OR_INSTANT_MESSAGE('開始日時（from）') })
  from?: string;

  @ApiPropertyOptional({ description: '受付日時の終了（含まない）。日付だけならその日を含む', example: '2026-02-28' })
  @IsOptional() @IsString() @Matches(DAY_OR_INSTANT, { message: DAY_OR_INSTANT_MESSAGE('終了日時（to）') })
  to?: string;

  @ApiPropertyOptional({ enum: INQUIRY_CHANNELS })
  @IsOptional() @IsIn(INQUIRY_CHANNELS, { message: MESSAGES.channel })
  channel?: InquiryChannel;

  @ApiPropertyOptional({ example: 'lost_form' })
  @IsOptional() @IsString() @Matches(INQUIRY_CATEGORY_CODE_PATTERN, { message: MESSAGES.category })
  category?: string;

  @ApiPropertyOptional({ enum: INQUIRY_OUTCOMES })
  @IsOptional() @IsIn(INQUIRY_OUTCOMES, { message: MESSAGES.outcome })
  outcome?: InquiryOutcome;

  @ApiPropertyOptional({ description: 'true: 対応済のみ、false: 未対応のみ（市町村へ引継の一覧用）' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'handled は true か false で指定してください。' })
  handled?: boolean;
}

export class InquiryQueryDto extends InquiryFilterDto {
  @ApiPropertyOptional({ description: '前のページの nextCursor（これより古いものを返す）' })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'cursor は整数で指定してください。' }) @Min(1)
  cursor?: number;

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'limit は整数で指定してください。' })
  @Min(1, { message: 'limit は1〜500で指定してください。' }) @Max(500, { message: 'limit は1〜500で指定してください。' })
  limit?: number;
}

export const EXPORT_ENCODINGS = ['utf-8', 'shift_jis'] as const;
export type ExportEncoding = (typeof EXPORT_ENCODINGS)[number];
export const EXPORT_PIVOTS = ['day', 'municipality', 'category', 'wave'] as const;
export type ExportPivot = (typeof EXPORT_PIVOTS)[number];

export class InquiryExportQueryDto extends InquiryFilterDto {
  @ApiPropertyOptional({ enum: EXPORT_ENCODINGS, default: 'utf-8', description: 'utf-8 は BOM 付き。shift_jis は Windows の Shift_JIS（CP932）' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.toLowerCase().replace(/^(sjis|cp932|windows-31j)$/, 'shift_jis').replace(/^utf8$/, 'utf-8') : value))
  @IsIn(EXPORT_ENCODINGS, { message: 'encoding は utf-8 か shift_jis を指定してください。' })
  encoding?: ExportEncoding;

  @ApiPropertyOptional({ enum: EXPORT_PIVOTS, description: '集計表: 日別・市町村別・分類別・発送の波別' })
  @IsOptional() @IsIn(EXPORT_PIVOTS, { message: 'pivot は day、municipality、category、wave のいずれかを指定してください。' })
  pivot?: ExportPivot;
}
