import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AuthUser, Role } from '@wavedesk/contracts';
import { forbidden } from './domain-error';

export const IS_PUBLIC = 'wavedesk:public';
export const ROLES = 'wavedesk:roles';

/** A route anyone may call without a token (health, login). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the route (the global guard checks). Without it, any signed-in user may. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES, roles);

/** The signed-in user of this request. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest().user as AuthUser;
});

/** The client's address, for the audit log. */
export const ClientAddress = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const req = ctx.switchToHttp().getRequest();
  return String(req.ip ?? req.socket?.remoteAddress ?? '');
});

/**
 * Municipality scoping, enforced in server queries: a `municipal` user sees only their own municipality.
 * Returns the code the query must be limited to, or null when the user may see all.
 */
export function municipalityScope(user: AuthUser): string | null {
  return user.role === 'municipal' ? user.municipalityCode : null;
}

/** Throws 403 unless the user may see the given municipality's data. */
export function assertMunicipalityAccess(user: AuthUser, code: string): void {
  const scope = municipalityScope(user);
  if (scope !== null && scope !== code) {
    throw forbidden('他の市町村のデータは表示・登録できません。');
  }
}
