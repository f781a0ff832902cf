import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ADMIN_PASSWORD, TestApp } from '../support/test-app';
import { launchBrowser, newJapaneseContext, screenshotDir, signIn } from './support/browser';
import { ensureWebBuild } from './support/web-build';

/**
 * 発送 in real Chromium against the real API and the real worker (in this process; throwaway MariaDB, local
 * Redis): an admin creates a campaign and a batch, runs the 試算, imports an insured list and watches its
 * progress reach completion, settles a file with errors by importing only its valid rows, and plans the
 * batch's dispersed waves, then holds and resumes one after seeing its new dates.
 */
const SCREENSHOTS = screenshotDir();
const INSURED_HEADER = '被保険者番号,市町村コード,氏名,氏名カナ,生年月日,性別,郵便番号,住所';
const HOLDERS_HEADER = '被保険者番号,氏名,氏名カナ,生年月日,性別,住所';
/** 札幌市, 函館市, 旭川市: the batch's municipalities. */
const MUNICIPALITIES = [
  { code: '011002', postalCode: '060-0001', city: '北海道札幌市中央区北1条西' },
  { code: '012025', postalCode: '040-0011', city: '北海道函館市本町' },
  { code: '012041', postalCode: '070-0031', city: '北海道旭川市1条通' },
];

