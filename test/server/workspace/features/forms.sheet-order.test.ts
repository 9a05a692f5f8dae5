/**
 * Issue 14 item 17: the tabs a coordinator sees. setDestination inserts each response sheet at the front; the add-on
 * moves it after the core sheets and leaves the coordinator on the sheet they were on. 「アンケートを集計」 makes no
 * アンケート集計_ sheet for an event nobody answered.
 */
import { loadAddOn } from '../../../support/bundle';
import { ok, prepare } from '../../../support/forms';
import type { RpcResult, SurveyResultsReport } from '../../../../src/protocol';

const NOW = new Date('2026-02-02T09:00:00+09:00');
const CORE = ['団体', '行事', '参加者台帳', '会議', '設定', '操作ログ'];

test('response sheets come after the core sheets, and the active sheet is where the coordinator left it', () => {
  const emu = loadAddOn({ now: NOW });
  prepare(emu, { forms: false });
  const events = emu.active.sheets.find((s) => s.name === '行事')!;
  emu.active.setActiveRange(events.rangeAt(2, 1, 1, 1) as never);
  ok(emu.run<RpcResult<unknown>>('rpcCreateEventForms', ['EV-SEMINAR']));
  ok(emu.run<RpcResult<unknown>>('rpcCreateEventForms', ['EV-WORKSHOP']));
  const names = emu.active.sheets.map((s) => s.name);
  const lastCore = Math.max(...CORE.map((n) => names.indexOf(n)));
  expect(CORE.every((n) => names.includes(n))).toBe(true);
  for (const n of ['申込回答_EV-SEMINAR', 'アンケート回答_EV-SEMINAR', '申込回答_EV-WORKSHOP', 'アンケート回答_EV-WORKSHOP']) {
    expect(names.indexOf(n)).toBeGreaterThan(lastCore);
  }
  expect(names.slice(-4)).toEqual(['申込回答_EV-SEMINAR', 'アンケート回答_EV-SEMINAR', '申込回答_EV-WORKSHOP', 'アンケート回答_EV-WORKSHOP']);
  expect(emu.active.getActiveSheet().getName()).toBe('行事');
  // Re-running finds the sheets by their recorded ids and moves nothing.
  emu.ledger.reset();
  ok(emu.run<RpcResult<unknown>>('rpcCreateEventForms', ['EV-SEMINAR']));
  expect(emu.ledger.byMethod('rpcCreateEventForms')['Spreadsheet.moveActiveSheet'] ?? 0).toBe(0);
  expect(emu.active.sheets.map((s) => s.name)).toEqual(names);
});

test('an event nobody answered gets no アンケート集計_ sheet; one with answers does', () => {
  const emu = loadAddOn({ now: NOW });
  const forms = prepare(emu);
  for (let i = 0; i < 6; i++) {
    emu.forms.submit(forms.get('EV-SEMINAR')!.survey.formId, { 所属種別: '就労移行支援', 経験年数: '1〜3年', 参加形態: '対面', 全体満足度: 4, 理解度: 4, 業務への役立ち度: 4, '時間配分・進行': 4, 講師の説明: 4, 次回参加意向: '参加したい' });
  }
  const r = ok(emu.run<RpcResult<SurveyResultsReport>>('rpcSummariseSurveys'));
  const names = emu.active.sheets.map((s) => s.name);
  expect(names).toContain('アンケート集計_EV-SEMINAR');
  expect(names).not.toContain('アンケート集計_EV-WORKSHOP');
  expect(r.eventSheets).toEqual(['アンケート集計_EV-SEMINAR']);
  expect(r.events.map((e) => e.id)).toEqual(['EV-SEMINAR', 'EV-WORKSHOP']);
});
