import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../../api';
import {
  addDays, dayLabel, extensionText, isUnsupported, parseCount, parsePercent, shortDayLabel, timelineRows, topMunicipalities,
  violationExcessText, waveProgressPercent,
} from './mailing-format';

describe('mailing-format', () => {
  it('writes calendar days as Japanese dates with the weekday, whatever the browser zone', () => {
    expect(dayLabel('2027-02-15')).toBe('2027年2月15日(月)');
    expect(shortDayLabel('2027-02-15')).toBe('2/15(月)');
    expect(addDays('2027-02-26', 3)).toBe('2027-03-01');
  });

  it('reads counts and percentages as people type them, full-width and with separators', () => {
    expect(parseCount('614,058')).toBe(614058);
    expect(parseCount('６１４，０５８')).toBe(614058);
    expect(parseCount(' 838877 ')).toBe(838877);
    expect(parseCount('')).toBeNull();
    expect(parseCount('61万')).toBeNull();
    expect(parseCount('-3')).toBeNull();
    expect(parsePercent('26.8')).toBe(0.268);
    expect(parsePercent('２６．８％')).toBe(0.268);
    expect(parsePercent('0')).toBeNull();
    expect(parsePercent('100')).toBeNull();
    expect(parsePercent('abc')).toBeNull();
  });

  it('gives a wave progress as the share of its units written', () => {
    expect(waveProgressPercent({ written: 0, total: 0 })).toBe(0);
    expect(waveProgressPercent({ written: 1, total: 3 })).toBe(33);
    expect(waveProgressPercent({ written: 3, total: 3 })).toBe(100);
    expect(waveProgressPercent(null)).toBe(0);
  });

  it('says by how much a plan exceeds a capacity, rounding only for display', () => {
    expect(violationExcessText({ kind: 'union', load: 461.6, capacity: 424, excess: 37.6, daysOver: 3 })).toBe('38件超過（上限 424件に対し 462件、3営業日）');
    expect(violationExcessText({ kind: 'waveForms', load: 120000, capacity: 100000, excess: 20000, daysOver: 1 })).toBe('20,000通超過（上限 100,000通に対し 120,000通）');
    expect(extensionText(null)).toBeNull();
    expect(extensionText({ extraBusinessDays: 4, mailTo: '2027-03-04' })).toBe('発送期間をあと4営業日（2027年3月4日(木)まで）延ばせば収まります。');
    expect(extensionText({ extraBusinessDays: null, mailTo: null })).toMatch(/延ばしても収まりません/);
  });

  it('lays the waves and the forecast on one row per day, leaving cancelled waves out', () => {
    const rows = timelineRows(
      [
        { name: '第1波', mailDate: '2027-02-15', forms: 1000 },
        { name: '第2波', mailDate: '2027-02-22', forms: 500 },
        { name: '第3波', mailDate: '2027-02-22', forms: 200, status: 'cancelled' },
      ],
      { dates: ['2027-02-16', '2027-02-17'], union: [10.5, 20] },
      424,
    );
    expect(rows.map((r) => [r.date, r.forms, r.load, r.capacity])).toEqual([
      ['2027-02-15', 1000, 0, 424],
      ['2027-02-16', 0, 10.5, 424],
      ['2027-02-17', 0, 20, 424],
      ['2027-02-22', 500, 0, 424],
    ]);
    expect(rows[3].waves).toEqual(['第2波']);
    expect(timelineRows([{ name: '第1波', mailDate: '2027-02-15', forms: 1 }], null, Infinity)[0]).toMatchObject({ load: null, capacity: null });
  });

  it('keeps the municipalities with most targets for the chart and sums the rest', () => {
    const rows = [
      { code: '1', name: 'A', targets: 5, cardHolders: 1, review: 0 },
      { code: '2', name: 'B', targets: 50, cardHolders: 2, review: 1 },
      { code: '3', name: 'C', targets: 7, cardHolders: 3, review: 2 },
    ];
    expect(topMunicipalities(rows, 1)).toEqual([
      { name: 'B', targets: 50, cardHolders: 2, review: 1 },
      { name: 'その他 2市町村', targets: 12, cardHolders: 4, review: 2 },
    ]);
  });

  it('tells a missing route (not yet supported) from a missing record', () => {
    expect(isUnsupported(new ApiError({ statusCode: 404, code: 'not_found', message: '' }))).toBe(true);
    expect(isUnsupported(new ApiError({ statusCode: 404, code: 'batch_not_found', message: '' }))).toBe(false);
    expect(isUnsupported(null)).toBe(false);
  });
});
