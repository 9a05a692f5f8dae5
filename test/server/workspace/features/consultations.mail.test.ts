/**
 * 企業相談 (issue 17), the assignment mails through the participant mail engine (workspace/mail.ts sendPlanned), at
 * workspace level: the world is made through the built bundle (forms, filing, assignment), then the source's
 * sendConsultationMail runs on the same emulator (its Apps Script globals installed). It is built but not wired into
 * the bundle yet (+1.7 KB: README), so the bundle cannot reach it. Asserted: what each party receives, never twice
 * (re-runs, a re-assignment, a run that died mid-batch), the daily quota and the resume.
 */
import type { RpcResult } from '../../../../src/protocol';
import { sendConsultationMail } from '../../../../src/server/workspace/features/consultations';
import { consultWorld, intakeAnswers, ok, sheetRecords, storedForms, typeInto } from '../../../support/consultations';

const installed: string[] = [];
afterEach(() => {
  for (const name of installed.splice(0)) delete (globalThis as Record<string, unknown>)[name];
});

/** A world with two inquiries (K-0001 shared, K-0002 shared) and every candidate agency given an address. */
function world() {
  const emu = consultWorld();
  const agencies = sheetRecords(emu, '団体');
  agencies.forEach((a, i) => typeInto(emu, '団体', i + 2, 'メール', `agency${i + 1}@example.jp`));
  const { intake } = storedForms(emu);
  emu.forms.submit(intake.formId, intakeAnswers({ company: 'みどり製作所', topics: ['職場実習の受入'], email: 'hr@midori.example.jp', details: '初めて, 相談します' }));
  emu.forms.submit(intake.formId, intakeAnswers({ company: 'あおば商事', topics: ['職場実習の受入'], email: 'hr@aoba.example.jp' }));
  for (const [name, service] of Object.entries(emu.globals)) {
    (globalThis as Record<string, unknown>)[name] = service;
    installed.push(name);
  }
  const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
  const send = () => sendConsultationMail(ss, 'Asia/Tokyo');
  const candidates = sheetRecords(emu, '団体').filter((r) => r['紹介受付'] === '受ける').map((r) => String(r['id']));
  const assign = (number: string, skip = '') => {
    for (const id of candidates) {
      if (id === skip) continue;
      const r = emu.run<RpcResult<{ agency: string }>>('rpcAssignConsultation', [number, id]);
      if (r.ok) return { id, agency: r.value.agency };
    }
    throw new Error('no candidate');
  };
  const row = (n: string) => sheetRecords(emu, '企業相談').find((r) => r['受付番号'] === n)!;
  return { emu, send, assign, row };
}

test('the agency gets the inquiry and its own status link, the company the agency\'s name; a re-run sends nothing', () => {
  const { emu, send, assign, row } = world();
  const a = assign('K-0001');
  const agencyMail = String(sheetRecords(emu, '団体').find((r) => r['id'] === a.id)!['メール']);
  emu.ledger.reset();
  const r = send();
  expect(r.sent).toEqual({ 'consult-agency': 1, 'consult-company': 1 });
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
  expect(send().sent).toEqual({});
  expect(emu.mail.outbox).toHaveLength(2);
  expect(emu.properties.document.get('consult.mailInFlight')).toBe('[]');
});

test('re-assigned: the new agency is mailed and the company told again; the first agency is not mailed twice', () => {
  const { emu, send, assign } = world();
  const first = assign('K-0001');
  send();
  const second = assign('K-0001', first.id);
  send();
  const to = emu.mail.outbox.map((m) => String(m.to));
  expect(to).toHaveLength(4);
  expect(new Set(to).size).toBe(3);
  expect(emu.mail.outbox[3]!.body).toContain(`${second.agency}からご連絡します。`);
});

test('the daily quota: what does not fit waits for the next run (scheduled within the hour), then goes once', () => {
  const { emu, send, assign } = world();
  assign('K-0001');
  assign('K-0002');
  emu.mail.dailyQuota = 3;
  const r = send();
  expect([r.due, r.left, r.quotaStopped]).toEqual([4, 1, true]);
  expect(r.message).toContain('上限');
  expect(Date.parse(emu.properties.document.get('mail.nextCheck')!)).toBeGreaterThan(Date.now());
  expect(send().sent).toEqual({}); // still today: nothing, and nothing twice
  emu.runtime.advanceClock(24 * 60 * 60 * 1000);
  expect(Object.values(send().sent)).toEqual([1]);
  expect(emu.mail.outbox).toHaveLength(4);
  expect(new Set(emu.mail.outbox.map((m) => `${String(m.to)}|${m.subject}`)).size).toBe(4);
});

test('a run that died mid-batch: what was in flight and not recorded becomes 要確認 and is never sent again', () => {
  const { emu, send, assign, row } = world();
  assign('K-0001');
  const tag = String(row('K-0001')['確認コード']).slice(0, 8);
  // As sendPlanned leaves it when the execution is killed after the in-flight write.
  emu.properties.document.set('consult.mailInFlight', JSON.stringify([`K-0001:${tag}|consult-agency`]));
  const r = send();
  expect(r.inDoubtRows).toEqual([2]);
  expect(emu.mail.outbox.map((m) => String(m.to))).toEqual(['hr@midori.example.jp']);
  expect(String(row('K-0001')['送信記録'])).toContain(`担当依頼 要確認`);
  expect(send().sent).toEqual({});
  expect(emu.mail.outbox).toHaveLength(1);
});

test('an inquiry without consent is never assigned, so nobody is mailed about it', () => {
  const { emu, send } = world();
  const { intake } = storedForms(emu);
  emu.forms.submit(intake.formId, intakeAnswers({ company: '非公開工業', topics: ['見学'], share: false }));
  const id = String(sheetRecords(emu, '団体')[0]!['id']);
  expect(emu.run<RpcResult<unknown>>('rpcAssignConsultation', ['K-0003', id]).ok).toBe(false);
  expect(ok(emu.run<RpcResult<{ consultations: unknown[] }>>('rpcListConsultations')).consultations).toHaveLength(3);
  expect(send().due).toBe(0);
  expect(emu.mail.outbox).toEqual([]);
});
