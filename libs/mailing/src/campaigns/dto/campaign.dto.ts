import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateCampaignDto {
  @ApiProperty({ example: 'マイナンバーカード交付申請書送付' })
  @IsString() @IsNotEmpty({ message: '送付事業名を入力してください。' }) @MaxLength(128, { message: '送付事業名は128文字以内で入力してください。' })
  name!: string;
}

export class CreateBatchDto {
  @ApiProperty({ example: '1回目分' })
  @IsString() @IsNotEmpty({ message: '発送回の名前を入力してください。' }) @MaxLength(128, { message: '発送回の名前は128文字以内で入力してください。' })
  name!: string;

  @ApiProperty({ example: '2027-01-15', description: 'targets are matched for this day' })
  @Matches(DATE, { message: '突合基準日は YYYY-MM-DD で入力してください。' })
  matchDate!: string;

  @ApiProperty({ example: '2027-02-15' })
  @Matches(DATE, { message: '発送開始日は YYYY-MM-DD で入力してください。' })
  mailFrom!: string;

  @ApiProperty({ example: '2027-02-26' })
  @Matches(DATE, { message: '発送終了日は YYYY-MM-DD で入力してください。' })
  mailTo!: string;

  @ApiPropertyOptional({ description: 'default: all 179', example: ['011002', '012025'] })
  @IsOptional() @IsArray() @ArrayNotEmpty({ message: '市町村を1つ以上指定してください。' }) @ArrayMaxSize(179)
  @Matches(/^\d{6}$/, { each: true, message: '市町村コードは6桁の数字で入力してください。' })
  municipalityCodes?: string[];
}
