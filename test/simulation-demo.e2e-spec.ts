import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Child, childEnv, ensureServerBuilt, freePort } from './support/processes';
import { TEST_REDIS_URL } from './support/test-database';

/**
 * `npm run demo -- --scale 0.005`: from the script to a running simulation on the embedded SQLite, the
 * printed logins work, and Ctrl-C stops the run and both processes. Bounded: a few minutes at most.
 */
describe('npm run demo', () => {
  let demo: Child | undefined;
  afterAll(async () => {
    await demo?.stop(45_000);
  });

  it('starts API and worker in simulation mode, runs the scenario, and stops cleanly on Ctrl-C', async () => {
    await ensureServerBuilt();
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'wavedesk-demo-'));
    demo = new Child(process.execPath, ['scripts/demo.mjs', '--scenario', 'baseline', '--scale', '0.005', '--speed', '30', '--port', String(port)], childEnv({
      DATA_DIR: dataDir, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: `wddemo_${randomBytes(4).toString('hex')}`,
    }));
    await demo.waitFor(/監督者:\s+supervisor \/ \S+/, 240_000);
    const url = `http://127.0.0.1:${port}`;
    const health = await (await fetch(`${url}/api/health`)).json();
    expect(health).toEqual({ status: 'ok', db: 'up', redis: 'up' });

    // The printed supervisor can sign in and watch the run reach the simulated clock.
    const password = /監督者:\s+supervisor \/ (\S+)/.exec(demo.stdout)![1];
    const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'supervisor', password }) });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    await demo.waitFor(/▶ 模擬時計で実行/, 180_000);
    const view = await (await fetch(`${url}/api/simulations/1`, { headers: { authorization: `Bearer ${accessToken}` } })).json();
    expect(view).toMatchObject({ id: 1, scenario: 'baseline', status: 'running', scale: 0.005, speed: 30 });
    const clock = await (await fetch(`${url}/api/clock`, { headers: { authorization: `Bearer ${accessToken}` } })).json();
    expect(clock).toMatchObject({ simulationId: 1, rate: 30 * 525 });

    await sleep(3000);
    demo.child.kill('SIGINT');
    const exit = await Promise.race([demo.exited, sleep(45_000).then(() => 'timeout' as const)]);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(demo.stdout).toContain('停止しました。');
    await expect(fetch(`${url}/api/health`)).rejects.toThrow();
  }, 480_000);
});
