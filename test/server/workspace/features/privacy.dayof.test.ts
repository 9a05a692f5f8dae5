/**
 * Issue 19 × issue 15's day-of stores, through the built bundle: a marker person registers, checks in through the
 * self check-in form, gets a certificate and a 受講記録 line. 「本人のデータを削除」 then erases them from every sheet
 * and form store the add-on controls (the check-in sheet and form, 受講記録) and names the documents that print their
 * name (受付名簿, 参加証明書) with what to do by hand; 「個人情報の整理」 at the end of the period trashes those documents.
 */
import { loadAddOn } from '../../../support/bundle';
import { ok, prepare, sheetRecords } from '../../../support/forms';
import { agencyNamesOf, participantAnswers } from '../../../../scripts/demo/forms';
import type { PersonalDataReport, RpcResult } from '../../../../src/protocol';
import type { Emulator } from '../../../../emulator';
import type { FormModel } from '../../../../emulator/forms';
import { documentSections } from '../../../../emulator/drive';
import { documentToPlainLines } from '../../../../emulator/render-html';
import { CHECK_IN_TITLES } from '../../../../src/server/domain/checkin';

const NOW = new Date('2025-08-22T13:00:00+09:00');
const MARKER = { 氏名: '受付 検知子', ふりがな: 'うけつけ けんちこ', メール: 'checkin.marker@example.jp' };
const WALK_IN = { 氏名: '当日 来場子', ふりがな: 'とうじつ らいじょうこ' };
const TRACES = ['検知子', 'けんちこ', 'checkin.marker', '来場子', 'らいじょうこ'];
const has = (text: string) => TRACES.some((t) => text.includes(t));

function formModels(emu: Emulator): Map<string, FormModel> {
  return (emu.forms as unknown as { store: { forms: Map<string, FormModel> } }).store.forms;
}

/** Every string the spreadsheet (but 操作ログ's own lines) and the forms' stores hold. */
function sheetsAndForms(emu: Emulator): string {
  const sheets = emu.active.sheets.map((s) => `${s.name}\n${s.getDataRange().getValues().flat().map(String).join('\n')}`);
  const forms = [...formModels(emu).values()].map((f) => f.responses.map((r) => [...r.answers.values()].map(String).join('\n')).join('\n'));
  return [...sheets, ...forms].join('\n');
}

/** Live (not trashed) Drive files whose document or bytes mention the marker. */
function documentsNaming(emu: Emulator): string[] {
  return [...emu.drive.files.values()].filter((f) => !f.trashed).filter((file) => {
    const doc = documentSections(emu.drive, file.id);
    return has(doc ? documentToPlainLines(doc).join('\n') : new TextDecoder().decode(file.bytes ?? new Uint8Array()));
  }).map((f) => f.name);
}

function setUp() {
  const emu = loadAddOn({ now: NOW });
  const forms = prepare(emu);
  const agencies = agencyNamesOf(emu);
  const seminar = forms.get('EV-SEMINAR')!;
  for (let i = 0; i < 4; i++) emu.forms.submit(seminar.registration.formId, participantAnswers(0, i, agencies));
  emu.forms.submit(seminar.registration.formId, { ...participantAnswers(0, 5, agencies), ...MARKER });
  ok(emu.run<RpcResult<unknown>>('rpcCreateRoster', ['EV-SEMINAR']));
  const checkIn = JSON.parse(emu.properties.document.get('checkin.forms')!)['EV-SEMINAR'] as { formId: string };
  emu.forms.submit(checkIn.formId, { [CHECK_IN_TITLES.key]: MARKER.メール });
  // A walk-in: not registered, checks in with name and ふりがな (a ledger row of its own, 経路 当日).
  emu.forms.submit(checkIn.formId, { [CHECK_IN_TITLES.key]: 'walk.in@example.jp', [CHECK_IN_TITLES.name]: WALK_IN.氏名, [CHECK_IN_TITLES.furigana]: WALK_IN.ふりがな });
  ok(emu.run<RpcResult<unknown>>('rpcIssueCertificates', ['EV-SEMINAR']));
  emu.run('updateTrainingRecords');
  return emu;
}

