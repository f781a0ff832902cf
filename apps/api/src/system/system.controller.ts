import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { JOBS, QUEUES, type PingJob } from '@wavedesk/contracts';
import { notFound, Roles } from '@wavedesk/common';
import { QueueProducer } from '@wavedesk/queues';

/** Checks that the queue and the worker are alive: a ping job goes through Redis to `apps/worker` and back. */
@ApiTags('system')
@ApiBearerAuth()
@Roles('admin')
@Controller('system')
export class SystemController {
  constructor(private readonly queues: QueueProducer) {}

  @Post('worker-ping')
  @HttpCode(202)
  async ping(): Promise<{ id: string }> {
    const job = await this.queues.enqueue<PingJob>(QUEUES.maintenance, JOBS.ping, { requestedAt: new Date().toISOString() }, { removeOnComplete: 100 });
    return { id: String(job.id) };
  }

  @Get('worker-ping/:id')
  async result(@Param('id') id: string): Promise<{ id: string; state: string; result: unknown }> {
    this.queues.assertAvailable();
    const job = await this.queues.queue(QUEUES.maintenance).getJob(id);
    if (!job) throw notFound('job_not_found', `ジョブ ${id} は見つかりません。`);
    return { id, state: await job.getState(), result: job.returnvalue ?? null };
  }
}
