import type { ErrorBody, FieldError } from '@wavedesk/contracts';

/**
 * An error answer from the API, in its one shape `{ statusCode, code, message, errors? }`. `message` is a
 * Japanese sentence meant for the user; `errors` names the fields that were wrong.
 */
export class ApiError extends Error implements ErrorBody {
  readonly statusCode: number;
  readonly code: string;
  readonly errors?: FieldError[];

  constructor(body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.statusCode = body.statusCode;
    this.code = body.code;
    this.errors = body.errors;
  }

  /** The first message per field, for showing next to each input: `{ password: 'パスワードは8文字以上…' }`. */
  fieldMessages(): Record<string, string> {
    const byField: Record<string, string> = {};
    for (const e of this.errors ?? []) byField[e.field] ??= e.message;
    return byField;
  }

  /** Any thrown value as an ApiError, so that pages show one kind of message (network failures included). */
  static from(error: unknown): ApiError {
    if (error instanceof ApiError) return error;
    return new ApiError({
      statusCode: 0,
      code: 'network_error',
      message: 'サーバーに接続できませんでした。ネットワークを確認して、もう一度お試しください。',
    });
  }
}
