import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { ApiClient } from './api-client';
import { ApiError } from './api-error';

type FetchArgs = [string, RequestInit];
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('ApiClient', () => {
  const realFetch = globalThis.fetch;
  let fetchMock: jest.Mock<(...args: FetchArgs) => Promise<Response>>;
  beforeEach(() => {
    fetchMock = jest.fn<(...args: FetchArgs) => Promise<Response>>();
    globalThis.fetch = fetchMock as unknown as typeof fetch;
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('calls /api with the bearer token and leaves empty query values out', async () => {
    fetchMock.mockResolvedValue(json(200, { items: [], nextCursor: null }));
    const client = new ApiClient({ getToken: () => 'tok' });
    await client.get('/audit', { action: 'auth.', actor: '', cursor: undefined, limit: 100 });
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/api/audit?action=auth.&limit=100');
    expect((init.headers as Record<string, string>).authorization).toBe('Bearer tok');
  });

  it('throws the API error shape with per-field messages', async () => {
    fetchMock.mockResolvedValue(
      json(400, { statusCode: 400, code: 'validation_failed', message: '入力内容に誤りがあります。', errors: [{ field: 'password', code: 'minLength', message: 'パスワードは8文字以上で入力してください。' }] }),
    );
    const error = await new ApiClient({ getToken: () => 'tok' }).post('/users', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ statusCode: 400, code: 'validation_failed', message: '入力内容に誤りがあります。' });
    expect((error as ApiError).fieldMessages()).toEqual({ password: 'パスワードは8文字以上で入力してください。' });
  });

  it('ends the session on a 401 only when a token was sent (a wrong password is not a lost session)', async () => {
    const onUnauthorized = jest.fn();
    fetchMock.mockImplementation(async () => json(401, { statusCode: 401, code: 'invalid_credentials', message: 'ユーザー名またはパスワードが正しくありません。' }));
    await expect(new ApiClient({ getToken: () => null, onUnauthorized }).post('/auth/login', {})).rejects.toThrow('ユーザー名またはパスワードが正しくありません。');
    expect(onUnauthorized).not.toHaveBeenCalled();
    await expect(new ApiClient({ getToken: () => 'old', onUnauthorized }).get('/users')).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('explains a network failure or a non-JSON answer in Japanese', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('fetch failed'));
    await expect(new ApiClient({ getToken: () => null }).get('/health')).rejects.toMatchObject({ code: 'network_error', message: expect.stringContaining('サーバーに接続できませんでした') });
    fetchMock.mockResolvedValueOnce(new Response('<html>Bad Gateway</html>', { status: 502 }));
    await expect(new ApiClient({ getToken: () => null }).get('/health')).rejects.toMatchObject({ statusCode: 502, message: expect.stringContaining('502') });
  });
});
