/**
 * Hostile input to the features: ledger rows typed by hand (参加者台帳), participants' form answers, meetings typed
 * into 会議, and a coordinator's edits to the pamphlet template. Each case: a clear Japanese message at the sheet's
 * row and column (or, for the template, at the paragraph or table cell), nothing the user typed is changed or lost,
 * and no cell holds a formula the user did not type.
 */
import type { MeetingPlanView, PamphletResult, Problem, RpcResult, SyncReport } from '../../src/protocol';
import { DEMO_EVENTS, DemoEvent, agencyNamesOf, participantAnswers } from '../../scripts/demo/forms';
import { loadAddOn } from '../support/bundle';
import { formulaCells } from '../support/formulas';
import { cellAt, typeRows } from '../support/typing';
import { ok, prepare, sheetRecords } from '../support/forms';
import { TEST_AGENCIES, typeRows as typeDefRows } from '../support/meetings';
import { AGENCIES, MEETINGS, PARTNERS } from '../../src/server/domain/schema';
import type { ParagraphElement, SectionElement, TableElement } from '../../emulator/documents';
import { documentToPlainLines } from '../../emulator/render-html';
import { recordCorpusCase } from './corpus';

const NOW = new Date('2026-02-02T09:00:00+09:00');
const SEMINAR = DEMO_EVENTS[0] as DemoEvent;
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

function expectProblem(problems: readonly Problem[], at: { sheet: string; row: number; column: string; message: RegExp }): void {
  const found = problems.find((p) => p.sheet === at.sheet && p.row === at.row && p.column === at.column && at.message.test(p.message));
  expect({ at: `${at.sheet} ${at.row} ${at.column}`, found: !!found, problems: found ? [] : problems }).toEqual({ at: `${at.sheet} ${at.row} ${at.column}`, found: true, problems: [] });
  expect(found!.message).toMatch(JAPANESE);
}

// ---------------------------------------------------------------- 参加者台帳, typed by hand

interface LedgerCase { name: string; row: Record<string, string>; column?: string; message?: RegExp; twice?: boolean }
const VALID_ROW = { 行事id: SEMINAR.id, 氏名: '手入力 花子', ふりがな: 'てにゅうりょく はなこ', メール: 'hanako@example.jp', 状態: '申込', 経路: '手入力' };
const LEDGER_CASES: LedgerCase[] = [
  { name: '行事id が空', row: { 行事id: '' }, column: '行事id', message: /行事IDが空です/ },
  { name: '行事シートにない行事id', row: { 行事id: 'EV-NONE' }, column: '行事id', message: /「EV-NONE」は行事シートにありません/ },
  { name: '氏名が空', row: { 氏名: '' }, column: '氏名', message: /氏名が空です/ },
  { name: 'メールの形式', row: { メール: 'hanako@@example' }, column: 'メール', message: /メール「hanako@@example」の形式/ },
  { name: '状態が選択肢外', row: { 状態: '参加' }, column: '状態', message: /申込」「キャンセル待ち」「取消/ },
  { name: '同じ人が2回', row: {}, twice: true, column: '氏名', message: /同じ方の申込が\d+行目にもあります/ },
  { name: '数式に見える氏名と備考', row: { 氏名: '=HYPERLINK("https://evil.example","x")', 備考: '@全員 -確認' } },
  { name: '絵文字と RTL の氏名', row: { 氏名: '🌸 \u202Eさくら\u202C 👩‍🦽' } },
];

