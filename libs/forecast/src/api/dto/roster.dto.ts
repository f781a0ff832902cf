import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsOptional, Matches } from 'class-validator';

const DATE = { message: '日付は YYYY-MM-DD で入力してください。' };

export class RosterQueryDto {
  @ApiPropertyOptional({ example: '2027-02-15', description: 'default: today in Japan' })
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, DATE)
  from?: string;

  @ApiPropertyOptional({ example: '2027-03-14', description: 'default: from + 27 days; at most 366 days' })
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, DATE)
  to?: string;
}

// The bodies are checked field by field by checkRosterChange / checkRosterDay (Japanese message per field).
export class RosterDto {
  @ApiPropertyOptional({ example: 10, description: 'operators on duty on a business day with no override (0–500)' })
  @Allow()
  defaultOperators?: unknown;

  @ApiPropertyOptional({ type: 'array', items: { type: 'object' }, example: [{ date: '2027-02-15', operators: 1, note: '研修' }], description: 'replaces every override from today on' })
  @Allow()
  overrides?: unknown;
}

export class RosterDayDto {
  @ApiProperty({ example: 1, description: '0–500' })
  @Allow()
  operators?: unknown;

  @ApiPropertyOptional({ example: '研修のため' })
  @Allow()
  note?: unknown;
}
