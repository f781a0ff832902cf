import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ADMIN_PASSWORD, TestApp } from '../support/test-app';
import { launchBrowser, newJapaneseContext, signIn } from './support/browser';
import { ensureWebBuild } from './support/web-build';

jest.setTimeout(240_000);

/**
 * シミュレーション in real Chromium, by keyboard only: the admin picks a scenario, scale and speed, starts,
 * sees a wrong value refused next to its field, watches the set-up and the simulated clock live, and stops.
 */
describe('the simulation page in Chromium', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    t = new TestApp({ env: { WEB_DIST: await ensureWebBuild(), WAVEDESK_SIMULATION: 'true', RELEASE_ALLOW_PLACEHOLDERS: 'true', RELEASE_TICK_MS: '300' } });
    await t.start();
    const { WorkerModule } = await import('../../apps/worker/src/worker.module');
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false, abortOnError: false });
    await worker.init();
    browser = await launchBrowser();
    context = await newJapaneseContext(browser, t.url);
    page = await context.newPage();
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await worker?.close();
    await t?.close();
  });

  it('starts, follows live and stops a run by keyboard', async () => {
    await signIn(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL('**/desk');
    await page.getByRole('link', { name: 'シミュレーション' }).click();
    await page.getByRole('heading', { name: 'シミュレーション' }).waitFor();

    // Keyboard only: scenario, then a scale out of range, then start with Enter.
    await page.getByLabel('シナリオ').focus();
    await page.getByLabel('シナリオ').selectOption('baseline');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await page.locator('#sim-scale-error').getByText('規模は0.001以上1以下で指定してください。').waitFor();

    await page.getByLabel('規模').fill('0.05');
    await page.getByLabel('速さ（実時間1分あたりの営業日）').fill('2');
    await page.getByLabel('速さ（実時間1分あたりの営業日）').press('Enter');

    // The set-up and then the simulated clock, pushed live.
    await page.getByRole('heading', { name: /シミュレーション 1：通常（試算どおり）（準備中/ }).waitFor({ timeout: 30_000 });
    await page.getByRole('heading', { name: 'シミュレーション 1：通常（試算どおり）（実行中）' }).waitFor({ timeout: 120_000 });
    await page.getByTestId('simulated-now').getByText(/\d{4}年\d{1,2}月\d{1,2}日\(.\) \d{2}:\d{2}/).waitFor();
    await page.getByRole('table', { name: 'この送付事業の波' }).waitFor();
    await expect(page.getByRole('button', { name: '開始' }).isDisabled()).resolves.toBe(true);

    await page.getByRole('button', { name: '停止' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'シミュレーション 1：通常（試算どおり）（停止）' }).waitFor({ timeout: 60_000 });
    // The stop's own answer may come a moment after the live event that shows 停止: the button follows it.
    await page.getByRole('button', { name: '開始', disabled: false }).waitFor({ timeout: 10_000 });
  });
});
