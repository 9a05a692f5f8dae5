/**
 * The preview driven as a coordinator would: the add-on menu, the grid, the real sidebar over google.script.run;
 * plus the sidebar's accessibility (axe-core) and escaping of hostile data. Screenshots go to test-artifacts/.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { DEMO_AGENCIES_CSV } from '../../scripts/demo/agencies';
import { ARTIFACTS, browserAvailable, launchBrowser, ROOT, RunningPreview, startPreview } from './harness';

const XSS_NAME = '<img src=x onerror=alert(1)>';

/** One agency from the demo list, renamed to a hostile string (and a phone of its own, so it is not a duplicate). */
function hostileCsv(): Buffer {
  const [header, first] = DEMO_AGENCIES_CSV.split('\n');
  const cells = first!.split(',');
  cells[0] = XSS_NAME;
  cells[1] = 'テストダンタイ';
  cells[7] = '03-5555-0101';
  return Buffer.from(`${header}\n${cells.join(',')}\n`, 'utf8');
}

const describeBrowser = browserAvailable() ? describe : describe.skip;

describeBrowser('preview in Chromium (coordinator)', () => {
  let preview: RunningPreview;
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    preview = await startPreview(['--reset']);
    context = await launchBrowser();
    page = context.pages()[0] ?? (await context.newPage());
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${preview.url}/`);
    await page.locator('table.grid[data-sheet="団体"]').waitFor();
    await sidebar().locator('details[data-feature="registry"]').waitFor();
  });

  afterAll(async () => {
    await context?.close();
    await preview?.stop();
  });

  function sidebar() {
    return page.frameLocator('iframe.sidebar-frame');
  }

  function sidebarFrame(): Frame {
    const frame = page.frames().find((f) => f.url().includes('/sidebar'));
    if (!frame) throw new Error('sidebar frame not found');
    return frame;
  }

  async function columnOf(header: string): Promise<number> {
    const td = page.locator('table.grid tbody tr').first().locator('td', { hasText: new RegExp(`^${header}$`) });
    return Number(await td.getAttribute('data-column'));
  }

  test('the grid shows the seeded registry and the menu runs 団体名簿をチェック with its alert', async () => {
    await expectText(page.locator('table.grid td[data-row="2"][data-column="2"]'), 'ワークサポートあおば');
    await page.locator('details.menu > summary').click();
    await page.getByRole('menuitem', { name: '団体名簿をチェック' }).click();
    const alert = page.locator('dialog.alert');
    await alert.waitFor({ state: 'visible' });
    expect(await alert.locator('.alert-body').textContent()).toMatch(/16件を確認/);
    await alert.getByRole('button', { name: 'OK' }).click();
    await alert.waitFor({ state: 'hidden' });
  });

  test('a cell typed in the grid goes through Sheets parsing and the sidebar check tidies it', async () => {
    const phone = await columnOf('電話');
    await page.locator(`table.grid td[data-row="3"][data-column="${phone}"]`).click();
    await page.locator('#cell-input').fill('０３－９９９９－８８８８');
    await page.locator('#cell-input').press('Enter');
    await expectText(page.locator(`table.grid td[data-row="3"][data-column="${phone}"]`), '０３－９９９９－８８８８');

    await sidebar().getByRole('button', { name: '団体名簿をチェック' }).click();
    await expectText(sidebar().locator('details[data-feature="registry"] .result'), /16件を確認し、1か所を自動で整えました/);
    await expectText(page.locator(`table.grid td[data-row="3"][data-column="${phone}"]`), '03-9999-8888');
  });

  test('CSV import: preview shows a hostile name as text, import adds it, and no script runs', async () => {
    const csv = sidebar().locator('details[data-feature="csv"]');
    await csv.locator('summary').click();
    await csv.locator('input[type="file"]').setInputFiles({ name: 'agencies.csv', mimeType: 'text/csv', buffer: hostileCsv() });
    await expectText(csv.locator('table.preview tbody td').nth(1), XSS_NAME);
    expect(await sidebarFrame().locator('img').count()).toBe(0);
    await csv.screenshot({ path: path.join(ARTIFACTS, 'sidebar-csv-preview.png') });

    const importButton = csv.getByRole('button', { name: 'この内容で取り込む' });
    expect(await importButton.isEnabled()).toBe(true);
    await importButton.click();
    await expectText(csv.locator('.result'), /1件を団体シートに追加しました（18行目から）/);
    expect(await importButton.isDisabled()).toBe(true);

    await expectText(page.locator('table.grid td[data-row="18"][data-column="2"]'), XSS_NAME);
    expect(await page.locator('table.grid img').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  test('the sidebar has no serious or critical axe-core violations', async () => {
    const frame = sidebarFrame();
    await frame.evaluate(() => document.querySelectorAll('details').forEach((d) => d.setAttribute('open', '')));
    await frame.addScriptTag({ content: readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8') });
    const violations = await frame.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
    });
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious).toEqual([]);
  });

  test('screenshots of the preview and the sidebar', async () => {
    await page.screenshot({ path: path.join(ARTIFACTS, 'preview.png') });
    await page.locator('aside.sidebar-pane').screenshot({ path: path.join(ARTIFACTS, 'sidebar.png') });
    if (process.env.UPDATE_SCREENSHOTS) {
      mkdirSync(path.join(ROOT, 'docs', 'screenshots'), { recursive: true });
      copyFileSync(path.join(ARTIFACTS, 'sidebar.png'), path.join(ROOT, 'docs', 'screenshots', 'sidebar.png'));
    }
  });

  test('state survives a restart: the journal replays the edits and the import', async () => {
    await preview.stop();
    preview = await startPreview([], preview.stateDir);
    expect(preview.output.join('')).toMatch(/保存した操作 \d+ 件を再生しました/);
    const sheet = (await (await fetch(`${preview.url}/api/sheet?name=${encodeURIComponent('団体')}`)).json()) as { rows: { d: string }[][] };
    const header = sheet.rows[0]!.map((c) => c.d);
    expect(sheet.rows[2]![header.indexOf('電話')]!.d).toBe('03-9999-8888');
    expect(sheet.rows.some((r) => r[header.indexOf('名称')]?.d === XSS_NAME)).toBe(true);
  });
});

async function expectText(locator: { textContent(): Promise<string | null> }, expected: string | RegExp, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: string | null = null;
  for (;;) {
    last = await locator.textContent();
    if (last !== null && (typeof expected === 'string' ? last === expected : expected.test(last))) return;
    if (Date.now() > deadline) throw new Error(`expected ${String(expected)}, got ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describeBrowser('preview in Chromium (English locale)', () => {
  test('a user whose locale is not Japanese gets the English sidebar', async () => {
    const preview = await startPreview(['--reset', '--locale', 'en']);
    const context = await launchBrowser();
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${preview.url}/`);
      const sidebar = page.frameLocator('iframe.sidebar-frame');
      await sidebar.getByRole('button', { name: 'Check the agency registry' }).click();
      await expectText(sidebar.locator('details[data-feature="registry"] .result'), /^Checked 16 rows/);
      expect(await sidebar.locator('html').getAttribute('lang')).toBe('en');
    } finally {
      await context.close();
      await preview.stop();
    }
  });
});
