import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createHash } from 'node:crypto';
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BatchMatchView, ImportView } from '@wavedesk/contracts';
import { generateDataset, type GeneratedDataset } from '@wavedesk/imports';
import { bearer, TestApp } from './support/test-app';

jest.setTimeout(120_000);

const JAPANESE = /[ぁ-んァ-ン一-龯]/;
const FIXTURES = join(__dirname, 'fixtures', 'imports');
/** The corpus's good files; every other file there must be refused. */
const GOOD_FIXTURES = ['insured-valid.utf8.csv', 'insured-valid.sjis.csv', 'lf-line-ends.utf8.csv', 'header-spaces-fullwidth.csv', 'card-holders-valid.sjis.csv', 'application-ids-valid.utf8.csv'];
const kindOfFixture = (file: string): string => (file.startsWith('card-holders') ? 'card-holders' : file.startsWith('application-ids') ? 'application-ids' : 'insured');

/**
 * Imports and matching end to end: the real API and the real worker (in this process, same environment)
 * on a throwaway MariaDB and the local Redis. A small synthetic set in Shift_JIS goes through HTTP and the
 * Bull queue, and matching must find exactly the targets and planted near matches the generator expects.
 */
describe('imports and matching', () => {
  const t = new TestApp();
  let worker: INestApplicationContext;
  let admin: { authorization: string };
  let dataset: GeneratedDataset;
  const dir = mkdtempSync(join(tmpdir(), 'wavedesk-imports-e2e-'));

  beforeAll(async () => {
    dataset = await generateDataset({ dir, insured: 5000, nearMatches: 20, seed: 42, encoding: 'shift_jis', applicationIds: true });
    await t.start();
    const { WorkerModule } = await import('../apps/worker/src/worker.module');
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    admin = bearer(await t.login());
  }, 120_000);
  afterAll(async () => {
    await worker?.close();
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const count = async (table: string): Promise<number> => Number((await t.database.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const stored = async () => ({ insured: await count('insured_persons'), holders: await count('card_holder_keys'), applicationIds: await count('application_ids') });

  function upload(kind: string, file: string, query: Record<string, string> = {}) {
    return t.http().post(`/api/imports/${kind}`).query(query).set(admin).attach('file', file);
  }

  /** Waits until the import is stored, rejected or failed. */
  async function finished(id: number): Promise<ImportView> {
    for (let i = 0; i < 600; i++) {
      const res = await t.http().get(`/api/imports/${id}`).set(admin).expect(200);
      if (!['queued', 'running'].includes(res.body.status)) return res.body;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`import ${id} did not finish`);
  }

  async function matched(batchId: number, runId: number): Promise<BatchMatchView> {
    for (let i = 0; i < 600; i++) {
      const res = await t.http().get(`/api/batches/${batchId}/match`).set(admin).expect(200);
      if (res.body.runId === runId && ['done', 'failed'].includes(res.body.status)) return res.body;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`match ${runId} did not finish`);
  }

  let batchId: number;

  it('imports a Shift_JIS insured list and card-holder list through the queue, and matching finds exactly the known targets', async () => {
    const insured = await upload('insured', dataset.files.insured).expect(202);
    expect(insured.body).toEqual({ id: expect.any(Number), status: 'queued' });
    const insuredDone = await finished(insured.body.id);
    expect(insuredDone).toMatchObject({ status: 'stored', kind: 'insured', detectedEncoding: 'shift_jis', rowsRead: 5000, rowsStored: 5000, errorCount: 0, progress: 100, errors: [] });
    expect(insuredDone.message).toMatch(JAPANESE);

    const holders = await upload('card-holders', dataset.files.cardHolders, { asOf: dataset.referenceDate }).expect(202);
    const holdersDone = await finished(holders.body.id);
    expect(holdersDone).toMatchObject({ status: 'stored', asOf: dataset.referenceDate, rowsStored: dataset.expected.holders });
    expect(await stored()).toMatchObject({ insured: 5000, holders: dataset.expected.holders });

    // Card holders are kept as keyed hashes only: no name, reading, date or address text in their table.
    const holderRows = await t.database.query<Record<string, string | null>>('SELECT * FROM card_holder_keys');
    for (const row of holderRows) {
      for (const key of ['exactKey', 'personKey', 'bucketKey']) expect(row[key] === null || /^[0-9a-f]{32}$/.test(row[key]!)).toBe(true);
      expect(row.nearKeys === null || /^([0-9a-f]{32})+$/.test(row.nearKeys)).toBe(true);
    }

    const campaign = await t.http().post('/api/campaigns').set(admin).send({ name: '突合テスト' }).expect(201);
    const batch = await t.http().post(`/api/campaigns/${campaign.body.id}/batches`).set(admin)
      .send({ name: '1回目分', matchDate: '2021-07-05', mailFrom: '2021-07-20', mailTo: '2021-07-30' }).expect(201);
    batchId = batch.body.id;
    const run = await t.http().post(`/api/batches/${batchId}/match`).set(admin).expect(202);
    const view = await matched(batchId, run.body.runId);
    expect(view.status).toBe('done');
    const e = dataset.expected;
    expect(view.totals).toEqual({
      insured: 5000, disqualified: 0, cardHolders: e.excluded, cardHoldersByInsuredNumber: e.holdersWithInsuredNumber, alreadyFormed: 0, review: e.review, reviewExcluded: 0, reviewKept: 0, targets: e.targets,
    });
    expect(view.holders).toBe(e.holders);
    expect(view.holderImportIds).toEqual([holders.body.id]);
    expect(view.insuredImportIds).toEqual([insured.body.id]);
    for (const m of view.municipalities) {
      const want = e.byMunicipality[m.code] ?? { insured: 0, excluded: 0, review: 0, targets: 0 };
      expect([m.code, m.insured, m.cardHolders, m.review, m.targets]).toEqual([m.code, want.insured, want.excluded, want.review, want.targets]);
    }
    expect(await count('batch_match_results')).toBe(5000);
  });

  it('puts exactly the planted near matches on the review list, and settling them changes the counts', async () => {
    const reviews = await t.http().get(`/api/batches/${batchId}/reviews`).set(admin).expect(200);
    expect(reviews.body.map((r: { insuredNumber: string }) => r.insuredNumber).sort()).toEqual([...dataset.expected.nearMatchInsuredNumbers].sort());
    expect(reviews.body[0]).toMatchObject({ status: 'pending', reason: 'name_one_edit', reasonLabel: expect.stringMatching(JAPANESE), person: { name: expect.any(String) } });

    const [first, second] = reviews.body;
    await t.http().post(`/api/reviews/${first.id}`).set(admin).send({ decision: 'exclude' }).expect(200);
    await t.http().post(`/api/reviews/${second.id}`).set(admin).send({ decision: 'keep' }).expect(200);
    const bad = await t.http().post(`/api/reviews/${second.id}`).set(admin).send({ decision: 'maybe' }).expect(400);
    expect(bad.body.errors[0].message).toMatch(JAPANESE);
    const view = (await t.http().get(`/api/batches/${batchId}/match`).set(admin).expect(200)).body as BatchMatchView;
    expect(view.totals).toMatchObject({ review: dataset.expected.review - 2, reviewExcluded: 1, reviewKept: 1, targets: dataset.expected.targets + 1 });

    const audit = await t.database.query<{ action: string }>(`SELECT action FROM audit_log WHERE action IN ('match.review', 'personal_data.read', 'import.upload', 'import.finish')`);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['match.review', 'personal_data.read', 'import.upload', 'import.finish']));
  });

  it('gives the counts as CSV (UTF-8 with BOM, Japanese headers), and municipal users only their own counts', async () => {
    const csv = await t.http().get(`/api/batches/${batchId}/match.csv`).set(admin).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    const text = (csv.body as Buffer).toString('utf8');
    expect(text.startsWith('\uFEFF市町村コード,市町村名,被保険者数')).toBe(true);
    expect(text).toContain(`,合計,5000,`);

    const sapporo = await t.userWithRole('municipal', '011002');
    const own = await t.http().get(`/api/batches/${batchId}/match`).set(bearer(sapporo)).expect(200);
    expect(own.body.municipalities.map((m: { code: string }) => m.code)).toEqual(['011002']);
    expect(own.body.totals.insured).toBe(dataset.expected.byMunicipality['011002'].insured);
    await t.http().get(`/api/batches/${batchId}/reviews`).set(bearer(sapporo)).expect(403);
    await t.http().post(`/api/batches/${batchId}/match`).set(bearer(sapporo)).expect(403);
  });

  it('recognises the same file imported twice by its hash', async () => {
    const before = await stored();
    const again = await upload('insured', dataset.files.insured).expect(409);
    expect(again.body).toMatchObject({ code: 'import_duplicate', importId: expect.any(Number), message: expect.stringMatching(/取込ID \d+/) });
    expect(await stored()).toEqual(before);
  });

  it('refuses every bad file of the corpus with Japanese messages, and stores nothing', async () => {
    const bad = readdirSync(FIXTURES).filter((f) => f.endsWith('.csv') && !GOOD_FIXTURES.includes(f));
    expect(bad.length).toBeGreaterThanOrEqual(10);
    const before = await stored();
    for (const file of bad) {
      const kind = kindOfFixture(file);
      const res = await upload(kind, join(FIXTURES, file), kind === 'card-holders' ? { asOf: '2021-07-01' } : {});
      if (res.status === 400) {
        expect([file, res.body.message]).toEqual([file, expect.stringMatching(JAPANESE)]); // an empty file is refused at upload
        continue;
      }
      expect([file, res.status]).toEqual([file, 202]);
      const done = await finished(res.body.id);
      expect([file, done.status, done.rowsStored]).toEqual([file, 'rejected', 0]);
      expect(done.errors!.length).toBeGreaterThan(0);
      for (const e of done.errors!) expect([file, e.message]).toEqual([file, expect.stringMatching(JAPANESE)]);
      expect(done.message).toMatch(JAPANESE);
    }
    expect(await stored()).toEqual(before);
  });

  it('refuses a 200 MB file with one huge field after reading a little of it', async () => {
    const huge = join(dir, 'huge.csv');
    const out = createWriteStream(huge);
    out.write('被保険者番号,市町村コード,氏名,氏名カナ,生年月日,性別,郵便番号,住所\r\n10000001,011002,"');
    const block = Buffer.alloc(1024 * 1024, 'x');
    for (let i = 0; i < 200; i++) if (!out.write(block)) await once(out, 'drain');
    out.end('",ア,1940-01-01,2,060-0001,札幌市\r\n');
    await once(out, 'finish');
    const before = await stored();
    const res = await upload('insured', huge).expect(202);
    const done = await finished(res.body.id);
    expect(done).toMatchObject({ status: 'rejected', rowsStored: 0 });
    expect(done.errors![0]).toMatchObject({ row: 2, message: expect.stringMatching(JAPANESE) });
    expect(await stored()).toEqual(before);
  });

  it('stores only the valid rows when the admin asks for it (validOnly)', async () => {
    const file = join(FIXTURES, 'duplicate-insured-number.csv');
    // The corpus test above imported it without validOnly: refused, and recognised when sent again.
    const again = await upload('insured', file).expect(409);
    expect(again.body).toMatchObject({ code: 'import_rejected_before', message: expect.stringContaining('validOnly') });
    const before = await stored();
    const valid = await finished((await upload('insured', file, { validOnly: 'true' }).expect(202)).body.id);
    expect(valid).toMatchObject({ status: 'stored', validOnly: true, rowsRead: 3, rowsStored: 2, errorCount: 1 });
    expect(valid.errors![0]).toMatchObject({ row: 4, column: '被保険者番号', code: 'duplicate_value' });
    expect((await stored()).insured).toBe(before.insured + 2);
  });

  it('lets a file in again once its earlier import was lost from the queue (worker stopped, Redis emptied), saying why', async () => {
    const file = join(dir, 'lost.csv');
    writeFileSync(file, readFileSync(join(FIXTURES, 'insured-valid.utf8.csv'), 'utf8').replace(/\r?\n?$/, '\r\n\r\n'));
    const bytes = readFileSync(file);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    // An import the API registered and queued, whose job then vanished: no worker will ever run it.
    await t.database.query(
      `INSERT INTO imports (kind, fileName, sha256, dedupeKey, sizeBytes, encoding, validOnly, status, rowsRead, rowsValid, rowsStored, errorCount, progress, createdBy, createdAt)
       VALUES ('insured', 'lost.csv', ?, ?, ?, 'auto', 0, 'queued', 0, 0, 0, 0, 0, 'admin', UTC_TIMESTAMP(3))`,
      [sha256, `insured:${sha256}`, bytes.length],
    );
    const [{ id: lostId }] = await t.database.query<{ id: number }>('SELECT MAX(id) AS id FROM imports');
    // While it is young its job may still be on the way: the same file is still refused.
    const early = await upload('insured', file).expect(409);
    expect(early.body).toMatchObject({ code: 'import_duplicate', importId: lostId });

    await t.database.query('UPDATE imports SET createdAt = createdAt - INTERVAL 11 MINUTE WHERE id = ?', [lostId]);
    const res = await upload('insured', file).expect(202);
    const lost = (await t.http().get(`/api/imports/${lostId}`).set(admin).expect(200)).body as ImportView;
    expect(lost).toMatchObject({ status: 'failed', rowsStored: 0, message: expect.stringContaining('キューから失われた') });
    expect(await finished(res.body.id)).toMatchObject({ status: 'stored', rowsStored: 5 });
  });

  it('checks the options and the file field with Japanese messages', async () => {
    const noAsOf = await upload('card-holders', dataset.files.cardHolders).expect(400);
    expect(noAsOf.body.errors[0]).toMatchObject({ field: 'asOf', message: expect.stringMatching(JAPANESE) });
    const badEncoding = await upload('insured', join(FIXTURES, 'insured-valid.utf8.csv'), { encoding: 'latin1' }).expect(400);
    expect(badEncoding.body.errors[0].field).toBe('encoding');
    const noFile = await t.http().post('/api/imports/insured').set(admin).field('encoding', 'auto').expect(400);
    expect(noFile.body.message).toMatch(JAPANESE);
    await t.http().post('/api/imports/people').set(admin).attach('file', join(FIXTURES, 'insured-valid.utf8.csv')).expect(404);
    const list = await t.http().get('/api/imports?kind=insured').set(admin).expect(200);
    expect(list.body.length).toBeGreaterThan(3);
    const operator = await t.userWithRole('operator');
    await t.http().get('/api/imports').set(bearer(operator)).expect(403);
  });
});

describe('imports at their limits', () => {
  const file = join(FIXTURES, 'insured-valid.utf8.csv');

  describe('without Redis', () => {
    const t = new TestApp({ redis: false });
    beforeAll(() => t.start(), 60_000);
    afterAll(() => t.close());

    it('answers 503 before taking the upload, and stores nothing', async () => {
      // One small body in one write: the server answers before reading it, and a streamed upload could see EPIPE.
      const body = Buffer.concat([
        Buffer.from('--b0undary\r\ncontent-disposition: form-data; name="file"; filename="insured.csv"\r\ncontent-type: text/csv\r\n\r\n'),
        readFileSync(file),
        Buffer.from('\r\n--b0undary--\r\n'),
      ]);
      const res = await t.http().post('/api/imports/insured').set(bearer(await t.login())).set('content-type', 'multipart/form-data; boundary=b0undary').send(body).expect(503);
      expect(res.body).toMatchObject({ code: 'redis_unavailable', message: expect.stringMatching(JAPANESE) });
      expect(await t.database.query('SELECT id FROM imports')).toEqual([]);
    });
  });

  describe('over UPLOAD_LIMIT', () => {
    const t = new TestApp({ env: { UPLOAD_LIMIT: '512b' } });
    beforeAll(() => t.start(), 60_000);
    afterAll(() => t.close());

    it('answers 413 with the limit and the CLI as the way for large files, and keeps no file', async () => {
      const res = await t.http().post('/api/imports/insured').set(bearer(await t.login())).attach('file', file).expect(413);
      expect(res.body).toMatchObject({ code: 'file_too_large', message: expect.stringContaining('npm run cli -- import') });
      expect(await t.database.query('SELECT id FROM imports')).toEqual([]);
      const leftovers = readdirSync(join(t.dataDir, 'imports', 'tmp'));
      expect(leftovers).toEqual([]);
    });
  });
});
