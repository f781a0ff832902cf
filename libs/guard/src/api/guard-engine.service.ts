import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, LessThan, MoreThan } from 'typeorm';
import { Clock } from '@wavedesk/common';
import { jstDate, type IsoDate } from '@wavedesk/forecast';
import { Inquiry } from '@wavedesk/inquiries';
import { isTrip, type GuardDecision } from '../rules/guard-decision';
import { GuardDetector } from '../rules/guard-detector';
import { jstDayStartMs } from '../rules/spike-statistic';
import { GuardActions } from './guard-actions.service';
import { GuardInputs } from './guard-inputs.service';
import { GuardRulesService } from './guard-rules.service';
import { GuardEvent, GuardStateRow } from './guard.entities';
import { advanceCursor, type InquiryCursor } from './inquiry-cursor';

/** After a stored inquiry, the evaluation runs this much later (inquiries arriving meanwhile join it). */
export const DEBOUNCE_MS = 250;
/** The periodic tick (real time): statistics drift, auto resumes fall due, a new day's capacity check. */
export const TICK_MS = 10_000;
/** Inquiries read per evaluation at most (the rest in the next one, at once). */
const BATCH = 5_000;
const STATE_ID = 1;
const CAS_ATTEMPTS = 8;

export interface GuardEvaluation {
  /** Inquiries fed to the detector. */
  inquiries: number;
  decisions: GuardDecision[];
  capacityChecked: boolean;
}

/**
 * Runs the detector against the database (docs/guard.md §5). An evaluation reads the inquiries stored since
 * the last one, feeds them to the detector restored from the stored state, ticks it with the injected
 * clock, runs the capacity rules when due, and stores the state with a compare-and-set on its revision
 * together with the decisions (unique event keys) in one transaction. A process that loses the race
 * discards its work and starts again from the newer state, so two API processes decide once.
 *
 * The inquiry path only calls `nudge()` (a timer, no database work); evaluations in one process run one
 * after the other.
 */
