import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { INQUIRY_CATEGORY_CODE_PATTERN } from '@wavedesk/contracts';
import { MESSAGES } from '../inquiry-rules';

export class CreateInquiryCategoryDto {
  @ApiProperty({ example: 'delivery', description: '半角英小文字で始まる英小文字・数字・_ の2〜32文字' })
  @Matches(INQUIRY_CATEGORY_CODE_PATTERN, { message: MESSAGES.category })
  code!: string;

  @ApiProperty({ example: '郵便の不着', maxLength: 64 })
  @IsString({ message: '表示名は文字列で入力してください。' })
  @IsNotEmpty({ message: '表示名を入力してください。' })
  @MaxLength(64, { message: '表示名は64文字以内で入力してください。' })
  label!: string;
}
