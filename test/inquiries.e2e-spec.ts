import iconv from 'iconv-lite';
import { createConnection, type Connection } from 'mysql2/promise';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type request from 'supertest';
import { LIVE_EVENTS, type InquiryRecord, type LoadUpdate } from '@wavedesk/contracts';
import { bearer, TestApp, type TestUser } from './support/test-app';

jest.setTimeout(60_000);

const SAPPORO = '011002';
const HAKODATE = '012025';
const OTARU = '012033';

const call = (overrides: Record<string, unknown> = {}) => ({
  municipalityCode: SAPPORO, channel: 'phone', category: 'how_to_apply', callerType: 'self', outcome: 'resolved', ...overrides,
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const waitFor = async (check: () => boolean, ms = 5_000): Promise<void> => {
  const until = Date.now() + ms;
  while (!check() && Date.now() < until) await sleep(10);
  expect(check()).toBe(true);
};

/** A live dashboard: a real socket.io client on `/live`, signed in with a token, recording what it receives. */
class LiveClient {
  readonly inquiries: InquiryRecord[] = [];
  /** Each `inquiries:logged` message: when it came and how many records it carried. */
  readonly batches: Array<{ at: number; size: number }> = [];
  /** How many single `inquiry:logged` messages came. */
  singles = 0;
  readonly handled: InquiryRecord[] = [];
  readonly loads: Array<{ at: number; update: LoadUpdate }> = [];
  private socket!: Socket;

  /** `batch: true` asks for inquiries in batches, as the web app does; without it, one `inquiry:logged` each (DESIGN.md). */
  static async connect(url: string, token: string, options: { batch?: boolean } = {}): Promise<LiveClient> {
    const client = new LiveClient();
    client.socket = io(`${url}/live`, { auth: { token, batch: options.batch === true }, transports: ['websocket'], forceNew: true, reconnection: false });
    client.socket.on(LIVE_EVENTS.inquiryLogged, (record: InquiryRecord) => {
      client.singles += 1;
      client.inquiries.push(record);
    });
    client.socket.on(LIVE_EVENTS.inquiriesLogged, (records: InquiryRecord[]) => {
      client.batches.push({ at: performance.now(), size: records.length });
      client.inquiries.push(...records);
    });
    client.socket.on(LIVE_EVENTS.inquiryHandled, (record: InquiryRecord) => client.handled.push(record));
    client.socket.on(LIVE_EVENTS.loadUpdate, (update: LoadUpdate) => client.loads.push({ at: Date.now(), update }));
    await new Promise<void>((resolve, reject) => {
      client.socket.once(LIVE_EVENTS.hello, () => resolve());
      client.socket.once('connect_error', reject);
    });
    return client;
  }

  async waitForInquiry(id: number, ms = 5_000): Promise<InquiryRecord | undefined> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const found = this.inquiries.find((r) => r.id === id);
      if (found) return found;
      await sleep(10);
    }
    return undefined;
  }

  close(): void {
    this.socket.disconnect();
  }
}

/** The most load:update a client got within any one second, by when the server built them (no network jitter). */
const mostInOneSecond = (client: LiveClient): number => {
  const times = client.loads.map((l) => Date.parse(l.update.generatedAt)).sort((a, b) => a - b);
  return Math.max(0, ...times.map((start) => times.filter((t) => t >= start && t < start + 1_000).length));
};

/** Reads a binary body (CSV) as a Buffer. */
const binary = (req: request.Test) =>
  req.buffer(true).parse((res, callback) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => callback(null, Buffer.concat(chunks)));
  });

