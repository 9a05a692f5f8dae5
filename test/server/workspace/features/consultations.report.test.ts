/**
 * 企業相談 (issue 17) in the activity report (section 5), through the built bundle: counts by 相談内容, 業種 and
 * outcome and the median days to first contact, from the template's default section; a company that did not agree
 * to be named never appears in the document (nor its contact), one that agreed may.
 */
import type { ActivityReportResult, RpcResult } from '../../../../src/protocol';
import { documentSections } from '../../../../emulator/drive';
import { documentToPlainLines } from '../../../../emulator/render-html';
import { consultWorld, intakeAnswers, ok, sheetRecords, statusAnswersFromLink, storedForms } from '../../../support/consultations';

test('section 5: figures without names; only the company that agreed is named', () => {
  const emu = consultWorld();
  const { intake } = storedForms(emu);
  const submit = (a: Parameters<typeof intakeAnswers>[0]) => {
    emu.runtime.advanceClock(60_000);
    emu.forms.submit(intake.formId, intakeAnswers(a));
  };
  submit({ company: '秘密マーカー工業', industry: '製造業', topics: ['職場実習の受入', '定着支援'], email: 'secret-contact@marker.example.jp' });
  submit({ company: '公開してよい商事', industry: '卸売・小売業', topics: ['職場実習の受入'], email: 'open@ok.example.jp', named: true });
  submit({ company: '非共有マーカー社', industry: '製造業', topics: ['見学'], share: false, email: 'noshare@marker.example.jp' });
  // The first is assigned and answered after two days (first contact), the others stay 受付.
  const candidates = sheetRecords(emu, '団体').filter((r) => r['紹介受付'] === '受ける').map((r) => String(r['id']));
  let link = '';
  for (const id of candidates) {
    const r = emu.run<RpcResult<{ statusLink: string }>>('rpcAssignConsultation', ['K-0001', id]);
    if (r.ok) { link = r.value.statusLink; break; }
  }
  emu.runtime.advanceClock(2 * 24 * 60 * 60 * 1000);
  const answer = statusAnswersFromLink(emu, link, '対応中', '訪問の日程を調整');
  emu.forms.submit(answer.formId, answer.answers);
  const r = ok(emu.run<RpcResult<ActivityReportResult>>('rpcCreateActivityReport'));
  // Issue 18: 企業相談 is looked up once, by its view (was a look-up, then the view's own). A second report (the first
  // made the template and 発行記録) asks for 11 sheets — 設定, 行事, 参加者台帳, アンケート設問, アンケート記録, 団体,
  // 会議, 発行記録, 参加証明書発行記録 (none), 企業相談, 操作ログ — in 35 calls (the bench's 34 + 企業相談's values; 37
  // before session 10: the user's address now comes back with the copy, not from Session's 2 calls).
  ok(emu.run<RpcResult<ActivityReportResult>>('rpcCreateActivityReport', [], { operation: 'again' }));
  expect(emu.ledger.count({ operation: 'again', method: 'Spreadsheet.getSheetByName' })).toBe(11);
  expect(emu.ledger.count({ operation: 'again' })).toBe(35);
  const text = documentToPlainLines(documentSections(emu.drive, r.documentId)!).join('\n');
  expect(text).toContain('5. 企業相談');
  expect(text).toContain('受付 3件（初回対応までの日数の中央値 2日）');
  expect(text).toContain('相談内容：職場実習の受入 2件、定着支援 1件、見学 1件');
  expect(text).toContain('業種：製造業 2件、卸売・小売業 1件');
  expect(text).toContain('結果：受付 2件、対応中 1件');
  expect(text).toContain('社名の掲載に同意した企業：公開してよい商事');
  for (const secret of ['秘密マーカー工業', '非共有マーカー社', 'secret-contact@marker.example.jp', 'noshare@marker.example.jp', 'open@ok.example.jp', '訪問の日程']) expect(text).not.toContain(secret);
});
