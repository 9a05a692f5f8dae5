import { findEvent, formTitle, parseCapacity, routeResponseSheet, EventRecord } from '../../../src/server/domain/events';
import { CONSENT_CHOICE, OPT_OUT_CHOICE, normaliseFurigana, normaliseName, normaliseRegistration, registrationQuestions } from '../../../src/server/domain/registration';
import { FormSubmission, LEDGER_STATUS, LedgerRow, checkLedgerRows, personKey, planRegistrations, responseKey } from '../../../src/server/domain/ledger';
import { rowsToStamp, tallyAttendance, tallyTable } from '../../../src/server/domain/attendance';
import { DEFAULT_SURVEY_QUESTIONS, parseSurveyQuestionRows, surveyQuestionRows, surveyQuestionsFor, SURVEY_SHEET_HEADERS } from '../../../src/server/domain/survey-questions';
import { t } from '../../../src/server/i18n/messages';

const agencies = [
  { id: 'AG-001', name: '就労移行支援センターあおば', kind: '就労移行支援' },
  { id: 'AG-002', name: 'ワークサポートみどり', kind: '就労継続支援B型' },
];

function event(partial: Partial<EventRecord> = {}): EventRecord {
  return {
    id: 'EV-SEMINAR', kind: 'セミナー', title: '支援者向けセミナー', start: null, end: null, venue: '', capacity: 40,
    registrationFormId: '', registrationFormUrl: '', surveyFormId: '', surveyFormUrl: '', registrationSheetId: '', surveySheetId: '', ...partial,
  };
}

const t0 = Date.UTC(2026, 6, 1);
function submission(i: number, answers: Record<string, string>, sheet = '123'): FormSubmission {
  const at = new Date(t0 + i * 1000);
  return { responseKey: responseKey(sheet, at, Object.values(answers)), submittedAt: at, answers };
}
function person(i: number, extra: Record<string, string> = {}): Record<string, string> {
  return { 氏名: `参加者 ${i}`, ふりがな: `さんかしゃ ${i}`, 所属: agencies[i % 2]!.name, 職種: '支援員', メール: `p${i}@example.jp`, 参加形態: '対面', ...extra };
}

describe('registration normalisation', () => {
  test('names keep their characters; spaces collapse to one full-width space; furigana becomes hiragana', () => {
    expect(normaliseName('  山田   花子 ')).toBe('山田\u3000花子');
    expect(normaliseName('㈱テスト')).toBe('㈱テスト');
    expect(normaliseFurigana('ヤマダ　ハナコ')).toBe('やまだ\u3000はなこ');
  });

  test('agency answers link to the member agency id; free text is kept as typed', () => {
    const linked = normaliseRegistration(person(1, { 所属: ' ワークサポート みどり ' }), agencies).registration;
    expect([linked.agencyId, linked.agencyText]).toEqual(['AG-002', 'ワークサポートみどり']);
    const other = normaliseRegistration(person(1, { 所属: '区役所 障害福祉課' }), agencies).registration;
    expect([other.agencyId, other.agencyText]).toEqual(['', '区役所 障害福祉課']);
  });

  test('missing name, malformed email and unconsented accommodation text each get a Japanese message', () => {
    const { registration, problems } = normaliseRegistration(person(1, { 氏名: ' ', メール: 'ｙａｍａｄａ＠example', 必要な配慮: '車椅子' }), agencies);
    expect(registration.email).toBe('yamada@example');
    expect(problems.map((p) => p.field)).toEqual(['name', 'email', 'accommodation']);
    expect(t('ja', problems[1]!.message.key, problems[1]!.message.params)).toContain('形式が正しくありません');
    expect(t('en', problems[1]!.message.key, problems[1]!.message.params)).toBe('The e-mail "yamada@example" is not a valid address (e.g. name@example.jp). Check it and correct it.');
    const consented = normaliseRegistration(person(1, { 必要な配慮: '車椅子', 配慮事項の取扱い: CONSENT_CHOICE }), agencies);
    expect(consented.problems).toEqual([]);
    expect(consented.registration.hasAccommodation).toBe(true);
  });

  test('the registration form lists member agencies with an その他 free-text option and an email-validated メール', () => {
    const qs = registrationQuestions(agencies.map((a) => a.name));
    const agency = qs.find((q) => q.title === '所属')!;
    expect(agency).toMatchObject({ type: 'MULTIPLE_CHOICE', otherOption: true, choices: agencies.map((a) => a.name) });
    expect(qs.find((q) => q.title === 'メール')).toMatchObject({ email: true, required: true });
    expect(qs.find((q) => q.title === '必要な配慮')).toMatchObject({ required: false });
  });
});

