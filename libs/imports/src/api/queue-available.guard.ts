import { type CanActivate, Injectable } from '@nestjs/common';
import { RedisStatus } from '@wavedesk/queues';

/** Answers 503 before a large upload is received when the queue (Redis) cannot take the job anyway. */
@Injectable()
export class QueueAvailableGuard implements CanActivate {
  constructor(private readonly redis: RedisStatus) {}

  canActivate(): boolean {
    this.redis.assertUp();
    return true;
  }
}
