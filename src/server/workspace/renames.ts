/**
 * Renamed sheets and headers. A volunteer renames 参加者台帳 to 台帳, or 種別 to 事業種別: the add-on must not read
 * that as "missing" — 「初期設定」 would add an empty sheet or column beside the data, and every check would then
 * report empty cells. A sheet made by 「初期設定」 carries developer metadata SHEET_ROLE_KEY = its role, which follows
 * it through renames (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.developerMetadata);
 * older sheets are recognised by their header row. A header is recognised by a close name (事業種別 holds 種別).
 * The message names both names and asks for the old one back.
 */
import { SheetDef, WORKBOOK } from '../domain/schema';
import { editDistance } from '../domain/text';
import { UserFacingError } from './errors';
import { headerKey } from './tables';

export const SHEET_ROLE_KEY = 'shuro-network.sheet';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

interface SheetInfo { sheet: Sheet; name: string; role: string | null; headers: string[] }

/** What the renamed-sheet search needs of every sheet not named as one of ours; read once, on demand. */
export class SheetSurvey {
  // Declared, assigned in the constructor: an initialised field compiles to a defineProperty helper in the bundle.
  private declare infos?: SheetInfo[];
  private declare readonly ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  private declare readonly sheets?: readonly Sheet[];
  private declare readonly names?: readonly string[];
  private declare readonly marksOnly?: boolean;
  /**
   * `names`: the sheets' names when the caller has read them already (one call each). `marksOnly`: for sheets the
   * add-on has always made with their role mark (企業相談, from a version that had marks; a run that stopped before
   * the mark left no header either): found by the mark alone, in one search of the spreadsheet's metadata
   * (Spreadsheet.createDeveloperMetadataFinder: "all metadata associated with the spreadsheet, sheets, rows, and
   * columns", https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#createDeveloperMetadataFinder())
   * instead of every sheet's name, marks and header row.
   */
  constructor(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, sheets?: readonly Sheet[], names?: readonly string[], marksOnly?: boolean) {
    this.ss = ss;
    this.sheets = sheets;
    this.names = names;
    this.marksOnly = marksOnly;
  }

  private all(): SheetInfo[] {
    if (this.infos) return this.infos;
    const ours = new Set(WORKBOOK.map((d) => d.name));
    this.infos = [];
    (this.sheets ?? this.ss.getSheets()).forEach((sheet, i) => {
      const name = this.names?.[i] ?? sheet.getName();
      if (ours.has(name)) return;
      const role = sheet.getDeveloperMetadata().find((m) => m.getKey() === SHEET_ROLE_KEY)?.getValue() ?? null;
      // Width first: the sheet a new spreadsheet comes with is empty (one call, where a failed read and a check are two).
      const width = sheet.getLastColumn();
      this.infos!.push({ sheet, name, role, headers: width > 0 ? sheet.getSheetValues(1, 1, 1, width)[0]!.map(headerKey) : [] });
    });
    return this.infos;
  }

  /** A sheet that is `def` under another name: its role mark, else a header row holding most of def's headers. */
  renamed(def: SheetDef): { sheet: Sheet; name: string } | null {
    if (this.marksOnly) {
      const sheet = this.ss.createDeveloperMetadataFinder().withKey(SHEET_ROLE_KEY).withValue(def.key).find()[0]?.getLocation().getSheet();
      return sheet ? { sheet, name: sheet.getName() } : null;
    }
    const infos = this.all();
    const marked = infos.find((i) => i.role === def.key);
    if (marked) return marked;
    const wanted = def.columns.map((c) => headerKey(c.header));
    const needed = Math.max(2, Math.ceil(wanted.length * 0.6));
    const byContent = infos.find((i) => i.role === null && wanted.filter((h) => i.headers.includes(h)).length >= needed);
    return byContent ?? null;
  }
}

/** A header in `headers` that looks like `missing` renamed (contains it, is contained in it, or one edit away). */
export function renamedColumn(def: SheetDef, headers: readonly string[], missing: string): string | null {
  const known = new Set(def.columns.map((c) => headerKey(c.header)));
  const target = headerKey(missing);
  const close = headers.filter((h) => h !== '' && !known.has(h) && (h.includes(target) || target.includes(h) || editDistance(h, target) <= 1));
  return close.length === 1 ? close[0]! : null;
}

/**
 * Turns "sheet / column missing" (from Table.open) into "renamed: rename it back" when the sheet or header is there
 * under another name. Anything else is returned as it was. Calls only on this failure path.
 */
export function explainMissing(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, error: unknown): unknown {
  if (!(error instanceof UserFacingError) || (error.key !== 'setup.needed' && error.key !== 'setup.columnNeeded')) return error;
  try {
    const sheetName = String(error.params.sheet ?? '');
    const column = error.key === 'setup.columnNeeded' ? String(error.params.column ?? '') : null;
    const def = WORKBOOK.find((d) => d.name === sheetName);
    if (!def) return error;
    if (column !== null) {
      const sheet = ss.getSheetByName(sheetName);
      const width = sheet ? sheet.getLastColumn() : 0;
      if (!sheet || width === 0) return error;
      const headers = sheet.getRange(1, 1, 1, width).getValues()[0]!.map(headerKey);
      const actual = renamedColumn(def, headers, column);
      return actual ? new UserFacingError('column.renamed', { sheet: sheetName, expected: column, actual }) : error;
    }
    const found = new SheetSurvey(ss).renamed(def);
    return found ? new UserFacingError('sheet.renamed', { expected: sheetName, actual: found.name }) : error;
  } catch {
    return error; // the diagnosis is a courtesy: the original message still says what is missing
  }
}

/**
 * Row 1 to the sheet's last column with content, in one call: getSheetValues' "-1 value … is equivalent to getting
 * the very last row or column that has data in the sheet"
 * (https://developers.google.com/apps-script/reference/spreadsheet/sheet#getSheetValues(Integer,Integer,Integer,Integer)).
 * An empty sheet has no extent to read (the call fails): no header.
 */
export function headerRow(sheet: GoogleAppsScript.Spreadsheet.Sheet): string[] {
  try {
    return (sheet.getSheetValues(1, 1, 1, -1)[0] ?? []).map(headerKey);
  } catch (e) {
    if (sheet.getLastColumn() > 0) throw e;
    return [];
  }
}
