import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock, DomainError } from '@wavedesk/common';
import { jstDate } from '@wavedesk/forecast';
import { readCompleteUnit } from '../print/print-manifest';
import type { PrintTarget } from '../print/print-target';
import { FolderTransport, releasePrintUnit, type PrintTransport } from '../print/print-transport';
import { releaseUnitName } from '../print/release-units';
import { Wave } from '../waves/wave.entity';
import { WaveTransitions } from '../waves/wave-transitions.service';
import { RELEASE_CONFIG, type ReleaseConfig } from './release-config';
import { ReleaseUnitRecord } from './release-unit.entity';
import { loadUnitTargets } from './unit-rows';

export type UnitWriteOutcome = 'written' | 'skipped' | 'refused';

const SYSTEM = { system: 'release-worker' };
const WRITABLE: readonly string[] = ['released', 'writing'];

/** The wave row locked for the rest of the transaction (MySQL/MariaDB); SQLite serialises writers anyway. */
export async function lockWave(manager: EntityManager, waveId: number): Promise<Wave | null> {
  const sqlite = manager.connection.options.type === 'better-sqlite3';
  const rows: Array<{ id: number }> = await manager.query(`SELECT id FROM waves WHERE id = ?${sqlite ? '' : ' FOR UPDATE'}`, [waveId]);
  return rows.length === 0 ? null : manager.findOneBy(Wave, { id: waveId });
}

/**
 * Writes one release unit, exactly once:
 *
 * 1. **Claim** in a transaction, with the wave row locked: the unit goes `pending → submitting` only if
 *    its wave is `released` or `writing` and due (compare-and-set: one affected row or nothing). A held
 *    wave, a unit already claimed by another worker, or a second job for the same unit all end here.
 * 2. **Write** the unit's persons through `releasePrintUnit` into the outbox (FolderTransport).
 * 3. **Mark** it `written` with the manifest's SHA-256, push the wave's progress, and finish the wave when
 *    its last unit is written.
 *
 * A crash between 1 and 3 leaves the unit `submitting`: an admin reconciles it (release-units routes);
 * nothing writes it a second time on its own.
 */
