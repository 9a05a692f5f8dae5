/**
 * Issue 14, messages: the 操作ログ line of a sidebar operation is the sentence the menu writes (item 10); the CSV
 * import states its encoding once (item 12); an English user gets English menu captions and separators (item 13).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadAddOn } from '../../support/bundle';
import { toBase64 } from '../../support/globals';
import type { AttendanceReport, CsvImportResult, CsvPreview, RpcResult } from '../../../src/protocol';
import { typeRows } from '../../support/typing';

const fixture = readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'agencies.csv'), 'utf8');
const logDetails = (emu: ReturnType<typeof loadAddOn>) => {
  const values = emu.active.sheets.find((s) => s.name === '操作ログ')!.getDataRange().getValues();
  const col = values[0]!.indexOf('詳細');
  return values.slice(1).map((r) => ({ operation: String(r[values[0]!.indexOf('操作')]), details: String(r[col]) }));
};

describe('操作ログ 詳細 is a plain sentence (item 10)', () => {
  test('the CSV import and the sidebar registry check write sentences, not JSON', () => {
    const emu = loadAddOn();
    emu.run('setUpWorkbook');
    const imported = emu.run<RpcResult<CsvImportResult>>('rpcImportCsv', [toBase64(fixture)]);
    expect(imported.ok).toBe(true);
    emu.run('rpcCheckRegistry');
    emu.run('rpcSaveSettings', [{ 'カレンダーID': '' }]);
    const lines = logDetails(emu).slice(1);
    expect(lines.map((l) => l.operation)).toEqual(['CSVから団体を取り込む', '団体名簿をチェック', '設定の保存']);
    for (const l of lines) {
      expect(l.details).not.toMatch(/^[[{]/);
      expect(l.details).not.toMatch(/"\w+":/);
    }
    expect(lines[0]!.details).toContain('件を団体シートに追加しました');
    // The same sentence the menu's registry check writes.
    emu.run('checkRegistry');
    const all = logDetails(emu);
    expect(all.at(-1)!.details).toBe(lines[1]!.details);
  });
});

describe('the CSV import states the encoding once (item 12)', () => {
  test('the preview leaves the encoding to its own field, which the sidebar shows once', () => {
    const emu = loadAddOn();
    emu.run('setUpWorkbook');
    const preview = emu.run<RpcResult<CsvPreview>>('rpcPreviewCsv', [toBase64(fixture)]);
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value.encoding).toBe('UTF-8');
    expect(preview.value.messages.filter((m) => m.includes('UTF-8'))).toEqual([]);
    const imported = emu.run<RpcResult<CsvImportResult>>('rpcImportCsv', [toBase64(fixture)]);
    if (!imported.ok) throw new Error(imported.error.message);
    expect(imported.value.messages.filter((m) => /UTF-8|文字コード/.test(m))).toHaveLength(1);
  });
});

describe('an English user (item 13)', () => {
  test('menu captions are English once the add-on is authorised; in AuthMode.NONE they stay the default', () => {
    const emu = loadAddOn();
    emu.runtime.user.locale = 'en_US';
    emu.run('onOpen', [{ authMode: 'LIMITED' }], { authMode: 'LIMITED' });
    const captions = emu.uiState.menus.at(-1)!.items.filter((i) => 'caption' in i).map((i) => (i as { caption: string }).caption);
    expect(captions).toContain('Check the registry');
    expect(captions).toContain('Send meeting invitations');
    for (const c of captions) expect(c).not.toMatch(/[\u3040-\u30FF\u4E00-\u9FFF]/);
    const none = loadAddOn();
    none.runtime.user.locale = 'en_US';
    none.run('onOpen', [{ authMode: 'NONE' }], { authMode: 'NONE', operation: 'open' });
    expect(Object.keys(none.ledger.byService('open'))).toEqual(['SpreadsheetApp']);
  });

  test('lists in English sentences are separated with commas, not 、', () => {
    const emu = loadAddOn();
    emu.runtime.user.locale = 'en_US';
    emu.run('setUpWorkbook');
    const prompt = emu.uiState.alerts.at(-1)!.prompt;
    expect(prompt).toMatch(/Sheets created: .+, .+/);
    expect(prompt).not.toContain('、');
  });
});

describe('an English user reads English problems (issue 13, item 4)', () => {
  test('「出欠を集計」 on hand-typed ledger rows: every problem sentence is English; 操作ログ 結果 stays 成功', () => {
    const emu = loadAddOn();
    emu.runtime.user.locale = 'en_US';
    emu.run('setUpWorkbook');
    typeRows(emu, '参加者台帳', [
      { 行事id: 'EV-NONE', 氏名: '山田 花子', メール: 'yamada@example', 状態: '参加' },
      { 行事id: '', 氏名: '', メール: 'x@example.jp' },
    ]);
    const r = emu.run<RpcResult<AttendanceReport>>('rpcTallyAttendance');
    if (!r.ok) throw new Error(r.error.message);
    const messages = r.value.problems.map((p) => p.message);
    expect(messages).toEqual(expect.arrayContaining([
      'Event ID "EV-NONE" is not in the 行事 sheet. Check the ID.',
      'The e-mail "yamada@example" is not a valid address (e.g. name@example.jp). Check it and correct it.',
      'Status must be 「申込」, 「キャンセル待ち」 or 「取消」 (entered: 参加).',
      'The event ID is empty. Enter the event\'s ID from the 行事 sheet.',
    ]));
    // Japanese only inside quotes (the sheet's data and what the person typed), never a Japanese sentence.
    for (const m of messages) expect(m.replace(/「[^」]*」|"[^"]*"|\(entered: [^)]*\)|行事 sheet/g, '')).not.toMatch(/[\u3040-\u30FF\u4E00-\u9FFF]/);
    const log = emu.active.sheets.find((s) => s.name === '操作ログ')!.getDataRange().getValues();
    expect(log.at(-1)![log[0]!.indexOf('結果')]).toBe('成功');
  });
});
