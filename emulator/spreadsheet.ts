/**
 * SpreadsheetApp: spreadsheets, sheets and ranges with values, display values, formulas, number formats,
 * data validation, frozen rows, protections, notes and backgrounds.
 *
 * Google behaviour relied on (see the foundation issue note):
 * - setValue(s) treats a string as if typed by a user unless the cell's number format is plain text ("@"):
 *   "=…" becomes a formula, numeric text a number (so "0312345678" loses its 0), TRUE/FALSE booleans,
 *   yyyy-mm-dd / yyyy/m/d (optionally with H:mm) a Date in the spreadsheet's time zone; a leading
 *   apostrophe forces text and is not part of the value.
 * - getValues returns Number, Boolean, Date or String ('' for empty); formula cells are not evaluated here
 *   (their value is '').
 * - A new sheet is 1000 rows × 26 columns; ranges outside it throw; appendRow grows the sheet.
 * - A cell holds at most 50,000 characters: a longer string fails the whole write ("Your input contains more than
 *   the maximum of 50000 characters in a single cell.", the wording users report from Apps Script and the Sheets API).
 * - Data validation is not enforced on script writes (the cell is only flagged in the UI).
 */
import { GAS_TARGET, GasException, GasObject, Runtime, unwrap } from './runtime';
import { formatJavaDate, zonedDate, zonedParts } from './format';
import { SheetCharts, shiftChartRanges } from './charts';
import { User } from './session';
import type { MenuRecord } from './services';

type Value = string | number | boolean | Date;
type GSpreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type GSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GRange = GoogleAppsScript.Spreadsheet.Range;
type GProtection = GoogleAppsScript.Spreadsheet.Protection;
type GDataValidation = GoogleAppsScript.Spreadsheet.DataValidation;
type GDataValidationBuilder = GoogleAppsScript.Spreadsheet.DataValidationBuilder;


export interface Cell {
  value: Value;
  formula?: string;
  numberFormat?: string;
  note?: string;
  background?: string;
  fontWeight?: string;
  validation?: DataValidation;
  /** Other formatting a script set (fontColor, horizontalAlignment, wrap …), recorded, not drawn. */
  style?: Record<string, string | number | boolean>;
}

const DEFAULT_ROWS = 1000;
const DEFAULT_COLUMNS = 26;
const MAX_CELLS = 10_000_000;
/** Characters one cell holds; longer input fails with Google's wording (see writeValues). */
const CELL_CHARACTER_LIMIT = 50_000;

export function columnLetter(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function parseA1(a1: string): { row: number; column: number; numRows: number; numColumns: number; sheet?: string } {
  let sheetName: string | undefined;
  let ref = a1;
  const bang = a1.lastIndexOf('!');
  if (bang >= 0) {
    sheetName = a1.slice(0, bang).replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
    ref = a1.slice(bang + 1);
  }
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(ref.replace(/\$/g, ''));
  if (!m) throw new GasException('Range not found');
  const colOf = (s: string) => s.toUpperCase().split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const r1 = Number(m[2]);
  const c1 = colOf(m[1]!);
  const r2 = m[4] ? Number(m[4]) : r1;
  const c2 = m[3] ? colOf(m[3]) : c1;
  return { row: Math.min(r1, r2), column: Math.min(c1, c2), numRows: Math.abs(r2 - r1) + 1, numColumns: Math.abs(c2 - c1) + 1, sheet: sheetName };
}

/**
 * Converts a string as the Sheets UI would when a user types it (setValue semantics): Range.setValues' own example
 * writes '2.000', '1,000,000' and '$2.99' (https://developers.google.com/apps-script/reference/spreadsheet/range#setValues(Object)),
 * and the Sheets API says such strings are parsed "following the same rules that are applied when entering text into
 * a cell via the Google Sheets UI" (https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption).
 * Numbers with thousands separators, currency ($ ¥ ￥), percentages (50% → 0.5), times (13:30 → 1899-12-30 13:30 in
 * the spreadsheet's zone, Sheets' day zero) and dates in the locale's order (ja_JP y/m/d, 2025年4月1日, m/d in the
 * current year; en_US m/d/y) all become values. `numberFormat` is the format Sheets would pick when the cell is
 * still on automatic. Where a form might or might not be parsed, it is parsed: a string the add-on must keep as text
 * then shows up in tests, never only in production.
 */
export function parseUserEntered(text: string, timeZone: string, locale = 'ja_JP', now: Date = new Date()): { value: Value; formula?: string; numberFormat?: string } {
  if (text.startsWith("'")) return { value: text.slice(1) };
  if (text.startsWith('=') && text.length > 1) return { value: '', formula: text };
  const t = text.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return { value: Number(t) };
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === 'true' };
  const NUM = '(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d*)?|\\.\\d+)';
  const grouped = new RegExp(`^([+-])?${NUM}$`).exec(t);
  if (grouped && grouped[2]!.includes(',')) {
    const n = Number(grouped[2]!.replace(/,/g, '')) * (grouped[1] === '-' ? -1 : 1);
    return { value: n, numberFormat: grouped[2]!.includes('.') ? '#,##0.00' : '#,##0' };
  }
  const currency = new RegExp(`^([+-])?\\s*([$¥￥])\\s*([+-])?${NUM}$`).exec(t);
  if (currency) {
    const negative = currency[1] === '-' || currency[3] === '-';
    const n = Number(currency[4]!.replace(/,/g, '')) * (negative ? -1 : 1);
    const symbol = currency[2] === '$' ? '$' : '¥';
    return { value: n, numberFormat: symbol === '$' ? '"$"#,##0.00' : '"¥"#,##0' };
  }
  const percent = new RegExp(`^([+-])?${NUM}\\s*%$`).exec(t);
  if (percent) {
    const n = Number(percent[2]!.replace(/,/g, '')) * (percent[1] === '-' ? -1 : 1);
    return { value: n / 100, numberFormat: percent[2]!.includes('.') ? '0.00%' : '0%' };
  }
  const time = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?$/.exec(t);
  if (time) {
    let hour = Number(time[1]);
    const ampm = time[4]?.toUpperCase();
    if (ampm && hour >= 1 && hour <= 12) hour = (hour % 12) + (ampm === 'P' ? 12 : 0);
    if (hour < 24 && Number(time[2]) < 60 && Number(time[3] ?? 0) < 60 && (!ampm || Number(time[1]) <= 12)) {
      return { value: zonedDate(timeZone, 1899, 12, 30, hour, Number(time[2]), Number(time[3] ?? 0)), numberFormat: 'H:mm:ss' };
    }
  }
  const dateOf = (y: number, mo: number, da: number, h = 0, mi = 0, se = 0): Date | null => {
    const probe = new Date(Date.UTC(y, mo - 1, da));
    if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== da || h >= 24 || mi >= 60 || se >= 60) return null;
    return zonedDate(timeZone, y, mo, da, h, mi, se);
  };
  const TIME = '(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?';
  const ymd = new RegExp(`^(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})${TIME}$`).exec(t) ?? new RegExp(`^(\\d{4})年(\\d{1,2})月(\\d{1,2})日${TIME}$`).exec(t);
  if (ymd) {
    const d = dateOf(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]), Number(ymd[4] ?? 0), Number(ymd[5] ?? 0), Number(ymd[6] ?? 0));
    if (d) return { value: d };
  }
  const year = zonedParts(now, timeZone).year;
  if (locale.startsWith('en_US')) {
    const mdy = new RegExp(`^(\\d{1,2})/(\\d{1,2})(?:/(\\d{2}|\\d{4}))?${TIME}$`).exec(t);
    if (mdy) {
      const y = mdy[3] === undefined ? year : mdy[3].length === 2 ? 2000 + Number(mdy[3]) : Number(mdy[3]);
      const d = dateOf(y, Number(mdy[1]), Number(mdy[2]), Number(mdy[4] ?? 0), Number(mdy[5] ?? 0), Number(mdy[6] ?? 0));
      if (d) return { value: d };
    }
  } else {
    const md = /^(\d{1,2})[/](\d{1,2})$/.exec(t) ?? /^(\d{1,2})月(\d{1,2})日$/.exec(t);
    if (md) {
      const d = dateOf(year, Number(md[1]), Number(md[2]));
      if (d) return { value: d };
    }
  }
  return { value: text };
}

