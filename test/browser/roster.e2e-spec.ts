import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { businessCalendar } from '@wavedesk/forecast';
import { businessDay } from '../support/guard-fixtures';
import { ADMIN_PASSWORD, bearer, TestApp } from '../support/test-app';
import { launchBrowser, newJapaneseContext, screenshotDir, signIn } from './support/browser';
import { ensureWebBuild } from './support/web-build';

jest.setTimeout(180_000);
const SCREENSHOTS = screenshotDir();

/** The next Saturday from a date: a day the call center is closed. */
const saturdayAfter = (from: string): string => {
  let d = from;
  while (businessCalendar().closedReason(d) !== '土曜日') d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return d;
};

/**
 * The staffing panel's roster in real Chromium: one supervisor changes the business-day default and a
 * single date by keyboard; a second supervisor's dashboard follows live (roster:update), and the server's
 * Japanese message for a closed day shows next to the form.
 */
describe('operator roster on the dashboard in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  const openDashboard = async (username: string, password: string): Promise<Page> => {
    const context = await newJapaneseContext(browser, t.url);
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, username, password);
    await page.waitForURL(/\/(desk|dashboard)$/);
    await page.goto('/dashboard');
    await page.getByRole('heading', { name: 'オペレーター' }).waitFor();
    await page.getByLabel('平日の既定人数').waitFor();
    return page;
  };

  beforeAll(async () => {
    t = new TestApp({ env: { WEB_DIST: await ensureWebBuild() } });
    await t.start();
    browser = await launchBrowser();
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await t?.close();
  });

  it('a change on one supervisor\'s screen reaches the other\'s live and the server', async () => {
    const other = await t.createUser('supervisor');
    const editor = await openDashboard('admin', ADMIN_PASSWORD);
    const watcher = await openDashboard(other.username, other.password);
    expect(await watcher.getByLabel('平日の既定人数').inputValue()).toBe('10');

    await editor.getByLabel('平日の既定人数').fill('7');
    await editor.keyboard.press('Enter');
    await editor.getByText('平日の既定人数を保存しました。').waitFor();
    const deadline = Date.now() + 5_000;
    while ((await watcher.getByLabel('平日の既定人数').inputValue()) !== '7') {
      if (Date.now() > deadline) throw new Error('the second dashboard did not follow roster:update');
      await watcher.waitForTimeout(50);
    }

    const day = businessDay(1);
    await editor.getByLabel('日付').fill(day);
    await editor.getByLabel('人数', { exact: true }).fill('2');
    await editor.getByLabel('メモ').fill('研修');
    await editor.keyboard.press('Enter');
    const item = watcher.getByRole('list', { name: '日別の在席人数' }).getByRole('listitem');
    await item.filter({ hasText: '2人（研修）' }).waitFor({ timeout: 5_000 });

    const stored = (await t.http().get(`/api/roster?from=${day}&to=${day}`).set(bearer(await t.login())).expect(200)).body;
    expect(stored).toMatchObject({ defaultOperators: 7, days: [{ date: day, operators: 2, source: 'override', note: '研修' }] });

    // A closed day: the server's Japanese sentence is shown, nothing is stored.
    const saturday = saturdayAfter(day);
    await editor.getByLabel('日付').fill(saturday);
    await editor.getByLabel('人数', { exact: true }).fill('3');
    await editor.keyboard.press('Enter');
    await editor.getByRole('alert').getByText(`${saturday} は土曜日でコールセンターの休業日のため、在席人数は設定できません。`).waitFor();
    await editor.locator('.staffing').screenshot({ path: join(SCREENSHOTS, 'roster.png') });

    // 既定に戻す on the watcher's screen: the editor's list follows.
    await watcher.getByRole('button', { name: /の設定を既定に戻す$/ }).click();
    await editor.getByText('日別の設定はありません').waitFor({ timeout: 5_000 });
  });
});
