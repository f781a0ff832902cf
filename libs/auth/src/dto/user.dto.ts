import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '@wavedesk/contracts';

const USERNAME = /^[A-Za-z0-9._-]{3,64}$/;
const USERNAME_MESSAGE = 'ユーザー名は半角英数字と . _ - の3〜64文字で入力してください。';
const PASSWORD_MESSAGE = 'パスワードは8文字以上で入力してください。';
const ROLE_MESSAGE = `役割は ${ROLES.join(' / ')} のいずれかを指定してください。`;
const CODE_MESSAGE = '市町村コードは6桁の数字で入力してください。';

export class CreateUserDto {
  @ApiProperty({ example: 'sapporo01' })
  @IsString() @Matches(USERNAME, { message: USERNAME_MESSAGE })
  username!: string;

  @ApiProperty({ minLength: 8 })
  @IsString() @MinLength(8, { message: PASSWORD_MESSAGE }) @MaxLength(256)
  password!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: ROLE_MESSAGE })
  role!: Role;

  @ApiPropertyOptional({ description: 'required for role municipal', example: '011002' })
  @IsOptional() @IsString() @Matches(/^\d{6}$/, { message: CODE_MESSAGE })
  municipalityCode?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ minLength: 8 })
  @IsOptional() @IsString() @MinLength(8, { message: PASSWORD_MESSAGE }) @MaxLength(256)
  password?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional() @IsIn(ROLES, { message: ROLE_MESSAGE })
  role?: Role;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional() @IsString() @IsNotEmpty() @Matches(/^\d{6}$/, { message: CODE_MESSAGE })
  municipalityCode?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsBoolean()
  disabled?: boolean;
}
