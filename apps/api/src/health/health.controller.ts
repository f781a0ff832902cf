import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '@wavedesk/common';
import { RedisStatus } from '@wavedesk/queues';

export interface Health {
  status: 'ok' | 'degraded' | 'down';
  db: 'up' | 'down';
  redis: 'up' | 'down';
}

/** How long one database ping answers for: a load balancer polling hard costs the database one ping a second. */
export const DB_PING_MAX_AGE_MS = 1_000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  private ping: { at: number; result: Promise<'up' | 'down'> } | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly redis: RedisStatus) {}

  /**
   * `ok` with database and Redis up; `degraded` without Redis (the desk still works); `down` without the
   * database. The database is pinged at most once a second (callers at the same time share the ping);
   * Redis is the connection's own state.
   */
  @Public()
  @Get()
  async health(): Promise<Health> {
    const db = await this.databaseStatus();
    const redis = this.redis.isUp() ? 'up' : 'down';
    const status = db === 'down' ? 'down' : redis === 'down' ? 'degraded' : 'ok';
    return { status, db, redis };
  }

  private databaseStatus(): Promise<'up' | 'down'> {
    const now = Date.now();
    if (!this.ping || now - this.ping.at >= DB_PING_MAX_AGE_MS) {
      this.ping = { at: now, result: this.dataSource.query('SELECT 1').then(() => 'up' as const, () => 'down' as const) };
    }
    return this.ping.result;
  }
}