describe('ledger planning', () => {
  test('40 registrations fill a 40-seat seminar; the 41st is waitlisted', () => {
    const subs = Array.from({ length: 41 }, (_, i) => submission(i, person(i)));
    const plan = planRegistrations({ ledger: [], eventId: 'EV-SEMINAR', capacity: 40, submissions: subs, agencies });
    expect(plan.appends).toHaveLength(41);
    expect(plan.appends.filter((r) => r.status === LEDGER_STATUS.waitlisted).map((r) => r.name)).toEqual(['参加者\u300040']);
    expect(plan.appends[0]).toMatchObject({ agency: '就労移行支援センターあおば', agencyId: 'AG-001', route: 'フォーム', email: 'p0@example.jp' });
  });

  test('a response already in the ledger (duplicate firing, earlier sync) and a blank firing add nothing', () => {
    const first = submission(1, person(1));
    const done = planRegistrations({ ledger: [], eventId: 'EV-SEMINAR', capacity: 40, submissions: [first], agencies });
    const again = planRegistrations({
      ledger: done.appends, eventId: 'EV-SEMINAR', capacity: 40, agencies,
      submissions: [first, { ...first, responseKey: 'F-blank', answers: { 氏名: '', メール: '' } }],
    });
    expect(again).toMatchObject({ appends: [], alreadyRecorded: 1, blank: 1 });
  });

  test('a second registration by the same person is flagged, not added; a formula-looking answer is reported', () => {
    const plan = planRegistrations({
      ledger: [], eventId: 'EV-SEMINAR', capacity: null, agencies,
      submissions: [submission(1, person(1, { 職種: '=HYPERLINK("x")' })), submission(2, person(1, { メール: 'P1@EXAMPLE.JP' }))],
    });
    expect(plan.appends).toHaveLength(1);
    expect(plan.appends[0]!.jobTitle).toBe('=HYPERLINK("x")');
    expect(plan.duplicatesFlagged).toBe(1);
    expect(plan.problems.map((p) => p.field)).toEqual(['jobTitle', 'response']);
    expect(t('ja', plan.problems[1]!.message.key, plan.problems[1]!.message.params)).toContain('申込済み');
  });

  test('response keys depend on sheet, instant and answers; person keys ignore case and spacing', () => {
    const at = new Date(t0);
    expect(responseKey('1', at, ['a'])).toBe(responseKey('1', new Date(t0), ['a']));
    expect(new Set([responseKey('1', at, ['a']), responseKey('2', at, ['a']), responseKey('1', new Date(t0 + 1), ['a']), responseKey('1', at, ['b'])]).size).toBe(4);
    expect(personKey({ eventId: 'E', email: 'A@x.jp ', name: '', furigana: '' })).toBe(personKey({ eventId: 'E', email: 'a@x.jp', name: 'z', furigana: '' }));
    expect(personKey({ eventId: 'E', email: '', name: '山田 花子', furigana: 'ヤマダハナコ' })).toBe(personKey({ eventId: 'E', email: '', name: '山田花子', furigana: 'やまだ はなこ' }));
  });

  test('rows typed by hand are checked like form rows', () => {
    const row = (p: Partial<LedgerRow>): LedgerRow => ({
      responseId: '', eventId: 'EV-SEMINAR', name: '佐藤', furigana: 'さとう', agency: '', agencyId: '', jobTitle: '', email: '', attendanceMode: '', registeredAt: null,
      status: '', attended: false, checkedInAt: null, route: '手入力', remarks: '', ...p,
    });
    const problems = checkLedgerRows([row({}), row({ name: '', email: 'bad@' }), row({ eventId: 'EV-NONE' }), row({})], new Set(['EV-SEMINAR']));
    expect(problems.map((p) => [p.index, p.field])).toEqual([[1, 'name'], [1, 'email'], [2, 'eventId'], [3, 'person']]);
  });
});

