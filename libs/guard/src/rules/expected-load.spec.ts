import { DEFAULT_CHANNELS, ForecastModel } from '@wavedesk/forecast';
import { ASAHIKAWA, SAPPORO } from '../testing/guard-fixtures';
import { dayIntervalShares, expectedLoadFromForecast } from './expected-load';
import { poissonUpperTail } from './poisson-tail';

describe('expected load', () => {
  it('spreads a day over 15-minute intervals by the intraday profile: 35 intervals of 1/35 from 8:45 to 17:30', () => {
    const shares = dayIntervalShares(DEFAULT_CHANNELS, 15);
    expect(shares).toHaveLength(96);
    const open = [...shares.keys()].filter((i) => shares[i] > 0);
    expect(open[0]).toBe(35); // 8:45
    expect(open[open.length - 1]).toBe(69); // 17:15
    expect(open).toHaveLength(35);
    for (const i of open) expect(shares[i]).toBeCloseTo(1 / 35, 12);
  });

  it('reads the plan forecast per municipality and for the union, and 0 outside it', () => {
    const model = new ForecastModel();
    const waves = [
      { municipalityCode: SAPPORO, mailDate: '2027-04-05', forms: 100_000 },
      { municipalityCode: ASAHIKAWA, mailDate: '2027-04-05', forms: 20_000 },
    ];
    const forecast = model.forecast(waves, { from: '2027-04-05', to: '2027-05-31', granularity: 'day' });
    const load = expectedLoadFromForecast(forecast, model.parameters.channels);
    const peak = '2027-04-08'; // arrival 4/7, busiest the day after
    expect(load.daily(peak, SAPPORO)).toBeCloseTo(100_000 * model.parameters.inquiryRate * model.curve.shares[1], 9);
    expect(load.daily(peak, null)).toBeCloseTo(load.daily(peak, SAPPORO) + load.daily(peak, ASAHIKAWA), 9);
    expect(load.daily('2027-04-10', SAPPORO)).toBe(0); // a Saturday
    expect(load.daily(peak, '016012')).toBe(0);
  });

  it('gives Poisson tail probabilities that agree with exact sums', () => {
    expect(poissonUpperTail(18, 9)).toBeCloseTo(0.005319571251, 10);
    expect(poissonUpperTail(2, 0.3)).toBeCloseTo(0.036936313114, 10);
    expect(poissonUpperTail(46, 400 * (30 / 525))).toBeCloseTo(1.3481488586e-5, 12);
    expect(poissonUpperTail(0, 1)).toBe(1);
    expect(poissonUpperTail(3000, 2000)).toBeGreaterThan(0);
    expect(poissonUpperTail(3000, 2000)).toBeLessThan(1e-80);
  });
});
