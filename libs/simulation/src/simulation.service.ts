import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AddressInfo } from 'node:net';
import { DataSource, In } from 'typeorm';
import { AuditService } from '@wavedesk/audit';
import { UsersService } from '@wavedesk/auth';
import { conflict, notFound } from '@wavedesk/common';
import { APP_CONFIG, type AppConfig } from '@wavedesk/config';
import { LIVE_EVENTS, UNION_ROOM, type AuthUser, type ServerClockView, type SimulationPhase, type SimulationView, type SimulationWaveSeen } from '@wavedesk/contracts';
import { businessDaysInRange, ForecastService, RosterService } from '@wavedesk/forecast';
import { GuardEngine } from '@wavedesk/guard';
import { LivePublisher } from '@wavedesk/live';
import { WaveActionsService } from '../../mailing/src/api/wave-actions.service';
import { Wave } from '../../mailing/src/waves/wave.entity';
import type { StartSimulationDto } from './dto/start-simulation.dto';
import { SCENARIO_DEFAULTS, SAPPORO_CODE } from './scenarios';
import { simulatedRate } from './simulated-time';
import { SIMULATED_DAY, SimulationClock } from './simulation-clock';
import { SimulationOperators } from './simulation-operators';
import { RUNNER_TICK_MS, SimulationRunner } from './simulation-runner';
import { SimulationSetup, SimulationStopped } from './simulation-setup.service';
import { SimulationRecord } from './simulation.entity';
import { toSimulationView } from './simulation-view';

const ACTIVE = 'active';
const LOCKED_RETRIES = 180;

const isLocked = (error: unknown): boolean => /SQLITE_BUSY|database is locked/i.test(`${(error as { code?: string }).code ?? ''} ${(error as Error)?.message ?? ''}`);
const STOP_WAIT_MS = 30_000;
const EMIT_EVERY_MS = 500;

const isUniqueViolation = (error: unknown): boolean => {
  const e = error as { code?: string; driverError?: { code?: string } };
  const code = e?.driverError?.code ?? e?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
};

/**
 * The simulator (docs/simulator.md): one run at a time, in this API process. The set-up goes through the
 * services an administrator uses, the clock phase logs inquiries through the HTTP API and releases waves
 * through the state machine; the guard and supervisors act on what they see. Only in WAVEDESK_SIMULATION mode.
 */
