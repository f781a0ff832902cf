import { FUTURE_TOLERANCE_MS, MESSAGES, idempotencyKeyProblem, receivedAtProblem, requestHash } from './inquiry-rules';

describe('inquiry rules', () => {
  const now = new Date('2026-02-15T01:00:00Z');

  it('accepts a receivedAt a few minutes ahead (clock drift) but not further', () => {
    expect(receivedAtProblem(new Date(now.getTime() + FUTURE_TOLERANCE_MS), now)).toBeNull();
    expect(receivedAtProblem(new Date(now.getTime() + FUTURE_TOLERANCE_MS + 1), now)).toBe(MESSAGES.receivedAtFuture);
    expect(receivedAtProblem(new Date('2019-12-31T00:00:00Z'), now)).toBe(MESSAGES.receivedAtTooOld);
    expect(receivedAtProblem(new Date('2026-02-14T10:00:00+09:00'), now)).toBeNull();
  });

  it('takes Idempotency-Key values of 1–128 visible characters', () => {
    expect(idempotencyKeyProblem(undefined)).toBeNull();
    expect(idempotencyKeyProblem('0f8fad5b-d9cb-469f-a165-70867728950e')).toBeNull();
    expect(idempotencyKeyProblem('x'.repeat(128))).toBeNull();
    expect(idempotencyKeyProblem('x'.repeat(129))).toBe(MESSAGES.idempotencyKey);
    expect(idempotencyKeyProblem('')).toBe(MESSAGES.idempotencyKey);
    expect(idempotencyKeyProblem('with space')).toBe(MESSAGES.idempotencyKey);
  });

  it('fingerprints what was asked, reading receivedAt as an instant', () => {
    const base = { municipalityCode: '011002', channel: 'phone', category: 'photo', callerType: 'self', outcome: 'resolved' };
    const a = requestHash({ ...base, receivedAt: '2026-02-15T10:00:00+09:00' });
    expect(requestHash({ ...base, receivedAt: '2026-02-15T01:00:00Z' })).toBe(a);
    expect(requestHash({ ...base, receivedAt: '2026-02-15T10:00:01+09:00' })).not.toBe(a);
    expect(requestHash({ ...base, note: '' })).toBe(requestHash({ ...base }));
    expect(requestHash({ ...base, note: 'a' })).not.toBe(requestHash({ ...base }));
  });

  it('never puts a number into the 個人番号 message', () => {
    expect(MESSAGES.noteMyNumber).not.toMatch(/\d{4}/);
  });
});
