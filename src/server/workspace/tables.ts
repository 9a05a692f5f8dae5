/**
 * Sheet ⇄ typed rows. A Table reads a whole sheet once (values and formulas: 2 calls plus lookups), works in memory,
 * and writes back in one setValues over the rectangle of changed cells plus one for appended rows. Columns are found
 * by header text, so volunteers may reorder them.
 */
import { KeysOf, SheetDef } from '../domain/schema';
import { neutraliseFormula } from '../domain/text';
import { UserFacingError } from './errors';

export type CellValue = string | number | boolean | Date;

const timeZones = new WeakMap<GoogleAppsScript.Spreadsheet.Spreadsheet, string>();

/**
 * The spreadsheet's time zone, asked of Google once per spreadsheet object: it cannot change during an execution, and
 * every Table.open and date stamp needs it (each ask is a round trip).
 */
export function spreadsheetTimeZone(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  let zone = timeZones.get(ss);
  if (zone === undefined) {
    zone = ss.getSpreadsheetTimeZone();
    timeZones.set(ss, zone);
  }
  return zone;
}

/** Header text as compared: width-folded and trimmed, so 「ＦＡＸ 」 finds FAX. */
export function headerKey(text: unknown): string {
  return String(text ?? '').normalize('NFKC').trim();
}

