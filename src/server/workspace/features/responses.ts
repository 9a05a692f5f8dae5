/**
 * Form responses into the ledger: the form-submit trigger handler, and 「回答を同期」 which reconciles every
 * form's responses with the ledger. Both take the document lock and use the same plan (domain/ledger.ts), so
 * a response is recorded once whichever gets there first, a duplicate or blank firing adds nothing, and a
 * sync after a missed trigger restores the same state. Calls do not grow with the number of responses: each
 * response sheet and each ledger sheet is read once and written in one batch.
 */
import { recordFormSubmitHeartbeat } from '../coordinator';
import type { Problem, SyncReport } from '../../../protocol';
import { EVENTS, LEDGER, LOG_RESULT, SURVEY_ANSWERS, WORKBOOK } from '../../domain/schema';
import { EventRecord, routeResponseSheet } from '../../domain/events';
import { FormSubmission, LEDGER_STATUS, LedgerRow, PlanProblem, RegistrationPlan, checkLedgerRows, planRegistrations } from '../../domain/ledger';
import { AgencyRef, REGISTRATION_TITLES } from '../../domain/registration';
import { surveyAnswerRows } from '../../domain/survey-questions';
import { tryWithDocumentLock } from '../lock';
import { markResponsesPending } from './pending';
import { logOperation } from '../log';
import { EventKey, LedgerTable, ReadSubmission, appendLedgerRow, readAgencies, readEvents, readLedger, readResponseSheet } from '../records';
import { formatProblem, joinSentences } from '../../domain/where';
import { Table, TableView, spreadsheetTimeZone } from '../tables';
import { LocalizedProblem, UserFacingError, renderProblems } from '../errors';
import { Lang, Localized, t } from '../../i18n/messages';
import { ImportRecord, openImportRecord, recordImports } from './importRecord';
import { explainMissing } from '../renames';
import { CELL_CHARACTER_LIMIT, clampToCell, fitsInCell } from '../../domain/text';
import { readCheckInForms, recordCheckInSubmission, syncCheckIns } from './checkin';
import { roundSheetId } from './agencyRound';
import { consultationSheetIds, recordConsultationSubmission, syncConsultations } from './consultations';
import { EventRows, mailAfterRegistration, mailAfterSync, prefetchMailContext } from '../mail';
import { documentProperties } from '../settings';

/** The 操作ログ name: the trigger's caption in the operation table (operations.ts), in Japanese as every log name. */
export const RESPONSES_OPERATION = t('ja', 'op.formSubmit');
const OPERATION = RESPONSES_OPERATION;

/**
 * How long a firing waits for the document lock before leaving its response to the next firing or the hourly
 * catch-up (catchUp.ts). A firing holds the lock for about 2 s, so 10 s covers several firings ahead of it; every
 * second spent waiting is an execution counted against the user's 30 simultaneous executions, which the coordinator's
 * own commands share. Measured on the modeled clock (npm run bench, bursts): at 100 submissions a minute, 30 s waits
 * reach the limit and refuse 29 firings (and a command the coordinator starts then); 10 s waits peak at 24, refuse none,
 * and record every response as fast. What 10 s costs: while a command holds the lock for more than 10 s, the burst's
 * last responses wait for the hourly catch-up instead.
 */
export const FIRING_LOCK_MS = 10_000;

/**
 * The installable spreadsheet form-submit trigger: routes the new row by its sheet to its event, then reconciles
 * that one response sheet. Reading the sheet rather than trusting e.values makes a blank second firing harmless,
 * and reconciling the whole sheet (one read, whatever its length) records any response an earlier, missed firing
 * left behind, in submission order, so the 定員 goes to whoever registered first.
 *
 * The lock is held only for what must be consistent — the response sheet read, the ledger read, one write: the
 * routing (行事) and the agency list are read before it (firings do not change them), the 操作ログ line is appended
 * after it (appendRow is atomic). A firing that cannot get the lock within FIRING_LOCK_MS marks responses pending and
 * ends quietly: the firing holding the lock, a later one, or the hourly catch-up records its response.
 */
