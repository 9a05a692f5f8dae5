/**
 * Issue 12 part 4: a response is identified by its form, its timestamp and its place, not its answer text. Through the
 * built bundle: participants submit, the form-submit trigger fires, coordinators correct, delete and re-link.
 */
import type { EventFormsResult, RpcResult, SyncReport } from '../../../../src/protocol';
import { DEMO_EVENTS, DemoEvent, agencyNamesOf, participantAnswers, surveyAnswers } from '../../../../scripts/demo/forms';
import { submissionFromRow } from '../../../../src/server/workspace/records';
import { loadAddOn } from '../../../support/bundle';
import { ledgerFor, ok, prepare, sheetRecords, typeInto } from '../../../support/forms';

const NOW = new Date('2025-07-01T09:00:00+09:00');
const SEMINAR: DemoEvent = { ...(DEMO_EVENTS[0] as DemoEvent), capacity: 3 };

function workbook(n = 3) {
  const emu = loadAddOn({ now: NOW });
  const forms = prepare(emu, { events: [SEMINAR] });
  const formId = forms.get(SEMINAR.id)!.registration.formId;
  const sheetName = forms.get(SEMINAR.id)!.registration.sheetName;
  const agencies = agencyNamesOf(emu);
  const submit = (i: number) => { emu.runtime.advanceClock(60_000); emu.forms.submit(formId, participantAnswers(0, i, agencies)); };
  for (let i = 0; i < n; i++) submit(i);
  const sync = () => ok(emu.run<RpcResult<SyncReport>>('rpcSyncResponses'));
  return { emu, formId, sheetName, submit, sync };
}

const ledgerRowOf = (emu: ReturnType<typeof loadAddOn>, email: string) =>
  sheetRecords(emu, '参加者台帳').findIndex((r) => r['メール'] === email) + 2;

