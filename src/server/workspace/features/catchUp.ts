/**
 * Responses nobody recorded yet: a form-submit firing that could not get the document lock (a burst: forty people
 * submit within a minute, each firing holds the lock for a few seconds) leaves its response in the response sheet and
 * a cheap mark in Document Properties; the next firing reconciles the whole sheet anyway, and when there is no next
 * firing — the last ones of a burst — the hourly catch-up (a time-driven trigger installed with the form-submit
 * trigger; add-ons may run one at most hourly, developers.google.com/apps-script/guides/triggers/installable) runs
 * 「回答を同期」's reconcile. So no response waits for a coordinator's manual sync for more than about an hour.
 *
 * When nothing is pending the catch-up reads one property and writes its heartbeat: 3 calls, no lock, no sheet read.
 */
import type { SyncReport } from '../../../protocol';
import { EventsView, RESPONSES_OPERATION, Reconciled, reconcileAll } from './responses';
import { spreadsheetTimeZone } from '../tables';
import { flagAccommodations } from './accommodation';
import { tryWithDocumentLock } from '../lock';
import { logOperation } from '../log';
import { LOG_RESULT } from '../../domain/schema';
import { Lang, t } from '../../i18n/messages';
import { PENDING_KEY, markResponsesPending } from './pending';
import { MailLogLine, NEXT_CHECK_KEY, RECHECK_MS, logLineOf, mailAfterSync, mailCheckDue, sendDueMail } from '../mail';
import { documentProperties } from '../settings';
import { CONSULT_FORMS_KEY, MAIL_DUE as CONSULT_MAIL_DUE, MAIL_IN_FLIGHT as CONSULT_MAIL_IN_FLIGHT, consultationsHourly } from './consultations';

export { PENDING_KEY };

export const CATCH_UP_HANDLER = 'catchUpResponses';
/** The catch-up's heartbeat: when it last ran (ISO time); what it recorded goes to 操作ログ. */
export const HEARTBEAT_KEY = 'responses.catchUp';
/** How long the catch-up waits for the lock: a firing holds it for seconds; a user's long command may hold it longer. */
const CATCH_UP_LOCK_MS = 60_000;

export interface CatchUpResult { pending: boolean; reconciled: boolean; added: number; surveyResponsesAdded: number }

/** The hourly time-driven trigger: reconciles when a firing left work behind, and records a heartbeat either way. */
export function catchUpResponses(): CatchUpResult {
  const props = documentProperties();
  // One read for everything the hourly run decides on (the pending mark, and participant mail's schedule).
  const all = props.getProperties();
  const pending = all[PENDING_KEY] ?? null;
  const result: CatchUpResult = { pending: pending !== null, reconciled: false, added: 0, surveyResponsesAdded: 0 };
  let ss: GoogleAppsScript.Spreadsheet.Spreadsheet | null = null;
  if (pending !== null) {
    ss = SpreadsheetApp.getActiveSpreadsheet();
    const active = ss;
    const outcome = tryWithDocumentLock(() => reconcileClaimingPending(active, props).report, CATCH_UP_LOCK_MS);
    if (outcome.ran) {
      result.reconciled = true;
      result.added = outcome.value.added;
      result.surveyResponsesAdded = outcome.value.surveyResponsesAdded;
    }
  }
  const now = new Date();
  const written: Record<string, string> = { [HEARTBEAT_KEY]: now.toISOString() };
  // Participant mail (workspace/mail.ts): reminders, thank-you, promotions after a 取消 typed by hand, what the quota
  // left yesterday — when its planned check time has come (no extra call otherwise); it sets the next one.
  let mail: MailLogLine | null = null;
  // 企業相談's mail (issue 17): only when cued — mails left due (quota, a failure, an automatic assignment not yet
  // mailed) or a dead run's list in flight; otherwise the hourly run never reads 企業相談.
  const consult = CONSULT_FORMS_KEY in all && (!!all[CONSULT_MAIL_DUE] || ![undefined, '[]'].includes(all[CONSULT_MAIL_IN_FLIGHT]));
  if (pending !== null || mailCheckDue(all, now) || consult) {
    ss ??= SpreadsheetApp.getActiveSpreadsheet();
    const checked = scheduledMail(ss, consult);
    mail = checked.line;
    if (checked.next) written[NEXT_CHECK_KEY] = checked.next;
  } else if (all[NEXT_CHECK_KEY] === undefined) {
    written[NEXT_CHECK_KEY] = new Date(now.getTime() + RECHECK_MS).toISOString();
  }
  props.setProperties(written);
  // Last, as everywhere: the 操作ログ line is best effort once the work is saved.
  if (ss && (result.added || result.surveyResponsesAdded)) {
    logOperation(ss, RESPONSES_OPERATION, LOG_RESULT.ok, t('ja', 'responses.catchUp', { added: result.added, survey: result.surveyResponsesAdded }));
  }
  if (ss && mail) logOperation(ss, MAIL_OPERATION, mail.result, mail.details);
  return result;
}