export function handleFormSubmit(e: GoogleAppsScript.Events.SheetsOnFormSubmit): void {
  try {
    recordSubmission(e);
  } catch (err) {
    // Whatever failed, the response is in its sheet: make sure the hourly catch-up looks, then fail as Google records it.
    markResponsesPending();
    throw err;
  }
}

function recordSubmission(e: GoogleAppsScript.Events.SheetsOnFormSubmit): void {
  const sheet = e.range.getSheet();
  const ss = sheet.getParent();
  const sheetId = String(sheet.getSheetId());
  const timeZone = spreadsheetTimeZone(ss);
  const lines: LogLine[] = [];
  // A trigger has no one to show a message to: what stops it (a renamed 参加者台帳, a sheet that is not ours) goes to
  // 操作ログ as 要確認. The response stays in its sheet, and 「回答を同期」 brings it in once the cause is fixed.
  const explained = (work: () => void): void => {
    try {
      work();
    } catch (error) {
      const why = explainMissing(ss, error);
      if (!(why instanceof UserFacingError)) throw error;
      // The hourly catch-up tries again, so once a person renames the sheet or header back, nobody has to remember
      // to press 「回答を同期」.
      markResponsesPending();
      lines.push({ result: LOG_RESULT.check, details: t('ja', 'responses.notRecorded', { sheet: sheet.getName(), row: e.range.getRow(), reason: { key: why.key, params: why.params } }) });
    }
  };
  // Outside the lock: the routing (行事) and the agency list, which firings do not change. A sheet 行事 does not name
  // may be one Google made when a form was linked again: its form URL (one call) says whether it is ours; adopting it
  // writes 行事, so that happens under the lock.
  let before: Before | null = null;
  explained(() => {
    // A view: this read only routes (2 calls fewer); 行事 is written only under the lock, after reading it again.
    const eventsView = readEvents(ss, timeZone, true);
    const route = routeResponseSheet(eventsView.events, sheetId);
    // A self check-in form's sheet (checkin.ts) is recorded there, under the lock; nothing else here applies to it.
    if (!route && recordCheckInSubmission(ss, sheet, sheetId, timeZone, (details) => lines.push({ result: '成功', details }))) return;
    // The company inquiry and status forms (issue 17, consultations.ts), likewise.
    if (!route && recordConsultationSubmission(ss, sheet, sheetId, timeZone, (details) => lines.push({ result: '成功', details }))) return;
    const formUrl = route ? '' : sheet.getFormUrl() ?? '';
    if (!route && formUrl === '') return; // a form that is not one of ours writes to this spreadsheet
    before = { route, formUrl, agencies: route?.purpose === 'survey' ? [] : readAgencies(ss, timeZone), probe: null };
    if (route?.purpose === 'survey') return;
    // メール文面, 設定 and the quota, read outside the lock, where a registration mail or a promotion can be due: every
    // one of them waits for an event that has not started (domain/mail.ts planMail). With none ahead (sync10), they
    // are read under the lock only if the plan, made first with the default texts, has something to send or write
    // (mail.ts mailAfterSync, as 回答を同期 does: 5 calls fewer; a mark or a batch left in flight still gets them).
    const now = Date.now();
    if (eventsView.events.some((ev) => ev.start !== null && ev.start.getTime() > now)) prefetchMailContext(ss, timeZone, eventRowsOf(eventsView.table));
    else before.probe = eventRowsOf(eventsView.table);
  });
  const known = before as Before | null;
  if (known) {
    const outcome = tryWithDocumentLock(() => explained(() => {
      let route = known.route;
      if (!route) {
        const eventsRead = readEvents(ss, timeZone);
        route = routeResponseSheet(eventsRead.events, sheetId); // another firing may have adopted it meanwhile
        if (!route) {
          const adopted = adoptRelinkedSheet(eventsRead, sheet, sheetId, known.formUrl);
          if (!adopted) return;
          lines.push({ result: LOG_RESULT.check, details: t('ja', adopted.message.key, adopted.message.params) });
          route = adopted.route;
        }
      }
      recordRouted(e, sheet, ss, sheetId, timeZone, route, known.agencies, lines, known.probe);
    }), FIRING_LOCK_MS);
    if (!outcome.ran) {
      markResponsesPending();
      return;
    }
    // The heartbeat says "a response reached the ledger": not when this one stopped for a person to fix something.
    if (!lines.some((l) => l.result === '要確認')) recordFormSubmitHeartbeat();
  }
  // One 操作ログ line, written after the lock is released (as every menu and sidebar operation does), so the last
  // calls of the execution are the log's own.
  if (lines.length) logOperation(ss, OPERATION, lines.some((l) => l.result === LOG_RESULT.check) ? LOG_RESULT.check : LOG_RESULT.ok, joinSentences('ja', lines.map((l) => l.details)));
}

