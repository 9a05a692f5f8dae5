/**
 * 操作ログ: who did what, when, with what result — one appendRow per operation. Only the header row is read (the log
 * grows without end), and each value goes under its header, so a volunteer may reorder the log's columns too.
 */
import { OPERATION_LOG } from '../domain/schema';
import { neutraliseFormula } from '../domain/text';
import { headerKey } from './tables';

export function logOperation(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, operation: string, result: string, details: string): void {
  const sheet = ss.getSheetByName(OPERATION_LOG.name);
  if (!sheet) return; // before setup there is nowhere to log; the caller reports to the user directly
  // A sheet that 初期設定 created but had not yet given its header (a run that failed half-way): appending here
  // would make this line the header row, and the next 初期設定 would add the log's columns beside it.
  const width = sheet.getLastColumn();
  if (width === 0) return;
  const headers = sheet.getRange(1, 1, 1, width).getValues()[0]!.map(headerKey);
  let email = '';
  try {
    email = Session.getActiveUser().getEmail();
  } catch {
    // userinfo.email not granted (granular consent): Google refuses getActiveUser, whose reference lists that scope
    // (https://developers.google.com/apps-script/reference/base/session#getActiveUser()). The line is still written.
  }
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
