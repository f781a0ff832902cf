import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';

const DATE = { message: '日付は YYYY-MM-DD で入力してください。' };

export class ForecastQueryDto {
  @ApiPropertyOptional({ example: '2027-02-15' })
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, DATE)
  from?: string;

  @ApiPropertyOptional({ example: '2027-04-30' })
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, DATE)
  to?: string;

  @ApiPropertyOptional({ example: '011002' })
  @IsOptional() @Matches(/^\d{6}$/, { message: '市町村コードは6桁の数字で入力してください。' })
  municipality?: string;

  @ApiPropertyOptional({ enum: ['day', 'hour'], default: 'day' })
  @IsOptional() @IsIn(['day', 'hour'], { message: 'granularity は day か hour を指定してください。' })
  granularity?: 'day' | 'hour';
}

export class StaffingQueryDto {
  @ApiPropertyOptional({ example: '2027-02-17' })
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, DATE)
  date?: string;
}

export class RecalibrationQueryDto {
  @ApiPropertyOptional({ example: '2027-03-10', description: 'last day whose counts are complete (default today)' })
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, DATE)
  asOf?: string;
}

export class ForecastSettingsDto {
  @ApiProperty({ description: 'forecast waves not yet mailed with the recalibrated rate and curve' })
  @IsBoolean({ message: 'useRecalibrated は true か false で指定してください。' })
  useRecalibrated!: boolean;
}
