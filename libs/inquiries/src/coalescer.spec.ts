import { Coalescer, type CoalescerTimers } from './coalescer';

/** Timers on a clock that only moves when the test says so. */
class FakeTimers implements CoalescerTimers {
  now = 0;
  private queue: Array<{ at: number; callback: () => void }> = [];

  set(callback: () => void, ms: number): unknown {
    const timer = { at: this.now + ms, callback };
    this.queue.push(timer);
    return timer;
  }

  clear(handle: unknown): void {
    this.queue = this.queue.filter((t) => t !== handle);
  }

  /** Moves the clock, firing due timers in order and letting their promises settle. */
  async advance(ms: number): Promise<void> {
    const end = this.now + ms;
    for (;;) {
      await settle();
      const next = this.queue.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.queue = this.queue.filter((t) => t !== next);
      this.now = next.at;
      next.callback();
    }
    this.now = end;
    await settle();
  }
}

const settle = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

function setup(options: { gate?: () => Promise<number>; taskMs?: number } = {}) {
  const timers = new FakeTimers();
  const runs: number[] = [];
  let seen = 0;
  let requested = 0;
  const task = async () => {
    runs.push(timers.now);
    if (options.taskMs) await new Promise<void>((resolve) => timers.set(resolve, options.taskMs!));
    seen = requested;
  };
  const coalescer = new Coalescer(task, { intervalMs: 500, now: () => timers.now, timers, gate: options.gate });
  const request = () => {
    requested++;
    coalescer.request();
  };
  return { timers, runs, request, coalescer, seen: () => seen, requested: () => requested };
}

describe('Coalescer (load:update at most twice a second)', () => {
  it('runs once at once for a burst, then once more after the interval with everything requested', async () => {
    const t = setup();
    for (let i = 0; i < 20; i++) t.request();
    await t.timers.advance(0);
    expect(t.runs).toEqual([0]);
    for (let i = 0; i < 20; i++) {
      await t.timers.advance(20);
      t.request();
    }
    await t.timers.advance(2_000);
    // 41 requests over 400 ms: the leading run and one trailing run 500 ms later, which saw them all.
    expect(t.runs).toEqual([0, 500]);
    expect(t.seen()).toBe(t.requested());
  });

  it('never runs more often than the interval under a steady stream, and the last run sees the last request', async () => {
    const t = setup();
    for (let ms = 0; ms < 3_000; ms += 10) {
      t.request();
      await t.timers.advance(10);
    }
    await t.timers.advance(1_000);
    const gaps = t.runs.slice(1).map((at, i) => at - t.runs[i]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(500);
    expect(t.runs.length).toBeLessThanOrEqual(7);
    expect(t.seen()).toBe(t.requested());
  });

  it('does not run without a request, and runs again for a request that came in while it ran', async () => {
    const t = setup({ taskMs: 300 });
    await t.timers.advance(5_000);
    expect(t.runs).toEqual([]);
    t.request();
    await t.timers.advance(100);
    t.request(); // while the first run is still busy
    await t.timers.advance(5_000);
    // The second run waits for the first to finish (at 5,300) and for the interval (5,500).
    expect(t.runs).toEqual([5_000, 5_500]);
    expect(t.seen()).toBe(2);
  });

  it('waits for the gate when another process has just run, then runs', async () => {
    const answers = [300, 0];
    const t = setup({ gate: async () => answers.shift() ?? 0 });
    t.request();
    await t.timers.advance(0);
    expect(t.runs).toEqual([]);
    await t.timers.advance(299);
    expect(t.runs).toEqual([]);
    await t.timers.advance(1);
    expect(t.runs).toEqual([300]);
  });

  it('carries on after a failing run or gate', async () => {
    const timers = new FakeTimers();
    const errors: unknown[] = [];
    let calls = 0;
    const coalescer = new Coalescer(
      async () => {
        calls++;
        if (calls === 1) throw new Error('database down');
      },
      { intervalMs: 500, now: () => timers.now, timers, gate: () => Promise.reject(new Error('redis down')), onError: (e) => errors.push(e) },
    );
    coalescer.request();
    await timers.advance(0);
    coalescer.request();
    await timers.advance(600);
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
  });

  it('stops after close', async () => {
    const t = setup();
    t.request();
    t.coalescer.close();
    await t.timers.advance(1_000);
    expect(t.runs).toEqual([]);
  });
});
