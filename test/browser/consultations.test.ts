/**
 * 企業相談窓口 (issue 17) in the preview, in Chromium: the coordinator marks two agencies 「紹介受付: 受ける」 in the
 * grid and makes the company form from the sidebar (link and QR code shown); a company answers the form on the
 * preview's form page; the coordinator loads the inquiries, sees the candidates with their reasons and assigns the
 * first; the agency opens its status link (prefilled) and answers 対応中; the sidebar then shows 対応中.
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { previewUrl } from '../../emulator/preview/client/links';
import { ARTIFACTS, browserAvailable, launchBrowser, RunningPreview, startPreview } from './harness';

const describeBrowser = browserAvailable() ? describe : describe.skip;

/** A link the sidebar shows, as the preview serves it (the shim may already have turned it into a preview path). */
const local = (href: string | null) => (href && href.startsWith('/') ? href : previewUrl(href ?? '') ?? `bad link ${href}`);

/** Waits up to 90 s: an RPC's result on a loaded 2-core machine can take tens of seconds (as in dayof.test.ts). */
async function expectText(locator: { textContent(): Promise<string | null> }, expected: RegExp, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: string | null = null;
  for (;;) {
    last = await locator.textContent().catch(() => null);
    if (last !== null && expected.test(last)) return;
    if (Date.now() > deadline) throw new Error(`expected ${String(expected)}, got ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describeBrowser('企業相談: a company asks, the coordinator assigns, the agency answers (preview, Chromium)', () => {
  let preview: RunningPreview;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    preview = await startPreview(['--reset']);
    context = await launchBrowser();
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${preview.url}/`);
    await page.locator('table.grid[data-sheet="団体"]').waitFor();
    await sidebar().locator('details[data-feature="consultations"]').waitFor();
  });

  afterAll(async () => {
    await context?.close();
    await preview?.stop();
  });

  const sidebar = () => page.frameLocator('iframe.sidebar-frame');
  const section = () => sidebar().locator('details[data-feature="consultations"]');

  /** A dropdown cell chosen as in Sheets (the grid shows data validation lists as a select). */
  async function chooseCell(row: number, header: string, value: string): Promise<void> {
    const column = Number(await page.locator('table.grid tbody tr').first().locator('td', { hasText: new RegExp(`^${header}$`) }).getAttribute('data-column'));
    const select = page.locator(`table.grid td[data-row="${row}"][data-column="${column}"] select`);
    await select.selectOption(value);
    await expectText({ textContent: async () => select.inputValue() }, new RegExp(`^${value}$`));
  }

  test('intake as a company, assignment in the sidebar, a status update through the agency\'s link', async () => {
    // Two agencies agree to receive referrals (ワークサポートあおば, row 2; 就労支援センターかがやき, row 3).
    await chooseCell(2, '紹介受付', '受ける');
    await chooseCell(3, '紹介受付', '受ける');

    await section().locator('summary').click();
    await section().getByRole('button', { name: '企業相談フォームの作成' }).click();
    await expectText(section().locator('.result'), /企業相談フォームを用意しました/);
    const formLink = section().locator('.form-link a');
    await formLink.waitFor();
    expect(await section().locator('.form-link svg path').getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/);
    const formUrl = local(await formLink.getAttribute('href'));

    // A company answers the form.
    const company = await context.newPage();
    expect(formUrl).toMatch(/^\/forms\//);
    await company.goto(`${preview.url}${formUrl}`);
    await company.getByLabel(/^会社名/).fill('株式会社ブラウザ工業');
    await company.getByLabel(/^業種/).selectOption('製造業');
    await company.getByLabel(/^所在地/).fill('千代田区');
    await company.getByLabel(/^担当者メール/).fill('jinji@browser.example.jp');
    await company.getByRole('checkbox', { name: '職場実習の受入' }).check();
    await company.getByRole('radio', { name: '同意する' }).check();
    await company.getByRole('radio', { name: '掲載しない' }).check();
    await company.getByRole('button', { name: '送信' }).click();
    await company.locator('.confirmation').waitFor();
    await company.close();

    // The coordinator: candidates with reasons, then assign the first.
    await section().getByRole('button', { name: '相談を読み込む' }).click();
    const inquiry = section().locator('li.consultation[data-number="K-0001"]');
    await expectText(inquiry, /K-0001 受付.*株式会社ブラウザ工業/);
    const first = inquiry.locator('ol.candidates > li').first();
    await expectText(first, /ワークサポートあおば.*支援: 職場実習の受入.*同じ区市町村（千代田区）.*対応中の相談 0件/);
    expect(await inquiry.locator('ol.candidates > li').count()).toBe(1); // かがやき offers no 職場実習
    await first.getByRole('button', { name: '担当に決める' }).click();
    await expectText(section().locator('.result'), /K-0001 の担当を「ワークサポートあおば」に決めました。\s*2通のメールを送りました（担当依頼 1、担当決定 1）/);
    await expectText(section().locator('li.consultation[data-number="K-0001"]'), /K-0001 担当決定.*担当: ワークサポートあおば/);
    await page.locator('aside.sidebar-pane').screenshot({ path: path.join(ARTIFACTS, 'consultations-sidebar.png') }).catch(() => undefined);
    const statusLink = local(await section().locator('li.consultation[data-number="K-0001"] a').first().getAttribute('href'));

    // The agency opens its link: 受付番号 and 確認コード are filled in; it answers 対応中.
    const agency = await context.newPage();
    await agency.goto(`${preview.url}${statusLink}`);
    expect(await agency.getByLabel(/^受付番号/).inputValue()).toBe('K-0001');
    expect(await agency.getByLabel(/^確認コード/).inputValue()).toMatch(/^[0-9a-f-]{36}$/);
    await agency.getByRole('radio', { name: '対応中' }).check();
    await agency.getByLabel(/^対応メモ/).fill('電話で見学日を調整しました');
    await agency.getByRole('button', { name: '送信' }).click();
    await agency.locator('.confirmation').waitFor();
    await agency.close();

    await section().getByRole('button', { name: '相談を読み込む' }).click();
    await expectText(section().locator('li.consultation[data-number="K-0001"]'), /K-0001 対応中/);
    await expectText(section().locator('.figures'), /今年度 1件（初回対応までの日数の中央値 0日）/);
    // The month's summary (this month by default): by status and 相談内容.
    await expectText(section().locator('.month-figures'), /この月の相談 1件。状態: 対応中 1。内容: 職場実習の受入 1。/);
  }, 300_000);
});
