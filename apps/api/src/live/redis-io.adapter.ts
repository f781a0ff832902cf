import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { INestApplicationContext } from '@nestjs/common';
import Redis from 'ioredis';
import type { ServerOptions } from 'socket.io';
import { liveChannelKey } from '@wavedesk/live';
import { redisOptions } from '@wavedesk/queues';

/**
 * socket.io with the Redis adapter, so that several API processes share their rooms: an event emitted in
 * one process reaches clients connected to another. Without Redis at start, each process serves its own clients.
 */
export class RedisIoAdapter extends IoAdapter {
  private adapterConstructor: ReturnType<typeof createAdapter> | null = null;
  private clients: Redis[] = [];

  constructor(app: INestApplicationContext, private readonly redisUrl: string, private readonly channelPrefix: string) {
    super(app);
  }

  /** Connects pub/sub clients; returns false (and stays local) when Redis is not reachable. */
  async connectToRedis(): Promise<boolean> {
    const options = { ...redisOptions(this.redisUrl), retryStrategy: () => 2_000, maxRetriesPerRequest: 1, lazyConnect: true };
    const pub = new Redis(options);
    const sub = new Redis(options);
    pub.on('error', () => undefined);
    sub.on('error', () => undefined);
    try {
      await Promise.all([pub.connect(), sub.connect()]);
    } catch {
      pub.disconnect();
      sub.disconnect();
      return false;
    }
    this.clients = [pub, sub];
    this.adapterConstructor = createAdapter(pub, sub, { key: liveChannelKey(this.channelPrefix) });
    return true;
  }

  createIOServer(port: number, options?: ServerOptions) {
    const server = super.createIOServer(port, options);
    if (this.adapterConstructor) server.adapter(this.adapterConstructor);
    return server;
  }

  /**
   * Runs once after Nest has closed every socket.io server (through the inherited `close(server)`, which
   * disconnects the clients): the Redis pub/sub clients go last.
   */
  async dispose(): Promise<void> {
    for (const client of this.clients) client.disconnect();
  }
}
