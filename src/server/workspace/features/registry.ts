/**
 * 「団体名簿をチェック」: one read of 団体 (values, formulas, notes, backgrounds), the pure check, one write of the
 * fixes, and one write each of notes and backgrounds marking problem cells. Calls do not grow with the number of rows.
 */
import { Agency, AgencyKey, AgencyRowInput, checkRegistry, RegistryCheck, RegistryProblem } from '../../domain/agencies';
import { AGENCIES } from '../../domain/schema';
import { renderProblems } from '../errors';
import { Lang, t } from '../../i18n/messages';
import { Table } from '../tables';
import type { RegistryReport } from '../../../protocol';

/** Our notes start with this tag, so a volunteer's own notes are never overwritten or cleared. */
export const NOTE_TAG = '【名簿チェック】';
export const PROBLEM_BACKGROUND = '#fff2cc';

export function problemMessage(p: RegistryProblem, lang: Lang): string {
  return t(lang, `problem.${p.code}`, p.params);
}

/** Reads 団体 into the pure check's input shape. */
export function readAgencies(table: Table<AgencyKey>): AgencyRowInput[] {
  return table.rows().map((row) => {
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
  const table = Table.open(ss, AGENCIES);
  const check = checkRegistry(readAgencies(table));
  for (const f of check.fixes) table.set(f.rowNumber, f.key, f.value);
  const { updated, conflicts } = table.flush();
  markProblems(table, check.problems, lang);
  return {
    rows: check.rows,
    fixed: updated,
    problems: [
      ...check.problems.map((p) => ({ row: p.rowNumber, column: String(p.params.column), message: problemMessage(p, lang) })),
      // A fix not written because a volunteer typed in that cell (or removed the row) while the check ran.
      ...renderProblems(lang, conflicts).map((p) => ({ row: p.row, column: p.column, message: p.message })),
    ],
  };
}

/**
 * Notes and backgrounds on problem cells. Rows are found again just before writing (a volunteer may have sorted,
 * inserted or deleted rows since the check read them), and only the rows and columns that change are written.
 */
function markProblems(table: Table<AgencyKey>, problems: readonly RegistryProblem[], lang: Lang): void {
  if (table.rowCount === 0) return;
  const located = table.locateRows();
  if (located.size === 0) return;
  const liveRows = [...located.values()];
  const top = Math.min(...liveRows), bottom = Math.max(...liveRows);
  const columns = Math.max(...AGENCIES.columns.map((c) => table.liveColumn(c.key)));
  const range = table.sheet.getRange(top, 1, bottom - top + 1, columns);
  const notes = range.getNotes();
  const backgrounds = range.getBackgrounds();
  const byCell = new Map<string, string[]>();
  for (const p of problems) {
    const row = located.get(p.rowNumber);
    if (row === undefined) continue; // deleted meanwhile: nothing to mark
    const key = `${row - top},${table.liveColumn(p.key) - 1}`;
    byCell.set(key, [...(byCell.get(key) ?? []), problemMessage(p, lang)]);
  }
  let first = Infinity, last = -1;
  const changedRow = (r: number) => { first = Math.min(first, r); last = Math.max(last, r); };
  for (const row of liveRows) {
    const r = row - top;
    for (let c = 0; c < columns; c++) {
      const messages = byCell.get(`${r},${c}`);
      const ours = notes[r]![c]!.startsWith(NOTE_TAG);
      if (messages) {
        const note = `${NOTE_TAG}\n${messages.join('\n')}`;
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
  if (last < 0) return;
  // Only the band of rows that changes (one setNotes and one setBackgrounds, whatever the number of rows).
  const band = table.sheet.getRange(top + first, 1, last - first + 1, columns);
  band.setNotes(notes.slice(first, last + 1));
  band.setBackgrounds(backgrounds.slice(first, last + 1));
}
