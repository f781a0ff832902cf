import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AuthUser, ImportView } from '@wavedesk/contracts';
import { badRequest, ClientAddress, CurrentUser, notFound, Roles } from '@wavedesk/common';
import { IMPORT_KINDS, type ImportKind } from '../kinds/import-kind';
import type { RawImportOptions } from './import-options';
import { ImportRegistry } from './import-registry.service';
import { ImportsService } from './imports.service';
import { QueueAvailableGuard } from './queue-available.guard';
import { UploadErrorsInterceptor } from './upload-errors.interceptor';
import type { HashedUpload } from './upload-storage';

const kindOf = (raw: string): ImportKind => {
  if (!(IMPORT_KINDS as readonly string[]).includes(raw)) {
    throw notFound('unknown_import_kind', `取込の種類「${raw}」はありません。insured、card-holders、application-ids のいずれかです。`);
  }
  return raw as ImportKind;
};

/** Options come as query parameters or as multipart fields next to the file; both may not disagree. */
function options(query: Record<string, unknown>, body: Record<string, unknown> | undefined): RawImportOptions {
  const out: Record<string, unknown> = {};
  for (const source of [query, body ?? {}]) {
    for (const [key, value] of Object.entries(source)) {
      if (!['encoding', 'validOnly', 'asOf'].includes(key)) {
        throw badRequest('validation_failed', '取込の指定に誤りがあります。', [{ field: key, code: 'whitelistValidation', message: `${key} は受け付けない項目です。` }]);
      }
      out[key] = value;
    }
  }
  return out;
}

/**
 * Imports (admin): the insured list, card-holder lists and the J-LIS 申請書ID file, uploaded as one CSV
 * in the multipart field `file`, then read, checked and stored by the worker.
 */
@ApiTags('imports')
@ApiBearerAuth()
@Roles('admin')
@Controller('imports')
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    private readonly registry: ImportRegistry,
  ) {}

  /**
   * `POST /api/imports/insured`, `/card-holders?asOf=YYYY-MM-DD`, `/application-ids`: 202 `{ id }`.
   * Options: `encoding=auto|utf-8|shift_jis`, `validOnly=true` (store only the valid rows of a file with
   * errors). 409 when the same file was imported before, 413 over UPLOAD_LIMIT, 503 without Redis.
   */
  @Post(':kind')
  @HttpCode(202)
  @UseGuards(QueueAvailableGuard)
  @UseInterceptors(UploadErrorsInterceptor, FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' }, encoding: { type: 'string', enum: ['auto', 'utf-8', 'shift_jis'] }, validOnly: { type: 'boolean' }, asOf: { type: 'string', example: '2027-01-10' } } } })
  @ApiQuery({ name: 'asOf', required: false, description: 'card-holders: the day the list is valid for' })
  upload(
    @Param('kind') kind: string,
    @UploadedFile() file: (Express.Multer.File & HashedUpload) | undefined,
    @Query() query: Record<string, unknown>,
    @Body() body: Record<string, unknown> | undefined,
    @CurrentUser() actor: AuthUser,
    @ClientAddress() ip: string,
  ): Promise<{ id: number; status: 'queued' }> {
    return this.imports.accept(kindOf(kind), file, options(query, body), actor, ip);
  }

  /** Newest first; `?kind=insured|card-holders|application-ids`, `?limit=` (≤ 500). */
  @Get()
  list(@Query('kind') kind?: string, @Query('limit') limit?: string): Promise<ImportView[]> {
    return this.registry.list({ kind: kind ? kindOf(kind) : undefined, limit: limit ? Number(limit) || undefined : undefined });
  }

  /** Status, rows read and stored, progress, and errors `[{ row, column, code, message }]` (Japanese). */
  @Get(':id')
  get(@Param('id', ParseIntPipe) id: number): Promise<ImportView> {
    return this.registry.view(id);
  }
}
