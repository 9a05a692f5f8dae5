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
    const [a, b, c, , e] = sheet.getRange(1, 1, 1, 5).getValues()[0]!;
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

  test('a fault `times` long fails that many calls in a row from call k, then none', () => {
    const emu = createEmulator();
    const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
    emu.runtime.failAt({ atCall: 2, times: 2, message: 'Exceeded maximum execution time' });
    expect(() => ss.getActiveSheet()).not.toThrow();
    expect(() => ss.getActiveSheet()).toThrow('Exceeded maximum execution time');
    expect(emu.runtime.faultPending).toBe(true);
    expect(() => ss.getActiveSheet()).toThrow('Exceeded maximum execution time');
    expect(emu.runtime.faultPending).toBe(false);
    expect(() => ss.getActiveSheet()).not.toThrow();
  });
});

describe('setValues parses strings as Sheets does when a person types them', () => {
  // Range.setValues' own example (https://developers.google.com/apps-script/reference/spreadsheet/range#setValues(Object))
  // and the rule "the same rules that are applied when entering text into a cell via the Google Sheets UI"
  // (https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption).
  test("Google's example: '2.000', '1,000,000', '$2.99' become numbers, with the format Sheets picks", () => {
    const emu = createEmulator({ now: new Date('2026-05-10T03:00:00Z') });
    const sheet = emu.globals.SpreadsheetApp.getActiveSpreadsheet()!.getSheets()[0]!;
    const range = sheet.getRange('B2:D2');
    range.setValues([['2.000', '1,000,000', '$2.99']]);
    expect(range.getValues()).toEqual([[2, 1000000, 2.99]]);
    expect(range.getNumberFormats()[0]!.slice(1)).toEqual(['#,##0', '"$"#,##0.00']);
    expect(range.getDisplayValues()[0]![1]).toBe('1,000,000');
  });

  test('percentages, yen amounts, times and dates in the ja_JP locale', () => {
    const emu = createEmulator({ now: new Date('2026-05-10T03:00:00Z') });
    const sheet = emu.globals.SpreadsheetApp.getActiveSpreadsheet()!.getSheets()[0]!;
    const r = sheet.getRange('A1:G1');
    r.setValues([['50%', '¥1,200', '13:30', '2025/4/1', '2025年4月1日', '4/1', '1,2,3']]);
    const [pct, yen, time, d1, d2, md, list] = r.getValues()[0]!;
    expect(pct).toBe(0.5);
    expect(r.getNumberFormats()[0]![0]).toBe('0%');
    expect(r.getDisplayValues()[0]![0]).toBe('50%');
    expect(yen).toBe(1200);
    // A time is a Date on Sheets' day zero, 1899-12-30, in the spreadsheet's zone.
    expect(emu.globals.Utilities.formatDate(time as Date, 'Asia/Tokyo', 'yyyy-MM-dd HH:mm')).toBe('1899-12-30 13:30');
    expect(emu.globals.Utilities.formatDate(d1 as Date, 'Asia/Tokyo', 'yyyy-MM-dd HH:mm')).toBe('2025-04-01 00:00');
    expect((d2 as Date).getTime()).toBe((d1 as Date).getTime());
    // m/d without a year is this year's date, as the emulated clock says.
    expect(emu.globals.Utilities.formatDate(md as Date, 'Asia/Tokyo', 'yyyy-MM-dd')).toBe('2026-04-01');
    expect(list).toBe('1,2,3');
  });

  test('a plain-text (@) cell and a leading apostrophe keep the text; a format set beforehand is kept', () => {
    const emu = createEmulator();
    const sheet = emu.globals.SpreadsheetApp.getActiveSpreadsheet()!.getSheets()[0]!;
    const text = sheet.getRange('A1:C1');
    text.setNumberFormat('@');
    text.setValues([['1,000', '50%', '13:30']]);
    expect(text.getValues()).toEqual([['1,000', '50%', '13:30']]);
    const quoted = sheet.getRange('A2:B2');
    quoted.setValues([["'1,000", "'2025/4/1"]]);
    expect(quoted.getValues()).toEqual([['1,000', '2025/4/1']]);
    const fixed = sheet.getRange('A3');
    fixed.setNumberFormat('0.0');
    fixed.setValue('12%');
    expect(fixed.getValue()).toBe(0.12);
    expect(fixed.getNumberFormats()).toEqual([['0.0']]);
  });
});
