/**
 * Self check-in in the preview, in Chromium: the coordinator makes the forms and the 受付名簿 from the menu; the
 * roster's QR code (as Chromium renders it, and decoded here) leads to the check-in form; a registered participant
 * "scans" it, types their e-mail, and 参加者台帳 shows 出席 ticked with 受付時刻.
 */
import * as path from 'node:path';
import decodeQR from 'qr/decode.js';
import type { BrowserContext, Page } from 'playwright-core';
import { decodeGif } from '../../emulator/gif';
import { previewUrl } from '../../emulator/preview/client/links';
import { ARTIFACTS, browserAvailable, closePreview, openPreview, RunningPreview } from './harness';

const describeBrowser = browserAvailable() ? describe : describe.skip;

describeBrowser('self check-in through the QR code (preview, Chromium)', () => {
  let preview: RunningPreview;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ preview, context, page } = await openPreview(['--reset']));
  });

  afterAll(() => closePreview(preview, context));

  async function menuOnSeminarRow(item: string): Promise<string> {
    await page.getByRole('tab', { name: '行事' }).click();
    const grid = page.locator('table.grid[data-sheet="行事"]');
    await grid.waitFor();
    await grid.locator('td[data-row="2"][data-column="3"]').click();
    await page.locator('details.menu > summary').click();
    await page.getByRole('menuitem', { name: item }).click();
    const alert = page.locator('dialog.alert');
    await alert.waitFor({ state: 'visible', timeout: 30_000 });
    const text = (await alert.locator('.alert-body').textContent()) ?? '';
    await alert.getByRole('button', { name: 'OK' }).click();
    return text;
  }

  test('scan the roster\'s QR code, check in with the e-mail, see 出席 ticked in the ledger', async () => {
    const forms = await menuOnSeminarRow('フォームを作成');
    const registrationUrl = /申込: (\S+)/.exec(forms)?.[1];
    expect(registrationUrl).toBeDefined();

    // A participant registers.
    const participant = await context.newPage();
    await participant.goto(`${preview.url}${previewUrl(registrationUrl!)}`);
    await participant.getByLabel('氏名').fill('受付 太郎');
    await participant.getByLabel('ふりがな').fill('うけつけ たろう');
    await participant.getByRole('radio', { name: 'ワークサポートあおば' }).check();
    await participant.getByRole('radio', { name: '対面' }).check();
    await participant.getByLabel('メール').fill('uketsuke@example.jp');
    await participant.getByRole('button', { name: '送信' }).click();
    await participant.locator('.confirmation').waitFor();

    const roster = await menuOnSeminarRow('受付名簿を作成');
    expect(roster).toMatch(/受付名簿（\d+名）と受付フォームを用意しました/);

    // The roster Doc as the preview shows it: the QR picture is drawn by Chromium (its own GIF decoder).
    const docs = await context.newPage();
    await docs.goto(`${preview.url}/docs`);
    const href = await docs.locator('a', { hasText: '受付名簿_EV-SEMINAR' }).first().getAttribute('href');
    await docs.goto(`${preview.url}${href}`);
    const qr = docs.locator('img').first();
    await qr.waitFor();
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 100)).toBe(true);
    expect(await docs.locator('body').textContent()).toContain('うけつけ　たろう');
    await docs.screenshot({ path: path.join(ARTIFACTS, 'roster.png') });

    // "Scanning": the picture's bytes decoded to the URL the camera would open.
    const src = (await qr.getAttribute('src'))!;
    const { width, height, grey } = decodeGif(Buffer.from(src.replace(/^data:image\/gif;base64,/, ''), 'base64'));
    const rgba = new Uint8Array(width * height * 4);
    grey.forEach((g, i) => rgba.set([g, g, g, 255], i * 4));
    const scanned = decodeQR({ width, height, data: rgba });
    expect(scanned).toMatch(/^https:\/\/docs\.google\.com\/forms\/d\/e\/[\w-]+\/viewform$/);
    expect(roster).toContain(scanned);

    const phone = await context.newPage();
    await phone.goto(`${preview.url}${previewUrl(scanned)}`);
    await phone.getByLabel('メールアドレスまたは受付番号').fill('UKETSUKE@example.jp');
    await phone.getByRole('button', { name: '送信' }).click();
    await phone.locator('.confirmation').waitFor();
    expect(await phone.locator('.confirmation').textContent()).toContain('受付しました');

    // The ledger: the participant's 出席 is ticked and 受付時刻 stamped.
    await page.bringToFront();
    await page.reload();
    await page.getByRole('tab', { name: '参加者台帳' }).click();
    const nameCell = page.locator('table.grid[data-sheet="参加者台帳"] td', { hasText: '受付' }).filter({ hasText: '太郎' }).first();
    await nameCell.waitFor();
    const row = await nameCell.getAttribute('data-row');
    const header = page.locator('table.grid[data-sheet="参加者台帳"] tbody tr').first();
    const column = async (h: string) => Number(await header.locator('td', { hasText: new RegExp(`^${h}$`) }).getAttribute('data-column'));
    const box = page.locator(`table.grid td[data-row="${row}"][data-column="${await column('出席')}"] input[type="checkbox"]`);
    expect(await box.isChecked()).toBe(true);
    expect(await page.locator(`table.grid td[data-row="${row}"][data-column="${await column('受付時刻')}"]`).textContent()).toMatch(/\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}/);
  });
});
