/**
 * 個人情報 (issue 19) in the real built sidebar (dist/Sidebar.html) in Chromium: the answers are what the built bundle
 * returns on the emulator for a marker person (registered, on a 受付名簿), through a google.script.run stand-in that
 * records each call with its arguments. 検索 lists the places, the export and what must be done by hand (the roster);
 * 削除… shows the places first and erases only after 「削除する」 (「やめる」 erases nothing); 個人情報の整理 shows its
 * plan before 「整理する」; the accommodation form is made for the event chosen in the list.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { agencyNamesOf, participantAnswers } from '../../scripts/demo/forms';
import { loadAddOn } from '../support/bundle';
import { ok, prepare } from '../support/forms';
import { browserAvailable, launchBrowser, ROOT, SCRIPT_RUN_STUB } from './harness';

const describeBrowser = browserAvailable() ? describe : describe.skip;
const MARKER = { 氏名: '画面 確認子', ふりがな: 'がめん かくにんこ', メール: 'sidebar.marker@example.jp' };

/** Every answer the section needs, from the built bundle (one RPC after another, as a coordinator would). */
function answers(): Record<string, unknown[]> {
  const emu = loadAddOn({ now: new Date('2025-08-22T13:00:00+09:00') });
  const seminar = prepare(emu).get('EV-SEMINAR')!;
  const agencies = agencyNamesOf(emu);
  for (let i = 0; i < 3; i++) emu.forms.submit(seminar.registration.formId, participantAnswers(0, i, agencies));
  emu.forms.submit(seminar.registration.formId, { ...participantAnswers(0, 5, agencies), ...MARKER });
  ok(emu.run('rpcCreateRoster', ['EV-SEMINAR']));
  ok(emu.run('rpcSaveSettings', [{ 配慮事項の閲覧者: 'coordinator@example.jp' }]));
  const r = (name: Parameters<typeof emu.run>[0], args: unknown[] = []) => { const value = emu.run(name, args as never) as { ok: boolean }; expect(value.ok).toBe(true); return [value]; };
  const out: Record<string, unknown[]> = {
    rpcInit: [{ ok: true, value: { lang: 'ja', setUp: true, spreadsheetName: '就労支援ネットワーク 名簿' } }],
    rpcLastResults: [{ ok: true, value: [] }],
    rpcListEvents: r('rpcListEvents'),
    rpcCreateAccommodationForm: r('rpcCreateAccommodationForm', ['EV-WORKSHOP']),
    rpcSearchPersonalData: r('rpcSearchPersonalData', [MARKER.メール]),
    rpcPreviewErase: r('rpcPreviewErase', [MARKER.メール]),
    rpcErasePersonalData: r('rpcErasePersonalData', [MARKER.メール]),
  };
  emu.runtime.fixedNow = new Date('2027-04-02T09:00:00+09:00');
  out.rpcPlanRetention = r('rpcPlanRetention');
  out.rpcRunRetention = r('rpcRunRetention');
  return out;
}

