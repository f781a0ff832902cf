import type { ErrorBody } from '@wavedesk/contracts';
import { ApiError } from './api-error';

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface ApiClientOptions {
  /** The signed-in user's access token, or null before sign-in. */
  getToken: () => string | null;
  /** Called when the API refuses a token we sent (expired, revoked, user disabled): the session is over. */
  onUnauthorized?: (error: ApiError) => void;
}

const BASE = '/api';

/** `?a=1&b=x`, leaving out empty values. */
export function toSearch(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * The one way the web app talks HTTP to the API: base `/api`, JSON in and out, the bearer token on every
 * call, and every error answer thrown as an {@link ApiError}.
 */
export class ApiClient {
  constructor(private readonly options: ApiClientOptions) {}

  get<T>(path: string, query?: Query): Promise<T> {
    return this.json<T>('GET', path + toSearch(query));
  }

  /** `headers` adds request headers, e.g. `{ 'idempotency-key': key }` for a request that may be resent. */
  post<T>(path: string, body: unknown, headers?: Record<string, string>): Promise<T> {
    return this.json<T>('POST', path, body, headers);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.json<T>('PATCH', path, body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.json<T>('PUT', path, body);
  }

  delete<T>(path: string): Promise<T> {
    return this.json<T>('DELETE', path);
  }

  /** A file answer (CSV export and the like), fetched with the token so that it can be saved. */
  async blob(path: string, query?: Query): Promise<Blob> {
    const response = await this.send('GET', path + toSearch(query));
    return response.blob();
  }

  private async json<T>(method: string, path: string, body?: unknown, extraHeaders?: Record<string, string>): Promise<T> {
    const response = await this.send(method, path, body, extraHeaders);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  private async send(method: string, path: string, body?: unknown, extraHeaders?: Record<string, string>): Promise<Response> {
    const token = this.options.getToken();
    const headers: Record<string, string> = { ...extraHeaders, accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(BASE + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (error) {
      throw ApiError.from(error);
    }
    if (response.ok) return response;
    const error = new ApiError(await errorBody(response));
    if (response.status === 401 && token) this.options.onUnauthorized?.(error);
    throw error;
  }
}

async function errorBody(response: Response): Promise<ErrorBody> {
  try {
    const body = (await response.json()) as Partial<ErrorBody>;
    if (typeof body.message === 'string' && typeof body.code === 'string') {
      return { statusCode: body.statusCode ?? response.status, code: body.code, message: body.message, errors: body.errors };
    }
  } catch {
    // not JSON: a proxy or the network answered
  }
  return { statusCode: response.status, code: 'http_error', message: `サーバーがエラーを返しました（${response.status}）。しばらくしてから再度お試しください。` };
}
