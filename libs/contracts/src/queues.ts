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
  /** queue `imports`: read, validate and store one import (ImportJob). */
  import: 'import',
  /** queue `matching`: match one batch (MatchJob). */
  match: 'match',
  /** queue `release`: write one release unit for the print contractor (ReleaseUnitJob). */
  releaseUnit: 'release-unit',
} as const;

export interface PingJob {
  requestedAt: string;
}

/** Job `import` on queue `imports`: the import row says what to read (kind, file, encoding, options). */
export interface ImportJob {
  importId: number;
}

/** Job `match` on queue `matching`: the match run row says which batch. */
export interface MatchJob {
  runId: number;
}

/** Job `release-unit` on queue `release`: the release_units row says which wave and persons; jobId = `release-unit-<id>`. */
export interface ReleaseUnitJob {
  unitId: number;
}
