import { createEmulator } from '../../emulator';

describe('emulated SpreadsheetApp', () => {
  test('setValues rejects a shape that does not match the range, with Google wording', () => {
    const emu = createEmulator();
    const sheet = emu.globals.SpreadsheetApp.getActiveSpreadsheet().getActiveSheet();
    expect(() => sheet.getRange(1, 1, 2, 2).setValues([[1, 2]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() => sheet.getRange(1, 1, 1, 2).setValues([[1, 2, 3]])).toThrow('The number of columns in the data does not match the number of columns in the range. The data has 3 but the range has 2.');
  });

  test('strings are parsed as typed unless the cell is plain text or starts with an apostrophe', () => {
    const emu = createEmulator();
    const sheet = emu.globals.SpreadsheetApp.getActiveSpreadsheet().getActiveSheet();
    sheet.getRange('B1').setNumberFormat('@');
    sheet.getRange(1, 1, 1, 5).setValues([['0312345678', '0312345678', "'=1+1", '=SUM(A1)', '2024-04-01']]);
    const [a, b, c, d, e] = sheet.getRange(1, 1, 1, 5).getValues()[0]!;
    expect(a).toBe(312345678);
    expect(b).toBe('0312345678');
    expect(c).toBe('=1+1');
    expect(sheet.getRange('C1').getFormula()).toBe('');
    expect(sheet.getRange('D1').getFormula()).toBe('=SUM(A1)');
    expect(e).toBeInstanceOf(Date);
    expect(sheet.getRange('E1').getDisplayValue()).toBe('2024/04/01');
    expect((e as Date).toISOString()).toBe('2024-03-31T15:00:00.000Z');
  });

  test('inserting a sheet whose name exists fails as in Google; ranges outside the grid fail', () => {
    const emu = createEmulator();
    const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
    ss.insertSheet('団体');
    expect(() => ss.insertSheet('団体')).toThrow('A sheet with the name "団体" already exists. Please enter another name.');
    expect(() => ss.getSheetByName('団体')!.getRange(1001, 1)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
  });

  test('every call is counted by service and method; a fault fires at call k with Google wording', () => {
    const emu = createEmulator();
    emu.ledger.within('op', () => {
      const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
      ss.getActiveSheet().getRange(1, 1).setValue('x');
    });
    expect(emu.ledger.byMethod('op')).toEqual({
      'SpreadsheetApp.SpreadsheetApp.getActiveSpreadsheet': 1,
      'SpreadsheetApp.Spreadsheet.getActiveSheet': 1,
      'SpreadsheetApp.Sheet.getRange': 1,
      'SpreadsheetApp.Range.setValue': 1,
    });
    emu.runtime.failAt({ atCall: 2, message: 'Service unavailable: Spreadsheets' });
    const app = emu.globals.SpreadsheetApp;
    const ss = app.getActiveSpreadsheet();
    expect(() => ss.getActiveSheet()).toThrow('Service unavailable: Spreadsheets');
    expect(emu.runtime.faultPending).toBe(false);
  });
});
