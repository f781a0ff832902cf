import type { InquiryRecord, NewInquiry } from '../../api';
import { ApiError } from '../../api';

/**
 * The desk's outbox: every inquiry the operator saves is first written to this browser's storage with its
 * own Idempotency-Key, then sent. Entries leave the outbox only when the API has stored them (201, or 200
 * for a resend it had already stored) or when the operator discards one explicitly. So a dropped network, a
 * closed tab or a restarted API loses nothing, and a resend never logs twice.
 *
 * - Sent oldest first, one at a time. A network failure or a 5xx stops the round and tries again later,
 *   waiting longer each time (1 s, 2 s, 4 s … 30 s), or at once when the browser says it is online again.
 * - A 4xx that is about the entry itself (400 per-field errors, 403 another municipality, 422) marks it
 *   `rejected` with the API's messages and the next entry goes on; the operator corrects or discards it.
 * - A 401 stops everything: the session is over, and the entries wait for the same user to sign in again.
 */

export type OutboxState = 'pending' | 'rejected';

export interface OutboxError {
  statusCode: number;
  message: string;
  /** The API's message per field, shown next to each input. */
  fields: Record<string, string>;
}

export interface OutboxEntry {
  /** The Idempotency-Key: a UUID made when the entry was saved, the same for every resend. */
  key: string;
  inquiry: NewInquiry;
  /** When the operator saved it (ISO 8601). */
  queuedAt: string;
  attempts: number;
  state: OutboxState;
  /** Why a rejected entry was refused. */
  error?: OutboxError;
  /** Why the last attempt failed when the entry is still pending (network down, server error). */
  lastFailure?: string;
}

/** How one attempt for an entry ended (what the form that saved it waits for). */
export type SendOutcome =
  | { kind: 'sent'; record: InquiryRecord | null }
  | { kind: 'rejected'; error: OutboxError }
  | { kind: 'queued'; reason: string }
  | { kind: 'unauthorized' };

export type FailureKind = 'retry' | 'reject' | 'unauthorized';

/** What to do after a failed send. Network errors (status 0), timeouts, throttling and 5xx are worth retrying. */
export function classifyFailure(error: ApiError): FailureKind {
  const status = error.statusCode;
  if (status === 401) return 'unauthorized';
  if (status === 0 || status === 408 || status === 425 || status === 429 || status >= 500) return 'retry';
  return 'reject';
}

export const RETRY_BASE_MS = 1_000;
export const RETRY_MAX_MS = 30_000;

/** The wait before attempt n + 1 after n consecutive failures: 1 s, 2 s, 4 s, … capped at 30 s. */
export function retryDelay(failures: number): number {
  return Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, failures - 1));
}

/** The stored outbox, tolerating a missing or damaged value (never throws). */
export function parseOutbox(raw: string | null): OutboxEntry[] {
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    if (!Array.isArray(value)) return [];
    return value.filter(
      (e): e is OutboxEntry =>
        typeof e === 'object' && e !== null && typeof (e as OutboxEntry).key === 'string' && typeof (e as OutboxEntry).inquiry === 'object',
    );
  } catch {
    return [];
  }
}

export const outboxStorageKey = (userId: number): string => `wavedesk.inquiry-outbox.${userId}`;

export interface OutboxStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface OutboxOptions {
  storage: OutboxStorage;
  storageKey: string;
  send: (inquiry: NewInquiry, idempotencyKey: string) => Promise<InquiryRecord>;
  newKey: () => string;
  now?: () => Date;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Each record the API stored (also for entries that waited offline). */
  onSent?: (record: InquiryRecord) => void;
}

export class InquiryOutbox {
  private snapshot: OutboxEntry[];
  private readonly listeners = new Set<() => void>();
  private readonly waiters = new Map<string, Array<(outcome: SendOutcome) => void>>();
  private flushing: Promise<void> | null = null;
  private again = false;
  private timer: unknown = null;
  private failures = 0;
  private stopped = false;

  constructor(private readonly options: OutboxOptions) {
    this.snapshot = parseOutbox(options.storage.getItem(options.storageKey));
  }

  /** The entries, oldest first (the same array until something changes, as useSyncExternalStore wants). */
  entries = (): OutboxEntry[] => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * Saves an inquiry to the outbox with a new Idempotency-Key and returns the entry; call `flush()` to send.
   * `replacing` is the key of a rejected entry being corrected: it is taken out (nothing was stored for it).
   * Throws when the browser's storage refuses the write (full or disabled).
   */
  enqueue(inquiry: NewInquiry, replacing?: string): OutboxEntry {
    const now = (this.options.now ?? (() => new Date()))();
    const entry: OutboxEntry = {
      key: this.options.newKey(),
      inquiry: { ...inquiry, receivedAt: inquiry.receivedAt ?? now.toISOString() },
      queuedAt: now.toISOString(),
      attempts: 0,
      state: 'pending',
    };
    this.update((entries) => [...entries.filter((e) => e.key !== replacing), entry]);
    return entry;
  }

  /** Removes an entry for good (the operator chose to discard it). */
  discard(key: string): void {
    this.update((entries) => entries.filter((e) => e.key !== key));
  }

