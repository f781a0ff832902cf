import { Injectable, Optional } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { AuthUser, FieldError, InquiryPage, InquiryRecord } from '@wavedesk/contracts';
import { AuditService } from '@wavedesk/audit';
import { badRequest, Clock, conflict, DomainError, notFound } from '@wavedesk/common';
import { MunicipalitiesService } from '@wavedesk/municipalities';
import type { LogInquiryDto } from './dto/log-inquiry.dto';
import type { InquiryQueryDto } from './dto/inquiry-query.dto';
import { InquiryCategoriesService } from './inquiry-categories.service';
import { applyInquiryFilters, assertInquiryAccess, scopedFilters } from './inquiry-filters';
import { Inquiry } from './inquiry.entity';
import { toInquiryRecord } from './inquiry-record';
import { MESSAGES, idempotencyKeyProblem, receivedAtProblem, requestHash } from './inquiry-rules';
import { isDuplicateKeyError } from './inquiry-sql';
import { InquiryFeed } from './inquiry-feed';
import { InquiryInsert } from './inquiry-insert';
import { InquiryObserver } from './inquiry-observer';
import { LoadBroadcaster } from './load-broadcaster.service';
import { WaveAttribution } from './wave-attribution';

export interface LoggedInquiry {
  record: InquiryRecord;
  /** True when this was a retry and the first record was answered again. */
  replayed: boolean;
}

/**
 * Logging and reading inquiries. Logging costs one INSERT (plus one SELECT on a retried key, and one indexed
 * SELECT when a 申請書ID is given, for its wave): municipality and category codes are checked against
 * in-memory lists, the wave comes from an in-memory index, the UNIQUE (loggedById, idempotencyKey) index
 * settles concurrent retries, and the live events and load figures are pushed later, batched.
 */
@Injectable()
export class InquiriesService {
  constructor(
    @InjectRepository(Inquiry) private readonly inquiries: Repository<Inquiry>,
    private readonly categories: InquiryCategoriesService,
    private readonly municipalities: MunicipalitiesService,
    private readonly inserter: InquiryInsert,
    private readonly feed: InquiryFeed,
    private readonly broadcaster: LoadBroadcaster,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly waves: WaveAttribution,
    @Optional() private readonly observer?: InquiryObserver,
  ) {}

  async log(dto: LogInquiryDto, user: AuthUser, idempotencyKey: string | undefined): Promise<LoggedInquiry> {
    const keyProblem = idempotencyKeyProblem(idempotencyKey);
    if (keyProblem) throw badRequest('invalid_idempotency_key', keyProblem, [{ field: 'Idempotency-Key', code: 'invalid', message: keyProblem }]);
    const now = this.clock.now();
    const receivedAt = dto.receivedAt ? new Date(dto.receivedAt) : now;
    await this.checkReferences(dto, receivedAt, now);
    assertInquiryAccess(user, dto.municipalityCode);

    const applicationId = dto.applicationId || null;
    const row: Omit<Inquiry, 'id'> = {
      municipalityCode: dto.municipalityCode,
      channel: dto.channel,
      category: dto.category,
      callerType: dto.callerType,
      outcome: dto.outcome,
      receivedAt,
      durationSeconds: dto.durationSeconds ?? null,
      applicationId,
      note: dto.note || null,
      waveId: await this.waves.attribute({ municipalityCode: dto.municipalityCode, receivedAt, applicationId }),
      loggedById: user.id,
      loggedAt: now,
      idempotencyKey: idempotencyKey ?? null,
      requestHash: idempotencyKey ? requestHash(dto) : null,
      handledAt: null,
      handledById: null,
    };
    let id: number;
    try {
      // Autocommit: the row is committed before the 201 is sent.
      id = await this.inserter.insert(row);
    } catch (error) {
      if (idempotencyKey && isDuplicateKeyError(error)) return this.replay(user, idempotencyKey, row.requestHash!);
      throw error;
    }
    const record = toInquiryRecord({ ...row, id });
    this.feed.logged(record);
    this.broadcaster.inquiryStored(record.municipalityCode);
    this.observer?.inquiryStored(record);
    return { record, replayed: false };
  }

  /** A page of inquiries, newest first, limited to what the user may see. */
  async list(query: InquiryQueryDto, user: AuthUser): Promise<InquiryPage> {
    const limit = query.limit ?? 50;
    const qb = applyInquiryFilters(this.inquiries.createQueryBuilder('i'), scopedFilters(query, user))
      .orderBy('i.id', 'DESC')
      .take(limit + 1);
    if (query.cursor) qb.andWhere('i.id < :cursor', { cursor: query.cursor });
    const rows = await qb.getMany();
    const items = rows.slice(0, limit).map(toInquiryRecord);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
  }

  /** A municipality's staff mark an inquiry the union referred to them as handled (once; audited). */
  async markHandled(id: number, user: AuthUser, clientAddress: string): Promise<InquiryRecord> {
    const row = await this.inquiries.findOneBy({ id });
    if (!row) throw notFound('inquiry_not_found', `問い合わせ（ID ${id}）が見つかりません。`);
    assertInquiryAccess(user, row.municipalityCode);
    if (row.outcome !== 'referred') {
      throw conflict('inquiry_not_referred', '市町村へ引き継がれた問い合わせだけを対応済にできます。', { outcome: row.outcome });
    }
    if (row.handledAt) return toInquiryRecord(row);
    const handledAt = this.clock.now();
    const result = await this.inquiries
      .createQueryBuilder()
      .update()
      .set({ handledAt, handledById: user.id })
      .where('id = :id AND handledAt IS NULL', { id })
      .execute();
    if (!result.affected) return toInquiryRecord((await this.inquiries.findOneBy({ id }))!);
    await this.audit.record({
      actor: user, action: 'inquiry.handled', target: `inquiry:${id}`, clientAddress,
      detail: { municipalityCode: row.municipalityCode },
    });
    const record = toInquiryRecord({ ...row, handledAt, handledById: user.id });
    this.feed.handled(record);
    return record;
  }

  /** Codes that must exist and a time that must be plausible, all reported together. */
  private async checkReferences(dto: LogInquiryDto, receivedAt: Date, now: Date): Promise<void> {
    const errors: FieldError[] = [];
    if (!(await this.municipalities.exists(dto.municipalityCode))) {
      errors.push({ field: 'municipalityCode', code: 'unknown_municipality', message: MESSAGES.unknownMunicipality(dto.municipalityCode) });
    }
    if (!(await this.categories.exists(dto.category))) {
      errors.push({ field: 'category', code: 'unknown_category', message: MESSAGES.unknownCategory(dto.category) });
    }
    const timeProblem = receivedAtProblem(receivedAt, now);
    if (timeProblem) errors.push({ field: 'receivedAt', code: 'out_of_range', message: timeProblem });
    if (errors.length) throw badRequest('validation_failed', '入力内容に誤りがあります。', errors);
  }

  /** The first record stored under this key, if the retry asks for the same thing. */
  private async replay(user: AuthUser, idempotencyKey: string, hash: string): Promise<LoggedInquiry> {
    const first = await this.inquiries.findOneBy({ loggedById: user.id, idempotencyKey });
    if (!first) throw new Error('duplicate idempotency key but no stored row');
    if (first.requestHash !== hash) throw new DomainError(422, 'idempotency_key_reused', MESSAGES.idempotencyKeyReused);
    return { record: toInquiryRecord(first), replayed: true };
  }
}
