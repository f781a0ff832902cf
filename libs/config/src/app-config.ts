import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The one typed configuration, read from the environment once at start.
 * Every variable is listed in the README's configuration table.
 */
export interface AppConfig {
  port: number;
  host: string;
  /** `mysql://user:pass@host:port/db` for MySQL/MariaDB; undefined means embedded SQLite. */
  databaseUrl?: string;
  sqlitePath: string;
  migrateOnStart: boolean;
  redisUrl: string;
  jwtSecret: string;
  jwtTtlHours: number;
  adminPassword?: string;
  matchHmacKey: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  dataDir: string;
  outboxDir: string;
  webDist: string;
  loginMaxFailures: number;
  loginLockMinutes: number;
  queuePrefix: string;
  /**
   * WAVEDESK_SIMULATION=true: demo and rehearsal mode. The clock follows a running simulation and the
   * simulation routes are open. Never in production.
   */
  simulation: boolean;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) {
    throw new ConfigError(`${name} must be a whole number between ${min} and ${max}, but is "${raw}".`);
  }
  const value = Number(raw);
  if (value < min || value > max) {
    throw new ConfigError(`${name} must be between ${min} and ${max}, but is ${value}.`);
  }
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, but is "${raw}".`);
}

function size(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const m = /^(\d+)\s*(b|kb|mb|gb)?$/i.exec(raw.trim());
  if (!m) throw new ConfigError(`${name} must be a size such as 1mb or 500kb, but is "${raw}".`);
  const unit = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[(m[2] ?? 'b').toLowerCase() as 'b'];
  return Number(m[1]) * unit;
}

/**
 * A secret from the environment, or one generated once and kept in the data folder so that restarts
 * and several processes on one machine agree. Production sets it explicitly.
 */
function secret(env: Env, name: string, dataDir: string): string {
  const raw = env[name];
  if (raw !== undefined && raw !== '') {
    if (raw.length < 16) throw new ConfigError(`${name} must be at least 16 characters long.`);
    return raw;
  }
  const file = join(dataDir, 'secrets.json');
  const stored: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  if (!stored[name]) {
    stored[name] = randomBytes(32).toString('base64url');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return stored[name];
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: Env = process.env): AppConfig {
  const dataDir = resolve(env.DATA_DIR || 'data');
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^mysql:\/\/[^/]+\/[A-Za-z0-9_$-]+/.test(databaseUrl)) {
    throw new ConfigError(
      `DATABASE_URL must look like mysql://user:password@host:3306/database (or be unset for embedded SQLite), but is "${databaseUrl.replace(/:[^:@/]*@/, ':***@')}".`,
    );
  }
  const redisUrl = env.REDIS_URL || 'redis://127.0.0.1:6379';
  if (!/^rediss?:\/\/[^/]+(\/\d+)?$/.test(redisUrl)) {
    throw new ConfigError(`REDIS_URL must look like redis://host:6379 or redis://host:6379/0, but is "${redisUrl}".`);
  }
  const logLevel = (env.LOG_LEVEL || 'info') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, but is "${env.LOG_LEVEL}".`);
  }
  const host = env.HOST || '0.0.0.0';
  return {
    port: int(env, 'PORT', 3000, 0, 65535),
    host,
    databaseUrl,
    sqlitePath: resolve(env.SQLITE_PATH || join(dataDir, 'wavedesk.sqlite')),
    migrateOnStart: bool(env, 'DB_MIGRATE_ON_START', true),
    redisUrl,
    jwtSecret: secret(env, 'JWT_SECRET', dataDir),
    jwtTtlHours: int(env, 'JWT_TTL_HOURS', 12, 1, 12),
    adminPassword: env.WAVEDESK_ADMIN_PASSWORD || undefined,
    matchHmacKey: secret(env, 'MATCH_HMAC_KEY', dataDir),
    logLevel,
    bodyLimitBytes: size(env, 'BODY_LIMIT', 1024 * 1024),
    uploadLimitBytes: size(env, 'UPLOAD_LIMIT', 1024 ** 3),
    dataDir,
    outboxDir: resolve(env.OUTBOX_DIR || join(dataDir, 'outbox')),
    webDist: resolve(env.WEB_DIST || 'dist/web'),
    loginMaxFailures: int(env, 'LOGIN_MAX_FAILURES', 5, 1, 100),
    loginLockMinutes: int(env, 'LOGIN_LOCK_MINUTES', 15, 1, 1440),
    queuePrefix: env.QUEUE_PREFIX || 'wavedesk',
    simulation: bool(env, 'WAVEDESK_SIMULATION', false),
  };
}

/** Injection token for the config object. */
export const APP_CONFIG = Symbol('APP_CONFIG');
