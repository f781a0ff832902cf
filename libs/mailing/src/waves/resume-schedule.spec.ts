import { BusinessCalendar } from '@wavedesk/forecast';
import { resumeSchedule, type ScheduledWave } from './resume-schedule';

const calendar = new BusinessCalendar();
const w = (id: number, seq: number, mailDate: string, status = 'approved'): ScheduledWave => ({ id, seq, name: `第${seq}波`, status, mailDate });

describe('resumeSchedule', () => {
  it('moves a wave held past its date to today and the later waves by the same business days', () => {
    // Held wave was due Mon 2027-02-15; resumed on Thu 2027-02-18: 3 business days later.
    const s = resumeSchedule({
      calendar,
      today: '2027-02-18',
      wave: w(1, 1, '2027-02-15', 'held'),
      others: [w(2, 2, '2027-02-22'), w(3, 3, '2027-03-01'), w(4, 0, '2027-02-01', 'done')],
    });
    expect(s.shiftBusinessDays).toBe(3);
    expect(s.wave).toMatchObject({ from: '2027-02-15', to: '2027-02-18' });
    // 2027-02-23 is 天皇誕生日: 02-22 + 3 business days = 02-26; spacing (5 business days) is kept.
    expect(s.later.map((c) => [c.id, c.from, c.to])).toEqual([
      [2, '2027-02-22', '2027-02-26'],
      [3, '2027-03-01', '2027-03-04'],
    ]);
    expect(calendar.businessDaysBetween(s.wave.to, s.later[0].to)).toBe(calendar.businessDaysBetween('2027-02-15', '2027-02-22'));
  });

  it('moves nothing when the held wave is still ahead, and refuses a closed or past date', () => {
    const s = resumeSchedule({ calendar, today: '2027-02-01', wave: w(1, 1, '2027-02-15', 'held'), others: [w(2, 2, '2027-02-22')] });
    expect(s.shiftBusinessDays).toBe(0);
    expect(s.later[0].to).toBe('2027-02-22');
    expect(() => resumeSchedule({ calendar, today: '2027-02-01', wave: w(1, 1, '2027-02-15'), others: [], requested: '2027-02-23' })).toThrow(/天皇誕生日/);
    expect(() => resumeSchedule({ calendar, today: '2027-02-10', wave: w(1, 1, '2027-02-15'), others: [], requested: '2027-02-09' })).toThrow(/過去/);
  });

  it('a weekend resume starts on the next business day and reports waves beyond the window', () => {
    const s = resumeSchedule({ calendar, today: '2027-02-20', wave: w(1, 1, '2027-02-15', 'held'), others: [w(2, 2, '2027-02-24')], mailTo: '2027-02-26' });
    expect(s.wave.to).toBe('2027-02-22');
    expect(s.later[0].to).toBe('2027-03-03'); // 5 business days after 02-24, like 02-15 → 02-22
    expect(s.outsideWindow).toEqual([2]);
  });
});
