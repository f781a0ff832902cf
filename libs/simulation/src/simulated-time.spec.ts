import { realMsAtDay, simulatedNow, simulatedPosition, simulatedRate, type SimulationTimeline } from './simulated-time';

const REAL_START = Date.parse('2026-11-29T22:00:00Z');
/** Friday 2027-02-19; Monday 2/22 is a business day, Tuesday 2/23 天皇誕生日 is not. */
const timeline: SimulationTimeline = { startDate: '2027-02-19', realStartMs: REAL_START, speed: 1, openMinute: 525, closeMinute: 1050 };
const jst = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+09:00`).toISOString();
const afterSeconds = (s: number) => REAL_START + s * 1000;

describe('simulated clock', () => {
  it('starts at the opening of the first business day', () => {
    expect(simulatedNow(timeline, REAL_START).toISOString()).toBe(jst('2027-02-19', '08:45'));
    // Before the clock started it stays there.
    expect(simulatedNow(timeline, REAL_START - 60_000).toISOString()).toBe(jst('2027-02-19', '08:45'));
  });

  it('runs one business day (8:45–17:30, 525 minutes) per real minute by default', () => {
    expect(simulatedNow(timeline, afterSeconds(30)).toISOString()).toBe(new Date('2027-02-19T13:07:30+09:00').toISOString());
    expect(simulatedRate(timeline)).toBe(525);
  });

  it('skips the night, the weekend and holidays', () => {
    // One real minute later: not Saturday 2/20 but Monday 2/22 at opening.
    expect(simulatedPosition(timeline, afterSeconds(60))).toMatchObject({ dayIndex: 1, date: '2027-02-22', minute: 525 });
    // Two minutes: Tuesday 2/23 is a holiday, so Wednesday 2/24.
    expect(simulatedPosition(timeline, afterSeconds(120)).date).toBe('2027-02-24');
    expect(simulatedNow(timeline, afterSeconds(119.99)).getTime()).toBeLessThan(Date.parse(jst('2027-02-22', '17:30')));
  });

  it('follows the speed: 10 business days a minute is one day every 6 seconds', () => {
    const fast = { ...timeline, speed: 10 };
    expect(simulatedPosition(fast, afterSeconds(6)).date).toBe('2027-02-22');
    expect(simulatedPosition(fast, afterSeconds(3)).minute).toBeCloseTo(525 + 262.5, 6);
    expect(realMsAtDay(fast, 2)).toBe(afterSeconds(12));
  });
});
