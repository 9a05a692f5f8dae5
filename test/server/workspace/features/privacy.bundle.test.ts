/**
 * Issue 19 through the built bundle, as Apps Script runs it: participants register and answer through the forms
 * emulator (firing the add-on's trigger), then 「本人のデータを検索／削除」, 「個人情報の整理」 and 「配慮事項フォームの作成」
 * run from their rpc twins and the menu.
 */
import { loadAddOn } from '../../../support/bundle';
import { ok, prepare, sheetRecords } from '../../../support/forms';
import { agencyNamesOf, participantAnswers } from '../../../../scripts/demo/forms';
import type { AccommodationFormResult, ActivityReportResult, PersonalDataReport, RpcResult } from '../../../../src/protocol';
import type { Emulator } from '../../../../emulator';
import type { FormModel } from '../../../../emulator/forms';
import { documentSections } from '../../../../emulator/drive';
import { documentToPlainLines } from '../../../../emulator/render-html';

const NOW = new Date('2025-11-20T09:00:00+09:00');
const MARKER = { 氏名: '秘密 太郎', ふりがな: 'ひみつ たろう', メール: 'marker.taro@example.jp' };

function formModels(emu: Emulator): Map<string, FormModel> {
  return (emu.forms as unknown as { store: { forms: Map<string, FormModel> } }).store.forms;
}

/** Every string the add-on's spreadsheet, documents and forms hold (raw reads, not counted). */
function everything(emu: Emulator, options: { log?: boolean } = {}): string {
  const sheets = emu.active.sheets.filter((s) => options.log !== false || s.name !== '操作ログ').map((s) => `${s.name}\n${s.getDataRange().getValues().flat().map(String).join('\n')}`);
  const forms = [...formModels(emu).values()].map((f) => f.responses.map((r) => [...r.answers.values()].map(String).join('\n')).join('\n'));
  return [...sheets, ...forms].join('\n');
}

function setUp() {
  const emu = loadAddOn({ now: NOW });
  const forms = prepare(emu);
  const agencies = agencyNamesOf(emu);
  const seminar = forms.get('EV-SEMINAR')!;
  for (let i = 0; i < 6; i++) emu.forms.submit(seminar.registration.formId, participantAnswers(0, i, agencies));
  emu.forms.submit(seminar.registration.formId, { ...participantAnswers(0, 6, agencies), ...MARKER });
  emu.forms.submit(seminar.survey.formId, { 所属種別: '企業', 経験年数: '1年未満', 参加形態: '対面', 全体満足度: 5, 理解度: 4, 業務への役立ち度: 4, '時間配分・進行': 3, 講師の説明: 5, 次回参加意向: '参加したい', 自由記述: '秘密太郎さんの説明が良かった' });
  emu.forms.submit(seminar.survey.formId, { 所属種別: '企業', 経験年数: '1年未満', 参加形態: '対面', 全体満足度: 4, 理解度: 4, 業務への役立ち度: 4, '時間配分・進行': 3, 講師の説明: 4, 次回参加意向: '参加したい' });
  return { emu, forms };
}