@Injectable()
export class SimulationService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Simulation');
  private active: { id: number; stop: boolean; done: Promise<void>; runner: SimulationRunner | null } | null = null;
  private lastEmit = 0;
  private closing = false;
  private lastPhase: SimulationPhase | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly setup: SimulationSetup,
    private readonly clock: SimulationClock,
    private readonly forecast: ForecastService,
    private readonly waves: WaveActionsService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly live: LivePublisher,
    private readonly http: HttpAdapterHost,
    private readonly guard: GuardEngine,
    private readonly roster: RosterService,
  ) {}

  private get records() {
    return this.dataSource.getRepository(SimulationRecord);
  }

  /** A run cut off by a restart of the API cannot go on: it is marked failed so a new one may start. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.simulation) return;
    await this.records.update(
      { status: In(['setting_up', 'running']) },
      { status: 'failed', activeKey: null, message: 'API の再起動で中断しました。新しいシミュレーションを開始してください。', finishedAt: new Date() },
    );
    await this.clock.refresh();
  }

  /**
   * The run's operators on duty go into the roster, as a supervisor would enter them: the business-day
   * default the plan was sized for, and for \`half-operators\` the days of the absence. The dashboard's
   * staffing panel and the guard's capacity rule read them from there (\`roster:update\` pushes them).
   */
  private async setRoster(runner: SimulationRunner, roster: number, window: { date: string | null; untilDate: string | null }, actor: AuthUser): Promise<void> {
    const absent = window.date && window.untilDate ? businessDaysInRange(window.date, window.untilDate) : [];
    const overrides = absent
      .map((date) => ({ date, operators: runner.onDuty(date), note: 'シミュレーション：オペレーターの半数が不在' }))
      .filter((o) => o.operators !== roster);
    await this.roster.save({ defaultOperators: roster, overrides }, actor);
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true; // the live channel is closing too: the last states are stored, not pushed
    if (this.active) {
      this.active.stop = true;
      await this.active.done;
    }
  }

  assertEnabled(): void {
    if (!this.config.simulation) {
      throw conflict(
        'simulation_disabled',
        'シミュレーションは模擬運用モード（WAVEDESK_SIMULATION=true、npm run demo）で起動したときだけ使えます。本番の運用では使えません。',
      );
    }
  }

  async start(dto: StartSimulationDto, actor: AuthUser, clientAddress: string): Promise<SimulationView> {
    this.assertEnabled();
    const defaults = SCENARIO_DEFAULTS[dto.scenario];
    const record = this.records.create({
      scenario: dto.scenario, scale: dto.scale ?? 1, speed: dto.speed ?? 1, seed: dto.seed ?? 1,
      multiplier: dto.multiplier ?? defaults.multiplier, hours: dto.hours ?? defaults.hours,
      status: 'setting_up', phase: 'generate', progress: 0, message: null, activeKey: ACTIVE, campaignId: null, startDate: null, endDate: null,
      clockStartedAt: null, targets: null, inquiriesLogged: 0, inquiriesFailed: 0, wavesReleased: 0, holdsSeen: 0, operatorsOnDuty: null,
      createdBy: actor.username, createdAt: new Date(), finishedAt: null,
    });
    try {
      await this.records.save(record);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const running = await this.records.findOneBy({ activeKey: ACTIVE });
      throw conflict('simulation_running', `シミュレーション（ID ${running?.id ?? '?'}）が実行中です。終わるか停止してから開始してください。`, { simulationId: running?.id ?? null });
    }
    await this.audit.record({
      actor, action: 'simulation.start', target: `simulation:${record.id}`, clientAddress,
      detail: { scenario: record.scenario, scale: record.scale, speed: record.speed, seed: record.seed, multiplier: record.multiplier, hours: record.hours },
    });
    const active = { id: record.id, stop: false, done: Promise.resolve(), runner: null as SimulationRunner | null };
    this.active = active;
    active.done = this.run(record, actor, active).finally(() => {
      if (this.active === active) this.active = null;
    });
    return this.view(record.id);
  }

  async stop(id: number, actor: AuthUser, clientAddress: string): Promise<SimulationView> {
    this.assertEnabled();
    const record = await this.record(id);
    if (!record.activeKey) {
      throw conflict('simulation_not_running', `シミュレーション（ID ${id}）は既に終わっています（${record.status}）。`, { currentStatus: record.status });
    }
    await this.audit.record({ actor, action: 'simulation.stop', target: `simulation:${id}`, clientAddress, detail: { phase: record.phase } });
    if (this.active?.id === id) {
      this.active.stop = true;
      const done = this.active.done;
      await Promise.race([done, new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref())]);
    } else {
      // Not run by this process (it restarted): nothing of it is going on any more.
      await this.finish(id, 'stopped', '停止しました。');
    }
    return this.view(id);
  }

  async list(): Promise<SimulationView[]> {
    const rows = await this.records.find({ order: { id: 'DESC' }, take: 50 });
    return Promise.all(rows.map((r) => this.viewOf(r)));
  }

  async view(id: number): Promise<SimulationView> {
    return this.viewOf(await this.record(id));
  }

  /** GET /api/clock: what "now" is for the server, and how fast it moves. */
  clockView(): ServerClockView {
    const current = this.clock.current();
    return { now: this.clock.now().toISOString(), simulationId: current?.id ?? null, rate: current ? simulatedRate(current.timeline) : 1 };
  }

  private async record(id: number): Promise<SimulationRecord> {
    const record = await this.records.findOneBy({ id });
    if (!record) throw notFound('simulation_not_found', `シミュレーション（ID ${id}）が見つかりません。`);
    return record;
  }

  private async viewOf(r: SimulationRecord): Promise<SimulationView> {
    const current = this.clock.current();
    const following = current?.id === r.id && r.status === 'running';
    return toSimulationView(r, following ? this.clock.now() : null, following ? simulatedRate(current.timeline) : null, r.campaignId ? await this.wavesOf(r.campaignId) : []);
  }

  private async wavesOf(campaignId: number): Promise<SimulationWaveSeen[]> {
    const rows: Array<Wave & { batchName: string }> = await this.dataSource.query(
      `SELECT w.id, w.name, w.mailDate, w.forms, w.status, w.members, b.name AS batchName
         FROM waves w JOIN batches b ON b.id = w.batchId WHERE b.campaignId = ? ORDER BY w.mailDate, w.id`,
      [campaignId],
    );
    return rows.map((w) => ({
      id: Number(w.id), name: w.name, batchName: w.batchName, mailDate: w.mailDate, forms: Number(w.forms), status: w.status,
      includesSapporo: (JSON.parse(w.members) as Array<{ code: string }>).some((m) => m.code === SAPPORO_CODE),
    }));
  }

  /**
   * Stores and pushes the run's state. On embedded SQLite a full-scale import in the worker holds the write
   * lock for a minute: a progress update then waits for the next one, a final one (`force`) is retried.
   */
  private async update(id: number, set: Partial<SimulationRecord>, force = false): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.records.update(id, set);
        break;
      } catch (error) {
        if (!isLocked(error)) throw error;
        if (!force) return;
        if (attempt >= LOCKED_RETRIES) throw error;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
    const now = Date.now();
    // Every step is pushed; progress within a step at most twice a second.
    const newPhase = set.phase !== undefined && set.phase !== this.lastPhase;
    if (this.closing || (!force && !newPhase && now - this.lastEmit < EMIT_EVERY_MS)) return;
    this.lastEmit = now;
    this.lastPhase = set.phase ?? this.lastPhase;
    const view = await this.view(id);
    try {
      this.live.emit(UNION_ROOM, LIVE_EVENTS.simulationProgress, view);
    } catch {
      // Redis away (or the app closing): pages catch up from GET /api/simulations/:id when it is back.
    }
  }

  private async finish(id: number, status: 'completed' | 'stopped' | 'failed', message: string): Promise<void> {
    if (this.clock.current()?.id === id) this.clock.follow(id, null);
    await this.update(id, { status, activeKey: null, phase: 'done', message, finishedAt: new Date() }, true);
  }

  private baseUrl(): string {
    const address = this.http.httpAdapter.getHttpServer().address() as AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  }

  private async run(record: SimulationRecord, actor: AuthUser, control: { stop: boolean; runner: SimulationRunner | null }): Promise<void> {
    const id = record.id;
    let operators: SimulationOperators | null = null;
    try {
      const report = (phase: SimulationPhase, progress: number, message?: string) => this.update(id, { phase, progress: Math.round(progress), message: message ?? null });
      const prepared = await this.setup.prepare(id, Number(record.scale), actor, report, () => control.stop);
      await this.update(id, { campaignId: prepared.campaignId, targets: prepared.targets, startDate: prepared.startDate, operatorsOnDuty: prepared.roster }, true);

      operators = new SimulationOperators(this.baseUrl(), this.users, actor);
      await operators.enlist(id, prepared.roster);
      if (control.stop) throw new SimulationStopped();

      const clockStartedAt = new Date();
      const timeline = { startDate: prepared.startDate, realStartMs: clockStartedAt.getTime(), speed: Number(record.speed), ...SIMULATED_DAY };
      const runner = new SimulationRunner(
        { dataSource: this.dataSource, guard: this.guard, clock: this.clock, forecast: this.forecast, waves: this.waves, operators, actor },
        { simulationId: id, campaignId: prepared.campaignId, timeline, inputs: { scenario: record.scenario, multiplier: Number(record.multiplier), hours: Number(record.hours) }, seed: record.seed, roster: prepared.roster },
      );
      control.runner = runner;
      const window = await runner.start();
      this.clock.follow(id, timeline);
      await this.setRoster(runner, prepared.roster, window, actor);
      await this.update(id, { status: 'running', phase: 'clock', progress: 0, clockStartedAt, endDate: runner.endDate, message: window.description }, true);

      while (!control.stop && (await runner.tick(Date.now()))) {
        await this.update(id, { progress: runner.progress(), endDate: runner.endDate, ...runner.counts });
        await new Promise((resolve) => setTimeout(resolve, RUNNER_TICK_MS));
      }
      await this.update(id, { ...runner.counts, endDate: runner.endDate, progress: control.stop ? runner.progress() : 100 }, true);
      await this.finish(id, control.stop ? 'stopped' : 'completed', control.stop ? '停止しました。記録した問い合わせと発送済みの波はそのまま残ります。' : `${runner.endDate}まで実行しました。`);
    } catch (error) {
      if (error instanceof SimulationStopped) {
        await this.finish(id, 'stopped', '準備の途中で停止しました。完了した手順（取込・突合など）の結果はそのまま残ります。');
      } else {
        this.logger.error(`simulation ${id} failed: ${error instanceof Error ? error.message.split('\n')[0].slice(0, 300) : String(error)}`);
        const message = (error as { message?: string }).message ?? '';
        await this.finish(id, 'failed', `失敗しました: ${message.slice(0, 400)}`).catch(() => undefined);
      }
    } finally {
      await operators?.dismiss();
    }
  }
}