/** Would Sheets turn this text into something else when written back (number, date, boolean, formula)? */
function isFragileText(text: string): boolean {
  return (
    /^[=+\-@\t\r']/.test(text) ||
    /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(text) ||
    /^\s*(true|false)\s*$/i.test(text) ||
    /^\s*\d{4}[-/]\d{1,2}[-/]\d{1,2}/.test(text) ||
    /^\s*\d{1,2}[-/]\d{1,2}([-/]\d{2,4})?\s*$/.test(text)
  );
}

/**
 * The same question for a column on automatic format (a volunteer's own column): Sheets parses a written string
 * "following the same rules that are applied when entering text into a cell via the Google Sheets UI"
 * (https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption): thousands separators, currency signs,
 * %, h:mm, y/m/d, 2025年4月1日, m/d as well. Erring towards "yes" only adds an apostrophe Sheets consumes, so anything
 * made only of digits and such signs counts. The add-on's own text columns are plain text (@), where Sheets parses
 * nothing, so they keep the narrower rule above (a phone number is not quoted).
 */
function isFragileInAutomaticColumn(text: string): boolean {
  const t = text.trim();
  return isFragileText(text) || (/\d/.test(t) && /^[\d\s.,:/\-+$¥￥%年月日時分秒eE()]*(\s*[AaPp]\.?[Mm]\.?)?$/.test(t));
}

export interface TableRow<K extends string> {
  /** 1-based sheet row, as the user sees it. */
  rowNumber: number;
  get(key: K): CellValue;
  /** The cell as text ('' when empty; dates as yyyy-mm-dd or yyyy-mm-dd HH:mm in the spreadsheet's zone). */
  text(key: K): string;
}

export class Table<K extends string> {
  private readonly dirty = new Set<string>(); // "r,c" 0-based data coordinates
  private readonly appended: CellValue[][] = [];

  private constructor(
    readonly sheet: GoogleAppsScript.Spreadsheet.Sheet,
    readonly def: SheetDef<K>,
    readonly timeZone: string,
    private readonly headers: string[],
    private readonly values: CellValue[][],
    private readonly formulas: string[][],
    private readonly columnOf: ReadonlyMap<K, number>,
    private maxRows: number,
  ) {}

  /** Opens a sheet set up by 「初期設定」; a missing sheet or column is a clear message, not a crash. */
  static open<D extends SheetDef>(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, def: D, timeZone?: string): Table<KeysOf<D>> {
    const sheet = ss.getSheetByName(def.name);
    if (!sheet) throw new UserFacingError('setup.needed', { sheet: def.name });
    const zone = timeZone ?? spreadsheetTimeZone(ss);
    const range = sheet.getDataRange();
    const values = range.getValues() as CellValue[][];
    const formulas = range.getFormulas();
    const headers = (values[0] ?? []).map(headerKey);
    const columnOf = new Map<KeysOf<D>, number>();
    for (const col of def.columns) {
      const i = headers.indexOf(headerKey(col.header));
      if (i < 0) throw new UserFacingError('setup.needed', { sheet: `${def.name}」の列「${col.header}` });
      columnOf.set(col.key as KeysOf<D>, i);
    }
    // Trailing empty rows within the data range are not data.
    let last = values.length;
    while (last > 1 && values[last - 1]!.every((v) => v === '') && (formulas[last - 1] ?? []).every((f) => f === '')) last--;
    return new Table(sheet, def as unknown as SheetDef<KeysOf<D>>, zone, headers, values.slice(1, last), formulas.slice(1, last), columnOf, sheet.getMaxRows());
  }

  get rowCount(): number {
    return this.values.length;
  }

  rows(): TableRow<K>[] {
    return this.values.map((_, i) => this.row(i + 2));
  }

  row(rowNumber: number): TableRow<K> {
    const i = rowNumber - 2;
    return {
      rowNumber,
      get: (key) => this.cell(i, key),
      text: (key) => this.asText(this.cell(i, key), key),
    };
  }

  has(key: string): key is K {
    return this.columnOf.has(key as K);
  }

  /** Sheet column (1-based) of a key. */
  column(key: K): number {
    return this.columnOf.get(key)! + 1;
  }

  private cell(i: number, key: K): CellValue {
    const line = i < this.values.length ? this.values[i] : this.appended[i - this.values.length];
    return line?.[this.columnOf.get(key)!] ?? '';
  }

  private asText(v: CellValue, key: K): string {
    if (v instanceof Date) {
      const col = this.def.columns.find((c) => c.key === key);
      return formatZoned(v, this.timeZone, col?.dateFormat?.includes('h') ?? false);
    }
    return typeof v === 'string' ? v : String(v);
  }

  /** Changes one cell; user text is neutralised so it can never become a formula. */
  set(rowNumber: number, key: K, value: CellValue): void {
    const i = rowNumber - 2;
    const c = this.columnOf.get(key)!;
    const v = typeof value === 'string' ? neutraliseFormula(value) : value;
    if (i >= this.values.length) {
      this.appended[i - this.values.length]![c] = v;
      return;
    }
    const current = this.values[i]![c];
    if (current instanceof Date && v instanceof Date ? current.getTime() === v.getTime() : current === v && this.formulas[i]![c] === '') return;
    this.values[i]![c] = v;
    this.formulas[i]![c] = '';
    this.dirty.add(`${i},${c}`);
  }

  /** Adds a row (written by flush); returns its sheet row number. */
  append(record: Partial<Record<K, CellValue>>): number {
    const line: CellValue[] = this.headers.map(() => '');
    for (const [key, value] of Object.entries(record) as [K, CellValue][]) {
      const c = this.columnOf.get(key);
      if (c !== undefined && value !== undefined && value !== null) line[c] = typeof value === 'string' ? neutraliseFormula(value) : value;
    }
    this.appended.push(line);
    return this.values.length + this.appended.length + 1;
  }

  get pendingAppends(): number {
    return this.appended.length;
  }

  /** Writes every change in at most two setValues (changed rectangle, appended block) and one insertRowsAfter. */
  flush(): { updated: number; appended: number } {
    let updated = 0;
    if (this.dirty.size) {
      let top = Infinity, bottom = -1, left = Infinity, right = -1;
      for (const key of this.dirty) {
        const [r, c] = key.split(',').map(Number) as [number, number];
        top = Math.min(top, r); bottom = Math.max(bottom, r); left = Math.min(left, c); right = Math.max(right, c);
      }
      const block: CellValue[][] = [];
      for (let r = top; r <= bottom; r++) {
        const line: CellValue[] = [];
        for (let c = left; c <= right; c++) line.push(this.dirty.has(`${r},${c}`) ? this.values[r]![c]! : this.preserved(r, c));
        block.push(line);
      }
      this.sheet.getRange(top + 2, left + 1, bottom - top + 1, right - left + 1).setValues(block);
      updated = this.dirty.size;
      this.dirty.clear();
    }
    const appended = this.appended.length;
    if (appended) {
      const first = this.values.length + 2;
      const lastNeeded = first + appended - 1;
      if (lastNeeded > this.maxRows) this.growTo(lastNeeded);
      this.sheet.getRange(first, 1, appended, this.headers.length).setValues(this.appended);
      for (const line of this.appended) {
        this.values.push(line);
        this.formulas.push(line.map(() => ''));
      }
      this.appended.length = 0;
    }
    return { updated, appended };
  }

  /**
   * Adds rows and gives them the last row's number formats and dropdowns, so plain-text columns stay plain text
   * (Google does not document what insertRowsAfter inherits, so it is done explicitly: 4 calls, only when growing).
   */
  private growTo(lastRow: number): void {
    const width = this.headers.length;
    const template = this.sheet.getRange(this.maxRows, 1, 1, width);
    const formats = template.getNumberFormats()[0]!;
    const rules = template.getDataValidations()[0]!;
    const added = lastRow - this.maxRows;
    this.sheet.insertRowsAfter(this.maxRows, added);
    const block = this.sheet.getRange(this.maxRows + 1, 1, added, width);
    block.setNumberFormats(Array.from({ length: added }, () => formats));
    if (rules.some((r) => r !== null)) block.setDataValidations(Array.from({ length: added }, () => rules));
    this.maxRows = lastRow;
  }

  /** An unchanged cell inside the written rectangle goes back exactly as it was: formula, or text kept as text. */
  private preserved(r: number, c: number): CellValue {
    const formula = this.formulas[r]?.[c] ?? '';
    if (formula) return formula;
    const v = this.values[r]![c]!;
    if (typeof v !== 'string') return v;
    const plainText = this.def.columns.some((col) => col.text && this.columnOf.get(col.key) === c);
    return (plainText ? isFragileText(v) : isFragileInAutomaticColumn(v)) ? `'${v}` : v;
  }
}

/** yyyy-mm-dd (or yyyy-mm-dd HH:mm) of an instant in a time zone, without Apps Script calls. */
export function formatZoned(date: Date, timeZone: string, withTime: boolean): string {
  const parts: Record<string, string> = {};
  for (const p of new Intl.DateTimeFormat('en-CA', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(date)) parts[p.type] = p.value;
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  return withTime ? `${day} ${parts.hour}:${parts.minute}` : day;
}
