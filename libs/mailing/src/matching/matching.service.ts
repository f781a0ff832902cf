import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import { AuditService } from '@wavedesk/audit';
import { assertMunicipalityAccess, Clock, conflict, forbidden, municipalityScope, notFound } from '@wavedesk/common';
import {
  JOBS, QUEUES, REVIEW_REASON_LABELS,
  type AuthUser, type BatchMatchView, type MatchCounts, type MatchJob, type MatchMunicipalityCounts,
} from '@wavedesk/contracts';
import { InsuredPerson, MatchKeyService } from '@wavedesk/imports';
import { QueueProducer } from '@wavedesk/queues';
import { Batch } from '../campaigns/batch.entity';
import { toBatchView, type BatchView } from '../campaigns/campaigns.service';
import { MatchReview } from './db/match-review.entity';
import { MatchRun } from './db/match-run.entity';
import { MatchRunner } from './match-runner.service';
import { addCounts, emptyStoredCounts, withDecisions, zeroCounts, type StoredCounts } from './match-counts';

export interface ReviewView {
  id: number;
  batchId: number;
  insuredNumber: string;
  municipalityCode: string;
  reason: string;
  reasonLabel: string;
  status: MatchReview['status'];
  decidedBy: string | null;
  decidedAt: string | null;
  /** The insured person (personal data: admins only, every read audited). The holder side is hashes only. */
  person: { name: string; nameKana: string; birthDate: string; sex: string; postalCode: string; address: string } | null;
}

