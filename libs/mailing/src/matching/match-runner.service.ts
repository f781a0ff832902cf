import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, LessThanOrEqual, Repository } from 'typeorm';
import { AuditService } from '@wavedesk/audit';
import { Clock, conflict, notFound } from '@wavedesk/common';
import { LIVE_EVENTS, UNION_ROOM, type MatchProgressEvent } from '@wavedesk/contracts';
import { createRowWriter, exclusiveOnSqlite, ImportRecord, MatchKeyService, sqlDateTime, type RowWriter, type SqlValue } from '@wavedesk/imports';
import { LivePublisher } from '@wavedesk/live';
import { Batch } from '../campaigns/batch.entity';
import { toBatchView } from '../campaigns/campaigns.service';
import { BatchMatcher, Outcome, OUTCOME_OF } from './batch-matcher';
import { MatchReview } from './db/match-review.entity';
import { MatchRun } from './db/match-run.entity';
import { FormLedgerLookup } from './form-ledger';
import { countOutcomes } from './match-counts';
import { loadHolders, loadPersons } from './match-loader';
import { HolderTable, PersonTable } from './match-tables';
import { InsuredKeyMaker } from './insured-keys';

/** Figures of one run, for the CLI and the benchmark. */
export interface MatchRunReport {
  run: MatchRun;
  persons: number;
  holders: number;
  nearCandidates: number;
  loadMs: number;
  matchMs: number;
  writeMs: number;
}

class MatchRefused extends Error {}

/**
 * Matches one batch (発送回): loads the card holders known on its match date and the insured persons of
 * its municipalities as fingerprints (BatchMatcher), decides every person, and replaces the batch's
 * results and review list in one transaction. Used by the worker's `matching` processor and the CLI.
 */
@Injectable()
export class MatchRunner {
  private readonly logger = new Logger('Matching');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(MatchRun) private readonly runs: Repository<MatchRun>,
    @InjectRepository(Batch) private readonly batches: Repository<Batch>,
    @InjectRepository(ImportRecord) private readonly imports: Repository<ImportRecord>,
    private readonly keys: MatchKeyService,
    private readonly formLedger: FormLedgerLookup,
    private readonly live: LivePublisher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Creates a queued run for a batch. Refuses (409) while another run of the batch is queued or running,
   * without an insured list, and without a card-holder list valid on the match date (everyone would be
   * a target).
   */
  async createRun(batchId: number, requestedBy: string): Promise<MatchRun> {
    const batch = await this.batches.findOneBy({ id: batchId });
    if (!batch) throw notFound('batch_not_found', `発送回（ID ${batchId}）が見つかりません。`);
    const running = await this.runs.findOne({ where: { batchId, status: In(['queued', 'running']) } });
    if (running) throw conflict('match_in_progress', `この発送回の突合は実行中です（突合ID ${running.id}）。終わってから実行してください。`, { runId: running.id });
    if ((await this.dataSource.query('SELECT id FROM insured_persons LIMIT 1')).length === 0) {
      throw conflict('no_insured_list', '被保険者一覧がまだ取り込まれていません。先に被保険者一覧を取り込んでください。');
    }
    const lists = await this.imports.count({ where: { kind: 'card-holders', status: 'stored', asOf: LessThanOrEqual(batch.matchDate) } });
    if (lists === 0) {
      throw conflict(
        'no_card_holder_list',
        `突合基準日（${batch.matchDate}）以前を基準日とするカード取得者一覧が取り込まれていません。このまま突合すると全員が送付対象になるため、先にカード取得者一覧を取り込んでください。`,
      );
    }
    return this.runs.save(
      this.runs.create({ batchId, status: 'queued', progress: 0, matchDate: batch.matchDate, holders: 0, persons: 0, requestedBy, requestedAt: this.clock.now() }),
    );
  }

  run(runId: number, onProgress?: (event: MatchProgressEvent) => void): Promise<MatchRunReport> {
    return exclusiveOnSqlite(this.dataSource, () => this.runExclusive(runId, onProgress));
  }

