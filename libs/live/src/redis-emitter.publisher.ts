import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@wavedesk/config';
import { LIVE_NAMESPACE, type LiveEventName } from '@wavedesk/contracts';
import { redisOptions } from '@wavedesk/queues';
import { liveChannelKey, LivePublisher } from './live-publisher';

/** Publishes from a process without a socket.io server (the worker) through Redis to every API process. */
@Injectable()
export class RedisEmitterPublisher extends LivePublisher implements OnModuleInit, OnApplicationShutdown {
  private client!: Redis;
  private emitter!: Emitter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }

  onModuleInit(): void {
    this.client = new Redis({ ...redisOptions(this.config.redisUrl), retryStrategy: () => 2_000, maxRetriesPerRequest: 1 });
    this.client.on('error', () => undefined);
    this.emitter = new Emitter(this.client, { key: liveChannelKey(this.config.queuePrefix) });
  }

  onApplicationShutdown(): void {
    this.client?.disconnect();
  }

  /** Live events are a view of the moment, not a record: while Redis is unreachable they are dropped, not queued. */
  emit(rooms: string | string[], event: LiveEventName, payload: unknown): void {
    if (this.client.status !== 'ready') return;
    this.emitter.of(LIVE_NAMESPACE).to(rooms).emit(event, payload);
  }
}
