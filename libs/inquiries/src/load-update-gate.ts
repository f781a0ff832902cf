import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@wavedesk/config';
import { redisOptions } from '@wavedesk/queues';

/**
 * Shares the `load:update` interval between API processes: before a broadcast, a process takes a short
 * Redis key (SET NX PX); if another process holds it, it waits until the key expires and then broadcasts
 * what the database says by then. So a room receives at most one `load:update` per interval however many
 * processes serve the API. Without Redis each process keeps its own interval.
 */
@Injectable()
export class LoadUpdateGate implements OnModuleInit, OnApplicationShutdown {
  private client: Redis | null = null;
  private readonly key: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = `${config.queuePrefix}:load-update-gate`;
  }

  onModuleInit(): void {
    this.client = new Redis({
      ...redisOptions(this.config.redisUrl),
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      commandTimeout: 500,
      retryStrategy: () => 2_000,
    });
    this.client.on('error', () => undefined);
    this.client.connect().catch(() => undefined);
  }

  onApplicationShutdown(): void {
    this.client?.disconnect();
    this.client = null;
  }

  /** 0 to broadcast now, or the milliseconds until another process's interval ends. */
  async acquire(intervalMs: number): Promise<number> {
    const client = this.client;
    if (!client || client.status !== 'ready') return 0;
    const taken = await client.set(this.key, String(process.pid), 'PX', intervalMs, 'NX');
    if (taken === 'OK') return 0;
    const ttl = await client.pttl(this.key);
    return ttl > 0 ? ttl : 1;
  }
}
