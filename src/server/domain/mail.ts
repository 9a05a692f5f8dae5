/**
 * Participant mail, pure: which mails are due (from the ledger, 行事 and the clock), their text from the editable
 * templates (メール文面, filled by the one template engine, domain/template.ts), and the 送信記録 cell that says what was
 * sent. The workspace layer (workspace/mail.ts) reads, sends and records; the sidebar runs the same plan on the data
 * the server reads (src/client/sections/mail.ts), so the preview is exactly what a send would do.
 *
 * Decisions, so that a coordinator can predict what goes out:
 * - Registration mails (confirmation, waitlist, promotion) go only before the event starts; a reminder only while the
 *   event is ahead and only to someone whose confirmation went out before the reminder window opened; thank-you and
 *   the survey reminder only within THANKS_WINDOW_DAYS after the event. Old events never trigger a flood of mail when
 *   the feature is first used.
 * - 配信停止 stops reminders, thank-you and survey reminders; the answers to the person's own registration
 *   (confirmation, waitlist place, promotion) still go, since they asked for them.
 * - A walk-in (経路 当日, added by the self check-in on the day) gets no registration mail and no reminder, and takes no
 *   seat from the waitlist; as an attendee they get the thank-you.
 * - Promotion: while an event has not started, the first キャンセル待ち (by 申込日時, then row) takes each free seat;
 *   a capacity lowered below the registrants moves nobody back (they were told they have a seat): it is reported.
 * - 参加証明書 (certificate) mail goes only on request: to the people the caller names, each with their own PDF, once
 *   (配信停止 aside: it was asked for); it is never planned from the ledger alone.
 * - Survey reminder: the survey is anonymous, so who answered is unknown; the one reminder (if 設定 names a day)
 *   goes to every attendee and says "if you have already answered, thank you". Nothing in a survey link or answer
 *   is tied to a person.
 */
import { CivilDate, formatSeireki, formatWareki, formatZoned } from './dates';
import { isEmail } from './email';
import { fillLines, placeholdersIn } from './template';

// 'round': issue 16's request to an agency, and its one reminder (the same text, 【再送】; workspace/features/agencyRound.ts).
export const MAIL_KINDS = ['confirmation', 'waitlist', 'promotion', 'reminder', 'thanks', 'survey-reminder', 'certificate', 'round', 'consult-agency', 'consult-company', 'event-invite'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/** The label volunteers see in 送信記録 and in メール文面's 種類 column (sheet data, in the network's language). */
export const MAIL_KIND_LABELS: Record<MailKind, string> = {
  confirmation: '申込確認',
  waitlist: 'キャンセル待ち',
  promotion: '繰り上げ',
  reminder: 'リマインド',
  thanks: 'お礼',
  'survey-reminder': 'アンケート再送',
  certificate: '参加証明書',
  round: '掲載情報の確認',
  // 企業相談 (issue 17, domain/consultations.ts consultationMails): the assigned agency's request, the company's notice.
  'consult-agency': '担当依頼',
  'consult-company': '担当決定',
  // 行事の案内 (issue 17 item 6, workspace/features/eventInvites.ts): the announcement to an event's 招待先.
  'event-invite': '行事案内',
};

/** How long after an event its thank-you and survey reminder may still go out. */
export const THANKS_WINDOW_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface MailTemplate { subject: string; body: string }

// ---------- 送信記録 ----------

export type RecordState = 'sent' | 'inDoubt';
export interface SendRecord { kind: MailKind; state: RecordState; at: string }

const IN_DOUBT = '要確認';
const kindOfLabel = (label: string) => MAIL_KINDS.find((k) => MAIL_KIND_LABELS[k] === label);

/** The cell's lines; lines a person typed that are not records are kept as they are (not parsed, never dropped). */
export function parseSendLog(cell: string): { records: SendRecord[]; other: string[] } {
  const records: SendRecord[] = [];
  const other: string[] = [];
  for (const line of cell.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '')) {
    const [label = '', second, ...rest] = line.split(/[\s\u3000]+/);
    const kind = kindOfLabel(label);
    if (!kind) other.push(line);
    else if (second === IN_DOUBT) records.push({ kind, state: 'inDoubt', at: rest.join(' ') });
    else records.push({ kind, state: 'sent', at: [second, ...rest].filter(Boolean).join(' ') });
  }
  return { records, other };
}

