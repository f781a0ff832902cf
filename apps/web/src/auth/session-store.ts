import type { AuthUser } from '@wavedesk/contracts';

/** A signed-in session, kept in sessionStorage: it ends when the tab closes and is never shared between tabs. */
export interface Session {
  accessToken: string;
  /** epoch milliseconds */
  expiresAt: number;
  user: AuthUser;
}

const KEY = 'wavedesk.session';

export function loadSession(now = Date.now()): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    if (typeof session.accessToken !== 'string' || !session.user || session.expiresAt <= now) {
      sessionStorage.removeItem(KEY);
      return null;
    }
    return session;
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null): void {
  try {
    if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
    else sessionStorage.removeItem(KEY);
  } catch {
    // storage full or disabled: the session then lasts until reload
  }
}
