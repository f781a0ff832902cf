import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '@wavedesk/contracts';
import { ClientAddress, CurrentUser, Public } from '@wavedesk/common';
import { AuthService } from './auth.service';
import { LoginDto } from './dto/login.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Sign in: `{ username, password }` → `{ accessToken }` (JWT, valid for JWT_TTL_HOURS, 12 at most). */
  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto, @ClientAddress() clientAddress: string) {
    return this.auth.login(dto.username, dto.password, clientAddress);
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUser() user: AuthUser): AuthUser {
    return user;
  }
}