@Injectable()
export class GuardEngine implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Guard');
  private debounce: NodeJS.Timeout | null = null;
  private periodic: NodeJS.Timeout | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private capacityGeneration = -1;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rules: GuardRulesService,
    private readonly inputs: GuardInputs,
    private readonly actions: GuardActions,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.periodic = setInterval(() => void this.evaluateQuietly(), TICK_MS);
    this.periodic.unref();
    void this.evaluateQuietly({ capacity: true });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.periodic) clearInterval(this.periodic);
    if (this.debounce) clearTimeout(this.debounce);
    await this.queue.catch(() => undefined);
  }

  /** An inquiry was stored: evaluate soon. No database work here. */
  nudge(): void {
    if (this.debounce || this.stopped) return;
    this.debounce = setTimeout(() => {
      this.debounce = null;
      void this.evaluateQuietly();
    }, DEBOUNCE_MS);
  }

  /**
   * Evaluates now (after any evaluation already running in this process) and carries out what was
   * decided. For the simulator and tests: `capacity: true` also runs the capacity rules.
   */
  evaluateNow(options: { capacity?: boolean } = {}): Promise<GuardEvaluation> {
    const run = this.queue.then(() => this.evaluateOnce(options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Changes the stored detector (a supervisor resumed or chose to keep holding), with the same compare-and-set. */
  async updateState(change: (detector: GuardDetector) => void): Promise<void> {
    const run = this.queue.then(async () => {
      for (let attempt = 1; attempt <= CAS_ATTEMPTS; attempt++) {
        const row = await this.ensureState();
        const detector = await this.detector(row);
        change(detector);
        if (await this.store(row, detector, { lastId: row.lastInquiryId, gaps: JSON.parse(row.gaps) }, row.capacityCheckedDay, [])) return;
      }
      throw new Error('guard state kept changing');
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async evaluateQuietly(options: { capacity?: boolean } = {}): Promise<void> {
    if (this.stopped) return;
    try {
      const result = await this.evaluateNow(options);
      if (result.inquiries === BATCH) this.nudge();
    } catch (error) {
      if (!this.stopped) this.logger.error(`guard evaluation failed: ${(error as Error).message}`);
    }
  }

  private async evaluateOnce(options: { capacity?: boolean }): Promise<GuardEvaluation> {
    for (let attempt = 1; attempt <= CAS_ATTEMPTS; attempt++) {
      const row = await this.ensureState();
      const now = this.clock.now();
      const today = jstDate(now);
      const generation = this.inputs.planGeneration;
      const detector = await this.detector(row);
      const cursor: InquiryCursor = { lastId: row.lastInquiryId, gaps: JSON.parse(row.gaps) };
      const inquiries = await this.readInquiries(cursor);
      const decisions: GuardDecision[] = [];
      for (const i of inquiries) decisions.push(...detector.observe(i.municipalityCode, new Date(i.loggedAt)));
      decisions.push(...detector.tick(now));
      const capacityDue = options.capacity === true || row.capacityCheckedDay !== today || generation !== this.capacityGeneration;
      if (capacityDue) decisions.push(...detector.checkCapacity(now, await this.inputs.capacityContext()));
      // Real time, not the business clock: how long a missing id may still be an insert that is committing.
      const next = advanceCursor(cursor, inquiries.map((i) => i.id), Date.now());
      if (!(await this.store(row, detector, next, capacityDue ? today : row.capacityCheckedDay, decisions))) continue;
      if (capacityDue) this.capacityGeneration = generation;
      await this.actions.applyPending();
      return { inquiries: inquiries.length, decisions, capacityChecked: capacityDue };
    }
    throw new Error('guard state kept changing under this evaluation');
  }

  private async detector(row: GuardStateRow): Promise<GuardDetector> {
    const rules = (await this.rules.current()).rules;
    const expected = await this.inputs.expected(jstDate(this.clock.now()));
    return GuardDetector.fromJSON(row.state, { rules, expected });
  }

  /** New inquiries (above the cursor) and those of its gaps that have committed meanwhile, by id. */
  private async readInquiries(cursor: InquiryCursor): Promise<Array<Pick<Inquiry, 'id' | 'municipalityCode' | 'loggedAt'>>> {
    const qb = this.dataSource
      .getRepository(Inquiry)
      .createQueryBuilder('i')
      .select(['i.id', 'i.municipalityCode', 'i.loggedAt'])
      .where('i.id > :last', { last: cursor.lastId })
      .orderBy('i.id', 'ASC')
      .take(BATCH);
    const fresh = await qb.getMany();
    if (cursor.gaps.length === 0) return fresh;
    const late = await this.dataSource
      .getRepository(Inquiry)
      .createQueryBuilder('i')
      .select(['i.id', 'i.municipalityCode', 'i.loggedAt'])
      .where('i.id IN (:...ids)', { ids: cursor.gaps.map((g) => g.id) })
      .getMany();
    return [...late, ...fresh].sort((a, b) => a.id - b.id);
  }

  /**
   * Stores the detector if nobody stored a newer state meanwhile, with the trips as guard events (a key
   * already stored is ignored) and the resumes as settled events, all or nothing.
   */
  private async store(row: GuardStateRow, detector: GuardDetector, cursor: InquiryCursor, capacityCheckedDay: IsoDate | null, decisions: GuardDecision[]): Promise<boolean> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(GuardStateRow)
        .set({ state: detector.toJSON(), revision: row.revision + 1, lastInquiryId: cursor.lastId, gaps: JSON.stringify(cursor.gaps), day: jstDate(now), capacityCheckedDay, updatedAt: now })
        .where('id = :id AND revision = :revision', { id: STATE_ID, revision: row.revision })
        .execute();
      if (!result.affected) return false;
      for (const d of decisions) {
        if (isTrip(d)) {
          await manager
            .createQueryBuilder()
            .insert()
            .into(GuardEvent)
            .values({
              eventKey: d.key, ruleId: d.rule.id, ruleVersion: d.rule.version, ruleName: d.rule.name, kind: d.rule.kind, scope: d.scope,
              municipalityCode: d.municipalityCode ?? null, resumeMode: d.rule.resume.mode, evidence: JSON.stringify(d.evidence), wavesHeld: '[]',
              decidedAt: new Date(d.at), createdAt: now,
            })
            .orIgnore()
            .execute();
        } else {
          await manager
            .createQueryBuilder()
            .update(GuardEvent)
            .set({ resumedBy: 'guard', resumedAt: now, resumeEvidence: JSON.stringify(d.evidence) })
            .where('eventKey = :key AND resumedAt IS NULL AND keptAt IS NULL', { key: d.tripKey })
            .execute();
        }
      }
      return true;
    });
  }

  /**
   * The stored state; on first use a new detector with the trips still in force (open guard events) and a
   * cursor at the start of today in Japan, so today's inquiries are fed (decisions replayed carry their
   * first keys and are ignored). Two processes starting at once both try; the second insert is ignored.
   */
  private async ensureState(): Promise<GuardStateRow> {
    const repo = this.dataSource.getRepository(GuardStateRow);
    const row = await repo.findOneBy({ id: STATE_ID });
    if (row) return row;
    const now = this.clock.now();
    const today = jstDate(now);
    const detector = new GuardDetector({ rules: (await this.rules.current()).rules, expected: await this.inputs.expected(today) });
    for (const e of await this.dataSource.getRepository(GuardEvent).find({ where: { resumedAt: IsNull() }, order: { id: 'ASC' } })) {
      detector.restoreTrip(e.ruleId, e.scope === 'union' ? 'union' : (e.municipalityCode ?? ''), new Date(e.decidedAt), e.keptAt ? 'manual' : (e.resumeMode as 'auto' | 'manual'));
    }
    const before = await this.dataSource
      .getRepository(Inquiry)
      .findOne({ where: { loggedAt: LessThan(new Date(jstDayStartMs(today))), id: MoreThan(0) }, order: { id: 'DESC' }, select: { id: true } });
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(GuardStateRow)
      .values({ id: STATE_ID, state: detector.toJSON(), revision: 0, lastInquiryId: before?.id ?? 0, gaps: '[]', day: today, capacityCheckedDay: null, updatedAt: now })
      .orIgnore()
      .execute();
    return repo.findOneByOrFail({ id: STATE_ID });
  }
}