/** YYYY-MM-DD, `days` after today in Japan. */
function dayFromToday(days: number): string {
  const d = new Date(Date.now() + 9 * 3600_000);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

interface Person {
  number: number;
  line: string;
  holderLine: string;
}

/** Fictitious insured persons spread over the three municipalities; `badRow` gets an impossible birth date (昭和65年). */
function persons(first: number, rows: number, badRow?: number): Person[] {
  return Array.from({ length: rows }, (_, i) => {
    const m = MUNICIPALITIES[i % MUNICIPALITIES.length];
    const name = `試験\u3000花子${first + i}`;
    const kana = 'シケン\u3000ハナコ';
    const birth = i === badRow ? '昭和65年1月1日' : `19${40 + (i % 9)}-0${1 + (i % 9)}-1${i % 10}`;
    const sex = i % 2 === 0 ? '女' : '男';
    const address = `${m.city}${1 + i}丁目`;
    return {
      number: first + i,
      line: `${first + i},${m.code},${name},${kana},${birth},${sex},${m.postalCode},${address}`,
      holderLine: `${first + i},${name},${kana},${birth},${sex},${address}`,
    };
  });
}

const csv = (header: string, lines: string[]): Buffer => Buffer.from(`${[header, ...lines].join('\r\n')}\r\n`, 'utf8');

describe('発送 in Chromium', () => {
  const contexts: BrowserContext[] = [];
  let t: TestApp;
  let worker: INestApplicationContext;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    t = new TestApp({ env: { WEB_DIST: await ensureWebBuild() } });
    await t.start();
    const { WorkerModule } = await import('../../apps/worker/src/worker.module');
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    browser = await launchBrowser();
    mkdirSync(SCREENSHOTS, { recursive: true });
    const context = await newJapaneseContext(browser, t.url);
    contexts.push(context);
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
  }, 240_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await worker?.close();
    await t?.close();
  });

  const tab = (name: string) => page.getByRole('tab', { name, exact: true });

  it('lets an admin create a campaign and a batch, with errors by each field', async () => {
    await signIn(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL('**/desk');
    await page.getByRole('link', { name: '発送' }).click();
    await page.getByRole('heading', { name: '発送', level: 1 }).waitFor();
    expect(await page.getByRole('tab').allTextContents()).toEqual(['送付事業・発送回', '取込', '突合', '試算', '分散発送']);

    // An empty name: the API's sentence beside the field, nothing created.
    await page.getByRole('button', { name: '送付事業を作成' }).click();
    await expect(page.locator('#campaign-name-error').textContent()).resolves.toBe('送付事業名を入力してください。');
    expect(await page.getByLabel('送付事業名').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('送付事業名').fill('マイナンバーカード交付申請書送付');
    await page.getByLabel('送付事業名').press('Enter');
    await page.getByText('送付事業「マイナンバーカード交付申請書送付」を作成しました。').waitFor();
    await page.getByRole('heading', { name: '「マイナンバーカード交付申請書送付」の発送回' }).waitFor();

    const mailFrom = dayFromToday(20);
    const mailTo = dayFromToday(90);
    await page.getByLabel('発送回の名前').fill('1回目分');
    await page.getByLabel('突合基準日').fill(dayFromToday(10));
    await page.getByLabel('発送開始日').fill(mailTo);
    await page.getByLabel('発送終了日').fill(mailFrom);
    await page.getByLabel('市町村コード（任意）').fill(MUNICIPALITIES.map((m) => m.code).join(', '));
    await page.getByRole('button', { name: '発送回を作成' }).click();
    await expect(page.locator('#batch-mail-to-error').textContent()).resolves.toBe('発送終了日は発送開始日以降の日付にしてください。');

    await page.getByLabel('発送開始日').fill(mailFrom);
    await page.getByLabel('発送終了日').fill(mailTo);
    await page.getByRole('button', { name: '発送回を作成' }).click();
    await page.getByText('発送回「1回目分」を作成しました（3市町村）。').waitFor();
    const row = page.getByRole('table', { name: '発送回一覧' }).getByRole('row').filter({ hasText: '1回目分' });
    await expect(row.textContent()).resolves.toMatch(/1回目分\d{4}年\d+月\d+日\(.\)/);
    expect(await page.locator('#batch-mail-to-error').count()).toBe(0);
  }, 120_000);

  it('runs the 試算 and shows 8,911 inquiries and 424 on the peak day for 614,058 forms', async () => {
    await tab('試算').click();
    await page.getByLabel('発送対象者数（人）').fill('614,058');
    await page.getByRole('button', { name: '試算する' }).click();
    await expect(page.getByTestId('what-if-total').textContent()).resolves.toBe('8,911件');
    await expect(page.getByTestId('what-if-peak').textContent()).resolves.toBe('424件');

    // The same from the insured persons and the card rate, typed full-width.
    await page.getByLabel('被保険者数とカード取得率').check();
    await page.getByLabel('被保険者数（人）').fill('８３８，８７７');
    await page.getByLabel('カード取得率（%）').fill('26.8');
    await page.getByRole('button', { name: '試算する' }).click();
    await page.getByTestId('what-if-targets').filter({ hasText: '614,058人' }).waitFor();
    await expect(page.getByTestId('what-if-total').textContent()).resolves.toBe('8,911件');
    await expect(page.getByTestId('what-if-peak').textContent()).resolves.toBe('424件');
  }, 60_000);

  it('imports an insured list with its progress live to completion, and only the valid rows of a file with errors', async () => {
    await tab('取込').click();
    await page.getByLabel('種類').selectOption('insured');
    await page.getByLabel('CSVファイル').setInputFiles({ name: 'insured-small.csv', mimeType: 'text/csv', buffer: csv(INSURED_HEADER, persons(20000001, 12).map((p) => p.line)) });
    await page.getByRole('button', { name: '取り込む' }).click();
    const result = page.getByTestId('import-result');
    await result.and(page.locator('[data-status="stored"]')).waitFor({ timeout: 60_000 });
    const bar = result.getByRole('progressbar', { name: '取込の進み具合' });
    expect(await bar.getAttribute('aria-valuenow')).toBe('100');
    await expect(result.textContent()).resolves.toContain('読込 12行・登録 12件');

    // A file with an impossible date stores nothing; its error is shown by row and column.
    await page.getByLabel('CSVファイル').setInputFiles({ name: 'insured-bad-date.csv', mimeType: 'text/csv', buffer: csv(INSURED_HEADER, persons(20000101, 5, 2).map((p) => p.line)) });
    await page.getByRole('button', { name: '取り込む' }).click();
    await result.and(page.locator('[data-status="rejected"]')).waitFor({ timeout: 60_000 });
    const errorRows = result.getByRole('table', { name: '取込エラー' }).locator('tbody tr');
    await errorRows.first().waitFor(); // the errors are read once the live channel says the import ended
    expect(await errorRows.count()).toBe(1);
    const cells = await errorRows.first().locator('td').allTextContents();
    expect(cells[0]).toBe('4'); // the header is row 1
    expect(cells[1]).toBe('生年月日');
    expect(cells[2]).toMatch(/[ぁ-んァ-ン一-龯]/);

    // The admin's explicit choice: the same file again, its valid rows only.
    await result.getByRole('button', { name: '有効な行のみ取り込む' }).click();
    await result.and(page.locator('[data-status="stored"]')).waitFor({ timeout: 60_000 });
    await expect(result.textContent()).resolves.toContain('登録 4件');
    await expect(result.textContent()).resolves.toContain('有効な行のみ');

    // A card-holder list of today: two of the insured got a card.
    await page.getByLabel('種類').selectOption('card-holders');
    await page.getByLabel('基準日').fill(dayFromToday(0));
    await page.getByLabel('CSVファイル').setInputFiles({ name: 'holders.csv', mimeType: 'text/csv', buffer: csv(HOLDERS_HEADER, persons(20000001, 2).map((p) => p.holderLine)) });
    await page.getByRole('button', { name: '取り込む' }).click();
    await result.and(page.locator('[data-status="stored"]')).filter({ hasText: 'カード取得者一覧' }).waitFor({ timeout: 60_000 });
    // The list of recent imports is read again once an import ends: the fourth row appears.
    const recent = page.getByRole('table', { name: '最近の取込' }).locator('tbody tr');
    await recent.nth(3).waitFor();
    expect(await recent.count()).toBe(4);
  }, 180_000);

  it('matches the batch with its progress live, and shows the counts per municipality with totals, a chart and the CSV', async () => {
    await tab('突合').click();
    const batches = (await t.http().get('/api/batches').set({ authorization: `Bearer ${await t.login()}` }).expect(200)).body as Array<{ id: number; name: string }>;
    await page.getByLabel('発送回').selectOption(String(batches.find((b) => b.name === '1回目分')!.id));
    await page.getByText('この発送回はまだ突合されていません。').waitFor();
    await page.getByRole('button', { name: '突合を実行' }).click();
    await page.getByTestId('match-status').filter({ hasText: '完了' }).waitFor({ timeout: 60_000 });
    // 16 insured (12 + the 4 valid rows), 2 of them card holders.
    await expect(page.getByTestId('match-total-insured').textContent()).resolves.toBe('16');
    await expect(page.getByTestId('match-total-cardHolders').textContent()).resolves.toBe('2');
    await expect(page.getByTestId('match-total-targets').textContent()).resolves.toBe('14');
    const rows = page.getByRole('table', { name: '市町村別の突合結果' }).locator('tbody tr');
    expect(await rows.count()).toBe(3);
    await expect(rows.first().textContent()).resolves.toContain('011002 札幌市');
    await page.locator('figure.chart .recharts-bar-rectangle').first().waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'CSVをダウンロード' }).click();
    expect((await download).suggestedFilename()).toBe('突合結果_1回目分.csv');
  }, 120_000);

  it('plans the batch against capacity, says when it does not fit, and holds and resumes a wave after showing its new dates', async () => {
    // The tab keeps the batch chosen on 突合 (it is in the address).
    await tab('分散発送').click();
    await page.getByRole('heading', { name: '分散発送の計画' }).waitFor();
    expect(await page.getByLabel('発送回').inputValue()).not.toBe('');

    // With nobody on the phones, no plan fits: the banner says so and by how much.
    await page.getByLabel('コールセンターのオペレーター数（人）').fill('0');
    await page.getByRole('button', { name: '計画を作成' }).click();
    const banner = page.getByTestId('plan-does-not-fit');
    await banner.waitFor();
    await expect(banner.textContent()).resolves.toMatch(/計画が期間内に収まりません.*件超過（上限 0件に対し/);

    await page.getByLabel('コールセンターのオペレーター数（人）').fill('20');
    await page.getByRole('button', { name: '計画を作り直す' }).click();
    await page.getByTestId('plan-fits').waitFor();
    await page.getByTestId('waves-timeline').locator('.recharts-bar-rectangle').first().waitFor();
    const waves = page.getByRole('table', { name: '波の一覧' }).locator('tbody tr');
    expect(await waves.count()).toBeGreaterThan(0);
    const formsTotal = (await waves.locator('td.num').allTextContents()).reduce((s, v) => s + Number(v.replace(/,/g, '')), 0);
    expect(formsTotal).toBe(14);
    await page.screenshot({ path: join(SCREENSHOTS, 'mailing.png'), fullPage: true });

    // Hold the first wave with a reason; resume shows the new dates before anything changes.
    const first = waves.first();
    const name = (await first.locator('th').textContent())!;
    await first.getByRole('button', { name: /^保留/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '波を保留' }).click();
    await expect(dialog.locator('#wave-dialog-reason-error').textContent()).resolves.toBe('理由を入力してください。');
    await dialog.getByLabel('理由').fill('札幌市の窓口が混雑しているため');
    await dialog.getByRole('button', { name: '波を保留' }).click();
    await page.getByText(`${name}を保留にしました。`).waitFor();
    await first.and(page.locator('[data-status="held"]')).waitFor();
    await expect(first.textContent()).resolves.toContain('理由: 札幌市の窓口が混雑しているため');

    await first.getByRole('button', { name: /^再開/ }).click();
    await dialog.getByLabel('理由').fill('混雑が解消したため');
    await dialog.getByRole('button', { name: '新しい日程を確認' }).click();
    const preview = dialog.getByTestId('resume-preview');
    await preview.waitFor();
    await expect(preview.getByRole('table', { name: '再開後の日程' }).textContent()).resolves.toContain(name);
    expect(await first.getAttribute('data-status')).toBe('held'); // nothing changed yet
    await dialog.getByRole('button', { name: '再開を確定' }).click();
    await page.getByText(new RegExp(`${name}を再開しました`)).waitFor();
    await first.and(page.locator('[data-status="planned"]')).waitFor();
  }, 180_000);
});
