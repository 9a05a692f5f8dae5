/**
 * Sheet ⇄ typed rows. A Table reads a whole sheet once (values in 1 call, formulas in 2 more for a writer), works in memory,
 * and writes back only what changed. Columns are found by header text, so volunteers may reorder them.
 *
 * Volunteers edit, sort, insert and delete rows while the add-on runs, and they do not take our lock. So `flush`
 * (called under the document lock) re-reads the sheet just before writing (1 call, whatever the number of rows), finds each changed row again by its key (SheetDef.rowKey: 団体 id, 回答id, 会議 id…) or, for a
 * row without one, by its whole content as read, and writes only the cells whose value changes:
 * - a cell a person changed since it was read keeps the person's value and is reported (`conflicts`);
 * - a row that can no longer be found (deleted, or its key edited) is reported and nothing is written elsewhere;
 * - appended rows go below the sheet's live last row;
 * - a renamed or deleted header stops the write with a clear message before anything is written.
 * Batching: cells are grouped per live column into runs of consecutive rows, one setValues per run; cells that get the
 * same value (a 受付時刻 stamped on many rows) go in one RangeList.setValue instead when that is fewer calls. Calls thus
 * follow the number of separate blocks of change, not the number of rows (the bench shows it flat).
 */
import { KeysOf, SheetDef } from '../domain/schema';
import { neutraliseFormula } from '../domain/text';
import { formatZoned } from '../domain/dates';

export { formatZoned };
import { LocalizedProblem, UserFacingError } from './errors';

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

/**
 * A sheet's values from A1 to its last row and column with content, in one call whose extent is taken when it runs:
 * getSheetValues' "-1 value … is equivalent to getting the very last row or column that has data in the sheet"
 * (https://developers.google.com/apps-script/reference/spreadsheet/sheet#getSheetValues(Integer,Integer,Integer,Integer)).
 * getDataRange + getValues fixes the extent one round trip before the read, so a row inserted between them would be
 * cut off (and getLastRow had to check). A sheet with nothing in it reads as getDataRange's [['']].
 */
export function sheetValues(sheet: GoogleAppsScript.Spreadsheet.Sheet): CellValue[][] {
  let values: CellValue[][];
  try {
    values = sheet.getSheetValues(1, 1, -1, -1) as CellValue[][];
  } catch (e) {
    // No extent to read on an empty sheet; any other failure is rethrown.
    if (sheet.getLastRow() > 0) throw e;
    values = [];
  }
  return values.length && values[0]!.length ? values : [['']];
}

export interface TableRow<K extends string> {
  /** 1-based sheet row, as the user sees it. */
  rowNumber: number;
  get(key: K): CellValue;
  /** The cell as text ('' when empty; dates as yyyy-mm-dd or yyyy-mm-dd HH:mm in the spreadsheet's zone). */
  text(key: K): string;
}

/** Two cell values are the same value (Dates by instant). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  return a === b;
}

/** A value as a map key: type and content, so 1 and '1' differ. */
function valueKey(v: unknown): string {
  return v instanceof Date ? `D${v.getTime()}` : `${typeof v}:${String(v)}`;
}