describe('本人のデータを検索 / 削除 (bundle)', () => {
  test('search finds the person in the ledger, the response sheet, the survey free text and the form stores, and exports a readable Doc and PDF', () => {
    const { emu } = setUp();
    const r = ok(emu.run<RpcResult<PersonalDataReport>>('rpcSearchPersonalData', [MARKER.メール]));
    const places = Object.fromEntries(r.places.map((p) => [p.place, p.rows]));
    expect(places['参加者台帳']).toBe(1);
    expect(places['アンケート記録']).toBe(1);
    expect(Object.keys(places).some((p) => p.startsWith('申込回答_'))).toBe(true);
    expect(places['申込フォーム（EV-SEMINAR）の回答']).toBe(1);
    expect(places['アンケートフォーム（EV-SEMINAR）の回答']).toBe(1);
    // The export lives in the coordinator's Drive, never in the shared spreadsheet.
    const files = [...emu.drive.files.values()].filter((f) => f.name.startsWith('本人データ_'));
    expect(files.map((f) => f.mimeType).sort()).toEqual(['application/pdf', 'application/vnd.google-apps.document']);
    const doc = files.find((f) => f.mimeType !== 'application/pdf')!;
    expect(r.exportUrl).toContain(doc.id);
    expect(r.pdfUrl).toContain(files.find((f) => f.mimeType === 'application/pdf')!.id);
    // Readable: a heading, then per place a heading and a table whose first row is the headers.
    const lines = documentToPlainLines(documentSections(emu.drive, doc.id)!);
    for (const text of ['参加者台帳', '申込回答_', 'アンケート記録', '氏名', MARKER.メール, MARKER.氏名]) expect(lines.join('\n')).toContain(text);
    expect(files.find((f) => f.mimeType === 'application/pdf')!.bytes!.length).toBeGreaterThan(0);
    // Nobody else's data: the other six participants' e-mails are not in it.
    for (let i = 0; i < 6; i++) expect(lines.join('\n')).not.toContain(participantAnswers(0, i, agencyNamesOf(emu)).メール);
    expect(emu.active.sheets.some((s) => s.name.startsWith('本人データ'))).toBe(false);
    // 操作ログ holds the operation and the places, never what was asked.
    const log = sheetRecords(emu, '操作ログ').map((l) => String(l['詳細'])).join('\n');
    expect(log).not.toContain(MARKER.メール);
    // By name and ふりがな too (full-width slash, katakana ふりがな).
    const byName = ok(emu.run<RpcResult<PersonalDataReport>>('rpcSearchPersonalData', ['秘密　太郎／ヒミツ タロウ']));
    expect(byName.places.map((p) => p.place)).toEqual(r.places.map((p) => p.place));
  });

  test('erase leaves no trace in any sheet, form store or export the add-on controls, keeps the counts, names what it cannot reach; a re-run has nothing left', () => {
    const { emu } = setUp();
    ok(emu.run<RpcResult<PersonalDataReport>>('rpcSearchPersonalData', [MARKER.メール]));
    const ledgerBefore = sheetRecords(emu, '参加者台帳').length;
    expect(everything(emu)).toContain('秘密');
    const r = ok(emu.run<RpcResult<PersonalDataReport>>('rpcErasePersonalData', [MARKER.メール]));
    expect(r.erased).toBeGreaterThan(0);
    expect(r.notErased).toBe(0);
    const all = everything(emu);
    for (const trace of ['秘密', 'ひみつ', 'marker.taro']) expect(all).not.toContain(trace);
    // The ledger row stays for the counts, as （削除済み）.
    const ledger = sheetRecords(emu, '参加者台帳');
    expect(ledger).toHaveLength(ledgerBefore);
    expect(ledger.filter((row) => row['氏名'] === '（削除済み）')).toHaveLength(1);
    // The export made by the search is in the trash.
    expect([...emu.drive.files.values()].filter((f) => f.name.startsWith('本人データ_')).every((f) => f.trashed)).toBe(true);
    // Nothing else is out of reach here (sent mails and the version history, out of reach after every erase, are the
    // sidebar's to name: test/browser/privacy.test.ts).
    expect(r.unreachable).toEqual([]);
    // A sync afterwards brings nothing back.
    ok(emu.run<RpcResult<unknown>>('rpcSyncResponses'));
    expect(everything(emu)).not.toContain('秘密');
    const again = ok(emu.run<RpcResult<PersonalDataReport>>('rpcErasePersonalData', [MARKER.メール]));
    expect(again.places).toEqual([]);
    expect(again.erased).toBe(0);
  });

  test('a namesake who gave another address is someone else: their response row, form answers and accommodation answer are kept whole', () => {
    const { emu, forms } = setUp();
    const agencies = agencyNamesOf(emu);
    const namesake = { ...participantAnswers(0, 7, agencies), 氏名: MARKER.氏名, ふりがな: 'ひみつ たろう', メール: 'other.taro@example.jp' };
    // Submitted in the same second as the marker's (the emulator's clock stands still): the time stamp cannot tell them apart.
    emu.forms.submit(forms.get('EV-SEMINAR')!.registration.formId, namesake);
    ok(emu.run<RpcResult<unknown>>('rpcSyncResponses'));
    ok(emu.run<RpcResult<unknown>>('rpcSaveSettings', [{ 配慮事項の閲覧者: 'coordinator@example.jp' }]));
    const accommodation = ok(emu.run<RpcResult<AccommodationFormResult>>('rpcCreateAccommodationForm', ['EV-SEMINAR']));
    emu.forms.submit(accommodation.formId, { メール: MARKER.メール, 氏名: MARKER.氏名, 必要な配慮: '筆談での対応を希望します', 配慮事項の取扱い: ['上記に同意して記入します'] });
    emu.forms.submit(accommodation.formId, { メール: namesake.メール, 氏名: MARKER.氏名, 必要な配慮: '車椅子で参加します', 配慮事項の取扱い: ['上記に同意して記入します'] });
    ok(emu.run<RpcResult<PersonalDataReport>>('rpcErasePersonalData', [MARKER.メール]));
    const all = everything(emu);
    expect(all).not.toContain(MARKER.メール);
    expect(all).not.toContain('筆談');
    // The namesake: their response row (name, ふりがな, address), their registration answers and accommodation answer.
    const responseSheet = emu.active.sheets.find((s) => s.name.startsWith('申込回答_'))!;
    const rows = responseSheet.getDataRange().getValues().map((r) => r.map(String));
    const theirs = rows.find((r) => r.includes(namesake.メール))!;
    expect(theirs).toEqual(expect.arrayContaining([MARKER.氏名, 'ひみつ たろう', namesake.メール]));
    const registration = formModels(emu).get(forms.get('EV-SEMINAR')!.registration.formId)!;
    expect(registration.responses.filter((r) => [...r.answers.values()].map(String).includes(namesake.メール))).toHaveLength(1);
    const store = formModels(emu).get(accommodation.formId)!;
    expect(store.responses.map((r) => [...r.answers.values()].map(String).join(' '))).toEqual([expect.stringContaining('車椅子で参加します')]);
    expect(String(sheetRecords(emu, '参加者台帳').find((row) => row['メール'] === namesake.メール)!['氏名']).replace(/\u3000/g, ' ')).toBe(MARKER.氏名);
  });

  test('a form the coordinator cannot open is reported with what to do, not skipped silently', () => {
    const { emu, forms } = setUp();
    // The registration form belongs to someone else now (another coordinator made it; this one is not an editor).
    const model = formModels(emu).get(forms.get('EV-SEMINAR')!.registration.formId)!;
    (model as { owner: string }).owner = 'someone-else@example.jp';
    const r = ok(emu.run<RpcResult<PersonalDataReport>>('rpcErasePersonalData', [MARKER.メール]));
    expect(r.unreachable.map((u) => u.place)).toContain('申込フォーム（EV-SEMINAR）の回答');
    expect(model.responses.some((resp) => [...resp.answers.values()].map(String).includes(MARKER.メール))).toBe(true); // Google keeps it
    expect(emu.active.sheets.flatMap((s) => s.getDataRange().getValues().flat()).map(String)).not.toContain(MARKER.メール);
  });
});

