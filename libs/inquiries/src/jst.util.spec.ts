import { formatJstDateTime, isCalendarDate, jstDate, jstDayRange, jstHour, msUntilNextJstHour, nextJstDate } from './jst.util';

describe('JST days and hours', () => {
  it('counts 2026-02-15 00:30 JST (15:30 UTC the day before) in the 15th, hour 0', () => {
    const at = new Date('2026-02-14T15:30:00Z');
    expect(jstDate(at)).toBe('2026-02-15');
    expect(jstHour(at)).toBe(0);
    expect(jstHour(new Date('2026-02-15T14:59:59.999Z'))).toBe(23);
  });

  it('spans a JST day from 15:00 UTC to 15:00 UTC', () => {
    const { start, end } = jstDayRange('2026-02-15');
    expect(start.toISOString()).toBe('2026-02-14T15:00:00.000Z');
    expect(end.toISOString()).toBe('2026-02-15T15:00:00.000Z');
    expect(nextJstDate('2026-02-28')).toBe('2026-03-01');
  });

  it('knows real calendar dates', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-2-1')).toBe(false);
  });

  it('formats for Excel and finds the next full hour', () => {
    expect(formatJstDateTime(new Date('2026-02-15T01:02:03Z'))).toBe('2026/02/15 10:02:03');
    expect(msUntilNextJstHour(new Date('2026-02-15T01:59:00Z'))).toBe(60_000);
    expect(msUntilNextJstHour(new Date('2026-02-15T02:00:00Z'))).toBe(3_600_000);
  });
});
