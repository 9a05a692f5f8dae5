/**
 * The mail engine: the plan (domain/mail.ts) → MailApp, with a 送信記録 per participant so that no mail goes twice and
 * none is lost. Issues 16 and 17 reuse `sendPlanned` with their own plans.
 *
 * Never twice, at every call boundary (the caller holds the document lock, so no other run sends meanwhile):
 * 1. The batch's ids are written to Document Properties (mail.inFlight, one setProperties) before the first send.
 * 2. Each mail: one MailApp.sendEmail. One that throws was not sent (assumed: Google's exceptions — quota, invalid
 *    address, permission — are raised before sending) and stops the batch; what is left is sent by the next run.
 * 3. After the batch, 送信記録 of each sent mail's row is written (one Table flush), then the list is cleared. If that
 *    write fails, the ids sendEmail accepted are first marked sent in the list (one call), then the failure is reported.
 * A run whose 送信記録 write failed (a header renamed meanwhile, a service error) leaves marked ids: the next run
 * records them as sent. A run that died before the mark (the execution killed mid-batch) leaves unmarked ids: the next
 * run marks each not recorded in 送信記録 as 「要確認」 — sent or not, nobody can tell — and never sends it again; the
 * coordinator asks the person and deletes the line to resend. That is reported, not guessed.
 *
 * Quota: MailApp.getRemainingDailyQuota() before a batch (https://developers.google.com/apps-script/reference/mail/mail-app#getRemainingDailyQuota());
 * a batch never exceeds it; the rest is sent by the hourly run once the quota is back, from where it stopped (the
 * plan is made from 送信記録, so "where it stopped" needs no bookmark).
 *
 * Calls: the reads (the ledger as a Table; 行事, メール文面, 設定 read-only), 4 property calls, one quota call, one blob
 * per event with a confirmation, one sendEmail per mail, one ledger flush. Nothing else grows with the participants.
 */
import type { MailPreviewData, MailRunReport, Problem } from '../../protocol';
import { EVENTS, KeysOf, LEDGER, MAIL_TEMPLATES, SETTINGS, SheetDef } from '../domain/schema';
import {
  MAIL_KINDS, MAIL_KIND_LABELS, MailEvent, MailKind, MailParticipant, MailPlan, MailProblem, MailSettings, MailTemplate, PlannedMail, appendRecord,
  parseDays, parseSendLog, planMail, stamp,
} from '../domain/mail';
import { eventIcs } from '../domain/ics';
import { parseCapacity } from '../domain/events';
import { normaliseEmail } from '../domain/email';
import { formatProblem } from '../domain/where';
import { Lang, MessageKey, list, t } from '../i18n/messages';
import { chunkKey, chunkList, listFrom, readList } from './bigProperty';
import { Table, headerKey, sheetValues, spreadsheetTimeZone } from './tables';
import { describeError, renderProblems, errorText } from './errors';
import { SCOPES } from '../scopes';
import { missingGrants } from './auth';
import { DEFAULT_SETTINGS, SETTING, SettingKey } from '../domain/settings';
import { documentProperties } from './settings';
import { expired } from './deadline';

export const MAIL_SCOPE = SCOPES.mail;
export const MAIL_SCOPES = [SCOPES.sheets, SCOPES.mail] as const;
/** The batch being sent (ids), between the first send and the 送信記録 write. */
export const INFLIGHT_KEY = 'mail.inFlight';
/**
 * When the hourly trigger should next plan mail (ISO): the next reminder / thank-you / survey reminder, and at most
 * RECHECK_MS ahead, so that what people change by hand (a 取消, a raised 定員, a moved 開始, a late 出席 tick) is acted on
 * within hours even without a sync. Between those times the hourly trigger costs no extra call.
 */
export const NEXT_CHECK_KEY = 'mail.nextCheck';
const RECHECK_MS = 6 * 60 * 60 * 1000;
/** A batch cut short: the next hourly run (a minute early, so that hour's run sees it due). */
const RETRY_MS = 59 * 60 * 1000;

