/**
 * The preview's 「40 人が1分以内に送信」 in Chromium: on the forms page the coordinator replays a burst of forty
 * registrations within one modeled minute; the result page shows every firing and the hourly catch-up, and the
 * ledger (read back from the preview's API) has forty rows, none twice.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { browserAvailable, launchBrowser, RunningPreview, startPreview } from './harness';

const describeBrowser = browserAvailable() ? describe : describe.skip;

describeBrowser('a burst of forty submissions, replayed in the preview', () => {
  let preview: RunningPreview;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    preview = await startPreview(['--reset']);
    // The coordinator created the seminar's forms (as the sidebar's 「フォームを作成」 does).
    const created = await fetch(`${preview.url}/rpc`, { method: 'POST', headers: { 'content-type': 'application/json', origin: preview.url }, body: JSON.stringify({ name: 'rpcCreateEventForms', args: ['EV-SEMINAR'] }) });
    expect(((await created.json()) as { ok: boolean }).ok).toBe(true);
    context = await launchBrowser();
    page = context.pages()[0] ?? (await context.newPage());
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await preview?.stop();
  });

  test('the button submits forty responses over a modeled minute; the ledger fills with forty rows, no manual sync', async () => {
    await page.goto(`${preview.url}/forms`);
    const button = page.getByRole('button', { name: /^40 人が1分以内に送信: .*申込/ });
    expect(await button.count()).toBe(1);
    await button.click();
    const result = page.locator('#burst-result');
    await result.waitFor();
    expect(await result.getAttribute('data-recorded')).toBe('40');
    expect(await result.textContent()).toContain('40 件すべてが「参加者台帳」に入りました');
    // One row per execution: forty firings, then the hourly catch-up.
    const kinds = await page.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(kinds.filter((k) => k === 'フォーム送信トリガー')).toHaveLength(40);
    expect(kinds).toContain('定時の取り込み（1時間ごと）');
    const ledger = (await (await fetch(`${preview.url}/api/sheet?name=${encodeURIComponent('参加者台帳')}`)).json()) as unknown;
    const text = JSON.stringify(ledger);
    const emails = text.match(/p1-\d+@example\.jp/g) ?? [];
    expect(new Set(emails).size).toBe(40);
    expect(emails).toHaveLength(40); // one ledger row each: none twice
    await page.screenshot({ path: 'test-artifacts/burst.png', fullPage: false });
  }, 60_000);
});
