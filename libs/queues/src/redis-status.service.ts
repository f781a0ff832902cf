import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@wavedesk/config';
import { serviceUnavailable } from '@wavedesk/common';
import { redisDownMessage, redisOptions } from './redis-options';

/**
 * Knows whether Redis is reachable right now. Its own client reconnects every two seconds forever, so
 * the API starts without Redis and notices when it comes back.
 */
@Injectable()
export class RedisStatus implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  private client!: Redis;
  private up = false;
  private readonly listeners = new Set<(up: boolean) => void>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    this.client = new Redis({
      ...redisOptions(this.config.redisUrl),
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      retryStrategy: () => 2_000,
    });
    this.client.on('ready', () => this.set(true));
    this.client.on('end', () => this.set(false));
    this.client.on('close', () => this.set(false));
    this.client.on('error', () => this.set(false));
    await this.client.connect().catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    this.client?.disconnect();
  }

  isUp(): boolean {
    return this.up;
  }

  /** Throws 503 with a sentence saying where Redis was expected and how to start it. */
  assertUp(): void {
    if (!this.up) throw serviceUnavailable('redis_unavailable', redisDownMessage(this.config.redisUrl));
  }

  onChange(listener: (up: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(up: boolean): void {
    if (up === this.up) return;
    this.up = up;
    if (up) this.logger.log(`Redis is up at ${this.where()}`);
    else this.logger.warn(`Redis is unreachable at ${this.where()}; queue actions answer 503 until it is back`);
    for (const listener of this.listeners) listener(up);
  }

  private where(): string {
    const u = new URL(this.config.redisUrl);
    return `${u.hostname}:${u.port || 6379}`;
  }
}