describe('hostile ledger rows typed by hand (参加者台帳)', () => {
  test.each(LEDGER_CASES.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const emu = loadAddOn({ now: NOW });
    prepare(emu, { events: [SEMINAR] });
    const typed = { ...VALID_ROW, ...c.row };
    const rows = typeRows(emu, '参加者台帳', c.twice ? [typed, typed] : [typed]);
    const formulas = formulaCells(emu);
    const report = ok(emu.run<RpcResult<SyncReport>>('rpcSyncResponses'));
    if (c.column) expectProblem(report.problems, { sheet: '参加者台帳', row: rows.at(-1)!, column: c.column, message: c.message! });
    else expect(report.problems.filter((p) => p.sheet === '参加者台帳')).toEqual([]);
    // Nothing typed is changed: every typed cell still holds exactly what was typed.
    for (const r of rows) for (const [header, text] of Object.entries(typed)) expect({ header, value: cellAt(emu, '参加者台帳', r, header).value }).toEqual({ header, value: text });
    expect(formulaCells(emu)).toEqual(formulas);
    recordCorpusCase('ledger', name);
  });
});

// ---------------------------------------------------------------- participants' form answers

interface AnswerCase { name: string; answers: Record<string, string>; kept: Record<string, string> }
const ANSWER_CASES: AnswerCase[] = [
  { name: '数式に見える氏名', answers: { 氏名: '=HYPERLINK("https://evil.example","x")' }, kept: { 氏名: '=HYPERLINK("https://evil.example","x")' } },
  { name: '+ や - で始まる職種', answers: { 職種: '+81 職業指導員' }, kept: { 職種: '+81 職業指導員' } },
  { name: 'アポストロフィで始まる氏名', answers: { 氏名: "'ホーフト太郎" }, kept: { 氏名: "'ホーフト太郎" } },
  { name: '絵文字・RTL・制御文字', answers: { 氏名: '🌸さくら\u202Eabc\u0007' }, kept: { 氏名: '🌸さくら\u202Eabc\u0007' } },
  { name: '名簿にない所属（自由記述）', answers: { 所属: '=未登録の事業所' }, kept: { 所属団体: '=未登録の事業所' } },
];

describe("hostile answers from participants (registration form → trigger → 参加者台帳)", () => {
  test.each(ANSWER_CASES.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const emu = loadAddOn({ now: NOW });
    const forms = prepare(emu, { events: [SEMINAR] });
    const base = participantAnswers(0, 1, agencyNamesOf(emu));
    const form = emu.forms.store.get(forms.get(SEMINAR.id)!.registration.formId);
    const agencyQuestion = form.questions.find((q) => q.title === '所属')!;
    const answers = { ...base, ...c.answers };
    // A participant whose agency is not listed answers 「その他」 with free text, as the form offers.
    if (c.answers.所属 !== undefined && !agencyQuestion.choices.includes(c.answers.所属)) expect(agencyQuestion.hasOther || agencyQuestion.type !== 'LIST').toBe(true);
    const r = emu.forms.submit(form.id, answers);
    expect(r.executions.map((x) => x.outcome)).toEqual(['completed']);
    const [row] = sheetRecords(emu, '参加者台帳');
    expect(row).toBeDefined();
    for (const [header, value] of Object.entries(c.kept)) expect({ header, value: row![header] }).toEqual({ header, value });
    expect(formulaCells(emu)).toEqual([]);
    recordCorpusCase('form answers', name);
  });
});

// ---------------------------------------------------------------- 会議, typed by hand

