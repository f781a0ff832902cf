import { describe, expect, it } from '@jest/globals';
import { serverNow } from './simulation-clock';

describe('the server clock in the browser', () => {
  it('is the browser clock without a simulation', () => {
    expect(serverNow(null, 1_000).getTime()).toBe(1_000);
    expect(serverNow({ view: { now: '2027-02-18T01:00:00.000Z', simulationId: null, rate: 1 }, receivedAt: 0 }, 5_000).getTime()).toBe(5_000);
  });

  it('moves the simulated instant on at its rate, for at most two seconds after the last report', () => {
    const sample = { view: { now: '2027-02-18T01:00:00.000Z', simulationId: 3, rate: 525 }, receivedAt: 10_000 };
    expect(serverNow(sample, 10_000).toISOString()).toBe('2027-02-18T01:00:00.000Z');
    expect(serverNow(sample, 11_000).toISOString()).toBe('2027-02-18T01:08:45.000Z'); // 1 s × 525 = 8¾ min
    expect(serverNow(sample, 60_000).toISOString()).toBe('2027-02-18T01:17:30.000Z');
  });
});
