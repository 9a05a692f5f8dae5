/**
 * Participant mail, pure: which mails are due (from the ledger, 行事 and the clock), their text from the editable
 * templates (メール文面), and the 送信記録 cell that says what was sent. The workspace layer (workspace/mail.ts) reads,
 * sends and records; issues 16 and 17 send agency and company mail through the same engine with their own kinds.
 *
 * Decisions, so that a coordinator can predict what goes out:
 * - Registration mails (confirmation, waitlist, promotion) go only before the event starts; a reminder only while the
 *   event is ahead and only to someone whose confirmation went out before the reminder window opened; thank-you and
 *   the survey reminder only within THANKS_WINDOW_DAYS after the event. Old events never trigger a flood of mail when
 *   the feature is first used.
 * - 配信停止 stops reminders, thank-you and survey reminders; the answers to the person's own registration
 *   (confirmation, waitlist place, promotion) still go, since they asked for them.
 * - Promotion: while an event has not started, the first キャンセル待ち (by 申込日時, then row) takes each free seat;
 *   a capacity lowered below the registrants moves nobody back (they were told they have a seat): it is reported.
 * - Survey reminder: the survey is anonymous, so who answered is unknown; the one reminder (if 設定 names a day)
 *   goes to every attendee and says "if you have already answered, thank you". Nothing in a survey link or answer
 *   is tied to a person.
 */
import { CivilDate, formatSeireki, formatWareki } from './ja';
import { isEmail as isValidEmail } from './email';

