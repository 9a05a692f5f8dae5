/**
 * What every entry point shares: the menu, the user's language, the document lock, the 操作ログ line, and turning
 * any failure into a plain sentence (an alert from the menu, an RpcResult for the sidebar) — never a stack trace.
 */
import type { RegistryReport, RpcResult } from '../../protocol';
import { Lang, langOf, t } from '../i18n/messages';
import { SHEET_SCOPES, missingGrantError, missingGrants } from './auth';
import { describeError } from './errors';
import { withDocumentLock } from './lock';
import { logOperation } from './log';

export interface MenuEntry {
  caption: string;
  functionName: string;
}

/** The add-on menu, in order; `null` is a separator. Features add their entries here. */
export const MENU: readonly (MenuEntry | null)[] = [
  { caption: 'サイドバーを開く', functionName: 'showSidebar' },
  null,
  { caption: '初期設定', functionName: 'setUpWorkbook' },
  { caption: '団体名簿をチェック', functionName: 'checkRegistry' },
  null,
  { caption: 'フォームを作成', functionName: 'createEventForms' },
  { caption: '回答を同期', functionName: 'syncFormResponses' },
  { caption: '受付時刻を記録', functionName: 'stampCheckIns' },
  { caption: '出欠を集計', functionName: 'tallyAttendance' },
  { caption: '会議の招待を送信', functionName: 'sendMeetingInvites' },
  { caption: 'パンフレットのひな形を作成', functionName: 'createPamphletTemplate' },
  { caption: 'パンフレットを作成', functionName: 'generatePamphlet' },
  null,
  { caption: 'アンケートを集計', functionName: 'summariseSurveys' },
  { caption: '活動報告書を作成', functionName: 'createActivityReport' },
];

/** Menu only: in AuthMode.NONE (installed, not yet used in this file) no properties and no sheet reads are allowed. */
export function buildMenu(_authMode?: GoogleAppsScript.Script.AuthMode): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const entry of MENU) {
    if (entry) menu.addItem(entry.caption, entry.functionName);
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

function run<T>(operation: string, work: Work<T>, options: RunOptions, onResult: (v: T) => string): { value?: T; error?: ReturnType<typeof describeError> } {
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
    if (options.log !== false) safeLog(ss, operation, t(lang, 'log.ok'), onResult(value));
    return { value };
  } catch (e) {
    const error = describeError(e, lang);
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
export function rpc<T>(operation: string, work: Work<T>, options: RunOptions = {}): RpcResult<T> {
  const outcome = run(operation, work, options, (v) => summarise(v));
  return outcome.error ? { ok: false, error: outcome.error } : { ok: true, value: outcome.value as T };
}

function summarise(value: unknown): string {
  const json = JSON.stringify(value) ?? '';
  return json.length > 500 ? `${json.slice(0, 500)}…` : json;
}

const ALERT_PROBLEMS = 15;

/** The registry report as an alert: the summary, then problems as 「N行目「列」: what to do」. */
export function alertReport(title: string, report: RegistryReport, lang: Lang): string {
  const summary = t(lang, 'registry.summary', { rows: report.rows, fixed: report.fixed, problems: report.problems.length });
  const lines = report.problems.slice(0, ALERT_PROBLEMS).map((p) => t(lang, 'problem.at', { row: p.row, column: p.column, message: p.message }));
  if (report.problems.length > ALERT_PROBLEMS) lines.push(t(lang, 'registry.more', { count: report.problems.length - ALERT_PROBLEMS }));
  const body = report.problems.length ? `${summary}\n\n${lines.join('\n')}\n\n${t(lang, 'registry.seeNotes')}` : `${summary}\n${t(lang, 'registry.allGood')}`;
  SpreadsheetApp.getUi().alert(title, body, SpreadsheetApp.getUi().ButtonSet.OK);
  return summary;
}
