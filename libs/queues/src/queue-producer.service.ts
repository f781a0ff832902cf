import { getQueueToken } from '@nestjs/bull';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Job, JobOptions, Queue } from 'bull';
import { ALL_QUEUES, type QueueName } from '@wavedesk/contracts';
import { serviceUnavailable } from '@wavedesk/common';
import { RedisStatus } from './redis-status.service';

/**
 * The one way to put work on a queue. Without Redis it answers 503 at once instead of waiting for a
 * connection that may never come.
 */
@Injectable()
export class QueueProducer implements OnModuleInit {
  private readonly logger = new Logger('Queues');
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly moduleRef: ModuleRef, private readonly redis: RedisStatus) {}

  onModuleInit(): void {
    for (const name of ALL_QUEUES) this.queue(name);
  }

  /** Throws 503 when Redis is unreachable; call before reading jobs. */
  assertAvailable(): void {
    this.redis.assertUp();
  }

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      // Without a listener an 'error' event would end the process while Redis is down.
      queue.on('error', (error) => this.logger.debug(`queue ${name}: ${error.message}`));
      this.queues.set(name, queue);
    }
    return queue;
  }

  async enqueue<T>(name: QueueName, job: string, data: T, options?: JobOptions): Promise<Job<T>> {
    this.redis.assertUp();
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(serviceUnavailable('redis_timeout', 'キューへの登録がタイムアウトしました。Redis の状態を確認してください。')), 5_000).unref(),
    );
    return Promise.race([this.queue(name).add(job, data, options), timeout]) as Promise<Job<T>>;
  }
}
