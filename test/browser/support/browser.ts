import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's Chromium (`apt-get install chromium`). Tests never download a browser of their own. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launches headless Chromium for a browser test. Fails with a sentence saying how to install it. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}. Install it with: apt-get update && apt-get install -y chromium fonts-noto-cjk (or set CHROMIUM_PATH).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A fresh browser profile (own cookies and sessionStorage) as a user in Japan would have it. */
export function newJapaneseContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport: { width: 1280, height: 860 } });
}

/**
 * Where browser tests save screenshots: `docs/screenshots` when UPDATE_SCREENSHOTS=1 (to refresh the
 * README's pictures), a temporary folder otherwise, so a test run leaves the work tree clean.
 */
export function screenshotDir(): string {
  return process.env.UPDATE_SCREENSHOTS === '1' ? join(__dirname, '../../../docs/screenshots') : join(tmpdir(), 'wavedesk-screenshots');
}

/** Signs in on the sign-in page (fields filled, Enter to submit) and waits until the app has left it. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/');
  await page.waitForURL('**/signin');
  await page.getByLabel('ユーザー名').fill(username);
  await page.getByLabel('パスワード').fill(password);
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => !url.pathname.endsWith('/signin'));
}
