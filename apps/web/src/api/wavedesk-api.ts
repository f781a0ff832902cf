import type { AuthUser } from '@wavedesk/contracts';
import { ApiClient } from './api-client';
import type {
  AuditFilters, AuditPage, Health, LoginResponse, Municipality, MunicipalityChanges, NewUser, User, UserChanges,
} from './types';

/** The API's routes as typed methods. Pages get one through `useApi()` (src/auth), already holding the token. */
export class WavedeskApi {
  constructor(readonly http: ApiClient) {}

  readonly auth = {
    login: (username: string, password: string) => this.http.post<LoginResponse>('/auth/login', { username, password }),
    me: () => this.http.get<AuthUser>('/auth/me'),
  };

  readonly health = () => this.http.get<Health>('/health');

  readonly municipalities = {
    /** All 179 for union roles; a municipal user gets only their own. */
    list: () => this.http.get<Municipality[]>('/municipalities'),
    update: (code: string, changes: MunicipalityChanges) => this.http.patch<Municipality>(`/municipalities/${code}`, changes),
  };

  readonly users = {
    list: () => this.http.get<User[]>('/users'),
    create: (user: NewUser) => this.http.post<User>('/users', user),
    update: (id: number, changes: UserChanges) => this.http.patch<User>(`/users/${id}`, changes),
  };

  readonly audit = {
    list: (filters: AuditFilters, cursor?: number | null, limit = 100) =>
      this.http.get<AuditPage>('/audit', { ...filters, cursor, limit }),
    exportCsv: (filters: AuditFilters) => this.http.blob('/audit/export.csv', { ...filters }),
  };
}
