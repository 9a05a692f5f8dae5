/**
 * Participant mail through the built bundle, driven as Apps Script would: the form-submit trigger (duplicate and
 * interleaved firings), a 取消 typed by hand and the next sync, the hourly trigger as the clock passes the reminder
 * time and the event, the daily quota, and the menu / sidebar entry points.
 */
import type { MailPreviewData, MailRunReport, RpcResult, SyncReport } from '../../../src/protocol';
import { planFromPreview } from '../../../src/client/mail-plan';
import { stamp, upcomingOf } from '../../../src/server/domain/mail';
import { DEMO_EVENTS, DemoEvent, agencyNamesOf, participantAnswers } from '../../../scripts/demo/forms';
import { OPT_OUT_CHOICE } from '../../../src/server/domain/registration';
import { loadAddOn } from '../../support/bundle';
import { ledgerFor, ok, prepare, sheetRecords, typeInto } from '../../support/forms';
import { unfoldIcs } from '../../../emulator/ics';

const NOW = new Date('2025-07-01T09:00:00+09:00');
const WORKSHOP: DemoEvent = { ...(DEMO_EVENTS[1] as DemoEvent), capacity: 5 };
const HOUR = 60 * 60 * 1000;

type Emu = ReturnType<typeof loadAddOn>;

function registered(emu: Emu, n: number, options: { duplicateEvery?: number } = {}): string {
  const forms = prepare(emu, { events: [WORKSHOP] });
  const formId = forms.get(WORKSHOP.id)!.registration.formId;
  const agencies = agencyNamesOf(emu);
  for (let i = 0; i < n; i++) {
    emu.runtime.advanceClock(60_000);
    emu.forms.submit(formId, participantAnswers(1, i, agencies), { duplicateFiring: options.duplicateEvery ? i % options.duplicateEvery === 0 : false });
  }
  return formId;
}

const rowOf = (emu: Emu, email: string) => sheetRecords(emu, '参加者台帳').findIndex((r) => r['メール'] === email) + 2;

