import { FixedClock } from '@wavedesk/common';
import { ForecastService, NoWaves, type WaveSource } from '@wavedesk/forecast';
import { NullLivePublisher } from '@wavedesk/live';
import { PlanLoadForecast } from './plan-load-forecast';

class OneWave extends NoWaves implements WaveSource {
  forms = 100_000;
  async forecastWaves() {
    return [{ municipalityCode: '011002', mailDate: '2027-02-15', forms: this.forms }];
  }
}

describe('PlanLoadForecast', () => {
  const noSettings = { findOneBy: async () => null } as unknown as ConstructorParameters<typeof ForecastService>[0];
  const noAudit = { record: async () => undefined } as unknown as ConstructorParameters<typeof ForecastService>[2];
  const forecasts = new ForecastService(noSettings, new NullLivePublisher(), noAudit, new FixedClock(new Date('2027-02-18T00:00:00Z')));
  const source = new OneWave();
  forecasts.useWaveSource(source);
  const load = new PlanLoadForecast(forecasts);

  it("gives the plan's forecast for the day, placed at clock hours within opening time", async () => {
    const day = await load.forDay('2027-02-18');
    const sapporo = day.perMunicipality['011002'];
    expect(sapporo.day).toBeGreaterThan(0);
    expect(sapporo.day).toBeCloseTo(day.total.day, 9);
    expect(sapporo.hours.reduce((s, v) => s + v, 0)).toBeCloseTo(sapporo.day, 9);
    expect(sapporo.hours.slice(0, 8).every((v) => v === 0)).toBe(true);
    expect(sapporo.hours.slice(18).every((v) => v === 0)).toBe(true);
    const view = await forecasts.forecast({ from: '2027-02-18', to: '2027-02-18', granularity: 'day' });
    expect(sapporo.day).toBeCloseTo(view.union.daily[0], 9);
  });

  it('forgets its cache when the plan changes', async () => {
    const before = (await load.forDay('2027-02-18')).total.day;
    source.forms = 200_000;
    await forecasts.planChanged('test');
    expect((await load.forDay('2027-02-18')).total.day).toBeCloseTo(before * 2, 6);
  });

  it('forecasts nothing on a closed day', async () => {
    const sunday = await load.forDay('2027-02-21');
    expect(sunday.total.day).toBe(0);
    expect(sunday.perMunicipality).toEqual({});
  });
});