/** The cell with one more record (other lines kept, in place). */
export function appendRecord(cell: string, r: SendRecord): string {
  const line = [MAIL_KIND_LABELS[r.kind], ...(r.state === 'inDoubt' ? [IN_DOUBT] : []), r.at].join(' ');
  const trimmed = cell.replace(/\s+$/, '');
  return trimmed === '' ? line : `${trimmed}\n${line}`;
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
  /** 回答id, or 手入力:<行事id>:<メール> for a row typed by hand: what a mail's id is made of. */
  responseId: string;
  eventId: string;
  name: string;
  email: string;
  attendanceMode: string;
  registeredAt: Date | null;
  status: string;
  attended: boolean;
  optOut: boolean;
  /** 経路 (フォーム, 手入力, 当日). */
  route: string;
  mailLog: string;
  /** Sheet row, for messages (and as the tie-break after 申込日時). */
  row: number;
}

export interface MailSettings {
  reminderDays: number;
  /** null: no survey reminder. */
  surveyReminderDays: number | null;
  networkName: string;
  /** 問い合わせ先 ('' leaves its line out of the mail). */
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

/** A problem as a message code (rendered by i18n, catalogue `mail.problem.*`); row 0: not a ledger row. */
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
  /** Mails still ahead (reminders, thank-you, survey reminder), one per person: `upcomingOf` groups them for the sidebar. */
  ahead: { kind: MailKind; eventId: string; at: Date }[];
  /** Mails whose sending is in doubt (要確認 in 送信記録): never sent again by the add-on. */
  inDoubt: { row: number; kind: MailKind }[];
  problems: MailProblem[];
  /** When the next mail falls due (now, when `only` left something due aside); null: nothing ahead. */
  nextAt: Date | null;
}

export const mailId = (responseId: string, kind: MailKind) => `${responseId}|${kind}`;

/** yyyy-mm-dd HH:mm in the zone: the form 送信記録 is written in, so records compare as text. */
export const stamp = (date: Date, timeZone: string) => formatZoned(date, timeZone, true);

/** 令和7年8月22日（2025年8月22日(金)）13:30〜16:30 — 和暦, 西暦 with 曜日, and the times. */
export function formatEventDate(start: Date, end: Date | null, timeZone: string): string {
  const day = (s: string) => {
    const [year, month, d] = s.split(/[- ]/).map(Number) as [number, number, number];
    const c: CivilDate = { year, month, day: d };
    return `${formatWareki(c)}（${formatSeireki(c)}）`;
  };
  const s = stamp(start, timeZone);
  const e = end ? stamp(end, timeZone) : '';
  return `${day(s)}${s.slice(11)}〜${e.slice(0, 10) === s.slice(0, 10) || !e ? '' : day(e)}${e.slice(11)}`;
}

const REGISTERED = '申込';
const WAITLISTED = 'キャンセル待ち';
/** 経路 of a walk-in (domain/checkin.ts WALK_IN_ROUTE; not imported, so that the sidebar's bundle stays small). */
const WALK_IN = '当日';

function byRegistration(a: MailParticipant, b: MailParticipant): number {
  const ta = a.registeredAt?.getTime() ?? Number.MAX_SAFE_INTEGER;
  const tb = b.registeredAt?.getTime() ?? Number.MAX_SAFE_INTEGER;
  return ta - tb || a.row - b.row;
}

