import { Injectable } from '@nestjs/common';
import { Clock } from '@wavedesk/common';
import { LIVE_EVENTS, UNION_ROOM } from '@wavedesk/contracts';
import { LivePublisher } from '@wavedesk/live';
import { addCalendarDays, jstDate, type IsoDate } from '../business-calendar';
import { ForecastModel, type ForecastWave, type PlanForecast } from '../forecast.model';
import { NoWaves, type WaveSource } from './wave-source';

export interface ForecastSeries {
  code: string;
  total: number;
  daily: number[];
  /** hourly[d][h], present with granularity=hour. */
  hourly?: number[][];
}

export interface ForecastView {
  from: IsoDate;
  to: IsoDate;
  granularity: 'day' | 'hour';
  dates: IsoDate[];
  hours: readonly number[];
  union: ForecastSeries;
  municipalities: ForecastSeries[];
  waves: PlanForecast['waves'];
}

/**
 * The forecast of the current plan. The waves come from a `WaveSource` that the mailing library hands in
 * (`useWaveSource`), are read once and cached; mailing code calls
 * `planChanged()` when a wave is added, moved, held or resumed, which recomputes and pushes
 * `forecast:update` to the dashboards.
 */
@Injectable()
export class ForecastService {
  readonly model = new ForecastModel();
  private waves: ForecastWave[] | null = null;
  private source: WaveSource = new NoWaves();
  /** Goes up whenever the plan changes, so that caches of forecast figures know they are stale. */
  generation = 0;

  constructor(private readonly live: LivePublisher, private readonly clock: Clock) {}

  /** The mailing library hands in the real waves when it starts. */
  useWaveSource(source: WaveSource): void {
    this.source = source;
    this.waves = null;
    this.generation++;
  }

  async planWaves(): Promise<ForecastWave[]> {
    if (!this.waves) this.waves = await this.source.forecastWaves();
    return this.waves;
  }

  async planChanged(reason: string): Promise<void> {
    this.waves = null;
    this.generation++;
    const waves = await this.planWaves();
    this.live.emit(UNION_ROOM, LIVE_EVENTS.forecastUpdate, {
      reason,
      waves: waves.length,
      totalInquiries: waves.reduce((s, w) => s + this.model.expectedInquiries(w.forms), 0),
    });
  }

  /** The plan's forecast; without dates, from today over the next 120 calendar days. */
  async forecast(query: { from?: IsoDate; to?: IsoDate; municipality?: string; granularity?: 'day' | 'hour' }): Promise<ForecastView> {
    const today = jstDate(this.clock.now());
    const from = query.from ?? today;
    const to = query.to ?? addCalendarDays(from, 120);
    const granularity = query.granularity ?? 'day';
    const waves = await this.planWaves();
    const codes = query.municipality ? [query.municipality] : [...new Set(waves.map((w) => w.municipalityCode))].sort();
    const plan = this.model.forecast(waves, { from, to, municipalityCodes: codes, granularity });
    return toView(plan, granularity);
  }
}

function toView(plan: PlanForecast, granularity: 'day' | 'hour'): ForecastView {
  const D = plan.dates.length;
  const H = plan.hours.length;
  const series = (code: string, daily: Float64Array, hourly: Float64Array, offset: number): ForecastSeries => {
    const days = Array.from(daily.subarray(offset, offset + D));
    return {
      code,
      total: days.reduce((s, v) => s + v, 0),
      daily: days,
      ...(granularity === 'hour'
        ? { hourly: days.map((_, d) => Array.from(hourly.subarray((offset + d) * H, (offset + d + 1) * H))) }
        : {}),
    };
  };
  return {
    from: plan.from,
    to: plan.to,
    granularity,
    dates: plan.dates,
    hours: plan.hours,
    union: series('union', plan.unionDaily, plan.unionHourly, 0),
    municipalities: plan.municipalityCodes.map((code, m) => series(code, plan.daily, plan.hourly, m * D)),
    waves: plan.waves,
  };
}
