import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '@wavedesk/contracts';
import { businessCalendar, mulberry32, type ForecastService, type IsoDate } from '@wavedesk/forecast';
import type { WaveActionsService } from '../../mailing/src/api/wave-actions.service';
import { Wave } from '../../mailing/src/waves/wave.entity';
import { drawInquiries, type DrawnInquiry, type HourlyForecast } from './inquiry-draw';
import { loadMultiplier, operatorsOnDuty, scenarioWindow, type ScenarioInputs, type ScenarioWindow } from './scenarios';
import { jstInstant, simulatedPosition, type SimulationTimeline } from './simulated-time';
import type { SimulationOperators } from './simulation-operators';

/** Business days the clock runs on after the last wave's mail date (its calls fade over them). */
export const TAIL_BUSINESS_DAYS = 10;
/** The most business days a run goes on past its planned end (a wave held and never resumed). */
export const MAX_EXTRA_BUSINESS_DAYS = 30;
const TICK_MS = 1000;
/** The stretch one draw covers at most: the guard's 15-minute interval. */
const PIECE_MINUTES = 15;

export interface RunCounts {
  inquiriesLogged: number;
  inquiriesFailed: number;
  wavesReleased: number;
  holdsSeen: number;
  operatorsOnDuty: number;
}

export interface RunnerDeps {
  dataSource: DataSource;
  /** The load guard, evaluated on the simulated clock (its own timer runs on real time). */
  guard: { evaluateNow(options?: { capacity?: boolean }): Promise<unknown> };
  /** This process's clock, held where the operators have got to. */
  clock: { hold(at: Date | null): void };
  forecast: ForecastService;
  waves: WaveActionsService;
  operators: SimulationOperators;
  actor: AuthUser;
}

export interface RunnerInput {
  simulationId: number;
  campaignId: number;
  timeline: SimulationTimeline;
  inputs: ScenarioInputs;
  seed: number;
  roster: number;
}

/**
 * The clock phase of a run: each second, the stretch of simulated time since the last tick is filled
 * with inquiries drawn around the forecast of the plan as it stands (× the scenario), logged through
 * `POST /api/inquiries` by the simulated operators; at the start of each business day the waves due
 * are released through the wave state machine (the worker writes them) — unless held.
 */
export class SimulationRunner {
  private readonly logger = new Logger('SimulationRunner');
  readonly counts: RunCounts = { inquiriesLogged: 0, inquiriesFailed: 0, wavesReleased: 0, holdsSeen: 0, operatorsOnDuty: 0 };
  private readonly random: () => number;
  private window: ScenarioWindow | null = null;
  private day: { index: number; date: IsoDate; minute: number; forecasts: HourlyForecast[]; generation: number } | null = null;
  private seq = 0;
  endDate: IsoDate | null = null;
  lastDate: IsoDate | null = null;

  constructor(private readonly deps: RunnerDeps, private readonly input: RunnerInput) {
    this.random = mulberry32(input.seed);
  }

  /** The scenario's window, fixed from the plan as the clock starts. */
  async start(): Promise<ScenarioWindow> {
    const waves = await this.campaignWaves();
    const { openMinute, closeMinute } = this.input.timeline;
    this.window = scenarioWindow(
      this.input.inputs,
      waves.map((w) => ({ mailDate: w.mailDate, municipalityCodes: (JSON.parse(w.members) as Array<{ code: string }>).map((m) => m.code) })),
      openMinute,
      closeMinute,
    );
    await this.refreshEnd(waves);
    return this.window;
  }

  /** One tick: catches up from the last tick to the clock's position. Returns false once the campaign is over. */
  async tick(realNowMs: number): Promise<boolean> {
    const pos = simulatedPosition(this.input.timeline, realNowMs);
    while (!this.day || this.day.index < pos.dayIndex) {
      if (this.day) {
        await this.fill(this.day.date, this.day.minute, this.input.timeline.closeMinute);
        await this.deps.guard.evaluateNow();
        await this.watchHolds();
      }
      const index = this.day ? this.day.index + 1 : 0;
      const date = businessCalendar().addBusinessDays(this.input.timeline.startDate, index);
      if (this.endDate && date > this.endDate) return false;
      await this.openDay(index, date);
    }
    await this.fill(this.day.date, this.day.minute, pos.minute);
    this.day.minute = pos.minute;
    await this.deps.guard.evaluateNow();
    await this.watchHolds();
    return true;
  }

  /** Progress of the campaign, 0–100. */
  progress(): number {
    if (!this.day || !this.endDate) return 0;
    const total = businessCalendar().businessDaysBetween(this.input.timeline.startDate, this.endDate) + 1;
    const done = this.day.index + (this.day.minute - this.input.timeline.openMinute) / (this.input.timeline.closeMinute - this.input.timeline.openMinute);
    return Math.min(100, Math.floor((done / total) * 100));
  }

  simulatedDate(): IsoDate | null {
    return this.day?.date ?? null;
  }

  /** Operators on duty on a day (the guard's capacity rule asks about the coming days too). */
  onDuty(date: IsoDate): number {
    return this.window ? operatorsOnDuty(this.input.inputs, this.window, this.input.roster, date) : this.input.roster;
  }

