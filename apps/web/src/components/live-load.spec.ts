import { describe, expect, it } from '@jest/globals';
import type { HourLoad, LoadReport } from '../api';
import { addInquiry, applySnapshot, elapsedForecastShare, forecastSoFar, initialLiveLoad, jstDayAndHour, liveLoadView } from './live-load';

const hours = (actual: Record<number, number> = {}, forecast: Record<number, number> = {}): HourLoad[] =>
  Array.from({ length: 24 }, (_, hour) => ({ hour, actual: actual[hour] ?? 0, forecast: forecast[hour] ?? 0 }));

/** GET /api/load at 10:15 JST on 2026-02-16: Sapporo 3 (forecast 6), Hakodate 0 (forecast 2). */
const report: LoadReport = {
  date: '2026-02-16',
  hour: 10,
  generatedAt: '2026-02-16T01:15:00.000Z',
  total: { day: { actual: 3, forecast: 8, ratio: 0.375 }, thisHour: { actual: 1, forecast: 1, ratio: 1 }, hours: hours({ 9: 2, 10: 1 }, { 9: 4, 10: 1, 11: 3 }) },
  municipalities: [
    { municipalityCode: '011002', day: { actual: 3, forecast: 6, ratio: 0.5 }, thisHour: { actual: 1, forecast: 1, ratio: 1 }, hours: hours({ 9: 2, 10: 1 }, { 9: 3, 10: 1, 11: 2 }) },
    { municipalityCode: '012025', day: { actual: 0, forecast: 2, ratio: 0 }, thisHour: { actual: 0, forecast: 0, ratio: null }, hours: hours({}, { 9: 1, 11: 1 }) },
  ],
};
const logged = (id: number, code: string, receivedAt: string, loggedAt = receivedAt) => ({ id, municipalityCode: code, receivedAt, loggedAt });

describe('live load figures', () => {
  it('reads JST days and hours from UTC instants', () => {
    expect(jstDayAndHour('2026-02-15T15:00:00Z')).toEqual({ date: '2026-02-16', hour: 0 });
    expect(jstDayAndHour('2026-02-16T01:20:00.000Z')).toEqual({ date: '2026-02-16', hour: 10 });
  });

  it('adds a pushed inquiry at once: total, municipality, this hour and its hour', () => {
    const state = addInquiry(initialLiveLoad(report), logged(7, '012025', '2026-02-16T01:20:00Z'));
    const view = liveLoadView(state);
    expect(view.total.day).toEqual({ actual: 4, forecast: 8, ratio: 0.5 });
    expect(view.total.thisHour).toEqual({ actual: 2, forecast: 1, ratio: 2 });
    expect(view.total.hours[10].actual).toBe(2);
    const hakodate = view.municipalities[1];
    expect(hakodate.day).toEqual({ actual: 1, forecast: 2, ratio: 0.5 });
    expect(hakodate.hours?.[10].actual).toBe(1);
    expect(view.municipalities[0]).toBe(report.municipalities[0]);
  });

  it('ignores inquiries already counted, pushed twice, of another day, or outside the scope', () => {
    let state = initialLiveLoad(report);
    state = addInquiry(state, logged(1, '011002', '2026-02-16T01:00:00Z')); // logged before the snapshot
    state = addInquiry(state, logged(8, '011002', '2026-02-15T01:00:00Z', '2026-02-16T01:20:00Z')); // received yesterday
    state = addInquiry(state, logged(9, '013030', '2026-02-16T01:20:00Z')); // not visible
    state = addInquiry(state, logged(10, '011002', '2026-02-16T01:20:00Z'));
    state = addInquiry(state, logged(10, '011002', '2026-02-16T01:20:00Z'));
    expect(liveLoadView(state).total.day.actual).toBe(4);
  });

  it('lets the next snapshot take over, keeping only inquiries logged after it', () => {
    let state = initialLiveLoad(report);
    state = addInquiry(state, logged(7, '011002', '2026-02-16T01:20:00Z'));
    state = addInquiry(state, logged(8, '012025', '2026-02-16T01:20:02Z'));
    // The union's snapshot counted #7 (generated between the two) and omits hours per municipality.
    const snapshot: LoadReport = {
      ...report,
      generatedAt: '2026-02-16T01:20:01.000Z',
      total: { ...report.total, day: { actual: 4, forecast: 8, ratio: 0.5 }, hours: hours({ 9: 2, 10: 2 }, { 9: 4, 10: 1, 11: 3 }) },
      municipalities: [{ municipalityCode: '011002', day: { actual: 4, forecast: 6, ratio: 4 / 6 }, thisHour: { actual: 2, forecast: 1, ratio: 2 } }, { municipalityCode: '012025', day: { actual: 0, forecast: 2, ratio: 0 }, thisHour: null }],
    };
    state = applySnapshot(state, snapshot);
    expect(state.pending.map((p) => p.id)).toEqual([8]);
    const view = liveLoadView(state);
    expect(view.total.day.actual).toBe(5);
    expect(view.municipalities[0].day.actual).toBe(4);
    // Sapporo's hours are carried over with #7 in them.
    expect(view.municipalities[0].hours?.[10].actual).toBe(2);
    expect(view.municipalities[1].day.actual).toBe(1);

    // An older snapshot arriving late changes nothing.
    expect(applySnapshot(state, report)).toBe(state);
  });

  it('still puts an inquiry in its hour when the snapshot counted it before its event arrived', () => {
    // The union snapshot (no hours per municipality) already counts #7 for the day; its event comes after.
    const snapshot: LoadReport = {
      ...report,
      generatedAt: '2026-02-16T01:20:05.000Z',
      total: { ...report.total, day: { actual: 4, forecast: 8, ratio: 0.5 } },
      municipalities: [{ municipalityCode: '011002', day: { actual: 3, forecast: 6, ratio: 0.5 }, thisHour: null }, { municipalityCode: '012025', day: { actual: 1, forecast: 2, ratio: 0.5 }, thisHour: null }],
    };
    const state = addInquiry(applySnapshot(initialLiveLoad(report), snapshot), logged(7, '012025', '2026-02-16T01:20:00Z'));
    const view = liveLoadView(state);
    expect(view.total.day.actual).toBe(4); // not counted twice for the day
    expect(view.municipalities[1].day.actual).toBe(1);
    expect(view.municipalities[1].hours?.[10].actual).toBe(1); // but drawn in its hour
  });

  it('reads a municipality missing from the union snapshot as zero', () => {
    const snapshot: LoadReport = { ...report, generatedAt: '2026-02-16T01:30:00.000Z', municipalities: [report.municipalities[0]] };
    const view = liveLoadView(applySnapshot(initialLiveLoad(report), snapshot));
    expect(view.municipalities[1].day).toEqual({ actual: 0, forecast: 0, ratio: null });
    expect(view.municipalities[1].hours?.every((h) => h.actual === 0 && h.forecast === 0)).toBe(true);
  });

  it('works out the forecast so far today', () => {
    expect(forecastSoFar(report.total.hours, 10, 0.5)).toBe(4.5);
    expect(forecastSoFar(report.total.hours, null, 0)).toBe(8);
    expect(elapsedForecastShare(report.total, 10, 0.5)).toBeCloseTo(4.5 / 8);
    expect(elapsedForecastShare(report.total, null, 0)).toBe(1);
    expect(elapsedForecastShare({ ...report.total, hours: hours() }, 10, 0.5)).toBe(0);
  });
});