/** The 操作ログ name of participant mail sent by the hourly run. */
export const MAIL_OPERATION = '参加者へのメール（定時）';

function scheduledMail(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, consult: boolean): { line: MailLogLine | null; next: string | null } {
  const outcome = tryWithDocumentLock(() => [sendDueMail(ss, 'ja'), ...(consult ? [consultationsHourly(ss)] : [])], CATCH_UP_LOCK_MS);
  if (!outcome.ran) return { line: null, next: null }; // the check stays due: the next hour
  // A failed send throws (logLineOf); the check stays due, so the next hour sends the rest.
  const lines = outcome.value.map(logLineOf).filter((l): l is MailLogLine => l !== null);
  const next = outcome.value.map((r) => r.nextCheck).filter(Boolean).sort()[0]!;
  return { line: lines.length ? { result: lines.some((l) => l.result !== '成功') ? '要確認' : '成功', details: lines.map((l) => l.details).join(' ') } : null, next };
}

/**
 * What the caller read under the same lock in this execution (「担当を引き継ぐ」): Document Properties, and 行事 as a
 * view. A firing that gives up after this read leaves its pending mark for the hourly run, which finds nothing left.
 */
export interface Known { all: Record<string, string>; events?: EventsView }

/**
 * 「回答を同期」 by hand (under the caller's lock): the same reconcile, and the pending mark it makes moot is cleared.
 * One more call when something is pending. `accommodations`: then the ledger's 「配慮事項あり」 (issue 19).
 */
export function syncResponsesClearingPending(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang = 'ja', accommodations = false, known?: Known): SyncReport {
  const { report, ledger, events, all } = reconcileClaimingPending(ss, documentProperties(), lang, known);
  // 取消 typed by hand promotes the first キャンセル待ち here, and a confirmation a failed firing left goes out — when
  // the user granted mail (the quota read says so, one call); without it the sync does what it did before. The ledger
  // just written and 行事 as read are handed on, as the form-submit trigger does: no sheet is read twice; メール文面,
  // 設定 and the quota only when there is something to send or write (mailAfterSync).
  const timeZone = spreadsheetTimeZone(ss);
  const mail = mailAfterSync(ss, timeZone, ledger, all, events);
  if (mail.length) report.mail = mail.map((l) => l.details).join(' ');
  if (accommodations) flagAccommodations(ss, all);
  return report;
}

/**
 * Clears the pending mark, then reconciles (under the document lock). In this order nothing is lost: a firing that
 * gave up before the mark was cleared had its response in the sheet before the reconcile reads it; one that gives up
 * after sets the mark again for the next hour. If the reconcile fails, the mark is put back.
 */
function reconcileClaimingPending(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, props: GoogleAppsScript.Properties.Properties, lang: Lang = 'ja', known?: Known): Reconciled & { all: Record<string, string> } {
  // One read of every property the reconcile needs (the pending mark, the forms it syncs), under the lock.
  const all = known?.all ?? props.getProperties();
  const claimed = all[PENDING_KEY] !== undefined;
  if (claimed) props.deleteProperty(PENDING_KEY);
  try {
    return { ...reconcileAll(ss, lang, all, known?.events), all };
  } catch (e) {
    if (claimed) markResponsesPending();
    throw e;
  }
}