describe('the menu (bundle)', () => {
  test('each 個人情報 menu item opens the sidebar at its 個人情報 section and changes nothing; 操作ログ never holds what was asked', () => {
    const { emu } = setUp();
    const snapshot = everything(emu);
    for (const fn of ['searchPersonalData', 'erasePersonalData', 'tidyPersonalData'] as const) {
      const before = emu.uiState.sidebars.length;
      emu.run(fn);
      expect(emu.uiState.sidebars.length).toBe(before + 1);
      expect(emu.uiState.sidebars.at(-1)!.html).toContain('<i hidden data-open="privacy"></i>');
    }
    expect(everything(emu)).toBe(snapshot);
    // 「サイドバーを開く」 opens no section by itself.
    emu.run('showSidebar');
    expect(emu.uiState.sidebars.at(-1)!.html).not.toContain('<i hidden data-open');
    // The sidebar's erase logs places and counts, never what was typed.
    ok(emu.run<RpcResult<PersonalDataReport>>('rpcErasePersonalData', [MARKER.メール]));
    const log = sheetRecords(emu, '操作ログ');
    expect(String(log.at(-1)!['詳細'])).toMatch(/参加者台帳（1）.*件のセル・回答を削除しました/);
    expect(JSON.stringify(log)).not.toContain('marker.taro');
  });

  test('a name alone is refused with what to type', () => {
    const { emu } = setUp();
    const r = emu.run<RpcResult<PersonalDataReport>>('rpcSearchPersonalData', ['秘密太郎']);
    expect(r.ok ? '' : r.error.message).toContain('ふりがな');
  });
});