/** Sheets number-format patterns (yyyy-mm-dd hh:mm …) → Java patterns for formatJavaDate. */
function sheetsDatePattern(format: string): string {
  let out = '';
  let lastWasHour = false;
  for (let i = 0; i < format.length; ) {
    const c = format[i]!;
    let n = 1;
    while (format[i + n] === c) n++;
    const run = format.slice(i, i + n);
    i += n;
    if (c === 'y') { out += run; lastWasHour = false; }
    else if (c === 'd') { out += n >= 3 ? 'E' : run; lastWasHour = false; }
    else if (c === 'h' || c === 'H') { out += 'H'.repeat(n); lastWasHour = true; }
    else if (c === 'm' || c === 'M') { out += lastWasHour || format.slice(i).startsWith(':s') ? 'm'.repeat(n) : 'M'.repeat(n); lastWasHour = false; }
    else if (c === 's') { out += run; lastWasHour = false; }
    else if (c === '"') { const end = format.indexOf('"', i); out += `'${format.slice(i, end)}'`; i = end + 1; }
    else out += /[A-Za-z]/.test(c) ? `'${run}'` : run;
  }
  return out;
}

function displayOf(cell: Cell | undefined, timeZone: string): string {
  if (!cell) return '';
  const v = cell.value;
  if (v instanceof Date) {
    const fmt = cell.numberFormat && cell.numberFormat !== '@' && /[ydhs]/i.test(cell.numberFormat) ? sheetsDatePattern(cell.numberFormat) : undefined;
    if (fmt) return formatJavaDate(v, timeZone, fmt);
    const p = zonedParts(v, timeZone);
    const date = `${p.year}/${String(p.month).padStart(2, '0')}/${String(p.day).padStart(2, '0')}`;
    return p.hour || p.minute || p.second ? `${date} ${p.hour}:${String(p.minute).padStart(2, '0')}:${String(p.second).padStart(2, '0')}` : date;
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number' && cell.numberFormat) {
    // Plain numeric patterns (0, 0.00, #,##0, 0.0%): fixed decimals, optional grouping and percent, as Sheets shows them.
    const m = /^(#,##)?0(?:\.(0+))?(%)?$/.exec(cell.numberFormat);
    if (m) {
      const n = m[3] ? v * 100 : v;
      const text = n.toLocaleString('en-US', { minimumFractionDigits: m[2]?.length ?? 0, maximumFractionDigits: m[2]?.length ?? 0, useGrouping: !!m[1] });
      return `${text}${m[3] ?? ''}`;
    }
  }
  return String(v);
}

function copyValue(v: Value): Value {
  return v instanceof Date ? new Date(v.getTime()) : v;
}

export class SpreadsheetStore {
  readonly spreadsheets = new Map<string, Spreadsheet>();
  /** Where Spreadsheet.addMenu records its menus: the Ui's state, shared (set by createEmulator). */
  ui: { menus: MenuRecord[] } = { menus: [] };
  activeId: string | null = null;
  private nextId = 1;
  constructor(readonly runtime: Runtime) {}

  create(name: string, timeZone = 'Asia/Tokyo', locale = 'ja_JP'): Spreadsheet {
    const id = `ss-${String(this.nextId++).padStart(4, '0')}-${name.length}`;
    const ss = new Spreadsheet(this, id, name, timeZone, locale);
    ss.insertSheet('シート1');
    this.spreadsheets.set(id, ss);
    if (!this.activeId) this.activeId = id;
    return ss;
  }
}

export class Spreadsheet extends GasObject implements Pick<GoogleAppsScript.Spreadsheet.Spreadsheet,
  'getId' | 'getName' | 'getUrl' | 'getSheets' | 'getSheetByName' | 'insertSheet' | 'deleteSheet' | 'getSpreadsheetTimeZone' | 'getSpreadsheetLocale' | 'toast' | 'getActiveSheet' | 'getSheetById' | 'getRange' |
  'getActiveRange' | 'setActiveRange' | 'setActiveSheet' | 'moveActiveSheet' | 'addDeveloperMetadata' | 'getDeveloperMetadata' | 'createDeveloperMetadataFinder'> {
  readonly gasService = 'SpreadsheetApp';
  readonly gasType = 'Spreadsheet';
  readonly sheets: Sheet[] = [];
  private nextSheetId = 0;
  private chartSeq = 0;
  private metadataSeq = 0;
  /** Developer metadata on the spreadsheet itself (survives the deletion of any sheet). */
  readonly developerMetadata: DeveloperMetadata[] = [];
  nextMetadataId(): number { return 5_000 + ++this.metadataSeq; }
  /** (key), (key, value) as the add-on calls it; the visibility overloads are not emulated. */
  addDeveloperMetadata(key: string, value?: unknown): GSpreadsheet {
    this.developerMetadata.push(new DeveloperMetadata(this.nextMetadataId(), key, typeof value === 'string' ? value : null, this.developerMetadata));
    return this as never;
  }
  getDeveloperMetadata(): GoogleAppsScript.Spreadsheet.DeveloperMetadata[] { return [...this.developerMetadata] as never; }
  /** A finder over the spreadsheet's and every sheet's metadata (emulator: no row or column metadata exists). */
  createDeveloperMetadataFinder(): GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder { return new DeveloperMetadataFinder(this) as never; }
  /** Chart ids, unique across the spreadsheet as Google's are. */
  nextChartId(): number { return 1_000_000 + ++this.chartSeq * 7; }
  activeSheetIndex = 0;
  readonly toasts: { message: string; title: string }[] = [];

  constructor(readonly store: SpreadsheetStore, readonly id: string, public name: string, public timeZone: string, public locale: string) {
    super();
  }

  getId(): string { return this.id; }
  getName(): string { return this.name; }
  getUrl(): string { return `https://docs.google.com/spreadsheets/d/${this.id}/edit`; }
  getSheets(): GSheet[] { return [...this.sheets] as never; }
  getSheetByName(name: string): GSheet | null { return (this.sheets.find((s) => s.name === name) ?? null) as never; }
  getSheetById(id: number): GSheet | null { return (this.sheets.find((s) => s.sheetId === id) ?? null) as never; }
  getSpreadsheetTimeZone(): string { return this.timeZone; }
  getSpreadsheetLocale(): string { return this.locale; }
  getActiveSheet(): GSheet { return (this.sheets[this.activeSheetIndex] ?? this.sheets[0]!) as never; }
  /** The user's selection (set by tests and the preview with setActiveRange); A1 of the active sheet by default. */
  activeRange: Range | null = null;
  getActiveRange(): GRange {
    const sheet = this.sheets[this.activeSheetIndex] ?? this.sheets[0]!;
    return (this.activeRange && this.activeRange.sheet === sheet ? this.activeRange : sheet.rangeAt(1, 1, 1, 1)) as never;
  }
  /** The top-left cell of the selection (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getActiveCell()). */
  getActiveCell(): GRange {
    const r = this.getActiveRange() as unknown as Range;
    return r.sheet.rangeAt(r.row, r.column, 1, 1) as never;
  }
  getCurrentCell(): GRange { return this.getActiveCell(); }
  getNumSheets(): number { return this.sheets.length; }
  setActiveSheet(sheet: GSheet): GSheet {
    const i = this.sheets.indexOf(sheet as unknown as Sheet);
    if (i < 0) throw new GasException('Sheet not found');
    this.activeSheetIndex = i;
    return sheet;
  }
  /**
   * The old-style menu (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#addMenu(String,Object)):
   * entries { name, functionName }, null for a separator; recorded with the Ui's menus.
   */
  addMenu(name: string, subMenus: ({ name: string; functionName: string } | null)[]): void {
    const record = { title: name, items: subMenus.map((m) => (m ? { caption: m.name, functionName: m.functionName } : { separator: true as const })) };
    this.store.ui.menus = [...this.store.ui.menus.filter((m) => m.title !== name), record];
  }
  removeMenu(name: string): void {
    this.store.ui.menus = this.store.ui.menus.filter((m) => m.title !== name);
  }
  /** The form sending responses here, or null; with several, any one of them (the reference's "indeterminate"). */
  getFormUrl(): string | null {
    return this.sheets.find((s) => s.formUrl !== null)?.formUrl ?? null;
  }
  setActiveRange(range: GRange): GRange {
    const r = range as unknown as Range;
    this.activeSheetIndex = this.sheets.indexOf(r.sheet);
    this.activeRange = r;
    return range;
  }

  /**
   * Moves the active sheet to 1-based position `pos` among the sheets; a position below 1 or above the number of
   * sheets throws. (Assumed from the reference's wording, not checked against Google:
   * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#moveActiveSheet(Integer))
   */
  moveActiveSheet(pos: number): void {
    if (!Number.isInteger(pos) || pos < 1 || pos > this.sheets.length) throw new GasException(`Invalid argument: ${pos}`);
    const sheet = this.sheets[this.activeSheetIndex] ?? this.sheets[0]!;
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    this.sheets.splice(pos - 1, 0, sheet);
    this.activeSheetIndex = pos - 1;
  }

  getRange(a1: string): GRange {
    const p = parseA1(a1);
    const sheet = p.sheet !== undefined ? this.sheets.find((s) => s.name === p.sheet) : this.getActiveSheet();
    if (!sheet) throw new GasException('Range not found');
    return sheet.getRange(p.row, p.column, p.numRows, p.numColumns);
  }

  insertSheet(nameOrIndex?: unknown, index?: unknown): GSheet {
    const name = typeof nameOrIndex === 'string' ? nameOrIndex : this.freeName();
    if (this.sheets.some((s) => s.name === name)) {
      throw new GasException(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    this.checkCells(DEFAULT_ROWS * DEFAULT_COLUMNS);
    const sheet = new Sheet(this, this.nextSheetId === 0 ? 0 : 100000 + this.nextSheetId * 7919, name);
    this.nextSheetId++;
    const at = typeof nameOrIndex === 'number' ? nameOrIndex : typeof index === 'number' ? index : this.sheets.length;
    this.sheets.splice(Math.max(0, Math.min(at, this.sheets.length)), 0, sheet);
    this.activeSheetIndex = this.sheets.indexOf(sheet);
    return sheet as never;
  }

  deleteSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet): void {
    const i = this.sheets.indexOf(sheet as unknown as Sheet);
    if (i < 0) throw new GasException('Sheet not found');
    if (this.sheets.length === 1) throw new GasException("You can't remove all the sheets in a document.");
    this.sheets.splice(i, 1);
    this.activeSheetIndex = 0;
  }

  toast(message: string, title?: string, _timeoutSeconds?: number | null): void {
    this.toasts.push({ message, title: title ?? '' });
  }

  /** Total cells across sheets, for the 10-million-cell limit. */
  checkCells(adding: number): void {
    const total = this.sheets.reduce((n, s) => n + s.maxRows * s.maxColumns, 0);
    if (total + adding > MAX_CELLS) {
      throw new GasException('This action would increase the number of cells in the workbook above the limit of 10000000 cells.');
    }
  }

  private freeName(): string {
    for (let i = this.sheets.length + 1; ; i++) if (!this.sheets.some((s) => s.name === `シート${i}`)) return `シート${i}`;
  }
}

export class Sheet extends GasObject implements Pick<GoogleAppsScript.Spreadsheet.Sheet,
  'getName' | 'setName' | 'getSheetId' | 'getLastRow' | 'getLastColumn' | 'getMaxRows' | 'getMaxColumns' | 'getRange' | 'getDataRange' |
  'appendRow' | 'insertRowsAfter' | 'moveRows' | 'insertColumnsAfter' | 'setFrozenRows' | 'getFrozenRows' | 'protect' | 'getProtections' | 'getParent' |
  'clear' | 'activate' | 'setTabColor' | 'setColumnWidth' | 'deleteRows' | 'isSheetHidden' | 'getFormUrl' | 'getRangeList' |
  'hideSheet' | 'showSheet' | 'addDeveloperMetadata' | 'getDeveloperMetadata' |
  'newChart' | 'insertChart' | 'getCharts' | 'updateChart' | 'removeChart'> {
  readonly gasService = 'SpreadsheetApp';
  readonly gasType = 'Sheet';
  /** rows[r][c], 0-based; sparse: missing = empty cell. */
  readonly rows: (Cell | undefined)[][] = [];
  maxRows = DEFAULT_ROWS;
  maxColumns = DEFAULT_COLUMNS;
  frozenRows = 0;
  tabColor: string | null = null;
  readonly protections: Protection[] = [];
  readonly columnWidths = new Map<number, number>();
  /** Set by FormApp's setDestination on the response sheet it inserts (emulator/forms.ts). */
  formUrl: string | null = null;
  /**
   * Developer metadata attached to the sheet. It follows the sheet through renames and moves and goes when the sheet
   * is deleted ("If the associated object is deleted then its metadata is deleted too",
   * https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.developerMetadata). Every method needs
   * spreadsheets.currentonly or spreadsheets (https://developers.google.com/apps-script/reference/spreadsheet/developer-metadata),
   * which SpreadsheetApp needs anyway.
   */
  readonly developerMetadata: DeveloperMetadata[] = [];

  /** Embedded charts (emulator/charts.ts); chart ids are unique in the spreadsheet. */
  readonly chartStore: SheetCharts;

  constructor(readonly spreadsheet: Spreadsheet, readonly sheetId: number, public name: string) {
    super();
    this.chartStore = new SheetCharts(this);
  }

  override [GAS_TARGET](): string { return `sheet:${this.sheetId}`; }
  newChart(): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder { return this.chartStore.newChart(); }
  insertChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void { this.chartStore.insert(chart); }
  getCharts(): GoogleAppsScript.Spreadsheet.EmbeddedChart[] { return this.chartStore.list(); }
  updateChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void { this.chartStore.update(chart); }
  removeChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void { this.chartStore.remove(chart); }

  getName(): string { return this.name; }
  setName(name: string): GSheet {
    if (this.spreadsheet.sheets.some((s) => s !== this && s.name === name)) {
      throw new GasException(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    this.name = name;
    return this as never;
  }
  getSheetId(): number { return this.sheetId; }
  getParent(): GSpreadsheet { return this.spreadsheet as never; }
  getMaxRows(): number { return this.maxRows; }
  getMaxColumns(): number { return this.maxColumns; }
  isSheetHidden(): boolean { return this.hidden; }
  /** (key), (key, value) as the add-on calls it; the visibility overloads are not emulated. */
  addDeveloperMetadata(key: string, value?: unknown): GSheet {
    this.developerMetadata.push(new DeveloperMetadata(this.spreadsheet.nextMetadataId(), key, typeof value === 'string' ? value : null, this.developerMetadata, this));
    return this as never;
  }
  getDeveloperMetadata(): GoogleAppsScript.Spreadsheet.DeveloperMetadata[] { return [...this.developerMetadata] as never; }
  getFormUrl(): string | null { return this.formUrl; }
  /** Columns a person or script hid (1-based). */
  readonly hiddenColumns = new Set<number>();
  /** Merged blocks, as [row, column, numRows, numColumns]. */
  readonly merges: [number, number, number, number][] = [];
  getActiveRange(): GRange | null {
    const r = this.spreadsheet.activeRange;
    return (r && r.sheet === this ? r : this.rangeAt(1, 1, 1, 1)) as never;
  }
  getActiveCell(): GRange {
    const r = this.getActiveRange() as unknown as Range;
    return this.rangeAt(r.row, r.column, 1, 1) as never;
  }
  getCurrentCell(): GRange { return this.getActiveCell(); }
  setActiveRange(range: GRange): GRange {
    if ((range as unknown as Range).sheet !== this) throw new GasException('The range must be on the sheet it is activated on.');
    return this.spreadsheet.setActiveRange(range);
  }
  setActiveSelection(a1OrRange: string | GRange): GRange {
    return this.setActiveRange(typeof a1OrRange === 'string' ? this.getRange(a1OrRange) : a1OrRange);
  }
  hideColumns(columnIndex: number, numColumns = 1): void {
    this.checkColumns(columnIndex, numColumns);
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this.hiddenColumns.add(c);
  }
  showColumns(columnIndex: number, numColumns = 1): void {
    this.checkColumns(columnIndex, numColumns);
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this.hiddenColumns.delete(c);
  }
  isColumnHiddenByUser(columnPosition: number): boolean { return this.hiddenColumns.has(columnPosition); }
  getColumnWidth(columnPosition: number): number { return this.columnWidths.get(columnPosition) ?? 100; }
  /**
   * Sets each column's width "to fit its contents" (https://developers.google.com/apps-script/reference/spreadsheet/sheet#autoResizeColumns(Integer,Integer)).
   * No font is measured here: the width is estimated from the longest display value (7 px a character, 14 for wide ones).
   */
  autoResizeColumns(startColumn: number, numColumns: number): GSheet {
    this.checkColumns(startColumn, numColumns);
    const tz = this.spreadsheet.timeZone;
    for (let c = startColumn; c < startColumn + numColumns; c++) {
      let widest = 0;
      for (let r = 1; r <= this.rows.length; r++) {
        const text = displayOf(this.cell(r, c), tz);
        widest = Math.max(widest, [...text].reduce((n, ch) => n + (/[\u1100-\uffef]/.test(ch) ? 14 : 7), 0));
      }
      this.columnWidths.set(c, Math.max(21, widest + 10));
    }
    return this as never;
  }
  /**
   * A copy of this sheet in `spreadsheet`, named "Copy of <name>" as the reference says
   * (https://developers.google.com/apps-script/reference/spreadsheet/sheet#copyTo(Spreadsheet)), last among its sheets.
   */
  copyTo(spreadsheet: GSpreadsheet): GSheet {
    const target = spreadsheet as unknown as Spreadsheet;
    let name = `Copy of ${this.name}`;
    for (let i = 2; target.sheets.some((x) => x.name === name); i++) name = `Copy of ${this.name} ${i}`;
    const active = target.activeSheetIndex;
    const copy = target.insertSheet(name, target.sheets.length) as unknown as Sheet;
    target.activeSheetIndex = active;
    copy.maxRows = this.maxRows;
    copy.maxColumns = this.maxColumns;
    copy.frozenRows = this.frozenRows;
    copy.tabColor = this.tabColor;
    this.rows.forEach((row, r) => { if (row) copy.rows[r] = row.map((cell) => (cell ? { ...cell, value: copyValue(cell.value) } : undefined)); });
    for (const [c, w] of this.columnWidths) copy.columnWidths.set(c, w);
    for (const c of this.hiddenColumns) copy.hiddenColumns.add(c);
    copy.merges.push(...this.merges.map((m) => [...m] as [number, number, number, number]));
    return copy as never;
  }
  /** Values and formulas cleared, formats kept (https://developers.google.com/apps-script/reference/spreadsheet/sheet#clearContents()). */
  clearContents(): GSheet {
    for (const row of this.rows) for (const cell of row ?? []) if (cell) { cell.value = ''; delete cell.formula; }
    return this as never;
  }
  clearFormats(): GSheet {
    for (const row of this.rows) for (const cell of row ?? []) if (cell) { delete cell.numberFormat; delete cell.background; delete cell.fontWeight; delete cell.style; }
    return this as never;
  }
  clearNotes(): GSheet {
    for (const row of this.rows) for (const cell of row ?? []) if (cell) delete cell.note;
    return this as never;
  }
  insertRowAfter(afterPosition: number): GSheet { return this.insertRowsAfter(afterPosition, 1); }
  insertRowBefore(beforePosition: number): GSheet { return this.insertRowsAfter(beforePosition - 1, 1); }
  insertRowsBefore(beforePosition: number, howMany: number): GSheet { return this.insertRowsAfter(beforePosition - 1, howMany); }
  insertColumnAfter(afterPosition: number): GSheet { return this.insertColumnsAfter(afterPosition, 1); }
  insertColumnBefore(beforePosition: number): GSheet { return this.insertColumnsAfter(beforePosition - 1, 1); }
  insertColumnsBefore(beforePosition: number, howMany: number): GSheet { return this.insertColumnsAfter(beforePosition - 1, howMany); }
  deleteRow(rowPosition: number): GSheet { this.deleteRows(rowPosition, 1); return this as never; }
  deleteColumns(columnPosition: number, howMany: number): void {
    if (this.maxColumns - howMany < 1) throw new GasException('Those columns are out of bounds.');
    this.checkColumns(columnPosition, howMany);
    for (const row of this.rows) if (row) row.splice(columnPosition - 1, howMany);
    this.maxColumns -= howMany;
    shiftChartRanges(this.spreadsheet.sheets, this, false, columnPosition, -howMany);
  }
  deleteColumn(columnPosition: number): GSheet { this.deleteColumns(columnPosition, 1); return this as never; }
  /** getRange(row, column, numRows, numColumns).getValues(); -1 rows or columns means "to the last with content". */
  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): unknown[][] {
    const rows = numRows === -1 ? this.getLastRow() - startRow + 1 : numRows;
    const columns = numColumns === -1 ? this.getLastColumn() - startColumn + 1 : numColumns;
    return this.rangeAt(startRow, startColumn, rows, columns).getValues();
  }
  autoResizeColumn(columnPosition: number): GSheet { return this.autoResizeColumns(columnPosition, 1); }
  hidden = false;
  hideSheet(): GSheet {
    if (this.spreadsheet.sheets.filter((x) => !x.hidden).length === 1 && !this.hidden) throw new GasException("You can't hide all the sheets in a document.");
    this.hidden = true;
    return this as never;
  }
  showSheet(): GSheet { this.hidden = false; return this as never; }
  getIndex(): number { return this.spreadsheet.sheets.indexOf(this) + 1; }
  private checkColumns(start: number, count: number): void {
    if (!Number.isInteger(start) || start < 1 || start + count - 1 > this.maxColumns) throw new GasException('Those columns are out of bounds.');
  }
  activate(): GSheet { this.spreadsheet.activeSheetIndex = this.spreadsheet.sheets.indexOf(this); return this as never; }
  setTabColor(color: string | null): GSheet { this.tabColor = color; return this as never; }
  setColumnWidth(column: number, width: number): GSheet { this.columnWidths.set(column, width); return this as never; }

  /** Row of the last cell with content (1-based), 0 when empty. */
  getLastRow(): number {
    for (let r = this.rows.length - 1; r >= 0; r--) if (this.rows[r]?.some(hasContent)) return r + 1;
    return 0;
  }

  getLastColumn(): number {
    let last = 0;
    for (const row of this.rows) {
      if (!row) continue;
      for (let c = row.length - 1; c >= last; c--) if (hasContent(row[c])) { last = c + 1; break; }
    }
    return last;
  }

  getRange(a1OrRow: string | number, column?: number, numRows?: number, numColumns?: number): GRange {
    if (typeof a1OrRow === 'string') {
      const p = parseA1(a1OrRow);
      return this.rangeAt(p.row, p.column, p.numRows, p.numColumns) as never;
    }
    return this.rangeAt(a1OrRow, column ?? 1, numRows ?? 1, numColumns ?? 1) as never;
  }

  /**
   * Ranges by A1 notation, as one RangeList (https://developers.google.com/apps-script/reference/spreadsheet/sheet#getRangeList(String)).
   */
  getRangeList(a1Notations: string[]): GoogleAppsScript.Spreadsheet.RangeList {
    return new RangeList(a1Notations.map((a1) => {
      const p = parseA1(a1);
      return this.rangeAt(p.row, p.column, p.numRows, p.numColumns);
    })) as never;
  }

  getDataRange(): GRange {
    return this.rangeAt(1, 1, Math.max(1, this.getLastRow()), Math.max(1, this.getLastColumn())) as never;
  }

  rangeAt(row: number, column: number, numRows: number, numColumns: number): Range {
    if (!Number.isInteger(row) || row < 1) throw new GasException('The starting row of the range is too small.');
    if (!Number.isInteger(column) || column < 1) throw new GasException('The starting column of the range is too small.');
    if (numRows < 1) throw new GasException('The number of rows in the range must be at least 1.');
    if (numColumns < 1) throw new GasException('The number of columns in the range must be at least 1.');
    if (row + numRows - 1 > this.maxRows || column + numColumns - 1 > this.maxColumns) {
      throw new GasException('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new Range(this, row, column, numRows, numColumns) as never;
  }

  appendRow(rowContents: unknown[]): GSheet {
    const row = this.getLastRow() + 1;
    if (row > this.maxRows) this.maxRows = row;
    if (rowContents.length > this.maxColumns) this.maxColumns = rowContents.length;
    new Range(this, row, 1, 1, rowContents.length).writeValues([rowContents]);
    return this as never;
  }

  insertRowsAfter(afterPosition: number, howMany: number): GSheet {
    this.spreadsheet.checkCells(howMany * this.maxColumns);
    // Without spreading howMany arguments (thousands of rows would overflow the stack).
    const tail = this.rows.splice(afterPosition);
    for (let i = 0; i < howMany && tail.length; i++) this.rows.push([]);
    for (const row of tail) this.rows.push(row);
    this.maxRows += howMany;
    shiftChartRanges(this.spreadsheet.sheets, this, true, afterPosition + 1, howMany);
    return this as never;
  }

  /**
   * Moves the rows the range spans to before row `destinationIndex`, an index "based on the coordinates before the rows
   * are moved. Existing data is shifted down to make room for the moved rows while the source rows are removed from the
   * grid" (https://developers.google.com/apps-script/reference/spreadsheet/sheet#moveRows(Range,Integer); its example:
   * rows 1–2 moved to index 5 become rows 3–4). Whole rows move, cells with their formats, notes and validations; the
   * grid keeps its size. Not modelled: merges, protections and developer metadata on the moved rows.
   * ASSUMED without a source: a destination inside the moved rows, or a range or destination outside the grid, fails
   * (the emulator throws; Google's wording for it is not documented).
   */
  moveRows(rowSpec: GRange, destinationIndex: number): void {
    const spec = unwrap(rowSpec) as unknown as Range;
    if (spec.sheet !== this) throw new GasException('The range must be on the sheet whose rows are moved.');
    const start = spec.row, end = spec.row + spec.numRows - 1, count = spec.numRows;
    if (!Number.isInteger(destinationIndex) || destinationIndex < 1 || destinationIndex > this.maxRows + 1 || end > this.maxRows) throw new GasException('Those rows are out of bounds.');
    if (destinationIndex > start && destinationIndex <= end) throw new GasException('The destination of the rows to move is inside the rows moved.');
    if (destinationIndex === start || destinationIndex === end + 1) return;
    while (this.rows.length < Math.max(end, destinationIndex - 1)) this.rows.push([]);
    const moved = this.rows.slice(start - 1, end);
    const rest = [...this.rows.slice(0, start - 1), ...this.rows.slice(end)];
    const at = destinationIndex > end ? destinationIndex - 1 - count : destinationIndex - 1;
    const next = [...rest.slice(0, at), ...moved, ...rest.slice(at)];
    this.rows.length = 0;
    for (const row of next) this.rows.push(row);
  }

  insertColumnsAfter(afterPosition: number, howMany: number): GSheet {
    this.spreadsheet.checkCells(howMany * this.maxRows);
    for (const row of this.rows) if (row && row.length > afterPosition) { const tail = row.splice(afterPosition); for (let i = 0; i < howMany; i++) row.push(undefined); for (const c of tail) row.push(c); }
    this.maxColumns += howMany;
    shiftChartRanges(this.spreadsheet.sheets, this, false, afterPosition + 1, howMany);
    return this as never;
  }

  deleteRows(rowPosition: number, howMany: number): void {
    if (this.maxRows - howMany < 1) throw new GasException('Those rows are out of bounds.');
    this.rows.splice(rowPosition - 1, howMany);
    this.maxRows -= howMany;
    shiftChartRanges(this.spreadsheet.sheets, this, true, rowPosition, -howMany);
  }

  setFrozenRows(rows: number): void {
    if (rows > this.maxRows) throw new GasException('Those rows are out of bounds.');
    this.frozenRows = rows;
  }
  getFrozenRows(): number { return this.frozenRows; }

  protect(): GProtection {
    const p = new Protection(this, null);
    this.protections.push(p);
    return p as never;
  }

  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): GProtection[] {
    return this.protections.filter((p) => (String(type) === 'SHEET' ? p.range === null : p.range !== null)) as never;
  }

  clear(): GSheet {
    this.rows.length = 0;
    return this as never;
  }

  cell(r: number, c: number): Cell | undefined {
    return this.rows[r - 1]?.[c - 1];
  }

  cellForWrite(r: number, c: number): Cell {
    const row = (this.rows[r - 1] ??= []);
    return (row[c - 1] ??= { value: '' });
  }
}

function hasContent(c: Cell | undefined): boolean {
  return !!c && (c.value !== '' || !!c.formula);
}

export class Range extends GasObject implements Pick<GoogleAppsScript.Spreadsheet.Range,
  'getValues' | 'setValues' | 'getValue' | 'setValue' | 'getDisplayValues' | 'getDisplayValue' | 'getFormulas' | 'setFormulas' | 'getFormula' | 'setFormula' |
  'getNumberFormats' | 'setNumberFormat' | 'setNumberFormats' | 'setDataValidation' | 'setDataValidations' | 'getDataValidations' | 'getDataValidation' | 'clearDataValidations' |
  'protect' | 'setNote' | 'setNotes' | 'getNotes' | 'getNote' | 'clearNote' | 'setBackground' | 'setBackgrounds' | 'getBackgrounds' | 'getBackground' | 'setFontWeight' | 'setFontWeights' | 'getFontWeights' |
  'copyFormatToRange' | 'getRow' | 'getColumn' | 'getNumRows' | 'getNumColumns' | 'getLastRow' | 'getLastColumn' | 'getSheet' | 'getA1Notation' | 'clearContent' | 'insertCheckboxes' | 'offset' | 'sort'> {
  readonly gasService = 'SpreadsheetApp';
  readonly gasType = 'Range';

  constructor(readonly sheet: Sheet, readonly row: number, readonly column: number, readonly numRows: number, readonly numColumns: number) {
    super();
  }

  override [GAS_TARGET](): string { return `sheet:${this.sheet.sheetId}`; }
  getRow(): number { return this.row; }
  getColumn(): number { return this.column; }
  getNumRows(): number { return this.numRows; }
  getNumColumns(): number { return this.numColumns; }
  getLastRow(): number { return this.row + this.numRows - 1; }
  getLastColumn(): number { return this.column + this.numColumns - 1; }
  getSheet(): GSheet { return this.sheet as never; }
  getA1Notation(): string {
    const start = `${columnLetter(this.column)}${this.row}`;
    return this.numRows === 1 && this.numColumns === 1 ? start : `${start}:${columnLetter(this.getLastColumn())}${this.getLastRow()}`;
  }
  /** A cell of this range, 1-based within it (https://developers.google.com/apps-script/reference/spreadsheet/range#getCell(Integer,Integer)). */
  getCell(row: number, column: number): GRange {
    if (!Number.isInteger(row) || !Number.isInteger(column) || row < 1 || column < 1 || row > this.numRows || column > this.numColumns) {
      throw new GasException('Cell reference out of range');
    }
    return this.sheet.rangeAt(this.row + row - 1, this.column + column - 1, 1, 1) as never;
  }
  /** Merges the range into one block; the top-left value is kept and the others cleared, as the Sheets UI warns. */
  merge(): GRange {
    const [r1, c1, r2, c2] = [this.row, this.column, this.getLastRow(), this.getLastColumn()];
    const overlaps = this.sheet.merges.filter(([r, c, n, m]) => r <= r2 && r + n - 1 >= r1 && c <= c2 && c + m - 1 >= c1);
    if (overlaps.some(([r, c, n, m]) => r < r1 || c < c1 || r + n - 1 > r2 || c + m - 1 > c2)) {
      throw new GasException('You must select all cells in a merged range to merge or unmerge them.');
    }
    for (const o of overlaps) this.sheet.merges.splice(this.sheet.merges.indexOf(o), 1);
    if (this.numRows * this.numColumns > 1) this.sheet.merges.push([r1, c1, this.numRows, this.numColumns]);
    for (let r = r1; r <= r2; r++) {
      for (let c = c1; c <= c2; c++) {
        if (r === r1 && c === c1) continue;
        const cell = this.sheet.cell(r, c);
        if (cell) { cell.value = ''; delete cell.formula; }
      }
    }
    return this as never;
  }
  breakApart(): GRange {
    const [r1, c1, r2, c2] = [this.row, this.column, this.getLastRow(), this.getLastColumn()];
    for (const m of [...this.sheet.merges]) {
      const [r, c, n, k] = m;
      if (r <= r2 && r + n - 1 >= r1 && c <= c2 && c + k - 1 >= c1) this.sheet.merges.splice(this.sheet.merges.indexOf(m), 1);
    }
    return this as never;
  }
  isPartOfMerge(): boolean {
    const [r1, c1, r2, c2] = [this.row, this.column, this.getLastRow(), this.getLastColumn()];
    return this.sheet.merges.some(([r, c, n, k]) => r <= r2 && r + n - 1 >= r1 && c <= c2 && c + k - 1 >= c1);
  }
  getMergedRanges(): GRange[] {
    const [r1, c1, r2, c2] = [this.row, this.column, this.getLastRow(), this.getLastColumn()];
    return this.sheet.merges.filter(([r, c, n, k]) => r <= r2 && r + n - 1 >= r1 && c <= c2 && c + k - 1 >= c1)
      .map(([r, c, n, k]) => this.sheet.rangeAt(r, c, n, k)) as never;
  }
  /** Contents and formats, or what `options` names (contentsOnly, formatOnly, commentsOnly, validationsOnly). */
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean; commentsOnly?: boolean; validationsOnly?: boolean }): GRange {
    const o = options ?? { contentsOnly: true, formatOnly: true };
    this.each(this.fill(null), (cell) => {
      if (o.contentsOnly) { cell.value = ''; delete cell.formula; }
      if (o.formatOnly) { delete cell.numberFormat; delete cell.background; delete cell.fontWeight; }
      if (o.commentsOnly) delete cell.note;
      if (o.validationsOnly) delete cell.validation;
    });
    return this as never;
  }
  clearFormat(): GRange { return this.clear({ formatOnly: true }); }
  private setStyle(key: string, value: unknown): GRange {
    this.each(this.fill(value), (cell, v) => {
      if (v === null || v === undefined) { if (cell.style) delete cell.style[key]; return; }
      (cell.style ??= {})[key] = v as string | number | boolean;
    });
    return this as never;
  }
  private styleOf(key: string, fallback: string | number | boolean): unknown {
    return this.sheet.cell(this.row, this.column)?.style?.[key] ?? fallback;
  }
  setFontColor(color: string | null): GRange { return this.setStyle('fontColor', color); }
  getFontColor(): string { return String(this.styleOf('fontColor', '#000000')); }
  setFontSize(size: number): GRange { return this.setStyle('fontSize', size); }
  getFontSize(): number { return Number(this.styleOf('fontSize', 10)); }
  setFontFamily(fontFamily: string | null): GRange { return this.setStyle('fontFamily', fontFamily); }
  getFontFamily(): string { return String(this.styleOf('fontFamily', 'Arial')); }
  setFontStyle(fontStyle: string | null): GRange { return this.setStyle('fontStyle', fontStyle); }
  getFontStyle(): string { return String(this.styleOf('fontStyle', 'normal')); }
  setFontLine(fontLine: string | null): GRange { return this.setStyle('fontLine', fontLine); }
  setHorizontalAlignment(alignment: string | null): GRange { return this.setStyle('horizontalAlignment', alignment); }
  getHorizontalAlignment(): string { return String(this.styleOf('horizontalAlignment', 'general')); }
  setVerticalAlignment(alignment: string | null): GRange { return this.setStyle('verticalAlignment', alignment); }
  getVerticalAlignment(): string { return String(this.styleOf('verticalAlignment', 'bottom')); }
  setWrap(isWrapEnabled: boolean): GRange { return this.setStyle('wrap', isWrapEnabled); }
  getWrap(): boolean { return this.styleOf('wrap', true) === true; }
  setWrapStrategy(strategy: unknown): GRange { return this.setStyle('wrapStrategy', String(strategy)); }
  activate(): GRange { this.sheet.spreadsheet.setActiveRange(this as never); return this as never; }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): GRange {
    return this.sheet.rangeAt(this.row + rowOffset, this.column + columnOffset, numRows ?? this.numRows, numColumns ?? this.numColumns) as never;
  }

  private map<T>(f: (cell: Cell | undefined) => T): T[][] {
    const out: T[][] = [];
    for (let r = 0; r < this.numRows; r++) {
      const line: T[] = [];
      for (let c = 0; c < this.numColumns; c++) line.push(f(this.sheet.cell(this.row + r, this.column + c)));
      out.push(line);
    }
    return out;
  }

  private checkShape(data: unknown, what = 'data'): unknown[][] {
    if (!Array.isArray(data) || !data.every(Array.isArray)) {
      throw new GasException(`The parameters (${typeof data}) don't match the method signature for SpreadsheetApp.Range.setValues.`);
    }
    if (data.length !== this.numRows) {
      throw new GasException(`The number of rows in the ${what} does not match the number of rows in the range. The ${what} has ${data.length} but the range has ${this.numRows}.`);
    }
    for (const line of data as unknown[][]) {
      if (line.length !== this.numColumns) {
        throw new GasException(`The number of columns in the ${what} does not match the number of columns in the range. The ${what} has ${line.length} but the range has ${this.numColumns}.`);
      }
    }
    return data as unknown[][];
  }

  private each(data: unknown[][], f: (cell: Cell, v: unknown) => void): void {
    for (let r = 0; r < this.numRows; r++) for (let c = 0; c < this.numColumns; c++) f(this.sheet.cellForWrite(this.row + r, this.column + c), data[r]![c]);
  }

  getValues(): Value[][] { return this.map((c) => (c ? copyValue(c.value) : '')); }
  getValue(): Value { return this.getValues()[0]![0]!; }
  getDisplayValues(): string[][] { return this.map((c) => displayOf(c, this.sheet.spreadsheet.timeZone)); }
  getDisplayValue(): string { return this.getDisplayValues()[0]![0]!; }
  getFormulas(): string[][] { return this.map((c) => c?.formula ?? ''); }
  getFormula(): string { return this.getFormulas()[0]![0]!; }
  getNumberFormats(): string[][] { return this.map((c) => c?.numberFormat ?? '0.###############'); }
  getNumberFormat(): string { return this.getNumberFormats()[0]![0]!; }
  getFontWeight(): GoogleAppsScript.Spreadsheet.FontWeight { return this.getFontWeights()[0]![0]!; }
  getNotes(): string[][] { return this.map((c) => c?.note ?? ''); }
  getNote(): string { return this.getNotes()[0]![0]!; }
  getBackgrounds(): string[][] { return this.map((c) => c?.background ?? '#ffffff'); }
  getBackground(): string { return this.getBackgrounds()[0]![0]!; }
  getFontWeights(): GoogleAppsScript.Spreadsheet.FontWeight[][] { return this.map((c) => c?.fontWeight ?? 'normal') as never; }
  getDataValidations(): (GDataValidation | null)[][] { return this.map((c) => c?.validation ?? null) as never; }
  getDataValidation(): GDataValidation | null { return this.getDataValidations()[0]![0]! as never; }

  setValues(values: unknown[][]): GRange {
    this.writeValues(this.checkShape(values));
    return this as never;
  }

  /** setValues without the call being a separate round trip (used by appendRow). */
  writeValues(values: unknown[][]): void {
    const tz = this.sheet.spreadsheet.timeZone;
    // Google rejects the whole write, before changing any cell, when one string is over the per-cell limit.
    for (const line of values) {
      for (const v of line) {
        if (typeof v === 'string' && v.length > CELL_CHARACTER_LIMIT) {
          throw new GasException(`Your input contains more than the maximum of ${CELL_CHARACTER_LIMIT} characters in a single cell.`);
        }
      }
    }
    this.each(values, (cell, v) => {
      delete cell.formula;
      if (v === null || v === undefined) { cell.value = ''; return; }
      if (v instanceof Date) { cell.value = new Date(v.getTime()); return; }
      if (typeof v === 'number' || typeof v === 'boolean') { cell.value = v; return; }
      if (typeof v === 'object') throw new GasException(`Cannot convert '${String(v)}' to a value.`);
      const text = String(v);
      // The quote prefix is consumed whatever the number format; in a plain-text cell nothing else is parsed.
      if (text.startsWith("'")) { cell.value = text.slice(1); return; }
      if (cell.numberFormat === '@') { cell.value = text; return; }
      const parsed = parseUserEntered(text, tz, this.sheet.spreadsheet.locale, this.sheet.spreadsheet.store.runtime.now());
      cell.value = parsed.value;
      if (parsed.formula) cell.formula = parsed.formula;
      // Sheets picks a format only for a cell still on automatic; one the script or a person set is kept.
      if (parsed.numberFormat && cell.numberFormat === undefined) cell.numberFormat = parsed.numberFormat;
    });
  }

  setValue(value: unknown): GRange {
    return this.setValues(Array.from({ length: this.numRows }, () => new Array(this.numColumns).fill(value)));
  }

  setFormulas(formulas: string[][]): GRange {
    this.each(this.checkShape(formulas), (cell, f) => {
      const text = String(f ?? '');
      if (text.startsWith('=')) { cell.formula = text; cell.value = ''; } else { delete cell.formula; cell.value = text; }
    });
    return this as never;
  }
  setFormula(formula: string): GRange { return this.setFormulas([[formula]]); }

  /**
   * Copies this range's formatting to rows row…rowEnd, columns column…columnEnd of `sheet` (a Sheet or its id), the
   * source "repeated or truncated accordingly" when the sizes differ
   * (https://developers.google.com/apps-script/reference/spreadsheet/range#copyFormatToRange(Sheet,Integer,Integer,Integer,Integer)).
   * Formatting here is the number format, background, font weight and other styles, and the data validation: the
   * Apps Script page says only "formatting"; the Sheets API's PASTE_FORMAT, the same copy, is "the format and data
   * validation only" (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request#pastetype).
   * ASSUMED without a source: Apps Script's copy carries the data validation as the Sheets API's does.
   */
  copyFormatToRange(sheet: GSheet | number, column: number, columnEnd: number, row: number, rowEnd: number): void {
    const target = typeof sheet === 'number' ? this.sheet.spreadsheet.sheets.find((s) => s.sheetId === sheet) : (unwrap(sheet) as unknown as Sheet);
    if (!target) throw new GasException('The sheet was not found.');
    const dest = target.rangeAt(row, column, rowEnd - row + 1, columnEnd - column + 1);
    const source = this.map((c) => c);
    for (let r = 0; r < dest.numRows; r++) {
      for (let c = 0; c < dest.numColumns; c++) {
        const from = source[r % this.numRows]![c % this.numColumns];
        const cell = target.cellForWrite(dest.row + r, dest.column + c);
        for (const key of ['numberFormat', 'background', 'fontWeight', 'validation'] as const) {
          if (from?.[key] === undefined) delete cell[key]; else (cell as unknown as Record<string, unknown>)[key] = from[key];
        }
        if (from?.style) cell.style = { ...from.style }; else delete cell.style;
      }
    }
  }

  setNumberFormat(numberFormat: string): GRange {
    this.each(this.fill(numberFormat), (cell, f) => { cell.numberFormat = String(f); });
    return this as never;
  }
  setNumberFormats(numberFormats: unknown[][]): GRange {
    this.each(this.checkShape(numberFormats), (cell, f) => { cell.numberFormat = String(f); });
    return this as never;
  }

  setNote(note: string | null): GRange { return this.setNotes(this.fill(note ?? '') as string[][]); }
  setNotes(notes: unknown[][]): GRange {
    this.each(this.checkShape(notes), (cell, n) => {
      const text = n === null || n === undefined ? '' : String(n);
      if (text) cell.note = text; else delete cell.note;
    });
    return this as never;
  }
  clearNote(): GRange { return this.setNote(''); }

  setBackground(color: string | null): GRange { return this.setBackgrounds(this.fill(color) as string[][]); }
  setBackgrounds(colors: unknown[][]): GRange {
    this.each(this.checkShape(colors), (cell, c) => {
      if (c === null || c === undefined || c === '' || c === '#ffffff') delete cell.background; else cell.background = String(c);
    });
    return this as never;
  }
  setFontWeight(fontWeight: string | null): GRange {
    this.each(this.fill(fontWeight), (cell, w) => { cell.fontWeight = String(w ?? 'normal'); });
    return this as never;
  }
  setFontWeights(fontWeights: unknown[][]): GRange {
    this.each(this.checkShape(fontWeights), (cell, w) => { cell.fontWeight = String(w ?? 'normal'); });
    return this as never;
  }

  setDataValidation(rule: GoogleAppsScript.Spreadsheet.DataValidation | null): GRange {
    this.each(this.fill(rule), (cell, v) => { if (v) cell.validation = v as DataValidation; else delete cell.validation; });
    return this as never;
  }
  setDataValidations(rules: (GoogleAppsScript.Spreadsheet.DataValidation | null)[][]): GRange {
    this.each(this.checkShape(rules), (cell, v) => { if (v) cell.validation = v as DataValidation; else delete cell.validation; });
    return this as never;
  }
  clearDataValidations(): GRange { return this.setDataValidation(null); }

  insertCheckboxes(): GRange {
    const rule = new DataValidationBuilder().requireCheckbox().build() as unknown as DataValidation;
    this.each(this.fill(null), (cell) => {
      cell.validation = rule;
      if (cell.value === '' || cell.value === undefined) cell.value = false;
    });
    return this as never;
  }

  clearContent(): GRange {
    this.each(this.fill(null), (cell) => { cell.value = ''; delete cell.formula; });
    return this as never;
  }

  protect(): GProtection {
    const p = new Protection(this.sheet, this);
    this.sheet.protections.push(p);
    return p as never;
  }

  private fill(v: unknown): unknown[][] {
    return Array.from({ length: this.numRows }, () => new Array(this.numColumns).fill(v));
  }

  /**
   * Sorts the range's rows by a column (a number, or { column, ascending }): whole cells move — values, formulas,
   * number formats, notes, backgrounds, validations — as with Data → Sort range in the Sheets UI
   * (https://developers.google.com/apps-script/reference/spreadsheet/range#sort(Object)). Empty cells go last in either
   * order; numbers and dates come before text (an assumption: Google documents no order between types). Stable.
   */
  sort(sortSpecObj: unknown): GRange {
    const specs = (Array.isArray(sortSpecObj) ? sortSpecObj : [sortSpecObj]).map((x) =>
      typeof x === 'number' ? { column: x, ascending: true } : { column: Number((x as { column: number }).column), ascending: (x as { ascending?: boolean }).ascending !== false });
    for (const spec of specs) {
      if (spec.column < this.column || spec.column > this.getLastColumn()) throw new GasException(`Column ${spec.column} is out of range.`);
    }
    const lines = Array.from({ length: this.numRows }, (_, r) => Array.from({ length: this.numColumns }, (_, c) => this.sheet.cell(this.row + r, this.column + c)));
    const rank = (c: Cell | undefined): [number, number | string] => {
      const v = c?.value ?? '';
      if (v === '' && !c?.formula) return [3, 0];
      if (typeof v === 'number') return [0, v];
      if (v instanceof Date) return [0, v.getTime()];
      if (typeof v === 'boolean') return [2, v ? 1 : 0];
      return [1, String(v).toLowerCase()];
    };
    const order = lines.map((line, i) => ({ line, i }));
    order.sort((a, b) => {
      for (const spec of specs) {
        const x = rank(a.line[spec.column - this.column]), y = rank(b.line[spec.column - this.column]);
        if (x[0] === 3 || y[0] === 3) { if (x[0] !== y[0]) return x[0] === 3 ? 1 : -1; continue; }
        const cmp = x[0] !== y[0] ? x[0] - y[0] : x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0;
        if (cmp !== 0) return spec.ascending ? cmp : -cmp;
      }
      return a.i - b.i;
    });
    order.forEach(({ line }, r) => {
      const row = (this.sheet.rows[this.row + r - 1] ??= []);
      line.forEach((cell, c) => { row[this.column + c - 1] = cell; });
    });
    return this as never;
  }
}

/** Several ranges of one sheet (Sheet.getRangeList); setValue sets the same value in every cell of every range. */
export class RangeList extends GasObject implements Pick<GoogleAppsScript.Spreadsheet.RangeList, 'setValue' | 'getRanges'> {
  readonly gasService = 'SpreadsheetApp';
  readonly gasType = 'RangeList';
  constructor(readonly ranges: Range[]) { super(); }
  override [GAS_TARGET](): string { return this.ranges[0] ? `sheet:${this.ranges[0].sheet.sheetId}` : ''; }
  getRanges(): GRange[] { return [...this.ranges] as never; }
  /** https://developers.google.com/apps-script/reference/spreadsheet/range-list#setValue(Object) */
  setValue(value: unknown): GoogleAppsScript.Spreadsheet.RangeList {
    for (const r of this.ranges) r.writeValues(Array.from({ length: r.numRows }, () => new Array(r.numColumns).fill(value)));
    return this as never;
  }
}

export class DeveloperMetadata extends GasObject implements Pick<GoogleAppsScript.Spreadsheet.DeveloperMetadata, 'getId' | 'getKey' | 'getValue' | 'setValue' | 'remove' | 'getLocation'> {
  readonly gasService = 'SpreadsheetApp';
  readonly gasType = 'DeveloperMetadata';
  /** `sheet`: the sheet it is attached to (none: the spreadsheet's own). */
  constructor(readonly id: number, readonly key: string, public value: string | null, private readonly home: DeveloperMetadata[], readonly sheet?: Sheet) { super(); }
  getLocation(): GoogleAppsScript.Spreadsheet.DeveloperMetadataLocation { return new DeveloperMetadataLocation(this.sheet ?? null) as never; }
  getId(): number { return this.id; }
  getKey(): string { return this.key; }
  getValue(): string | null { return this.value; }
  setValue(value: string): GoogleAppsScript.Spreadsheet.DeveloperMetadata { this.value = value; return this as never; }
  remove(): void {
    const i = this.home.indexOf(this);
    if (i >= 0) this.home.splice(i, 1);
  }
}

/**
 * Spreadsheet.createDeveloperMetadataFinder(): "finding developer metadata within the scope of this spreadsheet. By
 * default this considers all metadata associated with the spreadsheet, sheets, rows, and columns"; withKey/withValue
 * "limit this search to consider only metadata that match"; find() "executes this search and returns the matching
 * metadata" (https://developers.google.com/apps-script/reference/spreadsheet/developer-metadata-finder). The order of
 * the result is not documented: the emulator lists the spreadsheet's, then each sheet's in tab order.
 */
export class DeveloperMetadataFinder extends GasObject implements Pick<GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder, 'withKey' | 'withValue' | 'find'> {
  readonly gasService = 'SpreadsheetApp';
  readonly gasType = 'DeveloperMetadataFinder';
  private key?: string;
  private value?: string;
  constructor(private readonly spreadsheet: Spreadsheet) { super(); }
  withKey(key: string): GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder { this.key = key; return this as never; }
  withValue(value: string): GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder { this.value = value; return this as never; }
  find(): GoogleAppsScript.Spreadsheet.DeveloperMetadata[] {
    return [...this.spreadsheet.developerMetadata, ...this.spreadsheet.sheets.flatMap((s) => s.developerMetadata)]
      .filter((m) => (this.key === undefined || m.key === this.key) && (this.value === undefined || m.value === this.value)) as never;
  }
}

/** Where a metadata is: getSheet() is its sheet, or null when it is not a sheet's (developer-metadata-location). */
export class DeveloperMetadataLocation extends GasObject implements Pick<GoogleAppsScript.Spreadsheet.DeveloperMetadataLocation, 'getSheet'> {
  readonly gasService = 'SpreadsheetApp';
  readonly gasType = 'DeveloperMetadataLocation';
  constructor(private readonly sheet: Sheet | null) { super(); }
  getSheet(): GoogleAppsScript.Spreadsheet.Sheet | null { return this.sheet as never; }
}

export class Protection extends GasObject implements Pick<GoogleAppsScript.Spreadsheet.Protection,
  'setDescription' | 'getDescription' | 'setWarningOnly' | 'isWarningOnly' | 'getRange' | 'remove' | 'canEdit' | 'addEditor' | 'removeEditors' |
  'getEditors' | 'canDomainEdit' | 'setDomainEdit'> {
  readonly gasService = 'SpreadsheetApp';
  readonly gasType = 'Protection';
  description = '';
  warningOnly = false;
  /**
   * Who may edit: "Until the script actually changes the list of editors … the permissions mirror those of the
   * spreadsheet itself" (https://developers.google.com/apps-script/reference/spreadsheet/sheet#protect()): null until
   * then. The emulated spreadsheet's editors are the user running the script; removing that user is assumed to keep
   * them (Google's own sample adds the current user, then removes every editor, and expects to keep editing:
   * https://developers.google.com/apps-script/reference/spreadsheet/protection).
   */
  editors: Set<string> | null = null;
  domainEdit = true;
  constructor(readonly sheet: Sheet, readonly range: Range | null) { super(); }
  private me(): string { return this.sheet.spreadsheet.store.runtime.user.email; }
  private list(): Set<string> { return (this.editors ??= new Set([this.me()])); }
  addEditor(user: string | GoogleAppsScript.Base.User): GProtection { this.list().add(typeof user === 'string' ? user : user.getEmail()); return this as never; }
  removeEditors(users: (string | GoogleAppsScript.Base.User)[]): GProtection {
    for (const u of users) { const e = typeof u === 'string' ? u : u.getEmail(); if (e !== this.me()) this.list().delete(e); }
    return this as never;
  }
  getEditors(): GoogleAppsScript.Base.User[] { return [...this.list()].map((e) => new User(e)) as never; }
  canDomainEdit(): boolean { return this.domainEdit; }
  setDomainEdit(editable: boolean): GProtection { this.domainEdit = !!editable; return this as never; }
  setDescription(description: string): GProtection { this.description = description; return this as never; }
  getDescription(): string { return this.description; }
  setWarningOnly(warningOnly: boolean): GProtection { this.warningOnly = warningOnly; return this as never; }
  isWarningOnly(): boolean { return this.warningOnly; }
  getRange(): GRange { return (this.range ?? this.sheet.getDataRange()) as never; }
  canEdit(): boolean { return true; }
  remove(): void {
    const i = this.sheet.protections.indexOf(this);
    if (i >= 0) this.sheet.protections.splice(i, 1);
  }
}

export type CriteriaType = 'VALUE_IN_LIST' | 'VALUE_IN_RANGE' | 'CHECKBOX' | 'DATE_IS_VALID_DATE' | 'NUMBER_BETWEEN';

export class DataValidation extends GasObject implements Pick<GoogleAppsScript.Spreadsheet.DataValidation,
  'getCriteriaValues' | 'getAllowInvalid' | 'getHelpText'> {
  readonly gasService = 'SpreadsheetApp';
  readonly gasType = 'DataValidation';
  constructor(readonly criteria: CriteriaType, readonly values: unknown[], readonly allowInvalid: boolean, readonly helpText: string) { super(); }
  getCriteriaType(): GoogleAppsScript.Spreadsheet.DataValidationCriteria { return this.criteria as never; }
  getCriteriaValues(): unknown[] { return [...this.values]; }
  getAllowInvalid(): boolean { return this.allowInvalid; }
  getHelpText(): string { return this.helpText; }
  /** Whether a value would pass (used by the preview's grid editor). */
  accepts(v: unknown): boolean {
    if (v === '' || v === null || v === undefined) return true;
    if (this.criteria === 'VALUE_IN_LIST') return (this.values[0] as unknown[]).map(String).includes(String(v));
    if (this.criteria === 'VALUE_IN_RANGE') return (this.values[0] as Range).getValues().flat().map(String).includes(String(v));
    if (this.criteria === 'CHECKBOX') return typeof v === 'boolean';
    if (this.criteria === 'DATE_IS_VALID_DATE') return v instanceof Date;
    return true;
  }
}

export class DataValidationBuilder extends GasObject implements Pick<GoogleAppsScript.Spreadsheet.DataValidationBuilder,
  'requireValueInList' | 'requireCheckbox' | 'requireDate' | 'setAllowInvalid' | 'setHelpText' | 'build'> {
  readonly gasService = 'SpreadsheetApp';
  readonly gasType = 'DataValidationBuilder';
  private criteria: CriteriaType | null = null;
  private values: unknown[] = [];
  private allowInvalid = true;
  private helpText = '';
  requireValueInList(values: string[], showDropdown?: boolean): GDataValidationBuilder {
    this.criteria = 'VALUE_IN_LIST';
    this.values = [[...values], showDropdown ?? true];
    return this as never;
  }
  requireCheckbox(): GDataValidationBuilder { this.criteria = 'CHECKBOX'; this.values = []; return this as never; }
  /** A dropdown of the values in a range (https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder#requireValueInRange(Range,Boolean)). */
  requireValueInRange(range: GRange, showDropdown?: boolean): GDataValidationBuilder {
    this.criteria = 'VALUE_IN_RANGE';
    this.values = [unwrap(range), showDropdown ?? true];
    return this as never;
  }
  requireDate(): GDataValidationBuilder { this.criteria = 'DATE_IS_VALID_DATE'; this.values = []; return this as never; }
  setAllowInvalid(allowInvalidData: boolean): GDataValidationBuilder { this.allowInvalid = allowInvalidData; return this as never; }
  setHelpText(helpText: string): GDataValidationBuilder { this.helpText = helpText; return this as never; }
  build(): GDataValidation {
    if (!this.criteria) throw new GasException('You must specify a criteria type for a data validation rule.');
    return new DataValidation(this.criteria, this.values, this.allowInvalid, this.helpText) as never;
  }
}

/** The SpreadsheetApp global. */
export function createSpreadsheetApp(store: SpreadsheetStore, ui: () => unknown) {
  return {
    gasService: 'SpreadsheetApp',
    gasType: 'SpreadsheetApp',
    ProtectionType: { RANGE: 'RANGE', SHEET: 'SHEET' },
    DataValidationCriteria: { VALUE_IN_LIST: 'VALUE_IN_LIST', VALUE_IN_RANGE: 'VALUE_IN_RANGE', CHECKBOX: 'CHECKBOX', DATE_IS_VALID_DATE: 'DATE_IS_VALID_DATE' },
    getActiveSpreadsheet(): Spreadsheet | null {
      return store.activeId ? store.spreadsheets.get(store.activeId) ?? null : null;
    },
    getActive(): Spreadsheet | null {
      return this.getActiveSpreadsheet();
    },
    getActiveSheet(): GSheet | null {
      const ss = store.activeId ? store.spreadsheets.get(store.activeId) : undefined;
      return ss ? ss.getActiveSheet() : null;
    },
    getActiveRange(): GRange | null {
      const ss = store.activeId ? store.spreadsheets.get(store.activeId) : undefined;
      return ss ? ss.getActiveRange() : null;
    },
    getActiveCell(): GRange | null {
      const ss = store.activeId ? store.spreadsheets.get(store.activeId) : undefined;
      return ss ? ss.getActiveCell() : null;
    },
    getCurrentCell(): GRange | null {
      return this.getActiveCell();
    },
    setActiveRange(range: GRange): GRange {
      return (range as unknown as Range).sheet.spreadsheet.setActiveRange(range);
    },
    openById(id: string): Spreadsheet {
      const ss = store.spreadsheets.get(id);
      if (!ss) throw new GasException(`Unexpected error while getting the method or property openById on object SpreadsheetApp.`);
      return ss;
    },
    openByUrl(url: string): Spreadsheet {
      const m = /\/spreadsheets\/d\/([^/?#]+)/.exec(String(url));
      return this.openById(m ? m[1]! : String(url));
    },
    create(name: string): Spreadsheet {
      return store.create(name);
    },
    getUi(): unknown {
      return ui();
    },
    newDataValidation(): DataValidationBuilder {
      return new DataValidationBuilder();
    },
    flush(): void {},
  };
}
