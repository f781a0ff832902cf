import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { JOBS, QUEUES, type MatchJob } from '@wavedesk/contracts';
import { MatchRunner } from '../../../libs/mailing/src/matching';

/** Matches one batch against the card holders known on its match date. */
@Processor(QUEUES.matching)
export class MatchProcessor {
  constructor(private readonly runner: MatchRunner) {}

  @Process(JOBS.match)
  async handle(job: Job<MatchJob>): Promise<{ status: string; persons: number; matchMs: number }> {
    const report = await this.runner.run(job.data.runId, (e) => void job.progress(e.progress).catch(() => undefined));
    return { status: report.run.status, persons: report.persons, matchMs: Math.round(report.matchMs) };
  }
}
