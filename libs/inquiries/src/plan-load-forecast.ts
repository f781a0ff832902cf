import { Injectable } from '@nestjs/common';
import { ForecastService } from '@wavedesk/forecast';
import { HOURS_PER_DAY, LoadForecast, zeroHours, type DayForecast } from './load-forecast';

/**
 * The load figures' forecast: the plan's forecast for one JST day (every wave planned or released), per
 * municipality and in total, with each opening hour placed at its clock hour (0–23). Cached per day until
 * the plan changes, since the load broadcaster asks up to twice a second.
 */
@Injectable()
export class PlanLoadForecast extends LoadForecast {
  private cached: { date: string; generation: number; forecast: DayForecast } | null = null;

  constructor(private readonly forecasts: ForecastService) {
    super();
  }

  async forDay(date: string): Promise<DayForecast> {
    const generation = this.forecasts.generation;
    if (this.cached?.date === date && this.cached.generation === generation) return this.cached.forecast;
    const view = await this.forecasts.forecast({ from: date, to: date, granularity: 'hour' });
    const toClockHours = (hourly: number[] | undefined): number[] => {
      const hours = zeroHours();
      view.hours.forEach((clockHour, h) => {
        if (clockHour >= 0 && clockHour < HOURS_PER_DAY) hours[clockHour] += hourly?.[h] ?? 0;
      });
      return hours;
    };
    const forecast: DayForecast = {
      perMunicipality: Object.fromEntries(
        view.municipalities
          .filter((m) => (m.daily[0] ?? 0) > 0)
          .map((m) => [m.code, { day: m.daily[0] ?? 0, hours: toClockHours(m.hourly?.[0]) }]),
      ),
      total: { day: view.union.daily[0] ?? 0, hours: toClockHours(view.union.hourly?.[0]) },
    };
    this.cached = { date, generation, forecast };
    return forecast;
  }
}
