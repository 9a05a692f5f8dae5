/**
 * Rows put straight into the emulator's sheets, as another feature or a volunteer would (raw, not counted in the
 * call ledger).
 */
import type { Emulator } from '../../emulator';

export function rawSheet(emu: Emulator, name: string) {
  return emu.active.sheets.find((s) => s.name === name)!;
}

/** Appends records (keyed by header) below the last row, growing the grid when needed. */
export function appendRecords(emu: Emulator, name: string, records: Record<string, unknown>[]): void {
  const sh = rawSheet(emu, name);
  const header = sh.getRange(1, 1, 1, sh.getLastColumn()).getValues()[0]!.map(String);
  const first = sh.getLastRow() + 1;
  if (first + records.length - 1 > sh.maxRows) sh.maxRows = first + records.length;
  sh.getRange(first, 1, records.length, header.length).setValues(records.map((r) => header.map((h) => r[h] ?? '')));
}
