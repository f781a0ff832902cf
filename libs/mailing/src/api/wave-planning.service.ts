import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '@wavedesk/audit';
import { Clock, conflict } from '@wavedesk/common';
import type { AuthUser } from '@wavedesk/contracts';
import { ForecastService } from '@wavedesk/forecast';
import { MunicipalitiesService } from '@wavedesk/municipalities';
import { CampaignsService, type BatchView } from '../campaigns/campaigns.service';
import { callCenterDailyCapacity } from '../planning/call-center-capacity';
import { evaluatePlan } from '../planning/evaluate-plan';
import { mergeWaves, moveWave, splitWave, type WavePart } from '../planning/plan-edits';
import type { PlanContext, PlanningMunicipality, ProposedWave, WavePlan } from '../planning/planning.types';
import { planWaves } from '../planning/wave-planner';
import { Wave, type StoredWaveMember } from '../waves/wave.entity';
import { waveMembers } from '../waves/wave-transitions.service';
import type { PlanBatchDto } from './dto/wave.dto';
import { WaveForecastSource } from './wave-forecast-source';
import { planView } from './wave-views';
import { WavesService } from './waves.service';

/** Operators on duty when the admin does not say (the union's call center on an ordinary day). */
export const DEFAULT_OPERATORS_ON_DUTY = 20;

const memberKey = (members: readonly StoredWaveMember[]): string =>
  JSON.stringify([...members].map((m) => [m.code, [...(m.postalGroupKeys ?? [])].sort()]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))));

/**
 * Planning a batch's waves and editing them before approval: the planner (libs/mailing/src/planning) on
 * the batch's match results, and the stored waves replaced by what it proposes. Only `planned` waves
 * change; approved or later waves of the batch count as they are.
 */
