import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { ErrorBody } from '@wavedesk/contracts';
import { DomainError } from './domain-error';

const STATUS_TEXT: Record<number, { code: string; message: string }> = {
  400: { code: 'bad_request', message: 'リクエストの内容が正しくありません。' },
  401: { code: 'unauthorized', message: 'ログインが必要です。もう一度ログインしてください。' },
  403: { code: 'forbidden', message: 'この操作を行う権限がありません。' },
  404: { code: 'not_found', message: '指定されたものが見つかりません。' },
  409: { code: 'conflict', message: '現在の状態ではこの操作はできません。' },
  413: { code: 'payload_too_large', message: '送信されたデータが大きすぎます。' },
  415: { code: 'unsupported_media_type', message: 'この形式・文字コードのデータには対応していません。UTF-8 の JSON で送信してください。' },
  429: { code: 'too_many_requests', message: 'リクエストが多すぎます。しばらく待ってから再度お試しください。' },
  503: { code: 'service_unavailable', message: '一時的に利用できません。' },
};

/** Maps every error to one JSON shape: `{ statusCode, code, message, errors? }`. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500 && !(exception instanceof DomainError)) {
      // Log the error's class and message only: request bodies may carry personal data.
      const e = exception as Error;
      this.logger.error(`${e?.name ?? 'Error'}: ${e?.message ?? String(exception)}`, e?.stack);
    }
    if (response.headersSent) return;
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      return {
        statusCode: exception.status,
        code: exception.code,
        message: exception.message,
        ...(exception.errors ? { errors: exception.errors } : {}),
        ...(exception.details ?? {}),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const known = STATUS_TEXT[status] ?? { code: 'error', message: 'エラーが発生しました。' };
      return { statusCode: status, code: known.code, message: known.message };
    }
    return { statusCode: 500, code: 'internal_error', message: 'サーバー内部でエラーが発生しました。' };
  }
}

export { STATUS_TEXT };
