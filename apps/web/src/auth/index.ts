export { AuthProvider, useApi, useAuth, useCurrentUser, type AuthState } from './auth-context';
export type { Session } from './session-store';