interface MeetingCase { name: string; row: Record<string, unknown>; column: string; message: RegExp; twice?: boolean }
const jst = (s: string) => new Date(`${s}:00+09:00`);
const VALID_MEETING = { title: '企画会議', start: jst('2026-02-18T14:00'), end: jst('2026-02-18T15:30'), place: '区役所', invitees: 'グループA', agenda: '議題', status: '予定' };
const MEETING_CASES: MeetingCase[] = [
  { name: '名称が空', row: { title: '' }, column: '名称', message: /名称が空欄です/ },
  { name: '開始が日時でない', row: { start: 'あしたの午後' }, column: '開始', message: /「あしたの午後」を日時として読めません/ },
  { name: '終了が開始より前', row: { end: jst('2026-02-18T13:00') }, column: '終了', message: /終了.*が開始.*より前/ },
  { name: '開始が過去', row: { start: jst('2026-01-10T14:00'), end: jst('2026-01-10T15:00') }, column: '開始', message: /過去の日時/ },
  { name: '読めない繰り返し', row: { recurrence: '隔週くらい' }, column: '繰り返し', message: /「隔週くらい」は繰り返しとして読めません/ },
  { name: '招待先が空', row: { invitees: '' }, column: '招待先', message: /招待先が空欄です/ },
  { name: '名簿にない団体 id', row: { invitees: 'AG-999' }, column: '招待先', message: /団体 id「AG-999」/ },
  { name: 'メールアドレスの形式', row: { invitees: 'someone@@example' }, column: '招待先', message: /someone@@example/ },
  { name: '状態が選択肢外', row: { status: '延期' }, column: '状態', message: /状態「延期」は使えません/ },
  { name: 'id の重複', row: { id: 'MTG-001' }, twice: true, column: 'id', message: /id「MTG-001」が他の行と重複/ },
  // issue 17: 関係機関 in 招待先 (the sheet is there, empty)
  { name: '関係機関の種別がない', row: { invitees: '関係機関:市役所' }, column: '招待先', message: /関係機関の種別「市役所」はありません/ },
  { name: '関係機関にない id', row: { invitees: 'K999' }, column: '招待先', message: /関係機関 id「K999」が「関係機関」シートにありません/ },
  { name: '招待する関係機関がない', row: { invitees: '関係機関' }, column: '招待先', message: /「関係機関」に当たる関係機関がありません/ },
];

describe('hostile meetings typed by hand (会議)', () => {
  test.each(MEETING_CASES.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const emu = loadAddOn({ now: NOW });
    emu.run('setUpWorkbook');
    typeDefRows(emu, AGENCIES, TEST_AGENCIES);
    const meeting = { ...VALID_MEETING, ...c.row };
    const rows = typeDefRows(emu, MEETINGS, c.twice ? [meeting, { ...meeting, title: '別の会議' }] : [meeting]);
    const before = JSON.stringify(sheetRecords(emu, '会議'));
    const plan = ok(emu.run<RpcResult<MeetingPlanView>>('rpcPlanMeetings'));
    expectProblem(plan.problems, { sheet: '会議', row: rows.at(-1)!, column: c.column, message: c.message });
    // Sending skips the row with the problem, invites nobody for it, and changes nothing the user typed.
    const sent = ok(emu.run<RpcResult<{ created: number }>>('rpcSendMeetingInvites'));
    expect(sent.created).toBe(c.twice ? 1 : 0);
    if (!c.twice) expect(JSON.stringify(sheetRecords(emu, '会議'))).toBe(before);
    expect(emu.calendar.notifications.filter((n) => n.title === meeting.title && !c.twice)).toEqual([]);
    expect(formulaCells(emu)).toEqual([]);
    recordCorpusCase('meetings', name);
  });
});