describe('response identity', () => {
  test('a coordinator\'s correction in 申込回答_ updates the ledger row\'s own fields; no second row, no seat used', () => {
    const { emu, sheetName, submit, sync } = workbook();
    typeInto(emu, '参加者台帳', ledgerRowOf(emu, 'p1-02@example.jp'), '状態', '申込');
    typeInto(emu, '参加者台帳', ledgerRowOf(emu, 'p1-02@example.jp'), '出席', true);
    // The participant mistyped; the coordinator fixes the email in the response sheet (row 3 = second response).
    typeInto(emu, sheetName, 3, 'メール', 'p1-02-fixed@example.jp');
    const report = sync();
    expect(report).toMatchObject({ added: 0, corrected: 1, alreadyRecorded: 3 });
    const rows = ledgerFor(emu, SEMINAR.id);
    expect(rows.map((r) => r['メール'])).toEqual(['p1-01@example.jp', 'p1-02-fixed@example.jp', 'p1-03@example.jp']);
    // Coordinators' columns are not touched by a correction.
    expect(rows[1]).toMatchObject({ 状態: '申込', 出席: true });
    // The seat count is unchanged: a 4th registration is still waitlisted (定員 3).
    submit(3);
    expect(ledgerFor(emu, SEMINAR.id).map((r) => r['状態'])).toEqual(['申込', '申込', '申込', 'キャンセル待ち']);
    expect(sync()).toMatchObject({ added: 0, corrected: 0 });
  });

  test('a correction never overwrites what a volunteer typed in the ledger since: it is reported instead', () => {
    const { emu, sheetName, sync } = workbook();
    typeInto(emu, '参加者台帳', ledgerRowOf(emu, 'p1-02@example.jp'), 'メール', 'typed-by-hand@example.jp');
    typeInto(emu, sheetName, 3, 'メール', 'fixed-in-form@example.jp');
    const report = sync();
    expect(report).toMatchObject({ added: 0, corrected: 0 });
    expect(ledgerFor(emu, SEMINAR.id).map((r) => r['メール'])).toEqual(['p1-01@example.jp', 'typed-by-hand@example.jp', 'p1-03@example.jp']);
    expect(report.problems).toContainEqual(expect.objectContaining({
      sheet: sheetName, row: 3, column: 'メール', message: expect.stringContaining('手で変えられているため、台帳は変えていません'),
    }));
  });

  test('a cancelled registration keeps its row with 状態 取消; a ledger row a person deleted is reported, not brought back', () => {
    const { emu, sync } = workbook();
    typeInto(emu, '参加者台帳', ledgerRowOf(emu, 'p1-01@example.jp'), '状態', '取消');
    expect(sync().added).toBe(0);
    expect(ledgerFor(emu, SEMINAR.id).map((r) => [r['メール'], r['状態']])).toEqual([['p1-01@example.jp', '取消'], ['p1-02@example.jp', '申込'], ['p1-03@example.jp', '申込']]);
    // Then someone deletes the cancelled person's row.
    emu.active.sheets.find((s) => s.name === '参加者台帳')!.deleteRows(ledgerRowOf(emu, 'p1-01@example.jp'), 1);
    for (let i = 0; i < 2; i++) {
      const report = sync();
      expect(report).toMatchObject({ added: 0, deletedNotRestored: 1 });
      expect(report.problems.some((p) => p.row === 2 && p.message.includes('台帳の行が削除されています'))).toBe(true);
      expect(ledgerFor(emu, SEMINAR.id).map((r) => r['メール'])).toEqual(['p1-02@example.jp', 'p1-03@example.jp']);
    }
  });

  test('after the form is unlinked and 「フォームを作成」 re-run, the new 「フォームの回答 N」 sheet is adopted and said so; nothing is doubled', () => {
    const { emu, formId, sheetName, submit, sync } = workbook();
    emu.globals.FormApp.openById(formId).removeDestination();
    const result = ok(emu.run<RpcResult<EventFormsResult>>('rpcCreateEventForms', [SEMINAR.id]));
    expect(result.registration.sheetName).toBe(`${sheetName}_2`);
    expect(result.problems[0]!.message).toContain(`「${sheetName}」から新しいシート「${sheetName}_2」に変わっていた`);
    const events = sheetRecords(emu, '行事');
    const newSheet = emu.active.sheets.find((s) => s.name === `${sheetName}_2`)!;
    expect(String(events[0]!['申込回答シートid'])).toBe(String(newSheet.sheetId));
    // Google copied the three earlier responses into the new sheet: they are the same responses.
    submit(3);
    submit(4);
    expect(ledgerFor(emu, SEMINAR.id).map((r) => r['メール'])).toEqual(['p1-01@example.jp', 'p1-02@example.jp', 'p1-03@example.jp', 'p1-04@example.jp', 'p1-05@example.jp']);
    expect(sync()).toMatchObject({ added: 0, alreadyRecorded: 5 });
  });

  test('a form linked again without re-running 「フォームを作成」: the trigger adopts the new sheet and logs it', () => {
    const { emu, formId, sheetName, submit, sync } = workbook();
    const form = emu.globals.FormApp.openById(formId);
    form.removeDestination();
    form.setDestination(emu.globals.FormApp.DestinationType.SPREADSHEET, emu.active.getId());
    submit(3);
    expect(ledgerFor(emu, SEMINAR.id).map((r) => r['メール'])).toEqual(['p1-01@example.jp', 'p1-02@example.jp', 'p1-03@example.jp', 'p1-04@example.jp']);
    const log = sheetRecords(emu, '操作ログ').map((r) => String(r['詳細']));
    expect(log.some((l) => l.includes('フォームの回答先が新しいシート「フォームの回答 1」に変わっていた'))).toBe(true);
    expect(sync()).toMatchObject({ added: 0, alreadyRecorded: 4 });
    expect(emu.active.sheets.some((s) => s.name === sheetName)).toBe(true);
  });
});

