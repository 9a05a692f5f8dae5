/**
 * 「行事の案内を送信」 (issue 17 item 6): the selected 行事's announcement with its registration form's published link,
 * mailed to each address its 招待先 resolves to (domain/event-invites.ts, through 会議's resolver), through the one
 * mail engine's send loop (workspace/mail.ts sendPlanned) with the text of メール文面's 「行事案内」 row.
 *
 * Never twice per (event, address), as 掲載情報の確認 does (agencyRound.ts): the batch is recorded 要確認 in Document
 * Properties (bigProperty.ts, one write) before the first send and made 送信 after it; a send that throws was not sent
 * (workspace/mail.ts's assumption) and its record and the rest's are dropped, so the next run sends them; a run that
 * dies mid-batch leaves 要確認, never sent again by itself and listed by each later run (and in the result). As with the
 * other mails (a 送信記録 line deleted by the coordinator, workspace/mail.ts), only the coordinator releases a 要確認,
 * after asking the person: the sidebar sends the addresses chosen (`resend`) again, and only those still 要確認 for
 * this event under the lock — an address since recorded 送信 is never released, so a second click sends nothing. The
 * daily quota is read before the batch; what it leaves is sent by the next run.
 *
 * Calls: 行事, 団体 (and 関係機関 only when 招待先 names it) as views, メール文面/設定/行事 (the mail context), one
 * property read, the quota, two property writes around the batch, one sendEmail per address.
 */
import type { Problem } from '../../../protocol';
import { InviteRecord, planInvites } from '../../domain/event-invites';
import { PARTNER_TOKEN } from '../../domain/meetings';
import { PlannedMail, formatEventDate, stamp } from '../../domain/mail';
import { AGENCIES, EVENTS, PARTNERS } from '../../domain/schema';
import { formatProblem } from '../../domain/where';
import { Lang, t } from '../../i18n/messages';
import { fillLines } from '../../domain/template';
import { readList, writeList } from '../bigProperty';
import { UserFacingError, describeError } from '../errors';
import { readContext, sendPlanned } from '../mail';
import { documentProperties } from '../settings';
import { Table, spreadsheetTimeZone } from '../tables';
import { normaliseEmail } from '../../domain/email';
import { agencyContacts, partnerContacts, renderProblem } from './meetings';

const RECORD_KEY = 'invites.sent';

/** inDoubt: this event's 要確認 addresses after the run (the sidebar offers them to send again). */
export interface EventInviteResult { sent: number; left: number; problems: Problem[]; message: string; inDoubt: string[] }

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function sendEventInvites(ss: Spreadsheet, lang: Lang, eventId: string, resend?: unknown): EventInviteResult {
  const zone = spreadsheetTimeZone(ss);
  const row = Table.open(ss, EVENTS, zone, true).rows().find((r) => r.text('id').trim() === eventId);
  if (!row) throw new UserFacingError('forms.selectRow');
  const invitees = row.text('invitees');
  const formUrl = row.text('registrationForm').trim();
  const start = row.get('start');
  if (!invitees.trim() || !formUrl) throw new UserFacingError('invites.needs', { id: eventId });
  // An announcement invites people to register: not for an event already under way or past.
  if (!(start instanceof Date) || start <= new Date()) throw new UserFacingError('invites.closed', { id: eventId });

  const props = documentProperties();
  const stored = readList(props, RECORD_KEY);
  // The 要確認 records the coordinator released (the RPC's argument, checked: only addresses, only this event's 要確認).
  const again = new Set(Array.isArray(resend) ? resend.map((a) => normaliseEmail(String(a))) : []);
  const records = stored.values.map((v) => JSON.parse(v) as InviteRecord).filter((r) => !(r[0] === eventId && r[2] === '?' && again.has(r[1])));
  const plan = planInvites(eventId, invitees, row.rowNumber, agencyContacts(Table.open(ss, AGENCIES, zone, true).rows()),
    PARTNER_TOKEN.test(invitees.normalize('NFKC')) ? partnerContacts(Table.open(ss, PARTNERS, zone, true).rows()) : [], records);
  const problems = plan.problems.map((p) => ({ ...renderProblem(p, lang), sheet: EVENTS.name }));
  // An unreadable 招待先 (an unknown id or kind) sends nothing: fewer people than the row says would be told.
  const due = plan.problems.some((p) => p.severity === 'error') ? null : plan.due;

  const context = readContext(ss, zone);
  const batch = due?.length ? due.slice(0, Math.max(0, MailApp.getRemainingDailyQuota())) : [];
  const now = new Date();
  const at = stamp(now, zone);
  const end = row.get('end');
  const values = {
    行事名: row.text('title').trim(), 日時: formatEventDate(start, end instanceof Date ? end : null, zone), 会場: row.text('venue').trim(), アクセス: row.text('access').trim(),
    オンライン参加URL: row.text('onlineUrl').trim(), 申込フォーム: formUrl, ネットワーク名: context.settings.networkName, 問い合わせ先: context.settings.contact,
  };
  const text = context.templates['event-invite'];
  const mails = batch.map((to): PlannedMail => ({
    id: to, responseId: to, eventId, kind: 'event-invite', to, withIcs: false,
    subject: fillLines(text.subject, values).replace(/[\r\n]+/g, ' '), body: fillLines(text.body, values),
  }));
  // The batch's addresses had no record (domain planInvites): the records as read plus theirs, in one write.
  const mark = (tos: readonly string[], state: InviteRecord[2]) => {
    stored.chunks = writeList(props, RECORD_KEY, [...records, ...tos.map((to): InviteRecord => [eventId, to, state, at])].map((r) => JSON.stringify(r)), stored.chunks);
  };
  // Recorded 要確認 before the first send: a run that dies mid-batch never sends these again.
  if (mails.length) mark(batch, '?');
  const outcome = sendPlanned(null, mails, context, now);
  const sent = outcome.sent.map((m) => m.to);
  if (mails.length) {
    try {
      mark(sent, 'S');
    } catch (e) {
      // Once more, so that what went is recorded 送信 rather than 要確認; the failure is reported either way.
      mark(sent, 'S');
      throw e;
    }
  }
  const left = (due?.length ?? 0) - sent.length;
  const message = [
    due ? t(lang, 'invites.sent', { id: eventId, sent: sent.length }) : t(lang, 'invites.problems'),
    ...(outcome.error ? [describeError(new Error(outcome.error), lang).message] : left ? [t(lang, 'invites.left', { left })] : []),
    ...(plan.inDoubt.length ? [t(lang, 'invites.inDoubt', { count: plan.inDoubt.length, to: plan.inDoubt.join('、') })] : []),
    ...problems.map((p) => formatProblem(lang, p)),
  ].join('\n');
  return { sent: sent.length, left, problems, message, inDoubt: plan.inDoubt };
}
