import { BadRequestException, type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor, PayloadTooLargeException } from '@nestjs/common';
import { catchError, type Observable, throwError } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '@wavedesk/config';
import { DomainError } from '@wavedesk/common';

const size = (bytes: number): string =>
  bytes >= 1024 ** 3 ? `${+(bytes / 1024 ** 3).toFixed(1)} GB` : bytes >= 1024 ** 2 ? `${+(bytes / 1024 ** 2).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;

/** multer's errors (too large, wrong field) in the API's own shape, with Japanese sentences that say what to do. */
@Injectable()
export class UploadErrorsInterceptor implements NestInterceptor {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (error instanceof PayloadTooLargeException) {
          return throwError(
            () =>
              new DomainError(
                413,
                'file_too_large',
                `ファイルが大きすぎます（上限 ${size(this.config.uploadLimitBytes)}）。何も取り込んでいません。` +
                  'これより大きいファイルはサーバー上で CLI（npm run cli -- import …）で取り込んでください。',
              ),
          );
        }
        if (error instanceof BadRequestException) {
          return throwError(
            () => new DomainError(400, 'invalid_upload', 'ファイルの送り方が正しくありません。CSV ファイル1つをフォーム項目「file」で送ってください。'),
          );
        }
        return throwError(() => error);
      }),
    );
  }
}
