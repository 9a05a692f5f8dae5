/**
 * 企業相談 (issue 17), the assignment mails through the participant mail engine (workspace/mail.ts sendPlanned),
 * through the built bundle as Apps Script drives it: 「担当に決める」 from the sidebar (rpcAssignConsultation) sends them
 * after the assignment is saved, and the hourly trigger (catchUpResponses) sends what the quota or a failure left and
 * turns what a dead run left in flight into 要確認. Asserted: what each party receives, never twice (re-runs, a
 * re-assignment, a fault at the 送信記録 write, a run that died mid-batch), the daily quota and the next day's resume.
 */
import type { RpcResult } from '../../../../src/protocol';
import { consultWorld, intakeAnswers, ok, sheetRecords, storedForms, typeInto } from '../../../support/consultations';

const HOUR = 60 * 60 * 1000;

/** A world with two inquiries (K-0001 shared, K-0002 shared) and every candidate agency given an address. */
function world() {
  const emu = consultWorld();
  const agencies = sheetRecords(emu, '団体');
  agencies.forEach((a, i) => typeInto(emu, '団体', i + 2, 'メール', `agency${i + 1}@example.jp`));
  const { intake } = storedForms(emu);
  emu.forms.submit(intake.formId, intakeAnswers({ company: 'みどり製作所', topics: ['職場実習の受入'], email: 'hr@midori.example.jp', details: '初めて, 相談します' }));
  emu.forms.submit(intake.formId, intakeAnswers({ company: 'あおば商事', topics: ['職場実習の受入'], email: 'hr@aoba.example.jp' }));
  const candidates = sheetRecords(emu, '団体').filter((r) => r['紹介受付'] === '受ける').map((r) => String(r['id']));
  const assign = (number: string, skip = '') => {
    for (const id of candidates) {
      if (id === skip) continue;
      const r = emu.run<RpcResult<{ agency: string; message: string }>>('rpcAssignConsultation', [number, id]);
      if (r.ok) return { id, agency: r.value.agency, message: r.value.message };
    }
    throw new Error('no candidate');
  };
  const row = (n: string) => sheetRecords(emu, '企業相談').find((r) => r['受付番号'] === n)!;
  const hourly = () => emu.run('catchUpResponses', [{ authMode: 'FULL', triggerUid: 'clock' }]);
  return { emu, assign, row, hourly };
}

test('the sidebar\'s list, 担当に決める and 督促 read each sheet once (issue 18): 団体 once, as a view; no 行事 for these mails', () => {
  const { emu, assign } = world();
  emu.ledger.reset();
  ok(emu.run<RpcResult<unknown>>('rpcListConsultations'));
  // 企業相談, 団体 and 設定 each one look-up and one read (views: no formulas, no grid size); was 21 calls at 16×40.
  expect(emu.ledger.count({ method: 'Spreadsheet.getSheetByName' })).toBe(3);
  expect(emu.ledger.count({ method: 'Range.getFormulas' }) + emu.ledger.count({ method: 'Sheet.getMaxRows' })).toBe(0);
  expect(emu.ledger.count()).toBe(11);
  emu.ledger.reset();
  assign('K-0001');
  // 企業相談 (the one writer: its formulas read), 団体 once (ranking and mail addresses), メール文面 and 設定 for the mail.
  expect(emu.ledger.count({ method: 'Range.getFormulas' })).toBe(1);
  expect(emu.ledger.count({ method: 'Spreadsheet.getSheetByName' })).toBe(5);
  emu.runtime.advanceClock(8 * 24 * 3_600_000);
  emu.ledger.reset();
  ok(emu.run<RpcResult<unknown>>('rpcRemindConsultation', ['K-0001']));
  // 企業相談, 設定 (the follow-up days, a view), 団体, メール文面, 設定 (the mail's sender name), 操作ログ.
  expect(emu.ledger.count({ method: 'Range.getFormulas' })).toBe(1);
  expect(emu.ledger.count({ method: 'Spreadsheet.getSheetByName' })).toBe(6);
});

