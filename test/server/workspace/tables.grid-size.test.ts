/**
 * Issue 18 (rows18): a Table asks the grid size (Sheet.getMaxRows) only where it uses it — a flush that appends. Not at
 * open, not for a flush that only updates cells; once per appending flush on a sheet people edit (their inserts and
 * deletes change the grid), once per Table on a sheet only the add-on writes (editedByPeople false, under the lock).
 */
import { withEmulator } from '../../support/globals';
import { setUpWorkbook } from '../../../src/server/workspace/features/setup';
import { openImportRecord } from '../../../src/server/workspace/features/importRecord';
import { Table } from '../../../src/server/workspace/tables';
import { LEDGER } from '../../../src/server/domain/schema';
import type { Emulator } from '../../../emulator';

const row = (i: number) => ({ responseId: `R-${i}`, eventId: 'EV-1', name: `参加者 ${i}`, email: `0${i}@example.jp`, status: '申込' });

function workbook(emu: Emulator) {
  const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
  setUpWorkbook(ss, 'ja');
  return ss;
}

const maxRowsAsked = (emu: Emulator, operation: string) => emu.ledger.byMethod(operation)['SpreadsheetApp.Sheet.getMaxRows'] ?? 0;

describe('Table: the grid size asked only by a flush that appends', () => {
  test('a sheet people edit: none at open or for an update; once per appending flush, and a grid a person shrank meanwhile is seen', () => {
    const emu = withEmulator();
    const ss = workbook(emu);
    const seed = Table.open(ss, LEDGER);
    for (let i = 1; i <= 3; i++) seed.append(row(i));
    seed.flush();
    emu.ledger.reset();

    const table = emu.ledger.within('open', () => Table.open(ss, LEDGER));
    expect(maxRowsAsked(emu, 'open')).toBe(0);
    table.set(2, 'status', '取消');
    emu.ledger.within('update', () => table.flush());
    expect(maxRowsAsked(emu, 'update')).toBe(0);

    table.append(row(4));
    emu.ledger.within('one', () => table.flush());
    expect(maxRowsAsked(emu, 'one')).toBe(1);

    // A person deletes the blank rows below the data (the grid shrinks to 60 rows): the next appending flush asks again
    // and grows the grid before writing at its bottom (a size kept from before would write outside the grid).
    const sheet = ss.getSheetByName('参加者台帳')!;
    sheet.deleteRows(61, sheet.getMaxRows() - 60);
    for (let i = 5; i <= 7; i++) table.append(row(i));
    const result = emu.ledger.within('several', () => table.flush());
    expect(maxRowsAsked(emu, 'several')).toBe(1);
    expect(emu.ledger.byMethod('several')['SpreadsheetApp.Sheet.insertRowsAfter']).toBe(1);
    expect(result).toMatchObject({ appended: 3, firstAppendedRow: 6 });
    const id = LEDGER.columns.findIndex((c) => c.key === 'responseId') + 1;
    expect(sheet.getRange(2, id, 7, 1).getValues().map((r) => r[0])).toEqual(['R-1', 'R-2', 'R-3', 'R-4', 'R-5', 'R-6', 'R-7']);
  });

  test('a sheet only the add-on writes (取り込み記録): asked once per Table, by its first append, whatever the number of flushes', () => {
    const emu = withEmulator();
    const ss = workbook(emu);
    emu.ledger.reset();
    const record = emu.ledger.within('own', () => {
      const r = openImportRecord(ss, 'Asia/Tokyo');
      r.table.append({ responseId: 'R-1', eventId: 'EV-1', fingerprint: 'a' });
      r.table.flush();
      r.table.append({ responseId: 'R-2', eventId: 'EV-1', fingerprint: 'b' });
      r.table.append({ responseId: 'R-3', eventId: 'EV-1', fingerprint: 'c' });
      r.table.flush();
      return r;
    });
    expect(maxRowsAsked(emu, 'own')).toBe(1);
    expect(record.table.rows().map((r) => r.text('responseId'))).toEqual(['R-1', 'R-2', 'R-3']);
    const sheet = ss.getSheetByName('取り込み記録')!;
    expect(sheet.getRange(2, 1, 3, 1).getValues().map((r) => r[0])).toEqual(['R-1', 'R-2', 'R-3']);
  });
});
