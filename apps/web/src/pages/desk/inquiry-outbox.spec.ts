import { describe, expect, it, jest } from '@jest/globals';
import { ApiError, type InquiryRecord, type NewInquiry } from '../../api';
import { InquiryOutbox, classifyFailure, outboxCounts, parseOutbox, retryDelay, type OutboxStorage } from './inquiry-outbox';

class MemoryStorage implements OutboxStorage {
  readonly values = new Map<string, string>();
  getItem = (key: string) => this.values.get(key) ?? null;
  setItem = (key: string, value: string) => void this.values.set(key, value);
  removeItem = (key: string) => void this.values.delete(key);
}

const inquiry = (municipalityCode = '011002'): NewInquiry => ({ municipalityCode, channel: 'phone', category: 'how_to_apply', callerType: 'self', outcome: 'resolved' });
const networkDown = () => ApiError.from(new TypeError('Failed to fetch'));
const badRequest = () =>
  new ApiError({ statusCode: 400, code: 'validation_failed', message: '入力内容に誤りがあります。', errors: [{ field: 'note', code: 'noMyNumber', message: 'メモに個人番号…' }] });

/** An outbox over memory storage with a scripted API and a manual clock for retries. */
function setup(storage = new MemoryStorage()) {
  const sent: Array<{ key: string; inquiry: NewInquiry }> = [];
  const answers: Array<(inquiry: NewInquiry, key: string) => Promise<InquiryRecord>> = [];
  let id = 0;
  const stored = (i: NewInquiry): InquiryRecord =>
    ({ ...i, id: ++id, receivedAt: i.receivedAt!, loggedAt: new Date().toISOString() }) as unknown as InquiryRecord;
  const send = jest.fn(async (i: NewInquiry, key: string) => {
    sent.push({ key, inquiry: i });
    const answer = answers.shift();
    return answer ? answer(i, key) : stored(i);
  });
  const timers: Array<{ callback: () => void; ms: number }> = [];
  const onSent = jest.fn();
  let n = 0;
  const outbox = new InquiryOutbox({
    storage,
    storageKey: 'outbox',
    send,
    newKey: () => `key-${++n}`,
    now: () => new Date('2026-02-16T01:30:00Z'),
    setTimer: (callback, ms) => timers.push({ callback, ms }),
    clearTimer: () => timers.splice(0),
    onSent,
  });
  const fail = (error: ApiError) => answers.push(async () => Promise.reject(error));
  return { outbox, storage, sent, send, timers, onSent, fail };
}

