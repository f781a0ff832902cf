import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, Repository } from 'typeorm';
import type { AuthUser } from '@wavedesk/contracts';
import { AuditEntry } from './audit-entry.entity';

export interface AuditRecord {
  actor?: Pick<AuthUser, 'id' | 'username' | 'role'> | null;
  /** For failed sign-ins, the name that was tried. */
  actorName?: string;
  action: string;
  target?: string;
  success?: boolean;
  detail?: Record<string, unknown>;
  clientAddress?: string;
}

export interface AuditQuery {
  action?: string;
  actor?: string;
  target?: string;
  from?: Date;
  to?: Date;
  success?: boolean;
  /** Rows older than this id (cursor pagination, newest first). */
  before?: number;
  limit?: number;
}

/** The append-only audit log. There is deliberately no update or delete here. */
@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}

  async record(record: AuditRecord): Promise<void> {
    await this.entries.insert({
      at: new Date(),
      actorId: record.actor?.id ?? null,
      actorName: record.actor?.username ?? record.actorName ?? null,
      actorRole: record.actor?.role ?? null,
      action: record.action,
      target: record.target ?? null,
      success: record.success ?? true,
      detail: record.detail ? JSON.stringify(record.detail) : null,
      clientAddress: record.clientAddress ?? null,
    });
  }

  async list(query: AuditQuery): Promise<{ items: AuditEntry[]; nextCursor: number | null }> {
    const limit = Math.min(query.limit ?? 100, 1000);
    const qb = this.entries.createQueryBuilder('a').orderBy('a.id', 'DESC').take(limit + 1);
    // A prefix, taken literally: % and _ typed in the filter are escaped (with '!', which MySQL and SQLite both accept).
    if (query.action) qb.andWhere(`a.action LIKE :action ESCAPE '!'`, { action: `${query.action.replace(/[!%_]/g, '!$&')}%` });
    if (query.actor) qb.andWhere('a.actorName = :actor', { actor: query.actor });
    if (query.target) qb.andWhere('a.target = :target', { target: query.target });
    if (query.from) qb.andWhere('a.at >= :from', { from: query.from });
    if (query.to) qb.andWhere('a.at < :to', { to: query.to });
    if (query.success !== undefined) qb.andWhere('a.success = :success', { success: query.success });
    if (query.before) qb.andWhere(new Brackets((w) => w.where('a.id < :before', { before: query.before })));
    const rows = await qb.getMany();
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
  }
}
