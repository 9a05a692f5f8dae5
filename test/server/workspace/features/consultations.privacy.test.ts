/**
 * 企業相談 (issue 17) and the personal-data tools (issue 19), through the built bundle: 「本人のデータを検索」 finds a
 * company contact in the 企業相談 ledger and in the company form's response sheet, and 「本人のデータを削除」 clears both
 * (the ledger row stays, counted, without the contact), and a mention in an agency's 対応メモ.
 */
import type { PersonalDataReport, RpcResult } from '../../../../src/protocol';
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
});
