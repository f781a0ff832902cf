import type { AuthUser, Role } from '@wavedesk/contracts';

/*
 * What the API answers, as the web app reads it (JSON: dates arrive as ISO strings). These mirror the API's
 * views (MunicipalityView, UserView, AuditEntry); they belong in libs/contracts once the API exports them there.
 */

export interface LoginResponse {
  accessToken: string;
  /** seconds */
  expiresIn: number;
  user: AuthUser;
}

export interface Health {
  status: 'ok' | 'degraded' | string;
  db: 'up' | 'down' | string;
  redis: 'up' | 'down' | string;
}

export interface Municipality {
  code: string;
  name: string;
  kana: string;
  subprefecture: string;
  subprefectureShort: string;
  district: string | null;
  population: number;
  /** inquiries per day the counter can take */
  counterCapacity: number;
  contactPhone: string | null;
}

export interface MunicipalityChanges {
  counterCapacity?: number;
  contactPhone?: string;
}

export interface User {
  id: number;
  username: string;
  role: Role;
  municipalityCode: string | null;
  disabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  municipalityCode?: string;
}

export interface UserChanges {
  password?: string;
  role?: Role;
  municipalityCode?: string;
  disabled?: boolean;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorName: string | null;
  actorRole: Role | null;
  action: string;
  target: string | null;
  success: boolean;
  /** JSON text */
  detail: string | null;
  clientAddress: string | null;
}

export interface AuditFilters {
  /** action prefix, e.g. `auth.` or `user.create` */
  action?: string;
  actor?: string;
  target?: string;
  /** ISO 8601, inclusive */
  from?: string;
  /** ISO 8601, exclusive */
  to?: string;
  success?: boolean;
}

export interface AuditPage {
  items: AuditEntry[];
  nextCursor: number | null;
}
