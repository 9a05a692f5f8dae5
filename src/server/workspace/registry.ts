/**
 * 「団体名簿をチェック」: one read of 団体 (values, formulas, notes, backgrounds), the pure check, one write of the
 * fixes, and one write each of notes and backgrounds marking problem cells. Calls do not grow with the number of rows.
 */
import { Agency, AgencyKey, AgencyRowInput, checkRegistry, RegistryCheck, RegistryProblem } from '../domain/agencies';
import { AGENCIES } from '../domain/schema';
import { Lang, t } from '../i18n/messages';
import { Table } from './tables';
import type { RegistryReport } from '../../protocol';

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
  table.flush();
  markProblems(table, check.problems, lang);
  return {
    rows: check.rows,
    fixed: check.fixes.length,
    problems: check.problems.map((p) => ({ row: p.rowNumber, column: String(p.params.column), message: problemMessage(p, lang) })),
  };
}

function markProblems(table: Table<AgencyKey>, problems: readonly RegistryProblem[], lang: Lang): void {
  const rows = table.rowCount;
  const columns = Math.max(...AGENCIES.columns.map((c) => table.column(c.key)));
  if (rows === 0) return;
  const range = table.sheet.getRange(2, 1, rows, columns);
  const notes = range.getNotes();
  const backgrounds = range.getBackgrounds();
  const byCell = new Map<string, string[]>();
  for (const p of problems) {
    const key = `${p.rowNumber - 2},${table.column(p.key) - 1}`;
    byCell.set(key, [...(byCell.get(key) ?? []), problemMessage(p, lang)]);
  }
  let changed = false;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const messages = byCell.get(`${r},${c}`);
      const ours = notes[r]![c]!.startsWith(NOTE_TAG);
      if (messages) {
        const note = `${NOTE_TAG}\n${messages.join('\n')}`;
        if (notes[r]![c] !== note) {
          // A volunteer's own note is kept below ours.
          notes[r]![c] = ours || notes[r]![c] === '' ? note : `${note}\n\n${notes[r]![c]}`;
          changed = true;
        }
        if (backgrounds[r]![c] !== PROBLEM_BACKGROUND) { backgrounds[r]![c] = PROBLEM_BACKGROUND; changed = true; }
      } else if (ours) {
        const kept = notes[r]![c]!.split('\n\n').slice(1).join('\n\n');
        notes[r]![c] = kept;
        if (backgrounds[r]![c] === PROBLEM_BACKGROUND) backgrounds[r]![c] = '#ffffff';
        changed = true;
      }
    }
  }
  if (!changed) return;
  range.setNotes(notes);
  range.setBackgrounds(backgrounds);
}
