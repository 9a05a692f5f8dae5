/** The mail plan, pure: who gets which mail when, from the ledger, 行事, 送信記録 and the clock. */
import {
  MAIL_KINDS, upcomingOf, MailEvent, MailKind, MailParticipant, MailTemplate, appendRecord, formatEventDate, parseDays, parseSendLog, planMail,
} from '../../../src/server/domain/mail';
import { placeholdersIn } from '../../../src/server/domain/template';
import { defaultMailTemplate } from '../../../src/server/workspace/mail';
import { eventIcs, foldLine } from '../../../src/server/domain/ics';

const TZ = 'Asia/Tokyo';
const at = (s: string) => new Date(`${s}+09:00`);
const EVENT: MailEvent = {
  id: 'EV-1', title: '研修', start: at('2025-12-12T13:30:00'), end: at('2025-12-12T16:30:00'), venue: '研修室', access: '駅から徒歩5分',
  onlineUrl: 'https://meet.example/abc', surveyUrl: 'https://docs.google.com/forms/d/e/SURVEY/viewform', capacity: 2,
};
let n = 0;
function person(over: Partial<MailParticipant> = {}): MailParticipant {
  n++;
  return {
    responseId: `R-${n}`, eventId: 'EV-1', name: `参加者${n}`, email: `p${n}@example.jp`, attendanceMode: '対面', registeredAt: at(`2025-07-01T09:${String(n).padStart(2, '0')}:00`),
    status: '申込', attended: false, optOut: false, route: 'フォーム', mailLog: '', row: n + 1, ...over,
  };
}
const SETTINGS = { reminderDays: 2, surveyReminderDays: null, networkName: 'ネット', contact: 'office@example.jp', timeZone: TZ };
/** メール文面 as 初期設定 writes it (the catalogue's default texts). */
const DEFAULTS = Object.fromEntries(MAIL_KINDS.map((k) => [k, defaultMailTemplate(k)])) as Record<MailKind, MailTemplate>;
const plan = (now: string, participants: MailParticipant[], over: Partial<Omit<Parameters<typeof planMail>[0], 'templates'>> & { templates?: Partial<Record<MailKind, MailTemplate>> } = {}) =>
  planMail({ now: at(now), events: [EVENT], participants, settings: SETTINGS, ...over, templates: { ...DEFAULTS, ...over.templates } });
const due = (p: ReturnType<typeof planMail>) => p.due.map((m) => `${m.kind} ${m.to}`);

beforeEach(() => { n = 0; });