describeBrowser('個人情報 in the sidebar', () => {
  let context: BrowserContext;
  let page: Page;
  const section = () => page.locator('details[data-feature="privacy"]');
  const result = () => section().locator('.result');
  const calls = () => page.evaluate(() => (window as unknown as { __calls: unknown[][] }).__calls);
  const called = async (name: string) => (await calls()).filter((c) => c[0] === name);

  beforeAll(async () => {
    const data = answers();
    context = await launchBrowser();
    page = context.pages()[0] ?? (await context.newPage());
    const html = readFileSync(path.join(ROOT, 'dist', 'Sidebar.html'), 'utf8')
      .replace('<head>', `<head><script>${SCRIPT_RUN_STUB}window.__answers = ${JSON.stringify(data)};</script>`);
    await page.setContent(html);
    await page.waitForSelector('details[data-feature="privacy"]');
    await section().locator('summary').click();
  }, 60_000);

  afterAll(async () => {
    await context?.close();
  });

  test('検索 without a person says what to type and calls nothing', async () => {
    await section().getByRole('button', { name: '本人のデータを検索' }).click();
    await expect(section().locator('.error').textContent()).resolves.toContain('メールアドレスか「氏名／ふりがな」を入力してください');
    expect(await called('rpcSearchPersonalData')).toEqual([]);
  });

  test('検索 lists the places with their counts, the private export (Doc and PDF, to trash once sent) and the roster to handle by hand', async () => {
    await section().getByLabel('メールアドレス、または「氏名／ふりがな」').fill(MARKER.メール);
    await section().getByRole('button', { name: '本人のデータを検索' }).click();
    await result().locator('ul.places').waitFor();
    expect(await called('rpcSearchPersonalData')).toEqual([['rpcSearchPersonalData', MARKER.メール]]);
    const places = await result().locator('ul.places li').allTextContents();
    expect(places).toContain('参加者台帳（1）');
    expect(places.some((p) => /^申込回答_EV-SEMINAR（1）$/.test(p))).toBe(true);
    // The export: the Doc and its PDF, and the reminder that it is the person's data, to trash once sent.
    await expect(result().getByRole('link', { name: '書き出し（ドキュメント）を開く' }).getAttribute('href')).resolves.toMatch(/^https:\/\/docs\.google\.com\/document\/d\//);
    await expect(result().getByRole('link', { name: 'PDF を開く' }).getAttribute('href')).resolves.toMatch(/^https:\/\/drive\.google\.com\/file\/d\//);
    await expect(result().locator('.export-note').textContent()).resolves.toMatch(/だれとも共有していません.*本人に送ったらドキュメントと PDF の両方をゴミ箱へ/);
    const todo = await result().locator('.by-hand li[data-todo="privacy.todo.document"]').allTextContents();
    expect(todo.some((t) => /^受付名簿_EV-SEMINAR_.*: 名前の載った文書です/.test(t))).toBe(true);
  });

  test('削除… shows the places first; やめる erases nothing; 削除する erases and names what is left by hand', async () => {
    await section().getByRole('button', { name: '本人のデータを削除…' }).click();
    await result().getByRole('button', { name: '削除する' }).waitFor();
    expect(await result().textContent()).toContain('元に戻せません');
    expect(await result().locator('ul.places li').allTextContents()).toContain('参加者台帳（1）');
    await result().getByRole('button', { name: 'やめる' }).click();
    expect(await result().textContent()).toBe('削除しませんでした。');
    expect(await called('rpcErasePersonalData')).toEqual([]);

    await section().getByRole('button', { name: '本人のデータを削除…' }).click();
    await result().getByRole('button', { name: '削除する' }).click();
    await result().locator('.by-hand').waitFor();
    expect(await called('rpcErasePersonalData')).toEqual([['rpcErasePersonalData', MARKER.メール]]);
    expect(await result().textContent()).toMatch(/\d+件のセル・回答を削除しました。/);
    const todo = await result().locator('.by-hand li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-todo')));
    expect(todo).toEqual(expect.arrayContaining(['privacy.todo.document', 'privacy.todo.mail', 'privacy.todo.history']));
  });

  test('個人情報の整理 shows the ended events and places, and tidies up only after 整理する', async () => {
    await section().getByRole('button', { name: '個人情報の整理（確認）' }).click();
    await result().getByRole('button', { name: '整理する' }).waitFor();
    expect(await result().textContent()).toMatch(/保存期間（翌年度末）を過ぎた行事: .*EV-SEMINAR/);
    expect(await called('rpcRunRetention')).toEqual([]);
    await result().getByRole('button', { name: '整理する' }).click();
    await page.waitForFunction(() => /整理しました/.test(document.querySelector('details[data-feature="privacy"] .result')?.textContent ?? ''));
    expect(await called('rpcRunRetention')).toHaveLength(1);
  });

  test('the accommodation form is made for the event chosen in the list', async () => {
    const select = section().getByLabel('行事', { exact: true });
    expect((await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)))).toEqual(expect.arrayContaining(['EV-SEMINAR', 'EV-WORKSHOP']));
    await select.selectOption('EV-WORKSHOP');
    await section().getByRole('button', { name: '配慮事項フォームを作成・更新' }).click();
    await result().getByRole('link', { name: 'フォームを開く' }).waitFor();
    expect(await called('rpcCreateAccommodationForm')).toEqual([['rpcCreateAccommodationForm', 'EV-WORKSHOP']]);
    expect(await result().textContent()).toMatch(/配慮事項フォームを作成しました（閲覧できるコーディネーター \d+名）/);
    await page.screenshot({ path: path.join(ROOT, 'test-artifacts', 'privacy-sidebar.png'), fullPage: true }).catch(() => undefined);
  });
});

/**
 * budget9: a run that stops at its time budget (server workspace/deadline.ts) returns `more`; the section calls again
 * at once with the cursor (a new execution each), shows 「処理中… done / total 件」, sums what was erased, and 中止
 * stops after the call under way. The answers are made up here: a partial result is what the bundle returns only
 * past 4.5 modeled minutes (test/server/workspace/features/privacy.time-budget.test.ts proves that side).
 */
