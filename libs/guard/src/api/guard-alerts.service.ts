import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import { Clock } from '@wavedesk/common';
import { LIVE_EVENTS, municipalityRoom, UNION_ROOM, type GuardAlert, type GuardEventView } from '@wavedesk/contracts';
import { LivePublisher } from '@wavedesk/live';
import { RedisStatus } from '@wavedesk/queues';
import { describeHeld, describeTrip } from './guard-text';
import { GuardEvent } from './guard.entities';

/**
 * Guard events as the dashboards see them, and `guard:alert`. An alert goes to the union's room and the
 * municipality's. While Redis is down it reaches only the clients of this process (the socket.io Redis
 * adapter cannot publish), so the event's `alertedAt` stays empty and the alert is published again when
 * Redis is back; dashboards also reload the open events on every (re)connect.
 */
@Injectable()
export class GuardAlerts implements OnModuleInit, OnModuleDestroy {
  private names: Map<string, string> | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly live: LivePublisher,
    private readonly redis: RedisStatus,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.redis.onChange((up) => {
      if (up) void this.republish().catch(() => undefined);
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  async publish(type: GuardAlert['type'], event: GuardEvent): Promise<GuardEventView> {
    const [view] = await this.views([event]);
    const rooms = [UNION_ROOM, ...(event.municipalityCode ? [municipalityRoom(event.municipalityCode)] : [])];
    this.live.emit(rooms, LIVE_EVENTS.guardAlert, { type, event: view } satisfies GuardAlert);
    if (type === 'trip' && this.redis.isUp()) {
      await this.dataSource.getRepository(GuardEvent).update({ id: event.id }, { alertedAt: this.clock.now() });
    }
    return view;
  }

  /** Trips whose alert could not go through Redis, published again (still in force only). */
  async republish(): Promise<number> {
    const pending = await this.dataSource.getRepository(GuardEvent).find({ where: { alertedAt: IsNull(), resumedAt: IsNull() }, order: { id: 'ASC' } });
    for (const event of pending) if (event.appliedAt) await this.publish('trip', event);
    return pending.length;
  }

  async views(events: readonly GuardEvent[]): Promise<GuardEventView[]> {
    const names = await this.municipalityNames();
    const waveIds = [...new Set(events.flatMap((e) => JSON.parse(e.wavesHeld) as number[]))];
    const waves: Array<{ id: number; name: string; mailDate: string }> = waveIds.length
      ? await this.dataSource.query(`SELECT id, name, mailDate FROM waves WHERE id IN (${waveIds.map(() => '?').join(', ')})`, waveIds)
      : [];
    const waveOf = new Map(waves.map((w) => [Number(w.id), { id: Number(w.id), name: w.name, mailDate: w.mailDate }]));
    return events.map((e) => toView(e, names, waveOf));
  }

  async place(event: Pick<GuardEvent, 'scope' | 'kind' | 'municipalityCode'>): Promise<string> {
    return placeOf(event, await this.municipalityNames());
  }

  private async municipalityNames(): Promise<Map<string, string>> {
    if (!this.names) {
      const rows: Array<{ code: string; name: string }> = await this.dataSource.query('SELECT code, name FROM municipalities');
      this.names = new Map(rows.map((r) => [r.code, r.name]));
    }
    return this.names;
  }

  /** The events with these ids, in that order. */
  async byIds(ids: number[]): Promise<GuardEvent[]> {
    const rows = await this.dataSource.getRepository(GuardEvent).findBy({ id: In(ids) });
    return ids.map((id) => rows.find((r) => r.id === id)).filter((r): r is GuardEvent => r !== undefined);
  }
}

const iso = (d: Date | null): string => (d ? new Date(d).toISOString() : '');

/** Where a trip happened, in words: the municipality, 全道 (union spike) or コールセンター (union capacity). */
export const placeOf = (e: Pick<GuardEvent, 'scope' | 'kind' | 'municipalityCode'>, names: ReadonlyMap<string, string>): string =>
  e.scope === 'municipality' ? (names.get(e.municipalityCode ?? '') ?? e.municipalityCode ?? '') : e.kind === 'capacity' ? 'コールセンター' : '全道';

function toView(e: GuardEvent, names: Map<string, string>, waveOf: Map<number, { id: number; name: string; mailDate: string }>): GuardEventView {
  const wavesHeld = (JSON.parse(e.wavesHeld) as number[]).map((id) => waveOf.get(id) ?? { id, name: `波 ${id}`, mailDate: '' });
  const evidence = JSON.parse(e.evidence);
  return {
    id: e.id,
    key: e.eventKey,
    ruleId: e.ruleId,
    ruleVersion: e.ruleVersion,
    ruleName: e.ruleName,
    kind: e.kind as GuardEventView['kind'],
    scope: e.scope as GuardEventView['scope'],
    municipalityCode: e.municipalityCode,
    municipalityName: e.municipalityCode ? (names.get(e.municipalityCode) ?? e.municipalityCode) : null,
    resumeMode: e.resumeMode as GuardEventView['resumeMode'],
    evidence,
    wavesHeld,
    decidedAt: iso(e.decidedAt),
    summary: `${describeTrip(e.kind, placeOf(e, names), evidence)} — ${e.appliedAt ? describeHeld(wavesHeld.map((w) => w.name)) : '保留する波を確認中'}`,
    status: e.resumedAt ? 'resumed' : 'holding',
    acknowledged: e.acknowledgedAt ? { by: e.acknowledgedBy ?? '', at: iso(e.acknowledgedAt) } : null,
    keptHolding: e.keptAt ? { by: e.keptBy ?? '', at: iso(e.keptAt), reason: e.keptReason } : null,
    resumed: e.resumedAt ? { by: e.resumedBy ?? '', at: iso(e.resumedAt), reason: e.resumeReason } : null,
  };
}
