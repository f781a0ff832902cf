import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { hostname } from 'node:os';
import { JOBS, QUEUES, type PingJob } from '@wavedesk/contracts';

/** Answers the API's worker check: proves a job travels API → Redis → worker → back. */
@Processor(QUEUES.maintenance)
export class PingProcessor {
  @Process(JOBS.ping)
  handle(job: Job<PingJob>): { pong: true; worker: string; pid: number; requestedAt: string } {
    return { pong: true, worker: hostname(), pid: process.pid, requestedAt: job.data.requestedAt };
  }
}
