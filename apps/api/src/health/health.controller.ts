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

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly redis: RedisStatus) {}

  /** `ok` with database and Redis up; `degraded` without Redis (the desk still works); `down` without the database. */
  @Public()
  @Get()
  async health(): Promise<Health> {
    const db = await this.dataSource.query('SELECT 1').then(() => 'up' as const, () => 'down' as const);
    const redis = this.redis.isUp() ? 'up' : 'down';
    const status = db === 'down' ? 'down' : redis === 'down' ? 'degraded' : 'ok';
    return { status, db, redis };
  }
}
