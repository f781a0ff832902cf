import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Allow, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class GuardRulesDto {
  @ApiProperty({ description: 'the whole rule set (docs/guard.md §1); each rule is checked by validateGuardRules', type: 'array', items: { type: 'object' } })
  @Allow() // checked field by field by validateGuardRules, with Japanese messages
  rules!: unknown;
}

export class GuardEventQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'all'], description: 'open (default): trips still holding; all: every trip' })
  @IsOptional() @IsIn(['open', 'all'], { message: 'status は open か all で指定してください。' })
  status?: 'open' | 'all';

  @ApiPropertyOptional({ description: 'the nextCursor of the previous page' })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'cursor は整数で指定してください。' }) @Min(1, { message: 'cursor は1以上で指定してください。' })
  cursor?: number;

  @ApiPropertyOptional({ example: 50 })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'limit は整数で指定してください。' }) @Min(1, { message: 'limit は1以上で指定してください。' }) @Max(200, { message: 'limit は200以下で指定してください。' })
  limit?: number;
}

export class GuardReasonDto {
  @ApiProperty({ example: '札幌市の窓口の混雑が解消したため' })
  @IsString({ message: '理由を入力してください。' }) @IsNotEmpty({ message: '理由を入力してください。' }) @MaxLength(500, { message: '理由は500文字以内で入力してください。' })
  reason!: string;
}

export class GuardOptionalReasonDto {
  @ApiPropertyOptional({ example: '翌週まで様子を見る' })
  @IsOptional() @IsString({ message: '理由は文字列で入力してください。' }) @MaxLength(500, { message: '理由は500文字以内で入力してください。' })
  reason?: string;
}