function shown(v: unknown): string {
  const text = v instanceof Date ? v.toISOString().slice(0, 16).replace('T', ' ') : String(v ?? '');
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

export interface FlushResult {
  updated: number;
  appended: number;
  /** Sheet row of the first appended row (0 when none): below the live last row, which a person may have moved. */
  firstAppendedRow: number;
  /** Changes not written because a person edited the cell or removed the row meanwhile (the person's edit wins). */
  conflicts: LocalizedProblem[];
}

/** A cell a flush wrote: live sheet row and column (1-based) and the value. */
interface Written { row: number; column: number; value: CellValue }

interface Pending {
  /** Value as read at open (or at the last flush), the base a person's edit is detected against. */
  original: CellValue;
  originalFormula: string;
}

/**
 * A view of a sheet that may not exist yet: no rows when it is missing, or (`headerless`) when its header is missing
 * too — a record whose making was cut short (the next write finishes it). The sheet is asked for once.
 */
export function optionalRows<D extends SheetDef>(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, def: D, timeZone: string, headerless?: true): TableRow<KeysOf<D>>[] {
  return optionalView(ss, def, timeZone, headerless)?.rows() ?? [];
}

/** optionalRows' view itself (null where optionalRows has no rows). */
export function optionalView<D extends SheetDef>(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, def: D, timeZone: string, headerless?: true): TableView<KeysOf<D>> | null {
  try {
    return Table.open(ss, def, timeZone, true);
  } catch (e) {
    if (e instanceof UserFacingError && (headerless || e.key === 'setup.needed')) return null;
    throw e;
  }
}

/** A Table opened as a view: read only (nothing to write with, no formulas read). */
export type TableView<K extends string> = Pick<Table<K>, 'rows' | 'row' | 'rowCount' | 'has' | 'sheet' | 'column'>;

export class Table<K extends string> {
  /** "r,c" (0-based data coordinates as read) → the cell as it was before our change. */
  private readonly dirty = new Map<string, Pending>();
  private readonly appended: CellValue[][] = [];
  /** Every conflict met by this table's flushes (callers report them once, at the end). */
  readonly conflicts: LocalizedProblem[] = [];
  /** Sheet row of the first row the last flush appended (0 when it appended none). */
  lastFlushFirstAppendedRow = 0;

  private constructor(
    readonly sheet: GoogleAppsScript.Spreadsheet.Sheet,
    readonly def: SheetDef<K>,
    readonly timeZone: string,
    private readonly headers: string[],
    private readonly values: CellValue[][],
    private readonly formulas: string[][],
    private readonly columnOf: ReadonlyMap<K, number>,
  ) {}

  /**
   * The grid's row count, asked only by a flush that appends (0: not asked yet; a grid always has a row). A sheet
   * people edit is asked again by each such flush (their inserts and deletes change it); a sheet only the add-on
   * writes (editedByPeople false, written under the lock) once per Table, then kept by growTo.
   */
  private maxRows = 0;

  /**
   * Opens a sheet set up by 「初期設定」; a missing sheet or column is a clear message, not a crash. `view`: a read
   * for a caller that never writes (reports, documents): no formulas are asked (2 calls fewer). The grid size is
   * asked by a flush that appends, not here.
   */
  static open<D extends SheetDef>(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, def: D, timeZone: string | undefined, view: true): TableView<KeysOf<D>>;
  static open<D extends SheetDef>(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, def: D, timeZone?: string): Table<KeysOf<D>>;
  static open<D extends SheetDef>(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, def: D, timeZone?: string, view?: true): Table<KeysOf<D>> {
    const sheet = ss.getSheetByName(def.name);
    if (!sheet) throw new UserFacingError('setup.needed', { sheet: def.name });
    const zone = timeZone ?? spreadsheetTimeZone(ss);
    const values = sheetValues(sheet);
    // A writer also reads formulas (a person's formula is kept), over the extent the values were read with. A hidden
    // sheet only the add-on writes holds none (nobody types there): not asked (2 calls fewer).
    const formulas = view ? [] : def.editedByPeople === false ? values.map((line) => line.map(() => '')) : sheet.getRange(1, 1, values.length, values[0]!.length).getFormulas();
    const headers = (values[0] ?? []).map(headerKey);
    const columnOf = new Map<KeysOf<D>, number>();
    for (const col of def.columns) {
      const i = headers.findIndex((h) => [col.header, ...(col.aliases ?? [])].some((a) => headerKey(a) === h));
      if (i < 0) throw new UserFacingError('setup.columnNeeded', { sheet: def.name, column: col.header });
      columnOf.set(col.key as KeysOf<D>, i);
    }
    // Trailing empty rows within the data range are not data.
    let last = values.length;
    while (last > 1 && values[last - 1]!.every((v) => v === '') && (formulas[last - 1] ?? []).every((f) => f === '')) last--;
    const table = new Table(sheet, def as unknown as SheetDef<KeysOf<D>>, zone, headers, values.slice(1, last), formulas.slice(1, last), columnOf);
    // A view never flushes: strays are the writer's to move.
    table.strays = !view && def.editedByPeople !== false && strayRows(values, def.rowKey !== undefined ? columnOf.get(def.rowKey as KeysOf<D>)! : -1) !== null;
    return table;
  }

  /**
   * The same read seen through another definition of the same sheet: two readers of one sheet in one operation
   * (「個人情報の整理」's tidy-up and its survey summary) see one state, even when a person edits between two reads.
   */
  viewAs<D extends SheetDef>(def: D): TableView<KeysOf<D>> {
    const columnOf = new Map<KeysOf<D>, number>();
    for (const col of def.columns) {
      const i = this.headers.indexOf(headerKey(col.header));
      if (i < 0) throw new UserFacingError('setup.columnNeeded', { sheet: def.name, column: col.header });
      columnOf.set(col.key as KeysOf<D>, i);
    }
    return new Table(this.sheet, def as unknown as SheetDef<KeysOf<D>>, this.timeZone, this.headers, this.values, [], columnOf);
  }

  /** Rows left at the grid's bottom by an append stopped between its write and its move: the next flush moves them. */
  private strays = false;

  get rowCount(): number {
    return this.values.length;
  }

  /** A data row's cells as read, every column (not only the definition's). */
  cellsOf(rowNumber: number): readonly CellValue[] {
    return this.values[rowNumber - 2] ?? [];
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

  /** Sheet column (1-based) of a key as found by the last locateRows (as read at open before that). */
  liveColumn(key: K): number {
    const c = this.columnOf.get(key)!;
    return (this.liveColumns ? this.liveColumns[c]! : c) + 1;
  }

  private liveColumns: readonly number[] | null = null;

  /** Sheet column (1-based) of a key, as read at open. */
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

  /** Changes one cell (row number as read); user text is neutralised so it can never become a formula. */
  set(rowNumber: number, key: K, value: CellValue): void {
    const i = rowNumber - 2;
    const c = this.columnOf.get(key)!;
    const v = typeof value === 'string' ? neutraliseFormula(value) : value;
    if (i >= this.values.length) {
      this.appended[i - this.values.length]![c] = v;
      return;
    }
    const current = this.values[i]![c]!;
    const stored = typeof v === 'string' && v.startsWith("'") ? v.slice(1) : v;
    if (sameValue(current, stored) && this.formulas[i]![c] === '') return;
    const id = `${i},${c}`;
    if (!this.dirty.has(id)) this.dirty.set(id, { original: current, originalFormula: this.formulas[i]![c] ?? '' });
    this.values[i]![c] = v;
    this.formulas[i]![c] = '';
  }

  /** Adds a row (written by flush below the live last row); returns its row number in this table's numbering. */
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

  /**
   * Writes every change safely against people editing now (see the file comment). Calls: none when nothing changed;
   * otherwise the live re-read (1 call), one write per block of change, and one setValues for the appended rows
   * (plus getMaxRows when appending — once per Table for a sheet only the add-on writes —, and 3 when the sheet must
   * grow).
   */
  flush(): FlushResult {
    const result: FlushResult = { updated: 0, appended: 0, firstAppendedRow: 0, conflicts: [] };
    this.lastFlushFirstAppendedRow = 0;
    if (this.dirty.size === 0 && this.appended.length === 0 && !this.strays) return result;
    // A hidden sheet only the add-on writes, under the lock: the sheet is as read, no re-read needed.
    const own = this.def.editedByPeople === false;
    const { live, liveLast, liveColumn } = own ? this.asRead() : this.readLive();

    const written = this.dirty.size ? this.writeChanges(live, liveLast, liveColumn, result) : [];

    const appended = this.appended.length;
    if (appended) {
      let width = live[0]?.length ?? 1;
      while (width > 1 && headerKey(live[0]![width - 1]) === '') width--;
      const block = this.appended.map((line) => {
        const out: CellValue[] = new Array<CellValue>(width).fill('');
        line.forEach((v, c) => { const j = liveColumn[c]!; if (j >= 0) out[j] = v; });
        return out;
      });
      // Rows a person inserted or deleted change the grid: asked now (the add-on's own sheet: once per Table).
      if (!own || !this.maxRows) this.maxRows = this.sheet.getMaxRows();
      // One row (a form submission, a walk-in) goes in with Sheet.appendRow, which Google places below the last row
      // with content as it is when the call runs (https://developers.google.com/apps-script/reference/spreadsheet/sheet#appendRow(Object)):
      // a row a person types meanwhile is never written over, and it takes one call fewer. Where it landed is read
      // back (verify).
      this.single = appended === 1 && !own ? block[0]! : null;
      let first = liveLast + 1;
      if (own || this.single) {
        if (first + appended - 1 > this.maxRows) this.growTo(first + appended - 1, width);
        if (this.single) this.sheet.appendRow(this.single);
        else this.sheet.getRange(first, 1, appended, width).setValues(block);
      } else {
        // More rows: written where nobody types — the grid's bottom rows, at least SPARE_ROWS blank rows below the data
        // (the grid grows first when there is no such room) — then moved below the data in one call. Sheet.moveRows
        // inserts: "Existing data is shifted down to make room for the moved rows"; the index is "based on the
        // coordinates before the rows are moved" (https://developers.google.com/apps-script/reference/spreadsheet/sheet#moveRows(Range,Integer)).
        // So a row a person types below the data meanwhile is shifted down, never written over, whatever the number
        // of rows (4 calls, as the single setValues before). Rows a sort, insert or delete moved in the one round trip
        // between the write and the move are found by the read-back (verify) and moved up after the data.
        first = live.length + 1;
        if (this.maxRows - BOTTOM_MARGIN - appended + 1 - first < SPARE_ROWS) this.growTo(first + SPARE_ROWS + appended + BOTTOM_MARGIN - 1, width);
        const range = this.sheet.getRange(this.maxRows - BOTTOM_MARGIN - appended + 1, 1, appended, width);
        range.setValues(block);
        this.sheet.moveRows(range, first);
        this.moved = block;
      }
      for (const line of this.appended) {
        this.values.push(line);
        this.formulas.push(line.map(() => ''));
      }
      this.appended.length = 0;
      result.appended = appended;
      result.firstAppendedRow = first;
      this.lastFlushFirstAppendedRow = first;
    }
    if ((written.length || appended) && this.def.editedByPeople !== false) {
      // Many small flushes in a row (one per calendar event): the next flush's re-read checks this one's write.
      if (this.verifyWithNextRead) this.unverified = { live, liveLast, liveColumn, written, result };
      else this.verify(live, liveLast, liveColumn, written, result, sheetValues(this.sheet));
    }
    for (const c of result.conflicts) this.conflicts.push(c);
    return result;
  }

  /**
   * No Apps Script call re-reads and writes in one step: a person's sort, insert or delete between the re-read and
   * the write moves rows under a write made by row number. So the sheet is read once more after writing (2 calls,
   * whatever the number of rows) and each written row is checked by its identity (key, else its other cells):
   * - a change that landed on another row is taken back there (that row's value as re-read) and written to its row;
   * - appended rows a person's insert or delete kept at the grid's bottom are moved up after the data.
   * Repairs cost a call or two, and only when something moved. A second edit inside the repair's own round trip is
   * beyond this (it is reported by the next run's conflict check, not repaired).
   */
  /**
   * Set by a caller that flushes once per item (meetings: an event id written as soon as the event exists): a flush's
   * read-back is then the next flush's re-read, and `verifyPending` reads back the last one.
   */
  verifyWithNextRead = false;
  private unverified: { live: CellValue[][]; liveLast: number; liveColumn: readonly number[]; written: readonly Written[]; result: FlushResult } | null = null;

  /** Reads back a write still unchecked (verifyWithNextRead); nothing when there is none. */
  verifyPending(): void {
    const u = this.unverified;
    this.unverified = null;
    if (u) this.verify(u.live, u.liveLast, u.liveColumn, u.written, u.result, sheetValues(this.sheet));
  }

  /** The row the last flush appended with appendRow, until the read-back finds where it landed. */
  private single: CellValue[] | null = null;
  /** The rows the last flush wrote at the grid's bottom and moved below the data, until the read-back finds them. */
  private moved: CellValue[][] | null = null;

  /** Returns whether it wrote a repair. */
  private verify(live: CellValue[][], liveLast: number, liveColumn: readonly number[], written: readonly Written[], result: FlushResult, after: CellValue[][]): boolean {
    const keyColumn = this.def.rowKey !== undefined ? liveColumn[this.columnOf.get(this.def.rowKey)!]! : -1;
    const columns = this.def.columns.map((col) => liveColumn[this.columnOf.get(col.key)!]!);
    const writtenColumns = new Map<number, Set<number>>();
    const writesAt = new Map<number, Written[]>();
    for (const w of written) {
      writtenColumns.set(w.row, new Set([...(writtenColumns.get(w.row) ?? []), w.column - 1]));
      writesAt.set(w.row, [...(writesAt.get(w.row) ?? []), w]);
    }
    const anyWritten = new Set(written.map((w) => w.column - 1));
    // A line's identity: its key, else every column but those this flush wrote on that row.
    const identity = (line: readonly CellValue[] | undefined, skip: ReadonlySet<number> | undefined): string => {
      if (!line) return '\u0000gone';
      // A key this flush wrote (a new id) is not identity: the row is known by its other cells.
      const key = keyColumn >= 0 && !skip?.has(keyColumn) ? String(line[keyColumn] ?? '').trim() : '';
      if (key !== '') return `k:${key}`;
      return columns.filter((c) => !skip?.has(c)).map((c) => `${c}=${valueKey(line[c] ?? '')}`).join('\u0001');
    };
    // Lines by identity, built only when something moved (one index per set of skipped columns and per read).
    const indexes = new Map<string, Map<string, number[]>>();
    const findIn = (lines: readonly CellValue[][], id: string, skip: ReadonlySet<number> | undefined): number => {
      const name = `${lines === live ? 'l' : 'a'}:${[...(skip ?? [])].sort().join(',')}`;
      let index = indexes.get(name);
      if (!index) {
        index = new Map();
        for (let r = 1; r < lines.length; r++) { const k = identity(lines[r], skip); index.set(k, [...(index.get(k) ?? []), r]); }
        indexes.set(name, index);
      }
      return index.get(id)?.[0] ?? -1;
    };
    // appendRow went below any row typed meanwhile: where it landed is where the read-back finds it.
    if (this.single) {
      const r = findIn(after, identity(this.single, undefined), undefined);
      if (r > 0) result.firstAppendedRow = this.lastFlushFirstAppendedRow = r + 1;
      this.single = null;
    }
    const moved = this.moved;
    this.moved = null;
    if (moved) {
      const r = findIn(after, identity(moved[0], undefined), undefined);
      if (r > 0) result.firstAppendedRow = this.lastFlushFirstAppendedRow = r + 1;
    }
    // A cell may be both where another row's change must go and a cell to take ours back from: the change wins.
    const repairs = new Map<string, { row: number; column: number; value: CellValue; place: boolean }>();
    const repair = (row: number, column: number, value: CellValue, place: boolean) => {
      const id = `${row},${column}`;
      if (place || !repairs.get(id)?.place) repairs.set(id, { row, column, value, place });
    };
    for (const [row, cols] of writtenColumns) {
      const meant = identity(live[row - 1], cols);
      if (identity(after[row - 1], cols) === meant) continue;
      // The row is not where it was written. Either it moved after the write (a person's edit since: our cells are
      // on it, nothing to do) or before (the write landed on whichever row was there: repair both rows).
      // Found by the columns no write of this flush touched: a misplaced write may have changed any written column.
      const target = findIn(after, identity(live[row - 1], anyWritten), anyWritten);
      const here = after[row - 1];
      const owner = here ? findIn(live, identity(here, anyWritten), anyWritten) : -1;
      for (const w of writesAt.get(row)!) {
        const j = w.column - 1;
        if (target >= 0 && !sameValue(after[target]![j], w.value)) repair(target + 1, w.column, w.value, true);
        // The row now here keeps our value only if it is its own (a stamp written on it too).
        const ownersOwn = owner >= 0 ? writesAt.get(owner + 1)?.find((x) => x.column === w.column) : undefined;
        // A row a person inserted is blank but for what we wrote on it.
        const blank = here !== undefined && here.every((v, c) => v === '' || cols.has(c));
        const before = blank ? '' : owner >= 0 ? live[owner]![j]! : undefined;
        if (here && before !== undefined && sameValue(here[j], w.value) && !(ownersOwn && sameValue(ownersOwn.value, w.value)) && !sameValue(before, w.value)) {
          repair(row, w.column, before, false);
        }
      }
    }
    // No append writes over a row: one row goes in with appendRow, more are moved in with moveRows (flush); both
    // insert below whatever is there.
    // Cells that already hold what a repair would write are left alone.
    const needed = [...repairs.values()].filter((r) => !sameValue(after[r.row - 1]?.[r.column - 1] ?? '', r.value));
    if (needed.length) this.writeCells(needed);
    // Moved rows a person's insert or delete shifted out of the moved range in that one round trip: still at the bottom.
    const strays = moved ? this.moveStrays(after, liveColumn) : false;
    return needed.length > 0 || strays;
  }

  private headerOf(c: number): string {
    return this.def.columns.find((col) => this.columnOf.get(col.key) === c)?.header ?? this.headers[c] ?? '';
  }

  /** A row as identity: its key when it has one, else every column's value as read (dirty cells as before our change). */
  private identity(i: number, asRead: (c: number) => CellValue): { key: string; content: string } {
    const keyColumn = this.def.rowKey !== undefined ? this.columnOf.get(this.def.rowKey) : undefined;
    const key = keyColumn === undefined ? '' : String(asRead(keyColumn)).trim();
    const content = this.def.columns.map((col) => valueKey(asRead(this.columnOf.get(col.key)!))).join('\u0001');
    return { key, content };
  }

  /**
   * The sheet as it is now (sheetValues: 1 call, whatever the number of rows), and where each column read at open is
   * now (a volunteer may have moved a header); a header that is gone stops the write before anything is written.
   */
  private readLive(): { live: CellValue[][]; liveLast: number; liveColumn: number[] } {
    let live = sheetValues(this.sheet);
    // The previous flush's write, checked against this read (and read again if that had to repair something).
    const u = this.unverified;
    this.unverified = null;
    if (u && this.verify(u.live, u.liveLast, u.liveColumn, u.written, u.result, live)) live = sheetValues(this.sheet);
    const liveHeaders = (live[0] ?? []).map(headerKey);
    const liveColumn = this.headers.map((h) => (h === '' ? -1 : liveHeaders.indexOf(h)));
    if (this.strays && this.moveStrays(live, liveColumn)) live = sheetValues(this.sheet);
    this.strays = false;
    for (const col of this.def.columns) {
      if (liveColumn[this.columnOf.get(col.key)!]! < 0) throw new UserFacingError('table.columnGone', { sheet: this.sheet.getName(), column: col.header });
    }
    let liveLast = live.length;
    while (liveLast > 1 && live[liveLast - 1]!.every((v) => v === '')) liveLast--;
    return { live, liveLast, liveColumn };
  }

  /** The sheet as this table read it (our pending changes undone), for a sheet no person edits. */
  private asRead(): { live: CellValue[][]; liveLast: number; liveColumn: number[] } {
    const live = [this.headers as CellValue[], ...this.values.map((line, r) => line.map((v, c) => this.dirty.get(`${r},${c}`)?.original ?? v))];
    return { live, liveLast: live.length, liveColumn: this.headers.map((h, i) => (h === '' ? -1 : i)) };
  }

  /**
   * Finds rows as read (0-based data index) in a live read of the sheet: by key when the row has one (among rows that
   * share it, by content), else by its whole content as read; each live row is claimed once. -1: not there any more.
   */
  private locator(live: CellValue[][], liveLast: number, liveColumn: readonly number[]): (r: number) => number {
    const keyColumn = this.def.rowKey !== undefined ? liveColumn[this.columnOf.get(this.def.rowKey)!]! : -1;
    const byKey = new Map<string, number[]>();
    const byContent = new Map<string, number[]>();
    for (let r = 1; r < liveLast; r++) {
      const line = live[r]!;
      if (keyColumn >= 0) {
        const k = String(line[keyColumn] ?? '').trim();
        if (k !== '') byKey.set(k, [...(byKey.get(k) ?? []), r]);
      }
      const content = this.def.columns.map((col) => valueKey(line[liveColumn[this.columnOf.get(col.key)!]!] ?? '')).join('\u0001');
      byContent.set(content, [...(byContent.get(content) ?? []), r]);
    }
    const taken = new Set<number>();
    const claim = (candidates: number[] | undefined): number => {
      const r = candidates?.find((x) => !taken.has(x));
      if (r === undefined) return -1;
      taken.add(r);
      return r;
    };
    const found = new Map<number, number>();
    // A row without a key whose content a person changed meanwhile (one cell edited): the unique live row without a
    // key that differs from it in at most one column in eight. Anything less sure is reported, not guessed.
    const columns = this.def.columns.map((col) => this.columnOf.get(col.key)!);
    const tolerance = Math.max(1, Math.floor(columns.length / 8));
    const closest = (r: number, asRead: (c: number) => CellValue): number[] => {
      let best: number[] = [], bestMisses = tolerance + 1;
      for (let l = 1; l < liveLast; l++) {
        if (taken.has(l) || (keyColumn >= 0 && String(live[l]![keyColumn] ?? '').trim() !== '')) continue;
        let misses = 0;
        for (const c of columns) if (!sameValue(asRead(c), live[l]![liveColumn[c]!] ?? '') && ++misses > bestMisses) break;
        if (misses < bestMisses) { best = [l]; bestMisses = misses; } else if (misses === bestMisses) best.push(l);
      }
      return best.length === 1 ? best : [];
    };
    return (r: number) => {
      const known = found.get(r);
      if (known !== undefined) return known;
      const asRead = (c: number) => this.dirty.get(`${r},${c}`)?.original ?? this.values[r]![c]!;
      const { key, content } = this.identity(r, asRead);
      const sameKey = key !== '' ? byKey.get(key) : undefined;
      let liveRow: number;
      if (sameKey && sameKey.filter((x) => !taken.has(x)).length === 1) liveRow = claim(sameKey);
      else if (sameKey) liveRow = claim(sameKey.filter((x) => byContent.get(content)?.includes(x)));
      else liveRow = key === '' ? claim(byContent.get(content)) : -1;
      if (liveRow < 0 && key === '') liveRow = claim(closest(r, asRead));
      found.set(r, liveRow);
      return liveRow;
    };
  }

  /**
   * Where each row as read is now (row number as read → live sheet row; absent when deleted), for writes the Table
   * does not make itself (notes, backgrounds). One re-read (3 calls); call it under the lock, just before writing.
   */
  locateRows(): Map<number, number> {
    const { live, liveLast, liveColumn } = this.readLive();
    const locate = this.locator(live, liveLast, liveColumn);
    this.liveColumns = liveColumn;
    const out = new Map<number, number>();
    for (let r = 0; r < this.values.length; r++) {
      const l = locate(r);
      if (l >= 0) out.set(r + 2, l + 1);
    }
    return out;
  }

  private writeChanges(live: CellValue[][], liveLast: number, liveColumn: readonly number[], result: FlushResult): Written[] {
    const locate = this.locator(live, liveLast, liveColumn);
    const rowsChanged = new Map<number, number[]>();
    for (const id of this.dirty.keys()) {
      const [r, c] = id.split(',').map(Number) as [number, number];
      rowsChanged.set(r, [...(rowsChanged.get(r) ?? []), c]);
    }
    const writes: { row: number; column: number; value: CellValue }[] = [];
    for (const [r, columns] of [...rowsChanged].sort((a, b) => a[0] - b[0])) {
      const liveRow = locate(r);
      if (liveRow < 0) {
        const key = this.def.rowKey !== undefined ? String(this.dirty.get(`${r},${this.columnOf.get(this.def.rowKey)}`)?.original ?? this.values[r]![this.columnOf.get(this.def.rowKey)!]!).trim() : '';
        const planned = columns.map((c) => `「${this.headerOf(c)}」→「${shown(this.values[r]![c])}」`).join('、');
        result.conflicts.push({
          sheet: this.sheet.getName(), row: r + 2, column: this.headerOf(columns[0]!),
          message: { key: 'table.rowGone', params: { row: key !== '' ? `id ${key}` : { key: 'table.rowAsRead' }, planned } },
        });
        for (const c of columns) { const p = this.dirty.get(`${r},${c}`)!; this.values[r]![c] = p.original; this.formulas[r]![c] = p.originalFormula; }
        continue;
      }
      for (const c of columns) {
        const pending = this.dirty.get(`${r},${c}`)!;
        const j = liveColumn[c]!;
        const now = live[liveRow]![j] ?? '';
        const ours = this.values[r]![c]!;
        const oursStored = typeof ours === 'string' && ours.startsWith("'") ? ours.slice(1) : ours;
        if (sameValue(now, oursStored)) continue; // already what we want: nothing to write
        if (pending.originalFormula === '' && !sameValue(now, pending.original)) {
          // A person typed here since we read it: their value stays, and we say what we did not write.
          result.conflicts.push({
            sheet: this.sheet.getName(), row: liveRow + 1, column: this.headerOf(c),
            message: { key: 'table.keptPersonsValue', params: { now: shown(now), ours: shown(oursStored) } },
          });
          this.values[r]![c] = now;
          continue;
        }
        writes.push({ row: liveRow + 1, column: j + 1, value: ours });
      }
    }
    this.dirty.clear();
    this.writeCells(writes);
    result.updated = writes.length;
    return writes;
  }

  /**
   * One setValues per run of consecutive rows in a column; cells sharing a value go in one RangeList.setValue when
   * that takes fewer calls than their runs (a stamp on scattered rows). Never a cell that does not change.
   */
  private writeCells(writes: readonly { row: number; column: number; value: CellValue }[]): void {
    if (writes.length === 0) return;
    const byValue = new Map<string, typeof writes[number][]>();
    for (const w of writes) byValue.set(valueKey(w.value), [...(byValue.get(valueKey(w.value)) ?? []), w]);
    const viaRunsCount = (cells: readonly typeof writes[number][]) => runsOf(cells).length;
    const rest: typeof writes[number][] = [];
    for (const group of byValue.values()) {
      if (group.length > 1 && viaRunsCount(group) > 1) {
        this.sheet.getRangeList(group.map((w) => a1(w.row, w.column))).setValue(group[0]!.value);
      } else for (const w of group) rest.push(w); // a loop: a spread of thousands of arguments can overflow the stack
    }
    // Column runs, or blocks of whole changed rows (a row's cells in one call, so a failure part-way never leaves a row
    // half-written, e.g. a meeting's event id without its fingerprint) — whichever takes fewer calls; blocks on a tie.
    const runs = runsOf(rest).map((run) => ({ row: run[0]!.row, column: run[0]!.column, values: run.map((w) => [w.value]) }));
    const blocks = blocksOf(rest);
    for (const b of blocks.length <= runs.length ? blocks : runs) {
      this.sheet.getRange(b.row, b.column, b.values.length, b.values[0]!.length).setValues(b.values);
    }
  }

  /** Moves rows found far below the data (strayRows) up to just below it: 2 calls, and only when there are any. */
  private moveStrays(lines: readonly CellValue[][], liveColumn: readonly number[]): boolean {
    const s = strayRows(lines, this.def.rowKey !== undefined ? liveColumn[this.columnOf.get(this.def.rowKey)!]! : -1);
    if (s) this.sheet.moveRows(this.sheet.getRange(s.from, 1, s.to - s.from + 1, 1), s.dataEnd + 1);
    return s !== null;
  }

  /**
   * Adds rows and gives them the last row's formats and dropdowns, so plain-text columns stay plain text: Google does
   * not document what insertRowsAfter inherits, so the last row's formatting is copied over them with
   * Range.copyFormatToRange, which repeats its source to fill the destination
   * (https://developers.google.com/apps-script/reference/spreadsheet/range#copyFormatToRange(Sheet,Integer,Integer,Integer,Integer)):
   * 3 calls, only when growing (was 7: the formats and rules read, then written).
   */
  private growTo(needed: number, width: number): void {
    // Grown in large steps (at least 1,000 rows, or as many as this write needs, up to 20,000 more), so the next
    // appends — a form-submit firing after a sync, the next import — find room and take no extra calls.
    const added = needed - this.maxRows + Math.min(20_000, Math.max(1_000, needed - this.maxRows));
    const template = this.sheet.getRange(this.maxRows, 1, 1, width);
    this.sheet.insertRowsAfter(this.maxRows, added);
    template.copyFormatToRange(this.sheet, 1, width, this.maxRows + 1, this.maxRows + added);
    this.maxRows += added;
  }
}

/**
 * Rectangles made only of changed cells: each row's adjacent changed columns, then consecutive rows whose spans are
 * the same columns merged.
 */
function blocksOf(cells: readonly { row: number; column: number; value: CellValue }[]): { row: number; column: number; values: CellValue[][] }[] {
  const sorted = [...cells].sort((a, b) => a.row - b.row || a.column - b.column);
  const spans: { row: number; column: number; values: CellValue[] }[] = [];
  for (const w of sorted) {
    const last = spans[spans.length - 1];
    if (last && last.row === w.row && last.column + last.values.length === w.column) last.values.push(w.value);
    else spans.push({ row: w.row, column: w.column, values: [w.value] });
  }
  const blocks: { row: number; column: number; values: CellValue[][] }[] = [];
  for (const span of spans) {
    const open = blocks.find((b) => b.column === span.column && b.values[0]!.length === span.values.length && b.row + b.values.length === span.row);
    if (open) open.values.push(span.values);
    else blocks.push({ row: span.row, column: span.column, values: [span.values] });
  }
  return blocks;
}

/** Consecutive rows of one column, in order. */
function runsOf<T extends { row: number; column: number }>(cells: readonly T[]): T[][] {
  const sorted = [...cells].sort((a, b) => a.column - b.column || a.row - b.row);
  const runs: T[][] = [];
  for (const w of sorted) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    if (run && last && last.column === w.column && last.row + 1 === w.row) run.push(w);
    else runs.push([w]);
  }
  return runs;
}

function a1(row: number, column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return `${s}${row}`;
}

/** Blank rows kept between the data and rows written at the grid's bottom; a run of STRAY_GAP blank rows ends the data. */
const SPARE_ROWS = 100;
const STRAY_GAP = 50;
/** Rows left below the written block, so a person deleting a row or two meanwhile leaves the range inside the grid. */
const BOTTOM_MARGIN = 5;

/**
 * Rows far below the data (after a run of STRAY_GAP blank rows): an append's block that did not get moved up (the run
 * stopped between the write and the move, or a person's insert or delete shifted part of it out of the moved range).
 * Rows 1-based; null when there are none.
 */
function strayRows(lines: readonly (readonly CellValue[])[], keyColumn: number): { from: number; to: number; dataEnd: number } | null {
  let last = 1;
  for (let r = 2; r <= lines.length; r++) {
    if (lines[r - 1]!.every((v) => v === '')) continue;
    if (r - last > STRAY_GAP) {
      // Rows the add-on appends carry their key (a sheet with one): a person's note or total far below is left alone.
      const rest = lines.slice(r - 1).filter((l) => !l.every((v) => v === ''));
      return keyColumn < 0 || rest.every((l) => String(l[keyColumn] ?? '').trim() !== '') ? { from: r, to: lines.length, dataEnd: last } : null;
    }
    last = r;
  }
  return null;
}
