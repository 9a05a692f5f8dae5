/**
 * 操作ログ: who did what, when, with what result — one appendRow per operation. Only the header row is read (the log
 * grows without end), and each value goes under its header, so a volunteer may reorder the log's columns too.
 */
import { OPERATION_LOG } from '../domain/schema';
import { neutraliseFormula } from '../domain/text';
import type { LastResult } from '../../protocol';
import { headerKey } from './tables';

export function logOperation(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, operation: string, result: string, details: string): void {
  const sheet = ss.getSheetByName(OPERATION_LOG.name);
  if (!sheet) return; // before setup there is nowhere to log; the caller reports to the user directly
  // The header row to its last column with content, in one call (getSheetValues' -1, see tables.ts sheetValues; an empty sheet's refusal is swallowed with the line). A sheet that 初期設定 created
  // but had not yet given its header (a run that failed half-way) reads as no header: appending there would make this
  // line the header row, and the next 初期設定 would add the log's columns beside it.
  const headers = ((sheet.getSheetValues(1, 1, 1, -1)[0] ?? []) as unknown[]).map(headerKey);
  if (headers.every((h) => h === '')) return;
  const email = userEmail();
  const row: Record<string, string | Date> = {
    at: new Date(),
    user: email || '(不明)',
    operation: neutraliseFormula(operation),
    result: neutraliseFormula(result),
    details: neutraliseFormula(details.length > 45000 ? `${details.slice(0, 45000)}…` : details),
  };
  const line: (string | Date)[] = headers.map(() => '');
  for (const c of OPERATION_LOG.columns) {
    const i = headers.indexOf(headerKey(c.header));
    if (i >= 0) line[i] = row[c.key] ?? '';
  }
  sheet.appendRow(line);
}

let email: string | undefined;
/**
 * The active user's address for an operation that needs it (not best effort: a failure is thrown, and the log line
 * asks again); the log line then does not ask (2 calls).
 */
export function activeUserEmail(): string {
  return (email ??= Session.getActiveUser().getEmail());
}

/** Set by the entry for a run from the menu or the sidebar (never for a trigger's). */
let byUser = false;
export function ranByUser(): void {
  byUser = true;
}

/**
 * The effective user's address, when an operation asked it (the coordinator's record): in a run from the menu or the
 * sidebar that is the user who ran it — getEffectiveUser "In most other scenarios, this returns the same account as
 * getActiveUser()"; only a web app run as its owner and an installable trigger differ
 * (https://developers.google.com/apps-script/reference/base/session#getEffectiveUser()) — so the log line does not
 * ask again (2 calls).
 */
export function effectiveUserEmail(address: string): string {
  if (byUser && !emailRefused && email === undefined && address) email = address;
  return address;
}

/**
 * Set by the entry when the user has not granted userinfo.email (granular consent): an address met elsewhere (a Drive
 * reply names the copy's owner) is then not written to 操作ログ either — the line says the user is unknown, as the user chose.
 */
let emailRefused = false;
export function emailNotGranted(): void {
  emailRefused = true;
}

/** The user's address, asked once per execution (2 calls); '' when userinfo.email is not granted. */
export function userEmail(): string {
  if (email === undefined) {
    try {
      email = Session.getActiveUser().getEmail();
    } catch {
      // userinfo.email not granted (granular consent): Google refuses getActiveUser, whose reference lists that scope
      // (https://developers.google.com/apps-script/reference/base/session#getActiveUser()). The line is still written.
      email = '';
    }
  }
  return email;
}

/** How far back 「前回の結果」 looks: the log grows without end; the latest lines hold every recent operation. */
export const LAST_RESULTS_WINDOW = 200;

/**
 * The last line of each operation in 操作ログ, newest first: what the sidebar shows when it opens, so a result the
 * coordinator missed (the page reloaded while the operation ran) is not lost and invites no second click. One read
 * of the last LAST_RESULTS_WINDOW lines; columns found by header.
 */
export function lastResults(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, now: Date): LastResult[] {
  const sheet = ss.getSheetByName(OPERATION_LOG.name);
  if (!sheet) return [];
  const last = sheet.getLastRow();
  const width = sheet.getLastColumn();
  if (last < 2 || width === 0) return [];
  const first = Math.max(2, last - LAST_RESULTS_WINDOW + 1);
  const values = sheet.getRange(1, 1, 1, width).getValues()[0]!.map(headerKey);
  const range = sheet.getRange(first, 1, last - first + 1, width);
  const rows = range.getValues();
  // The time as the log shows it (its column's format, the spreadsheet's zone): one read, not a formatDate per line.
  const shown = range.getDisplayValues();
  const col = (key: 'at' | 'operation' | 'result' | 'details') => values.indexOf(headerKey(OPERATION_LOG.columns.find((c) => c.key === key)!.header));
  const [at, operation, result, details] = (['at', 'operation', 'result', 'details'] as const).map(col) as [number, number, number, number];
  if (operation < 0) return [];
  const seen = new Map<string, LastResult>();
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i]!;
    const name = String(row[operation] ?? '').trim();
    if (name === '' || seen.has(name)) continue;
    const when = at >= 0 && row[at] instanceof Date ? (row[at] as Date) : null;
    seen.set(name, {
      operation: name,
      at: when ? shown[i]![at]!.slice(0, 16) : '',
      minutesAgo: when ? Math.max(0, Math.round((now.getTime() - when.getTime()) / 60000)) : null,
      result: result >= 0 ? String(row[result] ?? '') : '',
      details: details >= 0 ? String(row[details] ?? '').slice(0, 300) : '',
    });
  }
  return [...seen.values()];
}
