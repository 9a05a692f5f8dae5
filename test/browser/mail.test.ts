/**
 * Participant mail in the preview (issue 15): the sidebar's メール section (what goes out now, as the participant reads
 * it, and what is ahead), and the メール page (the outbox per recipient) with its clock control moving to the reminder
 * time and the day after the event, the hourly trigger firing on the way. A hostile name stays text everywhere.
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, browserAvailable, launchBrowser, RunningPreview, startPreview } from './harness';

const XSS_NAME = '<img src=x onerror=alert(1)>';
const SEMINAR = '支援者向けセミナー「企業が求める職業準備性」';
const describeBrowser = browserAvailable() ? describe : describe.skip;

async function expectText(locator: { textContent(): Promise<string | null> }, expected: RegExp, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: string | null = null;
  for (;;) {
    last = await locator.textContent();
    if (last !== null && expected.test(last)) return;
    if (Date.now() > deadline) throw new Error(`expected ${String(expected)}, got ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describeBrowser('participant mail in the preview', () => {
  let preview: RunningPreview;
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // Opened two days before the reminder: the hourly trigger fires ~50 times on the way, not ~1,200 (7 weeks from
    // the scenario's 1 July: a minute of CPU in the preview server, for nothing this test looks at).
    preview = await startPreview(['--reset', '--now', '2025-08-18T09:00:00+09:00']);
    context = await launchBrowser();
    page = context.pages()[0] ?? (await context.newPage());
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    await page.goto(`${preview.url}/`);
    await page.locator('table.grid[data-sheet="団体"]').waitFor();
  });

  afterAll(async () => {
    await context?.close();
    await preview?.stop();
  });

  const sidebar = () => page.frameLocator('iframe.sidebar-frame');

  test('a registration gets its confirmation; the sidebar shows the reminder ahead; the clock sends it; no thank-you without 出席', async () => {
    const forms = sidebar().locator('details[data-feature="forms"]');
    await forms.locator('summary').click();
    await forms.getByRole('button', { name: `フォームを作成: ${SEMINAR}` }).click();
    await expectText(forms.locator('.result'), /「EV-SEMINAR」のフォームを作成しました/);
    const [participant] = await Promise.all([context.waitForEvent('page'), forms.locator('.result a', { hasText: '申込フォーム' }).click()]);
    await participant.waitForLoadState();
    await participant.getByLabel('氏名').fill(XSS_NAME);
    await participant.getByLabel('ふりがな').fill('てすと はなこ');
    await participant.getByRole('radio', { name: 'ワークサポートあおば' }).check();
    await participant.getByRole('radio', { name: '対面' }).check();
    await participant.getByLabel('メール').fill('hanako@example.jp');
    await participant.getByRole('button', { name: '送信' }).click();
    await participant.locator('.confirmation').waitFor();
    await participant.close();

    // The sidebar: nothing due now (the confirmation went with the registration), the reminder two days before.
    const mail = sidebar().locator('details[data-feature="mail"]');
    await mail.locator('summary').click();
    await mail.getByRole('button', { name: '送信内容を確認' }).click();
    await expectText(mail.locator('.mail-counts'), /今送るメールはありません/);
    await expectText(mail.locator('.mail-schedule'), /2025-08-20 14:00 リマインド（EV-SEMINAR）1通/);
    expect(await mail.getByRole('button', { name: 'メールを送信' }).isDisabled()).toBe(true);
    await page.locator('aside.sidebar-pane').screenshot({ path: path.join(ARTIFACTS, 'sidebar-mail.png') });

    // The メール page: the confirmation as the participant reads it, the hostile name as text.
    const mailPage = await context.newPage();
    await mailPage.goto(`${preview.url}/mail?to=${encodeURIComponent('hanako@example.jp')}`);
    const confirmation = mailPage.locator('article.mail').first();
    await expectText(confirmation.locator('h3'), new RegExp(`^【申込受付】${SEMINAR}$`));
    await expectText(confirmation.locator('.mail-body'), /令和7年8月22日（2025年8月22日\(金\)）14:00〜16:30/);
    expect(await confirmation.locator('.mail-body').textContent()).toMatch(/^<img.src=x.onerror=alert\(1\)> 様/); // as the ledger keeps it (spaces normalised)
    expect(await confirmation.locator('.meta').last().textContent()).toContain('添付: EV-SEMINAR.ics');
    expect(await mailPage.locator('img').count()).toBe(0);

    // The clock to the reminder time: the hourly trigger sends the reminder (each hourly firing on the way runs as
    // its own execution, ~50 from the opening day; the click waits for the page as long as that takes).
    await mailPage.getByRole('button', { name: /EV-SEMINAR のリマインドの時刻へ/ }).click({ timeout: 240_000 });
    await expectText(mailPage.locator('h2').last(), /3通|2通/);
    await mailPage.goto(`${preview.url}/mail?to=${encodeURIComponent('hanako@example.jp')}`);
    await expectText(mailPage.locator('article.mail h3').first(), /^【リマインド】/);
    expect(await mailPage.locator('article.mail').count()).toBe(2);
    await mailPage.screenshot({ path: path.join(ARTIFACTS, 'mail-page.png'), fullPage: true });

    // The day after: hanako was not ticked 出席, so no thank-you.
    await mailPage.getByRole('button', { name: /EV-SEMINAR の翌日へ/ }).click({ timeout: 240_000 });
    await mailPage.goto(`${preview.url}/mail?to=${encodeURIComponent('hanako@example.jp')}`);
    await expectText(mailPage.locator('.now'), /2025\/8\/23/);
    expect(await mailPage.locator('article.mail').count()).toBe(2);
    await mailPage.close();
    expect(dialogs).toEqual([]);
  }, 600_000);
});
