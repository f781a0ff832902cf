import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { JOBS, QUEUES, type ReleaseUnitJob } from '@wavedesk/contracts';
import { UnitWriter, type UnitWriteOutcome } from '../../../libs/mailing/src/release/unit-writer.service';

/** Writes one release unit for the print contractor, exactly once (the claim decides; see UnitWriter). */
@Processor(QUEUES.release)
export class WaveReleaseProcessor {
  constructor(private readonly writer: UnitWriter) {}

  @Process(JOBS.releaseUnit)
  async handle(job: Job<ReleaseUnitJob>): Promise<{ outcome: UnitWriteOutcome; worker: string }> {
    return { outcome: await this.writer.writeUnit(job.data.unitId), worker: this.writer.workerId };
  }
}
