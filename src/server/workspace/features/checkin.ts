/**
 * 「受付名簿を作成」 and self check-in (issue 15, item 5). The check-in form is made and updated like the event's
 * other forms (forms.ts upsertForm) and writes to this spreadsheet; which sheet belongs to which event is kept in
 * Document Properties rather than in new 行事 columns, so a spreadsheet set up before this feature keeps working
 * without 初期設定, and a registration firing pays nothing for it (the map is read only for a sheet 行事 does not route).
 *
 * A check-in response ticks 出席 and stamps 受付時刻 on the ledger row found by e-mail or 受付番号 (domain/checkin.ts),
 * through the safe write (tables.ts: re-read, found by 回答id, a cell a person changed meanwhile kept and reported);
 * an unknown person is appended as a walk-in (経路 当日). Each handled response is kept in 取り込み記録 (its key and the
 * ledger id it touched; no personal data), written after the ledger, so a duplicate firing or a re-run handles it
 * once, and a 出席 a volunteer unticks afterwards stays unticked.
 */
import type { RosterResult } from '../../../protocol';
import type { LocalizedProblem } from '../errors';
import { checkInQuestions, planCheckIns, rosterDocument } from '../../domain/checkin';
import { EventRecord } from '../../domain/events';
import { formatSeireki, formatWareki } from '../../domain/ja';
import { Lang, t } from '../../i18n/messages';
import { createDocumentWithPdf } from '../docBlocks';
import { UserFacingError } from '../errors';
import { FORMS_SCOPES, ensureFormSubmitTrigger, upsertForm } from './forms';
import { ImportRecord, openImportRecord, recordImports } from './importRecord';
import { tryWithDocumentLock } from '../lock';
import { DOCUMENTS_SCOPE, DRIVE_FILE_SCOPE, outputFolder } from './pamphlet';
import { markResponsesPending } from './pending';
import { LedgerTable, appendLedgerRow, ledgerOf, readEvents, readLedger, readResponseSheet } from '../records';
import { Settings, documentProperties } from '../settings';
import { civilDateOf } from './surveyResults';
import { formatZoned, spreadsheetTimeZone } from '../tables';

/** Read when an operation starts (responses.ts imports this module inside the forms.ts import cycle). */
export const checkInScopes = (): readonly string[] => [...FORMS_SCOPES, DOCUMENTS_SCOPE, DRIVE_FILE_SCOPE];
const FORMS_KEY = 'checkin.forms';
/** Marks a 取り込み記録 entry as a handled check-in; the rest is the ledger id it ticked or added. */
const HANDLED = 'checkin:';
const FIRING_LOCK_MS = 10_000;

interface CheckInForm { formId: string; sheetId: string; url: string }

/**
 * Document Properties as the caller read them under its lock (回答を同期: all of them, as a record), or the
 * properties object it already holds (受付名簿を作成): no second read either way.
 */
export function readCheckInForms(source: Record<string, string> | GoogleAppsScript.Properties.Properties = documentProperties()): Record<string, CheckInForm> {
  // A failing read is rethrown: taken as "no form yet" it would make a second check-in form, or drop a check-in.
  const text = (typeof source.getProperty === 'function' ? (source as GoogleAppsScript.Properties.Properties).getProperty(FORMS_KEY) : (source as Record<string, string>)[FORMS_KEY]) ?? '{}';
  try {
    return JSON.parse(text) as Record<string, CheckInForm>;
  } catch {
    return {}; // a value no version of the add-on wrote: made again from scratch
  }
}

function whenText(event: EventRecord, timeZone: string): string {
  if (!event.start) return '';
  const day = civilDateOf(event.start, timeZone);
  const time = (d: Date) => formatZoned(d, timeZone, true).slice(11);
  return `${formatSeireki(day)}（${formatWareki(day)}） ${time(event.start)}${event.end ? `〜${time(event.end)}` : ''}`;
}


