/**
 * Reading sheets the way the volunteer-edit tests compare them: rows as header → text, and a spy on which cells the
 * add-on wrote (to prove an unchanged cell is not written back).
 */
import { Range, RangeList, Sheet } from '../../emulator/spreadsheet';
import type { AddOn } from '../faults/operations';
import { OPERATIONS } from '../faults/operations';
import { headersOf, sheetNamed } from '../support/typing';

export const NOW = new Date('2026-02-02T09:00:00+09:00');

export function operation(name: string) {
  const op = OPERATIONS.find((o) => o.name === name);
  if (!op) throw new Error(`no operation ${name}`);
  return op;
}

function text(v: unknown): string {
  return v instanceof Date ? v.toISOString() : String(v ?? '');
}

/** Data rows (row 2 on) of a sheet as records header → text; blank rows are left out. */
export function records(emu: AddOn, sheetName: string): Record<string, string>[] {
  const sheet = sheetNamed(emu, sheetName);
  const headers = headersOf(sheet);
  const out: Record<string, string>[] = [];
  for (let r = 2; r <= sheet.getLastRow(); r++) {
    const rec: Record<string, string> = {};
    let any = false;
    headers.forEach((h, c) => {
      const cell = sheet.cell(r, c + 1);
      const t = cell?.formula ? cell.formula : text(cell?.value);
      if (t !== '') any = true;
      if (h !== '') rec[h] = t;
    });
    if (any) out.push(rec);
  }
  return out;
}

/** Every cell the emulator writes a value into while `fn` runs, as "sheet!row,column". */
export function cellsWritten<T>(fn: () => T): { result: T; cells: Set<string> } {
  const cells = new Set<string>();
  const original = Range.prototype.writeValues;
  Range.prototype.writeValues = function (this: Range, values: unknown[][]) {
    for (let r = 0; r < this.numRows; r++) for (let c = 0; c < this.numColumns; c++) cells.add(`${this.sheet.name}!${this.row + r},${this.column + c}`);
    return original.call(this, values);
  };
  try {
    return { result: fn(), cells };
  } finally {
    Range.prototype.writeValues = original;
  }
}

export { RangeList, Sheet };

import type { CallRecord } from '../../emulator/runtime';

const WRITE = /\.(set[A-Z]\w*|clear\w*|insert\w*|delete\w*|appendRow|sort)$/;

/**
 * The one window no Apps Script API closes: between the re-read that locates rows (a later Range.getValues) and
 * the write calls that follow it, a person's sort, insert or delete still shifts rows (a row typed below the data is
 * safe there too: appends insert below it). Returns the call boundaries (k = just before call k, 1-based) inside such windows on one
 * sheet: the tests check them for a clean outcome and count them, but cannot demand the edit survive there.
 */
export function raceWindow(calls: readonly CallRecord[], sheetId: number): Set<number> {
  const target = `sheet:${sheetId}`;
  const out = new Set<number>();
  // A re-read is a second (or later) getValues of the sheet — the first is the operation's own read, long before its
  // writes — or a getLastRow asked just before appending. Code that writes without one gets no window at all.
  // The window opens at the first re-read after the last write (a later marker in the same group does not narrow it).
  let lastRead = -1;
  let reads = 0;
  let wrote = true;
  calls.forEach((c, j) => {
    if (c.target !== target) return;
    const marker = ((c.method === 'Range.getValues' || c.method === 'Sheet.getSheetValues') && ++reads > 1) || c.method === 'Sheet.getLastRow';
    if (marker && wrote) { lastRead = j; wrote = false; }
    else if (WRITE.test(c.method) && lastRead >= 0) { for (let k = lastRead + 2; k <= j + 1; k++) out.add(k); wrote = true; }
  });
  return out;
}

/** Runs the operation once on a fresh setup and returns the calls it made. */
export function callsOf(op: ReturnType<typeof operation>, fresh: () => AddOn): CallRecord[] {
  const emu = fresh();
  op.setup(emu);
  const start = emu.ledger.records.length;
  op.run(emu);
  return emu.ledger.records.slice(start);
}
