/**
 * Sheet.moveRows and Range.copyFormatToRange as Google's reference describes them (issue 12: an append of several rows
 * is written at the grid's bottom and moved below the data, so a row a person types there meanwhile is shifted, not
 * written over; a grown sheet's new rows get the last row's formatting).
 */
import { createEmulator } from '../../emulator';

function sheetWith(rows: number) {
  const emu = createEmulator();
  const sheet = emu.globals.SpreadsheetApp.getActiveSpreadsheet().getActiveSheet();
  sheet.getRange(1, 1, rows, 1).setValues(Array.from({ length: rows }, (_, i) => [`r${i + 1}`]));
  const column = () => sheet.getRange(1, 1, rows, 1).getValues().map((r) => r[0]);
  return { emu, sheet, column };
}

describe('Sheet.moveRows', () => {
  test("Google's example: rows 1-2 moved to destination index 5 become rows 3-4", () => {
    const { sheet, column } = sheetWith(6);
    sheet.moveRows(sheet.getRange('A1:A2'), 5);
    expect(column()).toEqual(['r3', 'r4', 'r1', 'r2', 'r5', 'r6']);
  });

  test('moving rows up inserts them before the destination: what was there is shifted down, nothing overwritten', () => {
    const { sheet, column } = sheetWith(8);
    // r7-r8 (the "bottom") moved to index 3: the rows from r3 on move down by two.
    sheet.moveRows(sheet.getRange(7, 1, 2, 1), 3);
    expect(column()).toEqual(['r1', 'r2', 'r7', 'r8', 'r3', 'r4', 'r5', 'r6']);
    expect(sheet.getMaxRows()).toBe(1000);
  });

  test('the range selects whole rows: every column of them moves, with formats and notes', () => {
    const { sheet } = sheetWith(4);
    sheet.getRange('C4').setValue('c4');
    sheet.getRange('C4').setNote('note');
    sheet.getRange('D4').setNumberFormat('@');
    sheet.moveRows(sheet.getRange('A4'), 2);
    expect(sheet.getRange('A2:C2').getValues()[0]).toEqual(['r4', '', 'c4']);
    expect(sheet.getRange('C2').getNote()).toBe('note');
    expect(sheet.getRange('D2').getNumberFormat()).toBe('@');
    expect(sheet.getRange('A3').getValue()).toBe('r2');
  });

  test('moving rows down: the index counts rows before the move; moving onto itself changes nothing', () => {
    const { sheet, column } = sheetWith(5);
    sheet.moveRows(sheet.getRange('A2'), 5);
    expect(column()).toEqual(['r1', 'r3', 'r4', 'r2', 'r5']);
    sheet.moveRows(sheet.getRange('A2:A3'), 2);
    sheet.moveRows(sheet.getRange('A2:A3'), 4);
    expect(column()).toEqual(['r1', 'r3', 'r4', 'r2', 'r5']);
  });

  test('a destination outside the grid or inside the moved rows fails; each call is one recorded round trip', () => {
    const { emu, sheet } = sheetWith(5);
    expect(() => sheet.moveRows(sheet.getRange('A1:A3'), 1002)).toThrow('Those rows are out of bounds.');
    expect(() => sheet.moveRows(sheet.getRange('A1:A3'), 2)).toThrow();
    emu.ledger.reset();
    emu.ledger.within('move', () => sheet.moveRows(sheet.getRange('A1'), 3));
    expect(emu.ledger.records.map((r) => r.method)).toEqual(['Sheet.getRange', 'Sheet.moveRows']);
  });
});

describe('Range.copyFormatToRange', () => {
  test("the source's formats and validation are repeated over a larger destination; values are not copied", () => {
    const emu = createEmulator();
    const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
    const sheet = ss.getActiveSheet();
    const rule = emu.globals.SpreadsheetApp.newDataValidation().requireCheckbox().build();
    sheet.getRange('A2').setNumberFormat('@');
    sheet.getRange('B2').setDataValidation(rule);
    sheet.getRange('A2').setValue('keep');
    sheet.insertRowsAfter(1000, 10);
    sheet.getRange(2, 1, 1, 2).copyFormatToRange(sheet, 1, 2, 1001, 1010);
    expect(sheet.getRange(1001, 1, 10, 1).getNumberFormats().flat()).toEqual(new Array(10).fill('@'));
    expect(sheet.getRange(1010, 2).getDataValidation()).not.toBeNull();
    expect(sheet.getRange(1005, 1).getValue()).toBe('');
    sheet.getRange(1005, 1).setValue('0312345678');
    expect(sheet.getRange(1005, 1).getValue()).toBe('0312345678');
  });
});
