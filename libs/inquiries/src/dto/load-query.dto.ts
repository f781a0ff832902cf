import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';

export class LoadQueryDto {
  @ApiPropertyOptional({ example: '2026-02-15', description: '日本時間の日付。省略時は今日' })
  @IsOptional() @IsString() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '日付（date）は 2026-02-15 の形式で入力してください。' })
  date?: string;
}
