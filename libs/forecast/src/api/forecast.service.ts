import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditService } from '@wavedesk/audit';
import { Clock } from '@wavedesk/common';
import { LIVE_EVENTS, UNION_ROOM, type AuthUser } from '@wavedesk/contracts';
import { LivePublisher } from '@wavedesk/live';
import { addCalendarDays, jstDate, type IsoDate } from '../business-calendar';
import { ForecastModel, sumForecasts, type ForecastWave, type PlanForecast } from '../forecast.model';
import { recalibrate, type RecalibrationResult } from '../recalibration';
import { averageHandlingTime } from '../staffing';
import { NoActuals, type ActualsSource } from './actuals-source';
import { ForecastSetting } from './forecast-setting.entity';
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
  /** Whether waves not yet mailed are forecast with the recalibrated rate and curve. */
  recalibrated: boolean;
  dates: IsoDate[];
  hours: readonly number[];
  union: ForecastSeries;
  municipalities: ForecastSeries[];
  waves: PlanForecast['waves'];
}

const USE_RECALIBRATED = 'useRecalibrated';
const RECALIBRATION_CACHE_MS = 60_000;

/**
 * The forecast of the current plan. The waves come from a `WaveSource` that the mailing library hands in
 * (`useWaveSource`), the logged counts from an `ActualsSource` the inquiries library hands in; both are
 * read on demand and cached. Mailing code calls `planChanged()` when a wave is added, moved, held or
 * resumed, which recomputes and pushes `forecast:update` to the dashboards.
 */
@Injectable()
export class ForecastService {
  readonly model = new ForecastModel();
  /** Goes up whenever the plan changes, so that caches of forecast figures know they are stale. */
  generation = 0;
  private waves: ForecastWave[] | null = null;
  private source: WaveSource = new NoWaves();
  private actuals: ActualsSource = new NoActuals();
  private recalibrated: { at: number; date: IsoDate; generation: number; model: ForecastModel } | null = null;

  constructor(
    @InjectRepository(ForecastSetting) private readonly settings: Repository<ForecastSetting>,
    private readonly live: LivePublisher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The mailing library hands in the real waves when it starts. */
  useWaveSource(source: WaveSource): void {
    this.source = source;
    this.invalidate();
  }

  /** The inquiries library hands in the logged counts when it starts. */
  useActualsSource(source: ActualsSource): void {
    this.actuals = source;
  }

  async planWaves(): Promise<ForecastWave[]> {
    if (!this.waves) this.waves = await this.source.forecastWaves();
    return this.waves;
  }

  async planChanged(reason: string): Promise<void> {
    this.invalidate();
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
    const range = { from, to, municipalityCodes: codes, granularity };
    const recalibrated = (await this.useRecalibrated()) ? await this.recalibratedModel(today) : null;
    const plan = recalibrated
      ? sumForecasts(
          this.model.forecast(waves.filter((w) => w.mailDate <= today), range),
          recalibrated.forecast(waves.filter((w) => w.mailDate > today), range),
        )
      : this.model.forecast(waves, range);
    return toView(plan, granularity, recalibrated !== null);
  }

  /**
   * The survey's values re-estimated from what was logged for waves already mailed, with both forecasts
   * side by side and their error (WAPE) per day and municipality.
   */
  async recalibration(asOf?: IsoDate): Promise<RecalibrationResult & { useRecalibrated: boolean }> {
    const date = asOf ?? jstDate(this.clock.now());
    const mailed = (await this.planWaves()).filter((w) => w.mailDate <= date);
    const first = mailed.reduce<IsoDate | null>((min, w) => (min === null || w.mailDate < min ? w.mailDate : min), null);
    const actuals = first ? await this.actuals.dailyCounts(first, date) : [];
    return { ...recalibrate({ waves: mailed, actuals, asOf: date }, this.model.calendar), useRecalibrated: await this.useRecalibrated() };
  }

  /** The average handling time to staff with: logged phone durations once there are enough, else 6 minutes. */
  async averageHandlingTime(): Promise<ReturnType<typeof averageHandlingTime>> {
    return averageHandlingTime(await this.actuals.recentPhoneDurations());
  }

  async useRecalibrated(): Promise<boolean> {
    const row = await this.settings.findOneBy({ key: USE_RECALIBRATED });
    return row ? JSON.parse(row.value) === true : false;
  }

  /** The switch: whether waves not yet mailed use the recalibrated values. Audited; dashboards are told. */
  async setUseRecalibrated(value: boolean, actor: AuthUser, clientAddress: string): Promise<{ useRecalibrated: boolean }> {
    await this.settings.save({ key: USE_RECALIBRATED, value: JSON.stringify(value), updatedBy: actor.username, updatedAt: new Date() });
    await this.audit.record({ actor, action: 'forecast.settings', target: 'forecast:useRecalibrated', clientAddress, detail: { useRecalibrated: value } });
    await this.planChanged(value ? '再推計値を使用' : '調査値を使用');
    return { useRecalibrated: value };
  }

  private async recalibratedModel(today: IsoDate): Promise<ForecastModel> {
    const c = this.recalibrated;
    if (c && c.date === today && c.generation === this.generation && Date.now() - c.at < RECALIBRATION_CACHE_MS) return c.model;
    const result = await this.recalibration(today);
    const model = new ForecastModel(result.parameters, this.model.calendar);
    this.recalibrated = { at: Date.now(), date: today, generation: this.generation, model };
    return model;
  }

  private invalidate(): void {
    this.waves = null;
    this.recalibrated = null;
    this.generation++;
  }
}

function toView(plan: PlanForecast, granularity: 'day' | 'hour', recalibrated: boolean): ForecastView {
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
    recalibrated,
    dates: plan.dates,
    hours: plan.hours,
    union: series('union', plan.unionDaily, plan.unionHourly, 0),
    municipalities: plan.municipalityCodes.map((code, m) => series(code, plan.daily, plan.hourly, m * D)),
    waves: plan.waves,
  };
}