type Route = NonNullable<ReturnType<typeof routeResponseSheet>>;

/** What a firing reads before its lock; `probe`: 行事 as read, when the mail context was not prefetched (no event ahead). */
interface Before { route: Route | null; formUrl: string; agencies: AgencyRef[]; probe: EventRows | null }

interface LogLine { result: typeof LOG_RESULT.ok | typeof LOG_RESULT.check; details: string }

/** Under the lock: the response sheet and the ledger (or the survey store) read, the plan, one write each. */
function recordRouted(
  e: GoogleAppsScript.Events.SheetsOnFormSubmit, sheet: GoogleAppsScript.Spreadsheet.Sheet, ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  sheetId: string, timeZone: string, route: Route, agencies: AgencyRef[], lines: LogLine[], probe: EventRows | null,
): void {
  const formId = route.purpose === 'registration' ? route.event.registrationFormId : route.event.surveyFormId;
  const read = readResponseSheet(sheet, sheetId, timeZone, formId);
  if (route.purpose === 'registration') {
    const ledger = readLedger(ss, timeZone);
    const record = openImportRecord(ss, timeZone);
    const plan = recordRegistrations(ledger, ledger.rows, route.event, read, agencies, record);
    ledger.table.flush();
    record.table.flush();
    // Log what this firing changed or found about its own row; older problems are listed by 「回答を同期」.
    const row = e.range.getRow();
    const relevant = new Set([...plan.appends.map((r) => r.responseId), ...read.filter((r) => r.rowNumber === row).map((r) => r.submission.responseKey)]);
    const problems = plan.problems.filter((p) => p.fresh && relevant.has(p.responseKey));
    if (plan.appends.length || problems.length) {
      // The sheet's name (a call) only when a problem names it (sync10).
      lines.push({ result: plan.appends.length ? LOG_RESULT.ok : LOG_RESULT.check, details: summarisePlan(route.event, plan.appends, problems, problems.length ? sheet.getName() : '', read) });
    }
    // Confirmation / waitlist place / promotion (workspace/mail.ts); without a prefetch, Document Properties are read
    // here (as sendDueMail would) for a batch left in flight.
    lines.push(...(probe ? mailAfterSync(ss, timeZone, ledger.table, documentProperties().getProperties(), probe) : mailAfterRegistration(ss, timeZone, ledger.table)));
  } else {
    const store = Table.open(ss, SURVEY_ANSWERS, timeZone);
    const surveys = recordSurveys(store, route.event, read, () => sheet.getName());
    store.flush(); // no call when nothing changed
    const mine = surveys.problems.filter((p) => p.row === e.range.getRow());
    if (mine.length) lines.push({ result: LOG_RESULT.check, details: joinSentences('ja', renderProblems('ja', mine).map((p) => formatProblem('ja', p))) });
  }
}

/**
 * A response sheet Google made when a form was linked again (「フォームの回答 N」): the sheet whose getFormUrl() names
 * one of our forms (https://developers.google.com/apps-script/reference/spreadsheet/sheet#getFormUrl()). 行事 is
 * updated to it (the old sheet is left as it is) and the message says so.
 */
