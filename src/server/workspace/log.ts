/** 操作ログ: who did what, when, with what result — one appendRow per operation. */
import { OPERATION_LOG } from '../domain/schema';
import { neutraliseFormula } from '../domain/text';

export function logOperation(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, operation: string, result: string, details: string): void {
  const sheet = ss.getSheetByName(OPERATION_LOG.name);
  if (!sheet) return; // before setup there is nowhere to log; the caller reports to the user directly
  // A sheet that 初期設定 created but had not yet given its header (a run that failed half-way): appending here
  // would make this line the header row, and the next 初期設定 would add the log's columns beside it.
  if (sheet.getLastRow() === 0) return;
  const email = Session.getActiveUser().getEmail();
  const row: Record<string, string | Date> = {
    at: new Date(),
    user: email || '(不明)',
    operation: neutraliseFormula(operation),
    result: neutraliseFormula(result),
    details: neutraliseFormula(details.length > 45000 ? `${details.slice(0, 45000)}…` : details),
  };
  // The log sheet is append-only and written by the add-on alone, so its column order is the schema's.
  sheet.appendRow(OPERATION_LOG.columns.map((c) => row[c.key] ?? ''));
}
