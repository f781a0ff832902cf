import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@wavedesk/common';
import { APP_CONFIG, type AppConfig } from '@wavedesk/config';
import { DEFAULT_CHANNELS } from '@wavedesk/forecast';
import { SimulationRecord } from './simulation.entity';
import { minutesOfDay, simulatedNow, type SimulationTimeline } from './simulated-time';

/** How often each process re-reads the running simulation. */
export const CLOCK_REFRESH_MS = 500;

/** The opening hours the simulated day runs through: the earliest opening and latest closing of the forecast's channels. */
export const SIMULATED_DAY = {
  openMinute: Math.min(...Object.values(DEFAULT_CHANNELS).map((c) => minutesOfDay(c.opensAt))),
  closeMinute: Math.max(...Object.values(DEFAULT_CHANNELS).map((c) => minutesOfDay(c.closesAt))),
};

export const timelineOf = (r: Pick<SimulationRecord, 'startDate' | 'clockStartedAt' | 'speed'>): SimulationTimeline | null =>
  r.startDate && r.clockStartedAt ? { startDate: r.startDate, realStartMs: new Date(r.clockStartedAt).getTime(), speed: Number(r.speed), ...SIMULATED_DAY } : null;

/**
 * The clock of demo and simulation mode (WAVEDESK_SIMULATION=true): while a simulation's clock runs it
 * answers the simulated instant, otherwise the system time. Without the flag it is the system clock and
 * never touches the database. The API and the worker each read the running simulation every 500 ms and
 * compute the same instant from it. Sign-in and tokens do not use this clock: they keep real time.
 */
@Injectable()
export class SimulationClock extends Clock implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SimulationClock');
  private timeline: { id: number; timeline: SimulationTimeline } | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(@InjectDataSource() private readonly dataSource: DataSource, @Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }

  now(): Date {
    if (!this.timeline) return new Date();
    return this.held ? new Date(this.held) : simulatedNow(this.timeline.timeline, Date.now());
  }

  /**
   * In the process that runs the simulation, "now" is where the simulated operators have got to: the
   * runner holds the clock at the start of the stretch it is logging and moves it on when the stretch is
   * logged. So no inquiry is ever stamped before a moment the guard has already evaluated (its statistic
   * only drifts forward), just as at a real desk. Other processes follow the timeline.
   */
  hold(at: Date | null): void {
    this.held = at ? at.getTime() : null;
  }
  private held: number | null = null;

  /** The running simulation the clock follows, if any. */
  current(): { id: number; timeline: SimulationTimeline } | null {
    return this.timeline;
  }

  /** Follow (or stop following) a simulation at once, without waiting for the next read. */
  follow(id: number, timeline: SimulationTimeline | null): void {
    this.set(id, timeline);
    this.owned = timeline !== null;
  }
  /** True while this process runs the simulation: the database is then not asked. */
  private owned = false;

  private set(id: number, timeline: SimulationTimeline | null): void {
    this.timeline = timeline ? { id, timeline } : null;
    this.held = null;
  }

  async refresh(): Promise<void> {
    if (this.owned) return;
    const running = await this.dataSource.getRepository(SimulationRecord).findOne({ where: { status: 'running' }, order: { id: 'DESC' } });
    const timeline = running ? timelineOf(running) : null;
    if (this.owned || (this.timeline?.id === running?.id && timeline)) return; // run here, or unchanged
    this.set(running?.id ?? 0, running && timeline ? timeline : null);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.simulation) return;
    await this.refresh().catch(() => undefined);
    this.timer = setInterval(() => {
      this.refresh().catch((error: unknown) => this.logger.warn(`simulation clock not refreshed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`));
    }, CLOCK_REFRESH_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
