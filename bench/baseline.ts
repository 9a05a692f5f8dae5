/**
 * The naive baselines, run in the same process against the same emulator as the real operation:
 *
 * - Per-cell sheet I/O. While an operation runs, every batched Range read or write it makes (getValues, setValues,
 *   setNotes, setBackgrounds, setNumberFormats, …) is captured with its range and data (its extent, for writes). The baseline then does the
 *   same I/O the way per-row scripts do — `sheet.getRange(r, c).getValue()` / `.setValue(v)` (or setNote,
 *   setBackground, …) for every cell — through the counting proxy, and the operation's other calls are kept as they
 *   were. So a baseline reads and writes exactly what the operation did, one cell per round trip.
 * - Per-placeholder Docs filling for the pamphlet: for each agency, the template's agency table is copied and each
 *   of its placeholders filled with its own replaceText.
 */
import type { Emulator } from '../emulator';
import { Range, Sheet } from '../emulator/spreadsheet';

interface RangeIo {
  kind: 'read' | 'write';
  method: string;
  sheet: Sheet;
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
  /** Per-cell data written (for writes); a single value for setBackground / setFontWeight / setNumberFormat / setNote. */
  data?: unknown[][];
}

/**
 * Cell contents are what a per-row script reads and writes one cell at a time. Formats, dropdowns and header styling
 * are left as the operation made them (a naive script also sets those on a whole column in one call), so the
 * baseline is not inflated by them.
 */
const READS = ['getValues', 'getDisplayValues', 'getFormulas', 'getNotes', 'getBackgrounds'];
/** Batched write → the per-cell setter a naive script would call. */
const WRITES: Record<string, string> = { setValues: 'setValue', setFormulas: 'setFormula', setNotes: 'setNote', setBackgrounds: 'setBackground' };

let capture: RangeIo[] | null = null;
let depth = 0;
let lastTracked = '';
let installed = false;
const tracked = new WeakSet<object>();

/** Wraps Range's batch methods once so that calls made by the add-on (through the proxy) are captured. */
function install(emu: Emulator): void {
  const runtime = emu.runtime as unknown as { track(service: string, method: string, target?: string): void };
  if (tracked.has(runtime)) return;
  tracked.add(runtime);
  const track = runtime.track.bind(runtime);
  runtime.track = (service: string, method: string, target?: string) => {
    lastTracked = method;
    track(service, method, target);
  };
  if (installed) return;
  installed = true;
  const proto = Range.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  for (const name of [...READS, ...Object.keys(WRITES)]) {
    const original = proto[name]!;
    proto[name] = function (this: Range, ...args: unknown[]) {
      // Sheet.getSheetValues reads through a Range's getValues (emulator/spreadsheet.ts): the same read, per cell.
      const outer = depth === 0 && capture !== null && (lastTracked === `Range.${name}` || (name === 'getValues' && lastTracked === 'Sheet.getSheetValues'));
      if (outer) {
        lastTracked = '';
        const io: RangeIo = { kind: READS.includes(name) ? 'read' : 'write', method: name, sheet: this.sheet, row: this.row, column: this.column, numRows: this.numRows, numColumns: this.numColumns };
        if (io.kind === 'write') {
          const a = args[0];
          io.data = Array.isArray(a) && Array.isArray(a[0]) ? (a as unknown[][]).map((r) => [...r]) : Array.from({ length: this.numRows }, () => new Array(this.numColumns).fill(a));
        }
        capture!.push(io);
      }
      depth++;
      try {
        return original.apply(this, args);
      } finally {
        depth--;
      }
    };
  }
}

/** Runs `fn` (the real operation) and returns the batched range I/O it made. */
export function captureRangeIo<T>(emu: Emulator, fn: () => T): { result: T; io: RangeIo[] } {
  install(emu);
  capture = [];
  try {
    const result = fn();
    return { result, io: capture };
  } finally {
    capture = null;
  }
}

/** Cells up to which the per-cell baseline is replayed call by call; beyond, counted (2 calls a cell, below). */
export const REPLAY_CELLS = Number(process.env.BENCH_REPLAY_CELLS ?? 20_000);

