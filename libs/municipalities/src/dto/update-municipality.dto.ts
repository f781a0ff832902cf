import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export class UpdateMunicipalityDto {
  @ApiPropertyOptional({ description: 'inquiries per day the counter can take', example: 40 })
  @IsOptional() @IsInt({ message: '窓口の対応可能件数は整数で入力してください。' })
  @Min(0, { message: '窓口の対応可能件数は0以上で入力してください。' })
  @Max(100_000, { message: '窓口の対応可能件数が大きすぎます。' })
  counterCapacity?: number;

  @ApiPropertyOptional({ nullable: true, example: '011-211-2111' })
  @IsOptional() @IsString()
  @Matches(/^$|^0\d{1,4}-\d{1,4}-\d{3,4}$/, { message: '連絡先電話番号は 011-211-2111 のように入力してください。' })
  contactPhone?: string;
}
