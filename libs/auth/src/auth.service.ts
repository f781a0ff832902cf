import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import { Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@wavedesk/config';
import type { AuthUser } from '@wavedesk/contracts';
import { AuditService } from '@wavedesk/audit';
import { DomainError } from '@wavedesk/common';
import { User } from './user.entity';
import { verifyPassword } from './password';

interface TokenPayload {
  sub: number;
  username: string;
  role: AuthUser['role'];
  mun: string | null;
  tv: number;
}

const INVALID = () =>
  new DomainError(401, 'invalid_credentials', 'ユーザー名またはパスワードが正しくありません。');

/** Sign-in with slow-down and lock-out, and token verification against the current user row. */
@Injectable()
export class AuthService {
  /** Verified users for a few seconds, so that every request does not read the users table. */
  private readonly cache = new Map<number, { user: User; until: number }>();
  private static readonly CACHE_MS = 5_000;

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string, clientAddress: string): Promise<{ accessToken: string; expiresIn: number; user: AuthUser }> {
    const user = await this.users.findOneBy({ username });
    const now = new Date();
    if (user?.lockedUntil && user.lockedUntil > now) {
      await this.audit.record({ actorName: username, action: 'auth.login_failed', target: `user:${user.id}`, success: false, clientAddress, detail: { reason: 'locked' } });
      const minutes = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60_000);
      throw new DomainError(429, 'account_locked', `ログインの失敗が続いたため、このアカウントは一時的にロックされています。約${minutes}分後に再度お試しください。`);
    }
    const ok = user && !user.disabled && (await verifyPassword(user.passwordHash, password));
    if (!user || !ok) {
      let failures = 0;
      if (user) {
        failures = user.failedLogins + 1;
        const lock = failures >= this.config.loginMaxFailures;
        await this.users.update(user.id, {
          failedLogins: lock ? 0 : failures,
          lockedUntil: lock ? new Date(now.getTime() + this.config.loginLockMinutes * 60_000) : null,
        });
      }
      await this.audit.record({
        actorName: username, action: 'auth.login_failed', target: user ? `user:${user.id}` : undefined, success: false, clientAddress,
        detail: { reason: !user ? 'unknown_user' : user.disabled ? 'disabled' : 'wrong_password', failures },
      });
      // Each further failure answers more slowly, so guessing is slow long before the lock.
      await sleep(Math.min(250 * failures, 2_000));
      throw INVALID();
    }
    if (user.failedLogins > 0 || user.lockedUntil) await this.users.update(user.id, { failedLogins: 0, lockedUntil: null });
    const authUser: AuthUser = { id: user.id, username: user.username, role: user.role, municipalityCode: user.municipalityCode };
    const payload: TokenPayload = { sub: user.id, username: user.username, role: user.role, mun: user.municipalityCode, tv: user.tokenVersion };
    const expiresIn = this.config.jwtTtlHours * 3600;
    const accessToken = await this.jwt.signAsync(payload, { expiresIn });
    await this.audit.record({ actor: authUser, action: 'auth.login', target: `user:${user.id}`, clientAddress });
    return { accessToken, expiresIn, user: authUser };
  }

  /**
   * The user a token belongs to, or null when the token is expired, forged, or the user was deleted,
   * disabled or changed since (token version).
   */
  async verify(token: string): Promise<AuthUser | null> {
    let payload: TokenPayload;
    try {
      payload = await this.jwt.verifyAsync<TokenPayload>(token);
    } catch {
      return null;
    }
    const user = await this.currentUser(payload.sub);
    if (!user || user.disabled || user.tokenVersion !== payload.tv) return null;
    return { id: user.id, username: user.username, role: user.role, municipalityCode: user.municipalityCode };
  }

  private async currentUser(id: number): Promise<User | null> {
    const hit = this.cache.get(id);
    if (hit && hit.until > Date.now()) return hit.user;
    const user = await this.users.findOneBy({ id });
    if (user) this.cache.set(id, { user, until: Date.now() + AuthService.CACHE_MS });
    else this.cache.delete(id);
    return user;
  }

  /** Forget a cached user at once (after a change in this process). */
  forget(id: number): void {
    this.cache.delete(id);
  }
}