export interface PlanInput {
  now: Date;
  events: readonly MailEvent[];
  participants: readonly MailParticipant[];
  templates: Readonly<Record<MailKind, MailTemplate>>;
  settings: MailSettings;
  /** Only these kinds (the form-submit trigger sends the registration mails only). */
  only?: readonly MailKind[];
  /** People (MailParticipant.responseId) whose 参加証明書 PDF is ready to go: a certificate mail each, unless sent. */
  certificates?: readonly string[];
}

/**
 * Promotions, then every mail due at `now`, then what is still ahead. Promotions happen in the plan (status changes in
 * memory), so a promoted row gets its promotion mail in the same run.
 */
export function planMail(input: PlanInput): MailPlan {
  const { now, settings } = input;
  const plan: MailPlan = { promotions: [], due: [], ahead: [], inDoubt: [], problems: [], nextAt: null };
  const ahead = (kind: MailKind, eventId: string, at: Date) => {
    plan.ahead.push({ kind, eventId, at });
    if (!plan.nextAt || at < plan.nextAt) plan.nextAt = at;
  };
  const reported = new Set<string>();
  const problem = (p: MailProblem) => {
    const key = JSON.stringify(p);
    if (!reported.has(key)) plan.problems.push(p);
    reported.add(key);
  };

  for (const event of input.events) {
    const list = input.participants.filter((r) => r.eventId === event.id).map((r) => ({ ...r }));
    if (!event.start || list.length === 0) continue;
    const started = now.getTime() >= event.start.getTime();
    // ---- promotion (walk-ins take no seat from the waitlist) ----
    if (!started && event.capacity !== null) {
      const registered = list.filter((r) => r.status === REGISTERED && r.route !== WALK_IN).length;
      for (const r of list.filter((x) => x.status === WAITLISTED).sort(byRegistration).slice(0, Math.max(0, event.capacity - registered))) {
        r.status = REGISTERED;
        plan.promotions.push({ responseId: r.responseId, row: r.row });
      }
      if (registered > event.capacity) problem({ row: 0, column: '定員', code: 'overCapacity', params: { event: event.id, registered, capacity: event.capacity } });
    }
    const waitOrder = list.filter((r) => r.status === WAITLISTED).sort(byRegistration);
    const end = event.end ?? event.start;
    const reminderAt = new Date(event.start.getTime() - settings.reminderDays * DAY_MS);
    const surveyAt = settings.surveyReminderDays === null ? null : new Date(end.getTime() + settings.surveyReminderDays * DAY_MS);
    const when = formatEventDate(event.start, event.end, settings.timeZone);

    for (const r of list) {
      const log = parseSendLog(r.mailLog).records;
      for (const d of log) if (d.state === 'inDoubt') plan.inDoubt.push({ row: r.row, kind: d.kind });
      const has = (k: MailKind) => log.some((x) => x.kind === k);
      const sentAt = (k: MailKind) => log.find((x) => x.kind === k && x.state === 'sent')?.at ?? null;
      const told = has('confirmation') || has('promotion');
      const walkIn = r.route === WALK_IN;
      let kind: MailKind | null = null;
      if (!started && !walkIn && r.status === REGISTERED && !told) kind = has('waitlist') ? 'promotion' : 'confirmation';
      else if (!started && r.status === WAITLISTED && !told && !has('waitlist')) kind = 'waitlist';
      const queue: { kind: MailKind; at: Date }[] = kind ? [{ kind, at: now }] : [];
      if (input.certificates?.includes(r.responseId) && !has('certificate')) queue.push({ kind: 'certificate', at: now });
      if (!r.optOut && !walkIn && r.status === REGISTERED && !started && !has('reminder')) {
        // Someone confirmed inside the window has just read the details: no reminder right after the confirmation.
        const confirmedAt = sentAt('confirmation') ?? sentAt('promotion');
        if (kind === null && (confirmedAt === null || confirmedAt < stamp(reminderAt, settings.timeZone))) queue.push({ kind: 'reminder', at: reminderAt });
      }
      if (!r.optOut && r.attended && r.status !== '取消' && now.getTime() < end.getTime() + THANKS_WINDOW_DAYS * DAY_MS) {
        if (!has('thanks')) queue.push({ kind: 'thanks', at: end });
        if (surveyAt && !has('survey-reminder')) queue.push({ kind: 'survey-reminder', at: surveyAt });
      } else if (!r.optOut && r.status === REGISTERED && !started) {
        // Not attended yet: the thank-you is ahead for whoever is ticked 出席 on the day.
        ahead('thanks', event.id, end);
      }
      for (const q of queue) {
        if (q.at > now) { ahead(q.kind, event.id, q.at); continue; }
        if (input.only && !input.only.includes(q.kind)) { ahead(q.kind, event.id, now); continue; }
        if (q.kind === 'survey-reminder' && !has('thanks') && !queue.some((x) => x.kind === 'thanks')) continue;
        const label = MAIL_KIND_LABELS[q.kind];
        const email = r.email.trim();
        if (!isEmail(email)) { problem({ row: r.row, column: 'メール', code: 'badEmail', params: { kind: label, email } }); continue; }
        if (q.kind === 'thanks' || q.kind === 'survey-reminder') {
          if (event.surveyUrl === '') { problem({ row: r.row, column: 'アンケートフォーム', code: 'noSurvey', params: { event: event.id, kind: label } }); continue; }
        }
        // The one template engine: a line whose placeholders are all empty is left out (会場 for an online
        // participant, the URL for one on site, an empty 問い合わせ先).
        const online = r.attendanceMode === 'オンライン';
        const values: Record<string, string> = {
          氏名: r.name.trim(), 行事名: event.title, 日時: when, 参加方法: r.attendanceMode, 会場: online ? '' : event.venue, アクセス: online ? '' : event.access,
          オンライン参加URL: online ? event.onlineUrl : '', 順番: String(waitOrder.indexOf(r) + 1), アンケートURL: event.surveyUrl,
          ネットワーク名: settings.networkName, 問い合わせ先: settings.contact,
        };
        const template = input.templates[q.kind];
        const unknown = [...new Set(placeholdersIn(template.subject + template.body).filter((n) => !(n in values)))];
        if (unknown.length) problem({ row: 0, column: label, code: 'unknownPlaceholder', params: { kind: label, names: unknown.map((u) => `{{${u}}}`).join('、'), known: Object.keys(values).map((u) => `{{${u}}}`).join('、') } });
        plan.due.push({
          id: mailId(r.responseId, q.kind), responseId: r.responseId, eventId: event.id, kind: q.kind, to: email,
          subject: fillLines(template.subject, values).replace(/[\r\n]+/g, ' '), body: fillLines(template.body, values), withIcs: q.kind === 'confirmation' || q.kind === 'promotion',
        });
      }
    }
  }
  plan.due.sort((a, b) => MAIL_KINDS.indexOf(a.kind) - MAIL_KINDS.indexOf(b.kind));
  return plan;
}

/** The sidebar's schedule: mails ahead by event, kind and time, with how many (only the sidebar calls this). */
export function upcomingOf(ahead: MailPlan['ahead']): UpcomingMail[] {
  const grouped = new Map<string, UpcomingMail>();
  for (const a of ahead) {
    const key = `${a.eventId}|${a.kind}|${a.at.getTime()}`;
    const u = grouped.get(key) ?? { ...a, count: 0 };
    u.count++;
    grouped.set(key, u);
  }
  return [...grouped.values()].sort((a, b) => a.at.getTime() - b.at.getTime() || a.eventId.localeCompare(b.eventId));
}

/** Whole days, from a 設定 value; '' or unreadable gives the fallback. */
export function parseDays(value: string, fallback: number | null): number | null {
  const n = Number(value.normalize('NFKC').replace(/日.*$/, '').trim());
  return value.trim() !== '' && Number.isFinite(n) && n >= 0 ? n : fallback;
}