describe('hostile 関係機関 typed by hand (issue 17)', () => {
  test('a formula-looking partner name with no e-mail: named as text in the problem, no formula anywhere, the row kept', () => {
    const emu = loadAddOn({ now: NOW });
    emu.run('setUpWorkbook');
    typeDefRows(emu, AGENCIES, TEST_AGENCIES);
    const name = '=HYPERLINK("https://evil.example","x")';
    typeDefRows(emu, PARTNERS, [{ kind: '区役所', name, email: '', invite: true }, { kind: 'ハローワーク', name: '+81 ハローワーク', email: 'hw@example.jp', invite: true }]);
    const rows = typeDefRows(emu, MEETINGS, [{ ...VALID_MEETING, invitees: '関係機関' }]);
    const formulas = formulaCells(emu);
    expect(formulas).toEqual([]);
    const plan = ok(emu.run<RpcResult<MeetingPlanView>>('rpcPlanMeetings'));
    expectProblem(plan.problems, { sheet: '会議', row: rows[0]!, column: '招待先', message: /関係機関「=HYPERLINK\("https:\/\/evil\.example","x"\)」\(K001、「関係機関」シート 2行目\)/ });
    const sent = ok(emu.run<RpcResult<{ created: number; problems: Problem[] }>>('rpcSendMeetingInvites'));
    expect(sent.created).toBe(1);
    expect(emu.calendar.notifications.map((n) => n.to)).toEqual([['hw@example.jp']]);
    expect(sheetRecords(emu, '関係機関').map((r) => [r['id'], r['名称']])).toEqual([['K001', name], ['K002', '+81 ハローワーク']]);
    // The result (alert, sidebar) names it as text; the sidebar escapes it like every problem (test/browser).
    expect(sent.problems.map((p) => p.message)).toEqual([expect.stringContaining(`関係機関「${name}」`)]);
    expect(formulaCells(emu)).toEqual([]);
    recordCorpusCase('関係機関', 'formula-looking name');
  });
});

// ---------------------------------------------------------------- the pamphlet template, edited by a coordinator

type TextEdit = (text: string) => string;
function editTemplate(emu: ReturnType<typeof loadAddOn>, id: string, edit: TextEdit): void {
  const doc = emu.documents.docs.get(id)!;
  const visit = (section: SectionElement) => {
    for (const child of section.children) {
      const el = child as unknown as { getType(): unknown };
      if (String(el.getType()) === 'TABLE') {
        const table = child as unknown as TableElement;
        for (let r = 0; r < table.getNumRows(); r++) {
          const row = table.getRow(r);
          for (let c = 0; c < row.getNumCells(); c++) {
            const cell = row.getCell(c);
            const next = edit(cell.getText());
            if (next !== cell.getText()) cell.setText(next);
          }
        }
      } else if (String(el.getType()) === 'PARAGRAPH') {
        const p = child as unknown as ParagraphElement;
        const next = edit(p.getText());
        if (next !== p.getText()) p.setText(next);
      }
    }
  };
  visit(doc.body);
  doc.save();
}

