import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';

export class LiveTestDto {
  @ApiPropertyOptional({ description: 'room to publish to: union (default) or municipality:<code>', example: 'union' })
  @IsOptional() @IsString()
  @Matches(/^(union|municipality:\d{6})$/, { message: 'ルームは union か municipality:<市町村コード> で指定してください。' })
  room?: string;
}
