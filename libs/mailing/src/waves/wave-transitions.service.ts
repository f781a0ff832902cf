import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '@wavedesk/audit';
import { Clock, conflict, notFound } from '@wavedesk/common';
import { LIVE_EVENTS, municipalityRoom, UNION_ROOM, type AuthUser } from '@wavedesk/contracts';
import { LivePublisher } from '@wavedesk/live';
import { Wave, type StoredWaveMember } from './wave.entity';
import { transition, type WaveAction, type WaveStatus } from './wave-state';

/** Who acts: a signed-in user, or the system (the scheduler, the load guard). */
export type WaveActor = Pick<AuthUser, 'id' | 'username' | 'role'> | { system: string };

export interface WaveStatusEvent {
  id: number;
  batchId: number;
  seq: number;
  name: string;
  mailDate: string;
  status: WaveStatus;
  reason: string | null;
  by: string;
  progress: { written: number; total: number };
}

export const actorName = (actor: WaveActor): string => ('system' in actor ? actor.system : actor.username);
const auditActor = (actor: WaveActor) => ('system' in actor ? null : actor);

export const waveMembers = (wave: Pick<Wave, 'members'>): StoredWaveMember[] => JSON.parse(wave.members) as StoredWaveMember[];

/**
 * Applies state-machine transitions to stored waves: the row changes only if nobody changed it meanwhile
 * (version check), every transition is audited with its reason and pushed as `wave:status` to the union's
 * room and the rooms of the wave's municipalities.
 */
@Injectable()
export class WaveTransitions {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly live: LivePublisher,
    private readonly clock: Clock,
  ) {}

  async load(id: number, manager: EntityManager = this.dataSource.manager): Promise<Wave> {
    const wave = await manager.findOneBy(Wave, { id });
    if (!wave) throw notFound('wave_not_found', `波（ID ${id}）が見つかりません。`);
    return wave;
  }

  /**
   * Moves `wave` (as read, with its version) by `action`. Throws the state machine's 409 with the current
   * status, or 409 `wave_changed` when someone else changed the wave since it was read.
   */
  async apply(
    wave: Wave,
    action: WaveAction,
    options: { actor: WaveActor; reason?: string | null; clientAddress?: string; manager?: EntityManager; detail?: Record<string, unknown>; set?: Partial<Wave> },
  ): Promise<Wave> {
    const manager = options.manager ?? this.dataSource.manager;
    const to = transition(wave.status, action, { heldFrom: wave.heldFrom });
    const heldFrom = action === 'hold' ? wave.status : action === 'resume' ? null : wave.heldFrom;
    const heldReason = action === 'hold' ? (options.reason ?? null) : action === 'resume' ? null : wave.heldReason;
    const now = this.clock.now();
    const result = await manager
      .createQueryBuilder()
      .update(Wave)
      .set({ ...options.set, status: to, heldFrom, heldReason, updatedAt: now, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id: wave.id, version: wave.version })
      .execute();
    if (!result.affected) {
      const current = await this.load(wave.id, manager);
      transition(current.status, action, { heldFrom: current.heldFrom }); // the refusal names the state it is in now
      throw conflict('wave_changed', 'この波は他の操作で変更されました。画面を更新してからやり直してください。', { currentStatus: current.status });
    }
    const next = await this.load(wave.id, manager);
    await this.audit.record({
      actor: auditActor(options.actor),
      actorName: actorName(options.actor),
      action: `wave.${action}`,
      target: `wave:${wave.id}`,
      clientAddress: options.clientAddress,
      detail: { from: wave.status, to, reason: options.reason ?? null, ...options.detail },
    });
    await this.publish(next, { reason: options.reason ?? null, by: actorName(options.actor) }, manager);
    return next;
  }

  /** Pushes the wave's status and unit progress (after a transition or a unit's completion). */
  async publish(wave: Wave, how: { reason: string | null; by: string }, manager: EntityManager = this.dataSource.manager): Promise<WaveStatusEvent> {
    const progress = await this.progress(wave.id, manager);
    const event: WaveStatusEvent = {
      id: wave.id, batchId: wave.batchId, seq: wave.seq, name: wave.name, mailDate: wave.mailDate,
      status: wave.status, reason: how.reason, by: how.by, progress,
    };
    const rooms = [UNION_ROOM, ...new Set(waveMembers(wave).map((m) => municipalityRoom(m.code)))];
    this.live.emit(rooms, LIVE_EVENTS.waveStatus, event);
    return event;
  }

  async progress(waveId: number, manager: EntityManager = this.dataSource.manager): Promise<{ written: number; total: number }> {
    const rows: Array<{ status: string; n: number | string }> = await manager.query(
      'SELECT status, COUNT(*) AS n FROM release_units WHERE waveId = ? GROUP BY status',
      [waveId],
    );
    let written = 0;
    let total = 0;
    for (const r of rows) {
      total += Number(r.n);
      if (r.status === 'written' || r.status === 'empty') written += Number(r.n);
    }
    return { written, total };
  }
}
