import type { AuthUser } from '@wavedesk/contracts';
import { ApiClient } from './api-client';
import type {
  BatchSummary, DayStaffing, ForecastQuery, ForecastView, InquiryCategoryView, InquiryFilters, InquiryPage, InquiryPivot,
  InquiryRecord, LoadReport, NewInquiry, ResumePreview, WaveView,
} from './inquiry-types';
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

  readonly inquiries = {
    /**
     * Logs one inquiry. `idempotencyKey` (one UUID per entry) makes a resend safe: the API answers the first
     * record again instead of storing a second.
     */
    log: (inquiry: NewInquiry, idempotencyKey: string) =>
      this.http.post<InquiryRecord>('/inquiries', inquiry, { 'idempotency-key': idempotencyKey }),
    /** Newest first; a municipal user gets only their own municipality's. */
    list: (filters: InquiryFilters = {}, cursor?: number | null, limit = 50) =>
      this.http.get<InquiryPage>('/inquiries', { ...filters, cursor, limit }),
    /** CSV (UTF-8 with BOM, or Shift_JIS), or a pivot table of counts by day, municipality or category. Audited. */
    exportCsv: (filters: InquiryFilters = {}, options: { pivot?: InquiryPivot; encoding?: 'shift_jis' } = {}) =>
      this.http.blob('/inquiries.csv', { ...filters, ...options }),
    markHandled: (id: number) => this.http.patch<InquiryRecord>(`/inquiries/${id}/handled`, {}),
    categories: () => this.http.get<InquiryCategoryView[]>('/inquiry-categories'),
  };

  /** Actual against forecast for a JST day (default today), per municipality and in total, by hour. */
  readonly load = (date?: string) => this.http.get<LoadReport>('/load', { date });

  readonly forecast = (query: ForecastQuery = {}) => this.http.get<ForecastView>('/forecast', { ...query });

  /** Operators needed per 30 minutes (supervisors and admins). */
  readonly staffing = (date?: string) => this.http.get<DayStaffing>('/staffing', { date });

  readonly waves = {
    /** The batches (発送回) and each one's waves, for the dashboard's time line (supervisors and admins). */
    batches: () => this.http.get<BatchSummary[]>('/batches'),
    forBatch: (batchId: number) => this.http.get<WaveView[]>(`/batches/${batchId}/waves`),
    hold: (id: string, reason: string) => this.http.post<WaveView>(`/waves/${encodeURIComponent(id)}/hold`, { reason }),
    /** Without `confirm` the API only previews the new dates; with `confirm: true` it re-matches and resumes. */
    resume: (id: string, reason: string, confirm = false) =>
      this.http.post<ResumePreview>(`/waves/${encodeURIComponent(id)}/resume`, { reason, ...(confirm ? { confirm: true } : {}) }),
    /** The printed piece's proof (PDF) for a wave. */
    proof: (id: string) => this.http.blob(`/waves/${encodeURIComponent(id)}/proof.pdf`),
  };
}
