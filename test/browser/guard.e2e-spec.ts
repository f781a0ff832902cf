import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { burst, businessDay, driveClock, jst, planWithWaves, SAPPORO, type WaveView } from '../support/guard-fixtures';
import { ADMIN_PASSWORD, bearer, TestApp } from '../support/test-app';
import { launchBrowser, newJapaneseContext, screenshotDir, signIn } from './support/browser';
import { ensureWebBuild } from './support/web-build';

jest.setTimeout(180_000);
const SCREENSHOTS = screenshotDir();

/**
 * The load guard on the dashboard in real Chromium: a burst of 札幌市 inquiries holds its wave; the alert
 * appears live with the evidence in Japanese; 再開 asks for a reason and resumes the wave. Then the
 * 監視ルール page refuses a wrong value with the API's Japanese message next to the field.
 */
describe('load guard on the dashboard in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let plan: { sapporo: WaveView; later: WaveView[] };

  beforeAll(async () => {
    t = new TestApp({ env: { WEB_DIST: await ensureWebBuild() } });
    await t.start();
    plan = await planWithWaves(t, [businessDay(3), businessDay(8), businessDay(13)]);
    driveClock(t, jst(businessDay(1), '10:07'));
    browser = await launchBrowser();
    context = await newJapaneseContext(browser, t.url);
    page = await context.newPage();
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  it('shows a guard alert live with its evidence, and 再開 with a reason resumes the wave', async () => {
    await signIn(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL('**/desk');
    await page.getByRole('link', { name: 'ダッシュボード' }).click();
    await page.getByRole('heading', { name: '負荷監視' }).waitFor();
    await page.getByText('負荷監視による保留はありません。').waitFor();

    await burst([{ t, token: await t.userWithRole('operator') }], SAPPORO, 12);

    const card = page.locator('.guard-event').first();
    await card.waitFor({ timeout: 10_000 });
    await expect(card.locator('.guard-event__summary').textContent()).resolves.toMatch(/^札幌市：過去7分で\d+件（予測0\.01件）、CUSUM .* ≥ 7、p < 0\.00001 — .+を保留$/);
    await expect(card.textContent()).resolves.toContain('ルール「市町村の問い合わせ急増」（第1版）');
    await page.locator('.alert-feed').getByText('負荷監視：保留').waitFor();
    await page.locator('.wave__held', { hasText: '負荷監視が保留' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'guard-alert.png'), fullPage: true });

    // 再開 without a reason: the field is focused with the message; with a reason the wave is resumed.
    await card.getByRole('button', { name: '再開' }).click();
    await card.getByRole('alert').getByText('再開の理由を入力してください。').waitFor();
    expect(await page.locator(':focus').getAttribute('id')).toMatch(/^guard-reason-/);
    await page.keyboard.type('窓口の混雑が解消した');
    await card.getByRole('button', { name: '再開' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('負荷監視による保留はありません。').waitFor({ timeout: 10_000 });

    const wave = (await t.http().get(`/api/waves/${plan.sapporo.id}`).set(bearer(await t.login())).expect(200)).body;
    expect(wave.status).toBe('planned');
    const [event] = (await t.http().get('/api/guard/events?status=all').set(bearer(await t.login())).expect(200)).body.items;
    expect(event).toMatchObject({ status: 'resumed', resumed: { by: 'admin', reason: '窓口の混雑が解消した' } });
  });

  it('監視ルール shows the version and the API\'s Japanese message next to a wrong field', async () => {
    await page.getByRole('link', { name: '監視ルール' }).click();
    await page.getByRole('heading', { name: '監視ルール' }).waitFor();
    await page.getByText(/現在 第1版/).waitFor();
    const multiplier = page.locator('#rule-0-multiplier');
    await multiplier.fill('1');
    await page.getByRole('button', { name: '保存（新しい版）' }).click();
    await page.getByRole('row').filter({ has: multiplier }).getByRole('alert').getByText(/倍率/).waitFor();
    await multiplier.fill('2');
    await page.locator('#rule-0-threshold').fill('8');
    await page.getByRole('button', { name: '保存（新しい版）' }).click();
    await page.getByText('第2版として保存しました。').waitFor();
    await page.getByText(/現在 第2版/).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'guard-rules.png'), fullPage: true });
  });
});