function adoptRelinkedSheet(
  eventsRead: ReturnType<typeof readEvents>, sheet: GoogleAppsScript.Spreadsheet.Sheet, sheetId: string, formUrl: string,
): { route: { event: EventRecord; purpose: 'registration' | 'survey' }; row: number; message: Localized } | null {
  if (formUrl === '') return null;
  const index = eventsRead.events.findIndex((ev) => (ev.registrationFormId !== '' && formUrl.includes(ev.registrationFormId)) || (ev.surveyFormId !== '' && formUrl.includes(ev.surveyFormId)));
  if (index < 0) return null;
  const event = eventsRead.events[index]!;
  const purpose = event.registrationFormId !== '' && formUrl.includes(event.registrationFormId) ? 'registration' : 'survey';
  const key = purpose === 'registration' ? 'registrationSheetId' : 'surveySheetId';
  eventsRead.table.set(eventsRead.rowNumbers[index]!, key, sheetId);
  eventsRead.table.flush();
  const updated = { ...event, [key]: sheetId };
  eventsRead.events[index] = updated;
  return {
    route: { event: updated, purpose }, row: eventsRead.rowNumbers[index]!,
    message: { key: 'responses.relinked', params: { event: event.id, form: { key: `responses.form.${purpose}` }, sheet: sheet.getName() } },
  };
}

/** 「回答を同期」: every event's response sheets against the ledger and the survey store. */
export function syncResponses(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang = 'ja'): SyncReport {
  return reconcileAll(ss, lang, documentProperties().getProperties()).report;
}

/**
 * What 「回答を同期」 hands on to the mail that follows it in the same execution: the ledger it just wrote (as the
 * form-submit trigger does) and 行事 as read, so neither is read again.
 */
export interface Reconciled { report: SyncReport; ledger: LedgerTable; events: EventRows }

/**
 * The reconcile. `all`: Document Properties read once under the lock (the check-in, company and accommodation forms).
 * Calls: each sheet read once (行事, 団体 and the response sheets as views), the spreadsheet's sheets listed once for
 * every form kind, a sheet no event names asked for its form only once (FORMLESS_KEY).
 */
export type EventsView = { table: TableView<EventKey>; events: EventRecord[]; rowNumbers: number[] };