export const MAIL_KINDS = ['confirmation', 'waitlist', 'promotion', 'reminder', 'thanks', 'survey-reminder'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/** The label volunteers see in 送信記録 and in メール文面's 種類 column. */
export const MAIL_KIND_LABELS: Record<MailKind, string> = {
  confirmation: '申込確認',
  waitlist: 'キャンセル待ち',
  promotion: '繰り上げ',
  reminder: 'リマインド',
  thanks: 'お礼',
  'survey-reminder': 'アンケート再送',
};

/** How long after an event its thank-you and survey reminder may still go out. */
export const THANKS_WINDOW_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

// ---------- templates ----------

export interface MailTemplate { subject: string; body: string }

/** Placeholders, written as in the pamphlet template: {{氏名}}. */
export const PLACEHOLDERS = ['氏名', '行事名', '日時', '会場', 'アクセス', 'オンライン参加URL', '参加方法', '順番', 'アンケートURL', 'ネットワーク名', '問い合わせ先'] as const;

const FOOTER = '\n\n――――\n{{ネットワーク名}}\nお問い合わせ: {{問い合わせ先}}\n（このメールは送信専用ではありません。ご返信いただけます。）';
const CANCEL = 'ご都合が悪くなった場合は、このメールに「キャンセル」とご返信ください。担当者が取消の手続きをします（キャンセル待ちの方に席をお譲りします）。';

/** Default texts, written for support staff; 初期設定 puts them into メール文面, where the coordinator edits them. */
export const DEFAULT_TEMPLATES: Record<MailKind, MailTemplate> = {
  confirmation: {
    subject: '【申込受付】{{行事名}}',
    body: `{{氏名}} 様\n\n{{行事名}} へのお申し込みを受け付けました。\n\n日時: {{日時}}\n{{参加方法}}\n\n添付の予定ファイル（.ics）を開くと、カレンダーに登録できます。\n${CANCEL}${FOOTER}`,
  },
  waitlist: {
    subject: '【キャンセル待ち】{{行事名}}',
    body: `{{氏名}} 様\n\n{{行事名}} は定員に達したため、キャンセル待ち（{{順番}}番目）として受け付けました。\n席が空きしだい、順番にメールでお知らせします。\n\n日時: {{日時}}\n\nキャンセル待ちを取り下げる場合は、このメールにご返信ください。${FOOTER}`,
  },
  promotion: {
    subject: '【参加確定】{{行事名}}（キャンセル待ちから繰り上げ）',
    body: `{{氏名}} 様\n\nキャンセルが出たため、{{行事名}} にご参加いただけることになりました。\n\n日時: {{日時}}\n{{参加方法}}\n\n添付の予定ファイル（.ics）を開くと、カレンダーに登録できます。\n${CANCEL}${FOOTER}`,
  },
  reminder: {
    subject: '【リマインド】{{行事名}}（{{日時}}）',
    body: `{{氏名}} 様\n\n{{行事名}} が近づいてきましたのでお知らせします。\n\n日時: {{日時}}\n{{参加方法}}\n\n${CANCEL}${FOOTER}`,
  },
  thanks: {
    subject: '【ご参加のお礼】{{行事名}}',
    body: `{{氏名}} 様\n\n{{行事名}} にご参加いただき、ありがとうございました。\nよろしければアンケートにご協力ください（無記名です。どなたの回答かは分かりません）。\n{{アンケートURL}}${FOOTER}`,
  },
  'survey-reminder': {
    subject: '【アンケートのお願い】{{行事名}}',
    body: `{{氏名}} 様\n\n先日は {{行事名}} にご参加いただき、ありがとうございました。\nアンケートにまだご回答でなければ、ご協力をお願いします（無記名です）。\n{{アンケートURL}}\n\nすでにご回答いただいた方は、行き違いをご容赦ください（回答は匿名のため、どなたが回答済みかは分かりません）。${FOOTER}`,
  },
};

/** Fills {{名前}} placeholders (spaces inside the braces allowed); unknown names are returned, their text left as typed. */
export function fillTemplate(text: string, values: Readonly<Record<string, string>>): { text: string; unknown: string[] } {
  const unknown: string[] = [];
  const filled = text.replace(/\{\{[\s\u3000]*([^{}]+?)[\s\u3000]*\}\}/g, (whole, name: string) => {
    if (name in values) return values[name]!;
    if (!unknown.includes(name)) unknown.push(name);
    return whole;
  });
  return { text: filled, unknown };
}

// ---------- 送信記録 ----------

export type RecordState = 'sent' | 'inDoubt';
export interface SendRecord { kind: MailKind; state: RecordState; at: string }

const IN_DOUBT = '要確認';
const LABEL_TO_KIND = new Map(MAIL_KINDS.map((k) => [MAIL_KIND_LABELS[k], k]));

/** The cell's lines; lines a person typed that are not records are kept as they are (not parsed, never dropped). */
export function parseSendLog(cell: string): { records: SendRecord[]; other: string[] } {
  const records: SendRecord[] = [];
  const other: string[] = [];
  for (const line of cell.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '')) {
    const [label, second, ...rest] = line.split(/[\s\u3000]+/);
    const kind = LABEL_TO_KIND.get(label ?? '');
    if (!kind) { other.push(line); continue; }
    if (second === IN_DOUBT) records.push({ kind, state: 'inDoubt', at: rest.join(' ') });
    else records.push({ kind, state: 'sent', at: [second, ...rest].filter(Boolean).join(' ') });
  }
  return { records, other };
}

export function formatRecord(r: SendRecord): string {
  return r.state === 'inDoubt' ? `${MAIL_KIND_LABELS[r.kind]} ${IN_DOUBT} ${r.at}` : `${MAIL_KIND_LABELS[r.kind]} ${r.at}`;
}

/** The cell with one more record (other lines kept, in place). */
export function appendRecord(cell: string, record: SendRecord): string {
  const trimmed = cell.replace(/\s+$/, '');
  return trimmed === '' ? formatRecord(record) : `${trimmed}\n${formatRecord(record)}`;
}

// ---------- planning ----------

export interface MailEvent {
  id: string;
  title: string;
  start: Date | null;
  end: Date | null;
  venue: string;
  access: string;
  onlineUrl: string;
  surveyUrl: string;
  capacity: number | null;
}

export interface MailParticipant {
  responseId: string;
  eventId: string;
  name: string;
  email: string;
  attendanceMode: string;
  registeredAt: Date | null;
  status: string;
  attended: boolean;
  optOut: boolean;
  mailLog: string;
  /** Sheet row, for messages (and as the tie-break after 申込日時). */
  row: number;
}

