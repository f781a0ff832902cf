import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './app-config';

const dataDir = mkdtempSync(join(tmpdir(), 'wavedesk-config-'));

describe('loadConfig', () => {
  it('starts on embedded SQLite with sensible defaults when nothing is set', () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.sqlitePath).toBe(join(dataDir, 'wavedesk.sqlite'));
    expect(config.port).toBe(3000);
    expect(config.jwtTtlHours).toBe(12);
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
    // A generated secret is kept, so a restart accepts the same tokens.
    expect(loadConfig({ DATA_DIR: dataDir }).jwtSecret).toBe(config.jwtSecret);
  });

  it.each([
    [{ PORT: 'abc' }, /PORT must be a whole number/],
    [{ JWT_TTL_HOURS: '24' }, /JWT_TTL_HOURS must be between 1 and 12/],
    [{ DATABASE_URL: 'postgres://x/y' }, /DATABASE_URL must look like mysql:\/\//],
    [{ REDIS_URL: 'localhost' }, /REDIS_URL must look like redis:\/\//],
    [{ DB_MIGRATE_ON_START: 'maybe' }, /DB_MIGRATE_ON_START must be true or false/],
    [{ JWT_SECRET: 'short' }, /JWT_SECRET must be at least 16 characters/],
    [{ BODY_LIMIT: 'lots' }, /BODY_LIMIT must be a size/],
    [{ WAVEDESK_SIMULATION: 'demo' }, /WAVEDESK_SIMULATION must be true or false/],
  ])('stops with a sentence naming the variable for %p', (env, message) => {
    expect(() => loadConfig({ DATA_DIR: dataDir, ...env })).toThrow(message);
  });
});