interface TemplateCase { name: string; edit: TextEdit; message: RegExp }
const TEMPLATE_CASES: TemplateCase[] = [
  { name: '差し込み項目の誤字', edit: (t) => t.replace('{{名称}}', '{{名稱}}'), message: /\{\{名稱\}\} は使えない差し込み項目です。近い項目: \{\{名称\}\}/ },
  { name: '閉じていない {{', edit: (t) => t.replace('{{電話}}', '{{電話'), message: /閉じていない \{\{ または \}\}/ },
  { name: '区切りの削除', edit: (t) => (t.trim() === '{{#団体}}' ? '' : t), message: /区切り \{\{#団体\}\} がありません/ },
  { name: '区切りに別の文字', edit: (t) => (t.trim() === '{{#種別}}' ? '【{{#種別}}】' : t), message: /それだけを書いた段落に置いてください/ },
];

describe("hostile edits to the pamphlet template", () => {
  test.each(TEMPLATE_CASES.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const emu = loadAddOn({ now: NOW });
    emu.run('setUpWorkbook');
    typeDefRows(emu, AGENCIES, TEST_AGENCIES.map((a) => ({ ...a, nameKana: 'テスト', kind: '就労移行支援', phone: '03-1234-5678', consent: '同意', consentDate: '2024-05-01' })));
    const template = ok(emu.run<RpcResult<{ id: string }>>('rpcCreatePamphletTemplate'));
    editTemplate(emu, template.id, c.edit);
    const text = () => { const d = emu.documents.docs.get(template.id)!; return documentToPlainLines({ body: d.saved.body, header: d.saved.header, footer: d.saved.footer }).join('\n'); };
    const edited = text();
    const docsBefore = emu.documents.docs.size;
    const r = emu.run<RpcResult<PamphletResult>>('rpcGeneratePamphlet', [{ issuedOn: '2026-02-02' }]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('user');
      expect(r.error.message).toMatch(/ひな形に直すところがあるため/);
      expect(r.error.message).toMatch(c.message);
    }
    // The coordinator's template is untouched and no half-made pamphlet is left anywhere.
    expect(text()).toBe(edited);
    const live = [...emu.documents.docs.keys()].filter((id) => !emu.drive.files.get(id)?.trashed);
    expect(live).toHaveLength(docsBefore);
    recordCorpusCase('templates', name);
  });
});

// ---------------------------------------------------------------- 企業相談 (issue 17): what a company or an agency types

import { consultWorld, intakeAnswers, statusAnswersFromLink, storedForms } from '../support/consultations';

interface CompanyCase { name: string; company: string; details?: string; municipality?: string }
const COMPANY_CASES: CompanyCase[] = [
  { name: '数式に見える会社名と自由記述', company: '=IMPORTXML("https://evil.example","//a")', details: '+1-2 @営業部' },
  { name: 'HTML の会社名', company: '<img src=x onerror=alert(1)>', details: '</script><script>alert(1)</script>' },
  { name: '絵文字・RTL・制御文字', company: '🌸\u202Eさくら\u202C\u0007商事', municipality: '\u3000千代田区\u3000' },
  { name: 'セルの上限を超える自由記述', company: '長文商事', details: 'あ'.repeat(50_001) },
];

describe('hostile company answers (企業相談)', () => {
  test.each(COMPANY_CASES.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const emu = consultWorld({ names: agencyNamesOf(emu0()).slice(0, 4) });
    const formulas = formulaCells(emu);
    const r = emu.forms.submit(storedForms(emu).intake.formId, intakeAnswers({ company: c.company, topics: ['見学'], details: c.details, municipality: c.municipality }));
    expect(r.executions.every((x) => x.outcome === 'completed')).toBe(true);
    const [row] = sheetRecords(emu, '企業相談');
    // Filed as text, never as a formula; a text too long for a cell is cut to the cell's limit, not refused.
    expect(String(row!['会社名']).replace(/^'/, '')).toBe(c.company.trim());
    expect(String(row!['自由記述']).length).toBeLessThanOrEqual(50_000);
    expect(formulaCells(emu)).toEqual(formulas);
    // The sidebar's list carries it as data (rendered as text by the sidebar's dom.ts).
    const list = ok(emu.run<RpcResult<{ consultations: Record<string, string>[] }>>('rpcListConsultations'));
    expect(String(list.consultations[0]!.company).replace(/^'/, '')).toBe(c.company.trim());
    recordCorpusCase('consultations', name);
  });

  test('a forged or mangled 確認コード changes nothing and is recorded once', () => {
    const emu = consultWorld();
    emu.forms.submit(storedForms(emu).intake.formId, intakeAnswers({ company: 'A社', topics: ['障害者雇用の検討'] }));
    const assigned = ok(emu.run<RpcResult<{ statusLink: string }>>('rpcAssignConsultation', ['K-0001', 'AG-001']));
    // (An empty code is refused by the form itself: the question is required.)
    for (const token of ['=1+1', '*', '.*', 'K-0001', `${'x'.repeat(5000)}`]) {
      const { formId, answers } = statusAnswersFromLink(emu, assigned.statusLink, '完了');
      answers['確認コード'] = token;
      emu.forms.submit(formId, answers);
    }
    expect(sheetRecords(emu, '企業相談')[0]!['状態']).toBe('担当決定');
    expect(sheetRecords(emu, '取り込み記録').filter((r) => String(r['内容']).startsWith('status:K-0001:token'))).toHaveLength(5);
    recordCorpusCase('consultations', '偽の確認コード');
  });
});

function emu0() {
  const emu = loadAddOn({ now: NOW });
  prepare(emu, { forms: false });
  return emu;
}