describe('templates and 送信記録', () => {
  test('every default template uses only known placeholders (no unknownPlaceholder problem), and no catalogue parameter is left', () => {
    const p = plan('2025-07-01T10:00:00', [person(), person({ status: 'キャンセル待ち' })]);
    expect(p.problems).toEqual([]);
    for (const tpl of Object.values(DEFAULTS)) {
      expect(`${tpl.subject}${tpl.body}`).not.toMatch(/(^|[^{])\{[a-z]+\}/);
      expect(placeholdersIn(tpl.body).length).toBeGreaterThan(0);
    }
  });
  test('a record is appended as its own line; lines a person typed are kept; 要確認 is read as in doubt', () => {
    const cell = appendRecord('電話で案内済み', { kind: 'confirmation', state: 'sent', at: '2025-07-01 09:00' });
    expect(cell).toBe('電話で案内済み\n申込確認 2025-07-01 09:00');
    expect(parseSendLog(`${cell}\nリマインド 要確認 2025-12-10 14:00`)).toEqual({
      records: [{ kind: 'confirmation', state: 'sent', at: '2025-07-01 09:00' }, { kind: 'reminder', state: 'inDoubt', at: '2025-12-10 14:00' }],
      other: ['電話で案内済み'],
    });
  });
  test('the date in 和暦 and 西暦 with 曜日, in the spreadsheet zone', () => {
    expect(formatEventDate(EVENT.start!, EVENT.end, TZ)).toBe('令和7年12月12日（2025年12月12日(金)）13:30〜16:30');
    expect(formatEventDate(at('2019-05-01T10:00:00'), at('2019-05-02T12:00:00'), TZ)).toBe('令和元年5月1日（2019年5月1日(水)）10:00〜令和元年5月2日（2019年5月2日(木)）12:00');
  });
  test('設定 days: a number (full-width and 日 allowed), else the fallback', () => {
    expect([parseDays('３日', 2), parseDays('', 2), parseDays('', null), parseDays('abc', 2), parseDays('0', 2)]).toEqual([3, 2, null, 2, 0]);
  });
  test('.ics: CRLF, folded at 75 octets without splitting a character, UTC times', () => {
    const ics = eventIcs({ uid: 'EV-1@x', title: 'あ'.repeat(40), start: EVENT.start!, end: EVENT.end!, location: 'a,b;c', description: 'x\ny' }, at('2025-07-01T09:00:00'));
    expect(ics.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(ics).not.toMatch(/[^\r]\n/);
    expect(ics).toContain('DTSTART:20251212T043000Z');
    expect(ics).toContain('LOCATION:a\\,b\\;c');
    expect(foldLine('x'.repeat(80)).split('\r\n').map((l) => l.length)).toEqual([75, 6]);
  });
});

describe('who gets which mail, when', () => {
  test('confirmation for 申込, waitlist with the place for キャンセル待ち; the online participant gets the link', () => {
    const ps = [person(), person({ attendanceMode: 'オンライン' }), person({ status: 'キャンセル待ち' }), person({ status: 'キャンセル待ち' })];
    const p = plan('2025-07-01T10:00:00', ps);
    expect(due(p)).toEqual(['confirmation p1@example.jp', 'confirmation p2@example.jp', 'waitlist p3@example.jp', 'waitlist p4@example.jp']);
    expect(p.due[1]!.body).toContain('参加URL: https://meet.example/abc');
    expect(p.due[0]!.body).toContain('会場: 研修室\nアクセス: 駅から徒歩5分');
    expect(p.due.filter((m) => m.kind === 'waitlist').map((m) => /（(\d)番目）/.exec(m.body)![1])).toEqual(['1', '2']);
    expect(p.due.map((m) => m.withIcs)).toEqual([true, true, false, false]);
  });

  test('a seat freed by 取消 goes to the first キャンセル待ち by 申込日時, told by a promotion (not a second confirmation)', () => {
    const ps = [
      person({ mailLog: '申込確認 2025-07-01 09:01' }), person({ status: '取消', mailLog: '申込確認 2025-07-01 09:02' }),
      person({ status: 'キャンセル待ち', registeredAt: at('2025-07-02T09:00:00'), mailLog: 'キャンセル待ち 2025-07-02 09:00' }),
      person({ status: 'キャンセル待ち', registeredAt: at('2025-07-01T23:00:00'), mailLog: 'キャンセル待ち 2025-07-01 23:00' }),
    ];
    const p = plan('2025-07-03T10:00:00', ps);
    expect(p.promotions).toEqual([{ responseId: 'R-4', row: 5 }]);
    expect(due(p)).toEqual(['promotion p4@example.jp']);
    expect(p.due[0]!.withIcs).toBe(true);
  });

  test('a lowered 定員 moves nobody back: reported; no promotion after the event started', () => {
    const ps = [person({ mailLog: '申込確認 x' }), person({ mailLog: '申込確認 x' }), person({ mailLog: '申込確認 x' }), person({ status: 'キャンセル待ち', mailLog: 'キャンセル待ち x' })];
    const p = plan('2025-07-03T10:00:00', ps);
    expect(p.promotions).toEqual([]);
    expect(p.problems).toEqual([expect.objectContaining({ code: 'overCapacity', params: { event: 'EV-1', registered: 3, capacity: 2 } })]);
    const after = plan('2025-12-12T14:00:00', [person({ mailLog: '申込確認 x' }), person({ status: '取消' }), person({ status: 'キャンセル待ち' })]);
    expect(after.promotions).toEqual([]);
    expect(after.due).toEqual([]);
  });

  test('reminder from N days before, once, not to 配信停止, キャンセル待ち or someone confirmed inside the window', () => {
    const ps = [
      person({ mailLog: '申込確認 2025-07-01 09:01' }), person({ mailLog: '申込確認 2025-07-01 09:02', optOut: true }),
      person({ status: 'キャンセル待ち', mailLog: 'キャンセル待ち 2025-07-01 09:03' }), person({ mailLog: '申込確認 2025-12-11 08:00' }),
      person({ mailLog: '申込確認 2025-07-01 09:05\nリマインド 2025-12-10 14:00' }),
    ];
    expect(plan('2025-12-10T13:29:00', ps).due).toEqual([]);
    const p = plan('2025-12-10T13:30:00', ps);
    expect(due(p)).toEqual(['reminder p1@example.jp']);
    expect(p.due[0]!.subject).toBe('【リマインド】研修（令和7年12月12日（2025年12月12日(金)）13:30〜16:30）');
    // The schedule before then: one reminder at 2025-12-10 13:30, the thank-you at the end for the 申込 not opted out.
    const ahead = upcomingOf(plan('2025-07-01T10:00:00', ps).ahead).map((u) => `${u.kind} ${u.at.toISOString()} ${u.count}`);
    expect(ahead).toEqual(['reminder 2025-12-10T04:30:00.000Z 1', 'thanks 2025-12-12T07:30:00.000Z 3']);
  });

  test('thank-you only to attendees (not 取消, not 配信停止), after the end and within 14 days; survey reminder only when set, after the thank-you', () => {
    const ps = [
      person({ attended: true, mailLog: '申込確認 x' }), person({ attended: false, mailLog: '申込確認 x' }), person({ attended: true, optOut: true }),
      person({ attended: true, status: '取消' }),
    ];
    expect(plan('2025-12-12T16:29:00', ps).due).toEqual([]);
    const p = plan('2025-12-12T16:30:00', ps);
    expect(due(p)).toEqual(['thanks p1@example.jp']);
    expect(p.due[0]!.body).toContain(EVENT.surveyUrl);
    expect(plan('2025-12-27T10:00:00', ps).due).toEqual([]);
    const withSurvey = { settings: { ...SETTINGS, surveyReminderDays: 3 } };
    expect(due(plan('2025-12-15T16:30:00', ps, withSurvey))).toEqual(['thanks p1@example.jp', 'survey-reminder p1@example.jp']);
    const thanked = [person({ attended: true, mailLog: '申込確認 x\nお礼 2025-12-12 17:00' })];
    expect(due(plan('2025-12-15T16:29:00', thanked, withSurvey))).toEqual([]);
    expect(due(plan('2025-12-15T16:30:00', thanked, withSurvey))).toEqual(['survey-reminder p5@example.jp']);
    expect(plan('2025-12-15T16:30:00', thanked, withSurvey).due[0]!.body).toContain('行き違い');
  });

  test('the survey link is the same for every attendee and carries nothing about the person', () => {
    const ps = [person({ attended: true }), person({ attended: true }), person({ attended: true, attendanceMode: 'オンライン' })];
    const links = plan('2025-12-13T10:00:00', ps).due.map((m) => m.body.match(/https?:\/\/\S+/g));
    expect(new Set(links.map((l) => JSON.stringify(l))).size).toBe(1);
    for (const l of links[0]!) for (const x of ps) { expect(l).not.toContain(x.email); expect(l).not.toContain(x.responseId); expect(l).not.toContain(encodeURIComponent(x.name)); }
  });

  test('a mail in doubt (要確認) is never planned again; a bad address is reported, not sent; `only` limits the kinds', () => {
    const ps = [person({ mailLog: '申込確認 要確認 2025-07-01 09:00' }), person({ email: 'nope' }), person({ status: 'キャンセル待ち' })];
    const p = plan('2025-07-01T10:00:00', ps);
    expect(due(p)).toEqual(['waitlist p3@example.jp']);
    expect(p.inDoubt).toEqual([{ row: 2, kind: 'confirmation' }]);
    expect(p.problems).toEqual([expect.objectContaining({ row: 3, column: 'メール', code: 'badEmail' })]);
    expect(due(plan('2025-12-13T10:00:00', [person({ attended: true })], { only: ['confirmation', 'waitlist', 'promotion'] }))).toEqual([]);
  });

  test('a walk-in (経路 当日) gets no registration mail or reminder and takes no seat from the waitlist; as an attendee, the thank-you', () => {
    const ps = [
      person({ mailLog: '申込確認 2025-07-01 09:01' }), person({ mailLog: '申込確認 2025-07-01 09:02' }),
      person({ route: '当日', attended: true }), person({ status: 'キャンセル待ち', mailLog: 'キャンセル待ち 2025-07-01 09:04' }),
      person({ status: '取消', mailLog: '申込確認 2025-07-01 09:05' }),
    ];
    // 定員 2, two 申込 and a walk-in: no free seat, nothing for the walk-in before the event.
    const before = plan('2025-12-10T14:00:00', ps);
    expect(before.promotions).toEqual([]);
    expect(due(before)).toEqual(['reminder p1@example.jp', 'reminder p2@example.jp']);
    expect(before.problems).toEqual([]);
    expect(due(plan('2025-12-12T17:00:00', ps))).toEqual(['thanks p3@example.jp']);
  });

  test('the where lines follow 参加形態: venue and access on site, the link online; an empty 問い合わせ先 leaves its line out', () => {
    const p = plan('2025-07-01T10:00:00', [person(), person({ attendanceMode: 'オンライン' })], { settings: { ...SETTINGS, contact: '' } });
    expect(p.due[0]!.body).toContain('参加方法: 対面\n会場: 研修室\nアクセス: 駅から徒歩5分\n\n');
    expect(p.due[1]!.body).toContain('参加方法: オンライン\n参加URL: https://meet.example/abc\n\n');
    expect(p.due[0]!.body).not.toContain('お問い合わせ');
    expect(p.due[0]!.body).toMatch(/――――\nネット$/);
  });

  test('an old event never floods: nothing for registrations of an event that has started, nothing 14 days after it', () => {
    const ps = [person(), person({ status: 'キャンセル待ち' }), person({ attended: true })];
    expect(plan('2026-01-10T10:00:00', ps).due).toEqual([]);
  });

  test('an edited template is used; an unknown placeholder is reported once', () => {
    const ps = [person(), person()];
    const p = plan('2025-07-01T10:00:00', ps, { templates: { confirmation: { subject: '受付 {{行事名}}', body: '{{氏名}}さん {{会費}}' } } });
    expect(p.due.map((m) => [m.subject, m.body])).toEqual([['受付 研修', '参加者1さん {{会費}}'], ['受付 研修', '参加者2さん {{会費}}']]);
    expect(p.problems.filter((x) => x.code === 'unknownPlaceholder')).toHaveLength(1);
  });
});
