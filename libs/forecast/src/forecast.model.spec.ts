import { DomainError } from '@wavedesk/common';
import { addBusinessDays, businessDaysBetween } from './business-calendar';
import { DEFAULT_FORECAST_PARAMETERS } from './forecast-parameters';
import { ForecastModel, sumForecasts, type ForecastWave } from './forecast.model';
import { hokkaidoWaves } from './testing/hokkaido-plan';

const RATE = 47344 / 3262639;
const PEAK = 2251 / 47344;
const SAPPORO = '011002';
const HAKODATE = '012025';

describe('forecast model', () => {
  const model = new ForecastModel();

  it('sends a wave’s inquiries after the postal delay: mailed Fri 2026-11-20, arrives Wed 11-25, peaks Thu 11-26', () => {
    const f = model.forecast([{ municipalityCode: SAPPORO, mailDate: '2026-11-20', forms: 100000 }], { from: '2026-11-16', to: '2027-06-30' });
    expect(f.waves[0]).toMatchObject({ arrivalDate: '2026-11-25', peakDate: '2026-11-26', expectedInquiries: 100000 * RATE });
    const day = (date: string) => f.daily[f.dates.indexOf(date)];
    expect(day('2026-11-24')).toBe(0);
    expect(day('2026-11-25')).toBeCloseTo((100000 * RATE * PEAK * 0.5) / model.curve.decay, 9);
    expect(day('2026-11-26')).toBeCloseTo(100000 * RATE * PEAK, 9);
    expect(f.dates).not.toContain('2026-11-23'); // 勤労感謝の日
    expect(f.dates).not.toContain('2026-12-29');
    // The whole horizon lies in the range: nothing lost, nothing added.
    expect(f.total).toBeCloseTo(100000 * RATE, 9);
    expect(f.unionDaily).toEqual(f.daily);
  });

  it('spreads each day over the open hours and keeps hours, days and the union consistent', () => {
    const waves: ForecastWave[] = [
      { municipalityCode: SAPPORO, mailDate: '2027-02-15', forms: 240000 },
      { municipalityCode: HAKODATE, mailDate: '2027-03-01', forms: 30000 },
    ];
    const f = model.forecast(waves, { from: '2027-02-01', to: '2027-04-30' });
    const D = f.dates.length;
    const H = f.hours.length;
    expect(f.hours).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(f.hourly).toHaveLength(2 * D * H);
    for (let m = 0; m < 2; m++) {
      for (let d = 0; d < D; d += 7) {
        let sum = 0;
        for (let h = 0; h < H; h++) sum += f.hourly[(m * D + d) * H + h];
        expect(sum).toBeCloseTo(f.daily[m * D + d], 10);
      }
    }
    for (let d = 0; d < D; d++) expect(f.unionDaily[d]).toBeCloseTo(f.daily[d] + f.daily[D + d], 10);
    const peakDay = f.dates.indexOf('2027-02-18');
    expect(f.unionHourly[peakDay * H + 1]).toBeCloseTo(240000 * RATE * PEAK * (60 / 525), 9);
    expect(model.forecast(waves, { from: '2027-02-01', to: '2027-04-30', granularity: 'day' }).hourly).toHaveLength(0);
  });

  it('moves a wave’s whole series by the same number of business days when the wave moves', () => {
    const range = { from: '2027-01-04', to: '2027-08-31' };
    const before = model.forecast([{ municipalityCode: SAPPORO, mailDate: '2027-02-15', forms: 50000 }], range);
    const after = model.forecast([{ municipalityCode: SAPPORO, mailDate: '2027-04-26', forms: 50000 }], range);
    const shift = businessDaysBetween('2027-02-15', '2027-04-26');
    expect(shift).toBe(48); // 50 weekdays less 天皇誕生日 (2/23) and the substitute holiday of 3/22
    for (let d = 0; d + shift < before.dates.length; d++) expect(after.daily[d + shift]).toBe(before.daily[d]);
    expect(after.waves[0].arrivalDate).toBe(addBusinessDays('2027-04-26', 2));
    expect(after.waves[0].arrivalDate).toBe('2027-04-28');
  });

  it('counts only the days inside the range, but keeps other municipalities in the union when rows are filtered', () => {
    const waves = [
      { municipalityCode: SAPPORO, mailDate: '2027-02-15', forms: 240000 },
      { municipalityCode: HAKODATE, mailDate: '2027-02-15', forms: 30000 },
    ];
    const whole = model.forecast(waves, { from: '2027-01-04', to: '2027-12-28' });
    const part = model.forecast(waves, { from: '2027-03-01', to: '2027-03-31', municipalityCodes: [HAKODATE] });
    expect(part.municipalityCodes).toEqual([HAKODATE]);
    expect(part.daily).toHaveLength(part.dates.length);
    const offset = whole.dates.indexOf('2027-03-01');
    part.dates.forEach((date, d) => {
      expect(part.daily[d]).toBeCloseTo(whole.daily[whole.dates.length + offset + d], 12);
      expect(part.unionDaily[d]).toBeCloseTo(whole.unionDaily[offset + d], 12);
    });
    expect(part.total).toBeLessThan(whole.total);
  });

  it('lowers the union’s peak when the 614,058 forms are dispersed over four weekly waves', () => {
    const range = { from: '2027-01-04', to: '2027-12-28', granularity: 'day' as const };
    const allAtOnce = model.forecast(hokkaidoWaves(['2027-02-15']), range);
    const dispersed = model.forecast(hokkaidoWaves(['2027-02-15', '2027-02-22', '2027-03-01', '2027-03-08']), range);
    expect(allAtOnce.municipalityCodes).toHaveLength(179);
    expect(allAtOnce.total).toBeCloseTo(614058 * RATE, 8);
    expect(dispersed.total).toBeCloseTo(614058 * RATE, 8);
    // One wave: the union's peak is the survey's 試算, 423.66 (424 shown).
    expect(Math.max(...allAtOnce.unionDaily)).toBeCloseTo(614058 * RATE * PEAK, 8);
    // Four waves a week apart overlap (a wave's calls take weeks to fade), so the peak falls to about
    // two thirds rather than a quarter.
    const ratio = Math.max(...dispersed.unionDaily) / Math.max(...allAtOnce.unionDaily);
    expect(ratio).toBeGreaterThan(0.25);
    expect(ratio).toBeLessThan(0.7);
  });

  it('adds two forecasts of the same range cell by cell', () => {
    const range = { from: '2027-02-01', to: '2027-05-31', municipalityCodes: [SAPPORO] };
    const a = model.forecast([{ municipalityCode: SAPPORO, mailDate: '2027-02-15', forms: 1000 }], range);
    const b = new ForecastModel({ inquiryRate: 0.02 }).forecast([{ municipalityCode: SAPPORO, mailDate: '2027-03-01', forms: 1000 }], range);
    const both = sumForecasts(a, b);
    expect(both.total).toBeCloseTo(a.total + b.total, 12);
    expect(both.daily[10]).toBeCloseTo(a.daily[10] + b.daily[10], 12);
    expect(both.waves).toHaveLength(2);
    expect(() => sumForecasts(a, model.forecast([], { from: '2027-02-02', to: '2027-05-31', municipalityCodes: [SAPPORO] }))).toThrow();
  });

  it('splits a day’s phone calls into 30-minute intervals by channel share', () => {
    const intervals = model.intervalLoad(400, 'phone', 30);
    expect(intervals).toHaveLength(18);
    expect(intervals.reduce((s, i) => s + i.inquiries, 0)).toBeCloseTo(200, 12);
    expect(intervals[0]).toEqual({ startsAt: '08:30', endsAt: '09:00', openMinutes: 15, inquiries: (200 * 15) / 525 });
  });

  it('takes other parameters: no postal delay, a shorter horizon', () => {
    const fast = new ForecastModel({ postalDelayBusinessDays: 0, horizonBusinessDays: 30 });
    expect(fast.curve.shares).toHaveLength(30);
    expect(fast.curve.peakShare).toBeCloseTo(DEFAULT_FORECAST_PARAMETERS.peakDayShare, 15);
    const f = fast.forecast([{ municipalityCode: SAPPORO, mailDate: '2026-11-21', forms: 1000 }], { from: '2026-11-16', to: '2026-12-31' });
    expect(f.waves[0].arrivalDate).toBe('2026-11-24'); // mailed on a Saturday: the next business day
  });

  it('refuses bad waves, ranges over two years and bad parameters with per-field 400s', () => {
    const errorsOf = (run: () => unknown) => {
      try {
        run();
      } catch (e) {
        expect(e).toBeInstanceOf(DomainError);
        expect((e as DomainError).status).toBe(400);
        return (e as DomainError).errors?.map((x) => `${x.field}:${x.code}`);
      }
      throw new Error('expected a DomainError');
    };
    const range = { from: '2027-01-04', to: '2027-03-31' };
    expect(
      errorsOf(() =>
        model.forecast(
          [
            { municipalityCode: '011003', mailDate: '2027-02-15', forms: 10 },
            { municipalityCode: SAPPORO, mailDate: '2027-02-30', forms: -1 },
          ],
          range,
        ),
      ),
    ).toEqual(['waves[0].municipalityCode:invalid_municipality_code', 'waves[1].mailDate:invalid_date', 'waves[1].forms:negative']);
    expect(errorsOf(() => model.forecast([], { from: '2027-01-04', to: '2029-01-05' }))).toEqual(['to:range_too_long']);
    expect(model.forecast([], { from: '2027-01-04', to: '2029-01-04' }).dates.length).toBeGreaterThan(480);
    expect(errorsOf(() => model.forecast([], { from: '2027-03-01', to: '2027-02-01' }))).toEqual(['to:ends_before_start']);
    expect(errorsOf(() => new ForecastModel({ inquiryRate: 0 }))).toEqual(['inquiryRate:out_of_range']);
    // Over 20 business days even a flat curve puts 1/19.5 > 2,251/47,344 on each day.
    expect(errorsOf(() => new ForecastModel({ horizonBusinessDays: 20 }))).toEqual(['peakDayShare:out_of_range']);
  });
});
