/**
 * Runs a task at most once per interval however often it is requested, and always once more after the
 * last request, so the last run sees everything requested before it (leading and trailing edge).
 * Requests that arrive while the task runs lead to one more run afterwards. Plain TypeScript: the clock,
 * the timers and the cross-process gate are injected, so tests drive it by hand.
 */

export interface CoalescerTimers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface CoalescerOptions {
  /** Minimum time between the starts of two runs. */
  intervalMs: number;
  now: () => number;
  timers?: CoalescerTimers;
  /**
   * Asked right before each run: answers 0 to go ahead, or how many milliseconds to wait first (another
   * process ran the task meanwhile). Its failure counts as 0: the local interval still holds.
   */
  gate?: () => Promise<number>;
  /** Failures of the task; the coalescer carries on. */
  onError?: (error: unknown) => void;
}

const realTimers: CoalescerTimers = {
  set: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    handle.unref?.();
    return handle;
  },
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class Coalescer {
  private pending = false;
  private running = false;
  private closed = false;
  private timer: unknown = null;
  private lastStart = Number.NEGATIVE_INFINITY;
  private readonly timers: CoalescerTimers;

  constructor(private readonly task: () => Promise<void>, private readonly options: CoalescerOptions) {
    this.timers = options.timers ?? realTimers;
  }

  /** Asks for a run; returns at once. */
  request(): void {
    this.pending = true;
    this.schedule(0);
  }

  /** No further runs; a run in progress finishes. */
  close(): void {
    this.closed = true;
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }

  private schedule(atLeastMs: number): void {
    if (this.closed || this.running || this.timer !== null || !this.pending) return;
    const wait = Math.max(atLeastMs, this.lastStart + this.options.intervalMs - this.options.now(), 0);
    this.timer = this.timers.set(() => {
      this.timer = null;
      void this.fire();
    }, wait);
  }

  private async fire(): Promise<void> {
    if (this.closed) return;
    this.running = true;
    let retryAfter = 0;
    try {
      retryAfter = this.options.gate ? await this.options.gate().catch(() => 0) : 0;
      if (retryAfter <= 0) {
        this.pending = false;
        this.lastStart = this.options.now();
        await this.task();
      }
    } catch (error) {
      this.options.onError?.(error);
    } finally {
      this.running = false;
    }
    this.schedule(retryAfter);
  }
}
