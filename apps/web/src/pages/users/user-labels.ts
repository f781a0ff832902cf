import type { Municipality, User } from '../../api';
import { formatDateTime } from '../../format';

/** "012025 函館市", or the bare code when the municipality is unknown; "—" for union users. */
export function municipalityLabel(code: string | null, byCode: Map<string, Municipality>): string {
  if (!code) return '—';
  const m = byCode.get(code);
  return m ? `${code} ${m.name}` : code;
}

/** 有効 / 無効 / ロック中（…まで）. */
export function userStatus(user: User, now = Date.now()): { text: string; tone: 'ok' | 'off' | 'warn' } {
  if (user.disabled) return { text: '無効', tone: 'off' };
  if (user.lockedUntil && new Date(user.lockedUntil).getTime() > now) {
    return { text: `ロック中（${formatDateTime(user.lockedUntil)}まで）`, tone: 'warn' };
  }
  return { text: '有効', tone: 'ok' };
}
