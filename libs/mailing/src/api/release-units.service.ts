import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AuditService } from '@wavedesk/audit';
import { Clock, conflict, notFound } from '@wavedesk/common';
import type { AuthUser } from '@wavedesk/contracts';
import { pathExists } from '../print/atomic-file';
import { csvFileName, manifestFileName, readCompleteUnit, verifyUnitFile } from '../print/print-manifest';
import { releaseUnitName } from '../print/release-units';
import { RELEASE_CONFIG, type ReleaseConfig } from '../release/release-config';
import { RELEASE_UNIT_STATUSES, ReleaseUnitRecord, type ReleaseUnitStatus } from '../release/release-unit.entity';
import { UnitWriter } from '../release/unit-writer.service';
import { toUnitView, type ReleaseUnitView } from './wave-views';

export interface OutboxState {
  /** The unit's manifest is in the outbox: the contractor has (or will take) a complete unit. */
  complete: boolean;
  /** A CSV without manifest: a delivery stopped half-way. */
  partialCsv: boolean;
  /** For a complete unit: the CSV matches its manifest's SHA-256. */
  verified: boolean | null;
  sha256: string | null;
}

export interface ReconcileUnitView extends ReleaseUnitView {
  waveId: number;
  outbox: OutboxState;
}

/**
 * Reconciliation of release units an admin must settle: units left `submitting` by a crashed worker.
 * The outbox decides what happened: a complete, verified unit is marked written; a unit with no complete
 * file may be written again (`rewrite`), which the worker then does once, under a new claim.
 */
@Injectable()
export class ReleaseUnitsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: UnitWriter,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(RELEASE_CONFIG) private readonly config: ReleaseConfig,
  ) {}

  async list(status: string | undefined): Promise<ReconcileUnitView[]> {
    const wanted = (status ?? 'submitting') as ReleaseUnitStatus;
    if (!RELEASE_UNIT_STATUSES.includes(wanted)) {
      throw conflict('invalid_status', `status は ${RELEASE_UNIT_STATUSES.join(' / ')} のいずれかです。`);
    }
    const units = await this.dataSource.getRepository(ReleaseUnitRecord).find({ where: { status: wanted }, order: { waveId: 'ASC', seq: 'ASC' }, take: 1000 });
    return Promise.all(units.map(async (u) => ({ ...toUnitView(u), waveId: u.waveId, outbox: await this.outboxState(u) })));
  }

  async reconcile(id: number, resolution: 'written' | 'rewrite', actor: AuthUser, clientAddress: string): Promise<ReconcileUnitView> {
    const repo = this.dataSource.getRepository(ReleaseUnitRecord);
    const unit = await repo.findOneBy({ id });
    if (!unit) throw notFound('release_unit_not_found', `発送単位（ID ${id}）が見つかりません。`);
    if (unit.status !== 'submitting') {
      throw conflict('unit_not_submitting', `この発送単位は「${unit.status}」のため照合の対象ではありません。`, { currentStatus: unit.status });
    }
    const outbox = await this.outboxState(unit);
    const name = releaseUnitName(String(unit.waveId), unit.seq);
    if (resolution === 'written') {
      if (!outbox.complete || !outbox.verified) {
        throw conflict('unit_not_in_outbox', '送付フォルダにこの発送単位の完全なファイル（マニフェストと一致するCSV）がありません。「再書き出し」を選んでください。', { currentStatus: unit.status, outbox });
      }
      await repo.update({ id, status: 'submitting' }, { status: 'written', fileName: csvFileName(name), sha256: outbox.sha256, writtenAt: this.clock.now(), lastError: null });
    } else {
      if (outbox.complete) {
        throw conflict('unit_already_in_outbox', '送付フォルダにこの発送単位の完全なファイルがあるため、再書き出しはできません。「書き出し済み」として照合してください。', { currentStatus: unit.status, outbox });
      }
      await repo.update({ id, status: 'submitting' }, { status: 'pending', claimedBy: null, claimedAt: null, enqueuedAt: null });
    }
    await this.audit.record({
      actor, action: 'release_unit.reconcile', target: `release_unit:${id}`, clientAddress,
      detail: { waveId: unit.waveId, unit: unit.seq, resolution, claimedBy: unit.claimedBy, outbox },
    });
    if (resolution === 'written') await this.writer.settleWave(unit.waveId);
    const after = await repo.findOneByOrFail({ id });
    return { ...toUnitView(after), waveId: after.waveId, outbox: await this.outboxState(after) };
  }

  private async outboxState(unit: ReleaseUnitRecord): Promise<OutboxState> {
    const name = releaseUnitName(String(unit.waveId), unit.seq);
    const dir = this.config.outboxDir;
    const complete = await pathExists(join(dir, manifestFileName(name)));
    const csv = await pathExists(join(dir, csvFileName(name)));
    if (!complete) return { complete: false, partialCsv: csv, verified: null, sha256: null };
    const files = await readCompleteUnit(dir, name, String(unit.waveId), unit.seq).catch(() => undefined);
    const verified = files ? await verifyUnitFile(files.csvPath, files.manifest).catch(() => false) : false;
    return { complete: true, partialCsv: false, verified, sha256: files?.manifest.sha256 ?? null };
  }
}
