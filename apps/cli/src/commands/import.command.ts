import type { INestApplicationContext } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename, resolve } from 'node:path';
import { DomainError } from '@wavedesk/common';
import { formatCount, IMPORT_KINDS, ImportRegistry, ImportRunner, type CsvEncoding, type ImportKind } from '@wavedesk/imports';
import { assertKnown, option, UsageError, type Args, type Output } from './args';

export const IMPORT_USAGE = 'import <insured|card-holders|application-ids> <file> [--encoding auto|utf-8|shift_jis] [--as-of YYYY-MM-DD] [--valid-only]';

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The user the CLI runs as, for the imports table and the audit log. */
export const cliActor = (): { id: null; username: string; role: null } => ({ id: null, username: `cli:${userInfo().username}`.slice(0, 64), role: null });

/**
 * Imports a file straight into the database (DATABASE_URL or SQLite), the same way the worker does, with
 * a progress line. Exit code 0 when stored, 1 when refused.
 */
export async function importCommand(app: INestApplicationContext, args: Args, out: Output): Promise<number> {
  assertKnown(args, ['encoding', 'as-of', 'valid-only']);
  const [kindArg, fileArg] = args.positional;
  if (!kindArg || !fileArg) throw new UsageError(`使い方: ${IMPORT_USAGE}`);
  if (!(IMPORT_KINDS as readonly string[]).includes(kindArg)) throw new UsageError(`取込の種類「${kindArg}」はありません（insured、card-holders、application-ids）。`);
  const kind = kindArg as ImportKind;
  const path = resolve(fileArg);
  if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`ファイル ${path} がありません。`);
  const encoding = (option(args, 'encoding') ?? 'auto') as CsvEncoding;
  if (!['auto', 'utf-8', 'shift_jis'].includes(encoding)) throw new UsageError('--encoding は auto、utf-8、shift_jis のいずれかです。');
  const asOf = option(args, 'as-of') ?? null;
  if (kind === 'card-holders' && !asOf) throw new UsageError('カード取得者一覧には --as-of YYYY-MM-DD（いつ時点の一覧か）を指定してください。');
  if (kind !== 'card-holders' && asOf) throw new UsageError('--as-of はカード取得者一覧にだけ指定できます。');
  if (asOf && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new UsageError('--as-of は YYYY-MM-DD で指定してください。');

  const registry = app.get(ImportRegistry);
  const runner = app.get(ImportRunner);
  const size = statSync(path).size;
  out.progress(`${basename(path)}（${formatCount(size)} バイト）のハッシュを計算中…`);
  let record;
  try {
    record = await registry.register(kind, { fileName: basename(path), sizeBytes: size, sha256: await sha256(path) }, { encoding, validOnly: args.options.has('valid-only'), asOf }, cliActor());
  } catch (error) {
    if (error instanceof DomainError) {
      out.line(error.message);
      return 1;
    }
    throw error;
  }
  const started = Date.now();
  const done = await runner.run(record.id, path, {
    onProgress: (e) => out.progress(`取込ID ${e.id}: ${e.progress}%  ${formatCount(e.rowsRead)} 行読込  ${formatCount(e.rowsStored)} 行書込  エラー ${formatCount(e.errorCount)} 件`),
  });
  const seconds = (Date.now() - started) / 1000;
  out.line(`取込ID ${done.id}: ${done.message ?? done.status}（${formatCount(done.rowsRead)} 行、${seconds.toFixed(1)} 秒、${formatCount(Math.round(done.rowsRead / Math.max(seconds, 0.001)))} 行/秒、文字コード ${done.detectedEncoding ?? '不明'}）`);
  if (done.status !== 'stored' || done.errorCount > 0) {
    const view = await registry.view(done.id);
    for (const e of view.errors!.slice(0, 20)) out.line(`  ${e.row ?? '-'}行目 ${e.column ?? ''} [${e.code}] ${e.message}`);
    if (done.errorCount > 20) out.line(`  …ほか ${formatCount(done.errorCount - 20)} 件（GET /api/imports/${done.id} で1,000件まで確認できます）`);
  }
  return done.status === 'stored' ? 0 : 1;
}
