/**
 * The preview tells the seed's year (issue 14 items 14–17, 19): `--scenario year-end` opens on 団体 with the report
 * one click away (12 → 16 agencies, 40 and 30 participants), charts drawn on the survey sheets, response sheets
 * after the core sheets, invalid dropdown values marked as Sheets marks them, and the layout fixes. Its screenshots
 * are the README's (UPDATE_SCREENSHOTS=1).
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, browserAvailable, closePreview, launchBrowser, openPreview, ROOT, RunningPreview, startPreview } from './harness';

const describeBrowser = browserAvailable() ? describe : describe.skip;
const README_SHOTS = ['preview.png', 'sidebar.png', 'pamphlet.png', 'activity-report.png', 'survey-charts.png'];

interface SheetJson { rows: { d: string }[][] }

describeBrowser('preview in Chromium: --scenario year-end', () => {
  let preview: RunningPreview;
  let context: BrowserContext;
  let page: Page;

  // The year-end seed runs a whole year through the bundle (16 s on an idle 2-core machine, 85 s and more while other
  // test files run beside it): the hook waits for the harness's own limit and Chromium.
  beforeAll(async () => {
    ({ preview, context, page } = await openPreview(['--reset', '--scenario', 'year-end']));
  }, 150_000);

  afterAll(() => closePreview(preview, context));

  const sheet = async (name: string) => (await (await fetch(`${preview.url}/api/sheet?name=${encodeURIComponent(name)}`)).json()) as SheetJson;

  test('it opens on 団体, core sheets first, and links the activity report: 12 → 16 agencies, 42 and 31 participants', async () => {
    expect(preview.output.join('')).toMatch(/シナリオ「year-end」/);
    expect(await page.getByRole('tab', { selected: true }).textContent()).toBe('団体');
    const tabs = await page.getByRole('tab').allTextContents();
    const lastCore = Math.max(...['団体', '行事', '参加者台帳', '会議', '設定', '操作ログ'].map((n) => tabs.indexOf(n)));
    for (const t of tabs.filter((n) => /^(申込回答|アンケート回答)_/.test(n))) expect(tabs.indexOf(t)).toBeGreaterThan(lastCore);

    const [report] = await Promise.all([context.waitForEvent('page'), page.locator('.notice .highlight a', { hasText: '活動報告書' }).click()]);
    await report.waitForLoadState();
    const text = (await report.locator('body').textContent()) ?? '';
    expect(text).toMatch(/期首 12団体 → 期末 16団体/);
    // 40 and 30 registrations, and the walk-ins who checked in at the QR form (2 and 1).
    expect(text).toMatch(/参加 42人/);
    expect(text).toMatch(/参加 31人/);
    await report.setViewportSize({ width: 1000, height: 1300 });
    await report.screenshot({ path: path.join(ARTIFACTS, 'activity-report.png') });

    // The report's table headers break between words only: each header cell is one line, on a narrow window too.
    await report.setViewportSize({ width: 640, height: 900 });
    const headerLines = await report.evaluate(() => [...document.querySelectorAll('table tr:first-child td')].map((td) => {
      const tops = new Set<number>();
      const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const r = document.createRange();
        r.selectNodeContents(n);
        for (const rect of r.getClientRects()) tops.add(Math.round(rect.top));
      }
      return tops.size;
    }));
    expect(headerLines.length).toBeGreaterThan(0);
    expect(Math.max(...headerLines)).toBe(1);
    await report.close();
  });

  test('the survey sheet shows its charts as Sheets draws them: type, title, one bar per value from the ranges', async () => {
    await page.getByRole('tab', { name: 'アンケート集計_EV-SEMINAR' }).click();
    await page.locator('table.grid[data-sheet="アンケート集計_EV-SEMINAR"]').waitFor();
    const charts = page.locator('figure.embedded-chart svg');
    await charts.first().waitFor();
    expect(await charts.count()).toBe(5);
    const title = '支援者向けセミナー「企業が求める職業準備性」：全体満足度';
    const chart = page.locator('figure.embedded-chart', { has: page.locator('text.chart-title', { hasText: title }) });
    expect(await chart.locator('svg').getAttribute('data-type')).toBe('COLUMN');
    const bars = (await chart.locator('rect.bar').evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('data-value')))));
    // The same counts as the sheet's distribution table (the chart's ranges).
    const rows = (await sheet('アンケート集計_EV-SEMINAR')).rows;
    const header = rows.findIndex((r) => r[0]!.d === '回答の分布（人）');
    const column = rows[header]!.findIndex((c) => c.d === '全体満足度');
    const counts = rows.slice(header + 1, header + 6).map((r) => Number(r[column]!.d));
    expect(bars).toEqual(counts);
    // The chart sits at its anchor cell, over the grid.
    expect(await chart.isVisible()).toBe(true);
    // The grid may be drawn again meanwhile (the chart element replaced: "not attached to the DOM", seen once in a CI
    // simulation): the scroll, for the screenshot only, is tried again on the new element.
    for (let attempt = 1; ; attempt++) {
      try { await page.locator('figure.embedded-chart').first().scrollIntoViewIfNeeded({ timeout: 10_000 }); break; } catch (e) { if (attempt === 3) throw e; }
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'survey-charts.png') });
    // 「自由記述（自由記述）」 no more.
    expect(rows.flat().some((c) => c.d.includes('自由記述（自由記述）'))).toBe(false);
  });

  test('an invalid dropdown value (グループ C, 掲載同意 はい) shows as typed with the red marker, in the grid and the edit bar', async () => {
    await page.getByRole('tab', { name: '団体' }).click();
    const grid = page.locator('table.grid[data-sheet="団体"]');
    await grid.waitFor();
    for (const [header, typed] of [['グループ', 'C'], ['掲載同意', 'はい']] as const) {
      const column = Number(await grid.locator('tbody tr').first().locator('td', { hasText: new RegExp(`^${header}$`) }).getAttribute('data-column'));
      const cell = grid.locator(`td[data-row="3"][data-column="${column}"]`);
      // At the cell's edge, beside the dropdown (a click on the dropdown itself opens it). The page re-renders the grid
      // when it polls, which under load can swallow the click's selection; so the edit is typed again until it lands
      // (what is asserted is what the cell shows once it has).
      const marked = () => page.waitForFunction(([c]) => document.querySelector(`table.grid td[data-row="3"][data-column="${c}"]`)?.classList.contains('invalid') === true, [column], { timeout: 10_000 });
      for (let attempt = 1; ; attempt++) {
        await cell.click({ position: { x: 1, y: 1 } });
        await page.locator('#cell-input').fill(typed);
        await page.locator('#cell-input').press('Enter');
        try {
          await marked();
          break;
        } catch (e) {
          if (attempt === 3) throw e;
        }
      }
      expect(await cell.textContent()).toBe(typed);
      expect(await cell.locator('select').count()).toBe(0);
      expect(await cell.getAttribute('title')).toMatch(/無効/);
      await cell.click({ position: { x: 1, y: 1 } });
      expect(await page.locator('#cell-input').inputValue()).toBe(typed);
    }
  });

  test('layout: the sidebar\'s column headers do not wrap one character per line; a long URL stays inside the alert', async () => {
    const sidebar = page.frameLocator('iframe.sidebar-frame');
    const attendance = sidebar.locator('details[data-feature="attendance"]');
    await attendance.locator('summary').click();
    await attendance.getByRole('button', { name: '出欠を集計' }).click();
    await attendance.locator('table.attendance thead th').first().waitFor();
    const heights = await attendance.locator('table thead th').evaluateAll((ths) => ths.map((th) => {
      const lh = parseFloat(getComputedStyle(th).lineHeight) || 18;
      return th.getBoundingClientRect().height / lh;
    }));
    expect(Math.max(...heights)).toBeLessThan(1.5);

    await page.getByRole('tab', { name: '行事' }).click();
    await page.locator('table.grid[data-sheet="行事"]').waitFor();
    await page.locator('table.grid[data-sheet="行事"] td[data-row="2"][data-column="1"]').click();
    await page.locator('details.menu > summary').click();
    await page.getByRole('menuitem', { name: 'フォームを作成' }).click();
    const alert = page.locator('dialog.alert');
    await alert.waitFor({ state: 'visible' });
    expect(await alert.locator('.alert-body').textContent()).toMatch(/https:\/\/docs\.google\.com\/forms\//);
    const overflow = await alert.evaluate((d) => ({ dialog: d.scrollWidth - d.clientWidth, body: d.querySelector('.alert-body')!.scrollWidth - d.querySelector('.alert-body')!.clientWidth }));
    expect(overflow).toEqual({ dialog: 0, body: 0 });
    await alert.getByRole('button', { name: 'OK' }).click();
  });

  test('layout: a form\'s description keeps its line breaks; the pamphlet labels its URL line', async () => {
    const forms = await context.newPage();
    await forms.goto(`${preview.url}/forms`);
    const [form] = await Promise.all([context.waitForEvent('page'), forms.locator('table.list a').first().click()]);
    await form.waitForLoadState();
    const lines = await form.locator('.description').evaluate((p) => {
      const r = document.createRange();
      r.selectNodeContents(p);
      return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size;
    });
    expect(lines).toBeGreaterThanOrEqual(3);
    await form.close();

    await forms.goto(`${preview.url}/docs`);
    const pamphletLink = forms.locator('table.list a', { hasText: /パンフレット|ガイド/ }).filter({ hasNotText: 'ひな形' }).first();
    const href = await pamphletLink.getAttribute('href');
    const pamphlet = await context.newPage();
    await pamphlet.goto(`${preview.url}${href}`);
    expect(await pamphlet.locator('body').textContent()).toMatch(/URL：https:\/\/aoba\.example\.jp/);
    await pamphlet.setViewportSize({ width: 1000, height: 1100 });
    await pamphlet.screenshot({ path: path.join(ARTIFACTS, 'pamphlet.png') });
    await pamphlet.close();
    await forms.close();
  });

  test('the pamphlet\'s PDF opens as pages, as a PDF viewer shows it: headings large and bold, Latin text in proportional type, tables ruled', async () => {
    const docs = await context.newPage();
    await docs.goto(`${preview.url}/docs`);
    const [viewer] = await Promise.all([context.waitForEvent('page'), docs.locator('table.list a', { hasText: /\.pdf$/ }).first().click()]);
    await viewer.waitForLoadState();
    expect(viewer.url()).toMatch(/\/drive\/[\w-]+\/view$/);
    const pages = viewer.locator('svg.pdf-page');
    expect(await pages.count()).toBeGreaterThanOrEqual(1);
    // A4 in points, white, one per PDF page (the toolbar says how many).
    expect(await pages.first().getAttribute('viewBox')).toBe('0 0 595 842');
    expect(await viewer.locator('.pdf-count').textContent()).toBe(`${await pages.count()} ページ`);
    const lines = await viewer.locator('svg.pdf-page text').evaluateAll((ts) => ts.map((t) => ({
      text: t.textContent ?? '', size: Number(t.getAttribute('font-size')),
      bold: [...t.querySelectorAll('tspan')].some((s) => s.getAttribute('font-weight') === 'bold'),
      latin: [...t.querySelectorAll('tspan.latin')].map((s) => s.textContent ?? ''),
    })));
    // The title is set larger than the body and in bold; agency names (bold in the template) too.
    const body = Math.min(...lines.map((l) => l.size));
    expect(lines.some((l) => l.size > body * 1.4 && l.bold)).toBe(true);
    expect(lines.filter((l) => l.bold).length).toBeGreaterThan(3);
    // A URL is one Latin run, letters side by side — not a letter per full-width cell.
    const url = lines.flatMap((l) => l.latin).find((t) => /^https?:\/\//.test(t));
    expect(url).toMatch(/^https?:\/\/[\w.-]+/);
    const urlBox = await viewer.locator('svg.pdf-page tspan.latin', { hasText: url! }).first().boundingBox();
    expect(urlBox!.width / url!.length).toBeLessThan(body * 0.75);
    // Tables are drawn as ruled grids, and text stays inside the page's margins.
    expect(await viewer.locator('svg.pdf-page .rules line').count()).toBeGreaterThan(4);
    const overflow = await viewer.locator('svg.pdf-page').first().evaluate((svg) => {
      const page = svg.getBoundingClientRect();
      return [...svg.querySelectorAll('text')].some((t) => t.getBoundingClientRect().right > page.right + 1);
    });
    expect(overflow).toBe(false);
    await viewer.setViewportSize({ width: 900, height: 1200 });
    await viewer.screenshot({ path: path.join(ARTIFACTS, 'pamphlet-pdf.png') });
    await viewer.close();
    await docs.close();
  });

  test('screenshots of the year-end preview for the README', async () => {
    await page.getByRole('tab', { name: '団体' }).click();
    await page.locator('table.grid[data-sheet="団体"]').waitFor();
    await page.frameLocator('iframe.sidebar-frame').locator('details[data-feature="registry"]').waitFor();
    const frame = page.frames().find((f) => f.url().includes('/sidebar'))!;
    await frame.evaluate(() => {
      document.querySelectorAll('details').forEach((d) => { d.open = d.dataset.feature === 'registry' || d.dataset.feature === 'report'; });
      window.scrollTo(0, 0);
    });
    await page.screenshot({ path: path.join(ARTIFACTS, 'preview.png') });
    await page.locator('aside.sidebar-pane').screenshot({ path: path.join(ARTIFACTS, 'sidebar.png') });
    if (process.env.UPDATE_SCREENSHOTS) {
      mkdirSync(path.join(ROOT, 'docs', 'screenshots'), { recursive: true });
      for (const shot of README_SHOTS) copyFileSync(path.join(ARTIFACTS, shot), path.join(ROOT, 'docs', 'screenshots', shot));
    }
  });
});

describeBrowser('preview in Chromium: the sidebar shows the last results after a reload', () => {
  test('an operation\'s result is in 「前回の結果」 when the page is reloaded (as after a reload mid-operation)', async () => {
    const preview = await startPreview(['--reset']);
    const context = await launchBrowser();
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${preview.url}/`);
      let sidebar = page.frameLocator('iframe.sidebar-frame');
      // Nothing has been done yet (the seed's lines are hours old): the section is there but closed.
      await sidebar.locator('details[data-feature="registry"]').waitFor();
      await sidebar.getByRole('button', { name: '団体名簿をチェック' }).click();
      await sidebar.locator('details[data-feature="registry"] .result').waitFor();
      // The coordinator reloads (in the real case while the check was still running: its result is logged all the same).
      await page.reload();
      sidebar = page.frameLocator('iframe.sidebar-frame');
      const recent = sidebar.locator('details[data-feature="recent"]');
      await recent.waitFor();
      expect(await recent.getAttribute('open')).not.toBeNull();
      const line = recent.locator('li[data-operation="団体名簿をチェック"]');
      expect(await line.locator('.when').textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}（成功）$/);
      expect(await line.locator('.details').textContent()).toMatch(/16/);
      await page.locator('aside.sidebar-pane').screenshot({ path: path.join(ARTIFACTS, 'sidebar-last-results.png') });
    } finally {
      await context.close();
      await preview.stop();
    }
  });
});
