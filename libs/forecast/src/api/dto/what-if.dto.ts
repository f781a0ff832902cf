import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional } from 'class-validator';

const NUMBER = (label: string) => ({ message: `${label}は数値で入力してください。` });

/** `{ targets }` or `{ insured, cardRate }`; the ranges are checked by the forecast library. */
export class WhatIfDto {
  @ApiPropertyOptional({ example: 614058, description: 'forms to mail' })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }, NUMBER('発送対象者数'))
  targets?: number;

  @ApiPropertyOptional({ example: 838877, description: 'insured persons' })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }, NUMBER('被保険者数'))
  insured?: number;

  @ApiPropertyOptional({ example: 0.268, description: 'share already holding a card, in (0, 1)' })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }, NUMBER('カード取得率'))
  cardRate?: number;

  @ApiPropertyOptional({ description: 'inquiries per form, in (0, 1); default 47,344 / 3,262,639' })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }, NUMBER('問い合わせ率'))
  inquiryRate?: number;
}