@Injectable()
export class UnitWriter {
  private readonly logger = new Logger('Release');
  readonly workerId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  readonly transport: PrintTransport;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transitions: WaveTransitions,
    private readonly clock: Clock,
    @Inject(RELEASE_CONFIG) private readonly config: ReleaseConfig,
  ) {
    this.transport = new FolderTransport(config.outboxDir);
  }

  async writeUnit(unitId: number): Promise<UnitWriteOutcome> {
    const claimed = await this.claim(unitId);
    if (!claimed) return 'skipped';
    const { unit, wave } = claimed;
    const name = releaseUnitName(String(wave.id), unit.seq);
    let targets: PrintTarget[];
    try {
      targets = await loadUnitTargets(this.dataSource.manager, unit.id);
      const result = await releasePrintUnit(this.rows(targets), {
        stagingDirectory: join(this.config.stagingDir, `wave-${wave.id}`),
        transport: this.transport,
        wave: String(wave.id),
        unit: unit.seq,
        maxForms: Math.max(unit.count, 1),
        placeholders: this.config.allowPlaceholders ? 'allow' : 'refuse',
        unmappable: this.config.unmappable,
        now: () => this.clock.now(),
      });
      const manifest = result.manifest ?? (await readCompleteUnit(this.config.outboxDir, name, String(wave.id), unit.seq))?.manifest;
      await this.dataSource
        .createQueryBuilder()
        .update(ReleaseUnitRecord)
        .set({ status: 'written', fileName: `${name}.csv`, sha256: manifest?.sha256 ?? null, writtenAt: this.clock.now(), lastError: null })
        .where("id = :id AND status = 'submitting' AND claimedBy = :me", { id: unit.id, me: this.workerId })
        .execute();
    } catch (error) {
      if (error instanceof DomainError && error.status < 500 && error.code !== 'print_unit_mismatch') {
        // Refused before anything was published: the unit may be claimed again once the cause is fixed.
        await this.refused(unit, wave, error);
        return 'refused';
      }
      // Anything else may have left part of the unit at the destination: keep it `submitting` for an admin.
      await this.dataSource.getRepository(ReleaseUnitRecord).update(unit.id, { lastError: describe(error) });
      throw error;
    }
    await this.settleWave(wave.id);
    return 'written';
  }

  /** Step 1: the compare-and-set claim, and `startWriting` for the wave's first unit. */
  private async claim(unitId: number): Promise<{ unit: ReleaseUnitRecord; wave: Wave } | null> {
    return this.dataSource.transaction(async (manager) => {
      const unit = await manager.findOneBy(ReleaseUnitRecord, { id: unitId });
      if (!unit || unit.status !== 'pending') return null;
      const wave = await lockWave(manager, unit.waveId);
      if (!wave || !WRITABLE.includes(wave.status) || wave.mailDate > jstDate(this.clock.now())) return null;
      const result = await manager
        .createQueryBuilder()
        .update(ReleaseUnitRecord)
        .set({ status: 'submitting', claimedBy: this.workerId, claimedAt: this.clock.now(), lastError: null })
        .where(
          "id = :id AND status = 'pending' AND EXISTS (SELECT 1 FROM waves w WHERE w.id = :waveId AND w.status IN ('released', 'writing'))",
          { id: unitId, waveId: unit.waveId },
        )
        .execute();
      if (result.affected !== 1) return null;
      const current = wave.status === 'released' ? await this.transitions.apply(wave, 'startWriting', { actor: SYSTEM, manager }) : wave;
      return { unit, wave: current };
    });
  }

  /** The unit's rows, with the test/rehearsal pause (RELEASE_UNIT_PAUSE_MS) half-way through. */
  private async *rows(targets: PrintTarget[]): AsyncGenerator<PrintTarget> {
    const half = Math.floor(targets.length / 2);
    for (let i = 0; i < targets.length; i++) {
      if (i === half && this.config.unitPauseMs > 0) await sleep(this.config.unitPauseMs);
      yield targets[i];
    }
  }

  private async refused(unit: ReleaseUnitRecord, wave: Wave, error: DomainError): Promise<void> {
    await this.dataSource
      .getRepository(ReleaseUnitRecord)
      .update({ id: unit.id, status: 'submitting' }, { status: 'pending', claimedBy: null, claimedAt: null, enqueuedAt: null, lastError: error.message.slice(0, 500) });
    const current = await this.transitions.load(wave.id);
    if (current.status === 'writing' || current.status === 'released') {
      await this.transitions
        .apply(current, 'hold', { actor: { system: 'release-worker' }, reason: `発送単位 ${unit.seq} の書き出しが拒否されたため保留しました: ${error.message}`.slice(0, 500), detail: { code: error.code, unit: unit.seq } })
        .catch((e: unknown) => this.logger.warn(`wave ${wave.id}: could not hold after a refused unit: ${describe(e)}`));
    }
    this.logger.warn(`wave ${wave.id} unit ${unit.seq} refused: ${error.code}`);
  }

  /**
   * Finishes a wave whose units are all written (or emptied by re-matching) and pushes its progress.
   * A held wave is left alone: resume brings it back, and the scheduler settles it then.
   */
  async settleWave(waveId: number): Promise<void> {
    const finished = await this.dataSource.transaction(async (manager) => {
      let wave = await lockWave(manager, waveId);
      if (!wave) return null;
      const open: Array<{ n: number | string }> = await manager.query(
        "SELECT COUNT(*) AS n FROM release_units WHERE waveId = ? AND status IN ('pending', 'submitting')",
        [waveId],
      );
      if (Number(open[0].n) > 0 || !WRITABLE.includes(wave.status)) return { wave, changed: false };
      if (wave.status === 'released') wave = await this.transitions.apply(wave, 'startWriting', { actor: SYSTEM, manager });
      wave = await this.transitions.apply(wave, 'finish', { actor: SYSTEM, manager, reason: '全ての発送単位を書き出しました。' });
      return { wave, changed: true };
    });
    if (finished && !finished.changed) await this.transitions.publish(finished.wave, { reason: null, by: SYSTEM.system });
  }
}

function describe(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 500);
}
