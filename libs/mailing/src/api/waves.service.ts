import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { conflict, forbidden, municipalityScope } from '@wavedesk/common';
import type { AuthUser } from '@wavedesk/contracts';
import { CampaignsService } from '../campaigns/campaigns.service';
import { ReleaseUnitRecord } from '../release/release-unit.entity';
import { WAVE_STATUS_LABELS } from '../waves/wave-state';
import { Wave } from '../waves/wave.entity';
import { WaveTransitions, waveMembers } from '../waves/wave-transitions.service';
import { toWaveView, type WaveView } from './wave-views';

/** Reading waves, with municipality scoping: a municipal user sees only waves that include their municipality. */
@Injectable()
export class WavesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transitions: WaveTransitions,
    private readonly campaigns: CampaignsService,
  ) {}

  async forBatch(batchId: number, user: AuthUser): Promise<WaveView[]> {
    await this.campaigns.batch(batchId);
    const waves = await this.dataSource.getRepository(Wave).find({ where: { batchId }, order: { seq: 'ASC', id: 'ASC' } });
    const scope = municipalityScope(user);
    return this.views(scope === null ? waves : waves.filter((w) => waveMembers(w).some((m) => m.code === scope)));
  }

  async get(id: number, user: AuthUser): Promise<WaveView> {
    const wave = await this.visible(id, user);
    const units = await this.dataSource.getRepository(ReleaseUnitRecord).find({ where: { waveId: id }, order: { seq: 'ASC' } });
    return toWaveView(wave, await this.transitions.progress(id), units);
  }

  /** The wave, or 404; 403 for a municipal user whose municipality is not in it. */
  async visible(id: number, user: AuthUser): Promise<Wave> {
    const wave = await this.transitions.load(id);
    const scope = municipalityScope(user);
    if (scope !== null && !waveMembers(wave).some((m) => m.code === scope)) {
      throw forbidden('他の市町村の波は表示できません。');
    }
    return wave;
  }

  /** A wave that may still be edited by the planner (planned); else the 409 with its status. */
  async plannedWave(id: number, action: 'move' | 'merge' | 'split'): Promise<Wave> {
    const wave = await this.transitions.load(id);
    if (wave.status !== 'planned') {
      const verbs = { move: '日付を変更', merge: '統合', split: '分割' };
      throw conflict('wave_not_editable', `この波は現在「${WAVE_STATUS_LABELS[wave.status]}」のため${verbs[action]}できません。承認前の波だけを編集できます。`, { currentStatus: wave.status, action });
    }
    return wave;
  }

  async views(waves: readonly Wave[]): Promise<WaveView[]> {
    if (waves.length === 0) return [];
    const rows: Array<{ waveId: number; status: string; n: number | string }> = await this.dataSource
      .getRepository(ReleaseUnitRecord)
      .createQueryBuilder('u')
      .select('u.waveId', 'waveId')
      .addSelect('u.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .where({ waveId: In(waves.map((w) => w.id)) })
      .groupBy('u.waveId')
      .addGroupBy('u.status')
      .getRawMany();
    return waves.map((w) => {
      const mine = rows.filter((r) => Number(r.waveId) === w.id);
      const total = mine.reduce((s, r) => s + Number(r.n), 0);
      const written = mine.filter((r) => r.status === 'written' || r.status === 'empty').reduce((s, r) => s + Number(r.n), 0);
      return toWaveView(w, { written, total });
    });
  }
}
