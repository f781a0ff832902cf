import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AuthUser } from '@wavedesk/contracts';
import { ApiClient, WavedeskApi } from '../api';
import { loadSession, saveSession, type Session } from './session-store';

export interface AuthState {
  session: Session | null;
  /** Why the last session ended on its own (expired, revoked), shown on the sign-in page. */
  notice: string | null;
  api: WavedeskApi;
  signIn(username: string, password: string): Promise<void>;
  signOut(notice?: string): void;
}

const AuthContext = createContext<AuthState | null>(null);

const EXPIRED = 'ログインの有効期限が切れました。もう一度ログインしてください。';

/**
 * Holds who is signed in, and the API client that carries their token. Any 401 answer to a call that sent
 * a token ends the session (the token expired, or an admin changed or disabled the user).
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [notice, setNotice] = useState<string | null>(null);
  const sessionRef = useRef(session);
  sessionRef.current = session;

  const signOut = useCallback((why?: string) => {
    saveSession(null);
    sessionRef.current = null;
    setSession(null);
    setNotice(why ?? null);
  }, []);

  const api = useMemo(
    () =>
      new WavedeskApi(
        new ApiClient({
          getToken: () => sessionRef.current?.accessToken ?? null,
          onUnauthorized: (error) => signOut(error.message || EXPIRED),
        }),
      ),
    [signOut],
  );

  const signIn = useCallback(
    async (username: string, password: string) => {
      const answer = await api.auth.login(username, password);
      const next: Session = { accessToken: answer.accessToken, expiresAt: Date.now() + answer.expiresIn * 1000, user: answer.user };
      saveSession(next);
      sessionRef.current = next;
      setNotice(null);
      setSession(next);
    },
    [api],
  );

  // A session restored from storage may be stale (role changed, user disabled): ask the API who we are.
  const token = session?.accessToken;
  useEffect(() => {
    if (!token) return;
    api.auth
      .me()
      .then((user) => {
        const current = sessionRef.current;
        if (current && current.accessToken === token) {
          const next = { ...current, user };
          saveSession(next);
          setSession(next);
        }
      })
      .catch(() => undefined); // a 401 already signed out; other failures keep the stored user
  }, [api, token]);

  // End the session when the token expires, instead of waiting for the next refused call.
  const expiresAt = session?.expiresAt;
  useEffect(() => {
    if (!expiresAt) return;
    const timer = window.setTimeout(() => signOut(EXPIRED), Math.max(0, Math.min(expiresAt - Date.now(), 2 ** 31 - 1)));
    return () => window.clearTimeout(timer);
  }, [expiresAt, signOut]);

  const value = useMemo<AuthState>(() => ({ session, notice, api, signIn, signOut }), [session, notice, api, signIn, signOut]);
  return <AuthContext value={value}>{children}</AuthContext>;
}

export function useAuth(): AuthState {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth() is used outside <AuthProvider>');
  return auth;
}

/** The API client bound to the signed-in user's token. */
export function useApi(): WavedeskApi {
  return useAuth().api;
}

/** The signed-in user; only for pages inside the signed-in shell. */
export function useCurrentUser(): AuthUser {
  const { session } = useAuth();
  if (!session) throw new Error('useCurrentUser() is used outside the signed-in shell');
  return session.user;
}