export function nextCheck(p: Pick<MailPlan, 'nextAt'>, now: Date): string {
  return new Date(Math.min(p.nextAt?.getTime() ?? Infinity, now.getTime() + RECHECK_MS)).toISOString();
}

type LedgerTable = Table<(typeof LEDGER)['columns'][number]['key']>;

interface MailState {
  ledger: LedgerTable;
  participants: MailParticipant[];
  /** Mail id prefix (回答id, or 手入力:<行事id>:<メール> for a row typed by hand) → sheet row as read. */
  rowOf: Map<string, number>;
  events: MailEvent[];
  templates: Record<MailKind, MailTemplate>;
  settings: MailSettings;
}

/** メール文面's default text of a kind (the catalogue's, in Japanese: sheet data). */
export function defaultMailTemplate(kind: MailKind): MailTemplate {
  const part = (p: string) => t('ja', `mail.default.${kind}.${p}` as MessageKey, { where: t('ja', 'mail.default.where'), cancel: t('ja', 'mail.default.cancel'), footer: t('ja', 'mail.default.footer') });
  return { subject: part('subject'), body: part('body') };
}

/** A row's identity for mail: its 回答id, or (typed by hand, no 回答id) its event and address. */
function participantId(responseId: string, eventId: string, email: string): string {
  return responseId !== '' ? responseId : `手入力:${eventId}:${normaliseEmail(email)}`;
}

/**
 * A sheet the engine only reads (行事, メール文面, 設定), as records by column key: getSheetByName, getDataRange,
 * getValues — no formulas, no re-read, since nothing is written back to it. A missing sheet reads as empty.
 */
function readOnly<D extends SheetDef>(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, def: D): Record<KeysOf<D>, unknown>[] {
  const sheet = ss.getSheetByName(def.name);
  if (!sheet) return [];
  const [header = [], ...rows] = sheetValues(sheet);
  const at = def.columns.map((c) => [c.key, header.map(headerKey).indexOf(headerKey(c.header))] as const);
  return rows.map((r) => Object.fromEntries(at.map(([k, i]) => [k, i < 0 ? '' : r[i]])) as Record<KeysOf<D>, unknown>);
}

const text = (v: unknown) => (v instanceof Date ? '' : String(v ?? '').trim());
const date = (v: unknown) => (v instanceof Date ? v : null);

/** 行事's rows as readOnly gives them (raw cells by column key). */
export type EventRows = Record<KeysOf<typeof EVENTS>, unknown>[];

type MailContext = Omit<MailState, 'ledger' | 'participants' | 'rowOf'>;

/**
 * The form-submit trigger's read-only part, taken before its lock (firings do not change 行事, メール文面 or 設定, and
 * people edit them without a lock anyway): kept for this execution only (Apps Script starts each execution afresh).
 */
let prefetched: { ss: GoogleAppsScript.Spreadsheet.Spreadsheet; context: MailContext; quota: number | null } | null = null;

/** `events`: 行事 as the caller read it in this execution (回答を同期), so it is not read twice. */
export function prefetchMailContext(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone: string, events?: EventRows): void {
  let quota: number | null = null;
  try {
    quota = MailApp.getRemainingDailyQuota();
  } catch (e) {
    // Not granted: the grant is checked under the lock and the log says so. Any other failure fails the firing, as a
    // failed read of 行事 does (the response stays in its sheet; the hourly catch-up records it).
    if (!/permission/i.test(errorText(e))) throw e;
  }
  prefetched = { ss, context: readContext(ss, timeZone, events), quota };
}

/**
 * `probe`: 行事 only (given), with the default texts and 設定: whether a registration mail is due, a promotion is to make
 * or a mark is to write depends on the ledger, 行事 and the clock alone — メール文面 and 設定 only fill a due mail.
 */