@Injectable()
export class WavePlanningService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly campaigns: CampaignsService,
    private readonly municipalities: MunicipalitiesService,
    private readonly forecast: ForecastService,
    private readonly source: WaveForecastSource,
    private readonly waves: WavesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** POST /api/batches/:id/plan: proposes waves, stores them as `planned` (replacing earlier planned ones). */
  async plan(batchId: number, dto: PlanBatchDto, actor: AuthUser, clientAddress: string) {
    const batch = await this.campaigns.batch(batchId);
    const existing = await this.dataSource.getRepository(Wave).find({ where: { batchId }, order: { seq: 'ASC' } });
    const fixed = existing.filter((w) => w.status !== 'planned' && w.status !== 'cancelled');
    if (fixed.length > 0) {
      throw conflict('batch_has_approved_waves', 'この発送回には承認済み以降の波があるため、計画を作り直せません。計画中の波を個別に編集してください。', {
        currentStatus: fixed[0].status,
      });
    }
    const context = await this.context(batch, dto.operators);
    const planned = planWaves({ ...context, mailFrom: batch.mailFrom, mailTo: batch.mailTo, options: dto.options ?? {} });
    const stored = await this.dataSource.transaction(async (manager) => {
      await manager.delete(Wave, { batchId, status: 'planned' });
      return this.store(manager, batchId, planned.waves, []);
    });
    await this.audit.record({
      actor, action: 'wave.plan', target: `batch:${batchId}`, clientAddress,
      detail: { waves: stored.length, fits: planned.evaluation.fits, operators: dto.operators ?? DEFAULT_OPERATORS_ON_DUTY, options: dto.options ?? {} },
    });
    await this.forecast.planChanged('plan');
    return planView(planned, await this.waves.views(stored));
  }

  /** The plan's evaluation as it stands (GET /api/batches/:id/plan). */
  async current(batchId: number, operators?: number) {
    const { batch, waves, context } = await this.editing(batchId, operators);
    const evaluation = evaluatePlan(waves.map(toProposed), context);
    return planView({ waves: waves.map(toProposed), evaluation }, await this.waves.views(await this.batchWaves(batch.id)));
  }

  async move(waveId: number, mailDate: string, actor: AuthUser, clientAddress: string, reason?: string) {
    const wave = await this.waves.plannedWave(waveId, 'move');
    return this.edit(wave.batchId, (waves, context) => moveWave(waves, this.seqOf(waves, wave), mailDate, context), actor, clientAddress, 'wave.move', {
      wave: waveId, from: wave.mailDate, to: mailDate, reason: reason ?? null,
    });
  }

  async merge(waveIds: number[], mailDate: string | undefined, actor: AuthUser, clientAddress: string) {
    const waves = await Promise.all(waveIds.map((id) => this.waves.plannedWave(id, 'merge')));
    const batchId = waves[0].batchId;
    if (waves.some((w) => w.batchId !== batchId)) throw conflict('waves_in_different_batches', '異なる発送回の波は統合できません。');
    return this.edit(batchId, (all, context) => mergeWaves(all, waves.map((w) => this.seqOf(all, w)), context, mailDate), actor, clientAddress, 'wave.merge', {
      waves: waveIds, mailDate: mailDate ?? null,
    });
  }

  async split(waveId: number, part: WavePart, actor: AuthUser, clientAddress: string) {
    const wave = await this.waves.plannedWave(waveId, 'split');
    return this.edit(wave.batchId, (waves, context) => splitWave(waves, this.seqOf(waves, wave), part, context), actor, clientAddress, 'wave.split', {
      wave: waveId, mailDate: part.mailDate, members: part.members.map((m) => ({ code: m.code, postalGroupKeys: m.postalGroupKeys ?? null })),
    });
  }

  private seqOf(waves: readonly ProposedWave[], wave: Wave): number {
    return waves.find((w) => (w as ProposedWave & { id?: number }).id === wave.id)!.seq;
  }

  private async edit(
    batchId: number,
    change: (waves: ProposedWave[], context: PlanContext) => WavePlan,
    actor: AuthUser,
    clientAddress: string,
    action: string,
    detail: Record<string, unknown>,
  ) {
    const { waves, context } = await this.editing(batchId);
    const plan = change(waves.map(toProposed), context);
    const stored = await this.dataSource.transaction(async (manager) => {
      // Still as read? Another edit or an approval in between makes this one refuse.
      const now = await manager.find(Wave, { where: { id: In(waves.map((w) => w.id)) } });
      for (const w of waves) {
        const current = now.find((n) => n.id === w.id);
        if (!current || current.version !== w.version) {
          throw conflict('wave_changed', '計画が他の操作で変更されました。画面を更新してからやり直してください。', { currentStatus: current?.status ?? null });
        }
      }
      return this.store(manager, batchId, plan.waves, waves);
    });
    await this.audit.record({ actor, action, target: `batch:${batchId}`, clientAddress, detail: { ...detail, fits: plan.evaluation.fits } });
    await this.forecast.planChanged(action.replace('wave.', ''));
    return planView(plan, await this.waves.views(stored));
  }

  /** The batch's waves (not cancelled) with their ids, and the planning context. */
  private async editing(batchId: number, operators?: number) {
    const batch = await this.campaigns.batch(batchId);
    const waves = (await this.batchWaves(batchId)).filter((w) => w.status !== 'cancelled');
    const context = await this.context(batch, operators);
    return { batch, waves, context: { ...context, mailFrom: batch.mailFrom, mailTo: batch.mailTo } };
  }

  private batchWaves(batchId: number): Promise<Wave[]> {
    return this.dataSource.getRepository(Wave).find({ where: { batchId }, order: { seq: 'ASC', id: 'ASC' } });
  }

  /**
   * Writes `proposed` over the planned waves among `previous`: a wave keeps its id when its members are
   * unchanged (a move), left-over ids are reused in order, and the rest are inserted or deleted.
   * Approved or later waves only get their new seq.
   */
  private async store(manager: EntityManager, batchId: number, proposed: readonly ProposedWave[], previous: readonly Wave[]): Promise<Wave[]> {
    const now = this.clock.now();
    const free = new Map(previous.map((w) => [w.id, w]));
    const assigned: Array<{ wave: ProposedWave; id?: number }> = proposed.map((wave) => ({ wave }));
    for (const a of assigned) {
      const key = memberKey(a.wave.members);
      const same = [...free.values()].find((w) => memberKey(waveMembers(w)) === key);
      if (same) {
        a.id = same.id;
        free.delete(same.id);
      }
    }
    const reusable = [...free.values()].filter((w) => w.status === 'planned');
    for (const a of assigned) if (a.id === undefined && reusable.length > 0) a.id = reusable.shift()!.id;
    for (const left of reusable) await manager.delete(Wave, { id: left.id, status: 'planned' });

    const ids: number[] = [];
    for (const { wave, id } of assigned) {
      const values = { seq: wave.seq, name: `第${wave.seq}波`, mailDate: wave.mailDate, members: JSON.stringify(wave.members), forms: wave.forms, updatedAt: now };
      const before = previous.find((w) => w.id === id);
      if (before && before.status !== 'planned') {
        if (before.mailDate !== wave.mailDate || memberKey(waveMembers(before)) !== memberKey(wave.members)) {
          throw conflict('wave_not_editable', `${before.name}は「${before.status}」のため変更できません。`, { currentStatus: before.status });
        }
        await manager.update(Wave, { id }, { seq: wave.seq, name: values.name });
        ids.push(id!);
      } else if (id !== undefined) {
        await manager.createQueryBuilder().update(Wave).set({ ...values, version: () => 'version + 1' }).where('id = :id', { id }).execute();
        ids.push(id);
      } else {
        const inserted = await manager.insert(Wave, { ...values, batchId, status: 'planned', heldFrom: null, heldReason: null, placeholders: 0, createdAt: now, version: 1 });
        ids.push(Number(inserted.identifiers[0].id));
      }
    }
    return manager.find(Wave, { where: { id: In(ids) }, order: { seq: 'ASC' } });
  }

  /** The planner's view of the batch: targets per municipality and 3-digit postal prefix, capacities, other batches' waves. */
  async context(batch: BatchView, operators = DEFAULT_OPERATORS_ON_DUTY): Promise<PlanContext> {
    const rows: Array<{ code: string; prefix: string; n: number | string }> = await this.dataSource.query(
      `SELECT r.municipalityCode AS code, SUBSTR(p.postalCode, 1, 3) AS prefix, COUNT(*) AS n
         FROM batch_match_results r JOIN insured_persons p ON p.insuredNumber = r.insuredNumber
        WHERE r.batchId = ? AND r.outcome = 'target'
        GROUP BY r.municipalityCode, SUBSTR(p.postalCode, 1, 3)
        ORDER BY r.municipalityCode, prefix`,
      [batch.id],
    );
    if (rows.length === 0) {
      throw conflict('batch_not_matched', 'この発送回には送付対象者がいません。先に突合を実行してください。', { batchStatus: batch.status });
    }
    const byCode = new Map<string, { key: string; targets: number }[]>();
    for (const r of rows) byCode.set(r.code, [...(byCode.get(r.code) ?? []), { key: r.prefix, targets: Number(r.n) }]);
    const known = new Map((await this.municipalities.byCodes([...byCode.keys()])).map((m) => [m.code, m]));
    const municipalities: PlanningMunicipality[] = [...byCode.entries()].map(([code, groups]) => {
      const m = known.get(code);
      const targets = groups.reduce((s, g) => s + g.targets, 0);
      return { code, name: m?.name ?? code, targets, counterCapacityPerDay: m?.counterCapacity ?? 5, ...(groups.length > 1 ? { postalGroups: groups } : {}) };
    });
    const model = this.forecast.model;
    return {
      model,
      municipalities,
      callCenterCapacityPerDay: callCenterDailyCapacity(model, operators),
      existingWaves: await this.source.forecastWaves({ excludeBatchId: batch.id }),
    };
  }
}

function toProposed(w: Wave): ProposedWave & { id: number } {
  return { id: w.id, seq: w.seq, mailDate: w.mailDate, members: waveMembers(w), forms: w.status === 'planned' ? w.forms : sumTargets(waveMembers(w)) };
}

function sumTargets(members: readonly StoredWaveMember[]): number {
  return members.reduce((s, m) => s + m.targets, 0);
}
