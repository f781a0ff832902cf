import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, ValidateBy } from 'class-validator';
import {
  CALLER_TYPES, type CallerType, INQUIRY_CATEGORY_CODE_PATTERN, INQUIRY_CHANNELS, INQUIRY_OUTCOMES, type InquiryChannel,
  type InquiryOutcome,
} from '@wavedesk/contracts';
import { containsMyNumber } from '@wavedesk/common';
import {
  APPLICATION_ID_PATTERN, MAX_DURATION_SECONDS, MAX_NOTE_LENGTH, MESSAGES, MUNICIPALITY_CODE_PATTERN, RECEIVED_AT_PATTERN,
} from '../inquiry-rules';

/** Refuses a note that carries a valid 個人番号; the message never repeats it. */
const NoMyNumber = () =>
  ValidateBy({
    name: 'noMyNumber',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || !containsMyNumber(value),
      defaultMessage: () => MESSAGES.noteMyNumber,
    },
  });

/** A whole number within bounds, reported as one error with one sentence. */
const IntInRange = (min: number, max: number, message: string) =>
  ValidateBy({
    name: 'intInRange',
    validator: {
      validate: (value: unknown) => Number.isInteger(value) && (value as number) >= min && (value as number) <= max,
      defaultMessage: () => message,
    },
  });

/** One call or visit, as the operator desk sends it. Codes are stable; labels are in libs/contracts. */
export class LogInquiryDto {
  @ApiProperty({ example: '011002', description: '市町村コード（6桁、検査数字付き）' })
  @Matches(MUNICIPALITY_CODE_PATTERN, { message: MESSAGES.municipalityCode })
  municipalityCode!: string;

  @ApiProperty({ enum: INQUIRY_CHANNELS, example: 'phone' })
  @IsIn(INQUIRY_CHANNELS, { message: MESSAGES.channel })
  channel!: InquiryChannel;

  @ApiProperty({ example: 'how_to_apply', description: 'GET /api/inquiry-categories の code' })
  @Matches(INQUIRY_CATEGORY_CODE_PATTERN, { message: MESSAGES.category })
  category!: string;

  @ApiProperty({ enum: CALLER_TYPES, example: 'self' })
  @IsIn(CALLER_TYPES, { message: MESSAGES.callerType })
  callerType!: CallerType;

  @ApiProperty({ enum: INQUIRY_OUTCOMES, example: 'resolved' })
  @IsIn(INQUIRY_OUTCOMES, { message: MESSAGES.outcome })
  outcome!: InquiryOutcome;

  @ApiPropertyOptional({ example: '2026-02-15T10:30:00+09:00', description: '省略時は登録した時刻。未来は5分まで' })
  @IsOptional() @Matches(RECEIVED_AT_PATTERN, { message: MESSAGES.receivedAt })
  receivedAt?: string | null;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_DURATION_SECONDS, example: 180 })
  @IsOptional() @IntInRange(0, MAX_DURATION_SECONDS, MESSAGES.durationSeconds)
  durationSeconds?: number | null;

  @ApiPropertyOptional({ example: '01234567890123456789012', description: '申請書ID（半角数字23桁、個人番号ではない）' })
  @IsOptional() @Matches(APPLICATION_ID_PATTERN, { message: MESSAGES.applicationId })
  applicationId?: string | null;

  @ApiPropertyOptional({ maxLength: MAX_NOTE_LENGTH, description: '個人番号を含むメモは登録できない' })
  @IsOptional() @IsString({ message: MESSAGES.note }) @MaxLength(MAX_NOTE_LENGTH, { message: MESSAGES.noteTooLong }) @NoMyNumber()
  note?: string | null;
}