export function reconcileAll(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang, all: Record<string, string>, eventsView?: EventsView): Reconciled {
  const timeZone = spreadsheetTimeZone(ss);
  // 行事 is written only when a relinked sheet is adopted: read as a view (or as the caller read it under this lock),
  // opened to write (and so read again, under the lock) only then.
  let eventsRead: EventsView = eventsView ?? readEvents(ss, timeZone, true);
  const ledger = readLedger(ss, timeZone);
  const agencies = readAgencies(ss, timeZone);
  const store = Table.open(ss, SURVEY_ANSWERS, timeZone);
  const record = openImportRecord(ss, timeZone);
  // The sheets 行事 and the records name, each asked by its id (getSheetById: "the sheet with the given ID, or null",
  // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getSheetById(Integer)); the whole
  // list (a getSheetId a sheet) only when a form may have been linked again (below).
  const sheetsById = new SheetLookup(ss);
  const report: SyncReport = { added: 0, waitlisted: 0, alreadyRecorded: 0, blankIgnored: 0, duplicatesFlagged: 0, surveyResponsesAdded: 0, corrected: 0, deletedNotRestored: 0, problems: [] };
  // A form linked again writes to a new 「フォームの回答 N」 sheet that 行事 does not name yet. Only sheets no event
  // names can be that sheet, so only those are asked for their form (a call each, none per row or per event), and a
  // sheet found with no form at all is not asked again (formless).
  // The add-on's other forms' sheets (self check-in, 企業相談, 掲載情報の確認) are known by the ids their records keep: a
  // relink never reuses a sheet, so none of them can be an event form's new sheet (a call each, on every sync).
  const referenced = new Set([
    ...eventsRead.events.flatMap((e) => [e.registrationSheetId, e.surveySheetId]),
    ...Object.values(readCheckInForms(all)).map((f) => String(f.sheetId ?? '')), ...consultationSheetIds(all), roundSheetId(all),
  ].filter((id) => id !== ''));
  // sync10: a form sends its responses to one sheet (Form.getDestinationId: "the response destination"); linked again,
  // it feeds a new sheet, and the sheet 行事 names has no associated form any more ("or null if this sheet has no
  // associated form", Sheet.getFormUrl). So while every event form's sheet is there and still names its form, no event
  // form feeds another sheet, and the list of every sheet is not asked (a getSheetId each, a getFormUrl each for sheets
  // not seen before): one getSheetById and one getFormUrl per event form instead — unless, with many events, the list
  // is fewer calls (estimated from the sheets the last list found, or from the workbook's own sheets before any list).
  const formless = new Set<string>(parseList(all[FORMLESS_KEY]));
  const seen = formless.size;
  const eventForms = eventsRead.events.flatMap((ev) => [[ev.registrationFormId, ev.registrationSheetId], [ev.surveyFormId, ev.surveySheetId]]).filter(([formId]) => formId !== '');
  const others = seen || WORKBOOK.length;
  const relinked = 2 * eventForms.length > 1 + referenced.size + others + (seen ? 0 : others)
    || eventForms.some(([formId, sheetId]) => !(sheetId !== '' && (sheetsById.get(sheetId!)?.getFormUrl() ?? '').includes(formId!)));
  const listed = relinked ? sheetsById.listAll() : new Map<string, GoogleAppsScript.Spreadsheet.Sheet>();
  let writable: ReturnType<typeof readEvents> | null = null;
  for (const [id, sheet] of listed) {
    if (referenced.has(id) || formless.has(id)) continue;
    const formUrl = sheet.getFormUrl() ?? '';
    if (formUrl === '') { formless.add(id); continue; }
    if (!eventsRead.events.some((ev) => (ev.registrationFormId !== '' && formUrl.includes(ev.registrationFormId)) || (ev.surveyFormId !== '' && formUrl.includes(ev.surveyFormId)))) continue;
    eventsRead = writable ??= readEvents(ss, timeZone);
    const adopted = adoptRelinkedSheet(writable, sheet, id, formUrl);
    if (adopted) report.problems.push({ sheet: EVENTS.name, row: adopted.row, column: eventHeader(adopted.route.purpose === 'registration' ? 'registrationSheetId' : 'surveySheetId'), message: t(lang, adopted.message.key, adopted.message.params) });
  }
  // Sheets that exist now only: a deleted sheet's id is dropped (known when the list was asked).
  const kept = [...formless].filter((id) => !relinked || listed.has(id));
  if (formless.size !== seen || kept.length !== formless.size) documentProperties().setProperty(FORMLESS_KEY, JSON.stringify(kept));
  const events = eventsRead.events;
  const rows = [...ledger.rows];
  for (const event of events) {
    if (event.registrationSheetId !== '') {
      const sheet = sheetsById.get(event.registrationSheetId);
      if (!sheet) {
        report.problems.push({ sheet: EVENTS.name, row: 0, column: eventHeader('registrationSheetId'), message: t(lang, 'responses.sheetMissing', { event: event.id }) });
      } else {
        const read = readResponseSheet(sheet, event.registrationSheetId, timeZone, event.registrationFormId);
        const plan = recordRegistrations(ledger, rows, event, read, agencies, record);
        for (const a of plan.appends) rows.push(a); // a loop: spreading 10,000 rows as arguments can overflow the stack
        report.corrected += plan.corrections.length;
        report.deletedNotRestored += plan.deletedRows;
        report.added += plan.appends.length;
        report.waitlisted += plan.appends.filter((r) => r.status === LEDGER_STATUS.waitlisted).length;
        report.alreadyRecorded += plan.alreadyRecorded;
        report.blankIgnored += plan.blank;
        report.duplicatesFlagged += plan.duplicatesFlagged;
        // The sheet's name (a call) only for a message.
        if (plan.problems.length) report.problems.push(...toProblems(plan.problems, sheet.getName(), read, lang));
      }
    }
    if (event.surveySheetId !== '') {
      const sheet = sheetsById.get(event.surveySheetId);
      if (sheet) {
        const surveys = recordSurveys(store, event, readResponseSheet(sheet, event.surveySheetId, timeZone, event.surveyFormId), () => sheet.getName());
        report.surveyResponsesAdded += surveys.added;
        report.problems.push(...renderProblems(lang, surveys.problems));
      }
    }
  }
  ledger.table.flush();
  // After the ledger: a failure in between leaves a row without its record (recorded next time), never the reverse.
  record.table.flush();
  store.flush();
  for (const p of renderProblems(lang, [...ledger.table.conflicts, ...store.conflicts, ...syncCheckIns(ss, timeZone, sheetsById, all, { ledger: ledger.table, record }), ...syncConsultations(ss, timeZone, sheetsById, all, record)])) report.problems.push(p);
  for (const p of ledgerProblems(rows, ledger.rowNumbers, new Set(events.map((e) => e.id)), lang)) report.problems.push(p);
  return { report, ledger: ledger.table, events: eventRowsOf(eventsRead.table) };
}

