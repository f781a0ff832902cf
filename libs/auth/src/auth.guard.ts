import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Role } from '@wavedesk/contracts';
import { DomainError, IS_PUBLIC, ROLES, forbidden } from '@wavedesk/common';
import { AuthService } from './auth.service';

export const bearerToken = (header: string | undefined): string | null => {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return match ? match[1].trim() : null;
};

/** The global guard: every route needs a valid token unless marked @Public(); @Roles() narrows further. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly auth: AuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { user?: unknown }>();
    const token = bearerToken(request.headers.authorization);
    const user = token ? await this.auth.verify(token) : null;
    if (!user) {
      throw new DomainError(401, 'unauthorized', token ? 'ログインの有効期限が切れたか、無効なトークンです。もう一度ログインしてください。' : 'ログインが必要です。');
    }
    request.user = user;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(user.role)) throw forbidden();
    return true;
  }
}
