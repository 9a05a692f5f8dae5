/**
 * 企業相談 (issue 17) and the personal-data tools (issue 19), through the built bundle: 「本人のデータを検索」 finds a
 * company contact in the 企業相談 ledger, in the company form's response sheet and in both forms' own stores, and
 * 「本人のデータを削除」 clears them all (the ledger row stays, counted, without the contact), and a mention in an
 * agency's 対応メモ; 「個人情報の整理」 does the same for inquiries past their period, last year's figures unchanged.
 */
import type { PersonalDataReport, RetentionPlanView, RpcResult } from '../../../../src/protocol';
import type { ConsultationList } from '../../../../src/server/workspace/features/consultations';
import { consultationFigures } from '../../../../src/server/domain/consultations';
import { inquiryOf } from '../../../../src/client/consultation-view';
import { consultWorld, intakeAnswers, ok, sheetRecords, statusAnswersFromLink, storedForms } from '../../../support/consultations';

test('search and erase reach 企業相談, 企業相談回答 and the status answers\' notes', () => {
  const emu = consultWorld();
  const { intake } = storedForms(emu);
  emu.forms.submit(intake.formId, { ...intakeAnswers({ company: '秘密工業', topics: ['職場実習の受入'], email: 'himitsu@company.example.jp', details: '秘密の相談' }), 担当者名: '秘密　花子' });
  emu.forms.submit(intake.formId, intakeAnswers({ company: 'ほか商事', topics: ['職場実習の受入'], email: 'other@company.example.jp' }));
  const ids = sheetRecords(emu, '団体').filter((r) => r['紹介受付'] === '受ける').map((r) => String(r['id']));
  let link = '';
  for (const id of ids) { const r = emu.run<RpcResult<{ statusLink: string }>>('rpcAssignConsultation', ['K-0001', id]); if (r.ok) { link = r.value.statusLink; break; } }
  const status = statusAnswersFromLink(emu, link, '対応中', 'himitsu@company.example.jp に電話');
  emu.forms.submit(status.formId, status.answers);
  const found = ok(emu.run<RpcResult<PersonalDataReport>>('rpcSearchPersonalData', ['himitsu@company.example.jp']));
  const places = Object.fromEntries(found.places.map((p) => [p.place, p.rows]));
  expect(places['企業相談']).toBe(1);
  expect(places['企業相談回答']).toBe(1);
  expect(places['企業相談状況回答']).toBe(1);
  ok(emu.run<RpcResult<PersonalDataReport>>('rpcErasePersonalData', ['himitsu@company.example.jp']));
  const text = (name: string) => JSON.stringify(sheetRecords(emu, name));
  for (const sheet of ['企業相談', '企業相談回答', '企業相談状況回答']) {
    expect(text(sheet)).not.toContain('himitsu@');
    expect(text(sheet)).not.toContain('秘密　花子');
  }
  expect(text('企業相談')).not.toContain('秘密工業');
  // The row stays (counted), the other company untouched.
  expect(sheetRecords(emu, '企業相談').map((r) => r['受付番号'])).toEqual(['K-0001', 'K-0002']);
  expect(text('企業相談回答')).toContain('other@company.example.jp');
  // The forms' own stores (Google keeps every response there): the company's answer and the note naming them are
  // deleted (Form.deleteResponse); the other company's answer stays.
  const store = (formId: string) => emu.forms.store.forms.get(formId)!.responses.map((r) => [...r.answers.values()].map(String).join(' ')).join('\n');
  expect(store(intake.formId)).not.toContain('himitsu@');
  expect(store(intake.formId)).toContain('other@company.example.jp');
  expect(store(status.formId)).not.toContain('himitsu@');
  expect(found.places).toEqual(expect.arrayContaining([{ place: 'フォーム（企業相談）の回答', rows: 1 }, { place: 'フォーム（対応状況）の回答', rows: 1 }]));
});

