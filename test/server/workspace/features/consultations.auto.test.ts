/**
 * 企業相談 (issue 17), automatic assignment (設定「企業相談_自動割当」) through the built bundle: the form-submit
 * trigger files the inquiry as 担当決定 for its first candidate (the sidebar's ranking) and mails both parties; one
 * without a candidate or without consent stays 受付 for the coordinator; off by default; a firing that died after the
 * ledger write leaves the mails to the hourly run, which sends them once.
 */
import type { RpcResult } from '../../../../src/protocol';
import { consultWorld, intakeAnswers, ok, setAutoAssign, sheetRecords, storedForms, typeInto } from '../../../support/consultations';
import { viewOf } from '../../../../src/client/consultation-view';

const HOUR = 60 * 60 * 1000;

/** Six agencies take referrals; none of them offers 助成金相談, so 助成金・制度 has no candidate. */
const TAKING = ['ワークサポートあおば', '就労支援センターかがやき', 'ステップワーク神田', 'みらい就労ラボ', '障害者就業・生活支援センターひびき', 'カフェ&ワークつばさ'];

function world(auto: string | null) {
  const emu = consultWorld({ names: TAKING });
  sheetRecords(emu, '団体').forEach((_, i) => typeInto(emu, '団体', i + 2, 'メール', `agency${i + 1}@example.jp`));
  if (auto !== null) setAutoAssign(emu, auto);
  const submit = (company: string, topics: string[], share = true) => {
    emu.runtime.advanceClock(60_000);
    return emu.forms.submit(storedForms(emu).intake.formId, intakeAnswers({ company, topics, email: `hr@${company}.example.jp`, share }), { operation: 'intake' });
  };
  const row = (company: string) => sheetRecords(emu, '企業相談').find((r) => r['会社名'] === company)!;
  const list = () => ok(emu.run<RpcResult<Parameters<typeof viewOf>[0]>>('rpcListConsultations'));
  return { emu, submit, row, list };
}

test('on: the trigger assigns the sidebar\'s first candidate and mails the agency and the company; no candidate or no consent stays 受付', () => {
  const { emu, submit, row, list } = world('する');
  const r = submit('midori', ['職場実習の受入']);
  expect(r.executions.every((x) => x.outcome === 'completed')).toBe(true);
  const k1 = row('midori');
  expect(k1['状態']).toBe('担当決定');
  // The first candidate as the sidebar ranks it for this inquiry (the load: the other inquiries' only).
  const view = viewOf(list());
  const shown = view.inquiries.find((i) => i.number === k1['受付番号'])!;
  expect(k1['担当団体id']).toBe(shown.candidates[0]!.agencyId);
  expect(String(k1['状況更新リンク'])).toContain(encodeURIComponent(String(k1['確認コード'])));
  const agencyMail = String(sheetRecords(emu, '団体').find((a) => a['id'] === k1['担当団体id'])!['メール']);
  expect(emu.mail.outbox.map((m) => String(m.to))).toEqual([agencyMail, 'hr@midori.example.jp']);
  expect(emu.mail.outbox[0]!.body).toContain(String(k1['状況更新リンク']));
  // No agency taking referrals offers 助成金相談 → stays 受付, listed without candidates for the coordinator.
  submit('sora', ['助成金・制度']);
  submit('hidden', ['職場実習の受入'], false);
  for (const c of ['sora', 'hidden']) expect([row(c)['状態'], row(c)['担当団体id'], row(c)['確認コード']]).toEqual(['受付', '', '']);
  const after = viewOf(list()).inquiries;
  expect(after.find((i) => i.company === 'sora')!.candidates).toEqual([]);
  expect(emu.mail.outbox).toHaveLength(2);
  // Nothing more from a sync or the hourly run.
  ok(emu.run<RpcResult<unknown>>('rpcSyncResponses'));
  emu.runtime.advanceClock(7 * HOUR);
  emu.run('catchUpResponses', [{ authMode: 'FULL', triggerUid: 'clock' }]);
  expect(emu.mail.outbox).toHaveLength(2);
  expect(String(sheetRecords(emu, '操作ログ').map((l) => l['詳細']).join('\n'))).toMatch(/企業相談を1件受け付けました。 2通のメールを送りました/);
});

test('two inquiries at the same moment: the load counts the first assignment, so the second goes to the next candidate', () => {
  const { emu, row } = world('する');
  const { intake } = storedForms(emu);
  // Both land before one firing files them (the second firing finds nothing new).
  emu.forms.submitConcurrently({ formId: intake.formId, answers: intakeAnswers({ company: 'a', topics: ['職場実習の受入'], email: 'a@a.example.jp' }) },
    { formId: intake.formId, answers: intakeAnswers({ company: 'b', topics: ['職場実習の受入'], email: 'b@b.example.jp' }) });
  expect(row('a')['担当団体id']).not.toBe('');
  expect(row('b')['担当団体id']).not.toBe('');
  expect(row('a')['担当団体id']).not.toBe(row('b')['担当団体id']);
  expect(emu.mail.outbox).toHaveLength(4);
  // One draw of randomness for the firing that assigned both (issue 18), two distinct 確認コード of getUuid's shape.
  expect(emu.ledger.count({ method: 'Utilities.getUuid' })).toBe(1);
  const codes = [row('a')['確認コード'], row('b')['確認コード']].map(String);
  for (const c of codes) expect(c).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(codes[0]).not.toBe(codes[1]);
});

test('off by default, and a typo is off: filed as 受付, nobody mailed', () => {
  for (const auto of [null, 'すろ']) {
    const { emu, submit, row } = world(auto);
    submit('midori', ['職場実習の受入']);
    expect(row('midori')['状態']).toBe('受付');
    expect(emu.mail.outbox).toEqual([]);
  }
});

test('a firing that died after the ledger write: the hourly run sends the two mails, once', () => {
  const { emu, submit, row } = world('する');
  // Probe the calls of a clean firing, then fail the same firing at its first MailApp call.
  const probe = world('する');
  probe.emu.ledger.reset();
  probe.submit('midori', ['職場実習の受入']);
  const methods = probe.emu.ledger.records.filter((r) => r.operation === 'intake').map((r) => r.method);
  const at = methods.indexOf('MailApp.getRemainingDailyQuota') + 1;
  expect(at).toBeGreaterThan(0);
  emu.runtime.failAt({ atCall: at, message: 'Service unavailable: Mail' });
  const r = submit('midori', ['職場実習の受入']);
  expect(r.executions.some((x) => x.outcome === 'failed')).toBe(true);
  expect(row('midori')['状態']).toBe('担当決定');
  expect(emu.mail.outbox).toEqual([]);
  emu.runtime.advanceClock(HOUR);
  emu.run('catchUpResponses', [{ authMode: 'FULL', triggerUid: 'clock' }]);
  expect(emu.mail.outbox).toHaveLength(2);
  emu.runtime.advanceClock(7 * HOUR);
  emu.run('catchUpResponses', [{ authMode: 'FULL', triggerUid: 'clock' }]);
  expect(emu.mail.outbox).toHaveLength(2);
});
