import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource, In } from 'typeorm';
import { AuditService } from '@wavedesk/audit';
import { Clock, conflict } from '@wavedesk/common';
import { ForecastService, jstDate } from '@wavedesk/forecast';
import { MatchKeyService } from '@wavedesk/imports';
import { matchKeyParts } from '@wavedesk/matching';
import { CampaignsService } from '../campaigns/campaigns.service';
import { assignLedger, cutIntoUnits, refreshApplicationIds, setLedgerUnit } from '../ledger/ledger-assignment';
import { rematchWave, type RematchPerson } from '../ledger/ledger-rematch';
import { csvFileName, manifestFileName } from '../print/print-manifest';
import { releaseUnitName } from '../print/release-units';
import { RELEASE_CONFIG, type ReleaseConfig } from '../release/release-config';
import { ReleaseUnitRecord } from '../release/release-unit.entity';
import { lockWave } from '../release/unit-writer.service';
import { resumeSchedule, type ResumeSchedule } from '../waves/resume-schedule';
import { transition } from '../waves/wave-state';
import { Wave } from '../waves/wave.entity';
import { WaveTransitions, waveMembers, type WaveActor } from '../waves/wave-transitions.service';
import { WavesService } from './waves.service';
import type { WaveView } from './wave-views';

const RETRIES = 3;

/**
 * The wave's life after planning: approve (fills the form ledger), release (cuts release units; the
 * worker's scheduler writes them when due), hold and resume (with re-matching and new dates), cancel.
 * Each refused transition answers 409 with the current state; each transition is audited and pushed.
 */
