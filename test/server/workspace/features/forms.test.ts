/** The forms workspace code on the emulator (Apps Script globals installed on globalThis), without the bundle. */
import { withEmulator } from '../../../support/globals';
import { setUpWorkbook } from '../../../../src/server/workspace/features/setup';
import { importCsv } from '../../../../src/server/workspace/features/csvImport';
import { createEventForms } from '../../../../src/server/workspace/features/forms';
import { handleFormSubmit, syncResponses } from '../../../../src/server/workspace/features/responses';
import { DEMO_AGENCIES_CSV } from '../../../../scripts/demo/agencies';
import { DEMO_EVENTS, DemoEvent, agencyNamesOf, participantAnswers, surveyAnswers, writeDemoEvents } from '../../../../scripts/demo/forms';
import { DEFAULT_SURVEY_QUESTIONS } from '../../../../src/server/domain/survey-questions';
import { ledgerFor, sheetRecords, typeInto } from '../../../support/forms';

const [SEMINAR, WORKSHOP] = DEMO_EVENTS as [DemoEvent, DemoEvent];

function workbook() {
  const emu = withEmulator({ now: new Date('2025-07-01T09:00:00+09:00') });
  const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
  setUpWorkbook(ss, 'ja');
  importCsv(ss, Buffer.from(DEMO_AGENCIES_CSV, 'utf8').toString('base64'), 'ja');
  writeDemoEvents(emu);
  // The handler runs in-process here: the emulator's trigger firing calls it directly.
  (emu.forms as unknown as { invoke: (name: string, args: unknown[]) => unknown }).invoke = (_name, args) => handleFormSubmit(args[0] as never);
  return { emu, ss };
}

describe('forms workspace on the emulator', () => {
  test('初期設定 writes the default survey set once; coordinators\' edits shape the survey form', () => {
    const { emu, ss } = workbook();
    expect(sheetRecords(emu, 'アンケート設問').map((r) => r['設問'])).toEqual(DEFAULT_SURVEY_QUESTIONS.map((q) => q.title));
    setUpWorkbook(ss, 'ja');
    expect(sheetRecords(emu, 'アンケート設問')).toHaveLength(DEFAULT_SURVEY_QUESTIONS.length);
    // A coordinator drops 自由記述 (clears the row), adds a question and mistypes a 形式.
    const last = DEFAULT_SURVEY_QUESTIONS.length + 1;
    for (const h of ['設問', '形式', '選択肢', '必須', '対象', '下限ラベル', '上限ラベル']) typeInto(emu, 'アンケート設問', last, h, '');
    typeInto(emu, 'アンケート設問', last + 1, '設問', '会場の満足度');
    typeInto(emu, 'アンケート設問', last + 1, '形式', '5段階');
    typeInto(emu, 'アンケート設問', last + 2, '設問', '感想');
    typeInto(emu, 'アンケート設問', last + 2, '形式', '自由');
    const seminar = createEventForms(ss, SEMINAR.id);
    expect(seminar.problems).toEqual([expect.objectContaining({ sheet: 'アンケート設問', row: last + 2, column: '形式' })]);
    const survey = emu.forms.store.get(seminar.survey.formId);
    const titles = survey.items.map((i) => i.title);
    expect(titles).toContain('会場の満足度');
    expect(titles).not.toContain('自由記述');
    expect(titles).not.toContain('演習の実践度');
    expect(survey.collectEmail).toBe(false);
    const workshop = emu.forms.store.get(createEventForms(ss, WORKSHOP.id).survey.formId);
    expect(workshop.items.find((i) => i.title === '演習の実践度')).toMatchObject({ type: 'SCALE', lowerBound: 1, upperBound: 5 });
  });

  test('the registration form: その他 with free text, email validation, published, destination sheet renamed and recorded', () => {
    const { emu, ss } = workbook();
    const result = createEventForms(ss, SEMINAR.id);
    const form = emu.forms.store.get(result.registration.formId);
    expect(form.published).toBe(true);
    expect(form.confirmationMessage).toContain('キャンセル待ち');
    expect(form.items.find((i) => i.title === '所属')).toMatchObject({ type: 'MULTIPLE_CHOICE', hasOther: true });
    expect(form.items.find((i) => i.title === 'メール')!.validation?.kind).toBe('email');
    const sheet = form.destinationSheet()!;
    expect(sheet.name).toBe('申込回答_EV-SEMINAR');
    expect(sheetRecords(emu, '行事').find((r) => r['id'] === SEMINAR.id)!['申込回答シートid']).toBe(String(sheet.sheetId));
    expect(() => emu.forms.submit(form.id, { ...participantAnswers(0, 0, agencyNamesOf(emu)), メール: 'yamada@' })).toThrow(/メール/);
  });

  test('trigger handler and sync share one plan: survey answers go to アンケート記録 once, in long form', () => {
    const { emu, ss } = workbook();
    const forms = createEventForms(ss, WORKSHOP.id);
    emu.forms.submit(forms.survey.formId, surveyAnswers(0, true), { duplicateFiring: true, blankSecondFiring: true });
    const store = sheetRecords(emu, 'アンケート記録');
    expect(new Set(store.map((r) => r['回答id'])).size).toBe(1);
    expect(store.find((r) => r['設問'] === '演習の実践度')).toMatchObject({ 行事id: WORKSHOP.id, 回答: '3' });
    expect(store.find((r) => r['設問'] === '今後希望するテーマ')!['回答']).toBe('定着支援');
    expect(syncResponses(ss).surveyResponsesAdded).toBe(0);
    emu.forms.submit(forms.registration.formId, participantAnswers(1, 0, agencyNamesOf(emu)));
    expect(ledgerFor(emu, WORKSHOP.id)).toHaveLength(1);
    expect(syncResponses(ss)).toMatchObject({ added: 0, alreadyRecorded: 1 });
  });
});
