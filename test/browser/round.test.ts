/**
 * 掲載情報の確認 in the real built sidebar (dist/Sidebar.html) in Chromium, its google.script.run backed by the built
 * bundle on the emulator (each RPC runs there as Apps Script would): the review shows an agency's answer as a diff,
 * the coordinator unticks one field, applies, and 団体 holds the accepted change only; answer text is shown as text.
 * Then the request itself: the sidebar chooses グループB's agencies, the server mails each its link; 15 days later the
 * review offers the reminder for those with no answer, which goes once.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { RoundRequestResult, RpcResult } from '../../src/protocol';
import { DEMO_AGENCIES_CSV } from '../../scripts/demo/agencies';
import { EntryName, loadAddOn } from '../support/bundle';
import { ok, sheetRecords } from '../support/forms';
import { browserAvailable, launchBrowser, ROOT } from './harness';

const describeBrowser = browserAvailable() ? describe : describe.skip;

/** google.script.run over a function the test exposes (window.__rpc → the bundle on the emulator). */
const STUB = `
function runner(ok, fail) {
  const r = { withSuccessHandler(h) { return runner(h, fail); }, withFailureHandler(h) { return runner(ok, h); } };
  return new Proxy(r, { get(t, name) {
    if (name in t) return t[name];
    return (...args) => { window.__rpc(String(name), JSON.stringify(args)).then((v) => ok && ok(JSON.parse(v)), (e) => fail && fail(e)); };
  } });
}
window.google = { script: { run: runner(null, null) } };
`;

describeBrowser('掲載情報の確認 in the sidebar', () => {
  let context: BrowserContext;
  let page: Page;
  const emu = loadAddOn({ now: new Date('2026-11-02T10:00:00+09:00') });
  let aobaId = '';

  beforeAll(async () => {
    emu.run('setUpWorkbook');
    ok(emu.run<RpcResult<unknown>>('rpcImportCsv', [Buffer.from(DEMO_AGENCIES_CSV, 'utf8').toString('base64')]));
    const links = ok(emu.run<RpcResult<RoundRequestResult>>('rpcRequestAgencyRound', [{}])).links;
    const aoba = links.find((l) => l.name === 'ワークサポートあおば')!;
    aobaId = aoba.id;
    const { formId, answers } = emu.forms.store.answersFromPrefilledUrl(aoba.url);
    emu.forms.submit(formId, { ...answers, 電話: '03-5211-0009', 特色: '<img src=x onerror=alert(1)>' });
    context = await launchBrowser();
    page = context.pages()[0] ?? (await context.newPage());
    page.on('dialog', () => { throw new Error('a dialog opened: answer text ran as markup'); });
    await page.exposeFunction('__rpc', (name: string, args: string) => JSON.stringify(emu.run(name as EntryName, JSON.parse(args) as unknown[])));
    const html = readFileSync(path.join(ROOT, 'dist', 'Sidebar.html'), 'utf8').replace('<head>', `<head><script>${STUB}</script>`);
    await page.setContent(html);
  }, 60_000);

  test('asking グループB from the sidebar mails its 7 agencies; the reminder button reminds the 7 with no answer, once', async () => {
    const world = loadAddOn({ now: new Date('2026-11-02T10:00:00+09:00') });
    world.run('setUpWorkbook');
    ok(world.run<RpcResult<unknown>>('rpcImportCsv', [Buffer.from(DEMO_AGENCIES_CSV, 'utf8').toString('base64')]));
    const p = await context.newPage();
    await p.exposeFunction('__rpc', (name: string, args: string) => JSON.stringify(world.run(name as EntryName, JSON.parse(args) as unknown[])));
    await p.setContent(readFileSync(path.join(ROOT, 'dist', 'Sidebar.html'), 'utf8').replace('<head>', `<head><script>${STUB}</script>`));
    const section = p.locator('details[data-feature="round"]');
    await section.locator('summary').click();
    await section.getByRole('combobox', { name: '確認を依頼' }).selectOption('B');
    await section.getByRole('button', { name: '確認を依頼', exact: true }).click();
    await section.locator('.round-links li').first().waitFor();
    const metas = await section.locator('.round-links li .event-meta').allTextContents();
    expect(metas).toHaveLength(7);
    expect(metas.every((m) => m.startsWith('メール '))).toBe(true);
    expect(await section.locator('.result').textContent()).toContain('7団体にメールで送りました');
    expect(world.mail.outbox.filter((m) => m.subject.startsWith('【掲載情報の確認】'))).toHaveLength(7);

    world.runtime.advanceClock(15 * 24 * 60 * 60 * 1000);
    await section.getByRole('button', { name: '回答を確認' }).click();
    const remind = section.getByRole('button', { name: /回答のない7団体に確認のお願いを再送/ });
    await remind.waitFor();
    expect(await section.locator('li[data-state="noAnswer"] [data-mail]').count()).toBe(7);
    await remind.click();
    await section.locator('li[data-state="requested"]').nth(6).waitFor();
    expect(world.mail.outbox).toHaveLength(14);
    expect(world.mail.outbox.slice(7).every((m) => m.subject.startsWith('【再送】'))).toBe(true);
    expect(await remind.isHidden()).toBe(true);
    await p.close();
  }, 60_000);

  afterAll(async () => {
    await context?.close();
  });

  test('the diff: untick one field, apply; only the ticked field reaches 団体, the answer text stays text', async () => {
    const section = page.locator('details[data-feature="round"]');
    await section.locator('summary').click();
    await section.getByRole('button', { name: '回答を確認' }).click();
    const diff = section.locator(`.round-diff[data-agency="${aobaId}"]`);
    await diff.waitFor();
    const rows = await diff.locator('tr[data-field]').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent)));
    expect(rows).toEqual([['電話', '03-5211-0001', '03-5211-0009'], ['特色', 'ITスキル訓練に強い', '<img src=x onerror=alert(1)>']]);
    expect(await page.locator('.round-diff img').count()).toBe(0);
    await diff.getByRole('checkbox', { name: '特色 反映' }).uncheck();
    await diff.getByRole('button', { name: /選んだ項目を反映/ }).click();
    await section.locator(`li[data-agency="${aobaId}"][data-state="decided"]`).waitFor();
    expect(await section.locator('.result').textContent()).toContain('反映1項目、見送り1項目');
    const row = sheetRecords(emu, '団体').find((r) => r['id'] === aobaId)!;
    expect([row['電話'], row['特色']]).toEqual(['03-5211-0009', 'ITスキル訓練に強い']);
    const record = (JSON.parse(emu.properties.document.get('round.requests')!) as string[]).map((r) => JSON.parse(r) as Record<string, string>).find((r) => r['agencyId'] === aobaId)!;
    expect([record['accepted'], record['rejected']]).toEqual(['電話', '特色']);
    await page.screenshot({ path: path.join(ROOT, 'test-artifacts', 'round-sidebar.png'), fullPage: true }).catch(() => undefined);
  });
});