test('個人情報の整理: company contacts past their period (from the last update) are anonymised in 企業相談, both response sheets and both forms\' stores; last year\'s figures are the same; newer inquiries untouched', () => {
  const emu = consultWorld();
  const { intake } = storedForms(emu);
  const at = (iso: string) => { emu.runtime.fixedNow = new Date(iso); };
  at('2026-05-12T10:00:00+09:00');
  emu.forms.submit(intake.formId, { ...intakeAnswers({ company: '古株工業', topics: ['職場実習の受入'], email: 'old@kokabu.example.jp', details: '古株の相談', named: true }), 担当者名: '古株　一郎' });
  emu.forms.submit(intake.formId, intakeAnswers({ company: '無名商事', industry: '卸売・小売業', topics: ['定着支援'], email: 'old@mumei.example.jp' }));
  ok(emu.run<RpcResult<unknown>>('rpcSyncResponses'));
  const ids = sheetRecords(emu, '団体').filter((r) => r['紹介受付'] === '受ける').map((r) => String(r['id']));
  let link = '';
  for (const id of ids) { const r = emu.run<RpcResult<{ statusLink: string }>>('rpcAssignConsultation', ['K-0001', id]); if (r.ok) { link = r.value.statusLink; break; } }
  at('2026-05-20T10:00:00+09:00');
  const status = statusAnswersFromLink(emu, link, '完了', '古株　一郎様に old@kokabu.example.jp で連絡');
  emu.forms.submit(status.formId, status.answers);
  ok(emu.run<RpcResult<unknown>>('rpcSyncResponses'));
  const figures = () => consultationFigures(ok(emu.run<RpcResult<ConsultationList>>('rpcListConsultations')).consultations.map(inquiryOf),
    new Date('2026-04-01T00:00:00+09:00'), new Date('2027-03-31T23:59:59+09:00'));
  const before = figures();
  expect(before.total).toBe(2);
  expect(before.namedCompanies).toEqual(['古株工業']);
  expect(before.medianDaysToFirstContact).toBe(8);
  // A year later, a new inquiry (within its period when the old ones' ends).
  at('2027-06-01T10:00:00+09:00');
  emu.forms.submit(intake.formId, { ...intakeAnswers({ company: '新規物産', topics: ['見学'], email: 'new@shinki.example.jp' }), 担当者名: '新規　花子' });
  ok(emu.run<RpcResult<unknown>>('rpcSyncResponses'));
  // Kept until the end of the next fiscal year after the last update (設定 default 翌年度末): 2028-03-31.
  at('2028-03-31T18:00:00+09:00');
  expect(ok(emu.run<RpcResult<RetentionPlanView>>('rpcPlanRetention')).events).not.toContain('企業相談');
  at('2028-04-02T10:00:00+09:00');
  const plan = ok(emu.run<RpcResult<RetentionPlanView>>('rpcPlanRetention'));
  expect(plan.events).toContain('企業相談');
  expect(plan.places).toEqual(expect.arrayContaining([{ place: '企業相談', rows: 2 }, { place: '企業相談回答', rows: 2 }, { place: '企業相談状況回答', rows: 1 },
    { place: 'フォーム（企業相談）の回答', rows: 2 }, { place: 'フォーム（対応状況）の回答', rows: 1 }]));
  ok(emu.run<RpcResult<unknown>>('rpcRunRetention'));
  const text = (name: string) => JSON.stringify(sheetRecords(emu, name));
  for (const trace of ['old@', '古株　一郎', '古株の相談', '無名商事']) {
    for (const sheet of ['企業相談', '企業相談回答', '企業相談状況回答']) expect({ sheet, trace, found: text(sheet).includes(trace) }).toEqual({ sheet, trace, found: false });
  }
  const store = (formId: string) => emu.forms.store.forms.get(formId)!.responses.map((r) => [...r.answers.values()].map(String).join(' ')).join('\n');
  expect(store(intake.formId)).not.toContain('old@');
  expect(store(intake.formId)).toContain('new@shinki.example.jp');
  expect(store(status.formId)).toBe('');
  // The newer inquiry is untouched; the old rows stay, counted.
  const rows = sheetRecords(emu, '企業相談');
  expect(rows.map((r) => [r['受付番号'], r['担当者名']])).toEqual([['K-0001', '（削除済み）'], ['K-0002', '（削除済み）'], ['K-0003', '新規　花子']]);
  // Last year's figures: the same, the consenting company still named.
  expect(figures()).toEqual(before);
  // Again: nothing left past its period.
  expect(ok(emu.run<RpcResult<RetentionPlanView>>('rpcPlanRetention')).events).not.toContain('企業相談');
});

test('個人情報の整理 in a spreadsheet whose locale was English when the company forms were linked (time stamp header 「Timestamp」): response rows past their period are tidied, rows within it kept', () => {
  const emu = consultWorld({ forms: false });
  emu.active.locale = 'en_US';
  ok(emu.run<RpcResult<unknown>>('rpcCreateConsultationForms'));
  const { intake } = storedForms(emu);
  expect(emu.active.sheets.find((s) => String(s.sheetId) === intake.sheetId)!.cell(1, 1)?.value).toBe('Timestamp');
  const at = (iso: string) => { emu.runtime.fixedNow = new Date(iso); };
  at('2026-05-12T10:00:00+09:00');
  emu.forms.submit(intake.formId, { ...intakeAnswers({ company: '古株工業', topics: ['職場実習の受入'], email: 'old@kokabu.example.jp', details: '古株の相談' }), 担当者名: '古株　一郎' });
  ok(emu.run<RpcResult<unknown>>('rpcSyncResponses'));
  at('2027-06-01T10:00:00+09:00');
  emu.forms.submit(intake.formId, { ...intakeAnswers({ company: '新規物産', topics: ['見学'], email: 'new@shinki.example.jp', details: '新規の相談' }), 担当者名: '新規　花子' });
  ok(emu.run<RpcResult<unknown>>('rpcSyncResponses'));
  at('2028-04-02T10:00:00+09:00');
  const plan = ok(emu.run<RpcResult<RetentionPlanView>>('rpcPlanRetention'));
  expect(plan.places).toEqual(expect.arrayContaining([{ place: '企業相談回答', rows: 1 }]));
  ok(emu.run<RpcResult<unknown>>('rpcRunRetention'));
  const answers = JSON.stringify(sheetRecords(emu, '企業相談回答'));
  for (const trace of ['old@kokabu.example.jp', '古株　一郎', '古株の相談', '古株工業']) expect({ trace, found: answers.includes(trace) }).toEqual({ trace, found: false });
  for (const kept of ['new@shinki.example.jp', '新規　花子', '新規の相談', '新規物産']) expect({ kept, found: answers.includes(kept) }).toEqual({ kept, found: true });
  expect(sheetRecords(emu, '企業相談回答')).toHaveLength(2);
});
