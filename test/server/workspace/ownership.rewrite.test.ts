/**
 * Issue 18 (sync10): a sheet the add-on rewrites whole (受講記録, アンケート集計…) readied by readyForRewrite. One that
 * claimSheets has just made is empty: not cleared, not asked its size, given its rows in one call — so the first run
 * makes the same calls at 10 lines and at 3,000 (was: +1 insertRowsAfter past the new sheet's 1,000 rows). One that
 * exists is cleared and grown only where short, as before.
 */
import { withEmulator } from '../../support/globals';
import { claimSheets, madeNow, readyForRewrite } from '../../../src/server/workspace/ownership';
import type { Emulator } from '../../../emulator';

const isOurs = () => true;

function firstRewrite(emu: Emulator, rows: number, operation: string) {
  const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
  return emu.ledger.within(operation, () => {
    const [sheet] = claimSheets(ss, [{ name: '受講記録', isOurs }]);
    readyForRewrite(sheet!, rows, 9);
    sheet!.getRange(1, 1, rows, 9).setValues(Array.from({ length: rows }, (_, r) => Array.from({ length: 9 }, (__, c) => `${r},${c}`)));
    return sheet!;
  });
}

describe('readyForRewrite', () => {
  test('a sheet made now: no clear and no size asked, and the same calls at 10 and 3,000 rows', () => {
    const small = withEmulator();
    firstRewrite(small, 10, 'small');
    const large = withEmulator();
    firstRewrite(large, 3000, 'large');
    expect(large.ledger.byMethod('large')).toEqual(small.ledger.byMethod('small'));
    const calls = small.ledger.byMethod('small');
    expect(calls['SpreadsheetApp.Sheet.clear'] ?? 0).toBe(0);
    expect(calls['SpreadsheetApp.Sheet.getMaxRows'] ?? 0).toBe(0);
    expect(calls['SpreadsheetApp.Sheet.getMaxColumns'] ?? 0).toBe(0);
    expect(calls['SpreadsheetApp.Sheet.insertRowsAfter']).toBe(1);
    // Every row written landed (the grid holds them all), and nothing else is on the sheet.
    const sheet = large.active.sheets.find((s) => s.name === '受講記録')!;
    expect(sheet.getLastRow()).toBe(3000);
    expect(sheet.getRange(3000, 9).getValue()).toBe('2999,8');
  });

  test('an existing sheet is cleared and grown only where short; it is not "made now"', () => {
    const emu = withEmulator();
    firstRewrite(emu, 20, 'first');
    const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
    // A later execution: the sheet exists (marked), so it is claimed, not made.
    const [again] = claimSheets(ss, [{ name: '受講記録', isOurs }]);
    expect(madeNow(again!)).toBe(false);
    const sheet = emu.active.sheets.find((s) => s.name === '受講記録')!;
    const rows = sheet.maxRows;
    emu.ledger.within('again', () => readyForRewrite(again!, rows + 5));
    const calls = emu.ledger.byMethod('again');
    expect(calls['SpreadsheetApp.Sheet.clear']).toBe(1);
    expect(calls['SpreadsheetApp.Sheet.getMaxRows']).toBe(1);
    expect(calls['SpreadsheetApp.Sheet.insertRowsAfter']).toBe(1);
    expect(sheet.maxRows).toBe(rows + 5);
    expect(sheet.getLastRow()).toBe(0); // cleared
  });
});