describe('check-in and tally', () => {
  const row = (i: number, p: Partial<LedgerRow>): LedgerRow => ({
    responseId: `F-${i}`, eventId: 'EV-SEMINAR', name: `n${i}`, furigana: '', agency: 'AG-001', agencyId: '', jobTitle: '', email: `e${i}@x.jp`, attendanceMode: '対面',
    registeredAt: null, status: '申込', attended: false, checkedInAt: null, route: 'フォーム', remarks: '', ...p,
  });
  test('only attended rows without a 受付時刻 are stamped', () => {
    expect(rowsToStamp([row(1, { attended: true }), row(2, {}), row(3, { attended: true, checkedInAt: new Date() })])).toEqual([0]);
  });
  test('registered / attended / no-shows / waitlisted, by agency and by 種別', () => {
    const rows = [
      row(1, { attended: true }), row(2, {}), row(3, { agency: 'AG-002', attended: true }), row(4, { agency: '区役所', status: 'キャンセル待ち' }),
      row(5, { agency: '区役所', status: 'キャンセル待ち', attended: true }), row(6, { eventId: 'EV-WORKSHOP', attended: true }),
    ];
    const [t] = tallyAttendance(rows, [{ id: 'EV-SEMINAR', title: 'セミナー' }], agencies);
    expect(t).toMatchObject({ registered: 4, attended: 3, noShows: 1, waitlisted: 1 });
    expect(t!.byKind.map((k) => [k.kind, k.registered, k.attended, k.waitlisted])).toEqual([
      ['就労移行支援', 2, 1, 0], ['就労継続支援B型', 1, 1, 0], ['非加盟・その他', 1, 1, 1],
    ]);
    expect(t!.byAgency.find((a) => a.agency === '就労移行支援センターあおば')).toMatchObject({ registered: 2, attended: 1, noShows: 1 });
    expect(tallyTable([t!])[1]).toEqual(['EV-SEMINAR', 'セミナー', '合計', '合計', 4, 3, 1, 1]);
  });
});

describe('events and the survey question set', () => {
  test('routing by response sheet id, lookup by id or 名称, capacity parsing', () => {
    const events = [event({ registrationSheetId: '111', surveySheetId: '222' }), event({ id: 'EV-WORKSHOP', title: 'ロールプレイ研修', kind: 'ワークショップ' })];
    expect(routeResponseSheet(events, '222')).toMatchObject({ purpose: 'survey', event: { id: 'EV-SEMINAR' } });
    expect(routeResponseSheet(events, '')).toBeNull();
    expect(findEvent(events, ' ロールプレイ研修 ')?.id).toBe('EV-WORKSHOP');
    expect(formTitle(events[0]!, 'registration')).toBe('【参加申込】支援者向けセミナー');
    expect(parseCapacity('４０名')).toEqual({ capacity: 40, invalid: false });
    expect(parseCapacity('多数')).toEqual({ capacity: null, invalid: true });
  });

  test('the default set has five 1–5 scales for every event and 演習の実践度 for workshops only', () => {
    const seminar = surveyQuestionsFor(DEFAULT_SURVEY_QUESTIONS, false);
    expect(seminar.filter((q) => q.type === 'SCALE').map((q) => q.title)).toEqual(['全体満足度', '理解度', '業務への役立ち度', '時間配分・進行', '講師の説明']);
    expect(surveyQuestionsFor(DEFAULT_SURVEY_QUESTIONS, true).map((q) => q.title)).toContain('演習の実践度');
    expect(seminar.some((q) => /氏名|メール/.test(q.title))).toBe(false);
  });

  test('the sheet round-trips the default set; edits and bad rows are handled', () => {
    const toRecord = (r: string[]) => Object.fromEntries(SURVEY_SHEET_HEADERS.map((h, i) => [h, r[i] ?? ''])) as Record<(typeof SURVEY_SHEET_HEADERS)[number], string>;
    const rows = surveyQuestionRows().map(toRecord);
    expect(parseSurveyQuestionRows(rows)).toEqual({ questions: DEFAULT_SURVEY_QUESTIONS.map((q) => ({ ...q, otherOption: !!q.otherOption })), problems: [] });
    const edited = [...rows, toRecord(['会場の満足度', '5段階', '', 'いいえ', 'すべて', '不満', '満足']), toRecord(['', '選択', 'a', '', '', '', '']), toRecord(['形式違い', '自由', '', '', '', '', ''])];
    const { questions, problems } = parseSurveyQuestionRows(edited);
    expect(questions.at(-1)).toMatchObject({ title: '会場の満足度', type: 'SCALE', required: false });
    expect(problems.map((p) => p.column)).toEqual(['設問', '形式']);
  });
});

describe('「配信を希望しない」 (participant mail, issue 15)', () => {
  test('a ticked box becomes 配信停止 on the new ledger row; an unticked one leaves it out', () => {
    const at = new Date('2025-07-01T09:00:00+09:00');
    const sub = (i: number, extra: Record<string, string>): FormSubmission => ({ responseKey: `R-${i}`, submittedAt: new Date(at.getTime() + i * 60_000), answers: { ...person(i, {}), ...extra } });
    const plan = planRegistrations({ ledger: [], eventId: 'EV-1', capacity: null, agencies, submissions: [sub(1, { お知らせの配信: OPT_OUT_CHOICE }), sub(2, {})] });
    expect(plan.appends.map((r) => r.optOut ?? false)).toEqual([true, false]);
    expect(registrationQuestions([]).find((q) => q.title === 'お知らせの配信')).toMatchObject({ type: 'CHECKBOX', required: false, choices: [OPT_OUT_CHOICE] });
  });
});