/**
 * Replays the captured I/O one cell per round trip, counted under `operation`; returns how many calls that took and how
 * many batched calls it stands for (those are replaced, the operation's other calls stay as they were).
 *
 * Each cell costs a per-row script two calls: `sheet.getRange(r, c)` and the cell's getter or setter. Up to
 * REPLAY_CELLS cells the calls are made through the counting proxy and their count is checked against that (a replay
 * that counted otherwise stops the bench); beyond, at 10,000 responses (millions of calls, each a ledger record: the
 * run did not finish), they are counted without being made. The replay changes nothing (it writes what each cell
 * holds), so the operations measured after it see the same workbook either way.
 */
export function replayPerCell(emu: Emulator, io: readonly RangeIo[], operation: string): { perCellCalls: number; replacedCalls: number; replayed: boolean } {
  const cells = io.reduce((n, x) => n + x.numRows * x.numColumns, 0);
  if (cells > REPLAY_CELLS) return { perCellCalls: 2 * cells, replacedCalls: io.length, replayed: false };
  const before = emu.ledger.count({ operation });
  emu.ledger.within(operation, () => {
    for (const x of io) {
      const sheet = emu.runtime.expose(x.sheet) as unknown as GoogleAppsScript.Spreadsheet.Sheet;
      for (let r = 0; r < x.numRows; r++) {
        for (let c = 0; c < x.numColumns; c++) {
          const cell = sheet.getRange(x.row + r, x.column + c) as unknown as Record<string, (v?: unknown) => unknown>;
          if (x.kind === 'read') cell.getValue!();
          else {
            // The same call per cell, but writing what the cell holds now (read uncounted): replaying the operation's
            // data would undo what came after the write (rows written at the grid's bottom and moved under the data
            // would be written there again, and the next operation would find them as strays).
            const now = x.sheet.rangeAt(x.row + r, x.column + c, 1, 1);
            const formula = x.method === 'setFormulas' ? now.getFormulas()[0]![0]! : '';
            if (x.method === 'setFormulas' && formula === '') cell.setValue!(now.getValues()[0]![0]);
            else cell[WRITES[x.method]!]!(x.method === 'setFormulas' ? formula : x.method === 'setNotes' ? now.getNotes()[0]![0] : x.method === 'setBackgrounds' ? now.getBackgrounds()[0]![0] : now.getValues()[0]![0]);
          }
        }
      }
    }
  });
  const perCellCalls = emu.ledger.count({ operation }) - before;
  if (perCellCalls !== 2 * cells) throw new Error(`bench: the per-cell replay of ${operation} made ${perCellCalls} calls for ${cells} cells, not 2 a cell: the count beyond ${REPLAY_CELLS} cells would be wrong`);
  return { perCellCalls, replacedCalls: io.length, replayed: true };
}

/**
 * The pamphlet the per-placeholder way: a copy of the template, and for each agency a copy of the template's agency
 * table appended and each placeholder in it filled by its own replaceText. Returns the Docs/Drive calls it made.
 */
export function naivePamphlet(emu: Emulator, templateId: string, agencies: readonly Record<string, string>[], operation: string): number {
  const before = emu.ledger.count({ operation });
  emu.ledger.within(operation, () => {
    const g = emu.globals as unknown as { Drive: GoogleAppsScript.Drive; DocumentApp: GoogleAppsScript.Document.DocumentApp };
    const copy = g.Drive.Files.copy({ name: 'naive pamphlet' }, templateId, { fields: 'id' });
    const doc = g.DocumentApp.openById(copy.id!);
    const body = doc.getBody();
    let block: GoogleAppsScript.Document.Table | null = null;
    for (let i = 0; i < body.getNumChildren(); i++) {
      const child = body.getChild(i);
      if (String(child.getType()) === 'TABLE' && child.asTable().getText().includes('{{名称}}')) { block = child.asTable(); break; }
    }
    if (!block) throw new Error('naive pamphlet: no agency table with {{名称}} in the template');
    const placeholders = [...new Set(block.getText().match(/\{\{[^{}#/]+\}\}/g) ?? [])];
    for (const agency of agencies) {
      const table = body.appendTable(block.copy());
      for (const ph of placeholders) table.replaceText(ph.replace(/[{}()（）]/g, (c) => `\\${c}`), agency[ph.slice(2, -2)] ?? '');
    }
    doc.saveAndClose();
  });
  return emu.ledger.count({ operation }) - before;
}
