/**
 * 取り込み記録: a hidden sheet the add-on owns, one row per response brought into 参加者台帳 (回答id, 行事id, and a
 * fingerprint of the person's fields as written — hashes, no personal data; see domain/imports.ts). It outlives the
 * ledger row, which is the point: a row a person deleted is then known as deleted, not as new.
 *
 * Why a sheet and not the response sheet or properties: a form's response sheet belongs to Google Forms (a column added
 * there sits in the way of questions added later), and the record grows with every response, past what one 9 KB
 * property holds. Read once per operation (one Table read), written in one batch after the ledger write — so a failure
 * in between leaves a ledger row without a record, which the next run records from the row (never the reverse, which
 * would read as a deletion).
 */
import { SheetDef } from '../../domain/schema';
import { UserFacingError } from '../errors';
import { claimSheets, markOwned } from '../ownership';
import { Table, headerKey } from '../tables';

export const IMPORT_RECORD = {
  key: 'imports',
  name: '取り込み記録',
  columns: [
    { key: 'responseId', header: '回答id', text: true },
    { key: 'eventId', header: '行事id', text: true },
    { key: 'fingerprint', header: '内容', text: true },
  ],
  editedByPeople: false,
  // Two rows a participant (the registration and the survey; check-ins and 企業相談 too): a year of the largest network
  // measured (10,000 registrations) with room to spare.
  rows: 25_000,
} as const satisfies SheetDef;

export type ImportTable = Table<(typeof IMPORT_RECORD)['columns'][number]['key']>;

export interface ImportRecord {
  table: ImportTable;
  /** Response key → fingerprint. */
  byKey: Map<string, string>;
  rowOf: Map<string, number>;
}

/** Opens the record, making it on first use (created, marked as the add-on's, header written, hidden). */
export function openImportRecord(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone: string): ImportRecord {
  let table: ImportTable;
  try {
    table = Table.open(ss, IMPORT_RECORD, timeZone);
  } catch (e) {
    if (!(e instanceof UserFacingError)) throw e;
    makeImportRecord(ss);
    table = Table.open(ss, IMPORT_RECORD, timeZone);
  }
  const byKey = new Map<string, string>();
  const rowOf = new Map<string, number>();
  for (const r of table.rows()) {
    const key = r.text('responseId').trim();
    if (key === '') continue;
    byKey.set(key, r.text('fingerprint').trim());
    rowOf.set(key, r.rowNumber);
  }
  return { table, byKey, rowOf };
}

/**
 * 初期設定 makes the record up front, so no form-submit firing pays for making it. `listed`: the sheet as found in the
 * sheet list 初期設定 read under the lock (undefined: not there) and the tab position for a new one.
 */
export function ensureImportRecord(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, listed?: { sheet?: GoogleAppsScript.Spreadsheet.Sheet; at: number; grid?: readonly [number, number]; complete?: boolean }): void {
  const sheet = listed ? listed.sheet : ss.getSheetByName(IMPORT_RECORD.name);
  if (!sheet && listed) {
    // No sheet of this name to refuse or adopt: made at once (a person's sheet made since would fail insertSheet).
    const made = ss.insertSheet(IMPORT_RECORD.name, listed.at);
    markOwned(made, IMPORT_RECORD.name);
    shapeImportRecord(made, listed.grid ?? [made.getMaxRows(), made.getMaxColumns()], true);
    made.hideSheet();
    writeImportHeader(made);
    return;
  }
  // The header is written last, so a sheet without one is a making that failed part-way: finish it. `complete`: a
  // complete 初期設定 run (its mark, written after this header and this size) found it before; not asked again (a record
  // that lost its header since is finished by its next reader, openImportRecord; one that lost rows grows on demand).
  if (!sheet) { makeImportRecord(ss); return; }
  if (listed?.complete) return;
  const halfMade = sheet.getLastColumn() === 0;
  if (halfMade) makeImportRecord(ss);
  // The new record's shape: a half-made one is empty (cut to its columns too); an older one gets its rows only.
  if (listed) shapeImportRecord(sheet, [sheet.getMaxRows(), halfMade ? sheet.getMaxColumns() : 0], halfMade);
}

/**
 * setup10: pre-sized (IMPORT_RECORD.rows) and, when empty, cut to its three columns, so its empty grid costs 75,000 of the
 * spreadsheet's 10 million cells (https://support.google.com/drive/answer/37603), not 650,000. No formats to copy down:
 * the record has none. `grid`: its rows and columns now.
 */
function shapeImportRecord(sheet: GoogleAppsScript.Spreadsheet.Sheet, [rows, columns]: readonly [number, number], cut: boolean): void {
  const width = IMPORT_RECORD.columns.length;
  if (cut && columns > width) sheet.deleteColumns(width + 1, columns - width);
  if (rows < IMPORT_RECORD.rows) sheet.insertRowsAfter(rows, IMPORT_RECORD.rows - rows);
}

function writeImportHeader(sheet: GoogleAppsScript.Spreadsheet.Sheet): void {
  const headers = IMPORT_RECORD.columns.map((c) => c.header as string);
  sheet.getRange(1, 1, 1, headers.length).setValues([headers]);
}

/** Creates (or finishes a half-made) record: claimed as the add-on's, header written, hidden. */
function makeImportRecord(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  const headers = IMPORT_RECORD.columns.map((c) => c.header as string);
  // A volunteer's own sheet of this name is refused (named), never written over.
  const [sheet] = claimSheets(ss, [{ name: IMPORT_RECORD.name, isOurs: (first) => headers.every((h, i) => headerKey(first[i]) === h) }]) as [GoogleAppsScript.Spreadsheet.Sheet];
  if (!sheet.isSheetHidden()) sheet.hideSheet();
  writeImportHeader(sheet);
}

/** Adds or updates entries (in memory; flush writes them), keeping byKey current for a later plan in the same run. */
export function recordImports(record: ImportRecord, entries: readonly { responseKey: string; eventId: string; fingerprint: string }[]): void {
  for (const e of entries) {
    const row = record.rowOf.get(e.responseKey);
    if (row !== undefined) record.table.set(row, 'fingerprint', e.fingerprint);
    else record.rowOf.set(e.responseKey, record.table.append({ responseId: e.responseKey, eventId: e.eventId, fingerprint: e.fingerprint }));
    record.byKey.set(e.responseKey, e.fingerprint);
  }
}