test('担当に決める: the agency gets the inquiry and its own status link, the company the agency\'s name; nothing goes twice', () => {
  const { emu, assign, row, hourly } = world();
  emu.ledger.reset();
  const a = assign('K-0001');
  const agencyMail = String(sheetRecords(emu, '団体').find((r) => r['id'] === a.id)!['メール']);
  expect(a.message).toBe(`K-0001 の担当を「${a.agency}」に決めました。\n2通のメールを送りました（担当依頼 1、担当決定 1）。`);
  expect(emu.mail.outbox.map((m) => String(m.to))).toEqual([agencyMail, 'hr@midori.example.jp']);
  const [toAgency, toCompany] = emu.mail.outbox;
  expect(toAgency!.subject).toBe('【企業相談 K-0001】ご担当のお願い');
  expect(toAgency!.body).toContain(String(row('K-0001')['状況更新リンク']));
  expect(toAgency!.body).toContain('初めて, 相談します');
  expect(toCompany!.body).toContain(`${a.agency}からご連絡します。`);
  expect(toCompany!.body).not.toContain(String(row('K-0001')['確認コード']));
  // 送信記録 on the row names the assignment by its code's first 8 characters.
  const tag = String(row('K-0001')['確認コード']).slice(0, 8);
  expect(String(row('K-0001')['送信記録']).split('\n').map((l) => [l.split(' ')[0], l.endsWith(tag)])).toEqual([['担当依頼', true], ['担当決定', true]]);
  // The engine's shape: quota asked once, the batch in flight before the sends, one sendEmail each.
  expect(emu.ledger.count({ method: 'MailApp.getRemainingDailyQuota' })).toBe(1);
  expect(emu.ledger.count({ method: 'MailApp.sendEmail' })).toBe(2);
  expect(emu.properties.document.get('consult.mailInFlight')).toBe('[]');
  // The same agency again (a re-run): the assignment and its link stay, nothing is sent; nor by the hourly run.
  const again = emu.run<RpcResult<{ message: string }>>('rpcAssignConsultation', ['K-0001', a.id]);
  expect(ok(again).message).toContain('今送るメールはありません。');
  expect(String(row('K-0001')['確認コード']).slice(0, 8)).toBe(tag);
  emu.runtime.advanceClock(7 * HOUR);
  hourly();
  expect(emu.mail.outbox).toHaveLength(2);
});

test('re-assigned: the new agency is mailed and the company told again; the first agency is not mailed twice', () => {
  const { emu, assign } = world();
  const first = assign('K-0001');
  const second = assign('K-0001', first.id);
  const to = emu.mail.outbox.map((m) => String(m.to));
  expect(to).toHaveLength(4);
  expect(new Set(to).size).toBe(3);
  expect(emu.mail.outbox[3]!.body).toContain(`${second.agency}からご連絡します。`);
});

test('the daily quota: what does not fit waits; the hourly run sends it once the quota is back, once', () => {
  const { emu, assign, hourly } = world();
  emu.mail.dailyQuota = 3;
  assign('K-0001');
  const b = assign('K-0002');
  expect(b.message).toContain('上限');
  expect(emu.mail.outbox).toHaveLength(3);
  expect(emu.properties.document.get('consult.mailDue')).toBe('1'); // the hourly run's cue
  emu.runtime.advanceClock(HOUR);
  hourly(); // still today: nothing, and nothing twice
  expect(emu.mail.outbox).toHaveLength(3);
  emu.runtime.advanceClock(24 * HOUR);
  hourly();
  expect(emu.mail.outbox).toHaveLength(4);
  expect(new Set(emu.mail.outbox.map((m) => `${String(m.to)}|${m.subject}`)).size).toBe(4);
  emu.runtime.advanceClock(7 * HOUR);
  hourly();
  expect(emu.mail.outbox).toHaveLength(4);
});