/**
 * Sheets by id (as text, as 行事 and the records keep them), each asked of Google once: by getSheetById, or all at once
 * by `listAll` (getSheets and a getSheetId each) when the whole list is needed anyway.
 */
export class SheetLookup {
  private readonly known = new Map<string, GoogleAppsScript.Spreadsheet.Sheet | null>();
  constructor(private readonly ss: GoogleAppsScript.Spreadsheet.Spreadsheet) {}

  get(id: string): GoogleAppsScript.Spreadsheet.Sheet | undefined {
    if (!/^\d+$/.test(id)) return undefined;
    if (!this.known.has(id)) this.known.set(id, this.ss.getSheetById(Number(id)));
    return this.known.get(id) ?? undefined;
  }

  /** Every sheet by id; afterwards an id not among them is known to be gone. */
  listAll(): Map<string, GoogleAppsScript.Spreadsheet.Sheet> {
    const all = new Map(this.ss.getSheets().map((s) => [String(s.getSheetId()), s]));
    for (const id of this.known.keys()) if (!all.has(id)) this.known.set(id, null);
    for (const [id, sheet] of all) this.known.set(id, sheet);
    return all;
  }
}

/** 行事 as read, in the shape the mail's context takes (mail.ts readContext), so it is not read again. */
const eventRowsOf = (table: TableView<EventKey>): EventRows => table.rows().map((r) => Object.fromEntries(EVENTS.columns.map((c) => [c.key, r.get(c.key)]))) as EventRows;

/** Sheets found with no form (getFormUrl() null): a form linked later writes to a new sheet, never to one of these. */
const FORMLESS_KEY = 'responses.formless';

