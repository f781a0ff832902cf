import type { ErrorBody } from '@wavedesk/contracts';
import type { ApiClient } from './api-client';
import { ApiError } from './api-error';
import type { ForecastQuery, ForecastView } from './inquiry-types';
import type {
  Batch, BatchMatchView, Campaign, CampaignDetail, ImportRequest, ImportView, MailingWave, MatchReview, NewBatch, PlanRequest,
  PlanView, ResumeAnswer, SplitRequest, WhatIfInput, WhatIfResult,
} from './mailing-types';

const wave = (id: number) => `/waves/${encodeURIComponent(String(id))}`;

export interface UploadOptions {
  /** bytes sent so far, while the file is uploading */
  onUploadProgress?: (sent: number, total: number) => void;
}

/**
 * 発送's routes as typed methods: campaigns and batches, imports, matching and reviews, wave planning and
 * the wave actions, and the what-if. JSON calls go through the shared {@link ApiClient} (token, errors as
 * ApiError, 401 ends the session); the multipart upload is sent here with the same token.
 */
export class MailingApi {
  constructor(
    private readonly http: ApiClient,
    private readonly getToken: () => string | null,
    private readonly onUnauthorized?: (error: ApiError) => void,
  ) {}

  readonly campaigns = {
    list: () => this.http.get<Campaign[]>('/campaigns'),
    get: (id: number) => this.http.get<CampaignDetail>(`/campaigns/${id}`),
    create: (name: string) => this.http.post<Campaign>('/campaigns', { name }),
    createBatch: (campaignId: number, batch: NewBatch) => this.http.post<Batch>(`/campaigns/${campaignId}/batches`, batch),
  };

  readonly batches = {
    list: () => this.http.get<Batch[]>('/batches'),
    get: (id: number) => this.http.get<Batch>(`/batches/${id}`),
  };

  readonly imports = {
    list: (limit = 20) => this.http.get<ImportView[]>('/imports', { limit }),
    get: (id: number) => this.http.get<ImportView>(`/imports/${id}`),
    /** 202 `{ id }`; the worker reads the file (progress live as `import:progress`). */
    upload: (request: ImportRequest, options: UploadOptions = {}) => this.upload(request, options),
  };

  readonly matching = {
    /** 202 `{ runId }`; the worker matches (progress live as `match:progress`). */
    run: (batchId: number) => this.http.post<{ runId: number; status: string }>(`/batches/${batchId}/match`, {}),
    view: (batchId: number) => this.http.get<BatchMatchView>(`/batches/${batchId}/match`),
    csv: (batchId: number) => this.http.blob(`/batches/${batchId}/match.csv`),
    reviews: (batchId: number, status?: MatchReview['status']) => this.http.get<MatchReview[]>(`/batches/${batchId}/reviews`, { status }),
    decide: (reviewId: number, decision: 'exclude' | 'keep') => this.http.post<MatchReview>(`/reviews/${reviewId}`, { decision }),
  };

  readonly waves = {
    plan: (batchId: number, request: PlanRequest) => this.http.post<PlanView>(`/batches/${batchId}/plan`, request),
    /** The stored plan's evaluation (409 `batch_not_matched` before matching). */
    currentPlan: (batchId: number, operators?: number) => this.http.get<PlanView>(`/batches/${batchId}/plan`, { operators }),
    list: (batchId: number) => this.http.get<MailingWave[]>(`/batches/${batchId}/waves`),
    move: (id: number, mailDate: string, reason?: string) => this.http.patch<PlanView>(wave(id), { mailDate, ...(reason ? { reason } : {}) }),
    merge: (waveIds: number[], mailDate?: string) => this.http.post<PlanView>('/waves/merge', { waveIds, ...(mailDate ? { mailDate } : {}) }),
    split: (id: number, part: SplitRequest) => this.http.post<PlanView>(`${wave(id)}/split`, part),
    approve: (id: number, reason?: string) => this.http.post<MailingWave>(`${wave(id)}/approve`, reason ? { reason } : {}),
    release: (id: number, reason?: string) => this.http.post<MailingWave>(`${wave(id)}/release`, reason ? { reason } : {}),
    hold: (id: number, reason: string) => this.http.post<MailingWave>(`${wave(id)}/hold`, { reason }),
    /** Without `confirm` only the preview of the new dates; with it, re-match, resume and move. */
    resume: (id: number, reason: string, confirm: boolean, mailDate?: string) =>
      this.http.post<ResumeAnswer>(`${wave(id)}/resume`, { reason, ...(confirm ? { confirm: true } : {}), ...(mailDate ? { mailDate } : {}) }),
    cancel: (id: number, reason: string) => this.http.post<MailingWave>(`${wave(id)}/cancel`, { reason }),
    proof: (id: number) => this.http.blob(`${wave(id)}/proof.pdf`),
  };

  readonly forecast = {
    get: (query: ForecastQuery) => this.http.get<ForecastView>('/forecast', { ...query }),
    whatIf: (input: WhatIfInput) => this.http.post<WhatIfResult>('/forecast/what-if', input),
  };

  /** Multipart upload with XMLHttpRequest, so the page can show how much of a large file has been sent. */
  private upload(request: ImportRequest, options: UploadOptions): Promise<{ id: number; status: string }> {
    const form = new FormData();
    form.append('encoding', request.encoding);
    if (request.validOnly) form.append('validOnly', 'true');
    if (request.asOf) form.append('asOf', request.asOf);
    form.append('file', request.file, request.file.name);
    const token = this.getToken();
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `/api/imports/${request.kind}`);
      xhr.setRequestHeader('accept', 'application/json');
      if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
      xhr.upload.onprogress = (event) => options.onUploadProgress?.(event.loaded, event.lengthComputable ? event.total : request.file.size);
      xhr.onerror = () => reject(ApiError.from(new Error('network')));
      xhr.onload = () => {
        const body = parseJson(xhr.responseText);
        if (xhr.status >= 200 && xhr.status < 300) {
          resolve(body as { id: number; status: string });
          return;
        }
        const error = new ApiError(errorBody(xhr.status, body));
        if (xhr.status === 401 && token) this.onUnauthorized?.(error);
        reject(error);
      };
      xhr.send(form);
    });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function errorBody(status: number, body: unknown): ErrorBody {
  const b = (body ?? {}) as Partial<ErrorBody>;
  if (typeof b.message === 'string' && typeof b.code === 'string') {
    return { statusCode: b.statusCode ?? status, code: b.code, message: b.message, errors: b.errors };
  }
  return { statusCode: status, code: 'http_error', message: `サーバーがエラーを返しました（${status}）。しばらくしてから再度お試しください。` };
}
