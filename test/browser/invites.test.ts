/**
 * 「行事の案内を送信」 (issue 17 item 6) in the preview's start scenario, in Chromium: the coordinator makes the
 * seminar's forms in the sidebar, chooses the seminar's 「案内を送信」 (its 招待先 is 関係機関:ハローワーク), and the
 * result says how many were sent; a second click sends none; the preview's メール page holds the announcement once.
 */
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, browserAvailable, closePreview, openPreview, RunningPreview, waitForResult } from './harness';

const describeBrowser = browserAvailable() ? describe : describe.skip;
const SEMINAR = '支援者向けセミナー「企業が求める職業準備性」';
const HELLO_WORK = 'senmon-enjo@hellowork.example.jp';

describeBrowser('行事の案内を送信 from the sidebar (preview, Chromium)', () => {
  let preview: RunningPreview;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ preview, context, page } = await openPreview(['--reset']));
  });

  afterAll(() => closePreview(preview, context));

  test('choose the seminar, send: the result names how many went; a second click sends none; one mail in the outbox', async () => {
    const forms = page.frameLocator('iframe.sidebar-frame').locator('details[data-feature="forms"]');
    await forms.locator('summary').click();
    // No form yet, so no announcement to send: the button comes with the registration form.
    await forms.getByRole('button', { name: `フォームを作成: ${SEMINAR}` }).click();
    await waitForResult(forms.locator('.result'), /「EV-SEMINAR」のフォームを作成しました/, preview, 60_000);
    const send = forms.getByRole('button', { name: `案内を送信（招待先へ）: ${SEMINAR}` });
    await send.click();
    await waitForResult(forms.locator('.result'), /「EV-SEMINAR」の案内を1通送りました。/, preview, 60_000);
    await page.locator('aside.sidebar-pane').screenshot({ path: path.join(ARTIFACTS, 'sidebar-event-invites.png') });
    await send.click();
    await waitForResult(forms.locator('.result'), /「EV-SEMINAR」の案内を0通送りました。/, preview, 60_000);
    // Nothing in doubt: no address is offered to send again.
    expect(await forms.locator('.result ul.in-doubt').count()).toBe(0);

    const mail = await context.newPage();
    await mail.goto(`${preview.url}/mail?to=${encodeURIComponent(HELLO_WORK)}`);
    const announcements = mail.locator('article.mail').filter({ hasText: `【ご案内】${SEMINAR}` });
    await announcements.first().waitFor();
    expect(await announcements.count()).toBe(1);
    await mail.close();
  });
});