export function readContext(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone: string, eventRows?: EventRows, probe?: true,
  /** 設定 as the caller read it in this execution (key → value): not read again. */
  settingValues?: Readonly<Record<string, string>>,
): MailContext {
  const events = (eventRows ?? readOnly(ss, EVENTS)).filter((r) => text(r.id) !== '').map((r): MailEvent => ({
    id: text(r.id), title: text(r.title), start: date(r.start), end: date(r.end), venue: text(r.venue), access: text(r.access),
    onlineUrl: text(r.onlineUrl), surveyUrl: text(r.surveyForm), capacity: parseCapacity(r.capacity).capacity,
  }));
  const rows = probe ? [] : readOnly(ss, MAIL_TEMPLATES);
  const templates = Object.fromEntries(MAIL_KINDS.map((kind) => {
    const r = rows.find((x) => text(x.kind) === MAIL_KIND_LABELS[kind] && text(x.body) !== '');
    return [kind, r ? { subject: text(r.subject), body: String(r.body) } : defaultMailTemplate(kind)];
  })) as Record<MailKind, MailTemplate>;
  const settings = new Map(settingValues ? Object.entries(settingValues) : probe ? [] : readOnly(ss, SETTINGS).map((r) => [text(r.key), text(r.value)]));
  const setting = (key: SettingKey) => settings.get(key) ?? '';
  return {
    events, templates,
    settings: {
      timeZone, networkName: setting(SETTING.networkName) || DEFAULT_SETTINGS[0]!.value, contact: setting(SETTING.mailReplyTo),
      reminderDays: parseDays(setting(SETTING.reminderDays), 2) ?? 2, surveyReminderDays: parseDays(setting(SETTING.surveyReminderDays), null),
    },
  };
}

/**
 * Reads what the plan needs; `ledger`: the table the caller already has open (the trigger just wrote it). `view`: for
 * the preview, which writes nothing (the ledger without its formulas, typed as the Table it is at run time).
 */
function readState(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone = spreadsheetTimeZone(ss), ledgerTable?: LedgerTable, view?: true, context?: MailContext): MailState {
  const ledger = ledgerTable ?? (Table.open(ss, LEDGER, timeZone, view as true) as LedgerTable);
  const rowOf = new Map<string, number>();
  const participants: MailParticipant[] = [];
  for (const r of ledger.rows()) {
    const eventId = r.text('eventId').trim();
    const email = r.text('email').trim();
    if (eventId === '' || (r.text('name').trim() === '' && email === '')) continue;
    const id = participantId(r.text('responseId').trim(), eventId, email);
    if (rowOf.has(id)) continue; // the same person typed twice: the first row gets the mail
    rowOf.set(id, r.rowNumber);
    const ticked = (v: unknown) => v === true || String(v).toUpperCase() === 'TRUE';
    participants.push({
      responseId: id, eventId, name: r.text('name'), email, attendanceMode: r.text('attendanceMode').trim(),
      registeredAt: date(r.get('registeredAt')), status: r.text('status').trim(), attended: ticked(r.get('attended')), optOut: ticked(r.get('optOut')),
      route: r.text('route').trim(), mailLog: r.text('mailLog'), row: r.rowNumber,
    });
  }
  return { ...(context ?? (prefetched?.ss === ss && ledgerTable ? prefetched.context : readContext(ss, timeZone))), ledger, participants, rowOf };
}

function plan(state: MailState, now: Date, only?: readonly MailKind[], certificates?: ReadonlyMap<string, unknown>): MailPlan {
  return planMail({ ...state, now, only, certificates: certificates && [...certificates.keys()] });
}

function toProblem(p: MailProblem, lang: Lang): Problem {
  const sheet = p.row > 0 ? LEDGER.name : p.column === '定員' ? EVENTS.name : MAIL_TEMPLATES.name;
  return { sheet, row: p.row, column: p.column, message: t(lang, `mail.problem.${p.code}`, p.params) };
}

const emptyCounts = (): Record<MailKind, number> => Object.fromEntries(MAIL_KINDS.map((k) => [k, 0])) as Record<MailKind, number>;

/**
 * Sends what is due now (`only`: just these kinds). The caller holds the document lock. Never throws for a failed
 * send (the report says what stopped it); throws only if the sheets cannot be read or 送信記録 cannot be written.
 */
