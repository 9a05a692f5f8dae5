/**
 * What every entry point shares: the menu, the user's language, the document lock, the 操作ログ line, and turning
 * any failure into a plain sentence (an alert from the menu, an RpcResult for the sidebar) — never a stack trace.
 */
import type { RegistryReport, RpcResult } from '../../protocol';
import { Lang, langOf, MessageKey, t } from '../i18n/messages';
import { SHEET_SCOPES, missingGrantError, missingGrants } from './auth';
import { describeError } from './errors';
import { withDocumentLock } from './lock';
import { logOperation } from './log';
import { explainMissing } from './renames';
import { formatProblem } from '../domain/where';

export interface MenuEntry {
  caption: MessageKey;
  functionName: string;
}

/** The add-on menu, in order; `null` is a separator. Features add their entries here. */
export const MENU: readonly (MenuEntry | null)[] = [
  { caption: 'menu.sidebar', functionName: 'showSidebar' },
  null,
  { caption: 'menu.setup', functionName: 'setUpWorkbook' },
  { caption: 'menu.checkRegistry', functionName: 'checkRegistry' },
  null,
  { caption: 'menu.checkEvents', functionName: 'checkEvents' },
  { caption: 'menu.createForms', functionName: 'createEventForms' },
  { caption: 'menu.syncResponses', functionName: 'syncFormResponses' },
  { caption: 'menu.stampCheckIns', functionName: 'stampCheckIns' },
  { caption: 'menu.tallyAttendance', functionName: 'tallyAttendance' },
  { caption: 'menu.sendMail', functionName: 'sendParticipantMail' },
  { caption: 'menu.sendMeetingInvites', functionName: 'sendMeetingInvites' },
  { caption: 'menu.createPamphletTemplate', functionName: 'createPamphletTemplate' },
  { caption: 'menu.generatePamphlet', functionName: 'generatePamphlet' },
  null,
  { caption: 'menu.summariseSurveys', functionName: 'summariseSurveys' },
  { caption: 'menu.createReport', functionName: 'createActivityReport' },
];

/**
 * Menu captions in the user's language. In AuthMode.NONE (installed, not yet used in this file) nothing but the menu
 * may be touched, so the captions stay Japanese (the default); onInstall (FULL) and onOpen once the add-on is enabled
 * in the file (LIMITED) ask for the locale. The locale is read defensively: a refusal must not cost the menu.
 */
export function buildMenu(authMode?: GoogleAppsScript.Script.AuthMode): void {
  let lang: Lang = 'ja';
  if (authMode === undefined || String(authMode) !== 'NONE') {
    try {
      lang = userLang();
    } catch {
      lang = 'ja';
    }
  }
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const entry of MENU) {
    if (entry) menu.addItem(t(lang, entry.caption), entry.functionName);
    else menu.addSeparator();
  }
  menu.addToUi();
}

export function userLang(): Lang {
  return langOf(Session.getActiveUserLocale());
}

type Work<T> = (ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang) => T;

interface RunOptions {
  /** Write a line to 操作ログ (default true). */
  log?: boolean;
  /** Hold the document lock (default true; read-only work may skip it). */
  lock?: boolean;
  scopes?: readonly string[];
}

interface RpcOptions<T> extends RunOptions {
  /**
   * The 操作ログ sentence for the result — the same one the menu writes for the same operation. Without it the
   * line says only that the operation finished (never the result's JSON).
   */
  describe?: (value: T, lang: Lang) => string;
}

function run<T>(operation: string, work: Work<T>, options: RunOptions, onResult: (v: T, lang: Lang) => string): { value?: T; error?: ReturnType<typeof describeError> } {
  let lang: Lang = 'ja';
  let ss: GoogleAppsScript.Spreadsheet.Spreadsheet | null = null;
  try {
    lang = userLang();
    // Grants first: without spreadsheets.currentonly Google refuses getActiveSpreadsheet itself ("You do not have
    // permission to call SpreadsheetApp.getActiveSpreadsheet…", the reference lists it for that method), and the
    // user would read that English sentence instead of the missing permission's Japanese name. With the sheet
    // granted, the failure is still written to 操作ログ.
    const missing = missingGrants(options.scopes ?? SHEET_SCOPES);
    if (!missing.includes(SHEET_SCOPES[0])) ss = SpreadsheetApp.getActiveSpreadsheet();
    if (missing.length) throw missingGrantError(missing);
    if (!ss) throw missingGrantError(SHEET_SCOPES);
    const active = ss;
    const value = options.lock === false ? work(active, lang) : withDocumentLock(() => work(active, lang));
    if (options.log !== false) safeLog(ss, operation, t(lang, 'log.ok'), onResult(value, lang));
    return { value };
  } catch (e) {
    const error = describeError(ss ? explainMissing(ss, e) : e, lang);
    if (options.log !== false && ss) safeLog(ss, operation, t(lang, 'log.failed'), error.message);
    return { error };
  }
}

/** A failure to write the log must not hide the operation's own result. */
function safeLog(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, operation: string, result: string, details: string): void {
  try {
    logOperation(ss, operation, result, details);
  } catch {
    // The log is best effort: the user has already been told the outcome.
  }
}

/** Runs a menu command: the result (a sentence) or the error is shown in an alert. */
export function runFromMenu(operation: string, work: Work<string>, options: RunOptions = {}): void {
  const outcome = run(operation, work, options, (v) => v);
  if (outcome.error) SpreadsheetApp.getUi().alert(operation, outcome.error.message, SpreadsheetApp.getUi().ButtonSet.OK);
}

/** Runs a sidebar RPC: always returns, with either the value or a plain-language error. */
export function rpc<T>(operation: string, work: Work<T>, options: RpcOptions<T> = {}): RpcResult<T> {
  const outcome = run(operation, work, options, (v, lang) => (options.describe ? options.describe(v, lang) : t(lang, 'log.done')));
  return outcome.error ? { ok: false, error: outcome.error } : { ok: true, value: outcome.value as T };
}

const ALERT_PROBLEMS = 15;

/** The registry check's one-line outcome: the alert's first line and the 操作ログ sentence. */
export function registrySummary(report: RegistryReport, lang: Lang): string {
  return t(lang, 'registry.summary', { rows: report.rows, fixed: report.fixed, problems: report.problems.length });
}

/** The registry report as an alert: the summary, then problems as 「N行目「列」: what to do」. */
export function alertReport(title: string, report: RegistryReport, lang: Lang): string {
  const summary = registrySummary(report, lang);
  const lines = report.problems.slice(0, ALERT_PROBLEMS).map((p) => formatProblem(lang, p));
  if (report.problems.length > ALERT_PROBLEMS) lines.push(t(lang, 'registry.more', { count: report.problems.length - ALERT_PROBLEMS }));
  const body = report.problems.length ? `${summary}\n\n${lines.join('\n')}\n\n${t(lang, 'registry.seeNotes')}` : `${summary}\n${t(lang, 'registry.allGood')}`;
  SpreadsheetApp.getUi().alert(title, body, SpreadsheetApp.getUi().ButtonSet.OK);
  return summary;
}
