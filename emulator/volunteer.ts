/**
 * A volunteer at the keyboard: what a person does in the Sheets UI while an execution runs. Nothing here goes through
 * the call ledger (a person's edit is not one of the add-on's round trips) and nothing takes a lock (people do not).
 * Used with `runtime.interleaveAt` to put an edit between two calls of a running execution.
 *
 * Typed text follows Sheets' typed-entry rules (numbers, dates and `=` are parsed unless the cell is plain text);
 * sorting is Data → Sort range over the data rows (the header row stays), whole cells moving with their rows; inserting
 * a row is 「上に1行挿入」 (the new row is blank); deleting a row removes it and everything below moves up.
 */
import type { Spreadsheet, Sheet } from './spreadsheet';
import { GasException } from './runtime';

export type VolunteerEdit =
  | { kind: 'typeRow'; sheet: string; record: Record<string, string> }
  | { kind: 'editCell'; sheet: string; row: number; header: string; text: string }
  | { kind: 'sort'; sheet: string; header: string; ascending: boolean }
  | { kind: 'insertRow'; sheet: string; before: number }
  | { kind: 'deleteRow'; sheet: string; row: number }
  | { kind: 'renameHeader'; sheet: string; header: string; to: string }
  | { kind: 'renameSheet'; sheet: string; to: string };

/**
 * The last row of the data a person sees from the top (1 when there is none): rows past a screenful (50) of blank rows
 * below it — an add-on's rows in transit at the grid's bottom — are not part of it.
 */
export function visibleLastRow(sheet: Sheet): number {
  let last = 1;
  for (let r = 2; r <= sheet.getLastRow(); r++) {
    if (!(sheet.rows[r - 1] ?? []).some((c) => !!c && (c.value !== '' || !!c.formula))) continue;
    if (r - last > 50) break;
    last = r;
  }
  return last;
}

export class Volunteer {
  constructor(readonly spreadsheet: Spreadsheet) {}

  sheet(name: string): Sheet {
    const s = this.spreadsheet.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`volunteer: no sheet ${name}`);
    return s;
  }

  private column(sheet: Sheet, header: string): number {
    const headers = (sheet.rows[0] ?? []).map((c) => String(c?.value ?? '').normalize('NFKC').trim());
    const i = headers.indexOf(header.normalize('NFKC').trim());
    if (i < 0) throw new Error(`volunteer: no column ${header} in ${sheet.name}`);
    return i + 1;
  }

  /**
   * Types a row just below the data (header → text); returns the row typed into. The data is what a person sees from
   * the top: rows far below it, past a screenful (50 rows) of blank ones — an add-on's rows in transit at the grid's
   * bottom — are not where a person types.
   */
  typeRow(sheetName: string, record: Record<string, string>): number {
    const sheet = this.sheet(sheetName);
    const row = visibleLastRow(sheet) + 1;
    if (row > sheet.maxRows) sheet.insertRowsAfter(sheet.maxRows, row - sheet.maxRows);
    for (const [header, text] of Object.entries(record)) sheet.rangeAt(row, this.column(sheet, header), 1, 1).setValues([[text]]);
    return row;
  }

  editCell(sheetName: string, row: number, header: string, text: string): void {
    const sheet = this.sheet(sheetName);
    sheet.rangeAt(row, this.column(sheet, header), 1, 1).setValues([[text]]);
  }

  /** Sorts the data rows (2 … last row, every column in use) by one column. */
  sort(sheetName: string, header: string, ascending: boolean): void {
    const sheet = this.sheet(sheetName);
    const last = sheet.getLastRow();
    if (last < 3) return;
    sheet.rangeAt(2, 1, last - 1, Math.max(1, sheet.getLastColumn())).sort({ column: this.column(sheet, header), ascending });
  }

  /** Inserts one blank row above `before`. */
  insertRow(sheetName: string, before: number): void {
    this.sheet(sheetName).insertRowsAfter(before - 1, 1);
  }

  deleteRow(sheetName: string, row: number): void {
    this.sheet(sheetName).deleteRows(row, 1);
  }

  renameHeader(sheetName: string, header: string, to: string): void {
    const sheet = this.sheet(sheetName);
    sheet.rangeAt(1, this.column(sheet, header), 1, 1).setValues([[to]]);
  }

  renameSheet(sheetName: string, to: string): void {
    if (this.spreadsheet.sheets.some((s) => s.name === to)) throw new GasException(`A sheet with the name "${to}" already exists. Please enter another name.`);
    this.sheet(sheetName).name = to;
  }

  /** Does one edit described as data (the volunteer-edit matrix lists edits this way). */
  apply(edit: VolunteerEdit): void {
    switch (edit.kind) {
      case 'typeRow': this.typeRow(edit.sheet, edit.record); break;
      case 'editCell': this.editCell(edit.sheet, edit.row, edit.header, edit.text); break;
      case 'sort': this.sort(edit.sheet, edit.header, edit.ascending); break;
      case 'insertRow': this.insertRow(edit.sheet, edit.before); break;
      case 'deleteRow': this.deleteRow(edit.sheet, edit.row); break;
      case 'renameHeader': this.renameHeader(edit.sheet, edit.header, edit.to); break;
      case 'renameSheet': this.renameSheet(edit.sheet, edit.to); break;
    }
  }
}
