import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = '日付は YYYY-MM-DD で入力してください。';

export class PlanOptionsDto {
  @ApiPropertyOptional({ example: 8 }) @IsOptional() @IsInt({ message: '波の最大数は整数で指定してください。' }) @Min(1) @Max(60)
  maxWaves?: number;

  @ApiPropertyOptional({ example: 5 }) @IsOptional() @IsInt({ message: '波の最小間隔は整数で指定してください。' }) @Min(1) @Max(60)
  minSpacingBusinessDays?: number;

  @ApiPropertyOptional({ example: 100000 }) @IsOptional() @IsInt({ message: '1回の発送数の上限は整数で指定してください。' }) @Min(1)
  maxFormsPerWave?: number;
}

export class PlanBatchDto {
  @ApiPropertyOptional({ example: 20, description: 'operators on duty in the call center (default 20)' })
  @IsOptional() @IsInt({ message: 'オペレーター数は整数で指定してください。' }) @Min(0, { message: 'オペレーター数は0以上で指定してください。' }) @Max(10000)
  operators?: number;

  @ApiPropertyOptional({ type: PlanOptionsDto }) @IsOptional() @ValidateNested() @Type(() => PlanOptionsDto)
  options?: PlanOptionsDto;
}

export class MoveWaveDto {
  @ApiProperty({ example: '2027-02-22' }) @Matches(DATE, { message: DATE_MESSAGE })
  mailDate!: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500)
  reason?: string;
}

export class MergeWavesDto {
  @ApiProperty({ example: [3, 4] }) @IsArray() @ArrayMinSize(2, { message: '統合するには2つ以上の波を選んでください。' }) @ArrayMaxSize(60)
  @IsInt({ each: true })
  waveIds!: number[];

  @ApiPropertyOptional({ example: '2027-02-22' }) @IsOptional() @Matches(DATE, { message: DATE_MESSAGE })
  mailDate?: string;
}

export class SplitMemberDto {
  @ApiProperty({ example: '011002' }) @Matches(/^\d{6}$/, { message: '市町村コードは6桁の数字で入力してください。' })
  code!: string;

  @ApiPropertyOptional({ example: ['060', '064'], description: '3-digit postal prefixes; omit to move the whole municipality' })
  @IsOptional() @IsArray() @IsString({ each: true })
  postalGroupKeys?: string[];
}

export class SplitWaveDto {
  @ApiProperty({ example: '2027-03-01' }) @Matches(DATE, { message: DATE_MESSAGE })
  mailDate!: string;

  @ApiProperty({ type: [SplitMemberDto] }) @IsArray() @ArrayMinSize(1, { message: '移す市町村を1つ以上指定してください。' })
  @ValidateNested({ each: true }) @Type(() => SplitMemberDto)
  members!: SplitMemberDto[];
}

export class ReasonDto {
  @ApiProperty({ example: '札幌市の窓口が混雑しているため' })
  @IsString() @IsNotEmpty({ message: '理由を入力してください。' }) @MaxLength(500, { message: '理由は500文字以内で入力してください。' })
  reason!: string;
}

export class OptionalReasonDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500, { message: '理由は500文字以内で入力してください。' })
  reason?: string;
}

export class ResumeWaveDto extends ReasonDto {
  @ApiPropertyOptional({ description: 'false or absent: only the preview of the new dates; true: apply it' })
  @IsOptional() @IsBoolean({ message: 'confirm は true か false で指定してください。' })
  confirm?: boolean;

  @ApiPropertyOptional({ example: '2027-02-22', description: 'the resumed wave\'s new mail date (default: its date, or the first business day from today)' })
  @IsOptional() @Matches(DATE, { message: DATE_MESSAGE })
  mailDate?: string;
}

export class ReconcileUnitDto {
  @ApiProperty({ enum: ['written', 'rewrite'] })
  @IsIn(['written', 'rewrite'], { message: 'resolution は written（書き出し済み）か rewrite（再書き出し）です。' })
  resolution!: 'written' | 'rewrite';
}