  /** Resolves when the next attempt for `key` has ended: stored, rejected, or left queued for later. */
  waitFor(key: string): Promise<SendOutcome> {
    return new Promise((resolve) => {
      const list = this.waiters.get(key) ?? [];
      list.push(resolve);
      this.waiters.set(key, list);
    });
  }

  /** Sends the pending entries, oldest first, until one must wait. Only one round runs at a time. */
  flush(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.flushing) {
      this.again = true;
      return this.flushing;
    }
    this.cancelTimer();
    this.flushing = this.run().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /** The network is back (or the operator asked): try at once instead of waiting for the backoff. */
  retryNow(): Promise<void> {
    this.failures = 0;
    return this.flush();
  }

  /** Another tab changed the outbox: read it again, and answer anyone waiting for an entry that was sent there. */
  reload(): void {
    this.snapshot = parseOutbox(this.options.storage.getItem(this.options.storageKey));
    for (const key of [...this.waiters.keys()]) {
      const entry = this.snapshot.find((e) => e.key === key);
      if (!entry) this.settle(key, { kind: 'sent', record: null });
      else if (entry.state === 'rejected' && entry.error) this.settle(key, { kind: 'rejected', error: entry.error });
    }
    this.emit();
  }

  /** (Re)starts sending: reads the storage again and sends what is waiting. */
  start(): Promise<void> {
    this.stopped = false;
    this.reload();
    return this.flush();
  }

  /** Stops the timers (the page closed). Entries stay stored. */
  dispose(): void {
    this.stopped = true;
    this.cancelTimer();
  }

  private async run(): Promise<void> {
    do {
      this.again = false;
      for (;;) {
        if (this.stopped) return;
        // Read again each time: another tab may have sent or added entries meanwhile.
        this.snapshot = parseOutbox(this.options.storage.getItem(this.options.storageKey));
        const next = this.snapshot.find((e) => e.state === 'pending');
        if (!next) {
          this.failures = 0;
          this.emit();
          return;
        }
        const proceed = await this.attempt(next);
        if (!proceed) return;
      }
    } while (this.again);
  }

  /** One attempt for one entry; false when the round must stop here. */
  private async attempt(entry: OutboxEntry): Promise<boolean> {
    let record: InquiryRecord;
    try {
      record = await this.options.send(entry.inquiry, entry.key);
    } catch (thrown) {
      const error = ApiError.from(thrown);
      const kind = classifyFailure(error);
      if (kind === 'reject') {
        const rejection: OutboxError = { statusCode: error.statusCode, message: error.message, fields: error.fieldMessages() };
        this.update((entries) =>
          entries.map((e) => (e.key === entry.key ? { ...e, attempts: e.attempts + 1, state: 'rejected', error: rejection, lastFailure: undefined } : e)),
        );
        this.settle(entry.key, { kind: 'rejected', error: rejection });
        return true;
      }
      this.update((entries) => entries.map((e) => (e.key === entry.key ? { ...e, attempts: e.attempts + 1, lastFailure: error.message } : e)));
      if (kind === 'unauthorized') {
        this.settleWaiting({ kind: 'unauthorized' });
        return false;
      }
      this.failures++;
      this.schedule(retryDelay(this.failures));
      // This entry and every one behind it now wait for the next round.
      this.settleWaiting({ kind: 'queued', reason: error.message });
      return false;
    }
    this.failures = 0;
    this.update((entries) => entries.filter((e) => e.key !== entry.key));
    this.options.onSent?.(record);
    this.settle(entry.key, { kind: 'sent', record });
    return true;
  }

  private schedule(ms: number): void {
    this.cancelTimer();
    const setTimer = this.options.setTimer ?? ((callback: () => void, delay: number) => setTimeout(callback, delay));
    this.timer = setTimer(() => {
      this.timer = null;
      void this.flush();
    }, ms);
    this.emit();
  }

  private cancelTimer(): void {
    if (this.timer === null) return;
    (this.options.clearTimer ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>)))(this.timer);
    this.timer = null;
  }

  private update(change: (entries: OutboxEntry[]) => OutboxEntry[]): void {
    const { storage, storageKey } = this.options;
    // Read, change and write in one synchronous step, so that another tab's entries are never overwritten.
    const next = change(parseOutbox(storage.getItem(storageKey)));
    if (next.length === 0) storage.removeItem(storageKey);
    else storage.setItem(storageKey, JSON.stringify(next));
    this.snapshot = next;
    this.emit();
  }

  private settle(key: string, outcome: SendOutcome): void {
    const list = this.waiters.get(key);
    if (!list) return;
    this.waiters.delete(key);
    for (const resolve of list) resolve(outcome);
  }

  /** Answers everyone waiting for an entry that is still pending. */
  private settleWaiting(outcome: SendOutcome): void {
    for (const key of [...this.waiters.keys()]) {
      if (this.snapshot.some((e) => e.key === key && e.state === 'pending')) this.settle(key, outcome);
    }
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

/** Unsent entries for the badge: all of them, and how many need correcting. */
export function outboxCounts(entries: readonly OutboxEntry[]): { unsent: number; rejected: number } {
  return { unsent: entries.length, rejected: entries.filter((e) => e.state === 'rejected').length };
}