  /**
   * A new business day: as in the morning of a real one, the guard first checks the coming days' capacity
   * (and may hold a wave due today), then the waves due are released.
   */
  private async openDay(index: number, date: IsoDate): Promise<void> {
    this.day = { index, date, minute: this.input.timeline.openMinute, forecasts: [], generation: -1 };
    this.deps.clock.hold(jstInstant(date, this.input.timeline.openMinute));
    this.lastDate = date;
    this.counts.operatorsOnDuty = this.onDuty(date);
    await this.deps.guard.evaluateNow({ capacity: true });
    const waves = await this.campaignWaves();
    for (const wave of waves.filter((w) => w.status === 'approved' && w.mailDate <= date)) {
      try {
        await this.deps.waves.release(wave.id, this.deps.actor, 'simulation', 'シミュレーション：発送日');
        this.counts.wavesReleased++;
      } catch (error) {
        // Held or changed meanwhile (the guard, a supervisor): the state machine said no; nothing was written.
        this.logger.warn(`wave ${wave.id} not released: ${(error as { code?: string }).code ?? 'error'}`);
      }
    }
    await this.refreshEnd(await this.campaignWaves());
  }

  /** The plan as it stands decides the end: the last wave's mail date plus the tail, at most 30 business days past the planned end. */
  private async refreshEnd(waves: Wave[]): Promise<void> {
    const cal = businessCalendar();
    const last = waves.filter((w) => w.status !== 'cancelled').reduce((max, w) => (w.mailDate > max ? w.mailDate : max), this.input.timeline.startDate);
    const end = cal.addBusinessDays(last, TAIL_BUSINESS_DAYS);
    this.plannedEnd ??= end;
    const cap = cal.addBusinessDays(this.plannedEnd, MAX_EXTRA_BUSINESS_DAYS);
    this.endDate = end > cap ? cap : end;
  }
  private plannedEnd: IsoDate | null = null;

  /** Holds of this campaign's waves (by the guard or a supervisor), from the audit log: none is missed between ticks. */
  private async watchHolds(): Promise<void> {
    const ids = (await this.campaignWaves()).map((w) => `wave:${w.id}`);
    if (ids.length === 0) return;
    const [row] = await this.deps.dataSource.query(
      `SELECT COUNT(*) AS n FROM audit_log WHERE action = 'wave.hold' AND success = ? AND target IN (${ids.map(() => '?').join(', ')})`,
      [true, ...ids],
    );
    this.counts.holdsSeen = Number(row.n);
  }

  private async forecasts(date: IsoDate): Promise<HourlyForecast[]> {
    const day = this.day!;
    if (day.generation !== this.deps.forecast.generation || day.forecasts.length === 0) {
      day.generation = this.deps.forecast.generation;
      const view = await this.deps.forecast.forecast({ from: date, to: date, granularity: 'hour' });
      day.forecasts = view.municipalities.map((m) => ({ code: m.code, hourly: m.hourly?.[0] ?? [] }));
      this.hours = view.hours;
    }
    return day.forecasts;
  }
  private hours: readonly number[] = [];

  /**
   * Draws and logs the inquiries of [from, to) of a day, in pieces of at most 15 minutes (the guard's
   * interval), so that a fast clock does not smear a two-hour spike over the whole day.
   */
  private async fill(date: IsoDate, fromMinute: number, toMinute: number): Promise<void> {
    if (toMinute <= fromMinute) return;
    this.deps.clock.hold(jstInstant(date, fromMinute));
    const forecasts = await this.forecasts(date);
    const { openMinute, closeMinute } = this.input.timeline;
    const drawn: DrawnInquiry[] = [];
    for (let from = fromMinute; from < toMinute; ) {
      const to = Math.min(toMinute, (Math.floor(from / PIECE_MINUTES) + 1) * PIECE_MINUTES);
      drawn.push(
        ...drawInquiries(this.random, forecasts, { hours: this.hours, openMinute, closeMinute }, from, to, (code) =>
          loadMultiplier(this.input.inputs, this.window!, code, date, from, to),
        ),
      );
      from = to;
    }
    await this.post(date, drawn);
    this.deps.clock.hold(jstInstant(date, toMinute));
  }

  /**
   * Logs the drawn inquiries one after the other, each at its own moment: the clock of this process is
   * held there and the API stamps the inquiry with it, as a desk PC would.
   */
  private async post(date: IsoDate, drawn: DrawnInquiry[]): Promise<void> {
    const onDuty = Math.max(1, this.counts.operatorsOnDuty);
    for (const inquiry of drawn) {
      const seq = ++this.seq;
      this.deps.clock.hold(jstInstant(date, inquiry.minute));
      const ok = await this.deps.operators.log(seq % onDuty, `sim-${this.input.simulationId}-${seq}`, {
        municipalityCode: inquiry.municipalityCode,
        channel: inquiry.channel,
        category: inquiry.category,
        callerType: inquiry.callerType,
        outcome: inquiry.outcome,
        ...(inquiry.durationSeconds !== null ? { durationSeconds: inquiry.durationSeconds } : {}),
      });
      if (ok) this.counts.inquiriesLogged++;
      else this.counts.inquiriesFailed++;
    }
  }

  private campaignWaves(): Promise<Wave[]> {
    return this.deps.dataSource
      .getRepository(Wave)
      .createQueryBuilder('w')
      .innerJoin('batches', 'b', 'b.id = w.batchId')
      .where('b.campaignId = :id', { id: this.input.campaignId })
      .orderBy('w.mailDate', 'ASC')
      .addOrderBy('w.id', 'ASC')
      .getMany();
  }
}

export const RUNNER_TICK_MS = TICK_MS;