/** Makes or updates the event's check-in form, then a new 受付名簿 (Doc and PDF) in the add-on's output folder. */
export function createRoster(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, eventId: string, lang: Lang): RosterResult {
  // checkInScopes() are the operation's `scopes`: the entry checked them before the work (not asked twice: 2 calls).
  const timeZone = spreadsheetTimeZone(ss);
  // Views (2 calls fewer each): 行事 and 参加者台帳 are only read here.
  const event = readEvents(ss, timeZone, true).events.find((e) => e.id === eventId.trim());
  if (!event) throw new UserFacingError('forms.unknownEvent', { id: eventId });
  const props = documentProperties();
  // Every property once, under the lock: the check-in forms' record (only this operation writes it, under the lock,
  // so what it wrote itself is all that changes it meanwhile) and the coordinator's record.
  const all = props.getProperties();
  let forms = readCheckInForms(all);
  const known = forms[event.id];
  const keep = (next: Record<string, CheckInForm>) => { props.setProperty(FORMS_KEY, JSON.stringify(next)); forms = next; };
  // A new form's id is kept at once, so a run that fails while filling it in finds it again instead of making another.
  const remember = (formId: string) => keep({ ...forms, [event.id]: { formId, sheetId: known?.sheetId ?? '', url: known?.url ?? '' } });
  const read = { getProperty: (key: string) => all[key] ?? null, setProperty: (key: string, value: string) => props.setProperty(key, value) };
  // The form's applied-state record (forms.ts) goes with the check-in record in one setProperties (a call fewer): a run
  // cut before it has no record of what it applied, and the re-run reads the form's items and applies again.
  const pending: Record<string, string> = {};
  const deferred = { getProperty: read.getProperty, setProperty: (key: string, value: string) => { pending[key] = value; } };
  const form = upsertForm(ss, event, 'checkin', checkInQuestions(), known?.formId ?? '', known?.sheetId ?? '', remember, deferred, undefined, false);
  if (!known || known.formId !== form.formId || known.sheetId !== form.sheetId || known.url !== form.url) {
    forms = { ...forms, [event.id]: { formId: form.formId, sheetId: form.sheetId, url: form.url } };
    pending[FORMS_KEY] = JSON.stringify(forms);
  }
  if (Object.keys(pending).length) props.setProperties(pending);
  ensureFormSubmitTrigger(ss, { props: read });
  const ledger = readLedger(ss, timeZone, true);
  const roster = rosterDocument({ id: event.id, title: event.title, when: whenText(event, timeZone), venue: event.venue, checkInUrl: form.url }, ledger.rows);
  // A view: outputFolder reopens 設定 to write only when it must make the folder.
  const folder = outputFolder(Settings.open(ss, true));
  const stamp = formatZoned(new Date(), timeZone, false);
  const { doc, pdf } = createDocumentWithPdf(`${roster.title}_${stamp}`, roster.items, folder, { text: form.url, at: roster.qr });
  return {
    eventId: event.id, formUrl: form.url, documentId: doc.id, documentUrl: doc.url, pdfId: pdf.id, pdfUrl: pdf.url, listed: roster.listed,
    message: t(lang, 'checkin.done', { id: event.id, listed: roster.listed, form: form.url, doc: doc.url, pdf: pdf.url }),
  };
}

/**
 * The form-submit hook (responses.ts): true when the sheet is a check-in form's, which is then recorded under the
 * lock (or left for the hourly catch-up when the lock stays busy, as registrations are).
 */
export function recordCheckInSubmission(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet, sheet: GoogleAppsScript.Spreadsheet.Sheet, sheetId: string, timeZone: string, log: (details: string) => void,
): boolean {
  const forms = readCheckInForms();
  const eventId = Object.keys(forms).find((id) => forms[id]!.sheetId === sheetId);
  if (eventId === undefined) return false;
  const outcome = tryWithDocumentLock(() => recordCheckIns(ss, eventId, forms[eventId]!.formId, sheet, timeZone), FIRING_LOCK_MS);
  if (!outcome.ran) { markResponsesPending(); return true; }
  const r = outcome.value;
  if (r.ticked || r.walkIns || r.problems.length) log(t('ja', 'checkin.logged', { id: eventId, ticked: r.ticked, walkIns: r.walkIns, kept: r.problems.length }));
  return true;
}

/** Reconciles one event's check-in sheet with the ledger (one read each, one batch write each). Under the caller's lock. */
export function recordCheckIns(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet, eventId: string, formId: string, sheet: GoogleAppsScript.Spreadsheet.Sheet, timeZone: string,
  /** 回答を同期's ledger and 取り込み記録, open under the same lock (its flush re-reads the ledger live), and the sheet's id. */
  open?: { ledger: LedgerTable; record: ImportRecord; sheetId: string },
): { ticked: number; walkIns: number; problems: LocalizedProblem[] } {
  const read = readResponseSheet(sheet, open?.sheetId ?? String(sheet.getSheetId()), timeZone, formId);
  const ledger = open ? ledgerOf(open.ledger) : readLedger(ss, timeZone);
  const record = open?.record ?? openImportRecord(ss, timeZone);
  const handled = new Set([...record.byKey].filter(([, v]) => v.startsWith(HANDLED)).map(([k]) => k));
  const plan = planCheckIns({ eventId, ledger: ledger.rows, submissions: read.map((r) => r.submission), handled });
  for (const tick of plan.ticks) {
    ledger.table.set(ledger.rowNumbers[tick.index]!, 'attended', true);
    if (!ledger.rows[tick.index]!.checkedInAt) ledger.table.set(ledger.rowNumbers[tick.index]!, 'checkedInAt', tick.at);
  }
  for (const w of plan.walkIns) appendLedgerRow(ledger.table, w);
  const { conflicts } = ledger.table.flush();
  // After the ledger: a failure in between leaves the check-in to be handled again, which finds it done.
  recordImports(record, plan.handled.map((h) => ({ responseKey: h.responseKey, eventId, fingerprint: HANDLED + h.ledgerId })));
  record.table.flush();
  return { ticked: plan.ticks.length, walkIns: plan.walkIns.length, problems: conflicts };
}

/** 「回答を同期」 and the hourly catch-up: every event's check-in sheet. Two calls when there is none. */
export function syncCheckIns(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone: string, sheets: Pick<ReadonlyMap<string, GoogleAppsScript.Spreadsheet.Sheet>, 'get'>, all: Record<string, string>,
  open: { ledger: LedgerTable; record: ImportRecord },
): LocalizedProblem[] {
  const forms = readCheckInForms(all);
  const problems: LocalizedProblem[] = [];
  for (const [eventId, f] of Object.entries(forms)) {
    const sheet = sheets.get(f.sheetId);
    if (sheet) problems.push(...recordCheckIns(ss, eventId, f.formId, sheet, timeZone, { ...open, sheetId: f.sheetId }).problems);
  }
  return problems;
}