describe('desk outbox', () => {
  it('stores an entry before sending it, sends it with its key, and forgets it once stored', async () => {
    const { outbox, storage, sent, onSent } = setup();
    const entry = outbox.enqueue(inquiry());
    expect(entry).toMatchObject({ key: 'key-1', state: 'pending', inquiry: { receivedAt: '2026-02-16T01:30:00.000Z' } });
    expect(parseOutbox(storage.getItem('outbox'))).toHaveLength(1);
    const outcome = outbox.waitFor(entry.key);
    await outbox.flush();
    await expect(outcome).resolves.toMatchObject({ kind: 'sent', record: { id: 1 } });
    expect(sent).toEqual([{ key: 'key-1', inquiry: entry.inquiry }]);
    expect(onSent).toHaveBeenCalledTimes(1);
    expect(outbox.entries()).toEqual([]);
    expect(storage.getItem('outbox')).toBeNull();
  });

  it('keeps an entry through a network drop and resends it with the same key, once, when back online', async () => {
    const { outbox, sent, timers, fail } = setup();
    fail(networkDown());
    fail(networkDown());
    const entry = outbox.enqueue(inquiry());
    const outcome = outbox.waitFor(entry.key);
    await outbox.flush();
    await expect(outcome).resolves.toMatchObject({ kind: 'queued' });
    expect(outbox.entries()).toMatchObject([{ key: 'key-1', state: 'pending', attempts: 1, lastFailure: expect.stringContaining('接続') }]);
    expect(outboxCounts(outbox.entries())).toEqual({ unsent: 1, rejected: 0 });
    expect(timers.map((t) => t.ms)).toEqual([1_000]);

    // The timer fires while still offline: wait longer next time.
    timers.shift()!.callback();
    await outbox.flush();
    expect(timers.map((t) => t.ms)).toEqual([2_000]);

    // The browser says it is online: try at once; stored.
    await outbox.retryNow();
    expect(sent.map((s) => s.key)).toEqual(['key-1', 'key-1', 'key-1']);
    expect(outbox.entries()).toEqual([]);
    expect(timers).toEqual([]);
  });

  it('sends oldest first, and a failing head holds back the rest (order is kept)', async () => {
    const { outbox, sent, fail } = setup();
    fail(networkDown());
    outbox.enqueue(inquiry('011002'));
    outbox.enqueue(inquiry('012025'));
    await outbox.flush();
    expect(sent.map((s) => s.inquiry.municipalityCode)).toEqual(['011002']);
    expect(outbox.entries().map((e) => e.key)).toEqual(['key-1', 'key-2']);
    await outbox.retryNow();
    expect(sent.map((s) => s.inquiry.municipalityCode)).toEqual(['011002', '011002', '012025']);
    expect(outbox.entries()).toEqual([]);
  });

  it('tells a form waiting for a later entry that it is queued when an earlier one cannot be sent', async () => {
    const { outbox, fail } = setup();
    fail(networkDown());
    outbox.enqueue(inquiry('011002'));
    const second = outbox.enqueue(inquiry('012025'));
    const outcome = outbox.waitFor(second.key);
    await outbox.flush();
    await expect(outcome).resolves.toMatchObject({ kind: 'queued' });
  });

  it('keeps a refused entry with the per-field messages for correction, and goes on with the next', async () => {
    const { outbox, sent, fail } = setup();
    fail(badRequest());
    const bad = outbox.enqueue({ ...inquiry(), note: '123456789018' });
    outbox.enqueue(inquiry('012025'));
    const outcome = outbox.waitFor(bad.key);
    await outbox.flush();
    await expect(outcome).resolves.toEqual({ kind: 'rejected', error: { statusCode: 400, message: '入力内容に誤りがあります。', fields: { note: 'メモに個人番号…' } } });
    expect(outbox.entries()).toMatchObject([{ key: 'key-1', state: 'rejected' }]);
    expect(outboxCounts(outbox.entries())).toEqual({ unsent: 1, rejected: 1 });

    // Not sent again by itself.
    await outbox.flush();
    expect(sent).toHaveLength(2);

    // Corrected: the refused entry is replaced by a new one with a new key (nothing was stored for the old key).
    const corrected = outbox.enqueue({ ...bad.inquiry, note: '午後に折り返し' }, bad.key);
    expect(corrected.key).toBe('key-3');
    expect(corrected.inquiry.receivedAt).toBe(bad.inquiry.receivedAt);
    await outbox.flush();
    expect(sent.map((s) => s.key)).toEqual(['key-1', 'key-2', 'key-3']);
    expect(outbox.entries()).toEqual([]);
  });

  it('stops on a 401 without dropping anything or retrying by itself', async () => {
    const { outbox, timers, fail } = setup();
    fail(new ApiError({ statusCode: 401, code: 'unauthorized', message: 'ログインが必要です。' }));
    const entry = outbox.enqueue(inquiry());
    const outcome = outbox.waitFor(entry.key);
    await outbox.flush();
    await expect(outcome).resolves.toEqual({ kind: 'unauthorized' });
    expect(outbox.entries()).toHaveLength(1);
    expect(timers).toEqual([]);
  });

  it('survives a reload: a new outbox over the same storage sends what was left', async () => {
    const storage = new MemoryStorage();
    const first = setup(storage);
    first.fail(networkDown());
    first.outbox.enqueue(inquiry());
    await first.outbox.flush();
    first.outbox.dispose();

    const second = setup(storage);
    expect(second.outbox.entries()).toHaveLength(1);
    await second.outbox.start();
    expect(second.sent.map((s) => s.key)).toEqual(['key-1']);
    expect(second.outbox.entries()).toEqual([]);
  });

  it('answers a form waiting for an entry that another tab has sent', async () => {
    const storage = new MemoryStorage();
    const { outbox } = setup(storage);
    const entry = outbox.enqueue(inquiry());
    const outcome = outbox.waitFor(entry.key);
    storage.removeItem('outbox'); // the other tab sent it
    outbox.reload();
    await expect(outcome).resolves.toEqual({ kind: 'sent', record: null });
  });

  it('reads damaged storage as empty', () => {
    expect(parseOutbox('{not json')).toEqual([]);
    expect(parseOutbox('{"a":1}')).toEqual([]);
    expect(parseOutbox('[{"key":"k","inquiry":{}}, 5, null]')).toHaveLength(1);
  });

  it('retries network errors, throttling and server errors, and hands the rest back for correction', () => {
    const error = (statusCode: number) => new ApiError({ statusCode, code: 'x', message: 'x' });
    expect([0, 408, 429, 500, 502, 503].map((s) => classifyFailure(error(s)))).toEqual(['retry', 'retry', 'retry', 'retry', 'retry', 'retry']);
    expect([400, 403, 404, 409, 422].map((s) => classifyFailure(error(s)))).toEqual(['reject', 'reject', 'reject', 'reject', 'reject']);
    expect(classifyFailure(error(401))).toBe('unauthorized');
    expect([1, 2, 3, 4, 5, 6, 10].map(retryDelay)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });
});
