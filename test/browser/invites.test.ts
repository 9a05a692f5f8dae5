/**
 * 「行事の案内を送信」 (issue 17 item 6) in the preview's start scenario, in Chromium: the coordinator makes the
 * seminar's forms in the sidebar, chooses the seminar's 「案内を送信」 (its 招待先 is 関係機関:ハローワーク), and the
 * result says how many were sent; a second click sends none; the preview's メール page holds the announcement once.
 * Then a run that dies after sending, before recording (the record write and its retry fail): the next click lists the
 * address 要確認, the coordinator ticks it and sends it again, once.
 */
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, browserAvailable, closePreview, openPreview, postFromPreview, RunningPreview, waitForResult } from './harness';

const describeBrowser = browserAvailable() ? describe : describe.skip;
const SEMINAR = '支援者向けセミナー「企業が求める職業準備性」';
const HELLO_WORK = 'senmon-enjo@hellowork.example.jp';
const NEW = 'kouhou@example.jp';

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

  test('a 要確認 address is listed; ticked and sent again, it goes once; the next click sends none', async () => {
    const forms = page.frameLocator('iframe.sidebar-frame').locator('details[data-feature="forms"]');
    // One more address in the seminar's 招待先, typed as a person would.
    const sheet = await (await fetch(`${preview.url}/api/sheet?name=${encodeURIComponent('行事')}`)).json() as { rows: { d: string }[][] };
    const row = sheet.rows.findIndex((r) => r[0]?.d === 'EV-SEMINAR') + 1;
    const column = sheet.rows[0]!.findIndex((c) => c.d === '招待先') + 1;
    expect([row > 1, column > 0]).toEqual([true, true]);
    await postFromPreview(preview.url, '/api/cell', { sheet: '行事', row, column, text: `関係機関:ハローワーク、${NEW}` });
    // The run dies after sending: the 4th Properties call (the 送信 record) and its retry fail.
    await postFromPreview(preview.url, '/api/fault', { service: 'PropertiesService', atCall: 4, times: 2, message: 'Exceeded maximum execution time' });
    const send = forms.getByRole('button', { name: `案内を送信（招待先へ）: ${SEMINAR}` });
    await send.click();
    await forms.locator('.error').getByText(/./).first().waitFor();
    await send.click();
    await waitForResult(forms.locator('.result'), /要確認1件/, preview, 60_000);
    expect(await forms.locator('.result').textContent()).toContain('「EV-SEMINAR」の案内を0通送りました。');
    const doubt = forms.locator('.result ul.in-doubt');
    expect(await doubt.getByRole('checkbox').count()).toBe(1);
    await doubt.getByRole('checkbox', { name: NEW }).check();
    await page.locator('aside.sidebar-pane').screenshot({ path: path.join(ARTIFACTS, 'sidebar-event-invites-in-doubt.png') });
    await forms.getByRole('button', { name: '選んだ宛先に送り直す' }).click();
    await waitForResult(forms.locator('.result'), /「EV-SEMINAR」の案内を1通送りました。/, preview, 60_000);
    expect(await forms.locator('.result ul.in-doubt').count()).toBe(0);
    await send.click();
    await waitForResult(forms.locator('.result'), /「EV-SEMINAR」の案内を0通送りました。/, preview, 60_000);

    // The dead run's mail and the one sent again: two, never a third; Hello Work still one.
    const mail = await context.newPage();
    for (const [to, count] of [[NEW, 2], [HELLO_WORK, 1]] as const) {
      await mail.goto(`${preview.url}/mail?to=${encodeURIComponent(to)}`);
      const announcements = mail.locator('article.mail').filter({ hasText: `【ご案内】${SEMINAR}` });
      await announcements.first().waitFor();
      expect({ to, count: await announcements.count() }).toEqual({ to, count });
    }
    await mail.close();
  });
});