export interface MailSettings {
  reminderDays: number;
  /** null: no survey reminder. */
  surveyReminderDays: number | null;
  networkName: string;
  contact: string;
  timeZone: string;
}

export interface PlannedMail {
  /** responseId + kind: what the in-flight list and 送信記録 identify a mail by. */
  id: string;
  responseId: string;
  eventId: string;
  kind: MailKind;
  to: string;
  subject: string;
  body: string;
  /** The event's .ics goes with the mails that give a seat. */
  withIcs: boolean;
}

export interface UpcomingMail { kind: MailKind; eventId: string; at: Date; count: number }

/** A problem as a message code (rendered by i18n in the workspace layer, messages.ts `mail.problem.*`). */
export interface MailProblem {
  row: number;
  column: string;
  code: 'overCapacity' | 'badEmail' | 'noSurvey' | 'unknownPlaceholder';
  params: Record<string, string | number>;
}

export interface MailPlan {
  /** Rows whose 状態 becomes 申込 (promoted from キャンセル待ち). */
  promotions: { responseId: string; row: number }[];
  /** Due now, in sending order. */
  due: PlannedMail[];
  /** Mails still ahead (reminders, thank-you, survey reminder), by event and time: the sidebar's schedule. */
  upcoming: UpcomingMail[];
  /** Mails whose sending is in doubt (要確認 in 送信記録): never sent again by the add-on. */
  inDoubt: { row: number; kind: MailKind }[];
  problems: MailProblem[];
  /** When the next mail falls due (now, when `only` left something due aside); null: nothing ahead. */
  nextAt: Date | null;
}

export const mailId = (responseId: string, kind: MailKind) => `${responseId}|${kind}`;

interface ZonedParts extends CivilDate { hour: string; minute: string }

function zoned(date: Date, timeZone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const p of new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(date)) parts[p.type] = p.value;
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: parts.hour!, minute: parts.minute! };
}

/** 令和7年8月22日（2025年8月22日(金)）13:30〜16:30 — 和暦, 西暦 with 曜日, and the times. */
export function formatEventDate(start: Date, end: Date | null, timeZone: string): string {
  const s = zoned(start, timeZone);
  const day = `${formatWareki(s)}（${formatSeireki(s)}）`;
  if (!end) return `${day}${s.hour}:${s.minute}〜`;
  const e = zoned(end, timeZone);
  const sameDay = e.year === s.year && e.month === s.month && e.day === s.day;
  return `${day}${s.hour}:${s.minute}〜${sameDay ? '' : `${formatWareki(e)}（${formatSeireki(e)}）`}${e.hour}:${e.minute}`;
}

/** How to get there, for the participant's 参加形態: the venue and access, or the online link. */
export function howToJoin(event: MailEvent, attendanceMode: string): string {
  if (attendanceMode === 'オンライン') return event.onlineUrl ? `参加方法: オンライン\n参加URL: ${event.onlineUrl}` : '参加方法: オンライン（参加URLは前日までにお送りします）';
  const lines = [`会場: ${event.venue || '（追ってお知らせします）'}`];
  if (event.access) lines.push(`アクセス: ${event.access}`);
  return lines.join('\n');
}

const REGISTERED = '申込';
const WAITLISTED = 'キャンセル待ち';

function byRegistration(a: MailParticipant, b: MailParticipant): number {
  const ta = a.registeredAt?.getTime() ?? Number.MAX_SAFE_INTEGER;
  const tb = b.registeredAt?.getTime() ?? Number.MAX_SAFE_INTEGER;
  return ta - tb || a.row - b.row;
}

export interface PlanInput {
  now: Date;
  events: readonly MailEvent[];
  participants: readonly MailParticipant[];
  templates: Partial<Record<MailKind, MailTemplate>>;
  settings: MailSettings;
  /** Only these kinds (the form-submit trigger sends the registration mails only). */
  only?: readonly MailKind[];
}

