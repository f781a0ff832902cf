import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ADMIN_PASSWORD, TestApp } from '../support/test-app';
import { launchBrowser, newJapaneseContext, screenshotDir } from './support/browser';
import { ensureWebBuild } from './support/web-build';

/**
 * The web app in real Chromium against the real API (throwaway MariaDB, local Redis), served by the API on
 * one port as `npm start` does. The web app is built first when dist/web is missing or older than its sources.
 */
const SCREENSHOTS = screenshotDir();
const ALL_PAGES = ['窓口', 'ダッシュボード', '発送', '市町村', '監視ルール', '監査ログ', 'ユーザー', 'シミュレーション'];

const navLabels = (page: Page) => page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link').allTextContents();
const focusedId = (page: Page) => page.locator(':focus').getAttribute('id');

/** Signs in with the keyboard only: the user name field has focus, Tab to the password, Enter submits. */
async function signInByKeyboard(page: Page, username: string, password: string): Promise<void> {
  expect(await focusedId(page)).toBe('signin-username');
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  expect(await focusedId(page)).toBe('signin-password');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

describe('web app shell in Chromium', () => {
  const contexts: BrowserContext[] = [];
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = new TestApp({ env: { WEB_DIST: await ensureWebBuild() } });
    await t.start();
    browser = await launchBrowser();
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await t?.close();
  });

  async function openPage(): Promise<Page> {
    const context = await newJapaneseContext(browser, t.url);
    contexts.push(context);
    return context.newPage();
  }

  it('lets an admin sign in by keyboard and create a municipal user, who then sees only 窓口 and their own 市町村', async () => {
    // --- admin signs in ---------------------------------------------------------------------------
    const admin = await openPage();
    await admin.goto('/');
    await admin.waitForURL('**/signin');
    await admin.getByRole('heading', { name: 'ログイン' }).waitFor();

    // A wrong password is answered with the API's Japanese sentence.
    await signInByKeyboard(admin, 'admin', 'not-the-password');
    await expect(admin.getByRole('alert').textContent()).resolves.toBe('ユーザー名またはパスワードが正しくありません。');

    await admin.getByLabel('パスワード').fill('');
    await admin.getByLabel('ユーザー名').fill('');
    await admin.getByLabel('ユーザー名').focus();
    await admin.keyboard.type('admin');
    await admin.keyboard.press('Tab');
    await admin.screenshot({ path: join(SCREENSHOTS, 'signin.png') });
    await admin.keyboard.type(ADMIN_PASSWORD);
    await admin.keyboard.press('Enter');

    await admin.waitForURL('**/desk');
    expect(await navLabels(admin)).toEqual(ALL_PAGES);
    await expect(admin.getByTestId('current-user').textContent()).resolves.toMatch(/admin.*管理者/);
    await admin.getByRole('heading', { name: '窓口' }).waitFor();
    await admin.getByRole('combobox', { name: '市町村' }).waitFor();
    await admin.locator('.live[data-status="connected"]').waitFor({ timeout: 10_000 });
    expect(await admin.getByRole('link', { name: /Bull Board/ }).getAttribute('href')).toMatch(/^\/admin\/queues\?token=.+/);

    // --- admin creates a municipal user on the ユーザー page -------------------------------------------
    await admin.getByRole('link', { name: 'ユーザー' }).click();
    await admin.getByRole('heading', { name: '新しいユーザーを作成' }).waitFor();
    await admin.getByLabel('ユーザー名', { exact: true }).fill('hakodate01');
    await admin.getByLabel('役割').selectOption('municipal');
    await admin.getByLabel('市町村', { exact: true }).selectOption('012025');
    // Too short a password: the API's message appears next to the password field, and nothing is created.
    await admin.getByLabel('初期パスワード').fill('short');
    await admin.getByLabel('初期パスワード').press('Enter');
    const passwordError = admin.locator('#new-password-error');
    await expect(passwordError.textContent()).resolves.toBe('パスワードは8文字以上で入力してください。');
    expect(await admin.getByLabel('初期パスワード').getAttribute('aria-invalid')).toBe('true');
    expect(await admin.getByLabel('初期パスワード').getAttribute('aria-describedby')).toContain('new-password-error');

    await admin.getByLabel('初期パスワード').fill('hakodate-pass-1');
    await admin.getByLabel('初期パスワード').press('Enter');
    await admin.getByText('ユーザー「hakodate01」（市町村職員）を作成しました。').waitFor();
    const createdRow = admin.getByRole('row').filter({ hasText: 'hakodate01' });
    await expect(createdRow.textContent()).resolves.toContain('012025 函館市');
    expect(await passwordError.count()).toBe(0);
    await admin.screenshot({ path: join(SCREENSHOTS, 'users.png'), fullPage: true });

    // --- the municipal user signs in in a second browser ---------------------------------------------
    const municipal = await openPage();
    await municipal.goto('/');
    await municipal.waitForURL('**/signin');
    await municipal.getByRole('heading', { name: 'ログイン' }).waitFor();
    await signInByKeyboard(municipal, 'hakodate01', 'hakodate-pass-1');
    await municipal.waitForURL('**/desk');
    expect(await navLabels(municipal)).toEqual(['窓口', '市町村ページ', '市町村']);
    await expect(municipal.getByTestId('current-user').textContent()).resolves.toMatch(/hakodate01.*市町村職員・012025/);

    await municipal.getByRole('link', { name: '市町村', exact: true }).click();
    const rows = municipal.getByRole('table', { name: '市町村一覧' }).locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    await expect(rows.first().textContent()).resolves.toMatch(/012025函館市ハコダテシ渡島総合振興局/);
    expect(await municipal.getByRole('button', { name: /編集/ }).count()).toBe(0);

    // Typing an admin page's address shows a refusal, not the page.
    await municipal.goto('/users');
    await municipal.getByRole('heading', { name: 'このページは利用できません' }).waitFor();
    expect(await municipal.getByRole('heading', { name: '新しいユーザーを作成' }).count()).toBe(0);
  }, 120_000);
});
