import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { freePort, startRedis, type Child } from '../support/processes';
import { bearer, TestApp, type TestUser } from '../support/test-app';
import { launchBrowser, newJapaneseContext, screenshotDir } from './support/browser';
import { ensureWebBuild } from './support/web-build';

/**
 * 窓口 and ダッシュボード in real Chromium against the real API (throwaway MariaDB, local Redis): an operator
 * logs calls with the keyboard only and a supervisor's dashboard shows them within a second; the desk keeps
 * an entry through a network drop and sends it exactly once when the network is back.
 */
const SCREENSHOTS = screenshotDir();
/** Pictures only for looking at while developing: never written to docs/. */
const SCRATCH = join(tmpdir(), 'wavedesk-screenshots');

/*
 * Functions handed to page.evaluate run in the browser. The test's tsconfig has no DOM library, so the few
 * browser globals they touch are declared here, for this file only.
 */
interface PageElement {
  id: string;
  textContent: string | null;
  selectionEnd?: number | null;
  getAttribute(name: string): string | null;
}
interface PageWindow {
  fetch: typeof fetch;
  dispatchEvent(event: Event): boolean;
  /** Each POST /api/inquiries answer the desk got: its status and when (Date.now()) it arrived. */
  __inquiryAnswers?: Array<{ status: number; at: number }>;
  /** When the dashboard's total first changed (Date.now()), and to what, set by a MutationObserver. */
  __totalChangedAt?: number | null;
  __totalChangedTo?: string | null;
}
declare const window: PageWindow;
declare const document: { activeElement: PageElement | null; querySelector(selector: string): PageElement | null };
declare const navigator: { onLine: boolean };
declare const localStorage: { getItem(key: string): string | null };
declare class MutationObserver {
  constructor(callback: () => void);
  observe(target: PageElement, options: { childList?: boolean; characterData?: boolean; subtree?: boolean }): void;
}
declare class Event {
  constructor(type: string);
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? null);
const count = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

/** Signs in with the keyboard only and waits for the desk and the live connection. */
async function signIn(page: Page, user: TestUser): Promise<void> {
  await page.goto('/');
  await page.waitForURL('**/signin');
  await page.getByRole('heading', { name: 'ログイン' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'signin-username');
  await page.keyboard.type(user.username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(user.password);
  await page.keyboard.press('Enter');
  await page.waitForURL('**/desk');
  await page.locator('.live[data-status="connected"]').waitFor({ timeout: 20_000 });
}

/** Records, inside the page, when each POST /api/inquiries answer arrives (the moment the desk sees the 201). */
function recordInquiryAnswers(): void {
  const original = window.fetch.bind(window);
  window.__inquiryAnswers = [];
  window.fetch = async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const response = await original(input, init);
    const url = typeof input === 'string' ? input : 'href' in input ? input.href : input.url;
    if ((init?.method ?? 'GET') === 'POST' && /\/api\/inquiries$/.test(url)) window.__inquiryAnswers!.push({ status: response.status, at: Date.now() });
    return response;
  };
}

/** Picks a municipality in the desk's field by typing and Enter, and waits until the keys area has the focus. */
async function pickMunicipality(desk: Page, typed: string, name: string): Promise<void> {
  expect(await focusedId(desk)).toBe('desk-municipality');
  await desk.keyboard.type(typed);
  await desk.getByRole('option', { name: new RegExp(name) }).first().waitFor();
  await desk.keyboard.press('Enter');
  await desk.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'desk-keys');
}