  private async runExclusive(runId: number, onProgress?: (event: MatchProgressEvent) => void): Promise<MatchRunReport> {
    const run = await this.runs.findOneByOrFail({ id: runId });
    const report: MatchRunReport = { run, persons: 0, holders: 0, nearCandidates: 0, loadMs: 0, matchMs: 0, writeMs: 0 };
    if (run.status === 'done' || run.status === 'failed') return report;
    const progress = (step: MatchProgressEvent['step'], value: number, status: MatchProgressEvent['status'] = 'running'): void => {
      const event: MatchProgressEvent = { batchId: run.batchId, runId, status, progress: value, step };
      this.live.emit(UNION_ROOM, LIVE_EVENTS.matchProgress, event);
      onProgress?.(event);
    };
    await this.runs.update(runId, { status: 'running', progress: 0 });
    progress('load', 0);
    try {
      const batchRow = await this.batches.findOneBy({ id: run.batchId });
      if (!batchRow) throw new MatchRefused(`発送回（ID ${run.batchId}）が見つかりません。`);
      const batch = toBatchView(batchRow);
      if (batch.municipalityCodes.length === 0) throw new MatchRefused('この発送回には市町村が指定されていません。');
      await this.batches.update(batch.id, { status: 'matching' });

      // Load: holders known on the match date, the batch's insured persons, who already got a form.
      let t = performance.now();
      const holderImports = await this.imports.find({
        where: { kind: 'card-holders', status: 'stored', asOf: LessThanOrEqual(batch.matchDate) },
        order: { id: 'ASC' },
      });
      const holders = new HolderTable();
      await loadHolders(this.dataSource, holderImports.map((i) => i.id), holders);
      progress('load', 20);
      const persons = new PersonTable(batch.municipalityCodes, batch.matchDate, new InsuredKeyMaker(this.keys.keyHasher, this.keys.directory));
      const insuredImportIds = [...(await loadPersons(this.dataSource, persons, batch.municipalityCodes.length >= this.keys.directory.size))].sort((a, b) => a - b);
      if (persons.size === 0) throw new MatchRefused('この発送回の市町村の被保険者が、被保険者一覧にいません。先に被保険者一覧を取り込んでください。');
      await this.assertSameKey(holderImports.map((i) => i.id));
      const formed = new Set([...(await this.formLedger.formedInsuredNumbers(batch.campaignId))].map(Number));
      report.loadMs = performance.now() - t;
      report.persons = persons.size;
      report.holders = holders.rows;
      await this.runs.update(runId, { progress: 40, holders: holders.rows, persons: persons.size });
      progress('match', 40);

      // Match: fingerprints only; the few near candidates are hashed from their names.
      t = performance.now();
      const matcher = new BatchMatcher(persons, holders, formed);
      const candidates = matcher.run();
      report.nearCandidates = candidates.length;
      for (const i of candidates) matcher.resolveNear(i, this.keys.hasher.nearQueryFingerprints(persons.near[i]));
      const counts = countOutcomes(persons, matcher.outcomes);
      report.matchMs = performance.now() - t;
      progress('write', 60);

      // Write: the batch's results and review list, replaced whole.
      t = performance.now();
      await this.writeResults(batch.id, persons, matcher.outcomes, (share) => progress('write', 60 + Math.floor(share * 39)));
      report.writeMs = performance.now() - t;
      const done: Partial<MatchRun> = {
        status: 'done', progress: 100, summary: JSON.stringify(counts), message: null,
        insuredImportIds: JSON.stringify(insuredImportIds), holderImportIds: JSON.stringify(holderImports.map((i) => i.id)),
        loadMs: Math.round(report.loadMs), matchMs: Math.round(report.matchMs), writeMs: Math.round(report.writeMs), finishedAt: this.clock.now(),
      };
      await this.runs.update(runId, done);
      await this.batches.update(batch.id, { status: 'matched' });
      Object.assign(run, done);
      progress('done', 100, 'done');
      const total = Object.values(counts).reduce((a, c) => a + c.target, 0);
      await this.audit.record({
        actorName: run.requestedBy, action: 'match.finish', target: `batch:${batch.id}`,
        detail: { runId, matchDate: batch.matchDate, persons: persons.size, holders: holders.rows, targets: total, holderImportIds: holderImports.map((i) => i.id), insuredImportIds },
      });
      return report;
    } catch (error) {
      const message = error instanceof MatchRefused ? error.message : '突合中にサーバーでエラーが発生しました。結果は変わっていません。もう一度実行してください。';
      if (!(error instanceof MatchRefused)) {
        const e = error as { name?: string; code?: string; message?: string };
        this.logger.error(`match run ${runId} failed: ${e?.name ?? 'Error'} ${e?.code ?? ''}`.trim());
      }
      const previous = await this.runs.findOne({ where: { batchId: run.batchId, status: 'done' } });
      await this.runs.update(runId, { status: 'failed', message, finishedAt: this.clock.now() });
      await this.batches.update(run.batchId, { status: previous ? 'matched' : 'draft' });
      Object.assign(run, { status: 'failed', message });
      progress('done', 100, 'failed');
      await this.audit.record({ actorName: run.requestedBy, action: 'match.finish', target: `batch:${run.batchId}`, success: false, detail: { runId, message } });
      return report;
    }
  }

