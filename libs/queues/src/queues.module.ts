import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@wavedesk/config';
import { ALL_QUEUES } from '@wavedesk/contracts';
import { redisOptions } from './redis-options';
import { RedisStatus } from './redis-status.service';
import { QueueProducer } from './queue-producer.service';

/** Bull on Redis: the queues of `libs/contracts`, a producer that answers 503 without Redis, and Redis's status. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        prefix: config.queuePrefix,
        redis: { ...redisOptions(config.redisUrl), maxRetriesPerRequest: null, enableReadyCheck: false, retryStrategy: () => 2_000 },
      }),
    }),
    BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
  ],
  providers: [RedisStatus, QueueProducer],
  exports: [BullModule, RedisStatus, QueueProducer],
})
export class QueuesModule {}
