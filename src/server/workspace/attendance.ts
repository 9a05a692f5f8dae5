/**
 * Check-in and 「出欠を集計」. A volunteer ticks 出席 in 参加者台帳; this pass stamps 受付時刻 on every ticked row
 * that has none (see domain/attendance.ts for why a pass and not an onEdit trigger), checks every row (typed by
 * hand or from a form) and writes the tally to 出欠集計. One ledger read, one batch write, one tally write.
 */
import type { AttendanceReport, Problem } from '../../protocol';
import { ATTENDANCE_SUMMARY_SHEET } from '../domain/schema';
import { rowsToStamp, tallyAttendance, tallyTable } from '../domain/attendance';
import { neutraliseFormula } from '../domain/text';
import { readAgencies, readEvents, readLedger } from './records';
import { ledgerProblems } from './responses';

/**
 * Stamps 受付時刻 on ticked rows, each found again by its 回答id (or content) just before writing: a row deleted or
 * stamped by hand meanwhile is reported, never stamped in its neighbour's place.
 */
export function stampCheckIns(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): { stamped: number; problems: Problem[] } {
  const ledger = readLedger(ss);
  const now = new Date();
  const stamp = rowsToStamp(ledger.rows);
  for (const i of stamp) ledger.table.set(ledger.rowNumbers[i]!, 'checkedInAt', now);
  const { updated, conflicts } = ledger.table.flush();
  return { stamped: updated, problems: conflicts };
}

export function tallyAttendanceInSheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): AttendanceReport {
  const ledger = readLedger(ss);
  const now = new Date();
  const stamp = rowsToStamp(ledger.rows);
  for (const i of stamp) {
    ledger.table.set(ledger.rowNumbers[i]!, 'checkedInAt', now);
    ledger.rows[i] = { ...ledger.rows[i]!, checkedInAt: now };
  }
  const { updated, conflicts } = ledger.table.flush();
  const { events } = readEvents(ss);
  const tallies = tallyAttendance(ledger.rows, events.filter((e) => e.id !== ''), readAgencies(ss));
  const table = tallyTable(tallies).map((line) => line.map((v) => (typeof v === 'string' ? neutraliseFormula(v) : v)));
  const sheet = ss.getSheetByName(ATTENDANCE_SUMMARY_SHEET) ?? ss.insertSheet(ATTENDANCE_SUMMARY_SHEET, ss.getSheets().length);
  sheet.clear();
  if (table.length > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), table.length - sheet.getMaxRows());
  sheet.getRange(1, 1, table.length, table[0]!.length).setValues(table);
  sheet.setFrozenRows(1);
  return {
    stamped: updated,
    events: tallies.map((t) => ({ id: t.eventId, title: t.title, registered: t.registered, attended: t.attended, noShows: t.noShows, waitlisted: t.waitlisted })),
    problems: [...conflicts, ...ledgerProblems(ledger.rows, ledger.rowNumbers, new Set(events.map((e) => e.id)))],
  };
}
