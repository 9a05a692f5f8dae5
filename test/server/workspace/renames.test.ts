/**
 * Issue 12 part 6: renamed sheets and headers are recognised and named, never papered over with an empty sheet or
 * column; template and folder ids survive the loss of 設定. Through the built bundle (menu, trigger, RPC).
 */
import type { RpcResult, SyncReport } from '../../../src/protocol';
import { DEMO_EVENTS, DemoEvent, agencyNamesOf, participantAnswers } from '../../../scripts/demo/forms';
import { loadAddOn } from '../../support/bundle';
import { ledgerFor, ok, prepare, sheetRecords } from '../../support/forms';
import { DURABLE_SETTINGS } from '../../../src/server/workspace/settings';
import { PAMPHLET_SETTINGS } from '../../../src/server/workspace/features/pamphlet';

const NOW = new Date('2025-07-01T09:00:00+09:00');
const SEMINAR = DEMO_EVENTS[0] as DemoEvent;
const sheetOf = (emu: ReturnType<typeof loadAddOn>, name: string) => emu.active.sheets.find((s) => s.name === name);

describe('renamed sheets and headers', () => {
  test('a renamed 参加者台帳: the trigger logs 要確認 naming both names and keeps the response; 初期設定 makes no empty ledger', () => {
    const emu = loadAddOn({ now: NOW });
    const forms = prepare(emu, { events: [SEMINAR] });
    const formId = forms.get(SEMINAR.id)!.registration.formId;
    const agencies = agencyNamesOf(emu);
    emu.forms.submit(formId, participantAnswers(0, 0, agencies));
    sheetOf(emu, '参加者台帳')!.setName('台帳');

    emu.runtime.advanceClock(60_000);
    const fired = emu.forms.submit(formId, participantAnswers(0, 1, agencies));
    expect(fired.executions.map((x) => x.outcome)).toEqual(['completed']);
    const log = sheetRecords(emu, '操作ログ').at(-1)!;
    expect(log['結果']).toBe('要確認');
    expect(String(log['詳細'])).toContain('シート「台帳」が元の「参加者台帳」のようです');
    expect(String(log['詳細'])).toContain('回答は回答シートに残っています');

    emu.run('setUpWorkbook');
    expect(emu.uiState.alerts.at(-1)!.prompt).toContain('シート名を「参加者台帳」に戻してから');
    expect(sheetOf(emu, '参加者台帳')).toBeUndefined();

    const sync = emu.run<RpcResult<SyncReport>>('rpcSyncResponses');
    expect(sync.ok ? '' : sync.error.message).toContain('シート「台帳」が元の「参加者台帳」のようです');

    sheetOf(emu, '台帳')!.setName('参加者台帳');
    expect(ok(emu.run<RpcResult<SyncReport>>('rpcSyncResponses')).added).toBe(1);
    expect(ledgerFor(emu, SEMINAR.id).map((r) => r['メール'])).toEqual(['p1-01@example.jp', 'p1-02@example.jp']);
  });

  test('a sheet from before the role marks is recognised by its header row', () => {
    const emu = loadAddOn({ now: NOW });
    emu.run('setUpWorkbook');
    const meetings = sheetOf(emu, '会議')!;
    meetings.developerMetadata.length = 0;
    meetings.setName('会議予定');
    emu.run('setUpWorkbook');
    expect(emu.uiState.alerts.at(-1)!.prompt).toContain('シート「会議予定」が元の「会議」のようです');
    expect(sheetOf(emu, '会議')).toBeUndefined();
  });

  test('a renamed header (種別 → 事業種別): 初期設定 adds no empty 種別 column and says to rename it back', () => {
    const emu = loadAddOn({ now: NOW });
    emu.run('setUpWorkbook');
    const agencies = sheetOf(emu, '団体')!;
    const header = () => agencies.getRange(1, 1, 1, agencies.getLastColumn()).getValues()[0]!.map(String);
    agencies.getRange(1, header().indexOf('種別') + 1).setValue('事業種別');
    const before = header();
    emu.run('setUpWorkbook');
    expect(header()).toEqual(before);
    expect(emu.uiState.alerts.at(-1)!.prompt).toContain('列「事業種別」が元の「種別」のようです（見出しが変わっています）');
  });
});

describe('settings that survive the loss of 設定', () => {
  test('the pamphlet template and output folder ids come back with 初期設定, which says so; no second template is made', () => {
    const emu = loadAddOn({ now: NOW });
    emu.run('setUpWorkbook');
    const template = ok(emu.run<RpcResult<{ id: string }>>('rpcCreatePamphletTemplate'));
    const settings = () => Object.fromEntries(sheetRecords(emu, '設定').map((r) => [r['項目'] ?? r['キー'] ?? Object.values(r)[0], Object.values(r)[1]]));
    const folder = settings()[PAMPHLET_SETTINGS.folderId];
    expect(settings()[PAMPHLET_SETTINGS.templateId]).toBe(template.id);
    emu.active.deleteSheet(sheetOf(emu, '設定')! as never);

    emu.run('setUpWorkbook');
    const prompt = emu.uiState.alerts.at(-1)!.prompt;
    expect(prompt).toContain('以前の値で復元しました');
    expect(prompt).toContain(PAMPHLET_SETTINGS.templateId);
    expect(settings()[PAMPHLET_SETTINGS.templateId]).toBe(template.id);
    expect(settings()[PAMPHLET_SETTINGS.folderId]).toBe(folder);
    const files = emu.drive.files.size;
    const again = ok(emu.run<RpcResult<{ id: string; created: boolean }>>('rpcCreatePamphletTemplate'));
    expect(again).toMatchObject({ id: template.id, created: false });
    expect(emu.drive.files.size).toBe(files);
  });

  test('the durable keys are the pamphlet\'s own setting names', () => {
    expect(DURABLE_SETTINGS).toEqual(expect.arrayContaining([PAMPHLET_SETTINGS.templateId, PAMPHLET_SETTINGS.folderId]));
  });
});