describe('inquiries (API on MariaDB and Redis, live over socket.io)', () => {
  const t = new TestApp();
  let db: Connection;
  let admin: string;
  let operator: TestUser;
  let hakodate: TestUser;
  let otaru: TestUser;
  let queuePrefix: string;
  const clients: LiveClient[] = [];

  const rows = async (where = '1=1', params: unknown[] = []): Promise<number> => {
    const [result] = await db.query(`SELECT COUNT(*) AS n FROM inquiries WHERE ${where}`, params);
    return Number((result as Array<{ n: number }>)[0].n);
  };
  const post = (token: string, body: Record<string, unknown>, key?: string) => {
    const req = t.http().post('/api/inquiries').set(bearer(token));
    if (key !== undefined) req.set('Idempotency-Key', key);
    return req.send(body);
  };
  const live = async (token: string, options: { batch?: boolean } = {}) => {
    const client = await LiveClient.connect(t.url, token, options);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    await t.start();
    queuePrefix = process.env.QUEUE_PREFIX!;
    db = await createConnection({ uri: t.database.url, timezone: 'Z' }); // UTC, as the app stores times
    admin = await t.login();
    operator = await t.createUser('operator');
    hakodate = await t.createUser('municipal', HAKODATE);
    otaru = await t.createUser('municipal', OTARU);
  }, 60_000);
  afterAll(async () => {
    for (const client of clients) client.close();
    await db?.end();
    await t.close();
  });

  describe('logging', () => {
    it('stores an inquiry and answers 201 with the stored record; union dashboards get it live, other municipalities do not', async () => {
      const union = await live(admin);
      const ownMunicipality = await live(hakodate.token);
      const otherMunicipality = await live(otaru.token);
      const res = await post(operator.token, call({ municipalityCode: HAKODATE, channel: 'visit', category: 'lost_form', callerType: 'family', outcome: 'callback', durationSeconds: 95, applicationId: '1'.repeat(23), note: '明日また来る' })).expect(201);
      expect(res.body).toMatchObject({
        id: expect.any(Number), municipalityCode: HAKODATE, channel: 'visit', category: 'lost_form', callerType: 'family',
        outcome: 'callback', durationSeconds: 95, applicationId: '1'.repeat(23), note: '明日また来る', waveId: null,
        loggedById: operator.id, handledAt: null,
      });
      expect(res.body).not.toHaveProperty('idempotencyKey');
      // Durable before the answer: the row is there as soon as the 201 is.
      expect(await rows('id = ?', [res.body.id])).toBe(1);

      expect(await union.waitForInquiry(res.body.id)).toEqual(res.body);
      expect(await ownMunicipality.waitForInquiry(res.body.id)).toEqual(res.body);
      await sleep(300);
      expect(otherMunicipality.inquiries.find((r) => r.id === res.body.id)).toBeUndefined();
    });

    it('fills in receivedAt with the time of logging, and takes a past one as given', async () => {
      const before = Date.now();
      const now = await post(operator.token, call()).expect(201);
      expect(Date.parse(now.body.receivedAt)).toBeGreaterThanOrEqual(before - 1_000);
      expect(Date.parse(now.body.receivedAt)).toBeLessThanOrEqual(Date.now() + 1_000);
      const earlier = await post(operator.token, call({ receivedAt: '2026-02-15T10:30:00+09:00' })).expect(201);
      expect(earlier.body.receivedAt).toBe('2026-02-15T01:30:00.000Z');
    });

    it('refuses bad input field by field in Japanese, and stores nothing', async () => {
      const before = await rows();
      const res = await post(operator.token, {
        municipalityCode: '11002', channel: 'fax', category: 'Bad Code', callerType: 'neighbour', outcome: 'done',
        receivedAt: 'yesterday', durationSeconds: -1, applicationId: '12345', note: 42,
      }).expect(400);
      expect(res.body.code).toBe('validation_failed');
      const fields = new Set(res.body.errors.map((e: { field: string }) => e.field));
      expect(fields).toEqual(new Set(['municipalityCode', 'channel', 'category', 'callerType', 'outcome', 'receivedAt', 'durationSeconds', 'applicationId', 'note']));
      for (const e of res.body.errors) expect(e.message).toMatch(/[ぁ-んァ-ン一-龯]/);

      const tooLong = await post(operator.token, call({ note: 'あ'.repeat(1001), durationSeconds: 86_401 })).expect(400);
      expect(tooLong.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['durationSeconds', 'note']);
      expect((await post(operator.token, call({ note: 'あ'.repeat(1000), durationSeconds: 86_400 })).expect(201)).body.note).toHaveLength(1000);

      // Well-formed but unknown: 016951 (色丹村) has a valid check digit but is not a municipality of the union.
      const unknown = await post(operator.token, call({ municipalityCode: '016951', category: 'no_such_category', receivedAt: new Date(Date.now() + 3_600_000).toISOString() })).expect(400);
      expect(unknown.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`).sort()).toEqual([
        'category:unknown_category', 'municipalityCode:unknown_municipality', 'receivedAt:out_of_range',
      ]);
      // A few minutes ahead (a desk PC's clock running fast) is fine.
      await post(operator.token, call({ receivedAt: new Date(Date.now() + 60_000).toISOString() })).expect(201);
      expect(await rows()).toBe(before + 2);
    });

    it('refuses a note carrying a valid 個人番号 without repeating it, and takes a 12-digit number that fails the check digit', async () => {
      const before = await rows();
      const refused = await post(operator.token, call({ note: '番号は1234-5678-9018と言っていた' })).expect(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'note', code: 'noMyNumber' })]);
      expect(refused.body.errors[0].message).toContain('個人番号');
      expect(JSON.stringify(refused.body)).not.toMatch(/9018/);
      expect(await rows()).toBe(before);
      const accepted = await post(operator.token, call({ note: '番号は123456789019と言っていた' })).expect(201);
      expect(accepted.body.note).toBe('番号は123456789019と言っていた');
    });

    it('lets a municipal user log and read only their own municipality (403 otherwise)', async () => {
      const before = await rows();
      await post(hakodate.token, call({ municipalityCode: SAPPORO })).expect(403);
      expect(await rows()).toBe(before);
      const own = await post(hakodate.token, call({ municipalityCode: HAKODATE })).expect(201);
      await t.http().get(`/api/inquiries?municipalityCode=${SAPPORO}`).set(bearer(hakodate.token)).expect(403);
      const list = await t.http().get('/api/inquiries?limit=500').set(bearer(hakodate.token)).expect(200);
      expect(list.body.items.length).toBeGreaterThan(0);
      expect(list.body.items.every((r: InquiryRecord) => r.municipalityCode === HAKODATE)).toBe(true);
      expect(list.body.items[0].id).toBe(own.body.id);
      const load = await t.http().get('/api/load').set(bearer(hakodate.token)).expect(200);
      expect(load.body.municipalities.map((m: { municipalityCode: string }) => m.municipalityCode)).toEqual([HAKODATE]);
      const csv = await binary(t.http().get('/api/inquiries.csv').set(bearer(hakodate.token))).expect(200);
      expect(csv.body.toString('utf8')).not.toContain('札幌市');
    });
  });

  describe('Idempotency-Key', () => {
    it('answers a sequential retry with the first record and stores one row', async () => {
      const key = randomUUID();
      const first = await post(operator.token, call({ note: '再送テスト' }), key).expect(201);
      const retry = await post(operator.token, call({ note: '再送テスト' }), key).expect(200);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(first.body);
      expect(await rows('idempotencyKey = ?', [key])).toBe(1);
    });

    it('stores exactly one row for 10 concurrent requests with the same key', async () => {
      const key = randomUUID();
      const responses = await Promise.all(Array.from({ length: 10 }, () => post(operator.token, call({ category: 'photo' }), key)));
      expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
      expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
      expect(await rows('idempotencyKey = ?', [key])).toBe(1);
    });

    it('answers each of 80 concurrent calls with its own stored record, retries in the same burst included', async () => {
      // A burst is stored in shared multi-row INSERTs (group commit): every 201 must still name its own row.
      const key = randomUUID();
      type Call = ReturnType<typeof call> & { note: string; durationSeconds?: number; receivedAt?: string };
      const distinct = Array.from({ length: 72 }, (_, i) => ({
        body: call({ note: `一斉${i}`, durationSeconds: i, receivedAt: new Date(Date.now() - i * 60_000).toISOString() }) as Call,
        key: i % 3 === 0 ? randomUUID() : undefined,
      }));
      const retries = Array.from({ length: 8 }, () => ({ body: call({ note: '一斉の再送' }) as Call, key }));
      const burst = [...distinct, ...retries].sort(() => Math.random() - 0.5);
      const responses = await Promise.all(burst.map(({ body, key: k }) => post(operator.token, body, k)));

      const retried = responses.filter((_, i) => burst[i].key === key);
      expect(retried.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
      expect(new Set(retried.map((r) => r.body.id)).size).toBe(1);
      const stored = responses.filter((_, i) => burst[i].key !== key);
      expect(stored.every((r) => r.status === 201)).toBe(true);
      expect(new Set(stored.map((r) => r.body.id)).size).toBe(72);
      const ids = responses.map((r) => r.body.id);
      const [found] = await db.query('SELECT id, note, durationSeconds, receivedAt FROM inquiries WHERE id IN (?)', [ids]);
      const byId = new Map((found as Array<{ id: number; note: string; durationSeconds: number; receivedAt: Date }>).map((r) => [r.id, r]));
      responses.forEach((res, i) => {
        const row = byId.get(res.body.id)!;
        expect(row.note).toBe(burst[i].body.note);
        expect(res.body.note).toBe(burst[i].body.note);
        if (burst[i].key !== key) {
          expect(row.durationSeconds).toBe(burst[i].body.durationSeconds);
          expect(row.receivedAt.toISOString()).toBe(burst[i].body.receivedAt);
          expect(res.body.receivedAt).toBe(burst[i].body.receivedAt);
        }
      });
      expect(await rows('note LIKE ?', ['一斉%'])).toBe(73);
    });

    it('refuses the same key with a different body (422), and keeps keys apart per user', async () => {
      const key = randomUUID();
      const first = await post(operator.token, call(), key).expect(201);
      const reused = await post(operator.token, call({ outcome: 'referred' }), key).expect(422);
      expect(reused.body.code).toBe('idempotency_key_reused');
      expect(reused.body.message).toContain('Idempotency-Key');
      const otherUser = await post(admin, call(), key).expect(201);
      expect(otherUser.body.id).not.toBe(first.body.id);
      expect(await rows('idempotencyKey = ?', [key])).toBe(2);
    });

    it('refuses a malformed key', async () => {
      const res = await post(operator.token, call(), 'x'.repeat(129)).expect(400);
      expect(res.body.errors[0].field).toBe('Idempotency-Key');
    });
  });

  describe('categories', () => {
    it('lists the ten seeded categories and lets an admin add one', async () => {
      const list = await t.http().get('/api/inquiry-categories').set(bearer(operator.token)).expect(200);
      expect(list.body.slice(0, 10).map((c: { code: string }) => c.code)).toEqual([
        'how_to_apply', 'lost_form', 'wrong_details', 'already_have_card', 'photo', 'proxy', 'facility', 'insurance_card', 'complaint', 'other',
      ]);
      expect(list.body[0].label).toBe('申請方法');

      await post(operator.token, call({ category: 'not_delivered' })).expect(400);
      await t.http().post('/api/inquiry-categories').set(bearer(operator.token)).send({ code: 'not_delivered', label: '不着' }).expect(403);
      const bad = await t.http().post('/api/inquiry-categories').set(bearer(admin)).send({ code: 'Not-Delivered', label: '' }).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['code', 'label']);
      const created = await t.http().post('/api/inquiry-categories').set(bearer(admin)).send({ code: 'not_delivered', label: '郵便の不着' }).expect(201);
      expect(created.body).toEqual({ code: 'not_delivered', label: '郵便の不着', sortOrder: 11 });
      await t.http().post('/api/inquiry-categories').set(bearer(admin)).send({ code: 'not_delivered', label: '重複' }).expect(409);
      await post(operator.token, call({ category: 'not_delivered' })).expect(201);
    });
  });

  describe('reading', () => {
    it('pages newest first with a cursor and filters', async () => {
      const ids: number[] = [];
      for (let i = 0; i < 3; i++) ids.push((await post(operator.token, call({ municipalityCode: OTARU, category: 'proxy', channel: 'other' })).expect(201)).body.id);
      const page1 = await t.http().get(`/api/inquiries?municipalityCode=${OTARU}&category=proxy&channel=other&limit=2`).set(bearer(admin)).expect(200);
      expect(page1.body.items.map((r: InquiryRecord) => r.id)).toEqual([ids[2], ids[1]]);
      const page2 = await t.http().get(`/api/inquiries?municipalityCode=${OTARU}&category=proxy&channel=other&limit=2&cursor=${page1.body.nextCursor}`).set(bearer(admin)).expect(200);
      expect(page2.body).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
      const byDay = await t.http().get('/api/inquiries?from=2026-02-15&to=2026-02-15&limit=500').set(bearer(admin)).expect(200);
      expect(byDay.body.items.map((r: InquiryRecord) => r.receivedAt)).toEqual(['2026-02-15T01:30:00.000Z']);
      await t.http().get('/api/inquiries?outcome=maybe&from=tomorrow').set(bearer(admin)).expect(400);
    });

    it('reports actual against forecast per municipality and in total, by hour (GET /api/load)', async () => {
      const res = await t.http().get('/api/load').set(bearer(admin)).expect(200);
      expect(res.body.municipalities).toHaveLength(179);
      expect(res.body.total.hours).toHaveLength(24);
      const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
      expect(res.body.date).toBe(today);
      expect(res.body.hour).toBe(new Date(Date.now() + 9 * 3_600_000).getUTCHours());
      const [counted] = await db.query(
        'SELECT COUNT(*) AS n FROM inquiries WHERE receivedAt >= ? AND receivedAt < ?',
        [new Date(`${today}T00:00:00+09:00`), new Date(Date.parse(`${today}T00:00:00+09:00`) + 86_400_000)],
      );
      expect(res.body.total.day).toEqual({ actual: Number((counted as Array<{ n: number }>)[0].n), forecast: 0, ratio: null });
      const past = await t.http().get('/api/load?date=2026-02-15').set(bearer(admin)).expect(200);
      expect(past.body.hour).toBeNull();
      expect(past.body.total.day.actual).toBe(1);
      expect(past.body.total.hours[10]).toEqual({ hour: 10, actual: 1, forecast: 0 });
      await t.http().get('/api/load?date=2026-02-30').set(bearer(admin)).expect(400);
    });

    it('pushes load:update coalesced: at most ~3 in the first second for 20 inquiries, the last one with the right totals', async () => {
      await sleep(1_200); // let updates from earlier tests pass
      const before = (await t.http().get('/api/load').set(bearer(admin)).expect(200)).body;
      const beforeSapporo = before.municipalities.find((m: { municipalityCode: string }) => m.municipalityCode === SAPPORO).day.actual;
      const union = await live(admin);
      const sapporoRoomWatcher = await live((await t.createUser('municipal', SAPPORO)).token);
      const started = Date.now();
      const responses = await Promise.all(Array.from({ length: 20 }, () => post(operator.token, call())));
      expect(responses.every((r) => r.status === 201)).toBe(true);
      await sleep(2_000);
      expect(union.loads.filter((l) => l.at - started < 1_000).length).toBeLessThanOrEqual(3);
      expect(union.loads.length).toBeGreaterThanOrEqual(1);
      expect(mostInOneSecond(union)).toBeLessThanOrEqual(3);
      const last = union.loads[union.loads.length - 1].update;
      expect(last.total.day.actual).toBe(before.total.day.actual + 20);
      expect(last.total.thisHour!.actual).toBeGreaterThanOrEqual(20);
      expect(last.municipalities.find((m) => m.municipalityCode === SAPPORO)!.day.actual).toBe(beforeSapporo + 20);
      // The municipality room gets its own figures only, with its hours.
      const own = sapporoRoomWatcher.loads[sapporoRoomWatcher.loads.length - 1].update;
      expect(own.municipalities.map((m) => m.municipalityCode)).toEqual([SAPPORO]);
      expect(own.total.day.actual).toBe(beforeSapporo + 20);
      expect(own.total.hours).toHaveLength(24);
      expect(sapporoRoomWatcher.loads.length).toBeLessThanOrEqual(union.loads.length);
    });
  });

  describe('CSV', () => {
    beforeAll(async () => {
      await post(operator.token, call({ municipalityCode: HAKODATE, outcome: 'callback', note: '折り返し 0138-21-3111 まで' })).expect(201);
    });

    it('exports UTF-8 with BOM, Japanese headers and labels, and phone numbers masked', async () => {
      const res = await binary(t.http().get('/api/inquiries.csv').set(bearer(admin))).expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      const body = res.body as Buffer;
      expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = body.toString('utf8').slice(1);
      expect(text.split('\n')[0]).toContain('受付日時,市町村コード,市町村名,受付方法,分類');
      expect(text).toContain('函館市,電話,申請方法,本人,折り返し要');
      expect(text).toContain('折り返し 0138-**-**11 まで');
      expect(text).not.toContain('21-3111');
      // Codes stay text in Excel (a formula ="012025", quoted by CSV rules), so 012025 keeps its leading zero.
      expect(text).toContain('"=""012025"""');
    });

    it('exports Shift_JIS on request', async () => {
      const res = await binary(t.http().get('/api/inquiries.csv?encoding=shift_jis').set(bearer(admin))).expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=Shift_JIS');
      const body = res.body as Buffer;
      expect(body[0]).not.toBe(0xef);
      const text = iconv.decode(body, 'Shift_JIS');
      expect(text.split('\r\n')[0] ?? text.split('\n')[0]).toContain('受付日時');
      expect(text).toContain('函館市');
      expect(text).toContain('0138-**-**11');
    });

    it('exports pivots by category, municipality and day', async () => {
      const byCategory = iconv.decode((await binary(t.http().get('/api/inquiries.csv?pivot=category').set(bearer(admin))).expect(200)).body, 'utf8');
      const lines = byCategory.replace(/^\ufeff/, '').trim().split('\n');
      expect(lines[0]).toBe('分類コード,分類,件数,電話,来庁,その他,解決,市町村へ引継,折り返し要');
      expect(lines.some((l) => l.startsWith('how_to_apply,申請方法,'))).toBe(true);
      const total = Number(lines[lines.length - 1].split(',')[2]);
      expect(lines[lines.length - 1].startsWith('合計,')).toBe(true);
      expect(total).toBe(await rows());

      const byMunicipality = (await binary(t.http().get('/api/inquiries.csv?pivot=municipality').set(bearer(admin))).expect(200)).body.toString('utf8');
      expect(byMunicipality.trim().split('\n')).toHaveLength(1 + 179 + 1);
      const byDay = (await binary(t.http().get('/api/inquiries.csv?pivot=day&from=2026-02-14&to=2026-02-16').set(bearer(admin))).expect(200)).body.toString('utf8');
      expect(byDay.replace(/^\ufeff/, '').trim().split('\n')).toEqual([
        '日付,件数,電話,来庁,その他,解決,市町村へ引継,折り返し要',
        '2026/02/14,0,0,0,0,0,0,0',
        '2026/02/15,1,1,0,0,1,0,0',
        '2026/02/16,0,0,0,0,0,0,0',
        '合計,1,1,0,0,1,0,0',
      ]);
    });
  });

  describe('two API processes on one database and Redis', () => {
    let second: TestApp;
    let secondToken: string;
    beforeAll(async () => {
      // The same database and the same Redis key space, as two processes behind a load balancer.
      second = new TestApp({ env: { DATABASE_URL: t.database.url, QUEUE_PREFIX: queuePrefix } });
      await second.start();
      secondToken = await second.login(operator.username, operator.password);
    }, 60_000);
    afterAll(() => second?.close());

    it('sends one stream of load:update with the totals of both, not one per process', async () => {
      await sleep(1_200);
      const before = (await t.http().get('/api/load').set(bearer(admin)).expect(200)).body.total.day.actual;
      const onFirst = await live(admin);
      const onSecond = await live(await second.login());
      const started = Date.now();
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? post(operator.token, call()) : second.http().post('/api/inquiries').set(bearer(secondToken)).send(call()))),
      );
      expect(responses.every((r) => r.status === 201)).toBe(true);
      await sleep(2_000);
      for (const client of [onFirst, onSecond]) {
        expect(client.loads.filter((l) => l.at - started < 1_000).length).toBeLessThanOrEqual(3);
        // Each process alone would keep its own 500 ms; the shared gate keeps the interval between both.
        expect(mostInOneSecond(client)).toBeLessThanOrEqual(3);
        expect(client.loads[client.loads.length - 1].update.total.day.actual).toBe(before + 20);
        // Both processes' inquiries reach a dashboard connected to either (Redis adapter).
        expect(client.inquiries.length).toBe(20);
      }
    });

    it('batches inquiries for a room for clients that ask: every record once, in fewer messages, at most one per process per 100 ms', async () => {
      const union = await live(admin, { batch: true });
      const sapporoStaff = await live(await t.userWithRole('municipal', SAPPORO), { batch: true });
      const plain = await live(admin);
      const responses = await Promise.all(Array.from({ length: 40 }, () => post(operator.token, call())));
      expect(responses.every((r) => r.status === 201)).toBe(true);
      const ids = responses.map((r) => r.body.id as number).sort((a, b) => a - b);
      for (const client of [union, sapporoStaff]) {
        for (const id of ids) expect(await client.waitForInquiry(id)).toBeDefined();
        expect(client.inquiries.map((r) => r.id).sort((a, b) => a - b)).toEqual(ids);
        expect(client.batches.length).toBeLessThan(40);
        // One process sent them all, at most one message per 100 ms (counted over the span, so network jitter between two cannot fail it).
        const span = client.batches[client.batches.length - 1].at - client.batches[0].at;
        expect(client.batches.length).toBeLessThanOrEqual(Math.floor(span / 100) + 2);
        expect(client.singles).toBe(0);
      }
      // A client that did not ask for batches gets one inquiry:logged per inquiry, the stable interface.
      for (const id of ids) expect(await plain.waitForInquiry(id)).toBeDefined();
      expect(plain.singles).toBe(40);
      expect(plain.batches).toEqual([]);
    });

    it('brings inquiries stored by one process to the other process’s clients: batched or one by one, each exactly once', async () => {
      const adminOnSecond = await second.login();
      const batchedThere = await LiveClient.connect(second.url, adminOnSecond, { batch: true });
      const plainThere = await LiveClient.connect(second.url, adminOnSecond);
      const staff = await t.createUser('municipal', SAPPORO);
      const sapporoThere = await LiveClient.connect(second.url, await second.login(staff.username, staff.password), { batch: true });
      clients.push(batchedThere, plainThere, sapporoThere);
      const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => post(operator.token, call(i % 2 ? {} : { municipalityCode: HAKODATE }))));
      expect(responses.every((r) => r.status === 201)).toBe(true);
      const ids = responses.map((r) => r.body.id as number).sort((a, b) => a - b);
      for (const id of ids) {
        expect(await batchedThere.waitForInquiry(id)).toBeDefined();
        expect(await plainThere.waitForInquiry(id)).toBeDefined();
      }
      await sleep(300); // anything sent twice would have arrived by now
      expect(batchedThere.inquiries.map((r) => r.id).sort((a, b) => a - b)).toEqual(ids);
      expect(batchedThere.singles).toBe(0);
      expect(batchedThere.batches.length).toBeLessThan(30);
      expect(plainThere.inquiries.map((r) => r.id).sort((a, b) => a - b)).toEqual(ids);
      expect(plainThere.singles).toBe(30);
      const sapporoIds = responses.filter((r) => r.body.municipalityCode === SAPPORO).map((r) => r.body.id as number).sort((a, b) => a - b);
      for (const id of sapporoIds) expect(await sapporoThere.waitForInquiry(id)).toBeDefined();
      expect(sapporoThere.inquiries.map((r) => r.id).sort((a, b) => a - b)).toEqual(sapporoIds);
    });
  });

  describe('referred inquiries on the municipal page', () => {
    it('lets the municipality mark a referred inquiry as handled, once, audited, and pushes it live to union and that municipality', async () => {
      const union = await live(admin);
      const hakodateStaff = await live(hakodate.token);
      const otaruStaff = await live(otaru.token);
      const referred = (await post(operator.token, call({ municipalityCode: HAKODATE, outcome: 'referred' })).expect(201)).body;
      const resolved = (await post(operator.token, call({ municipalityCode: HAKODATE })).expect(201)).body;
      const open = await t.http().get('/api/inquiries?outcome=referred&handled=false').set(bearer(hakodate.token)).expect(200);
      expect(open.body.items.map((r: InquiryRecord) => r.id)).toContain(referred.id);

      await t.http().patch(`/api/inquiries/${referred.id}/handled`).set(bearer(otaru.token)).expect(403);
      await t.http().patch(`/api/inquiries/${referred.id}/handled`).set(bearer(operator.token)).expect(403);
      await t.http().patch(`/api/inquiries/${resolved.id}/handled`).set(bearer(hakodate.token)).expect(409);
      await t.http().patch('/api/inquiries/99999999/handled').set(bearer(hakodate.token)).expect(404);
      const handled = await t.http().patch(`/api/inquiries/${referred.id}/handled`).set(bearer(hakodate.token)).expect(200);
      expect(handled.body).toMatchObject({ id: referred.id, handledById: hakodate.id, handledAt: expect.any(String) });
      const again = await t.http().patch(`/api/inquiries/${referred.id}/handled`).set(bearer(hakodate.token)).expect(200);
      expect(again.body.handledAt).toBe(handled.body.handledAt);

      // The municipal page and the union's views update without reload: one inquiry:handled each, not for a repeat.
      for (const client of [union, hakodateStaff]) {
        await waitFor(() => client.handled.length > 0);
        await sleep(300);
        expect(client.handled).toEqual([handled.body]);
      }
      expect(otaruStaff.handled).toEqual([]);

      const stillOpen = await t.http().get('/api/inquiries?outcome=referred&handled=false').set(bearer(hakodate.token)).expect(200);
      expect(stillOpen.body.items.map((r: InquiryRecord) => r.id)).not.toContain(referred.id);
      const audit = await t.http().get('/api/audit?action=inquiry.handled').set(bearer(admin)).expect(200);
      expect(audit.body.items.filter((e: { target: string }) => e.target === `inquiry:${referred.id}`)).toHaveLength(1);
    });
  });
});