test('the marker is in the check-in sheet and form, 受講記録, the roster and the certificates (where they belong)', () => {
  const emu = setUp();
  const checkInSheet = emu.active.sheets.find((s) => s.getDataRange().getValues()[0]!.includes(CHECK_IN_TITLES.key))!;
  expect(has(JSON.stringify(checkInSheet.getDataRange().getValues()))).toBe(true);
  expect(has(JSON.stringify(sheetRecords(emu, '受講記録')))).toBe(true);
  const naming = documentsNaming(emu);
  expect(naming.some((n) => n.startsWith('受付名簿_EV-SEMINAR'))).toBe(true);
  expect(naming.some((n) => n.startsWith('参加証明書_EV-SEMINAR'))).toBe(true);
});

test('本人のデータを削除 reaches the check-in sheet and form and 受講記録, and names the roster and certificates', () => {
  const emu = setUp();
  const found = ok(emu.run<RpcResult<PersonalDataReport>>('rpcSearchPersonalData', [MARKER.メール]));
  expect(found.places.map((p) => p.place)).toEqual(expect.arrayContaining(['参加者台帳', '受講記録', '受付フォーム（EV-SEMINAR）の回答']));
  const erased = ok(emu.run<RpcResult<PersonalDataReport>>('rpcErasePersonalData', [MARKER.メール]));
  const walkIn = ok(emu.run<RpcResult<PersonalDataReport>>('rpcErasePersonalData', [`${WALK_IN.氏名}／${WALK_IN.ふりがな}`]));
  expect(walkIn.places.length).toBeGreaterThan(0);
  // No sheet and no form store the add-on controls still holds either of them.
  expect(sheetsAndForms(emu).split('\n').filter(has)).toEqual([]);
  // The documents cannot be edited (a PDF, a page among others'): named, with what to do.
  const documents = erased.unreachable.filter((u) => u.todo === 'privacy.todo.document').map((u) => u.place);
  expect(documents.some((n) => n.startsWith('受付名簿_EV-SEMINAR'))).toBe(true);
  expect(documents.some((n) => n.startsWith('参加証明書_EV-SEMINAR'))).toBe(true);
  // Each Doc that names them (the text is read from the Doc), and its PDF beside it.
  const docs = documentsNaming(emu).filter((n) => n.includes('EV-SEMINAR'));
  expect(documents.sort()).toEqual([...docs, ...docs.map((n) => `${n}.pdf`)].sort());
});

test('個人情報の整理 at the end of the period trashes the roster and certificates and erases the check-in and 受講記録 rows', () => {
  const emu = setUp();
  expect(documentsNaming(emu).length).toBeGreaterThan(0);
  emu.runtime.fixedNow = new Date('2027-04-01T09:00:00+09:00');
  const plan = ok(emu.run<RpcResult<{ events: string[]; places: { place: string }[] }>>('rpcPlanRetention'));
  expect(plan.events).toContain('EV-SEMINAR');
  expect(plan.places.map((p) => p.place)).toEqual(expect.arrayContaining(['受講記録', expect.stringMatching(/^受付名簿_EV-SEMINAR/), expect.stringMatching(/^参加証明書_EV-SEMINAR/)]));
  ok(emu.run<RpcResult<unknown>>('rpcRunRetention'));
  expect(documentsNaming(emu)).toEqual([]);
  expect({ left: has(sheetsAndForms(emu)) }).toEqual({ left: false });
  // The issue record keeps the numbers (the count of certificates issued), without names.
  expect(sheetRecords(emu, '参加証明書発行記録').length).toBeGreaterThan(0);
  // A second run finds nothing more to do.
  const again = ok(emu.run<RpcResult<{ places: unknown[] }>>('rpcPlanRetention'));
  expect(again.places).toEqual([]);
});