test('a fault at the 送信記録 write after the sends: a plain sentence, and the re-run records them as sent, sending nothing again', () => {
  const { emu, row } = world();
  const id = String(sheetRecords(emu, '団体').find((r) => r['紹介受付'] === '受ける' && r['企業向け支援'] !== '')!['id']);
  // A clean run on a copy of the world would make the same calls: find the call right after the last sendEmail.
  const probe = world();
  probe.emu.ledger.reset();
  ok(probe.emu.run<RpcResult<unknown>>('rpcAssignConsultation', ['K-0001', id]));
  const methods = probe.emu.ledger.records.map((r) => r.method);
  const after = methods.lastIndexOf('MailApp.sendEmail') + 2;
  expect(methods.slice(after - 1)).toContain('Range.setValues');
  emu.runtime.failAt({ atCall: after, message: 'Service unavailable: Spreadsheets' });
  const failed = emu.run<RpcResult<unknown>>('rpcAssignConsultation', ['K-0001', id]);
  expect(failed.ok).toBe(false);
  expect(JSON.stringify(failed)).toMatch(/Google のサービスが一時的に応答しませんでした/);
  expect(emu.mail.outbox).toHaveLength(2);
  expect(row('K-0001')['状態']).toBe('担当決定');
  expect(row('K-0001')['送信記録']).toBe('');
  ok(emu.run<RpcResult<unknown>>('rpcAssignConsultation', ['K-0001', id]));
  expect(emu.mail.outbox).toHaveLength(2);
  expect(String(row('K-0001')['送信記録']).split('\n').map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual([expect.stringMatching(/^担当依頼 \d/), expect.stringMatching(/^担当決定 \d/)]);
});

test('a run that died mid-batch: the hourly run marks what was in flight and not recorded 要確認, and never sends it', () => {
  const { emu, assign, row, hourly } = world();
  emu.mail.dailyQuota = 0; // assigned, nothing sent yet
  assign('K-0001');
  expect(emu.mail.outbox).toHaveLength(0);
  const tag = String(row('K-0001')['確認コード']).slice(0, 8);
  // As sendPlanned leaves it when the execution is killed after the in-flight write and the agency's send.
  emu.properties.document.set('consult.mailInFlight', JSON.stringify([`K-0001:${tag}|consult-agency`]));
  emu.mail.dailyQuota = 100;
  hourly();
  expect(String(row('K-0001')['送信記録'])).toContain('担当依頼 要確認');
  expect(emu.mail.outbox.map((m) => String(m.to))).toEqual(['hr@midori.example.jp']);
  expect(sheetRecords(emu, '操作ログ').at(-1)!['結果']).toBe('要確認');
  emu.runtime.advanceClock(7 * HOUR);
  hourly();
  expect(emu.mail.outbox).toHaveLength(1);
});

test('an inquiry without consent is never assigned, so nobody is mailed about it', () => {
  const { emu, hourly } = world();
  const { intake } = storedForms(emu);
  emu.forms.submit(intake.formId, intakeAnswers({ company: '非公開工業', topics: ['見学'], share: false }));
  const id = String(sheetRecords(emu, '団体')[0]!['id']);
  expect(emu.run<RpcResult<unknown>>('rpcAssignConsultation', ['K-0003', id]).ok).toBe(false);
  expect(ok(emu.run<RpcResult<{ consultations: unknown[] }>>('rpcListConsultations')).consultations).toHaveLength(3);
  emu.runtime.advanceClock(7 * HOUR);
  hourly();
  expect(emu.mail.outbox).toEqual([]);
});

test('follow-up: an inquiry unchanged for 設定 days can be reminded once per overdue period (【再送】 to the agency only)', () => {
  const { emu, assign, row } = world();
  const a = assign('K-0001');
  const remind = () => emu.run<RpcResult<{ message: string }>>('rpcRemindConsultation', ['K-0001']);
  // Not overdue yet (設定「企業相談_督促日数」 7 by default): refused with the rule.
  const early = remind();
  expect(early.ok).toBe(false);
  expect(JSON.stringify(early)).toContain('7日以上');
  emu.runtime.advanceClock(7 * 24 * HOUR + HOUR);
  expect(ok(remind()).message).toContain('1通のメールを送りました');
  const agencyMail = String(sheetRecords(emu, '団体').find((r) => r['id'] === a.id)!['メール']);
  expect(emu.mail.outbox.slice(2).map((m) => [String(m.to), m.subject])).toEqual([[agencyMail, '【再送】【企業相談 K-0001】ご担当のお願い']]);
  expect(emu.mail.outbox[2]!.body).toContain(String(row('K-0001')['状況更新リンク']));
  // The same period again: nothing; the next period: once more.
  expect(ok(remind()).message).toContain('今送るメールはありません');
  emu.runtime.advanceClock(7 * 24 * HOUR);
  ok(remind());
  expect(emu.mail.outbox).toHaveLength(4);
  expect(String(row('K-0001')['送信記録']).split('\n')).toHaveLength(4);
  // The agency answers (対応中): the clock starts again, so no reminder until 7 days after that.
  typeInto(emu, '企業相談', 2, '状態', '対応中');
  typeInto(emu, '企業相談', 2, '最終更新日時', emu.runtime.now());
  expect(remind().ok).toBe(false);
  // The hourly run never sends a reminder by itself.
  emu.runtime.advanceClock(8 * 24 * HOUR);
  emu.run('catchUpResponses', [{ authMode: 'FULL', triggerUid: 'clock' }]);
  expect(emu.mail.outbox).toHaveLength(4);
});
