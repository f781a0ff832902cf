import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from 'nestjs-pino';
import { createValidationPipe, STATUS_TEXT } from '@wavedesk/common';
import { APP_CONFIG, type AppConfig } from '@wavedesk/config';
import { AppModule } from './app.module';
import { mountBullBoard } from './bull-board';
import { RedisIoAdapter } from './live/redis-io.adapter';

/** Body-parser errors (malformed JSON, too large) answered in the API's own error shape. */
function bodyErrors(err: { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction): void {
  if (err?.type === 'entity.parse.failed') {
    res.status(400).json({ statusCode: 400, code: 'malformed_json', message: 'JSON の形式が正しくありません。' });
  } else if (err?.type === 'entity.too.large' || err?.status === 413) {
    res.status(413).json({ statusCode: 413, ...STATUS_TEXT[413] });
  } else next(err);
}

/**
 * Builds the API exactly as `npm start` runs it (tests boot the same thing): JSON limits, validation,
 * errors, OpenAPI at /api/docs, socket.io with the Redis adapter, Bull Board, and the built web app.
 */
export async function createApiApp(): Promise<NestExpressApplication> {
  // abortOnError false: a failed start (database unreachable, pending migrations) rejects with its reason,
  // which main.ts prints as one sentence; otherwise Nest calls process.exit from inside create(), skipping
  // main.ts (and ending any test runner that embeds the app).
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false, bufferLogs: true, abortOnError: false });
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger(app.get(Logger));
  app.set('trust proxy', 'loopback');
  app.use(express.json({ limit: config.bodyLimitBytes }), bodyErrors);
  app.use(express.urlencoded({ extended: false, limit: config.bodyLimitBytes }), bodyErrors);
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const adapter = new RedisIoAdapter(app, config.redisUrl, config.queuePrefix);
  await adapter.connectToRedis();
  app.useWebSocketAdapter(adapter);

  const openApi = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('wavedesk API').setDescription('分散発送と問い合わせ窓口').setVersion('0.1.0').addBearerAuth().build(),
  );
  SwaggerModule.setup('api/docs', app, openApi);

  mountBullBoard(app);
  serveWebApp(app, config.webDist);
  return app;
}

/** The built React app (dist/web) on the same port; unknown non-API paths fall back to index.html. */
function serveWebApp(app: INestApplication, webDist: string): void {
  const index = join(webDist, 'index.html');
  const http = app.getHttpAdapter().getInstance() as express.Express;
  http.use(express.static(webDist, { index: false, maxAge: '1h' }));
  http.get(/^\/(?!api\/|api$|admin\/queues|socket\.io).*/, (_req: Request, res: Response) => {
    if (existsSync(index)) res.sendFile(index);
    else res.status(404).type('text/plain; charset=utf-8').send('Web アプリがビルドされていません。npm run build を実行してください。');
  });
}