/** Starts matchings, and answers for their results: counts per municipality, the CSV, and the review list. */
@Injectable()
export class MatchingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(MatchRun) private readonly runs: Repository<MatchRun>,
    @InjectRepository(MatchReview) private readonly reviews: Repository<MatchReview>,
    @InjectRepository(Batch) private readonly batches: Repository<Batch>,
    @InjectRepository(InsuredPerson) private readonly persons: Repository<InsuredPerson>,
    private readonly keys: MatchKeyService,
    private readonly runner: MatchRunner,
    private readonly queues: QueueProducer,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  private async batch(id: number): Promise<BatchView> {
    const batch = await this.batches.findOneBy({ id });
    if (!batch) throw notFound('batch_not_found', `発送回（ID ${id}）が見つかりません。`);
    return toBatchView(batch);
  }

  /** Queues a matching of the batch (202). Refuses while one runs, and without the lists it needs. */
  async requestMatch(batchId: number, actor: AuthUser, clientAddress: string): Promise<{ runId: number; status: 'queued' }> {
    await this.batch(batchId);
    this.queues.assertAvailable();
    const run = await this.runner.createRun(batchId, actor.username);
    try {
      await this.queues.enqueue<MatchJob>(QUEUES.matching, JOBS.match, { runId: run.id }, { removeOnComplete: 100, removeOnFail: 100 });
    } catch (error) {
      await this.runs.update(run.id, { status: 'failed', message: 'キューに登録できなかったため、突合していません。', finishedAt: this.clock.now() });
      throw error;
    }
    await this.audit.record({ actor, action: 'match.request', target: `batch:${batchId}`, clientAddress, detail: { runId: run.id, matchDate: run.matchDate } });
    return { runId: run.id, status: 'queued' };
  }

  /**
   * The latest matching of a batch with counts per municipality, review decisions applied. A municipal
   * user gets their own municipality only (403 when the batch does not include it).
   */
  async view(batchId: number, user: AuthUser): Promise<BatchMatchView> {
    const batch = await this.batch(batchId);
    const scope = municipalityScope(user);
    if (scope !== null && !batch.municipalityCodes.includes(scope)) throw forbidden('この発送回にあなたの市町村は含まれていません。');
    const latest = await this.runs.findOne({ where: { batchId }, order: { id: 'DESC' } });
    const done = latest?.status === 'done' ? latest : await this.runs.findOne({ where: { batchId, status: 'done' }, order: { id: 'DESC' } });
    const codes = scope !== null ? [scope] : batch.municipalityCodes;
    let municipalities: MatchMunicipalityCounts[] = [];
    let totals: MatchCounts | null = null;
    if (done?.summary) {
      const stored = JSON.parse(done.summary) as Record<string, StoredCounts>;
      const decided = await this.decisionsByMunicipality(batchId, scope);
      municipalities = codes.map((code) => ({
        code,
        name: this.keys.directory.get(code)?.name ?? code,
        ...withDecisions(stored[code] ?? emptyStoredCounts(), decided.get(code)?.excluded ?? 0, decided.get(code)?.kept ?? 0),
      }));
      totals = municipalities.reduce<MatchCounts>((sum, m) => addCounts(sum, m), zeroCounts());
    }
    const shown = latest ?? null;
    const ids = (s: string | null | undefined): number[] => (s ? (JSON.parse(s) as number[]) : []);
    return {
      batchId, matchDate: batch.matchDate,
      status: shown ? shown.status : 'none', runId: shown?.id ?? null, progress: shown?.progress ?? 0, message: shown?.message ?? null,
      holders: done ? done.holders : null,
      insuredImportIds: ids(done?.insuredImportIds), holderImportIds: ids(done?.holderImportIds),
      requestedBy: shown?.requestedBy ?? null, requestedAt: shown ? new Date(shown.requestedAt).toISOString() : null,
      finishedAt: done?.finishedAt ? new Date(done.finishedAt).toISOString() : null,
      totals, municipalities,
    };
  }

  private async decisionsByMunicipality(batchId: number, scope: string | null): Promise<Map<string, { excluded: number; kept: number }>> {
    const rows: Array<{ municipalityCode: string; status: string; n: number | string }> = await this.dataSource.query(
      `SELECT municipalityCode, status, COUNT(*) AS n FROM match_reviews WHERE batchId = ?${scope ? ' AND municipalityCode = ?' : ''} AND status <> 'pending' GROUP BY municipalityCode, status`,
      scope ? [batchId, scope] : [batchId],
    );
    const out = new Map<string, { excluded: number; kept: number }>();
    for (const r of rows) {
      const m = out.get(r.municipalityCode) ?? { excluded: 0, kept: 0 };
      if (r.status === 'excluded') m.excluded = Number(r.n);
      if (r.status === 'kept') m.kept = Number(r.n);
      out.set(r.municipalityCode, m);
    }
    return out;
  }

  /** The review list of a batch with the persons' 4 information items (admins; the read is audited). */
  async reviewList(batchId: number, status: string | undefined, actor: AuthUser, clientAddress: string): Promise<ReviewView[]> {
    await this.batch(batchId);
    const reviews = await this.reviews.find({ where: { batchId, ...(status ? { status: status as MatchReview['status'] } : {}) }, order: { municipalityCode: 'ASC', insuredNumber: 'ASC' } });
    const people = new Map<string, InsuredPerson>();
    for (let i = 0; i < reviews.length; i += 1000) {
      const chunk = reviews.slice(i, i + 1000).map((r) => r.insuredNumber);
      for (const p of await this.persons.find({ where: { insuredNumber: In(chunk) } })) people.set(p.insuredNumber, p);
    }
    await this.audit.record({ actor, action: 'personal_data.read', target: `batch:${batchId}`, clientAddress, detail: { what: 'match_reviews', persons: reviews.length } });
    return reviews.map((r) => this.reviewView(r, people.get(r.insuredNumber) ?? null));
  }

  /** Settles a review: `exclude` (the holder is this person: no form) or `keep` (mail a form). Audited. */
  async decide(reviewId: number, decision: 'exclude' | 'keep', actor: AuthUser, clientAddress: string): Promise<ReviewView> {
    const review = await this.reviews.findOneBy({ id: reviewId });
    if (!review) throw notFound('review_not_found', `確認対象（ID ${reviewId}）が見つかりません。`);
    assertMunicipalityAccess(actor, review.municipalityCode);
    const running = await this.runs.findOne({ where: { batchId: review.batchId, status: In(['queued', 'running']) } });
    if (running) throw conflict('match_in_progress', 'この発送回は突合の実行中です。終わってから判定してください。');
    const before = review.status;
    review.status = decision === 'exclude' ? 'excluded' : 'kept';
    review.decidedBy = actor.username;
    review.decidedAt = this.clock.now();
    await this.reviews.save(review);
    await this.audit.record({
      actor, action: 'match.review', target: `review:${review.id}`, clientAddress,
      detail: { batchId: review.batchId, insuredNumber: review.insuredNumber, reason: review.reason, before, after: review.status },
    });
    return this.reviewView(review, null);
  }

  private reviewView(r: MatchReview, p: InsuredPerson | null): ReviewView {
    return {
      id: r.id, batchId: r.batchId, insuredNumber: r.insuredNumber, municipalityCode: r.municipalityCode,
      reason: r.reason, reasonLabel: REVIEW_REASON_LABELS[r.reason] ?? r.reason, status: r.status,
      decidedBy: r.decidedBy, decidedAt: r.decidedAt ? new Date(r.decidedAt).toISOString() : null,
      person: p ? { name: p.name, nameKana: p.nameKana, birthDate: p.birthDate, sex: p.sex, postalCode: p.postalCode, address: p.address } : null,
    };
  }
}
