import { ForecastModel } from '@wavedesk/forecast';
import { expectedLoadFromForecast } from '../rules/expected-load';
import { expectedLoadFromView } from './expected-from-view';

describe('expectedLoadFromView', () => {
  it('gives the same figures as the plan forecast it was made from', () => {
    const model = new ForecastModel();
    const waves = [
      { municipalityCode: '011002', mailDate: '2027-04-05', forms: 100_000 },
      { municipalityCode: '012041', mailDate: '2027-04-12', forms: 20_000 },
    ];
    const plan = model.forecast(waves, { from: '2027-04-05', to: '2027-05-10', municipalityCodes: ['011002', '012041'], granularity: 'day' });
    const D = plan.dates.length;
    const view = {
      dates: plan.dates,
      union: { code: 'union', total: 0, daily: Array.from(plan.unionDaily) },
      municipalities: plan.municipalityCodes.map((code, m) => ({ code, total: 0, daily: Array.from(plan.daily.subarray(m * D, (m + 1) * D)) })),
    };
    const a = expectedLoadFromForecast(plan, model.parameters.channels);
    const b = expectedLoadFromView(view, model.parameters.channels);
    for (const date of ['2027-04-07', '2027-04-08', '2027-04-15', '2027-05-10', '2027-06-01']) {
      for (const code of ['011002', '012041', '016012', null]) expect(b.daily(date, code)).toBeCloseTo(a.daily(date, code), 9);
    }
    expect(Array.from(b.intervalShares(15))).toEqual(Array.from(a.intervalShares(15)));
  });
});