  /** Card-holder lists hashed with another MATCH_HMAC_KEY cannot be compared: they must be imported again. */
  private async assertSameKey(importIds: number[]): Promise<void> {
    if (importIds.length === 0) return;
    const stale = await this.imports.find({ where: { id: In(importIds) }, select: { id: true, keyCheck: true } });
    const other = stale.filter((i) => i.keyCheck !== this.keys.keyCheck).map((i) => i.id);
    if (other.length) {
      throw new MatchRefused(
        `カード取得者一覧（取込ID ${other.join('、')}）は、現在と異なる照合キー（MATCH_HMAC_KEY）で取り込まれているため突合できません。これらの一覧を取り込み直してください。`,
      );
    }
  }

  private async writeResults(batchId: number, persons: PersonTable, outcomes: Uint8Array, onShare: (share: number) => void): Promise<void> {
    const n = persons.size;
    // Sorted by 被保険者番号: the results' primary key (batchId, insuredNumber) grows in insert order.
    const SHIFT = 2 ** 22;
    const order = new Float64Array(n);
    for (let i = 0; i < n; i++) order[i] = persons.persons[i].insuredNumber * SHIFT + i;
    order.sort();
    const now = sqlDateTime(this.clock.now());
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    let writer: RowWriter | null = null;
    try {
      await runner.startTransaction();
      const earlier = new Map(
        ((await runner.query('SELECT insuredNumber, reason, status, decidedBy, decidedAt FROM match_reviews WHERE batchId = ?', [batchId])) as Array<Pick<MatchReview, 'insuredNumber' | 'reason' | 'status' | 'decidedBy' | 'decidedAt'>>)
          .map((r) => [r.insuredNumber, r]),
      );
      await runner.query('DELETE FROM batch_match_results WHERE batchId = ?', [batchId]);
      await runner.query('DELETE FROM match_reviews WHERE batchId = ?', [batchId]);
      const results = (writer = await createRowWriter(runner, { table: 'batch_match_results', columns: ['batchId', 'insuredNumber', 'municipalityCode', 'outcome', 'reason'] }));
      const reviewRows: SqlValue[][] = [];
      for (let k = 0; k < n; k++) {
        const i = order[k] % SHIFT;
        const number = persons.insuredNumber(i);
        const code = persons.codes[persons.municipality[i]];
        const { outcome, reason } = OUTCOME_OF[outcomes[i] as Outcome];
        const wait = results.add([batchId, number, code, outcome, reason]);
        if (wait) await wait;
        if (outcome === 'review') {
          // A decision made on the same finding in an earlier run of this batch still stands.
          const before = earlier.get(number);
          const kept = before && before.reason === reason && before.status !== 'pending' ? before : null;
          reviewRows.push([batchId, number, code, reason!, kept ? kept.status : 'pending', kept?.decidedBy ?? null, asSqlDateTime(kept?.decidedAt ?? null), now]);
        }
        if (k % 100_000 === 99_999) onShare(k / n);
      }
      await results.flush();
      // After the results: a second bulk load cannot start on this connection before the first has ended.
      const reviews = (writer = await createRowWriter(runner, {
        table: 'match_reviews', columns: ['batchId', 'insuredNumber', 'municipalityCode', 'reason', 'status', 'decidedBy', 'decidedAt', 'createdAt'],
      }));
      for (const row of reviewRows) await reviews.add(row);
      await reviews.flush();
      await runner.commitTransaction();
    } catch (error) {
      await writer?.abort(); // a bulk load holds the connection until its stream ends
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }
}

/** A DATETIME read back (a Date from MySQL, the stored text from SQLite) in the form it is written. */
const asSqlDateTime = (v: Date | string | null): string | null => (v === null ? null : typeof v === 'string' ? v : sqlDateTime(v));