describeBrowser('個人情報: a long run continues in the sidebar', () => {
  let context: BrowserContext;
  let page: Page;
  const section = () => page.locator('details[data-feature="privacy"]');
  const result = () => section().locator('.result');
  const report = (over: Record<string, unknown>) => ({ ok: true, value: { places: [{ place: '参加者台帳', rows: 1 }], exportUrl: '', erased: 0, notErased: 0, unreachable: [], ...over } });
  const partial = (done: number, left: number, cursor: string, erased = 0) => report({ places: [], erased, more: { done, left, cursor } });

  beforeAll(async () => {
    const answers = {
      rpcInit: [{ ok: true, value: { lang: 'ja', setUp: true, spreadsheetName: '名簿' } }],
      rpcLastResults: [{ ok: true, value: [] }],
      rpcListEvents: [{ ok: true, value: [] }],
      rpcPreviewErase: [report({})],
      rpcErasePersonalData: [partial(3200, 6800, 'C1', 5), partial(6000, 800, 'C2', 3), report({ erased: 2 })],
      // A search that does not finish before 中止 (5,000 calls of 5 ms).
      rpcSearchPersonalData: Array.from({ length: 5000 }, (_, i) => partial(1, 5000 - i, `S${i}`)),
      // A tidy-up whose runs leave as much as before: the sidebar gives up after three.
      rpcPlanRetention: [{ ok: true, value: { period: '翌年度末', events: ['EV-OLD'], places: [{ place: '参加者台帳', rows: 3 }] } }],
      rpcRunRetention: [report({ places: [], more: { done: 0, left: 700 }, events: ['EV-OLD'], period: '翌年度末' })],
    };
    context = await launchBrowser();
    page = context.pages()[0] ?? (await context.newPage());
    const html = readFileSync(path.join(ROOT, 'dist', 'Sidebar.html'), 'utf8')
      .replace('<head>', `<head><script>${SCRIPT_RUN_STUB}window.__answers = ${JSON.stringify(answers)};</script>`);
    await page.setContent(html);
    await page.waitForSelector('details[data-feature="privacy"]');
    await section().locator('summary').click();
    // Every progress line shown, in order (each lasts one round trip of the stand-in).
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __progress: string[] }).__progress = seen;
      new MutationObserver(() => document.querySelectorAll('details[data-feature="privacy"] .result .progress').forEach((p) => { if (seen.at(-1) !== p.textContent) seen.push(p.textContent ?? ''); }))
        .observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
  });

  const calls = async (name: string) => (await page.evaluate(() => (window as unknown as { __calls: unknown[][] }).__calls)).filter((c) => c[0] === name);

  test('削除する continues with the cursor until done, shows the progress, and counts what every run erased', async () => {
    await section().getByLabel('メールアドレス、または「氏名／ふりがな」').fill('someone@example.jp');
    await section().getByRole('button', { name: '本人のデータを削除…' }).click();
    await result().getByRole('button', { name: '削除する' }).click();
    await page.waitForFunction(() => /件のセル・回答を削除しました/.test(document.querySelector('details[data-feature="privacy"] .result')?.textContent ?? ''));
    expect(await calls('rpcErasePersonalData')).toEqual([
      ['rpcErasePersonalData', 'someone@example.jp'], ['rpcErasePersonalData', 'someone@example.jp', 'C1'], ['rpcErasePersonalData', 'someone@example.jp', 'C2'],
    ]);
    expect(await result().textContent()).toContain('10件のセル・回答を削除しました。');
    const progress = await page.evaluate(() => (window as unknown as { __progress: string[] }).__progress);
    expect(progress).toEqual(expect.arrayContaining([expect.stringMatching(/^処理中… 3,200 \/ 10,000 件/), expect.stringMatching(/^処理中… 9,200 \/ 10,000 件/)]));
  });

  test('中止 stops after the call under way, says nothing was changed by a search, and makes no further call', async () => {
    await section().getByRole('button', { name: '本人のデータを検索' }).click();
    await result().locator('.progress', { hasText: '/' }).waitFor();
    await result().getByRole('button', { name: '中止' }).click();
    await page.waitForFunction(() => /中止しました/.test(document.querySelector('details[data-feature="privacy"] .result')?.textContent ?? ''));
    expect(await result().textContent()).toBe('中止しました（何も変更していません）。');
    const made = (await calls('rpcSearchPersonalData')).length;
    expect(made).toBeGreaterThan(1);
    await page.waitForTimeout(100);
    expect((await calls('rpcSearchPersonalData')).length).toBe(made);
    // The section is usable again.
    await expect(section().getByRole('button', { name: '本人のデータを検索' }).isEnabled()).resolves.toBe(true);
  });

  test('runs that leave as much as before end the loop after three, saying so', async () => {
    await section().getByRole('button', { name: '個人情報の整理（確認）' }).click();
    await result().getByRole('button', { name: '整理する' }).click();
    await page.waitForFunction(() => /残りが減らない/.test(document.querySelector('details[data-feature="privacy"] .result')?.textContent ?? ''));
    expect(await calls('rpcRunRetention')).toEqual([['rpcRunRetention'], ['rpcRunRetention'], ['rpcRunRetention'], ['rpcRunRetention']]);
  });
});