export function sendDueMail(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang,
  options: { only?: readonly MailKind[]; timeZone?: string; ledger?: LedgerTable; certificates?: ReadonlyMap<string, GoogleAppsScript.Base.Blob>; all?: Record<string, string> } = {},
): MailRunReport {
  // `all`: Document Properties read by the caller under this lock (回答を同期); the in-flight list is written only under it.
  let asked: GoogleAppsScript.Properties.Properties | undefined = options.all ? undefined : documentProperties();
  const props = () => (asked ??= documentProperties());
  const inFlight = options.all ? listFrom(options.all, INFLIGHT_KEY) : readList(props(), INFLIGHT_KEY);
  // (the in-flight list; readList reads every chunk with one getProperties)
  const state = readState(ss, options.timeZone, options.ledger);
  const now = new Date();
  const at = stamp(now, state.settings.timeZone);
  // A batch a dead run left: what 送信記録 does not show as sent becomes 要確認 — never sent again automatically.
  let changed = false;
  for (const entry of inFlight.values) {
    // Marked sent: the record write failed (a renamed header, a service error) — recorded now, as sent.
    const sent = entry.startsWith(SENT);
    const [pid, kind] = splitId(sent ? entry.slice(SENT.length) : entry);
    const row = state.rowOf.get(pid);
    const p = state.participants.find((x) => x.responseId === pid);
    if (row === undefined || !p || !kind) continue;
    if (parseSendLog(p.mailLog).records.some((r) => r.kind === kind)) continue;
    p.mailLog = appendRecord(p.mailLog, { kind, state: sent ? 'sent' : 'inDoubt', at });
    state.ledger.set(row, 'mailLog', p.mailLog);
    changed = true;
  }
  const thePlan = plan(state, now, options.only, options.certificates);
  for (const promoted of thePlan.promotions) {
    state.ledger.set(promoted.row, 'status', '申込');
    changed = true;
  }
  const report: MailRunReport = {
    sent: emptyCounts(), promoted: thePlan.promotions.length, due: thePlan.due.length, left: 0, quotaStopped: false, error: null,
    inDoubtRows: [...new Set(thePlan.inDoubt.map((d) => d.row))], problems: thePlan.problems.map((p) => toProblem(p, lang)), message: '', nextCheck: '',
  };
  // Promotions and 要確認 marks are saved before anything is sent: a promoted person is 申込 whether or not the
  // mail that tells them goes out in this run.
  if (changed) state.ledger.flush();
  if (inFlight.values.length) clearInFlight(props(), inFlight.chunks, nextCheck(thePlan, now));
  report.nextCheck = nextCheck(thePlan, now);
  if (thePlan.due.length) {
    const quota = (prefetched?.ss === ss && options.ledger ? prefetched.quota : null) ?? MailApp.getRemainingDailyQuota();
    const batch = thePlan.due.slice(0, Math.max(0, quota));
    report.quotaStopped = batch.length < thePlan.due.length;
    const outcome = sendPlanned(props(), batch, state, now, options.certificates);
    for (const m of outcome.sent) report.sent[m.kind] = (report.sent[m.kind] ?? 0) + 1;
    report.error = outcome.error;
    report.timeStopped = outcome.timeStopped;
    report.left = thePlan.due.length - outcome.sent.length;
    if (outcome.sent.length) {
      try {
        recordSent(state, outcome.sent, at);
      } catch (e) {
        // 送信記録 could not be written (a header renamed meanwhile, a service error): what certainly went out
        // is marked sent in the in-flight list, which the next run records — instead of 要確認. Best effort: if even
        // this fails, they are 要確認 next run (never sent twice either way).
        try {
          writeInFlight(props(), outcome.sent.map((m) => SENT + m.id), outcome.chunks);
        } catch {
          // left unmarked
        }
        throw e;
      }
    }
    // What is left (quota, a failure) is tried again by the next hourly run.
    if (report.left) report.nextCheck = new Date(now.getTime() + (report.error || report.timeStopped ? 0 : RETRY_MS)).toISOString();
    if (outcome.chunks || report.left) clearInFlight(props(), outcome.chunks, report.nextCheck);
  }
  report.problems.push(...renderProblems(lang, state.ledger.conflicts));
  report.message = runMessage(report, lang);
  return report;
}

