/**
 * What a volunteer does by hand, straight on the emulator's model (not through the add-on, so nothing is counted):
 * typing rows into a sheet. Cells are written with Google's typed-entry semantics (numbers, dates and `=` are parsed
 * unless the column is plain text), as when someone types or pastes.
 */
import type { Emulator } from '../../emulator';
import type { Sheet } from '../../emulator/spreadsheet';

export function sheetNamed(emu: Emulator, name: string): Sheet {
  const sheet = emu.active.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`test set-up: no sheet ${name}`);
  return sheet;
}

export function headersOf(sheet: Sheet): string[] {
  return (sheet.rows[0] ?? []).map((c) => String(c?.value ?? ''));
}

/** Types each record (header → text) into the next empty row; returns the sheet row numbers used. */
export function typeRows(emu: Emulator, sheetName: string, records: readonly Record<string, string>[]): number[] {
  const sheet = sheetNamed(emu, sheetName);
  const headers = headersOf(sheet);
  const rows: number[] = [];
  for (const record of records) {
    const row = sheet.getLastRow() + 1;
    if (row > sheet.maxRows) sheet.insertRowsAfter(sheet.maxRows, row - sheet.maxRows);
    for (const [header, text] of Object.entries(record)) {
      const column = headers.indexOf(header) + 1;
      if (column < 1) throw new Error(`test set-up: no column ${header} in ${sheetName}`);
      sheet.rangeAt(row, column, 1, 1).setValues([[text]]);
    }
    rows.push(row);
  }
  return rows;
}

/** The cell as stored (value, or formula text) by row number and header. */
export function cellAt(emu: Emulator, sheetName: string, row: number, header: string): { value: unknown; formula: string; note: string } {
  const sheet = sheetNamed(emu, sheetName);
  const column = headersOf(sheet).indexOf(header) + 1;
  if (column < 1) throw new Error(`no column ${header} in ${sheetName}`);
  const cell = sheet.cell(row, column);
  return { value: cell?.value ?? '', formula: cell?.formula ?? '', note: cell?.note ?? '' };
}

/** Parses a CSV text with a header into records header → field (simple: no quoted commas), for typing fixtures. */
export function csvRecords(csv: string): Record<string, string>[] {
  const [head, ...lines] = csv.trim().split('\n');
  const headers = head!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [headers[i]!, v] as const).filter(([, v]) => v !== '')));
}
