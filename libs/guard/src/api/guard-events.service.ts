import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type FindOptionsWhere, LessThan } from 'typeorm';
import { AuditService } from '@wavedesk/audit';
import { Clock, conflict, notFound } from '@wavedesk/common';
import type { AuthUser, GuardEventPage, GuardEventView } from '@wavedesk/contracts';
import { GuardActions } from './guard-actions.service';
import { GuardAlerts } from './guard-alerts.service';
import { GuardEngine } from './guard-engine.service';
import { GuardEvent } from './guard.entities';

const SETTLED = '負荷監視のこの判定は既に再開済みです。画面を更新してください。';

/**
 * The guard events for the dashboard, and what a supervisor does with them: acknowledge (確認), resume
 * with a reason (再開: the held waves resume through the same resume as by hand, later waves shift, and
 * the rule watches again from 0), keep holding (保留を続ける: the trip no longer resumes by itself).
 * Each action claims the event where it is still open, so a second click or a second supervisor gets 409.
 */
@Injectable()
export class GuardEventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: GuardEngine,
    private readonly actions: GuardActions,
    private readonly alerts: GuardAlerts,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(query: { status?: 'open' | 'all'; cursor?: number; limit?: number }): Promise<GuardEventPage> {
    const limit = query.limit ?? 50;
    const where: FindOptionsWhere<GuardEvent> = {};
    if ((query.status ?? 'open') === 'open') where.resumedAt = IsNull();
    if (query.cursor) where.id = LessThan(query.cursor);
    const rows = await this.dataSource.getRepository(GuardEvent).find({ where, order: { id: 'DESC' }, take: limit + 1 });
    const items = await this.alerts.views(rows.slice(0, limit));
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
  }

  async acknowledge(id: number, user: AuthUser, clientAddress?: string): Promise<GuardEventView> {
    const event = await this.load(id);
    const now = this.clock.now();
    const claimed = await this.claim({ id, resumedAt: IsNull(), acknowledgedAt: IsNull() }, { acknowledgedBy: user.username, acknowledgedAt: now });
    if (!claimed) throw conflict('guard_event_settled', event.resumedAt ? SETTLED : 'この判定は既に確認済みです。画面を更新してください。', { status: event.resumedAt ? 'resumed' : 'holding' });
    await this.audit.record({ actor: user, action: 'guard.acknowledge', target: `guard-event:${id}`, clientAddress, detail: { rule: event.ruleId, key: event.eventKey } });
    return this.alerts.publish('acknowledge', await this.load(id));
  }

  /** Resumes by hand, with a reason: the held waves resume (later waves shift) and the rule is rearmed. */
  async resume(id: number, reason: string, user: AuthUser, clientAddress?: string): Promise<GuardEventView> {
    const event = await this.load(id);
    const now = this.clock.now();
    const claimed = await this.claim({ id, resumedAt: IsNull() }, { resumedBy: user.username, resumedAt: now, resumeReason: reason, resumeAppliedAt: now });
    if (!claimed) throw conflict('guard_event_settled', SETTLED, { status: 'resumed' });
    let resumed: number[];
    try {
      resumed = await this.actions.resumeWaves(event, reason, user, clientAddress);
    } catch (error) {
      await this.dataSource.getRepository(GuardEvent).update({ id }, { resumedBy: null, resumedAt: null, resumeReason: null, resumeAppliedAt: null });
      throw error;
    }
    const scope = event.scope === 'union' ? 'union' : (event.municipalityCode ?? '');
    await this.engine.updateState((detector) => detector.rearm(event.ruleId, scope, now));
    await this.audit.record({ actor: user, action: 'guard.resume', target: `guard-event:${id}`, clientAddress, detail: { rule: event.ruleId, key: event.eventKey, reason, wavesResumed: resumed } });
    return this.alerts.publish('resume', await this.load(id));
  }

  /** Keeps holding: an auto trip becomes manual (the guard will not resume it by itself). */
  async keepHolding(id: number, reason: string | undefined, user: AuthUser, clientAddress?: string): Promise<GuardEventView> {
    const event = await this.load(id);
    const claimed = await this.claim({ id, resumedAt: IsNull(), keptAt: IsNull() }, { keptBy: user.username, keptAt: this.clock.now(), keptReason: reason ?? null, resumeMode: 'manual' });
    if (!claimed) throw conflict('guard_event_settled', event.resumedAt ? SETTLED : '「保留を続ける」は既に選ばれています。画面を更新してください。', { status: event.resumedAt ? 'resumed' : 'holding' });
    const scope = event.scope === 'union' ? 'union' : (event.municipalityCode ?? '');
    await this.engine.updateState((detector) => detector.keepHolding(event.ruleId, scope));
    await this.audit.record({ actor: user, action: 'guard.keep_holding', target: `guard-event:${id}`, clientAddress, detail: { rule: event.ruleId, key: event.eventKey, reason: reason ?? null } });
    return this.alerts.publish('keep-holding', await this.load(id));
  }

  private async load(id: number): Promise<GuardEvent> {
    const event = await this.dataSource.getRepository(GuardEvent).findOneBy({ id });
    if (!event) throw notFound('guard_event_not_found', `負荷監視の判定（ID ${id}）が見つかりません。`);
    return event;
  }

  private async claim(where: FindOptionsWhere<GuardEvent>, set: Partial<GuardEvent>): Promise<boolean> {
    return ((await this.dataSource.getRepository(GuardEvent).update(where, set)).affected ?? 0) > 0;
  }
}
