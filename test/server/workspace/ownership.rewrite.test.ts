/**
 * Issue 18 (sync10): a sheet the add-on rewrites whole (受講記録, アンケート集計…) readied by readyForRewrite. One that
 * claimSheets has just made is empty: not cleared (1 call fewer). Its grid is asked and grown only where short, as an
 * existing one's, so a re-run after a fault leaves the same grid as a clean run.
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
  test('a sheet made now: not cleared (it is empty); its size asked, and grown only when short, like an existing one', () => {
    const small = withEmulator();
    firstRewrite(small, 10, 'small');
    const calls = small.ledger.byMethod('small');
    expect(calls['SpreadsheetApp.Sheet.clear'] ?? 0).toBe(0);
    expect(calls['SpreadsheetApp.Sheet.getMaxRows']).toBe(1);
    expect(calls['SpreadsheetApp.Sheet.insertRowsAfter'] ?? 0).toBe(0);
    const large = withEmulator();
    firstRewrite(large, 3000, 'large');
    // The one call more: the new sheet's grid is grown to the rows written (the same grid a re-run after a fault makes).
    expect(large.ledger.byMethod('large')).toEqual({ ...calls, 'SpreadsheetApp.Sheet.insertRowsAfter': 1 });
    const sheet = large.active.sheets.find((s) => s.name === '受講記録')!;
    expect(sheet.maxRows).toBe(3000);
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
