/**
 * Release settings, read from the environment once and checked at start (a wrong value stops the start
 * with a sentence that names it). Listed in docs/mailing.md.
 */
import { join } from 'node:path';
import { ConfigError, type AppConfig } from '@wavedesk/config';
import { DEFAULT_RELEASE_UNIT_SIZE } from '../print/release-units';

export interface ReleaseConfig {
  /** Most forms per release unit (RELEASE_UNIT_SIZE, default 5,000). */
  unitSize: number;
  /** RELEASE_ALLOW_PLACEHOLDERS=true lets placeholder 申請書IDs be released: rehearsals and demos only. */
  allowPlaceholders: boolean;
  /** RELEASE_UNMAPPABLE: `refuse` (default) stops a unit with 外字; `substitute` prints 〓 and counts them. */
  unmappable: 'refuse' | 'substitute';
  /** How often the worker's scheduler tick looks for due units (RELEASE_TICK_MS, default 5,000). */
  tickMs: number;
  /** RELEASE_UNIT_PAUSE_MS: a pause in the middle of writing each unit. For tests and rehearsals only (default 0). */
  unitPauseMs: number;
  /** Where units are written before they are handed to the transport (RELEASE_STAGING_DIR, default DATA_DIR/release-staging). */
  stagingDir: string;
  /** Where the contractor collects units (OUTBOX_DIR). */
  outboxDir: string;
}

export const RELEASE_CONFIG = Symbol('RELEASE_CONFIG');

type Env = Record<string, string | undefined>;

function whole(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number between ${min} and ${max}, but is "${raw}".`);
  }
  return value;
}

export function loadReleaseConfig(app: Pick<AppConfig, 'dataDir' | 'outboxDir'>, env: Env = process.env): ReleaseConfig {
  const allow = env.RELEASE_ALLOW_PLACEHOLDERS ?? '';
  if (allow !== '' && !/^(true|false|1|0)$/i.test(allow)) {
    throw new ConfigError(`RELEASE_ALLOW_PLACEHOLDERS must be true or false, but is "${allow}".`);
  }
  const unmappable = env.RELEASE_UNMAPPABLE || 'refuse';
  if (unmappable !== 'refuse' && unmappable !== 'substitute') {
    throw new ConfigError(`RELEASE_UNMAPPABLE must be refuse or substitute, but is "${unmappable}".`);
  }
  return {
    unitSize: whole(env, 'RELEASE_UNIT_SIZE', DEFAULT_RELEASE_UNIT_SIZE, 1, 9999),
    allowPlaceholders: /^(true|1)$/i.test(allow),
    unmappable,
    tickMs: whole(env, 'RELEASE_TICK_MS', 5000, 200, 600_000),
    unitPauseMs: whole(env, 'RELEASE_UNIT_PAUSE_MS', 0, 0, 600_000),
    stagingDir: env.RELEASE_STAGING_DIR || join(app.dataDir, 'release-staging'),
    outboxDir: app.outboxDir,
  };
}