/**
 * 参加証明書 by mail, on request (issue 15 item 7): each person's own PDF (certs' per-person PDFs) attached to a
 * 「参加証明書」 mail, through the same engine — once per person (送信記録), within the quota, 要確認 after a dead run.
 * The caller holds the document lock. `responseId` is the ledger's 回答id ('' for a row typed by hand: then the
 * event and e-mail identify it, as everywhere in mail).
 */
export function sendCertificateMail(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang, eventId: string, pdfs: readonly { responseId: string; email: string; blob: GoogleAppsScript.Base.Blob }[],
): MailRunReport {
  const certificates = new Map(pdfs.map((p) => [participantId(p.responseId, eventId, p.email), p.blob]));
  return sendDueMail(ss, lang, { only: ['certificate'], certificates });
}

/**
 * Empties the in-flight list in one call whatever its length (each chunk set to an empty list; deleting would cost a
 * call per chunk). Empty chunks read as nothing.
 */
export function clearInFlight(props: GoogleAppsScript.Properties.Properties, chunks: number, next?: string, key = INFLIGHT_KEY): number {
  return writeInFlight(props, [], chunks, next, key);
}

/** The in-flight list in one setProperties call (chunks no longer needed are set empty rather than deleted). */
export function writeInFlight(props: GoogleAppsScript.Properties.Properties, ids: readonly string[], previousChunks: number, next?: string, key = INFLIGHT_KEY, also: Record<string, string> = {}): number {
  const chunks = chunkList(ids);
  const values: Record<string, string> = { ...also };
  for (let i = 0; i < Math.max(chunks.length, previousChunks); i++) values[chunkKey(key, i)] = JSON.stringify(chunks[i] ?? []);
  if (next) values[NEXT_CHECK_KEY] = next;
  if (Object.keys(values).length) props.setProperties(values);
  return chunks.length;
}

/** In the in-flight list, a mail sendEmail accepted (written after the sends, before 送信記録). */
export const SENT = 'S|';

/**
 * For the hourly trigger, from the Document Properties it read anyway: a batch a dead run left in flight, or the
 * planned check time passed. Unset (a spreadsheet from before this feature): not yet — the trigger sets it.
 */
export function mailCheckDue(all: Readonly<Record<string, string>>, now: Date): boolean {
  const first = all[INFLIGHT_KEY];
  if (first !== undefined && first !== '[]') return true;
  const next = all[NEXT_CHECK_KEY];
  return next !== undefined && Date.parse(next) <= now.getTime();
}

function splitId(id: string): [string, MailKind | null] {
  const i = id.lastIndexOf('|');
  const kind = id.slice(i + 1) as MailKind;
  return [id.slice(0, i), MAIL_KINDS.includes(kind) ? kind : null];
}

/**
 * The send loop, reusable by other mail (issues 16, 17): records the batch as in flight, sends each mail once, stops
 * at the first failure. Returns what was sent; the caller records it and clears the in-flight list.
 */
