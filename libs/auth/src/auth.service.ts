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
import { VerifiedTokenCache } from './verified-token-cache';

interface TokenPayload {
  sub: number;
  username: string;
  role: AuthUser['role'];
  mun: string | null;
  tv: number;
  exp?: number;
}

const INVALID = () =>
  new DomainError(401, 'invalid_credentials', 'ユーザー名またはパスワードが正しくありません。');

/**
 * Checked instead of a real hash when the username is unknown, so that such an answer costs the same
 * argon2 work as a wrong password and does not tell which usernames exist.
 */
const UNKNOWN_USER_HASH = '$argon2id$v=19$m=65536,p=4,t=3$9hDcqY/6n+gPcEKXsH3h+Q$FCBl3fYnkWzLfLHzMA1AFAhi3AXQ8GVspxhbOnAeTqA';

/** Sign-in with slow-down and lock-out, and token verification against the current user row. */
@Injectable()
export class AuthService {
  private readonly verified = new VerifiedTokenCache();

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
    const passwordOk = await verifyPassword(user?.passwordHash ?? UNKNOWN_USER_HASH, password);
    if (!user || user.disabled || !passwordOk) {
      const failures = user ? await this.countFailure(user.id, now) : 0;
      await this.audit.record({
        actorName: username, action: 'auth.login_failed', target: user ? `user:${user.id}` : undefined, success: false, clientAddress,
        detail: { reason: !user ? 'unknown_user' : user.disabled ? 'disabled' : 'wrong_password', failures },
      });
      // Each further failure answers more slowly, so guessing is slow long before the lock.
      await sleep(Math.min(250 * Math.max(failures, 1), 2_000));
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
   * disabled or changed since (token version). The user row is read again at most once a second per token
   * (VerifiedTokenCache): a change made through this process takes effect at once (`userChanged()`), one
   * made by another API process or directly in the database within a second.
   */
  async verify(token: string): Promise<AuthUser | null> {
    const cached = this.verified.get(token);
    if (cached) return cached;
    let payload: TokenPayload;
    try {
      payload = await this.jwt.verifyAsync<TokenPayload>(token);
    } catch {
      return null;
    }
    const user = await this.users.findOneBy({ id: payload.sub });
    if (!user || user.disabled || user.tokenVersion !== payload.tv) return null;
    const authUser: AuthUser = { id: user.id, username: user.username, role: user.role, municipalityCode: user.municipalityCode };
    this.verified.set(token, authUser, payload.exp ? payload.exp * 1000 : Number.POSITIVE_INFINITY);
    return authUser;
  }

  /** A user's rights, password or state changed: no token is trusted from memory any more. */
  userChanged(): void {
    this.verified.clear();
  }

  /**
   * Counts a failed sign-in in the database itself (not read-modify-write), so guesses sent in parallel all
   * count; at LOGIN_MAX_FAILURES the account is locked for LOGIN_LOCK_MINUTES. Returns the failures so far.
   */
  private async countFailure(id: number, now: Date): Promise<number> {
    await this.users.increment({ id }, 'failedLogins', 1);
    const failures = (await this.users.findOne({ select: { id: true, failedLogins: true }, where: { id } }))?.failedLogins ?? 0;
    if (failures >= this.config.loginMaxFailures) {
      await this.users.update(id, { failedLogins: 0, lockedUntil: new Date(now.getTime() + this.config.loginLockMinutes * 60_000) });
    }
    return failures;
  }
}