function parseList(raw: string | undefined): string[] {
  try {
    const v: unknown = JSON.parse(raw ?? '[]');
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

/**
 * Plans and applies (in memory) one event's registrations: new ledger rows (problems go to 備考 too), corrections
 * carried from the response sheet into existing rows (found by 回答id), and the 取り込み記録 entries.
 */
function recordRegistrations(
  ledger: { table: LedgerTable; rows: readonly LedgerRow[]; rowNumbers: readonly number[] }, ledgerRows: readonly LedgerRow[], event: EventRecord,
  read: readonly ReadSubmission[], agencies: readonly AgencyRef[], record: ImportRecord,
): RegistrationPlan {
  const plan = planRegistrations({
    ledger: ledgerRows, eventId: event.id, capacity: event.capacity, agencies, submissions: read.map((r) => r.submission), imported: record.byKey,
  });
  const table = ledger.table;
  for (const row of plan.appends) {
    // 備考 is the ledger's data, written in the sheet's language.
    const notes = plan.problems.filter((p) => p.fresh && p.responseKey === row.responseId && p.field !== 'response').map((p) => t('ja', p.message.key, p.message.params));
    appendLedgerRow(table, { ...row, remarks: clampToCell([row.remarks, ...notes].filter((s) => s).join(' / ')) });
  }
  if (plan.corrections.length || plan.rekeys.length) {
    const rowOf = new Map<string, number>();
    ledger.rows.forEach((r, i) => { if (r.responseId !== '') rowOf.set(r.responseId, ledger.rowNumbers[i]!); });
    for (const c of plan.corrections) {
      const rowNumber = rowOf.get(c.responseKey);
      if (rowNumber !== undefined) for (const change of c.changes) table.set(rowNumber, change.field, change.value);
    }
    for (const k of plan.rekeys) {
      const rowNumber = rowOf.get(k.from);
      if (rowNumber !== undefined) table.set(rowNumber, 'responseId', k.to);
    }
  }
  recordImports(record, plan.importRecords);
  return plan;
}

function recordSurveys(store: Table<(typeof SURVEY_ANSWERS)['columns'][number]['key']>, event: EventRecord, read: readonly ReadSubmission[], sheetName: () => string): { added: number; problems: LocalizedProblem[] } {
  const rowsOf = new Map<string, number[]>();
  for (const r of store.rows()) {
    const id = r.text('responseId');
    rowsOf.set(id, [...(rowsOf.get(id) ?? []), r.rowNumber]);
  }
  const known = new Set(rowsOf.keys());
  let added = 0;
  const problems: LocalizedProblem[] = [];
  for (const { submission, rowNumber } of read) {
    if (known.has(submission.responseKey)) continue;
    // Answers stored by an earlier version carry the old key (sheet + timestamp + answers), which a correction of the
    // answer would change: they take the answer-free key.
    if (submission.legacyKey !== undefined && known.has(submission.legacyKey)) {
      for (const row of rowsOf.get(submission.legacyKey)!) store.set(row, 'responseId', submission.responseKey);
      known.add(submission.responseKey);
      continue;
    }
    const rows = surveyAnswerRows(submission.responseKey, event.id, submission.submittedAt, submission.answers);
    if (rows.length === 0) continue; // a blank firing
    // One answer too long for a cell would fail the whole batch: this response stays in its sheet, reported.
    const tooLong = rows.find((r) => typeof r[4] === 'string' && !fitsInCell(r[4]));
    if (tooLong) {
      problems.push({
        sheet: sheetName(), row: rowNumber, column: String(tooLong[3]),
        message: { key: 'responses.surveyTooLong', params: { length: String(tooLong[4]).length.toLocaleString('en-US'), limit: CELL_CHARACTER_LIMIT.toLocaleString('en-US') } },
      });
      continue;
    }
    known.add(submission.responseKey);
    for (const [responseId, eventId, answeredAt, question, answer] of rows) store.append({ responseId, eventId, answeredAt, question, answer } as never);
    added++;
  }
  return { added, problems };
}

function toProblems(problems: readonly PlanProblem[], sheetName: string, read: readonly ReadSubmission[], lang: Lang): Problem[] {
  const rowOf = new Map(read.map((r) => [r.submission.responseKey, r.rowNumber]));
  return problems.map((p) => ({
    sheet: sheetName,
    row: rowOf.get(p.responseKey) ?? 0,
    column: p.field === 'response' ? REGISTRATION_TITLES.name : REGISTRATION_TITLES[p.field],
    message: t(lang, p.message.key, p.message.params),
  }));
}

const eventHeader = (key: 'registrationSheetId' | 'surveySheetId') => EVENTS.columns.find((c) => c.key === key)!.header;

const LEDGER_HEADERS: Record<string, string> = Object.fromEntries(LEDGER.columns.map((c) => [c.key, c.header]));

/** Problems in ledger rows (typed by hand or not), by sheet row. Rows appended in this run have no number yet. */
export function ledgerProblems(rows: readonly LedgerRow[], rowNumbers: readonly number[], eventIds: ReadonlySet<string>, lang: Lang = 'ja'): Problem[] {
  const firstNew = (rowNumbers.length ? rowNumbers[rowNumbers.length - 1]! : 1) + 1;
  return checkLedgerRows(rows, eventIds).map((p) => ({
    sheet: LEDGER.name,
    row: rowNumbers[p.index] ?? firstNew + (p.index - rowNumbers.length),
    column: p.field === 'person' ? LEDGER_HEADERS.name! : LEDGER_HEADERS[p.field]!,
    message: t(lang, p.message.key, p.message.params),
  }));
}

function summarisePlan(event: EventRecord, appends: readonly LedgerRow[], problems: readonly PlanProblem[], sheetName: string, read: readonly ReadSubmission[]): string {
  const parts = [t('ja', 'responses.added', { event: event.id, count: appends.length })];
  const waitlisted = appends.filter((r) => r.status === LEDGER_STATUS.waitlisted).length;
  if (waitlisted) parts.push(t('ja', 'responses.waitlisted', { count: waitlisted }));
  for (const p of toProblems(problems, sheetName, read, 'ja')) parts.push(formatProblem('ja', p));
  return joinSentences('ja', parts);
}

/** Responses as the demo and tests read them back (for export). */
export type { FormSubmission };