describe('個人情報の整理 (bundle)', () => {
  const reportText = (emu: Emulator) => {
    const r = ok(emu.run<RpcResult<ActivityReportResult>>('rpcCreateActivityReport', [{ start: '2025-04-01', end: '2026-03-31' }]));
    // The issue date line changes between runs: everything else must be the same.
    return documentToPlainLines(documentSections(emu.drive, r.documentId)!).filter((l) => !/作成日|発行日|\d{4}年\d{1,2}月\d{1,2}日.*作成/.test(l)).join('\n');
  };

  test('nothing is touched within the period; past it, exactly the ended events lose their people and last year\'s report regenerates the same', () => {
    const { emu } = setUp();
    // Last year's report written at the year's end, both events held.
    emu.runtime.fixedNow = new Date('2026-03-25T09:00:00+09:00');
    ok(emu.run<RpcResult<unknown>>('rpcSummariseSurveys'));
    const before = reportText(emu);
    // Within the period (default: until the end of the next fiscal year, 2027-03-31 for events in FY2025).
    emu.runtime.fixedNow = new Date('2027-03-31T12:00:00+09:00');
    const within = ok(emu.run<RpcResult<{ events: string[]; places: unknown[] }>>('rpcPlanRetention'));
    expect(within.events).toEqual([]);
    const snapshot = everything(emu, { log: false });
    ok(emu.run<RpcResult<unknown>>('rpcRunRetention'));
    expect(everything(emu, { log: false })).toBe(snapshot);
    // The day after: EV-SEMINAR (and the workshop, FY2025 too) are past.
    emu.runtime.fixedNow = new Date('2027-04-01T09:00:00+09:00');
    const plan = ok(emu.run<RpcResult<{ events: string[]; places: { place: string }[] }>>('rpcPlanRetention'));
    expect(plan.events).toContain('EV-SEMINAR');
    const done = ok(emu.run<RpcResult<PersonalDataReport & { events: string[] }>>('rpcRunRetention'));
    expect(done.erased).toBeGreaterThan(0);
    const ledger = sheetRecords(emu, '参加者台帳').filter((r) => r['行事id'] === 'EV-SEMINAR');
    expect(ledger.length).toBe(7);
    expect(ledger.every((r) => r['氏名'] === '（削除済み）' && r['メール'] === '' && r['ふりがな'] === '')).toBe(true);
    const left = everything(emu).split('\n').filter((l) => l.includes('秘密') || /^p\d-\d+@example\.jp$/.test(l));
    expect(left).toEqual([]);
    // The survey store keeps the countable answers.
    const store = sheetRecords(emu, 'アンケート記録').filter((r) => r['行事id'] === 'EV-SEMINAR');
    expect(store.filter((r) => r['設問'] === '全体満足度').map((r) => r['回答'])).toEqual(['5', '4']);
    expect(store.filter((r) => r['設問'] === '自由記述').every((r) => r['回答'] === '')).toBe(true);
    // Last year's report, regenerated from what is left, says the same.
    ok(emu.run<RpcResult<unknown>>('rpcSummariseSurveys'));
    expect(reportText(emu)).toBe(before);
    // A second run finds nothing more.
    const again = ok(emu.run<RpcResult<{ events: string[] }>>('rpcPlanRetention'));
    expect(again.events).toEqual([]);
  });
});

