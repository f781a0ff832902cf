import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { copyFileSync, createReadStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { DataSource, In } from 'typeorm';
import { conflict, DomainError } from '@wavedesk/common';
import { APP_CONFIG, type AppConfig } from '@wavedesk/config';
import type { AuthUser, SimulationPhase } from '@wavedesk/contracts';
import { addCalendarDays, businessCalendar, ForecastService, jstDate, type IsoDate } from '@wavedesk/forecast';
import { DEFAULT_DATASET, generateDataset, ImportRegistry, ImportsService, uploadTempDir, type ImportKind } from '@wavedesk/imports';
import { CampaignsService } from '@wavedesk/mailing';
import { MunicipalitiesService } from '@wavedesk/municipalities';
import { MatchRun, MatchingService } from '../../mailing/src/matching';
import { WaveActionsService } from '../../mailing/src/api/wave-actions.service';
import { WavePlanningService } from '../../mailing/src/api/wave-planning.service';
import { callCenterDailyCapacity } from '../../mailing/src/planning/call-center-capacity';
import { Wave } from '../../mailing/src/waves/wave.entity';
import { spreadSapporoOverWards } from './sapporo-wards';
import { SAPPORO_CODE } from './scenarios';

const POLL_MS = 500;
const CLIENT = 'simulation';
/** The union's busiest day under a dispersed plan at full scale (docs/planning.md §5): the roster is sized for it. */
const DISPERSED_PEAK_DAY = 250;
const ROSTER_HEADROOM = 1.25;

export type StepReporter = (phase: SimulationPhase, progress: number, message?: string) => Promise<void>;

export interface PreparedCampaign {
  campaignId: number;
  startDate: IsoDate;
  targets: number;
  /** Operators on the phones on an ordinary day, sized by Erlang C for the plan's scale. */
  roster: number;
}

export class SimulationStopped extends Error {
  constructor() {
    super('simulation stopped');
  }
}

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The set-up of a run, through the same services an administrator uses: generate the synthetic lists (or
 * reuse those of the same scale), import them (queued to the worker; a list imported before is reused),
 * a campaign with two batches, matching (worker), the planner's dispersed waves, approval.
 */
@Injectable()
export class SimulationSetup {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly imports: ImportsService,
    private readonly registry: ImportRegistry,
    private readonly campaigns: CampaignsService,
    private readonly municipalities: MunicipalitiesService,
    private readonly matching: MatchingService,
    private readonly planning: WavePlanningService,
    private readonly waves: WaveActionsService,
    private readonly forecast: ForecastService,
  ) {}

  async prepare(simulationId: number, scale: number, actor: AuthUser, report: StepReporter, stopped: () => boolean): Promise<PreparedCampaign> {
    const check = () => {
      if (stopped()) throw new SimulationStopped();
    };
    await report('generate', 0);
    const insured = Math.max(100, Math.round(DEFAULT_DATASET.insured * scale));
    const dir = join(this.config.dataDir, 'simulation', `insured-${insured}-seed-${DEFAULT_DATASET.seed}`);
    const files = { insured: join(dir, 'insured.sjis.csv'), cardHolders: join(dir, 'card-holders.sjis.csv') };
    if (!existsSync(join(dir, 'ready'))) {
      await generateDataset({ dir, insured, encoding: 'shift_jis' });
      await spreadSapporoOverWards(files.insured);
      writeFileSync(join(dir, 'ready'), ''); // generated and the ward prefixes written: reused by later runs
    }
    check();

    await report('import_insured', 0);
    await this.importList(simulationId, 'insured', files.insured, null, actor, (p) => report('import_insured', p), check);
    await report('import_card_holders', 0);
    await this.importList(simulationId, 'card-holders', files.cardHolders, DEFAULT_DATASET.referenceDate, actor, (p) => report('import_card_holders', p), check);
    await this.assertOneScale(insured);

    await report('campaign', 0);
    const startDate = await this.firstDay();
    const cal = businessCalendar();
    const codes = (await this.municipalities.allCodes()).slice().sort();
    const campaign = await this.campaigns.createCampaign({ name: `シミュレーション${simulationId}（${startDate}〜）` }, actor, CLIENT);
    const first = await this.campaigns.createBatch(campaign.id, {
      name: '1回目分', matchDate: addCalendarDays(startDate, -14), mailFrom: startDate, mailTo: cal.addBusinessDays(startDate, 14),
      municipalityCodes: codes.filter((c, i) => c === SAPPORO_CODE || i % 2 === 0),
    }, actor, CLIENT);
    const secondFrom = cal.addBusinessDays(startDate, 15);
    const second = await this.campaigns.createBatch(campaign.id, {
      name: '2回目分', matchDate: addCalendarDays(secondFrom, -7), mailFrom: secondFrom, mailTo: cal.addBusinessDays(startDate, 29),
      municipalityCodes: codes.filter((c, i) => c !== SAPPORO_CODE && i % 2 === 1),
    }, actor, CLIENT);
    check();

    const roster = this.rosterFor(scale);
    let targets = 0;
    for (const [i, batch] of [first, second].entries()) {
      await report('match', i * 50, `${batch.name}を突合しています`);
      targets += await this.match(batch.id, actor, check);
    }
    await report('plan', 0);
    for (const batch of [first, second]) await this.planning.plan(batch.id, { operators: roster }, actor, CLIENT);
    check();

    const waves = await this.dataSource.getRepository(Wave).find({ where: { batchId: In([first.id, second.id]) }, order: { mailDate: 'ASC', id: 'ASC' } });
    for (const [i, wave] of waves.entries()) {
      await report('approve', Math.round((i / waves.length) * 100), `${wave.name}（${wave.mailDate}）を承認しています`);
      await this.waves.approve(wave.id, actor, CLIENT, 'シミュレーション');
    }
    return { campaignId: campaign.id, startDate, targets, roster };
  }

  /**
   * Operators on the phones: what Erlang C asks for on the union's busiest dispersed day at this scale, with
   * a quarter of headroom (4 at full scale: 381 a day; 3 to scale 0.81; 2 to 0.43; 1 below 0.115).
   */
  rosterFor(scale: number): number {
    for (let n = 1; n < 200; n++) if (callCenterDailyCapacity(this.forecast.model, n) >= ROSTER_HEADROOM * DISPERSED_PEAK_DAY * scale) return n;
    return 200;
  }

  /**
   * The simulated campaign starts on the business day after today, or two months after the last wave
   * already in the database (an earlier run), so the forecasts of two runs never overlap.
   */
  private async firstDay(): Promise<IsoDate> {
    const [row] = await this.dataSource.query('SELECT MAX(mailDate) AS last FROM waves');
    const today = jstDate(new Date());
    const base = row?.last && addCalendarDays(String(row.last), 60) > today ? addCalendarDays(String(row.last), 60) : today;
    return businessCalendar().addBusinessDays(base, 1);
  }

  /** Queues the import like an upload does; a list of the same bytes imported before is reused. */
  private async importList(simulationId: number, kind: ImportKind, path: string, asOf: string | null, actor: AuthUser, progress: (p: number) => Promise<void>, check: () => void): Promise<void> {
    // Where an HTTP upload lands before ImportsService moves it for the worker.
    mkdirSync(uploadTempDir(this.config.dataDir), { recursive: true });
    const upload = join(uploadTempDir(this.config.dataDir), `simulation-${simulationId}-${kind}.csv`);
    let importId: number;
    try {
      copyFileSync(path, upload);
      const queued = await this.imports.accept(
        kind,
        { path: upload, originalname: `simulation-${kind}.csv`, size: statSync(upload).size, sha256: await sha256(upload) },
        { encoding: 'auto', ...(asOf ? { asOf } : {}) },
        actor,
        CLIENT,
      );
      importId = queued.id;
    } catch (error) {
      const details = error instanceof DomainError ? (error.details as { importId?: number } | undefined) : undefined;
      if (!(error instanceof DomainError) || error.code !== 'import_duplicate' || !details?.importId) throw error;
      importId = details.importId;
    }
    for (;;) {
      const record = await this.registry.record(importId);
      if (record.status === 'stored') return;
      if (record.status === 'rejected' || record.status === 'failed') {
        throw conflict('simulation_import_failed', `合成データの取込（取込ID ${importId}）が完了しませんでした: ${record.message ?? record.status}`);
      }
      await progress(record.progress);
      check();
      await sleep(POLL_MS);
    }
  }

  /** Matching with lists of another scale in the same database would mix the two populations. */
  private async assertOneScale(insured: number): Promise<void> {
    const [row] = await this.dataSource.query('SELECT COUNT(*) AS n FROM insured_persons');
    if (Number(row.n) !== insured) {
      throw conflict(
        'simulation_other_scale',
        `このデータベースには別の規模の被保険者一覧（${Number(row.n).toLocaleString('ja-JP')}人）が取り込まれているため、規模 ${insured.toLocaleString('ja-JP')}人のシミュレーションはできません。規模ごとに別のデータベースを使ってください（npm run demo は規模ごとに分けます）。`,
      );
    }
  }

  private async match(batchId: number, actor: AuthUser, check: () => void): Promise<number> {
    const { runId } = await this.matching.requestMatch(batchId, actor, CLIENT);
    for (;;) {
      const run = await this.dataSource.getRepository(MatchRun).findOneByOrFail({ id: runId });
      if (run.status === 'done') {
        const [row] = await this.dataSource.query(`SELECT COUNT(*) AS n FROM batch_match_results WHERE batchId = ? AND outcome = 'target'`, [batchId]);
        return Number(row.n);
      }
      if (run.status === 'failed') throw conflict('simulation_match_failed', `突合（突合ID ${runId}）が失敗しました: ${run.message ?? ''}`);
      check();
      await sleep(POLL_MS);
    }
  }
}
