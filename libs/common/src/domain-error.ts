import type { FieldError } from '@wavedesk/contracts';

/**
 * An error the domain raises on purpose. `status` is the HTTP status the one exception filter answers
 * with; `code` is stable for clients; `message` is a Japanese sentence for people.
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors?: FieldError[],
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const badRequest = (code: string, message: string, errors?: FieldError[]): DomainError =>
  new DomainError(400, code, message, errors);
export const notFound = (code: string, message: string): DomainError => new DomainError(404, code, message);
export const forbidden = (message = 'この操作を行う権限がありません。'): DomainError =>
  new DomainError(403, 'forbidden', message);
export const conflict = (code: string, message: string, details?: Record<string, unknown>): DomainError =>
  new DomainError(409, code, message, undefined, details);
export const serviceUnavailable = (code: string, message: string): DomainError =>
  new DomainError(503, code, message);
