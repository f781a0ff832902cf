import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional } from 'class-validator';

const NUMBER = (label: string) => ({ message: `${label}は数値で入力してください。` });
const finite = { allowNaN: false, allowInfinity: false };

/** Erlang C input; ranges (e.g. service level below 1, handling time above 0) are checked by the library. */
export class ErlangCDto {
  @ApiProperty({ example: 100 })
  @IsNumber(finite, NUMBER('1区間の呼数'))
  callsPerInterval!: number;

  @ApiPropertyOptional({ example: 30, default: 30 })
  @IsOptional() @IsNumber(finite, NUMBER('区間の長さ（分）'))
  intervalMinutes?: number;

  @ApiPropertyOptional({ example: 180, default: 360 })
  @IsOptional() @IsNumber(finite, NUMBER('平均処理時間（秒）'))
  ahtSeconds?: number;

  @ApiPropertyOptional({ example: 20, default: 20 })
  @IsOptional() @IsNumber(finite, NUMBER('目標応答時間（秒）'))
  targetSeconds?: number;

  @ApiPropertyOptional({ example: 0.8, default: 0.8 })
  @IsOptional() @IsNumber(finite, NUMBER('サービスレベル'))
  serviceLevel?: number;
}
