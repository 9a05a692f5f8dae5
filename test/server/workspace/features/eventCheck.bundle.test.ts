/**
 * Issue 14 item 1 through the built bundle: menu 「行事をチェック」 reads a 開始 typed in 和暦 and a 定員 typed ３０名,
 * reports the rest at row and column; 「フォームを作成」 runs the same check first and makes no form for a row it
 * cannot read.
 */
import { loadAddOn } from '../../../support/bundle';
import type { EventFormsResult, RpcResult } from '../../../../src/protocol';
import { DEMO_EVENTS } from '../../../../scripts/demo/forms';
import { prepare, sheetRecords, typeInto } from '../../../support/forms';

const NOW = new Date('2026-02-02T09:00:00+09:00');

test('行事をチェック: 和暦 and full-width digits are understood and fixed; missing 種類 and 開始 reported at row and column', () => {
  const emu = loadAddOn({ now: NOW });
  prepare(emu, { events: DEMO_EVENTS, forms: false });
  typeInto(emu, '行事', 2, '開始', '令和8年8月1日 13:30');
  typeInto(emu, '行事', 2, '終了', '令和8年8月1日 16:00');
  typeInto(emu, '行事', 2, '定員', '３０名');
  typeInto(emu, '行事', 3, '種類', '');
  typeInto(emu, '行事', 3, '開始', '');
  emu.run('onOpen', [{ authMode: 'LIMITED' }], { authMode: 'LIMITED' });
  const captions = emu.uiState.menus.at(-1)!.items.filter((i) => 'caption' in i).map((i) => (i as { caption: string }).caption);
  expect(captions).toContain('行事をチェック');
  emu.run('checkEvents');
  const alert = emu.uiState.alerts.at(-1)!;
  expect(alert.title).toBe('行事のチェック');
  expect(alert.prompt).toContain('行事2件を確認し、3か所を自動で整えました。要確認: 2件。');
  expect(alert.prompt).toContain('「行事」シート 3行目「種類」: 種類が空です。');
  expect(alert.prompt).toContain('「行事」シート 3行目「開始」: 開始が空です。');
  const row = sheetRecords(emu, '行事')[0]!;
  expect(row['開始']).toEqual(new Date('2026-08-01T13:30:00+09:00'));
  expect(row['定員']).toBe(30);
});

test('フォームを作成 refuses a row it cannot read (no form made), and reads 和暦 for the form\'s 日時 line', () => {
  const emu = loadAddOn({ now: NOW });
  prepare(emu, { events: DEMO_EVENTS, forms: false });
  typeInto(emu, '行事', 2, '開始', '令和8年8月1日 13:30');
  typeInto(emu, '行事', 2, '終了', '令和8年8月1日 16:00');
  typeInto(emu, '行事', 3, '種類', '');
  typeInto(emu, '行事', 3, '開始', '');
  const refused = emu.run<RpcResult<EventFormsResult>>('rpcCreateEventForms', [DEMO_EVENTS[1]!.id], { operation: 'refused' });
  expect(refused.ok).toBe(false);
  if (!refused.ok) {
    expect(refused.error.kind).toBe('user');
    expect(refused.error.message).toContain('「行事」シート 3行目「種類」');
    expect(refused.error.message).toContain('「行事」シート 3行目「開始」');
  }
  expect(emu.ledger.count({ operation: 'refused', method: 'FormApp.create' })).toBe(0);
  const made = emu.run<RpcResult<EventFormsResult>>('rpcCreateEventForms', [DEMO_EVENTS[0]!.id]);
  if (!made.ok) throw new Error(made.error.message);
  const form = emu.forms.store.forms.get(made.value.registration.formId)!;
  expect(form.description).toContain('日時: 2026年8月1日');
  expect(sheetRecords(emu, '行事')[0]!['開始']).toEqual(new Date('2026-08-01T13:30:00+09:00'));
});

test('行事をチェック marks each problem on its cell (note + yellow), as 団体\'s check does; fixed cells are cleared; a volunteer\'s own note is kept', () => {
  const emu = loadAddOn({ now: NOW });
  prepare(emu, { events: DEMO_EVENTS, forms: false });
  typeInto(emu, '行事', 3, '種類', '');
  typeInto(emu, '行事', 3, '開始', '');
  const sheet = emu.active.sheets.find((s) => s.name === '行事')!;
  const headers = (sheet.rows[0] ?? []).map((c) => String(c?.value ?? ''));
  const cell = (row: number, header: string) => sheet.cell(row, headers.indexOf(header) + 1);
  sheet.rangeAt(3, headers.indexOf('開始') + 1, 1, 1).setNotes([['会場と相談中（山田）']]);
  emu.run('checkEvents');
  expect(cell(3, '種類')?.note).toBe('【行事チェック】\n種類が空です。入力してください。');
  expect(cell(3, '種類')?.background).toBe('#fff2cc');
  expect(cell(3, '開始')?.note).toMatch(/^【行事チェック】\n開始が空です。[^]*\n\n会場と相談中（山田）$/);
  expect(cell(2, '種類')?.note ?? '').toBe('');
  // The coordinator fills the cells and checks again: our marks go, the volunteer's note stays.
  typeInto(emu, '行事', 3, '種類', 'ワークショップ');
  typeInto(emu, '行事', 3, '開始', '2026-12-12 13:30');
  typeInto(emu, '行事', 3, '終了', '2026-12-12 16:00');
  emu.run('checkEvents');
  expect(cell(3, '種類')?.note ?? '').toBe('');
  expect(cell(3, '種類')?.background).not.toBe('#fff2cc');
  expect(cell(3, '開始')?.note).toBe('会場と相談中（山田）');
  expect(emu.uiState.alerts.at(-1)!.prompt).toContain('要確認: 0件');
});