export function sendPlanned(
  /** null: the caller keeps its own record before the batch (issue 16's requests, workspace/features/agencyRound.ts). */
  props: GoogleAppsScript.Properties.Properties | null, batch: readonly PlannedMail[], state: Pick<MailState, 'events' | 'settings'>, now: Date,
  /** A file per person (MailParticipant.responseId), attached to their certificate mail. */
  files?: ReadonlyMap<string, GoogleAppsScript.Base.Blob>,
  /** The in-flight list's property (企業相談's mail keeps its own: workspace/features/consultations.ts). */
  key = INFLIGHT_KEY,
): { sent: PlannedMail[]; error: string | null; chunks: number; timeStopped: boolean } {
  if (batch.length === 0) return { sent: [], error: null, chunks: 0, timeStopped: false };
  const chunks = props ? writeInFlight(props, batch.map((m) => m.id), 0, undefined, key) : 0;
  const blobs = new Map<string, GoogleAppsScript.Base.Blob>();
  const sent: PlannedMail[] = [];
  let error: string | null = null;
  let timeStopped = false;
  for (const mail of batch) {
    // Google ends an execution at 6 minutes (deadline.ts): a batch stops itself at the budget, at least one mail
    // sent, so that the in-flight list is settled by this run — a run killed mid-batch would leave 要確認 instead.
    // The mails not attempted are planned again by the next run (they have no 送信記録), as after a failure.
    if (sent.length && expired()) { timeStopped = true; break; }
    try {
      const file = mail.kind === 'certificate' ? files?.get(mail.responseId) : undefined;
      let attachments = file && [file];
      if (mail.withIcs) {
        const event = state.events.find((e) => e.id === mail.eventId);
        if (event?.start) {
          if (!blobs.has(event.id)) blobs.set(event.id, Utilities.newBlob(eventIcs(icsOf(event), now), 'text/calendar', `${event.id}.ics`));
          attachments = [blobs.get(event.id)!];
        }
      }
      const { networkName: name, contact: replyTo } = state.settings;
      MailApp.sendEmail({ to: mail.to, subject: mail.subject, body: mail.body, name, ...(replyTo ? { replyTo } : {}), ...(attachments ? { attachments } : {}) });
      sent.push(mail);
    } catch (e) {
      error = errorText(e);
      break;
    }
  }
  return { sent, error, chunks, timeStopped };
}

function icsOf(event: MailEvent) {
  const end = event.end ?? new Date(event.start!.getTime() + 2 * 60 * 60 * 1000);
  return {
    uid: `${event.id}@shuro-network`, title: event.title, start: event.start!, end,
    location: event.venue || event.onlineUrl, description: [event.access, event.onlineUrl].filter(Boolean).join('\n'),
  };
}

/** 送信記録 of each sent mail, one flush (rows found again by their key: people sort and insert meanwhile). */
function recordSent(state: MailState, sent: readonly PlannedMail[], at: string): void {
  const cells = new Map<number, string>();
  for (const m of sent) {
    const row = state.rowOf.get(m.responseId);
    if (row === undefined) continue;
    const next = appendRecord(cells.get(row) ?? state.ledger.row(row).text('mailLog'), { kind: m.kind, state: 'sent', at });
    cells.set(row, next);
    state.ledger.set(row, 'mailLog', next);
  }
  state.ledger.flush();
}

export function runMessage(r: MailRunReport, lang: Lang, sheet: string = LEDGER.name): string {
  const total = MAIL_KINDS.reduce((n, k) => n + (r.sent[k] ?? 0), 0);
  const parts: string[] = [];
  if (r.promoted) parts.push(t(lang, 'mail.promoted', { count: r.promoted }));
  const kinds = MAIL_KINDS.filter((k) => r.sent[k]).map((k) => `${lang === 'ja' ? MAIL_KIND_LABELS[k] : k} ${r.sent[k] ?? 0}`);
  if (total) parts.push(t(lang, 'mail.sent', { sent: total, kinds: list(lang, kinds) }));
  if (r.error) parts.push(t(lang, 'mail.stopped', { error: describeError(new Error(r.error), lang).message, sent: total, left: r.left }));
  else if (r.quotaStopped) parts.push(t(lang, 'mail.quota', { due: r.due, sent: total, left: r.left }));
  else if (r.timeStopped) parts.push(t(lang, 'mail.timeStopped', { due: r.due, sent: total, left: r.left }));
  if (!total && !r.error && !r.quotaStopped && !r.promoted) parts.push(t(lang, 'mail.nothing'));
  if (r.inDoubtRows.length) parts.push(t(lang, 'mail.inDoubt', { count: r.inDoubtRows.length, sheet, rows: list(lang, r.inDoubtRows) }));
  if (r.problems.length) parts.push(t(lang, 'mail.problems', { count: r.problems.length }), ...r.problems.slice(0, 10).map((p) => formatProblem(lang, p)));
  return parts.join('\n');
}

/**
 * The sidebar's preview: the data the plan is made from (dates as ISO text); the sidebar runs the same planMail and
 * renders what would go out (src/client/sections/mail.ts). Writes nothing.
 */
