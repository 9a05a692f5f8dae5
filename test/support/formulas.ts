/** Every formula in every sheet of every spreadsheet, as "sheet!A1 =…" (raw model read: nothing counted). */
import type { Emulator } from '../../emulator';
import { columnLetter } from '../../emulator/spreadsheet';

export function formulaCells(emu: Emulator): string[] {
  const out: string[] = [];
  for (const ss of emu.spreadsheets.spreadsheets.values()) {
    for (const sheet of ss.sheets) {
      const range = sheet.getDataRange();
      range.getFormulas().forEach((row, r) => row.forEach((f, c) => { if (f) out.push(`${sheet.name}!${columnLetter(c + 1)}${r + 1} ${f}`); }));
    }
  }
  return out.sort();
}