describe('窓口 and ダッシュボード in Chromium', () => {
  const contexts: BrowserContext[] = [];
  let t: TestApp;
  let redis: Child | undefined;
  let browser: Browser;
  let operator: TestUser;
  let supervisor: TestUser;

  beforeAll(async () => {
    // A Redis of our own: socket.io's Redis adapter shares one channel per Redis server, so with the shared
    // test Redis another test process's inquiries would reach this dashboard too and spoil the timing.
    const redisPort = await freePort();
    redis = await startRedis(redisPort);
    t = new TestApp({ env: { WEB_DIST: await ensureWebBuild(), REDIS_URL: `redis://127.0.0.1:${redisPort}` } });
    await t.start();
    browser = await launchBrowser();
    mkdirSync(SCREENSHOTS, { recursive: true });
    mkdirSync(SCRATCH, { recursive: true });
    operator = await t.createUser('operator');
    supervisor = await t.createUser('supervisor');
  }, 240_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await t?.close();
    await redis?.stop();
  });

  async function openPage(): Promise<{ page: Page; context: BrowserContext }> {
    const context = await newJapaneseContext(browser, t.url);
    contexts.push(context);
    return { page: await context.newPage(), context };
  }

  const storedBy = async (user: TestUser, municipalityCode: string) => {
    const res = await t.http().get('/api/inquiries').query({ municipalityCode, limit: 500 }).set(bearer(user.token)).expect(200);
    return (res.body.items as Array<Record<string, unknown>>).filter((r) => r.loggedById === user.id);
  };

  it('an operator logs calls by keyboard only, and the supervisor’s dashboard shows each within 1 s', async () => {
    // --- the supervisor opens the dashboard ---------------------------------------------------------
    const { page: dashboard } = await openPage();
    await signIn(dashboard, supervisor);
    await dashboard.getByRole('link', { name: 'ダッシュボード' }).click();
    const total = dashboard.getByTestId('dashboard-today-total');
    await total.waitFor({ timeout: 20_000 });
    await dashboard.getByText('波はまだありません。').waitFor();
    const before = await total.textContent();
    await dashboard.evaluate((initial) => {
      const element = document.querySelector('[data-testid="dashboard-today-total"]')!;
      window.__totalChangedAt = null;
      new MutationObserver(() => {
        if (window.__totalChangedAt === null && element.textContent !== initial) {
          window.__totalChangedAt = Date.now();
          window.__totalChangedTo = element.textContent;
        }
      }).observe(element, { childList: true, characterData: true, subtree: true });
    }, before);

    // --- the operator logs a visit by a family member about wrong details, keyboard only -------------
    const { page: desk, context: deskContext } = await openPage();
    await deskContext.addInitScript(recordInquiryAnswers);
    await signIn(desk, operator);
    await desk.getByRole('heading', { name: '窓口' }).waitFor();
    await desk.waitForFunction(() => document.activeElement?.id === 'desk-municipality');

    const started = Date.now();
    await pickMunicipality(desk, 'さっ', '札幌市');
    await desk.keyboard.press('3'); // 分類 3: 記載内容の誤り
    await desk.keyboard.press('w'); // 来庁
    await desk.keyboard.press('s'); // 家族
    const checked = (name: string) => desk.getByRole('radio', { name, exact: true }).getAttribute('aria-checked');
    await expect(checked('記載内容の誤り')).resolves.toBe('true');
    await expect(checked('来庁')).resolves.toBe('true');
    await expect(checked('家族')).resolves.toBe('true');
    await expect(checked('解決')).resolves.toBe('true'); // the default outcome
    await desk.keyboard.press('Enter');
    await desk.getByText('登録しました（札幌市・記載内容の誤り）。').waitFor();
    const firstEntryMs = Date.now() - started;

    // The dashboard's total changed within a second of the 201 the desk received.
    await dashboard.waitForFunction(() => window.__totalChangedAt != null, null, { timeout: 10_000 });
    const answers = await desk.evaluate(() => window.__inquiryAnswers ?? []);
    expect(answers.map((a) => a.status)).toEqual([201]);
    const [changedAt, changedTo] = await dashboard.evaluate(() => [window.__totalChangedAt!, window.__totalChangedTo] as const);
    const latencyMs = changedAt - answers[0].at;
    console.log(`desk → dashboard: ${latencyMs} ms from the 201 to the dashboard's change (${before} → ${changedTo}); first entry by keyboard in ${firstEntryMs} ms`);
    expect(latencyMs).toBeLessThanOrEqual(1_000);
    expect(count(await total.textContent())).toBe(count(before) + 1);

    // The desk is ready for the next call: focus back on the municipality field, 札幌市 kept and selected.
    await desk.waitForFunction(() => document.activeElement?.id === 'desk-municipality');
    expect(await desk.locator('#desk-municipality').inputValue()).toBe('札幌市（011002）');
    expect(await desk.evaluate(() => document.activeElement?.selectionEnd)).toBe('札幌市（011002）'.length);
    await desk.getByTestId('desk-today-count').filter({ hasText: /^1件$/ }).waitFor();
    await desk.getByRole('table', { name: '最近の記録' }).getByRole('row').filter({ hasText: '記載内容の誤り' }).waitFor();

    // --- a second call for the same municipality: Enter, a digit, Enter ------------------------------
    const secondStarted = Date.now();
    await desk.keyboard.press('Enter');
    await desk.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'desk-keys');
    await desk.keyboard.press('1'); // 申請方法
    await desk.keyboard.press('Enter');
    await desk.getByText('登録しました（札幌市・申請方法）。').waitFor();
    console.log(`second entry for the same municipality in ${Date.now() - secondStarted} ms`);
    await desk.waitForFunction(() => document.activeElement?.id === 'desk-municipality');
    await dashboard.getByTestId('dashboard-today-total').filter({ hasText: new RegExp(`^${count(before) + 2}$`) }).waitFor({ timeout: 5_000 });
    const sapporoRow = dashboard.getByRole('table', { name: '市町村別の本日の負荷' }).locator('tr[data-code="011002"]');
    await sapporoRow.locator('td.num').first().filter({ hasText: /^2$/ }).waitFor();

    // Both are stored as logged: the channel stays for the next call, caller and outcome go back to the defaults.
    const stored = await storedBy(operator, '011002');
    expect(stored.map(({ category, channel, callerType, outcome }) => ({ category, channel, callerType, outcome }))).toEqual([
      { category: 'how_to_apply', channel: 'visit', callerType: 'self', outcome: 'resolved' },
      { category: 'wrong_details', channel: 'visit', callerType: 'family', outcome: 'resolved' },
    ]);

    // --- a busier day for the pictures: inquiries across Hokkaido, logged through the API ------------
    const codes = ['011002', '011002', '011002', '012025', '012025', '012033', '012041', '012041', '012050', '012068', '012076', '012084', '012092', '012122', '012149', '012173'];
    const now = Date.now();
    const startOfDay = Date.parse(`${new Date(now + 9 * 3_600_000).toISOString().slice(0, 10)}T08:45:00+09:00`);
    const categories = ['how_to_apply', 'lost_form', 'photo', 'proxy', 'facility', 'already_have_card'];
    for (let i = 0; i < 24; i++) {
      const at = startOfDay < now ? startOfDay + ((now - startOfDay) * (i + 1)) / 25 : now;
      await t
        .http()
        .post('/api/inquiries')
        .set(bearer(operator.token))
        .send({
          municipalityCode: codes[i % codes.length], channel: i % 4 === 0 ? 'visit' : 'phone', category: categories[i % categories.length],
          callerType: i % 3 === 0 ? 'family' : 'self', outcome: i % 5 === 0 ? 'referred' : 'resolved', receivedAt: new Date(at).toISOString(),
        })
        .expect(201);
    }
    await total.filter({ hasText: new RegExp(`^${count(before) + 26}$`) }).waitFor({ timeout: 10_000 });
    await desk.getByTestId('desk-today-count').filter({ hasText: /^26件$/ }).waitFor({ timeout: 10_000 });

    await dashboard.getByTestId('dashboard-today-total').scrollIntoViewIfNeeded();
    await dashboard.screenshot({ path: join(SCREENSHOTS, 'dashboard.png'), fullPage: true });
    // The desk with the candidate list open, as an operator sees it while typing.
    await desk.keyboard.type('はこ');
    await desk.getByRole('option', { name: /函館市/ }).waitFor();
    await desk.screenshot({ path: join(SCREENSHOTS, 'desk.png'), fullPage: true });
    await desk.keyboard.press('Escape');

    // A union role opens any municipality's page from the table.
    await sapporoRow.getByRole('link', { name: '札幌市' }).click();
    await dashboard.getByRole('heading', { name: '札幌市（011002）' }).waitFor();
    await dashboard.getByTestId('municipality-today-total').filter({ hasText: /^8$/ }).waitFor();
  }, 240_000);

  it('keeps an entry through a network drop and sends it exactly once when back online; keeps a refused one for correction', async () => {
    const clerk = await t.createUser('operator');
    const { page: desk, context } = await openPage();
    await signIn(desk, clerk);
    await desk.waitForFunction(() => document.activeElement?.id === 'desk-municipality');
    await desk.locator('[data-testid="outbox-badge"][data-unsent="0"]').waitFor();

    // --- the network drops; the operator logs a call anyway -------------------------------------------
    await context.setOffline(true);
    await desk.waitForFunction(() => !navigator.onLine);
    await pickMunicipality(desk, 'はこだて', '函館市');
    await desk.keyboard.press('2'); // 申請書の紛失・再発行
    await desk.keyboard.press('c'); // 折り返し要
    await desk.keyboard.press('Enter');
    await desk.getByText('ネットワークに接続できないため、この端末に保存しました（函館市・申請書の紛失・再発行）。接続が戻ると自動で送信します。').waitFor();
    const badge = desk.locator('[data-testid="outbox-badge"][data-unsent="1"]');
    await badge.waitFor();
    expect(await badge.textContent()).toContain('未送信 1件');
    await desk.getByRole('heading', { name: '未送信の記録' }).waitFor();
    // Ready for the next call although nothing was sent.
    await desk.waitForFunction(() => document.activeElement?.id === 'desk-municipality');

    // The entry waits in this browser's storage with its own Idempotency-Key; nothing reached the API.
    const waiting = await desk.evaluate((id) => JSON.parse(localStorage.getItem(`wavedesk.inquiry-outbox.${id}`) ?? '[]'), clerk.id);
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({ state: 'pending', inquiry: { municipalityCode: '012025', category: 'lost_form', outcome: 'callback' } });
    expect(waiting[0].key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(waiting[0].attempts).toBeGreaterThanOrEqual(1);
    expect(await storedBy(clerk, '012025')).toHaveLength(0);
    await desk.screenshot({ path: join(SCRATCH, 'desk-offline.png'), fullPage: true });

    // --- the network is back: the entry is sent, once -------------------------------------------------
    await context.setOffline(false);
    await desk.locator('[data-testid="outbox-badge"][data-unsent="0"]').waitFor({ timeout: 30_000 });
    await desk.getByRole('table', { name: '最近の記録' }).getByRole('row').filter({ hasText: '申請書の紛失・再発行' }).filter({ hasText: 'あなた' }).waitFor();
    expect(await desk.evaluate((id) => localStorage.getItem(`wavedesk.inquiry-outbox.${id}`), clerk.id)).toBeNull();

    const stored = await storedBy(clerk, '012025');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ municipalityCode: '012025', category: 'lost_form', outcome: 'callback' });
    // Logged at the time of the call, not when the network came back.
    expect(Math.abs(Date.parse(String(stored[0].receivedAt)) - Date.parse(waiting[0].inquiry.receivedAt))).toBeLessThan(1_000);

    // The same key again (as a late retry would send it) is answered with the same record, never a second.
    const replay = await t.http().post('/api/inquiries').set(bearer(clerk.token)).set('Idempotency-Key', waiting[0].key).send(waiting[0].inquiry).expect(200);
    expect(replay.body.id).toBe(stored[0].id);
    // Another `online` event finds nothing left to send.
    await desk.evaluate(() => window.dispatchEvent(new Event('online')));
    await desk.locator('[data-testid="outbox-badge"][data-unsent="0"]').waitFor();
    expect(await storedBy(clerk, '012025')).toHaveLength(1);

    // --- a note with a 個人番号 is refused: the API's message shows next to メモ, the entry waits for correction ---
    await desk.waitForFunction(() => document.activeElement?.id === 'desk-municipality');
    await pickMunicipality(desk, 'おた', '小樽市');
    await desk.keyboard.press('1'); // 申請方法
    await desk.keyboard.press('m'); // メモ
    await desk.waitForFunction(() => document.activeElement?.id === 'desk-note');
    await desk.keyboard.type('本人確認 123456789018');
    await desk.keyboard.press('Enter');
    await desk.locator('#desk-note-error').filter({ hasText: '個人番号' }).waitFor();
    expect(await desk.locator('#desk-note').getAttribute('aria-invalid')).toBe('true');
    await desk.locator('[data-testid="outbox-badge"][data-unsent="1"]').filter({ hasText: '要修正 1件' }).waitFor();
    expect(await focusedId(desk)).toBe('desk-note');
    expect(await storedBy(clerk, '012033')).toHaveLength(0);

    // Corrected by keyboard and saved: stored once, and nothing is left waiting.
    await desk.keyboard.press('Control+A');
    await desk.keyboard.type('本人確認済み');
    await desk.keyboard.press('Enter');
    await desk.getByText('登録しました（小樽市・申請方法）。').waitFor();
    await desk.locator('[data-testid="outbox-badge"][data-unsent="0"]').waitFor();
    expect((await storedBy(clerk, '012033')).map((r) => r.note)).toEqual(['本人確認済み']);
  }, 240_000);

  it('shows a municipal user their own page, where referred inquiries arrive live and are marked handled', async () => {
    const hakodate = await t.createUser('municipal', '012025');
    const { page } = await openPage();
    await signIn(page, hakodate);
    await page.getByRole('link', { name: '市町村ページ' }).click();
    await page.waitForURL('**/municipality/012025');
    await page.getByRole('heading', { name: '函館市（012025）' }).waitFor();
    await page.getByText('突合結果はまだありません。').waitFor();
    await page.getByText('この市町村への発送の波はまだありません。').waitFor();
    const today = page.getByTestId('municipality-today-total');
    await today.waitFor();
    const openCount = page.getByTestId('referred-open-count');
    await openCount.waitFor();
    const referredCounts = async () => (/^未対応 (\d+)件／引継ぎ (\d+)件$/.exec((await openCount.textContent()) ?? '') ?? []).slice(1).map(Number);
    const [openBefore, allBefore] = await referredCounts();
    const before = count(await today.textContent());

    // The union's call center refers a caller to Hakodate: it appears at once, with the callback note.
    const referred = await t
      .http()
      .post('/api/inquiries')
      .set(bearer(operator.token))
      .send({ municipalityCode: '012025', channel: 'phone', category: 'lost_form', callerType: 'family', outcome: 'referred', note: '午後に折り返し希望 0138-21-3111' })
      .expect(201);
    const row = page.getByRole('table', { name: '市町村へ引継ぎされた問い合わせ' }).locator(`tr[data-inquiry-id="${referred.body.id}"]`);
    await row.filter({ hasText: '午後に折り返し希望 0138-21-3111' }).waitFor();
    await openCount.filter({ hasText: `未対応 ${openBefore + 1}件／引継ぎ ${allBefore + 1}件` }).waitFor();
    await today.filter({ hasText: new RegExp(`^${before + 1}$`) }).waitFor();
    await page.screenshot({ path: join(SCRATCH, 'municipality.png'), fullPage: true });

    // A supervisor has the same page open (union room).
    const { page: watcher } = await openPage();
    await signIn(watcher, supervisor);
    await watcher.goto('/municipality/012025');
    const watchedCount = watcher.getByTestId('referred-open-count');
    await watchedCount.filter({ hasText: `未対応 ${openBefore + 1}件／引継ぎ ${allBefore + 1}件` }).waitFor();

    // Hakodate's staff called back: 対応済にする.
    await row.getByRole('button', { name: '対応済にする' }).click();
    await openCount.filter({ hasText: `未対応 ${openBefore}件／引継ぎ ${allBefore + 1}件` }).waitFor();
    // The supervisor's page follows without a reload (inquiry:handled), within a second.
    await watchedCount.filter({ hasText: `未対応 ${openBefore}件／引継ぎ ${allBefore + 1}件` }).waitFor({ timeout: 1_000 });
    expect(await row.count()).toBe(0); // 未対応のみ表示 hides it now
    await page.getByLabel('未対応のみ表示').uncheck();
    await row.getByText(/^対応済（/).waitFor();
    const stored = await t.http().get('/api/inquiries').query({ municipalityCode: '012025', outcome: 'referred' }).set(bearer(hakodate.token)).expect(200);
    expect(stored.body.items.find((r: { id: number }) => r.id === referred.body.id)).toMatchObject({ handledById: hakodate.id, handledAt: expect.any(String) });

    // Another municipality's page is not shown.
    await page.goto('/municipality/011002');
    await page.getByRole('heading', { name: 'このページは利用できません' }).waitFor();
  }, 240_000);
});
