import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsISO8601, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Transform, Type } from 'class-transformer';

export class AuditQueryDto {
  @ApiPropertyOptional({ description: 'action prefix, e.g. auth. or wave.hold' })
  @IsOptional() @IsString() @MaxLength(64)
  action?: string;

  @ApiPropertyOptional({ description: 'username of the actor' })
  @IsOptional() @IsString() @MaxLength(64)
  actor?: string;

  @ApiPropertyOptional({ description: 'target, e.g. user:3' })
  @IsOptional() @IsString() @MaxLength(255)
  target?: string;

  @ApiPropertyOptional({ description: 'from (inclusive), ISO 8601' })
  @IsOptional() @IsISO8601()
  from?: string;

  @ApiPropertyOptional({ description: 'to (exclusive), ISO 8601' })
  @IsOptional() @IsISO8601()
  to?: string;

  @ApiPropertyOptional()
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  success?: boolean;

  @ApiPropertyOptional({ description: 'cursor from the previous page' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  cursor?: number;

  @ApiPropertyOptional({ default: 100 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  limit?: number;
}