@Injectable()
export class WaveActionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transitions: WaveTransitions,
    private readonly waves: WavesService,
    private readonly campaigns: CampaignsService,
    private readonly forecast: ForecastService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly keys: MatchKeyService,
    @Inject(RELEASE_CONFIG) private readonly config: ReleaseConfig,
  ) {}

  /** The exact match key's hash, as card-holder lists store it (MATCH_HMAC_KEY). */
  private readonly exactKeyOf = (p: RematchPerson): string =>
    this.keys.hasher.insured(matchKeyParts(p, this.keys.directory, p.municipalityCode)).exact;

  /** planned → approved: one ledger row per person (UNIQUE per campaign), so nobody is in two waves. */
  async approve(id: number, actor: WaveActor, clientAddress?: string, reason?: string): Promise<WaveView> {
    const wave = await this.transitions.load(id);
    transition(wave.status, 'approve', { heldFrom: wave.heldFrom });
    const batch = await this.campaigns.batch(wave.batchId);
    await this.dataSource.transaction(async (manager) => {
      const locked = await lockWave(manager, id);
      if (!locked || locked.version !== wave.version) throw conflict('wave_changed', 'この波は他の操作で変更されました。画面を更新してからやり直してください。', { currentStatus: locked?.status ?? null });
      const added = await assignLedger(manager, { campaignId: batch.campaignId, batchId: batch.id, waveId: id, members: waveMembers(wave), now: this.clock.now() });
      if (added.forms === 0) throw conflict('empty_wave', 'この波には送付対象者がいません（全員が他の波で送付済みか、突合結果がありません）。', { currentStatus: wave.status });
      await this.transitions.apply(locked, 'approve', {
        actor, clientAddress, manager, reason: reason ?? null,
        set: { forms: added.forms, placeholders: added.placeholders },
        detail: { forms: added.forms, placeholders: added.placeholders, alreadyFormed: added.alreadyFormed },
      });
    });
    await this.forecast.planChanged('approve');
    return this.view(id);
  }

  /**
   * approved → released: placeholders are refused unless RELEASE_ALLOW_PLACEHOLDERS (rehearsals); the
   * persons are cut into units of at most RELEASE_UNIT_SIZE in print order. Nothing is queued here: the
   * worker's scheduler tick enqueues the units when the wave is due.
   */
  async release(id: number, actor: WaveActor, clientAddress?: string, reason?: string): Promise<WaveView> {
    const wave = await this.transitions.load(id);
    transition(wave.status, 'release', { heldFrom: wave.heldFrom });
    await this.dataSource.transaction(async (manager) => {
      const locked = await lockWave(manager, id);
      if (!locked || locked.version !== wave.version) throw conflict('wave_changed', 'この波は他の操作で変更されました。画面を更新してからやり直してください。', { currentStatus: locked?.status ?? null });
      const placeholders = await refreshApplicationIds(manager, id);
      if (placeholders > 0 && !this.config.allowPlaceholders) {
        throw conflict(
          'placeholder_in_release',
          `仮の申請書ID（プレースホルダ）が ${placeholders.toLocaleString('ja-JP')} 件あるため発送指示できません。J-LIS の申請書IDファイルを取り込んでからやり直してください。`,
          { currentStatus: locked.status, placeholders },
        );
      }
      const units = await cutIntoUnits(manager, id, this.config.unitSize);
      if (units.length === 0) throw conflict('empty_wave', 'この波には送付対象者がいません。', { currentStatus: locked.status });
      for (let i = 0; i < units.length; i++) {
        const inserted = await manager.insert(ReleaseUnitRecord, { waveId: id, seq: i + 1, count: units[i].length, status: 'pending' });
        await setLedgerUnit(manager, Number(inserted.identifiers[0].id), units[i]);
      }
      const forms = units.reduce((s, u) => s + u.length, 0);
      await this.transitions.apply(locked, 'release', {
        actor, clientAddress, manager, reason: reason ?? null,
        set: { forms, placeholders },
        detail: { units: units.length, forms, placeholders, unitSize: this.config.unitSize },
      });
    });
    return this.view(id);
  }

  /**
   * → held. A unit being written finishes whole; no further unit is claimed (the claim checks the wave
   * under a row lock). Retried when a unit's claim changed the wave in between. The load guard holds as
   * `{ system: 'guard' }` with `detail` naming its rule and event (audited with the transition).
   */
  async hold(id: number, reason: string, actor: WaveActor, clientAddress?: string, detail?: Record<string, unknown>): Promise<WaveView> {
    for (let attempt = 1; ; attempt++) {
      const wave = await this.transitions.load(id);
      try {
        await this.transitions.apply(wave, 'hold', { actor, clientAddress, reason, detail });
        break;
      } catch (error) {
        if (attempt >= RETRIES || (error as { code?: string }).code !== 'wave_changed') throw error;
      }
    }
    await this.forecast.planChanged('hold');
    return this.view(id);
  }

  /**
   * held → the state it was held from. Without `confirm` only the preview: the new dates of the wave and
   * of the waves after it (same business-day spacing). With `confirm`: re-match the wave's unwritten
   * persons against the newest card-holder lists, then resume and move the dates, in one transaction.
   */
  async resume(
    id: number,
    input: { reason: string; confirm?: boolean; mailDate?: string },
    actor: WaveActor,
    clientAddress?: string,
  ): Promise<{ applied: boolean; schedule: ResumeSchedule; wave: WaveView; rematch?: { checked: number; withdrawn: number } }> {
    const wave = await this.transitions.load(id);
    transition(wave.status, 'resume', { heldFrom: wave.heldFrom });
    const schedule = await this.schedule(wave, input.mailDate);
    if (!input.confirm) return { applied: false, schedule, wave: await this.view(id) };

    const now = this.clock.now();
    const rematch = await this.dataSource.transaction(async (manager) => {
      const locked = await lockWave(manager, id);
      if (!locked || locked.version !== wave.version) throw conflict('wave_changed', 'この波は他の操作で変更されました。画面を更新してからやり直してください。', { currentStatus: locked?.status ?? null });
      const result = wave.heldFrom === 'planned' ? { checked: 0, withdrawn: 0, byUnit: new Map<number | null, number>() } : await rematchWave(manager, id, now, this.exactKeyOf);
      for (const [unitId, n] of result.byUnit) {
        if (unitId === null) continue;
        await manager.query(`UPDATE release_units SET status = CASE WHEN count - ? <= 0 THEN 'empty' ELSE status END, count = count - ? WHERE id = ? AND status = 'pending'`, [n, n, unitId]);
      }
      // Units whose pending jobs were skipped while held are enqueued again by the scheduler.
      await manager.getRepository(ReleaseUnitRecord).update({ waveId: id, status: 'pending' }, { enqueuedAt: null });
      await this.transitions.apply(locked, 'resume', {
        actor, clientAddress, manager, reason: input.reason,
        set: { mailDate: schedule.wave.to, forms: locked.forms - result.withdrawn },
        detail: { mailDate: { from: schedule.wave.from, to: schedule.wave.to }, shiftBusinessDays: schedule.shiftBusinessDays, checked: result.checked, withdrawn: result.withdrawn },
      });
      for (const later of schedule.later.filter((c) => c.to !== c.from)) {
        await manager.createQueryBuilder().update(Wave).set({ mailDate: later.to, updatedAt: now, version: () => 'version + 1' }).where('id = :id', { id: later.id }).execute();
      }
      return result;
    });
    if (rematch.withdrawn > 0) {
      await this.audit.record({
        actor: 'system' in actor ? null : actor, actorName: 'system' in actor ? actor.system : actor.username,
        action: 'wave.rematch', target: `wave:${id}`, clientAddress,
        detail: { checked: rematch.checked, withdrawn: rematch.withdrawn, reason: input.reason },
      });
      await this.clearStaging(id, [...rematch.byUnit.keys()].filter((u): u is number => u !== null));
    }
    for (const later of schedule.later.filter((c) => c.to !== c.from)) {
      await this.audit.record({
        actor: 'system' in actor ? null : actor, actorName: 'system' in actor ? actor.system : actor.username,
        action: 'wave.move', target: `wave:${later.id}`, clientAddress,
        detail: { from: later.from, to: later.to, reason: input.reason, because: `wave:${id}` },
      });
      await this.transitions.publish(await this.transitions.load(later.id), { reason: input.reason, by: 'system' in actor ? actor.system : actor.username });
    }
    await this.forecast.planChanged('resume');
    return { applied: true, schedule, wave: await this.view(id), rematch: { checked: rematch.checked, withdrawn: rematch.withdrawn } };
  }

  /** planned | approved | held → cancelled. The ledger rows of a wave with no written unit are released for other waves. */
  async cancel(id: number, reason: string, actor: WaveActor, clientAddress?: string): Promise<WaveView> {
    const wave = await this.transitions.load(id);
    transition(wave.status, 'cancel', { heldFrom: wave.heldFrom });
    await this.dataSource.transaction(async (manager) => {
      const written: Array<{ n: number | string }> = await manager.query(
        "SELECT COUNT(*) AS n FROM release_units WHERE waveId = ? AND status IN ('submitting', 'written')",
        [id],
      );
      if (Number(written[0].n) === 0) {
        await manager.query('DELETE FROM form_ledger WHERE waveId = ?', [id]);
        await manager.query('DELETE FROM release_units WHERE waveId = ?', [id]);
      } else {
        await manager.query("DELETE FROM form_ledger WHERE waveId = ? AND unitId IN (SELECT id FROM release_units WHERE waveId = ? AND status IN ('pending', 'empty'))", [id, id]);
      }
      await this.transitions.apply(wave, 'cancel', { actor, clientAddress, manager, reason });
    });
    await this.forecast.planChanged('cancel');
    return this.view(id);
  }

  private async schedule(wave: Wave, requested?: string): Promise<ResumeSchedule> {
    const batch = await this.campaigns.batch(wave.batchId);
    const others = await this.dataSource.getRepository(Wave).find({ where: { batchId: wave.batchId } });
    return resumeSchedule({ calendar: this.forecast.model.calendar, today: jstDate(this.clock.now()), wave, others, requested, mailTo: batch.mailTo });
  }

  /** Staging copies of units whose persons changed must not be delivered as they were. */
  private async clearStaging(waveId: number, unitIds: number[]): Promise<void> {
    if (unitIds.length === 0) return;
    const units = await this.dataSource.getRepository(ReleaseUnitRecord).find({ where: { id: In(unitIds) } });
    for (const u of units) {
      const name = releaseUnitName(String(waveId), u.seq);
      const dir = join(this.config.stagingDir, `wave-${waveId}`);
      await rm(join(dir, manifestFileName(name)), { force: true });
      await rm(join(dir, csvFileName(name)), { force: true });
    }
  }

  private async view(id: number): Promise<WaveView> {
    return (await this.waves.views([await this.transitions.load(id)]))[0];
  }
}
