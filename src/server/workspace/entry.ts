/**
 * What every entry point shares: the menu, the user's language, the document lock, the 操作ログ line, and turning
 * any failure into a plain sentence (an alert from the menu, an RpcResult for the sidebar) — never a stack trace.
 */
import type { RegistryReport, RpcResult } from '../../protocol';
import { Lang, langOf, MessageKey, t } from '../i18n/messages';
import { SHEET_SCOPES, missingGrantError, missingGrants } from './auth';
import { UserFacingError, describeError, problemLines } from './errors';
import { LOG_RESULT } from '../domain/schema';
import { withDocumentLock } from './lock';
import { emailNotGranted, logOperation, ranByUser } from './log';
import { SCOPES } from '../scopes';
import { explainMissing } from './renames';
import { startDeadline } from './deadline';
import { menuItems, type Operation, type TriggerOperation, type UiOperation } from '../operations';

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
  for (const entry of menuItems()) {
    if (entry) menu.addItem(t(lang, entry.caption), entry.fn);
    else menu.addSeparator();
  }
  menu.addToUi();
}

export function userLang(): Lang {
  return langOf(Session.getActiveUserLocale());
}

type Work<T> = (ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang) => T;

/**
 * Every run from the menu or the sidebar: the user's language, the operation's grants, the document lock (unless
 * `lock: false`), one 操作ログ line (unless `log: false`: the operation's `describe` sentence, the same from the menu
 * and the sidebar), and any failure turned into a plain sentence.
 */
function run<T>(operation: string, work: Work<T>, options: Pick<Operation, 'scopes' | 'optionalScopes' | 'lock' | 'log'>, onResult: (v: T, lang: Lang) => string): { value?: T; error?: ReturnType<typeof describeError>; lang: Lang } {
  let lang: Lang = 'ja';
  let ss: GoogleAppsScript.Spreadsheet.Spreadsheet | null = null;
  startDeadline(); // the operation's time budget starts with it (deadline.ts)
  ranByUser();
  try {
    lang = userLang();
    const active = (ss = SpreadsheetApp.getActiveSpreadsheet());
    // Beyond the sheet, grants are asked before the work: a permission refused half-way would come after documents,
    // events or mail were made. The sheet alone is asked for by getActiveSpreadsheet itself.
    const scopes = options.scopes ?? SHEET_SCOPES;
    if (scopes.length > 1) {
      // userinfo.email is asked alongside, in the same call (the two calls stay two when all is granted): refused, no
      // address is logged, not even one a Drive reply gives (log.ts emailNotGranted); it stops nothing it is not needed by.
      // The operation's own optional scopes go in the same call (auth.ts remembers their answer for this execution).
      const emailOptional = !scopes.includes(SCOPES.email);
      const missing = missingGrants(scopes, [...(options.optionalScopes ?? []), ...(emailOptional ? [SCOPES.email] : [])]);
      if (emailOptional && missingGrants([SCOPES.email]).length) emailNotGranted();
      if (missing.length) throw missingGrantError(missing);
    }
    // The lock is kept to the end of the execution (only the 操作ログ line follows): Google releases it then
    // (https://developers.google.com/apps-script/reference/lock/lock#releaseLock()).
    const value = options.lock === false ? work(active, lang) : withDocumentLock(() => work(active, lang), undefined, true);
    if (options.log !== false) safeLog(ss, operation, LOG_RESULT.ok, onResult(value, lang));
    return { value, lang };
  } catch (e) {
    // An operation on the sheet alone asks for its grant only when something failed (2 calls fewer): without it
    // Google refuses getActiveSpreadsheet, the first call ("You do not have permission to call
    // SpreadsheetApp.getActiveSpreadsheet…"; "Some script executions can start without a user's consent to all required
    // scopes", https://developers.google.com/apps-script/reference/script/authorization-info), and the user reads the
    // missing permission's Japanese name instead of that English sentence.
    let failure = e;
    if (!(e instanceof UserFacingError)) {
      try {
        const missing = missingGrants(options.scopes ?? SHEET_SCOPES);
        if (missing.length) failure = missingGrantError(missing);
      } catch {
        // The check itself failed: the original failure is reported.
      }
    }
    const error = describeError(ss && failure === e ? explainMissing(ss, e) : failure, lang);
    if (options.log !== false && ss) safeLog(ss, operation, LOG_RESULT.failed, error.message);
    return { error, lang };
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

/** The one alert path: every menu operation's result and every failure from the menu are shown through it. */
export function alert(title: string, body: string): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert(title, body, ui.ButtonSet.OK);
}

/** The 操作ログ name of an operation: its caption in Japanese, whatever the user's language (the log is shared). */
function logName(o: { caption: MessageKey }): string {
  return t('ja', o.caption);
}

function describeWith<T>(o: Operation<never[], T>): (v: T, lang: Lang) => string {
  return (v, lang) => (o.describe ? o.describe(v, lang) : t(lang, 'log.done'));
}

/** Runs an operation from its menu item: the result (or the failure) is shown as one alert. */
export function fromMenu<A extends unknown[], T>(o: Operation<A, T> | UiOperation): void {
  if ('show' in o) {
    o.show();
    return;
  }
  // main.ts calls fromMenu only for operations with a menu item (test/project/operations.test.ts).
  const menu = o.menu!;
  const describe = describeWith(o as unknown as Operation<never[], T>);
  const outcome = run(logName(o), (ss, lang) => {
    const args = menu.args ? menu.args(ss) : ([] as unknown as A);
    const value = o.run(ss, lang, ...args);
    if (menu.show) menu.show(value, lang, ss);
    else alert(t(lang, menu.title ?? o.caption), (menu.body ?? describe)(value, lang));
    return value;
  }, o, describe);
  if (outcome.error) alert(t(outcome.lang, o.caption), outcome.error.message);
}

/** Runs an operation as a sidebar RPC: always returns, with either the value or a plain-language error. */
export function fromSidebar<A extends unknown[], T>(o: Operation<A, T>, ...args: A): RpcResult<T> {
  const outcome = run(logName(o), (ss, lang) => o.run(ss, lang, ...args), o, describeWith(o as unknown as Operation<never[], T>));
  return outcome.error ? { ok: false, error: outcome.error } : { ok: true, value: outcome.value as T };
}

/** Runs a trigger's handler (it takes its own lock and writes its own log). */
export function fromTrigger<E>(o: TriggerOperation<E>, event: E): void {
  startDeadline(); // a trigger's execution has Google's 6 minutes too (deadline.ts)
  o.handle(event);
}

/** The registry check's one-line outcome: the alert's first line and the 操作ログ sentence. */
export function registrySummary(report: RegistryReport, lang: Lang): string {
  return t(lang, 'registry.summary', { rows: report.rows, fixed: report.fixed, problems: report.problems.length });
}

/** The registry report as an alert's body: the summary, then problems as 「N行目「列」: what to do」. */
export function registryAlertBody(report: RegistryReport, lang: Lang): string {
  const summary = registrySummary(report, lang);
  const lines = problemLines(lang, report.problems, 'registry.more');
  return report.problems.length ? `${summary}\n\n${lines.join('\n')}\n\n${t(lang, 'registry.seeNotes')}` : `${summary}\n${t(lang, 'registry.allGood')}`;
}
