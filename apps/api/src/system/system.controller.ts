import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { JOBS, LIVE_EVENTS, QUEUES, UNION_ROOM, type PingJob } from '@wavedesk/contracts';
import { Clock, notFound, Roles } from '@wavedesk/common';
import { LivePublisher } from '@wavedesk/live';
import { QueueProducer } from '@wavedesk/queues';
import { LiveTestDto } from './dto/live-test.dto';

/** Payload of the diagnostics event `test:ping`. */
export interface LiveTestEvent {
  room: string;
  sentAt: string;
  /** The API process that published it: with several processes, shows the event crossed between them. */
  pid: number;
}

/**
 * Diagnostics for admins: a ping job goes through Redis to `apps/worker` and back, and a test event goes
 * out on the live channel.
 */
@ApiTags('system')
@ApiBearerAuth()
@Roles('admin')
@Controller('system')
export class SystemController {
  constructor(private readonly queues: QueueProducer, private readonly live: LivePublisher, private readonly clock: Clock) {}

  @Post('worker-ping')
  @HttpCode(202)
  async ping(): Promise<{ id: string }> {
    const job = await this.queues.enqueue<PingJob>(QUEUES.maintenance, JOBS.ping, { requestedAt: this.clock.now().toISOString() }, { removeOnComplete: 100 });
    return { id: String(job.id) };
  }

  @Get('worker-ping/:id')
  async result(@Param('id') id: string): Promise<{ id: string; state: string; result: unknown }> {
    this.queues.assertAvailable();
    const queue = this.queues.queue(QUEUES.maintenance);
    let job = await queue.getJob(id);
    if (!job) throw notFound('job_not_found', `ジョブ ${id} は見つかりません。`);
    const state = await job.getState();
    // The job may have finished between the two reads: read it again so a completed job carries its result.
    if (state === 'completed') job = (await queue.getJob(id)) ?? job;
    return { id, state, result: job.returnvalue ?? null };
  }

  /**
   * Diagnostics route: publishes `test:ping` to a live room (default `union`) through the LivePublisher, so
   * an admin can check that dashboards receive events — with several API processes, also on the processes
   * behind the other end of the Redis adapter. Changes nothing.
   */
  @Post('live-test')
  @HttpCode(202)
  liveTest(@Body() dto: LiveTestDto): LiveTestEvent {
    const event: LiveTestEvent = { room: dto.room ?? UNION_ROOM, sentAt: this.clock.now().toISOString(), pid: process.pid };
    this.live.emit(event.room, LIVE_EVENTS.test, event);
    return event;
  }
}
