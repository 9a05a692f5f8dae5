/**
 * 「団体名簿をチェック」: one read of 団体 (values, formulas, notes, backgrounds), the pure check, one write of the
 * fixes, and one write each of notes and backgrounds marking problem cells. Calls do not grow with the number of rows.
 */
import { Agency, AgencyKey, AgencyRowInput, checkRegistry, RegistryCheck, RegistryProblem } from '../../domain/agencies';
import { AGENCIES } from '../../domain/schema';
import { renderRowProblems } from '../errors';
import { Lang, t } from '../../i18n/messages';
import { Table, TableRow } from '../tables';
import type { RegistryReport } from '../../../protocol';

/** Our notes start with this tag, so a volunteer's own notes are never overwritten or cleared. */
export const NOTE_TAG = '【名簿チェック】';
export const PROBLEM_BACKGROUND = '#fff2cc';

export function problemMessage(p: RegistryProblem, lang: Lang): string {
  return t(lang, `problem.${p.code}`, p.params);
}

/** Reads 団体 into the pure check's input shape. */
export function readAgencies(table: Table<AgencyKey>): AgencyRowInput[] {
  return readRows(table.rows());
}

function readRows(rows: readonly TableRow<AgencyKey>[]): AgencyRowInput[] {
  return rows.map((row) => {
    const cells: AgencyRowInput['cells'] = {};
    for (const col of AGENCIES.columns) {
      const v = row.get(col.key);
      cells[col.key] = v instanceof Date ? row.text(col.key) : v;
    }
    return { rowNumber: row.rowNumber, cells };
  });
}

/** The registry as typed agencies, without writing anything (for the pamphlet, meetings, forms). */
export function loadAgencies(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): { agencies: Agency[]; check: RegistryCheck } {
  const check = checkRegistry(readAgencies(Table.open(ss, AGENCIES)));
  return { agencies: check.agencies, check };
}

export function checkRegistryInSheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang): RegistryReport {
  return checkRegistryTable(Table.open(ss, AGENCIES), lang);
}

/**
 * The check over a table as read plus the rows it is about to append (the CSV import's), written in one flush: the
 * import and its check are one step, so a person's edit meanwhile falls before or after both, never between them
 * (ids, duplicate names and notes then follow one order of the rows). Rows are reported where they are now.
 */
export function checkRegistryTable(table: Table<AgencyKey>, lang: Lang): RegistryReport {
  const firstPending = table.rowCount + 2;
  const pending = Array.from({ length: table.pendingAppends }, (_, i) => table.row(firstPending + i));
  const check = checkRegistry([...readAgencies(table), ...readRows(pending)]);
  for (const f of check.fixes) table.set(f.rowNumber, f.key, f.value);
  const { updated, conflicts, appended, firstAppendedRow } = table.flush();
  const located = markProblems(table, check.problems, lang);
  // An appended row's number as the table counts it → the row it was written to (below the live last row).
  const liveRow = (row: number) => located.get(row) ?? (row >= firstPending && appended ? firstAppendedRow + row - firstPending : row);
  return {
    rows: check.rows,
    fixed: updated + check.fixes.filter((f) => f.rowNumber >= firstPending).length,
    problems: [
      ...check.problems.map((p) => ({ row: liveRow(p.rowNumber), column: String(p.params.column), message: problemMessage(p, lang) })),
      // A fix not written because a volunteer typed in that cell (or removed the row) while the check ran.
      ...renderRowProblems(lang, conflicts),
    ],
  };
}

/** The registry's problems as notes and backgrounds on their cells (markProblemCells). */
function markProblems(table: Table<AgencyKey>, problems: readonly RegistryProblem[], lang: Lang): Map<number, number> {
  return markProblemCells(table, problems.map((p) => ({ rowNumber: p.rowNumber, key: p.key, message: problemMessage(p, lang) })), NOTE_TAG, AGENCIES.columns.map((c) => c.key));
}

/**
 * Notes and backgrounds on problem cells, for any checked sheet (団体, 行事): each note starts with `tag`, so a
 * volunteer's own notes are kept (below ours) and only our notes are cleared when fixed. Rows are found again just
 * before writing (a volunteer may have sorted, inserted or deleted rows since the check read them), and only the
 * band of rows that changes is written: one getNotes, getBackgrounds, setNotes and setBackgrounds whatever the number
 * of rows. Returns where each row as read is now.
 */
export function markProblemCells<K extends string>(table: Table<K>, problems: readonly { rowNumber: number; key: K; message: string }[], tag: string, keys: readonly K[]): Map<number, number> {
  if (table.rowCount === 0) return new Map();
  const located = table.locateRows();
  if (located.size === 0) return located;
  const liveRows = [...located.values()];
  const top = Math.min(...liveRows), bottom = Math.max(...liveRows);
  const columns = Math.max(...keys.map((k) => table.liveColumn(k)));
  const range = table.sheet.getRange(top, 1, bottom - top + 1, columns);
  const notes = range.getNotes();
  const backgrounds = range.getBackgrounds();
  const byCell = new Map<string, string[]>();
  for (const p of problems) {
    const row = located.get(p.rowNumber);
    if (row === undefined) continue; // deleted meanwhile: nothing to mark
    const key = `${row - top},${table.liveColumn(p.key) - 1}`;
    byCell.set(key, [...(byCell.get(key) ?? []), p.message]);
  }
  let first = Infinity, last = -1;
  const changedRow = (r: number) => { first = Math.min(first, r); last = Math.max(last, r); };
  for (const row of liveRows) {
    const r = row - top;
    for (let c = 0; c < columns; c++) {
      const messages = byCell.get(`${r},${c}`);
      const ours = notes[r]![c]!.startsWith(tag);
      if (messages) {
        const note = `${tag}\n${messages.join('\n')}`;
        if (notes[r]![c] !== note) {
          // A volunteer's own note is kept below ours.
          notes[r]![c] = ours || notes[r]![c] === '' ? note : `${note}\n\n${notes[r]![c]}`;
          changedRow(r);
        }
        if (backgrounds[r]![c] !== PROBLEM_BACKGROUND) { backgrounds[r]![c] = PROBLEM_BACKGROUND; changedRow(r); }
      } else if (ours) {
        const kept = notes[r]![c]!.split('\n\n').slice(1).join('\n\n');
        notes[r]![c] = kept;
        if (backgrounds[r]![c] === PROBLEM_BACKGROUND) backgrounds[r]![c] = '#ffffff';
        changedRow(r);
      }
    }
  }
  if (last < 0) return located;
  const band = table.sheet.getRange(top + first, 1, last - first + 1, columns);
  band.setNotes(notes.slice(first, last + 1));
  band.setBackgrounds(backgrounds.slice(first, last + 1));
  return located;
}
