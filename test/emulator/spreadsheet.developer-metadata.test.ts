import { createEmulator } from '../../emulator';

describe('emulated developer metadata and hidden sheets', () => {
  test('sheet metadata follows the sheet through a rename, can be removed, and goes with the sheet; spreadsheet metadata stays', () => {
    const emu = createEmulator();
    const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
    const sheet = ss.insertSheet('出欠集計');
    sheet.addDeveloperMetadata('owner', 'attendance').addDeveloperMetadata('flag');
    ss.addDeveloperMetadata('templates', '{"a":1}');
    sheet.setName('集計（旧）');
    const found = ss.getSheetByName('集計（旧）')!.getDeveloperMetadata();
    expect(found.map((m) => [m.getKey(), m.getValue()])).toEqual([['owner', 'attendance'], ['flag', null]]);
    expect(new Set(found.map((m) => m.getId())).size).toBe(2);
    found[1]!.remove();
    expect(sheet.getDeveloperMetadata().map((m) => m.getKey())).toEqual(['owner']);
    // A new sheet of the same name does not inherit anything.
    ss.deleteSheet(sheet);
    expect(ss.insertSheet('出欠集計').getDeveloperMetadata()).toEqual([]);
    expect(ss.getDeveloperMetadata().map((m) => [m.getKey(), m.getValue()])).toEqual([['templates', '{"a":1}']]);
    // Counted in the call ledger like any other method.
    expect(emu.ledger.count({ method: 'Sheet.getDeveloperMetadata' })).toBeGreaterThan(0);
  });

  test('a spreadsheet\'s finder searches the spreadsheet\'s and every sheet\'s metadata by key and value; a match names its sheet', () => {
    const emu = createEmulator();
    const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
    const a = ss.insertSheet('企業相談');
    a.addDeveloperMetadata('role', 'consultations');
    ss.insertSheet('団体').addDeveloperMetadata('role', 'agencies');
    ss.addDeveloperMetadata('role', 'consultations');
    a.setName('相談（旧）');
    const found = ss.createDeveloperMetadataFinder().withKey('role').withValue('consultations').find();
    // The spreadsheet's own first (its location has no sheet), then the sheet's, which follows the rename.
    expect(found.map((m) => m.getLocation().getSheet()?.getName() ?? null)).toEqual([null, '相談（旧）']);
    expect(ss.createDeveloperMetadataFinder().withKey('role').find()).toHaveLength(3);
    expect(ss.createDeveloperMetadataFinder().withKey('role').withValue('events').find()).toEqual([]);
    // A deleted sheet's metadata is gone from the search too.
    ss.deleteSheet(ss.getSheetByName('相談（旧）')!);
    expect(ss.createDeveloperMetadataFinder().withValue('consultations').find()).toHaveLength(1);
    expect(emu.ledger.count({ method: 'DeveloperMetadataFinder.find' })).toBe(4);
  });

  test('hideSheet hides, but never the last visible sheet (Google refuses)', () => {
    const emu = createEmulator();
    const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
    const only = ss.getSheets()[0]!;
    expect(() => only.hideSheet()).toThrow("You can't hide all the sheets in a document.");
    const record = ss.insertSheet('取り込み記録');
    record.hideSheet();
    expect(record.isSheetHidden()).toBe(true);
    expect(only.isSheetHidden()).toBe(false);
    record.showSheet();
    expect(record.isSheetHidden()).toBe(false);
  });
});
