/**
 * Sheets the add-on owns: the ones it rewrites whole (出欠集計, アンケート集計, アンケート集計_<行事id>) and its hidden
 * records. Each carries developer metadata OWNER_KEY = its role, set when the add-on creates it. Metadata is tied to
 * the sheet, not its name: it survives renames and moves and goes when the sheet is deleted
 * (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.developerMetadata), and reading or adding it
 * needs only spreadsheets.currentonly (https://developers.google.com/apps-script/reference/spreadsheet/developer-metadata).
 *
 * The add-on never clears a sheet it does not own: a volunteer's own sheet that happens to carry the name is named in
 * the message and left alone, and the operation stops before writing anything (rather than writing to another name,
 * which would leave the volunteer reading their own sheet as if it were the result).
 */
import { UserFacingError } from './errors';
import { sheetValues } from './tables';

export const OWNER_KEY = 'shuro-network.owned';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export function isOwned(sheet: Sheet): boolean {
  return sheet.getDeveloperMetadata().some((m) => m.getKey() === OWNER_KEY);
}

export function markOwned(sheet: Sheet, role: string): void {
  sheet.addDeveloperMetadata(OWNER_KEY, role);
}

export interface WantedSheet {
  name: string;
  /**
   * Whether an unmarked sheet of this name holds what the add-on itself writes there (its first row), so a sheet
   * made by a version before ownership marks is adopted rather than refused.
   */
  isOurs: (firstRow: readonly unknown[]) => boolean;
}

/**
 * The sheets an operation is about to rewrite whole, checked all together before any is touched: missing ones are
 * created and marked; marked ones, blank ones and ones holding the add-on's own output are used (and marked). Any
 * other sheet of one of these names stops the operation with a message naming it. Calls: one lookup per sheet, one
 * metadata read per existing sheet, one read per unmarked sheet — none per row.
 */
export function claimSheets(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, wanted: readonly WantedSheet[]): Sheet[] {
  const found = wanted.map((w) => ({ w, sheet: ss.getSheetByName(w.name) }));
  const refused: string[] = [];
  const adopt: Sheet[] = [];
  const adoptRoles: string[] = [];
  for (const { w, sheet } of found) {
    // Claimed again in the same execution (written since it was made): an existing sheet from now on.
    if (sheet) made.delete(sheet);
    if (!sheet || isOwned(sheet)) continue;
    const values = sheetValues(sheet);
    const blank = values.every((line) => line.every((v) => v === '' || v === null));
    if (blank || w.isOurs(values[0] ?? [])) {
      adopt.push(sheet);
      adoptRoles.push(w.name);
    } else {
      refused.push(w.name);
    }
  }
  if (refused.length) throw new UserFacingError('sheet.notOwned', { sheets: refused.map((n) => `「${n}」`).join('、') });
  adopt.forEach((sheet, i) => markOwned(sheet, adoptRoles[i]!));
  // New sheets go last: the sheet count asked once, however many are made.
  let end: number | undefined;
  return found.map(({ w, sheet }) => {
    if (sheet) return sheet;
    end ??= ss.getSheets().length;
    const created = ss.insertSheet(w.name, end++);
    markOwned(created, w.name);
    made.add(created);
    return created;
  });
}

/** Sheets claimSheets inserted in this execution and not yet written: empty, and no person has seen them yet. */
const made = new WeakSet<Sheet>();

/** Whether claimSheets made this sheet in this execution and it is not yet readied (no content, charts or formatting). */
export function madeNow(sheet: Sheet): boolean {
  return made.has(sheet);
}

/**
 * Readies a claimed sheet for a rewrite of `rows` × `columns` from A1: cleared — except one claimSheets has just made,
 * which is empty (1 call fewer) — and grown only where short (a person may have inserted or deleted rows).
 * Not done (sync10, tried): giving a new sheet its rows with one unconditional insertRowsAfter(1, rows), which made the
 * calls the same at every size but a new sheet's grid bigger than a re-run's after a fault (the fault matrix's worlds
 * differed); Google's default grid size is not in the reference, so it is asked.
 */
export function readyForRewrite(sheet: Sheet, rows: number, columns?: number): void {
  // Once: a second rewrite in the same execution finds what the first wrote.
  // clear() takes "content and formatting" (https://developers.google.com/apps-script/reference/spreadsheet/sheet#clear()):
  // embedded charts stay, reading the same cells.
  if (!made.delete(sheet)) sheet.clear();
  const maxRows = sheet.getMaxRows();
  if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  if (columns === undefined) return;
  const maxColumns = sheet.getMaxColumns();
  if (columns > maxColumns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
}
