/**
 * Check-in and 「出欠を集計」. A volunteer ticks 出席 in 参加者台帳; this pass stamps 受付時刻 on every ticked row
 * that has none (see domain/attendance.ts for why a pass and not an onEdit trigger), checks every row (typed by
 * hand or from a form) and writes the tally to 出欠集計. One ledger read, one batch write, one tally write.
 */
import type { AttendanceReport, Problem } from '../../../protocol';
import { ATTENDANCE_SUMMARY_SHEET, LEDGER } from '../../domain/schema';

const CHECKED_IN_HEADER = LEDGER.columns.find((c) => c.key === 'checkedInAt')!.header;
import { rowsToStamp, tallyAttendance, tallyTable, tidyLedgerRow } from '../../domain/attendance';
import { neutraliseFormula } from '../../domain/text';
import { readAgencies, readEvents, readLedger } from '../records';
import { ledgerProblems } from './responses';
import { claimSheets } from '../ownership';
import { renderProblems } from '../errors';
import type { Lang } from '../../i18n/messages';

/** Plans 受付時刻 = now on every ticked row not yet stamped (the ledger's rows read as stamped); their indexes. */
function planStamps(ledger: ReturnType<typeof readLedger>): number[] {
  const now = new Date();
  const stamp = rowsToStamp(ledger.rows);
  for (const i of stamp) {
    ledger.table.set(ledger.rowNumbers[i]!, 'checkedInAt', now);
    ledger.rows[i] = { ...ledger.rows[i]!, checkedInAt: now };
  }
  return stamp;
}

/**
 * Stamps 受付時刻 on ticked rows, each found again by its 回答id (or content) just before writing: a row deleted or
 * stamped by hand meanwhile is reported, never stamped in its neighbour's place.
 */
export function stampCheckIns(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang = 'ja'): { stamped: number; problems: Problem[] } {
  const ledger = readLedger(ss);
  planStamps(ledger);
  const { updated, conflicts } = ledger.table.flush();
  return { stamped: updated, problems: renderProblems(lang, conflicts) };
}

export function tallyAttendanceInSheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang = 'ja'): AttendanceReport {
  // A volunteer's own sheet named 出欠集計 is never cleared; it stops the operation before the check-in stamps too.
  const header = tallyTable([])[0]!.map(String).join('\u0001');
  const [sheet] = claimSheets(ss, [{ name: ATTENDANCE_SUMMARY_SHEET, isOurs: (first) => first.map(String).join('\u0001') === header }]) as [GoogleAppsScript.Spreadsheet.Sheet];
  const ledger = readLedger(ss);
  const stamp = planStamps(ledger);
  // Rows typed by hand are tidied as form rows are (names, e-mail, 所属団体 as the member's name with its id), in the
  // same batch write; cells that would not change are not written.
  const agencies = readAgencies(ss);
  const canLink = ledger.table.has('agencyId');
  ledger.rows.forEach((row, i) => {
    const fixes = tidyLedgerRow(row, agencies).filter((f) => canLink || (f.key !== 'agencyId' && f.key !== 'agency'));
    if (!fixes.length) return;
    const next = { ...row };
    for (const f of fixes) {
      ledger.table.set(ledger.rowNumbers[i]!, f.key, f.value);
      next[f.key] = f.value;
    }
    ledger.rows[i] = next;
  });
  const { conflicts } = ledger.table.flush();
  const { events } = readEvents(ss, undefined, true);
  const tallies = tallyAttendance(ledger.rows, events.filter((e) => e.id !== ''), agencies);
  const table = tallyTable(tallies).map((line) => line.map((v) => (typeof v === 'string' ? neutraliseFormula(v) : v)));
  sheet.clear();
  const maxRows = sheet.getMaxRows();
  if (table.length > maxRows) sheet.insertRowsAfter(maxRows, table.length - maxRows);
  sheet.getRange(1, 1, table.length, table[0]!.length).setValues(table);
  sheet.setFrozenRows(1);
  return {
    // Stamps written: those planned, less any a volunteer's edit or deletion kept out (tidying is not counted).
    stamped: stamp.length - conflicts.filter((c) => c.column === CHECKED_IN_HEADER || (c.message.key === 'table.rowGone' && String(c.message.params?.planned).includes(`「${CHECKED_IN_HEADER}」`))).length,
    events: tallies.map((t) => ({ id: t.eventId, title: t.title, registered: t.registered, attended: t.attended, noShows: t.noShows, waitlisted: t.waitlisted })),
    problems: [...renderProblems(lang, conflicts), ...ledgerProblems(ledger.rows, ledger.rowNumbers, new Set(events.map((e) => e.id)), lang)],
  };
}
