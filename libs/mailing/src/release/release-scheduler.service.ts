import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Clock } from '@wavedesk/common';
import { JOBS, QUEUES, type ReleaseUnitJob } from '@wavedesk/contracts';
import { jstDate } from '@wavedesk/forecast';
import { QueueProducer } from '@wavedesk/queues';
import { ReleaseUnitRecord } from './release-unit.entity';
import { sqlDateTime } from './sql-values';
import { UnitWriter } from './unit-writer.service';

/** A unit enqueued this long ago and still pending is enqueued again (Redis may have lost it); the job id dedupes. */
export const REENQUEUE_AFTER_MS = 5 * 60_000;
const BATCH = 500;

export const releaseJobId = (unitId: number): string => `release-unit-${unitId}`;

/**
 * The scheduler tick: the database decides what is due, Redis only carries the work. Each tick enqueues
 * the pending units of waves that are `released` or `writing` and due (mail date ≤ today in Japan), one
 * job per unit with jobId = unit id, so ticks on several workers never make two jobs for one unit. No
 * delayed jobs wait in Redis for future waves: a held or moved wave has nothing queued to call back.
 */
@Injectable()
export class ReleaseScheduler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: QueueProducer,
    private readonly writer: UnitWriter,
    private readonly clock: Clock,
  ) {}

  async tick(): Promise<{ enqueued: number; settled: number }> {
    const now = this.clock.now();
    const today = jstDate(now);
    const due: Array<{ id: number }> = await this.dataSource.query(
      `SELECT u.id FROM release_units u JOIN waves w ON w.id = u.waveId
        WHERE w.status IN ('released', 'writing') AND w.mailDate <= ? AND u.status = 'pending'
          AND (u.enqueuedAt IS NULL OR u.enqueuedAt < ?)
        ORDER BY w.mailDate, w.id, u.seq LIMIT ${BATCH}`,
      [today, sqlDateTime(new Date(now.getTime() - REENQUEUE_AFTER_MS))],
    );
    const ids = due.map((r) => Number(r.id));
    const queue = ids.length > 0 ? this.producer.queue(QUEUES.release) : null;
    for (const unitId of ids) {
      // A finished or failed job under the same id would make the add a no-op: clear it (the claim guards the unit anyway).
      const old = await queue!.getJob(releaseJobId(unitId));
      if (old && ((await old.isCompleted()) || (await old.isFailed()))) await old.remove();
      await this.producer.enqueue<ReleaseUnitJob>(QUEUES.release, JOBS.releaseUnit, { unitId }, { jobId: releaseJobId(unitId), removeOnComplete: true, removeOnFail: 1000, attempts: 1 });
    }
    if (ids.length > 0) {
      await this.dataSource.getRepository(ReleaseUnitRecord).update({ id: In(ids), status: 'pending' }, { enqueuedAt: now });
    }

    // Waves whose last unit was written while they were held, or emptied by re-matching, are finished here.
    const settle: Array<{ id: number }> = await this.dataSource.query(
      `SELECT w.id FROM waves w
        WHERE w.status IN ('released', 'writing') AND w.mailDate <= ?
          AND EXISTS (SELECT 1 FROM release_units u WHERE u.waveId = w.id)
          AND NOT EXISTS (SELECT 1 FROM release_units u WHERE u.waveId = w.id AND u.status IN ('pending', 'submitting'))`,
      [today],
    );
    for (const w of settle) await this.writer.settleWave(Number(w.id));
    return { enqueued: ids.length, settled: settle.length };
  }
}