describe('participant mail through the bundle', () => {
  test('one confirmation per registration after duplicate and interleaved firings; waitlist mails with their place; .ics attached (CRLF)', () => {
    const emu = loadAddOn({ now: NOW });
    const formId = registered(emu, 6, { duplicateEvery: 2 });
    const agencies = agencyNamesOf(emu);
    emu.runtime.advanceClock(60_000);
    emu.forms.submitConcurrently({ formId, answers: participantAnswers(1, 6, agencies) }, { formId, answers: participantAnswers(1, 7, agencies) });
    const out = emu.mail.outbox;
    expect(out).toHaveLength(8);
    expect(new Set(out.map((m) => m.to[0])).size).toBe(8);
    const confirmations = out.filter((m) => m.subject.startsWith('【申込受付】'));
    const waitlist = out.filter((m) => m.subject.startsWith('【キャンセル待ち】'));
    expect(confirmations.map((m) => m.to[0])).toEqual(['p2-01@example.jp', 'p2-02@example.jp', 'p2-03@example.jp', 'p2-04@example.jp', 'p2-05@example.jp']);
    expect(waitlist.map((m) => [m.to[0], /キャンセル待ち（(\d+)番目）/.exec(m.body)?.[1]])).toEqual([['p2-06@example.jp', '1'], ['p2-07@example.jp', '2'], ['p2-08@example.jp', '3']]);
    const first = confirmations[0]!;
    // 和暦, 西暦 and 曜日: 2025-12-12 is a Friday.
    expect(first.body).toContain('令和7年12月12日（2025年12月12日(金)）13:30〜16:30');
    expect(first.body).toContain('会場: 就労支援センターかがやき 研修室');
    expect(first.body).toContain('このメールに「キャンセル」とご返信ください');
    expect(first.attachments).toEqual(['EV-WORKSHOP.ics']);
    const ics = first.attachmentData[0]!;
    expect(ics.contentType).toBe('text/calendar');
    expect(ics.text).not.toMatch(/[^\r]\n/);
    expect(ics.text.endsWith('\r\n')).toBe(true);
    expect(unfoldIcs(ics.text)).toEqual(expect.arrayContaining(['DTSTART:20251212T043000Z', 'DTEND:20251212T073000Z', 'BEGIN:VEVENT']));
    // An online participant (every 4th) gets the link wording, not the venue.
    expect(out.find((m) => m.to[0] === 'p2-04@example.jp')!.body).toContain('参加方法: オンライン');
    // 送信記録, one line each.
    const log = ledgerFor(emu, WORKSHOP.id).map((r) => String(r['送信記録']));
    expect(log.filter((l) => /^申込確認 2025-07-01 \d\d:\d\d$/.test(l))).toHaveLength(5);
    expect(log.filter((l) => /^キャンセル待ち 2025-07-01 \d\d:\d\d$/.test(l))).toHaveLength(3);
    // Re-running anything sends nothing more.
    ok(emu.run<RpcResult<SyncReport>>('rpcSyncResponses'));
    expect(ok(emu.run<RpcResult<MailRunReport>>('rpcSendMail')).due).toBe(0);
    emu.run('catchUpResponses', [{ authMode: 'FULL', triggerUid: 'clock' }]);
    expect(emu.mail.outbox).toHaveLength(8);
  });

  test('「配信を希望しない」 on the form: 配信停止 ticked in the ledger, the confirmation still goes, no reminder or thank-you', () => {
    const emu = loadAddOn({ now: NOW });
    const formId = registered(emu, 2);
    emu.runtime.advanceClock(60_000);
    emu.forms.submit(formId, { ...participantAnswers(1, 2, agencyNamesOf(emu)), お知らせの配信: [OPT_OUT_CHOICE] });
    const row = sheetRecords(emu, '参加者台帳').find((r) => r['メール'] === 'p2-03@example.jp')!;
    expect(row['配信停止']).toBe(true);
    expect(emu.mail.outbox.map((m) => m.to[0])).toEqual(['p2-01@example.jp', 'p2-02@example.jp', 'p2-03@example.jp']);
    for (const email of ['p2-01@example.jp', 'p2-03@example.jp']) typeInto(emu, '参加者台帳', rowOf(emu, email), '出席', true);
    emu.runtime.advanceClock(new Date('2025-12-13T10:00:00+09:00').getTime() - emu.runtime.now().getTime() - 60 * 60 * 1000);
    // Straight to the day after the event (reminders would have gone at the last check before it): one hourly run.
    emu.run('catchUpResponses', [{ authMode: 'FULL', triggerUid: 'clock' }]);
    expect(emu.mail.outbox.slice(3).map((m) => m.to[0]).filter((to) => to === 'p2-03@example.jp')).toEqual([]);
    expect(emu.mail.outbox.slice(3).map((m) => m.to[0])).toContain('p2-01@example.jp');
  });

  test('取消 by hand → the first キャンセル待ち is promoted on the next sync and told; a raised 定員 promotes the next', () => {
    const emu = loadAddOn({ now: NOW });
    registered(emu, 7);
    expect(emu.mail.outbox).toHaveLength(7);
    typeInto(emu, '参加者台帳', rowOf(emu, 'p2-02@example.jp'), '状態', '取消');
    // The sync reads メール文面 only when a mail is due (calls9): this one is, and its text is the coordinator's.
    const templateRow = sheetRecords(emu, 'メール文面').findIndex((r) => r['種類'] === '繰り上げ') + 2;
    const subject = String(sheetRecords(emu, 'メール文面')[templateRow - 2]!['件名']);
    typeInto(emu, 'メール文面', templateRow, '件名', `${subject}（事務局より）`);
    const sync = ok(emu.run<RpcResult<SyncReport>>('rpcSyncResponses'));
    expect(sync.mail).toMatch(/キャンセル待ちから1人を繰り上げました/);
    expect(emu.mail.outbox.at(-1)!.subject).toMatch(/（事務局より）$/);
    const rows = ledgerFor(emu, WORKSHOP.id);
    expect(rows.find((r) => r['メール'] === 'p2-06@example.jp')!['状態']).toBe('申込');
    expect(rows.find((r) => r['メール'] === 'p2-07@example.jp')!['状態']).toBe('キャンセル待ち');
    const promotion = emu.mail.outbox.at(-1)!;
    expect(promotion.to).toEqual(['p2-06@example.jp']);
    expect(promotion.subject).toMatch(/^【参加確定】/);
    expect(promotion.attachments).toEqual(['EV-WORKSHOP.ics']);
    // 定員 raised from 5 to 6: the next one, by the hourly trigger's check (at most 6 hours later), with no sync.
    typeInto(emu, '行事', 2, '定員', 6);
    emu.run('catchUpResponses', [{ authMode: 'FULL', triggerUid: 'clock' }]);
    expect(emu.mail.outbox).toHaveLength(8);
    emu.clock.advanceTo(new Date(emu.runtime.now().getTime() + 7 * HOUR));
    expect(emu.mail.outbox.at(-1)!.to).toEqual(['p2-07@example.jp']);
    expect(emu.mail.outbox).toHaveLength(9);
  });

  test('reminder once, N days before by the hourly trigger; thank-you only to attendees with the same anonymous survey link', () => {
    const emu = loadAddOn({ now: NOW });
    registered(emu, 6);
    typeInto(emu, '参加者台帳', rowOf(emu, 'p2-03@example.jp'), '配信停止', true);
    const before = emu.mail.outbox.length;
    // The preview says when the reminders go.
    const preview = planFromPreview(ok(emu.run<RpcResult<MailPreviewData>>('rpcPreviewMail')));
    expect(preview.due).toHaveLength(0);
    const reminder = upcomingOf(preview.ahead).find((u) => u.kind === 'reminder')!;
    expect({ ...reminder, at: stamp(reminder.at, 'Asia/Tokyo') }).toEqual({ kind: 'reminder', eventId: WORKSHOP.id, at: '2025-12-10 13:30', count: 4 });
    // The clock passes the reminder time: the hourly trigger fires and sends to every 申込 but the opted-out one.
    // (Months skipped without firings first, to keep the test quick; the last hours run every firing.)
    emu.runtime.advanceClock(new Date('2025-12-10T10:00:00+09:00').getTime() - emu.runtime.now().getTime());
    emu.clock.advanceTo(new Date('2025-12-10T15:00:00+09:00'));
    const reminders = emu.mail.outbox.slice(before);
    expect(reminders.map((m) => m.to[0]).sort()).toEqual(['p2-01@example.jp', 'p2-02@example.jp', 'p2-04@example.jp', 'p2-05@example.jp']);
    expect(reminders.every((m) => m.subject.startsWith('【リマインド】'))).toBe(true);
    emu.clock.advanceTo(new Date('2025-12-11T15:00:00+09:00'));
    expect(emu.mail.outbox.length).toBe(before + 4);
    // On the day: two attend (and the opted-out one); the waitlisted one never does.
    for (const email of ['p2-01@example.jp', 'p2-04@example.jp', 'p2-03@example.jp']) typeInto(emu, '参加者台帳', rowOf(emu, email), '出席', true);
    emu.clock.advanceTo(new Date('2025-12-13T10:00:00+09:00'));
    const thanks = emu.mail.outbox.slice(before + 4);
    expect(thanks.map((m) => m.to[0]).sort()).toEqual(['p2-01@example.jp', 'p2-04@example.jp']);
    const surveyUrl = String(sheetRecords(emu, '行事')[0]!['アンケートフォーム']);
    for (const m of thanks) {
      expect(m.body).toContain(surveyUrl);
      const links = m.body.match(/https?:\S+/g) ?? [];
      // Nothing that identifies the person travels with the survey link.
      for (const link of links) {
        expect(link).not.toMatch(/p2-0\d|%40|@|R-[0-9a-f]{16}|entry\./);
      }
    }
    expect(new Set(thanks.map((m) => m.body.match(/https?:\S+/g)!.join(' '))).size).toBe(1);
  });
});
