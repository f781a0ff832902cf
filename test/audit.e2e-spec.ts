import { setTimeout as sleep } from 'node:timers/promises';
import { bearer, TestApp, type TestUser } from './support/test-app';

jest.setTimeout(30_000);

interface Entry {
  id: number;
  at: string;
  actorName: string | null;
  action: string;
  target: string | null;
  success: boolean;
  clientAddress: string | null;
}

const CSV_HEADER = 'ID,日時,利用者,役割,操作,対象,結果,接続元,詳細';

/** The append-only audit log: filters, cursor pages, CSV export, and no way to change it. */
describe('audit log', () => {
  const t = new TestApp();
  let admin: string;
  let operator: TestUser;
  let between: { from: string; to: string };
  beforeAll(async () => {
    await t.start();
    admin = await t.login();
    operator = await t.createUser('operator');
    await sleep(20);
    const from = new Date().toISOString();
    await t.http().post('/api/auth/login').send({ username: operator.username, password: 'wrong-password' }).expect(401);
    await t.http().patch('/api/municipalities/012025').set(bearer(admin)).send({ counterCapacity: 33 }).expect(200);
    await sleep(20);
    between = { from, to: new Date().toISOString() };
    await t.http().patch('/api/municipalities/011002').set(bearer(admin)).send({ counterCapacity: 44 }).expect(200);
  }, 60_000);
  afterAll(() => t.close());

  const list = async (query: Record<string, string | number> = {}): Promise<{ items: Entry[]; nextCursor: number | null }> =>
    (await t.http().get('/api/audit').query(query).set(bearer(admin)).expect(200)).body;

  it('lists the newest first, with who, what, target, result and client address', async () => {
    const { items } = await list();
    expect(items.map((e) => e.id)).toEqual([...items.map((e) => e.id)].sort((a, b) => b - a));
    expect(items[0]).toMatchObject({ actorName: 'admin', action: 'municipality.update', target: 'municipality:011002', success: true });
    expect(items[0].clientAddress).toMatch(/127\.0\.0\.1|::1/);
    expect(items.map((e) => e.action)).toEqual(expect.arrayContaining(['user.create', 'auth.login', 'auth.login_failed']));
  });

  it('filters by action prefix', async () => {
    const { items } = await list({ action: 'municipality.' });
    expect(items.map((e) => e.target)).toEqual(['municipality:011002', 'municipality:012025']);
    const logins = await list({ action: 'auth.login' });
    expect(new Set(logins.items.map((e) => e.action))).toEqual(new Set(['auth.login', 'auth.login_failed']));
    expect((await list({ action: 'auth.login_failed' })).items.every((e) => e.action === 'auth.login_failed')).toBe(true);
  });

  it('treats % and _ in the action filter as plain characters', async () => {
    expect((await list({ action: '%' })).items).toEqual([]);
    expect((await list({ action: 'auth_login' })).items).toEqual([]);
  });

  it('filters by actor and by result', async () => {
    const mine = await list({ actor: operator.username });
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((e) => e.actorName === operator.username)).toBe(true);
    const failed = await list({ success: 'false' });
    expect(failed.items.map((e) => e.action)).toEqual(['auth.login_failed']);
  });

  it('filters by time: from inclusive, to exclusive', async () => {
    const { items } = await list(between);
    expect(items.map((e) => e.action)).toEqual(['municipality.update', 'auth.login_failed']);
    expect(items.every((e) => e.at >= between.from && e.at < between.to)).toBe(true);
    expect((await list({ to: between.from, action: 'municipality.' })).items).toEqual([]);
  });

  it('pages with a cursor through every row exactly once', async () => {
    const all = (await list({ limit: 1000 })).items.map((e) => e.id);
    expect(all.length).toBeGreaterThanOrEqual(6);
    const seen: number[] = [];
    let cursor: number | null = null;
    do {
      const page: { items: Entry[]; nextCursor: number | null } = await list({ limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it('exports CSV for Excel: UTF-8 with BOM, Japanese header, the same filters', async () => {
    const res = await t.http().get('/api/audit/export.csv').query({ action: 'municipality.' }).set(bearer(admin)).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('attachment');
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split(/\r?\n/);
    expect(lines[0]).toBe(CSV_HEADER);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('municipality:011002');
    expect(lines[1]).toContain('成功');
  });

  it('defuses spreadsheet formulas in exported cells', async () => {
    await t.http().post('/api/auth/login').send({ username: '=HYPERLINK("http://evil.example","x")', password: 'whatever-password' }).expect(401);
    const res = await t.http().get('/api/audit/export.csv').query({ action: 'auth.login_failed' }).set(bearer(admin)).buffer(true).parse(binary).expect(200);
    const csv = (res.body as Buffer).toString('utf8');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it('has no route to change or delete audit rows', async () => {
    const { items } = await list();
    const id = items[items.length - 1].id;
    for (const method of ['put', 'patch', 'delete'] as const) {
      await t.http()[method](`/api/audit/${id}`).set(bearer(admin)).send({ action: 'nothing' }).expect(404);
      await t.http()[method]('/api/audit').set(bearer(admin)).send({}).expect(404);
    }
    await t.http().post('/api/audit').set(bearer(admin)).send({ action: 'forged' }).expect(404);
    const openApi = (await t.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const auditPaths = Object.entries(openApi.paths).filter(([path]) => path.startsWith('/api/audit'));
    expect(auditPaths.length).toBeGreaterThan(0);
    for (const [, methods] of auditPaths) expect(Object.keys(methods)).toEqual(['get']);
    expect((await list()).items).toEqual(items);
  });
});

/** Collects the raw bytes, so the BOM is seen as sent. */
function binary(res: unknown, done: (err: Error | null, body: Buffer) => void): void {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}
