/**
 * Issue 18 (setup10): 初期設定 gives the sheets that a large network's imports fill their rows up front (SheetDef.rows:
 * 団体 2,000; the hidden 取り込み記録 25,000, cut to its 3 columns), formatted to the last row, so importing 1,000
 * agencies or recording 10,000 responses grows nothing; an older, smaller workbook is brought to size once by the
 * re-run (its data kept, its last row's formats copied down), and later re-runs ask no sheet its size.
 */
import { withEmulator, syntheticAgenciesCsv, toBase64 } from '../../../support/globals';
import { setUpWorkbook } from '../../../../src/server/workspace/features/setup';
import { importCsv } from '../../../../src/server/workspace/features/csvImport';
import { IMPORT_RECORD, openImportRecord, recordImports } from '../../../../src/server/workspace/features/importRecord';
import { AGENCIES, WORKBOOK } from '../../../../src/server/domain/schema';
import type { Emulator } from '../../../../emulator';

const column = (key: string) => AGENCIES.columns.findIndex((c) => c.key === key) + 1;

function workbook(emu: Emulator) {
  const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
  setUpWorkbook(ss, 'ja');
  return ss;
}

describe('setup10: pre-sized sheets', () => {
  test('a new workbook: 団体 has 2,000 rows formatted to the last, 取り込み記録 25,000 rows of 3 columns; later headers styled as the first', () => {
    const emu = withEmulator();
    workbook(emu);
    const sheet = (name: string) => emu.active.sheets.find((s) => s.name === name)!;
    expect(sheet('団体').maxRows).toBe(2_000);
    expect(sheet('団体').cell(2_000, column('phone'))?.numberFormat).toBe('@');
    expect(sheet('団体').cell(2_000, column('kind'))?.validation?.criteria).toBe('VALUE_IN_LIST');
    expect([sheet('取り込み記録').maxRows, sheet('取り込み記録').maxColumns]).toEqual([25_000, IMPORT_RECORD.columns.length]);
    // Sheets not pre-sized keep the default grid.
    expect(sheet('行事').maxRows).toBe(1_000);
    // Every sheet's header is bold on the header green (the first styled by setters, the others by a copy of it).
    for (const def of WORKBOOK) {
      const s = sheet(def.name);
      for (let c = 1; c <= def.columns.length; c++) expect([def.name, c, s.cell(1, c)?.fontWeight, s.cell(1, c)?.background]).toEqual([def.name, c, 'bold', '#d9ead3']);
      expect(s.cell(2, 1)?.fontWeight).toBeUndefined();
    }
  });

  test('importing 1,000 agencies and recording 10,000 responses after it grow no sheet', () => {
    const emu = withEmulator();
    const ss = workbook(emu);
    emu.ledger.reset();
    const result = emu.ledger.within('import', () => importCsv(ss, toBase64(syntheticAgenciesCsv(1_000)), 'ja'));
    expect(result.appended).toBe(1_000);
    expect(emu.ledger.byMethod('import')['SpreadsheetApp.Sheet.insertRowsAfter'] ?? 0).toBe(0);
    emu.ledger.within('record', () => {
      const record = openImportRecord(ss, 'Asia/Tokyo');
      recordImports(record, Array.from({ length: 10_000 }, (_, i) => ({ responseKey: `R-${i}`, eventId: 'EV-1', fingerprint: `f${i}` })));
      record.table.flush();
    });
    expect(emu.ledger.byMethod('record')['SpreadsheetApp.Sheet.insertRowsAfter'] ?? 0).toBe(0);
    expect(ss.getSheetByName('取り込み記録')!.getLastRow()).toBe(10_001);
  });

  test('an older workbook (default grids, the older mark): the re-run brings 団体 and 取り込み記録 to size once, data and formats kept', () => {
    const emu = withEmulator();
    const ss = workbook(emu);
    const agencies = emu.active.sheets.find((s) => s.name === '団体')!;
    const imports = emu.active.sheets.find((s) => s.name === '取り込み記録')!;
    // As 初期設定 left them before setup10: 1,000 rows, the spreadsheet marked "every sheet marked" only.
    agencies.deleteRows(1_001, 1_000);
    imports.deleteRows(1_001, 24_000);
    for (const m of ss.getDeveloperMetadata()) m.remove();
    ss.addDeveloperMetadata('shuro-network.sheets-marked', '1');
    agencies.getRange(2, column('name'), 1, 1).setValue('ワークサポートあおば');
    agencies.getRange(1_000, column('name'), 1, 1).setValue('最後の行の団体');

    emu.ledger.reset();
    const report = emu.ledger.within('rerun', () => setUpWorkbook(ss, 'ja'));
    expect(report).toMatchObject({ createdSheets: [], addedColumns: [], renamed: [] });
    expect([agencies.maxRows, imports.maxRows]).toEqual([2_000, 25_000]);
    expect(agencies.getRange(2, column('name'), 1, 1).getValue()).toBe('ワークサポートあおば');
    expect(agencies.getRange(1_000, column('name'), 1, 1).getValue()).toBe('最後の行の団体');
    // The new rows have the data rows' formats and dropdowns (the last row's, copied), not the header's.
    expect(agencies.cell(2_000, column('phone'))?.numberFormat).toBe('@');
    expect(agencies.cell(1_500, column('kind'))?.validation?.criteria).toBe('VALUE_IN_LIST');
    expect(agencies.cell(2_000, column('name'))?.fontWeight).toBeUndefined();
    expect(agencies.getLastRow()).toBe(1_000);
    const calls = emu.ledger.byMethod('rerun');
    // Two sheets grown (getMaxRows, insertRowsAfter), 団体's new rows formatted as its last (copyFormatToRange; 取り込み記録
    // has no formats); 取り込み記録's header checked (getLastColumn); one mark written.
    expect([calls['SpreadsheetApp.Sheet.getMaxRows'], calls['SpreadsheetApp.Sheet.insertRowsAfter'], calls['SpreadsheetApp.Range.copyFormatToRange']]).toEqual([2, 2, 1]);
    expect(ss.getDeveloperMetadata().map((m) => m.getKey())).toEqual(['shuro-network.sheets-marked', 'shuro-network.sheets-ready']);

    // Later re-runs ask no sheet its size (a person may delete rows since: an append grows the sheet then, tables.ts).
    emu.ledger.reset();
    emu.ledger.within('again', () => setUpWorkbook(ss, 'ja'));
    expect(emu.ledger.byMethod('again')['SpreadsheetApp.Sheet.getMaxRows'] ?? 0).toBe(0);
    expect(Object.keys(emu.ledger.byMethod('again')).filter((m) => /\.(set|add|insert|append|protect|copy)/.test(m))).toEqual([]);
  });
});
