export * from './redis-options';
export * from './redis-status.service';
export * from './queue-producer.service';
export * from './queues.module';