describe('a form linked again, with no trigger to adopt its new sheet (sync10)', () => {
  test('setDestination again without unlinking: 回答を同期 sees the old sheet lost its form, lists the sheets and adopts the new one', () => {
    const { emu, formId, submit } = workbook();
    const sync = (operation: string) => ok(emu.run<RpcResult<SyncReport>>('rpcSyncResponses', [], { operation }));
    emu.triggers.length = 0; // the responses wait for 回答を同期
    const form = emu.globals.FormApp.openById(formId);
    // Linked again straight away (no removeDestination): Google feeds only the new sheet from now on.
    form.setDestination(emu.globals.FormApp.DestinationType.SPREADSHEET, emu.active.getId());
    submit(3);
    const report = sync('relinked');
    expect(report.problems.some((p) => p.message.includes('フォームの回答先が新しいシート「フォームの回答 1」に変わっていた'))).toBe(true);
    expect(ledgerFor(emu, SEMINAR.id).map((r) => r['メール'])).toEqual(['p1-01@example.jp', 'p1-02@example.jp', 'p1-03@example.jp', 'p1-04@example.jp']);
    // The list was asked because the sheet 行事 named no longer names its form.
    expect(emu.ledger.byMethod('relinked')['SpreadsheetApp.Spreadsheet.getSheets']).toBe(1);
    // Adopted: the next sync finds every event form's sheet naming its form, and asks no list.
    sync('after');
    expect(emu.ledger.byMethod('after')['SpreadsheetApp.Spreadsheet.getSheets'] ?? 0).toBe(0);
    expect(emu.ledger.byMethod('after')['SpreadsheetApp.Sheet.getSheetId'] ?? 0).toBe(0);
  });
});

describe('ledgers written by earlier versions', () => {
  test('rows keyed the old way (sheet + timestamp + answers) still match: a sync after the upgrade adds nothing', () => {
    const { emu, formId, sheetName, sync } = workbook();
    const surveyForm = ok(emu.run<RpcResult<EventFormsResult>>('rpcCreateEventForms', [SEMINAR.id])).survey;
    for (let i = 0; i < 2; i++) { emu.runtime.advanceClock(60_000); emu.forms.submit(surveyForm.formId, surveyAnswers(i, false)); }
    expect(formId).not.toBe('');
    // Rewrite every 回答id to the key the previous version computed for the same response.
    const legacyOf = new Map<string, string>();
    for (const name of [sheetName, surveyForm.sheetName]) {
      const sheet = emu.active.sheets.find((s) => s.name === name)!;
      const [header, ...rows] = sheet.getDataRange().getValues();
      const seen = new Map<number, number>();
      for (const cells of rows) {
        const stamp = cells[0] as Date;
        const occurrence = seen.get(stamp.getTime()) ?? 0;
        seen.set(stamp.getTime(), occurrence + 1);
        const s = submissionFromRow(String(sheet.sheetId), header!, cells, emu.active.timeZone, name === sheetName ? formId : surveyForm.formId, occurrence)!;
        legacyOf.set(s.responseKey, s.legacyKey!);
      }
    }
    for (const name of ['参加者台帳', 'アンケート記録']) {
      const sheet = emu.active.sheets.find((s) => s.name === name)!;
      const values = sheet.getDataRange().getValues();
      for (let r = 1; r < values.length; r++) {
        const legacy = legacyOf.get(String(values[r]![0]));
        expect(legacy).toMatch(/^F-/);
        sheet.getRange(r + 1, 1).setValue(legacy);
      }
    }
    // And no 取り込み記録 yet, as before the upgrade.
    const record = emu.active.sheets.find((s) => s.name === '取り込み記録')!;
    if (record.getLastRow() > 1) record.deleteRows(2, record.getLastRow() - 1);
    expect(sync()).toMatchObject({ added: 0, alreadyRecorded: 3, surveyResponsesAdded: 0, corrected: 0, deletedNotRestored: 0 });
    expect(ledgerFor(emu, SEMINAR.id)).toHaveLength(3);
    expect(new Set(sheetRecords(emu, 'アンケート記録').map((r) => r['回答id'])).size).toBe(2);
    // The record was filled from the ledger: a correction now carries over.
    typeInto(emu, sheetName, 2, 'メール', 'after-upgrade@example.jp');
    expect(sync()).toMatchObject({ added: 0, corrected: 1 });
    expect(ledgerFor(emu, SEMINAR.id)[0]!['メール']).toBe('after-upgrade@example.jp');
  });
});