export function previewMail(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): MailPreviewData {
  const { events, participants, templates, settings } = readState(ss, undefined, undefined, true);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    now: new Date().toISOString(), templates, settings,
    events: events.map((e) => ({ ...e, start: iso(e.start), end: iso(e.end) })),
    participants: participants.map((p) => ({ ...p, registeredAt: iso(p.registeredAt) })),
  };
}

export { RECHECK_MS };

/** What a trigger or sync writes to 操作ログ about the mail it sent (nothing when nothing happened). */
export interface MailLogLine { result: '成功' | '要確認'; details: string }

const REGISTRATION_KINDS: readonly MailKind[] = ['confirmation', 'waitlist', 'promotion'];

/**
 * The form-submit trigger's and 回答を同期's one call (under their lock, after the ledger is written): promotions and
 * the registration mails (confirmation, waitlist place, promotion). A failure here never undoes the registration:
 * it is logged, and the hourly run sends what is left.
 */
export function mailAfterRegistration(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone?: string, ledger?: LedgerTable, all?: Record<string, string>): MailLogLine[] {
  // Without the mail grant (a user who declined it) registrations still come in; the log says why no mail went. Asked
  // only when the quota could not be read before the lock.
  if (!(prefetched?.ss === ss && ledger && prefetched.quota !== null) && missingGrants([MAIL_SCOPE]).length) {
    return [{ result: '要確認', details: t('ja', 'mail.noGrant') }];
  }
  const line = logLineOf(sendDueMail(ss, 'ja', { only: REGISTRATION_KINDS, timeZone, ledger, all }));
  return line ? [line] : [];
}

/**
 * 回答を同期's mail (the ledger it just wrote, 行事 as it read it, Document Properties as read under the lock): メール文面,
 * 設定 and the quota (which also says the mail grant is there) are read only when the plan has something to do — a
 * registration mail due, a promotion, a batch left in flight or a 要確認 mark; otherwise nothing would be sent or
 * written, and the report would be empty (5 calls fewer on most syncs). Then as the trigger's: mailAfterRegistration.
 */
export function mailAfterSync(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone: string, ledger: LedgerTable, all: Record<string, string>, events: EventRows): MailLogLine[] {
  const probe = plan(readState(ss, timeZone, ledger, undefined, readContext(ss, timeZone, events, true)), new Date(), REGISTRATION_KINDS);
  if (!probe.due.length && !probe.promotions.length && !probe.inDoubt.length && !listFrom(all, INFLIGHT_KEY).values.length) return [];
  prefetchMailContext(ss, timeZone, events);
  return mailAfterRegistration(ss, timeZone, ledger, all);
}

/**
 * A trigger's 操作ログ line for a run (null: nothing happened). A send that failed fails the execution with Google's
 * wording (Apps Script lists it and tells the owner); what was sent is recorded, and the next run sends the rest.
 */
export function logLineOf(r: MailRunReport): MailLogLine | null {
  if (r.error) throw new Error(r.error);
  const total = MAIL_KINDS.reduce((n, k) => n + (r.sent[k] ?? 0), 0);
  if (!total && !r.promoted && !r.quotaStopped && !r.inDoubtRows.length) return null;
  return { result: r.quotaStopped || r.inDoubtRows.length ? '要確認' : '成功', details: r.message.replace(/\n/g, ' ') };
}

/**
 * 「初期設定」: the default text of each kind missing from メール文面 (a row whose 種類 is there is never touched, so a
 * coordinator's edits stay; deleting a row brings the default back on the next set-up). Skipped when the sheet was
 * renamed (初期設定 reports that).
 */
export function writeDefaultMailTemplates(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  if (!ss.getSheetByName(MAIL_TEMPLATES.name)) return;
  const table = Table.open(ss, MAIL_TEMPLATES);
  const present = new Set(table.rows().map((r) => r.text('kind').trim()));
  for (const kind of MAIL_KINDS) {
    const label = MAIL_KIND_LABELS[kind];
    if (!present.has(label)) table.append({ kind: label, ...defaultMailTemplate(kind) });
  }
  table.flush();
}