/**
 * Promotions, then every mail due at `now`, then what is still ahead. Promotions happen in the plan (status changes in
 * memory), so a promoted row gets its promotion mail in the same run.
 */
export function planMail(input: PlanInput): MailPlan {
  const { now, settings } = input;
  const plan: MailPlan = { promotions: [], due: [], upcoming: [], inDoubt: [], problems: [], nextAt: null };
  const rows = input.participants.map((p) => ({ ...p }));
  const byEvent = new Map<string, typeof rows>();
  for (const r of rows) byEvent.set(r.eventId, [...(byEvent.get(r.eventId) ?? []), r]);
  const templates = { ...DEFAULT_TEMPLATES, ...input.templates };
  const wanted = (k: MailKind) => !input.only || input.only.includes(k);
  const upcoming = new Map<string, UpcomingMail>();
  const ahead = (kind: MailKind, eventId: string, at: Date) => {
    const key = `${eventId}|${kind}|${at.getTime()}`;
    const u = upcoming.get(key) ?? { kind, eventId, at, count: 0 };
    u.count++;
    upcoming.set(key, u);
  };

  for (const event of input.events) {
    const list = byEvent.get(event.id) ?? [];
    if (!event.start || list.length === 0) continue;
    const started = now.getTime() >= event.start.getTime();
    // ---- promotion ----
    if (!started && event.capacity !== null) {
      const registered = list.filter((r) => r.status === REGISTERED).length;
      const waiting = list.filter((r) => r.status === WAITLISTED).sort(byRegistration);
      for (const r of waiting.slice(0, Math.max(0, event.capacity - registered))) {
        r.status = REGISTERED;
        plan.promotions.push({ responseId: r.responseId, row: r.row });
      }
      if (registered > event.capacity) {
        plan.problems.push({ row: 0, column: '定員', code: 'overCapacity', params: { event: event.id, registered, capacity: event.capacity } });
      }
    }
    const waitOrder = list.filter((r) => r.status === WAITLISTED).sort(byRegistration);
    const end = event.end ?? event.start;
    const reminderAt = new Date(event.start.getTime() - settings.reminderDays * DAY_MS);
    const thanksUntil = end.getTime() + THANKS_WINDOW_DAYS * DAY_MS;
    const surveyAt = settings.surveyReminderDays === null ? null : new Date(end.getTime() + settings.surveyReminderDays * DAY_MS);
    const values = (r: MailParticipant): Record<string, string> => ({
      氏名: r.name.trim(), 行事名: event.title, 日時: formatEventDate(event.start!, event.end, settings.timeZone), 会場: event.venue,
      アクセス: event.access, オンライン参加URL: event.onlineUrl, 参加方法: howToJoin(event, r.attendanceMode),
      順番: String(waitOrder.indexOf(r) + 1), アンケートURL: event.surveyUrl, ネットワーク名: settings.networkName, 問い合わせ先: settings.contact,
    });

    for (const r of list) {
      const log = parseSendLog(r.mailLog);
      for (const d of log.records.filter((x) => x.state === 'inDoubt')) plan.inDoubt.push({ row: r.row, kind: d.kind });
      const has = (k: MailKind) => log.records.some((x) => x.kind === k);
      const sentAt = (k: MailKind) => log.records.find((x) => x.kind === k && x.state === 'sent')?.at ?? null;
      let kind: MailKind | null = null;
      if (!started && r.status === REGISTERED && !has('confirmation') && !has('promotion')) kind = has('waitlist') ? 'promotion' : 'confirmation';
      else if (!started && r.status === WAITLISTED && !has('waitlist') && !has('confirmation') && !has('promotion')) kind = 'waitlist';
      const queue: { kind: MailKind; at: Date }[] = [];
      if (kind) queue.push({ kind, at: now });
      if (!r.optOut && r.status === REGISTERED && !started && !has('reminder')) {
        // Someone confirmed inside the window has just read the details: no reminder right after the confirmation.
        const confirmedAt = sentAt('confirmation') ?? sentAt('promotion');
        const confirmedLate = kind !== null || (confirmedAt !== null && confirmedAt >= stamp(reminderAt, settings.timeZone));
        if (!confirmedLate) queue.push({ kind: 'reminder', at: reminderAt });
      }
      if (!r.optOut && r.attended && r.status !== '取消' && now.getTime() < thanksUntil) {
        if (!has('thanks')) queue.push({ kind: 'thanks', at: end });
        if (surveyAt && !has('survey-reminder')) queue.push({ kind: 'survey-reminder', at: surveyAt });
      } else if (!r.optOut && r.status === REGISTERED && !started) {
        // Not attended yet: the thank-you is ahead for whoever is ticked 出席 on the day.
        ahead('thanks', event.id, end);
      }
      for (const q of queue) {
        if (q.at.getTime() > now.getTime()) { ahead(q.kind, event.id, q.at); continue; }
        if (!wanted(q.kind)) { plan.nextAt = now; continue; }
        if (q.kind === 'survey-reminder' && !has('thanks') && !queue.some((x) => x.kind === 'thanks')) continue;
        const email = r.email.trim();
        if (!isValidEmail(email)) {
          plan.problems.push({ row: r.row, column: 'メール', code: 'badEmail', params: { kind: MAIL_KIND_LABELS[q.kind], email } });
          continue;
        }
        if ((q.kind === 'thanks' || q.kind === 'survey-reminder') && event.surveyUrl === '') {
          plan.problems.push({ row: r.row, column: 'アンケートフォーム', code: 'noSurvey', params: { event: event.id, kind: MAIL_KIND_LABELS[q.kind] } });
          continue;
        }
        const template = templates[q.kind];
        const v = values(r);
        const subject = fillTemplate(template.subject, v);
        const body = fillTemplate(template.body, v);
        const unknown = [...subject.unknown, ...body.unknown.filter((u) => !subject.unknown.includes(u))];
        if (unknown.length) plan.problems.push({ row: 0, column: MAIL_KIND_LABELS[q.kind], code: 'unknownPlaceholder', params: { kind: MAIL_KIND_LABELS[q.kind], names: unknown.map((u) => `{{${u}}}`).join('、'), known: PLACEHOLDERS.map((p) => `{{${p}}}`).join('、') } });
        plan.due.push({
          id: mailId(r.responseId, q.kind), responseId: r.responseId, eventId: event.id, kind: q.kind, to: email,
          subject: subject.text.replace(/[\r\n]+/g, ' '), body: body.text, withIcs: q.kind === 'confirmation' || q.kind === 'promotion',
        });
      }
    }
  }
  plan.due.sort((a, b) => MAIL_KINDS.indexOf(a.kind) - MAIL_KINDS.indexOf(b.kind));
  // One problem line per template, not per participant.
  const same = (a: MailProblem, b: MailProblem) => a.code === b.code && JSON.stringify(a.params) === JSON.stringify(b.params);
  plan.problems = plan.problems.filter((p, i, all) => p.row !== 0 || all.findIndex((q) => q.row === 0 && same(p, q)) === i);
  plan.upcoming = [...upcoming.values()].sort((a, b) => a.at.getTime() - b.at.getTime() || a.eventId.localeCompare(b.eventId));
  plan.nextAt ??= plan.upcoming[0]?.at ?? null;
  return plan;
}

/** yyyy-mm-dd HH:mm in the zone: the form 送信記録 is written in, so records compare as text. */
export function stamp(date: Date, timeZone: string): string {
  const z = zoned(date, timeZone);
  return `${z.year}-${String(z.month).padStart(2, '0')}-${String(z.day).padStart(2, '0')} ${z.hour}:${z.minute}`;
}

/** Whole days, from a 設定 value; '' or unreadable gives the fallback. */
export function parseDays(value: string, fallback: number | null): number | null {
  const n = Number(value.normalize('NFKC').replace(/日.*$/, '').trim());
  return value.trim() !== '' && Number.isFinite(n) && n >= 0 ? n : fallback;
}