describe('配慮事項フォーム (bundle)', () => {
  test('answers go only to the form the named coordinators can open; the shared ledger says 「配慮事項あり」 only', () => {
    const { emu, forms } = setUp();
    ok(emu.run<RpcResult<unknown>>('rpcSaveSettings', [{ 配慮事項の閲覧者: 'coordinator@example.jp、second@example.jp' }]));
    const r = ok(emu.run<RpcResult<AccommodationFormResult>>('rpcCreateAccommodationForm', ['EV-SEMINAR']));
    expect(r.readers).toBe(2);
    const model = formModels(emu).get(r.formId)!;
    expect(model.destination).toBeNull();
    expect(model.description).toContain('コーディネーター2名だけが閲覧');
    expect(model.description).toContain('2027年3月31日');
    // The registration form no longer asks; it points to the separate form.
    const registration = formModels(emu).get(forms.get('EV-SEMINAR')!.registration.formId)!;
    expect(registration.items.map((i) => i.title)).not.toContain('必要な配慮');
    expect(registration.items.find((i) => i.title === '必要な配慮について')!.helpText).toContain(r.url);
    // Re-running 「フォームを作成」 does not bring the question back.
    ok(emu.run<RpcResult<unknown>>('rpcCreateEventForms', ['EV-SEMINAR']));
    expect(registration.items.map((i) => i.title)).not.toContain('必要な配慮');
    emu.forms.submit(r.formId, { メール: MARKER.メール, 氏名: MARKER.氏名, 必要な配慮: '筆談での対応を希望します', 配慮事項の取扱い: ['上記に同意して記入します'] });
    ok(emu.run<RpcResult<unknown>>('rpcSyncResponses'));
    const all = emu.active.sheets.flatMap((s) => s.getDataRange().getValues().flat()).map(String).join('\n');
    expect(all).not.toContain('筆談');
    expect(sheetRecords(emu, '参加者台帳').find((row) => row['メール'] === MARKER.メール)!['備考']).toContain('配慮事項あり');
    // Who can read the store: the coordinators; a volunteer cannot open the form.
    const as = <T>(email: string, fn: () => T): T => {
      const before = emu.runtime.user;
      emu.runtime.user = { ...before, email };
      try { return fn(); } finally { emu.runtime.user = before; }
    };
    expect(() => as('volunteer@example.jp', () => emu.globals.FormApp.openById(r.formId))).toThrow(/do not have permission/);
    expect(as('second@example.jp', () => emu.globals.FormApp.openById(r.formId).getResponses())).toHaveLength(1);
    // Erasing the person reaches the accommodation form's store too.
    ok(emu.run<RpcResult<PersonalDataReport>>('rpcErasePersonalData', [MARKER.メール]));
    expect(model.responses).toHaveLength(0);
  });

  test('a volunteer not named in 設定 cannot create it (its owner could read every answer)', () => {
    const { emu } = setUp();
    ok(emu.run<RpcResult<unknown>>('rpcSaveSettings', [{ 配慮事項の閲覧者: 'second@example.jp' }]));
    const r = emu.run<RpcResult<AccommodationFormResult>>('rpcCreateAccommodationForm', ['EV-SEMINAR']);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toContain('配慮事項の閲覧者');
    expect([...formModels(emu).values()].some((f) => f.title.includes('配慮事項'))).toBe(false);
  });
});
