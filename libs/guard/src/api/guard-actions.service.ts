import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, Not } from 'typeorm';
import { AuditService } from '@wavedesk/audit';
import { Clock } from '@wavedesk/common';
import type { GuardAlertEvidence } from '@wavedesk/contracts';
import { WaveActionsService } from '../../../mailing/src/api/wave-actions.service';
import { wavesToHold } from '../rules/waves-to-hold';
import { GuardAlerts } from './guard-alerts.service';
import { GuardInputs } from './guard-inputs.service';
import { describeHeld, describeResume, describeTrip } from './guard-text';
import { GuardEvent } from './guard.entities';

/** The actor of every wave transition the guard makes: `wave:status` says `by: "guard"`, the audit log names it. */
export const GUARD_ACTOR = { system: 'guard' } as const;

/**
 * Carries out what the detector decided and the evaluation stored: holds the waves `wavesToHold` names
 * through the wave state machine, resumes them after an auto resume, audits, and pushes `guard:alert`.
 * Each event is claimed first (`appliedAt` / `resumeAppliedAt` set only where still empty), so two API
 * processes never carry out the same event twice; an event decided but not carried out (a crash in
 * between) is picked up by the next evaluation.
 */
@Injectable()
export class GuardActions {
  private readonly logger = new Logger('Guard');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly waves: WaveActionsService,
    private readonly inputs: GuardInputs,
    private readonly alerts: GuardAlerts,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Every stored decision not yet carried out. Returns the trips and resumes applied. */
  async applyPending(): Promise<{ trips: GuardEvent[]; resumes: GuardEvent[] }> {
    const repo = this.dataSource.getRepository(GuardEvent);
    const trips: GuardEvent[] = [];
    for (const event of await repo.find({ where: { appliedAt: IsNull() }, order: { id: 'ASC' } })) {
      if (await this.claim({ id: event.id, appliedAt: IsNull() }, { appliedAt: this.clock.now() })) trips.push(await this.applyTrip(event));
    }
    const resumes: GuardEvent[] = [];
    for (const event of await repo.find({ where: { resumedAt: Not(IsNull()), resumeAppliedAt: IsNull(), appliedAt: Not(IsNull()) }, order: { id: 'ASC' } })) {
      if (await this.claim({ id: event.id, resumeAppliedAt: IsNull() }, { resumeAppliedAt: this.clock.now() })) resumes.push(await this.applyAutoResume(event));
    }
    return { trips, resumes };
  }

  /** Resumes the waves an event held that are still held, through the same resume as by hand (later waves shift). */
  async resumeWaves(event: GuardEvent, reason: string, actor: Parameters<WaveActionsService['resume']>[2], clientAddress?: string): Promise<number[]> {
    const resumed: number[] = [];
    const status = new Map((await this.inputs.waves()).map((w) => [Number(w.id), w.status]));
    for (const id of JSON.parse(event.wavesHeld) as number[]) {
      if (status.get(id) !== 'held') continue;
      await this.waves.resume(id, { reason, confirm: true }, actor, clientAddress);
      resumed.push(id);
    }
    return resumed;
  }

  private async applyTrip(event: GuardEvent): Promise<GuardEvent> {
    const evidence = JSON.parse(event.evidence) as GuardAlertEvidence;
    const why = describeTrip(event.kind, await this.alerts.place(event), evidence);
    const targets = wavesToHold(
      { trip: true, scope: event.scope as 'union' | 'municipality', municipalityCode: event.municipalityCode ?? undefined },
      await this.inputs.waves(),
    );
    const held: number[] = [];
    for (const wave of targets) {
      const reason = `負荷監視「${event.ruleName}」（${event.ruleId} 第${event.ruleVersion}版）：${why}`.slice(0, 500);
      try {
        await this.waves.hold(Number(wave.id), reason, GUARD_ACTOR, undefined, { guard: { rule: event.ruleId, ruleVersion: event.ruleVersion, event: event.eventKey } });
        held.push(Number(wave.id));
      } catch (error) {
        // Released or changed meanwhile: the state machine refused; the event says what was held.
        this.logger.warn(`guard could not hold wave ${wave.id}: ${(error as Error).message}`);
      }
    }
    await this.dataSource.getRepository(GuardEvent).update({ id: event.id }, { wavesHeld: JSON.stringify(held) });
    const stored = { ...event, appliedAt: event.appliedAt ?? this.clock.now(), wavesHeld: JSON.stringify(held) };
    await this.audit.record({
      actor: null, actorName: 'guard', action: 'guard.trip', target: `guard-event:${event.id}`,
      detail: { rule: event.ruleId, ruleVersion: event.ruleVersion, key: event.eventKey, scope: event.scope, municipalityCode: event.municipalityCode, evidence, wavesHeld: held, summary: `${why} — ${describeHeld(targets.filter((w) => held.includes(Number(w.id))).map((w) => w.name))}` },
    });
    await this.alerts.publish('trip', stored);
    return stored;
  }

  private async applyAutoResume(event: GuardEvent): Promise<GuardEvent> {
    const evidence = event.resumeEvidence ? (JSON.parse(event.resumeEvidence) as GuardAlertEvidence) : null;
    const reason = event.resumeReason ?? (evidence ? describeResume(await this.alerts.place(event), evidence) : '負荷監視による自動再開');
    let resumed: number[] = [];
    try {
      await this.handOver(event);
      resumed = await this.resumeWaves(event, reason, GUARD_ACTOR);
    } catch (error) {
      this.logger.warn(`guard could not resume the waves of event ${event.id}: ${(error as Error).message}`);
    }
    await this.audit.record({
      actor: null, actorName: 'guard', action: 'guard.resume', target: `guard-event:${event.id}`,
      detail: { rule: event.ruleId, ruleVersion: event.ruleVersion, key: event.eventKey, evidence, wavesResumed: resumed, reason },
    });
    await this.alerts.publish('resume', event);
    return event;
  }

  /**
   * A wave this event held that another trip still in force also covers (a union trip, or one of the same
   * municipality) stays held: it is handed over to that trip, which resumes it when it ends.
   */
  private async handOver(event: GuardEvent): Promise<void> {
    const repo = this.dataSource.getRepository(GuardEvent);
    const others = (await repo.find({ where: { resumedAt: IsNull(), appliedAt: Not(IsNull()) }, order: { id: 'ASC' } })).filter((o) => o.id !== event.id);
    if (others.length === 0) return;
    const members = new Map((await this.inputs.waves()).map((w) => [Number(w.id), w.municipalityCodes]));
    const kept: number[] = [];
    for (const id of JSON.parse(event.wavesHeld) as number[]) {
      const heir = others.find((o) => o.scope === 'union' || (members.get(id) ?? []).includes(o.municipalityCode ?? ''));
      if (!heir) continue;
      heir.wavesHeld = JSON.stringify([...new Set([...(JSON.parse(heir.wavesHeld) as number[]), id])]);
      await repo.update({ id: heir.id }, { wavesHeld: heir.wavesHeld });
      kept.push(id);
    }
    if (kept.length > 0) event.wavesHeld = JSON.stringify((JSON.parse(event.wavesHeld) as number[]).filter((id) => !kept.includes(id)));
  }

  private async claim(where: Record<string, unknown>, set: Partial<GuardEvent>): Promise<boolean> {
    const result = await this.dataSource.getRepository(GuardEvent).update(where, set);
    return (result.affected ?? 0) > 0;
  }
}
