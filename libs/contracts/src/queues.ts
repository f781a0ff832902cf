/** Bull queue names, shared by the API (producer) and the worker (processor). */
export const QUEUES = {
  imports: 'imports',
  matching: 'matching',
  release: 'release',
  maintenance: 'maintenance',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
export const ALL_QUEUES: QueueName[] = Object.values(QUEUES);

/** Job names and payloads per queue. */
export const JOBS = {
  ping: 'ping',
} as const;

export interface PingJob {
  requestedAt: string;
}
