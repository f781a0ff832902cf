import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ALL_QUEUES } from '@wavedesk/contracts';
import { AuthService, bearerToken } from '@wavedesk/auth';
import { QueueProducer } from '@wavedesk/queues';

export const BULL_BOARD_PATH = '/admin/queues';
const COOKIE = 'wavedesk_board';

function cookie(req: Request, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

/**
 * Bull Board for admins at /admin/queues. A browser opens it with `?token=<accessToken>` once (the web app's
 * link does this); the token is then kept in an http-only cookie for that path only.
 */
export function mountBullBoard(app: INestApplication): void {
  const producer = app.get(QueueProducer);
  const auth = app.get(AuthService);
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(BULL_BOARD_PATH);
  createBullBoard({
    queues: ALL_QUEUES.map((name) => new BullAdapter(producer.queue(name))),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'wavedesk キュー' } },
  });
  const guard = async (req: Request, res: Response, next: NextFunction) => {
    const fromQuery = typeof req.query.token === 'string' ? req.query.token : null;
    const token = bearerToken(req.headers.authorization) ?? fromQuery ?? cookie(req, COOKIE);
    const user = token ? await auth.verify(token) : null;
    if (!user) return res.status(401).json({ statusCode: 401, code: 'unauthorized', message: 'ログインが必要です。' });
    if (user.role !== 'admin') return res.status(403).json({ statusCode: 403, code: 'forbidden', message: 'キューの管理画面は管理者のみ利用できます。' });
    if (fromQuery) res.setHeader('Set-Cookie', `${COOKIE}=${encodeURIComponent(fromQuery)}; Path=${BULL_BOARD_PATH}; HttpOnly; SameSite=Strict`);
    next();
  };
  app.use(BULL_BOARD_PATH, guard, serverAdapter.getRouter());
}
