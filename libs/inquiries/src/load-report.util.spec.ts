import { zeroHours } from './load-forecast';
import { buildLoadReport, municipalityUpdate, unionUpdate } from './load-report.util';

const hours = (values: Record<number, number>): number[] => zeroHours().map((_, h) => values[h] ?? 0);

const forecast = {
  perMunicipality: {
    '011002': { day: 40, hours: hours({ 9: 10, 10: 30 }) },
    '012025': { day: 10, hours: hours({ 9: 10 }) },
  },
  total: { day: 50, hours: hours({ 9: 20, 10: 30 }) },
};

const counts = [
  { municipalityCode: '011002', hour: 9, count: 12 },
  { municipalityCode: '011002', hour: 10, count: 3 },
  { municipalityCode: '012025', hour: 9, count: 5 },
];

const codes = ['011002', '012025', '012033'];

describe('load report', () => {
  const report = buildLoadReport({
    date: '2026-02-15', hour: 10, generatedAt: new Date('2026-02-15T01:30:00Z'), counts, forecast, municipalityCodes: codes, wholeUnion: true,
  });

  it('gives each municipality its day, this hour and 24 hours against the forecast', () => {
    const sapporo = report.municipalities[0];
    expect(sapporo.day).toEqual({ actual: 15, forecast: 40, ratio: 15 / 40 });
    expect(sapporo.thisHour).toEqual({ actual: 3, forecast: 30, ratio: 0.1 });
    expect(sapporo.hours).toHaveLength(24);
    expect(sapporo.hours![9]).toEqual({ hour: 9, actual: 12, forecast: 10 });
    // A municipality with nothing forecast has no ratio rather than an infinite one.
    expect(report.municipalities[2].day).toEqual({ actual: 0, forecast: 0, ratio: null });
  });

  it('totals all of Hokkaido', () => {
    expect(report.total.day).toEqual({ actual: 20, forecast: 50, ratio: 0.4 });
    expect(report.total.thisHour).toEqual({ actual: 3, forecast: 30, ratio: 0.1 });
    expect(report.total.hours[9]).toEqual({ hour: 9, actual: 17, forecast: 20 });
  });

  it('has no "this hour" for another day', () => {
    const past = buildLoadReport({ date: '2026-02-14', hour: null, generatedAt: new Date(), counts: [], forecast, municipalityCodes: codes, wholeUnion: true });
    expect(past.hour).toBeNull();
    expect(past.total.thisHour).toBeNull();
    expect(past.municipalities[0].thisHour).toBeNull();
  });

  it('sends the union room only municipalities with actual or forecast, without their hours', () => {
    const update = unionUpdate(report);
    expect(update.municipalities.map((m) => m.municipalityCode)).toEqual(['011002', '012025']);
    expect(update.municipalities[0].hours).toBeUndefined();
    expect(update.total).toEqual(report.total);
  });

  it('sends a municipality room its own figures, with hours, as the total', () => {
    const update = municipalityUpdate(report, '012025')!;
    expect(update.municipalities).toHaveLength(1);
    expect(update.total.day).toEqual({ actual: 5, forecast: 10, ratio: 0.5 });
    expect(update.total.hours[9]).toEqual({ hour: 9, actual: 5, forecast: 10 });
    expect(municipalityUpdate(report, '999999')).toBeNull();
  });

  it('totals only the visible municipality for a municipal user', () => {
    const own = buildLoadReport({
      date: '2026-02-15', hour: 9, generatedAt: new Date(), counts: counts.filter((c) => c.municipalityCode === '012025'),
      forecast, municipalityCodes: ['012025'], wholeUnion: false,
    });
    expect(own.total.day).toEqual({ actual: 5, forecast: 10, ratio: 0.5 });
    expect(own.municipalities.map((m) => m.municipalityCode)).toEqual(['012025']);
  });
});
