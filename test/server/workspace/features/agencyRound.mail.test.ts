/**
 * 掲載情報の確認 by e-mail, through the built bundle on the emulator: each agency's own prefilled link mailed once through
 * the participant-mail engine (never twice, the daily quota, the rest on the next run), agencies without an address or
 * that withdrew listed for the coordinator, and the one reminder to those that have not answered.
 */
import type { RoundRequestResult, RoundReviewData, RpcResult } from '../../../../src/protocol';
import { requests, roundWorld } from '../../../support/agency-round';
import { ok } from '../../../support/forms';
import { reviewView } from '../../../../src/server/domain/agency-round-view';

type Emu = ReturnType<typeof roundWorld>;
const request = (emu: Emu, arg: unknown = {}) => ok(emu.run<RpcResult<RoundRequestResult>>('rpcRequestAgencyRound', [arg]));
const review = (emu: Emu) => reviewView(ok(emu.run<RpcResult<RoundReviewData>>('rpcReviewAgencyRound')));
const DAY = 24 * 60 * 60 * 1000;
const mailLogs = (emu: Emu) => requests(emu).map((r) => (r as unknown as { mailLog?: string }).mailLog ?? '');

test('each agency with an address gets its own link once; no address or 撤回: listed by hand; a re-run mails nobody twice', () => {
  const emu = roundWorld();
  const first = request(emu);
  const byMail = first.links.filter((l) => l.via === 'メール');
  // 16 agencies: ハローワーク has no address, ともに withdrew (撤回: not mailed, as 配信停止 stops participant mail).
  expect(byMail).toHaveLength(14);
  expect(first.links.find((l) => l.name === 'ジョブコーチセンターともに')!.via).toBe('一覧');
  expect(first.links.find((l) => l.name.startsWith('ハローワーク'))!.via).toBe('一覧');
  expect(first.mailed).toBe(14);
  expect(emu.mail.outbox).toHaveLength(14);
  // One sendEmail per agency and one quota read for the batch.
  expect(emu.ledger.count({ method: 'MailApp.sendEmail' })).toBe(14);
  expect(emu.ledger.count({ method: 'MailApp.getRemainingDailyQuota' })).toBe(1);
  for (const link of byMail) {
    const mails = emu.mail.outbox.filter((m) => m.to[0] === link.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(/^【掲載情報の確認】/);
    // Its own link (its own token), and its name; the other agencies' links are not in it.
    expect(mails[0]!.body).toContain(link.url);
    expect(mails[0]!.body).toContain(link.name);
    expect(byMail.filter((l) => l !== link && mails[0]!.body.includes(l.url))).toEqual([]);
  }
  expect(mailLogs(emu).filter((l) => /^掲載情報の確認 \d{4}-\d\d-\d\d \d\d:\d\d$/.test(l))).toHaveLength(14);

  emu.ledger.reset();
  const again = request(emu);
  expect(again.mailed).toBe(0);
  expect(emu.mail.outbox).toHaveLength(14);
  // Nothing due: no mail call at all (not even the quota).
  expect(emu.ledger.count({ method: 'MailApp.sendEmail' }) + emu.ledger.count({ method: 'MailApp.getRemainingDailyQuota' })).toBe(0);
});

test('the daily quota: the batch stops at it and says so; the next day\'s run sends the rest, nobody twice', () => {
  const emu = roundWorld();
  emu.mail.dailyQuota = 5;
  const first = request(emu);
  expect(first.mailed).toBe(5);
  expect(first.message).toContain('残り9団体');
  expect(request(emu).mailed).toBe(0);
  emu.runtime.advanceClock(DAY);
  const next = request(emu);
  expect(next.mailed).toBe(5);
  emu.runtime.advanceClock(DAY);
  expect(request(emu).mailed).toBe(4);
  const to = emu.mail.outbox.map((m) => m.to[0]);
  expect(to).toHaveLength(14);
  expect(new Set(to).size).toBe(14);
});

test('the reminder: once, by mail, only to open requests with no answer after 設定\'s days; shown in the review', () => {
  const emu = roundWorld();
  const links = request(emu).links;
  const answered = links.filter((l) => l.via === 'メール').slice(0, 3);
  for (const l of answered) {
    const { formId, answers } = emu.forms.store.answersFromPrefilledUrl(l.url);
    emu.forms.submit(formId, answers);
  }
  // Not yet 14 days (設定「掲載情報の督促（日後）」): nobody is overdue.
  expect(review(emu).agencies.filter((a) => a.state === 'noAnswer')).toEqual([]);
  emu.runtime.advanceClock(15 * DAY);
  const overdue = review(emu).agencies.filter((a) => a.state === 'noAnswer').map((a) => a.id);
  expect(overdue).toHaveLength(13);
  const before = emu.mail.outbox.length;
  // The sidebar sends the overdue ids; an answered agency named anyway is not reminded (the server checks the answers).
  const r = request(emu, { ids: [...overdue, answered[0]!.id], remind: true });
  const reminders = emu.mail.outbox.slice(before);
  // 13 overdue, of which ともに and ハローワーク are by hand: 11 mails.
  expect(r.mailed).toBe(11);
  expect(reminders).toHaveLength(11);
  expect(reminders.every((m) => m.subject.startsWith('【再送】【掲載情報の確認】'))).toBe(true);
  expect(reminders.some((m) => answered.some((l) => l.email === m.to[0]))).toBe(false);
  // Once: asking again sends nothing; the review shows the reminder's day and counts the days from it.
  expect(request(emu, { ids: overdue, remind: true }).mailed).toBe(0);
  expect(emu.mail.outbox).toHaveLength(before + 11);
  const after = review(emu).agencies.filter((a) => overdue.includes(a.id));
  expect(after.filter((a) => a.remindedOn !== '')).toHaveLength(11);
  expect(after.filter((a) => a.state === 'requested')).toHaveLength(11);
  expect(mailLogs(emu).filter((l) => l.split('\n').length === 2)).toHaveLength(11);
});
