/**
 * 「状態の確認」 in the real built sidebar (dist/Sidebar.html) in Chromium: the facts are what the built bundle gathers
 * on the emulator for a second coordinator after the first one's grant was revoked (their triggers stopped, responses
 * waiting, a permission not granted, a misspelt 設定 row, the first coordinator's template out of reach), answered
 * through a google.script.run stand-in. The section opens by itself, lists at least three kinds of problem, each with
 * its fix, and 「担当を引き継ぐ」 shows what it did.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { HealthFactsView, TakeOverResult } from '../../src/protocol';
import { DEMO_EVENTS, DemoEvent, agencyNamesOf, participantAnswers } from '../../scripts/demo/forms';
import { SCOPES } from '../../src/server/scopes';
import { loadAddOn } from '../support/bundle';
import { ok, prepare } from '../support/forms';
import { browserAvailable, launchBrowser, ROOT, SCRIPT_RUN_STUB } from './harness';

const describeBrowser = browserAvailable() ? describe : describe.skip;
const A = 'coordinator@example.jp';
const B = 'second@example.jp';

/** The facts before and after B's take-over, and its result, from the built bundle on the emulator. */
function scenario(): { before: HealthFactsView; takeOver: TakeOverResult; after: HealthFactsView } {
  const emu = loadAddOn({ now: new Date('2025-07-01T09:00:00+09:00') });
  const formId = prepare(emu, { events: [DEMO_EVENTS[0] as DemoEvent] }).get((DEMO_EVENTS[0] as DemoEvent).id)!.registration.formId;
  emu.run('createPamphletTemplate');
  const agencies = agencyNamesOf(emu);
  emu.forms.submit(formId, participantAnswers(0, 0, agencies));
  emu.clock.advanceBy(61 * 60_000);
  emu.clock.disable();
  emu.users.revoke(A);
  for (let i = 1; i <= 3; i++) { emu.runtime.advanceClock(60_000); emu.forms.submit(formId, participantAnswers(0, i, agencies)); }
  emu.runtime.advanceClock(3 * 3_600_000);
  const settings = emu.active.sheets.find((s) => s.name === '設定')!;
  settings.getRange(settings.getLastRow() + 1, 1, 1, 2).setValues([['カレンダーＩＤ', 'x@example.jp']]);
  emu.users.add(B, { grantedScopes: Object.values(SCOPES).filter((s) => s !== SCOPES.calendar) });
  const check = () => ok(emu.users.as(B, () => emu.run('rpcCheckHealth'))) as HealthFactsView;
  const before = check();
  const takeOver = ok(emu.users.as(B, () => emu.run('rpcTakeOver'))) as TakeOverResult;
  const after = check();
  return { before, takeOver, after };
}

describeBrowser('状態の確認 in the sidebar', () => {
  let context: BrowserContext;
  let page: Page;
  let facts: ReturnType<typeof scenario>;

  beforeAll(async () => {
    facts = scenario();
    context = await launchBrowser();
    page = context.pages()[0] ?? (await context.newPage());
    const answers = {
      rpcInit: [{ ok: true, value: { lang: 'ja', setUp: true, spreadsheetName: '就労支援ネットワーク 名簿', features: ['health', 'rpcCheckHealth', 'rpcTakeOver', 'rpcMoveToSharedFolder'] } }],
      rpcCheckHealth: [{ ok: true, value: facts.before }],
    };
    const html = readFileSync(path.join(ROOT, 'dist', 'Sidebar.html'), 'utf8')
      .replace('<head>', `<head><script>${SCRIPT_RUN_STUB}window.__answers = ${JSON.stringify(answers)};</script>`);
    await page.setContent(html);
  }, 60_000);

  afterAll(async () => {
    await context?.close();
  });

  test('opens by itself with at least three kinds of problem, each worded with its fix', async () => {
    const section = page.locator('details[data-feature="health"]');
    await page.waitForSelector('ul.health li.health-problem');
    expect(await section.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    const problems = await page.locator('ul.health li.health-problem').evaluateAll((lis) => lis.map((li) => ({ code: li.getAttribute('data-code'), text: li.textContent ?? '' })));
    const kinds = new Set(problems.map((p) => p.code!.split('.')[0]));
    expect(kinds.size).toBeGreaterThanOrEqual(3);
    const text = (code: string) => problems.find((p) => p.code === code)?.text ?? '';
    expect(text('triggers.stoppedOther')).toContain(`${A} さんがアドオンの許可を取り消した`);
    expect(text('triggers.stoppedOther')).toContain('「担当を引き継ぐ」を実行すると');
    expect(text('responses.waiting')).toMatch(/回答3件が、まだ参加者台帳に入っていません。「回答を同期」を実行してください/);
    expect(text('responses.waiting')).toMatch(/^問題: 「申込回答_EV-SEMINAR」シート 3行目: /);
    expect(text('grants.missing')).toContain('「Google カレンダーの予定の管理」');
    expect(text('settings.misspelt')).toContain('「カレンダーID」のことなら、項目名を「カレンダーID」に直してください');
    expect(text('files.missingOther')).toContain(`前の担当者 ${A} さん`);
    // Problems come first; notes and what is fine after them.
    const levels = await page.locator('ul.health li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-level')));
    expect(levels.indexOf('problem')).toBe(0);
    expect(levels.lastIndexOf('problem')).toBeLessThan(levels.findIndex((l) => l !== 'problem'));
    await page.screenshot({ path: path.join(ROOT, 'test-artifacts', 'health-sidebar.png'), fullPage: true }).catch(() => undefined);
  });

  test('「担当を引き継ぐ」 says what it did, then the check runs again and the trigger problems are gone', async () => {
    await page.evaluate(([t, after]) => {
      const w = window as unknown as { __answers: Record<string, unknown[]> };
      w.__answers.rpcTakeOver = [{ ok: true, value: t }];
      w.__answers.rpcCheckHealth = [{ ok: true, value: after }];
    }, [facts.takeOver, facts.after] as const);
    await page.getByRole('button', { name: '担当を引き継ぐ' }).click();
    await page.waitForSelector('details[data-feature="health"] .result p');
    const result = await page.locator('details[data-feature="health"] .result').textContent();
    expect(result).toContain('あなたのアカウントで受付のトリガー（回答の受け取りと1時間ごとの取り込み）を設定しました。');
    expect(result).toContain(`前の担当者 ${A} さんのトリガー`);
    expect(result).toContain('台帳に3件を追加しました');
    expect(result).toContain('設定「パンフレットひな形ID」: https://drive.google.com/open?id=');
    await page.waitForFunction(() => !document.querySelector('ul.health li[data-code="triggers.stoppedOther"]'));
    const codes = await page.locator('ul.health li.health-problem').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-code')));
    expect(codes).not.toContain('responses.waiting');
    expect(codes).toContain('grants.missing');
  });
});
