import { DomainError } from '@wavedesk/common';
import {
  BusinessCalendar,
  addBusinessDays,
  businessDaysBetween,
  businessDaysInRange,
  closedReason,
  dayOfWeek,
  isBusinessDay,
  jstDate,
} from './business-calendar';

describe('business calendar', () => {
  it('closes on national holidays, weekends and the year-end break, and names the reason', () => {
    expect(isBusinessDay('2026-11-23')).toBe(false);
    expect(closedReason('2026-11-23')).toBe('勤労感謝の日');
    expect(isBusinessDay('2026-11-24')).toBe(true);
    expect(closedReason('2026-11-21')).toBe('土曜日');
    expect(closedReason('2026-11-22')).toBe('日曜日');
    expect(closedReason('2026-12-29')).toBe('年末年始');
    expect(closedReason('2027-01-02')).toBe('年末年始');
    expect(closedReason('2027-01-01')).toBe('元日');
    expect(closedReason('2026-09-22')).toBe('休日'); // 国民の休日 between 敬老の日 and 秋分の日
  });

  it('knows that 2027 opens on Monday 4 January and 2026 closes on Monday 28 December', () => {
    expect(businessDaysInRange('2026-12-26', '2027-01-06')).toEqual(['2026-12-28', '2027-01-04', '2027-01-05', '2027-01-06']);
    expect(addBusinessDays('2026-12-28', 1)).toBe('2027-01-04');
    expect(addBusinessDays('2027-01-04', -1)).toBe('2026-12-28');
    expect(businessDaysBetween('2026-12-28', '2027-01-04')).toBe(1);
  });

  it('skips the whole of Golden Week 2026 (4/29 and 5/3–5/6 with the substitute holiday)', () => {
    expect(businessDaysInRange('2026-04-28', '2026-05-08')).toEqual([
      '2026-04-28',
      '2026-04-30',
      '2026-05-01',
      '2026-05-07',
      '2026-05-08',
    ]);
    expect(addBusinessDays('2026-05-01', 1)).toBe('2026-05-07');
    expect(closedReason('2026-05-06')).toBe('こどもの日 振替休日');
  });

  it('counts a postal delay in business days: mailed Friday 2026-11-20, +2 arrives Wednesday 11-25', () => {
    expect(addBusinessDays('2026-11-20', 2)).toBe('2026-11-25');
    expect(businessDaysBetween('2026-11-20', '2026-11-25')).toBe(2);
    expect(businessDaysBetween('2026-11-25', '2026-11-20')).toBe(-2);
    // n = 0 rolls a closed day forward to the next business day, and leaves a business day alone.
    expect(addBusinessDays('2026-11-21', 0)).toBe('2026-11-24');
    expect(addBusinessDays('2026-11-24', 0)).toBe('2026-11-24');
    // From a closed day, +1 is the first business day after it.
    expect(addBusinessDays('2026-11-22', 1)).toBe('2026-11-24');
  });

  it('agrees with a day-by-day count over two years for every pair of offsets', () => {
    const days = businessDaysInRange('2026-01-01', '2027-12-31');
    // 2026: 365 days − 104 weekend days − 17 holidays on weekdays (5/3 is a Sunday) − 4 year-end weekdays
    // (1/2, 12/29, 12/30, 12/31) = 240 business days.
    expect(days.filter((d) => d.startsWith('2026'))).toHaveLength(240);
    for (let k = 0; k < days.length; k += 37) {
      expect(addBusinessDays(days[0], k)).toBe(days[k]);
      expect(businessDaysBetween(days[0], days[k])).toBe(k);
    }
  });

  it('does not depend on the server time zone', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'UTC';
      // 2026-11-23 01:00 JST is 2026-11-22 16:00 UTC: still 勤労感謝の日 in Japan.
      expect(jstDate(new Date('2026-11-22T16:00:00Z'))).toBe('2026-11-23');
      expect(isBusinessDay(jstDate(new Date('2026-11-22T16:00:00Z')))).toBe(false);
      expect(dayOfWeek('2026-11-23')).toBe(1);
      process.env.TZ = 'America/Los_Angeles';
      expect(isBusinessDay('2026-11-23')).toBe(false);
      expect(addBusinessDays('2026-11-20', 2)).toBe('2026-11-25');
    } finally {
      process.env.TZ = saved;
    }
  });

  it('lets a municipality open on a Saturday or close on a weekday, and the year-end break be switched off', () => {
    const calendar = new BusinessCalendar({ extraOpenDates: ['2026-11-21'], extraClosedDates: ['2026-11-24'] });
    expect(calendar.isBusinessDay('2026-11-21')).toBe(true);
    expect(calendar.closedReason('2026-11-24')).toBe('休業日');
    expect(calendar.addBusinessDays('2026-11-20', 2)).toBe('2026-11-25');
    expect(new BusinessCalendar({ yearEndClosure: false }).isBusinessDay('2026-12-29')).toBe(true);
  });

  it('refuses dates that do not exist or lie outside the holiday data with a 400', () => {
    expect(() => isBusinessDay('2026-02-30')).toThrow(DomainError);
    expect(() => isBusinessDay('2026/11/23')).toThrow(DomainError);
    try {
      isBusinessDay('2051-01-05');
      throw new Error('expected a DomainError');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).status).toBe(400);
      expect((e as DomainError).code).toBe('date_out_of_range');
    }
    expect(() => addBusinessDays('2050-12-28', 5)).toThrow(DomainError);
  });
});
