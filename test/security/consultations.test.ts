/**
 * 企業相談 (issue 17), security: an agency's status link is a capability for one inquiry and one assignment. With
 * inquiry A's link an agency cannot change inquiry B (another number, or B's number with A's code), cannot reopen a
 * closed inquiry, and loses it when the inquiry is re-assigned. The codes never reach the sidebar's list. What a
 * company types goes into the assignment mails as text: a placeholder it types is not expanded.
 */
import type { RpcResult } from '../../src/protocol';
import { consultWorld, intakeAnswers, ok, sheetRecords, statusAnswersFromLink, storedForms } from '../support/consultations';
import { consultationMails } from '../../src/server/domain/consultations';
import { MAIL_KINDS, MailKind, MailTemplate } from '../../src/server/domain/mail';

test('a status link for inquiry A cannot change inquiry B; a re-assigned inquiry\'s old link is dead; the list has no code', () => {
  const emu = consultWorld();
  const { intake } = storedForms(emu);
  emu.forms.submit(intake.formId, intakeAnswers({ company: 'A社', topics: ['障害者雇用の検討'] }));
  emu.forms.submit(intake.formId, intakeAnswers({ company: 'B社', topics: ['障害者雇用の検討'] }));
  const a = ok(emu.run<RpcResult<{ statusLink: string }>>('rpcAssignConsultation', ['K-0001', 'AG-001']));
  ok(emu.run<RpcResult<{ statusLink: string }>>('rpcAssignConsultation', ['K-0002', 'AG-002']));
  const status = () => Object.fromEntries(sheetRecords(emu, '企業相談').map((r) => [String(r['受付番号']), String(r['状態'])]));

  // A's link with B's number typed over it.
  const forged = statusAnswersFromLink(emu, a.statusLink, '完了');
  forged.answers['受付番号'] = 'K-0002';
  emu.forms.submit(forged.formId, forged.answers);
  expect(status()).toEqual({ 'K-0001': '担当決定', 'K-0002': '担当決定' });

  // A closes its own; its link cannot reopen it.
  const own = statusAnswersFromLink(emu, a.statusLink, '完了');
  emu.forms.submit(own.formId, own.answers);
  const reopen = statusAnswersFromLink(emu, a.statusLink, '対応中');
  emu.forms.submit(reopen.formId, reopen.answers);
  expect(status()).toEqual({ 'K-0001': '完了', 'K-0002': '担当決定' });

  // B re-assigned: the first agency's link for B no longer works.
  const bOld = String(sheetRecords(emu, '企業相談')[1]!['状況更新リンク']);
  ok(emu.run<RpcResult<unknown>>('rpcAssignConsultation', ['K-0002', 'AG-005']));
  const stale = statusAnswersFromLink(emu, bOld, '対応不可');
  emu.forms.submit(stale.formId, stale.answers);
  expect(status()['K-0002']).toBe('担当決定');

  const list = ok(emu.run<RpcResult<{ consultations: Record<string, string>[] }>>('rpcListConsultations'));
  expect(list.consultations.every((c) => !('token' in c))).toBe(true);
});

test('company text in a mail is text: a company that types {{状況更新リンク}} or {{確認コード}} gets neither back', () => {
  const templates = Object.fromEntries(MAIL_KINDS.map((k) => [k, { subject: '', body: '' }])) as Record<MailKind, MailTemplate>;
  // A coordinator who put the company's own words into its acknowledgement.
  templates['consult-company'] = { subject: 'ご相談 {{受付番号}}', body: 'ご相談内容: {{自由記述}}\n{{担当団体}}からご連絡します。' };
  templates['consult-agency'] = { subject: '依頼 {{受付番号}}', body: '{{自由記述}}\n{{状況更新リンク}}' };
  const inquiry = {
    number: 'K-0001', status: '担当決定', agencyId: 'A', receivedAt: null, firstContactAt: null, changedAt: null, company: '=HYPERLINK("x")', industry: '', municipality: '',
    topics: '見学', disabilities: '', shareConsent: '同意する', nameConsent: '', token: 'secret12-code', email: 'hr@evil.example.jp', mailLog: '',
    details: '{{状況更新リンク}} {{確認コード}} <b>x</b>', statusLink: 'https://docs.google.com/forms/d/e/F/viewform?usp=pp_url&entry.2=secret12-code',
  };
  const mails = consultationMails([inquiry], [{ id: 'A', name: '団体A', email: 'a@example.jp', contact: '' }], templates, { networkName: 'ネット', contact: '' });
  const toCompany = mails.find((m) => m.kind === 'consult-company')!;
  expect(toCompany.body).toBe('ご相談内容: {{状況更新リンク}} {{確認コード}} <b>x</b>\n団体Aからご連絡します。');
  expect(toCompany.body).not.toContain('secret12');
  // The agency's mail carries the link once, where the template puts it (the company's text is not expanded).
  expect(mails.find((m) => m.kind === 'consult-agency')!.body.split('secret12-code')).toHaveLength(2);
});
