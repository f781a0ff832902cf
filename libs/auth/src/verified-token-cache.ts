import type { AuthUser } from '@wavedesk/contracts';

/** How long a verified token's user is trusted without reading the user row again. */
export const VERIFIED_TOKEN_TTL_MS = 1_000;
const MAX_ENTRIES = 10_000;

/**
 * Tokens verified in the last second and whose user row was read then, so that a desk saving hundreds of
 * inquiries a second does not verify the signature and read the user row on every request. Only good
 * tokens are kept (a flood of forged tokens cannot fill it), at most 10,000 (then it starts over).
 * A change to a user made through this process clears it at once (`clear()`); a change made by another
 * API process, or in the database directly, takes effect within `VERIFIED_TOKEN_TTL_MS`.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, { user: AuthUser; until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  get(token: string): AuthUser | null {
    const entry = this.entries.get(token);
    if (!entry) return null;
    if (entry.until > this.now()) return entry.user;
    this.entries.delete(token);
    return null;
  }

  /** `expiresAtMs`: the token's own expiry (epoch ms); the entry never outlives it. */
  set(token: string, user: AuthUser, expiresAtMs: number): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(token, { user, until: Math.min(this.now() + VERIFIED_TOKEN_TTL_MS, expiresAtMs) });
  }

  clear(): void {
    this.entries.clear();
  }
}
