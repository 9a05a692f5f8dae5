/**
 * Table appends of several rows (issue 12): written at the grid's bottom and moved below the data with Sheet.moveRows
 * — the same 4 calls as one setValues, a row a person types meanwhile shifted, not written over — and the sheet grown
 * in one planned step (insertRowsAfter and one copyFormatToRange of the last row's formatting) when there is no room.
 * Rows left at the bottom by a run stopped between the write and the move are moved up by the next write.
 */
import { withEmulator } from '../../support/globals';
import { setUpWorkbook } from '../../../src/server/workspace/features/setup';
import { Table } from '../../../src/server/workspace/tables';
import { LEDGER } from '../../../src/server/domain/schema';
import type { Emulator } from '../../../emulator';

function ledgerOf(emu: Emulator) {
  const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
  setUpWorkbook(ss, 'ja');
  return { ss, sheet: emu.active.sheets.find((s) => s.name === '参加者台帳')! };
}

const row = (i: number) => ({ responseId: `R-${i}`, eventId: 'EV-1', name: `参加者 ${i}`, email: `0${i}@example.jp`, status: '申込' });

function append(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, from: number, count: number) {
  const table = Table.open(ss, LEDGER);
  for (let i = from; i < from + count; i++) table.append(row(i));
  return table.flush();
}

const ids = (emu: Emulator) => {
  const sheet = emu.active.sheets.find((s) => s.name === '参加者台帳')!;
  return sheet.getRange(2, 1, Math.max(1, sheet.getLastRow() - 1), 1).getValues().map((r) => r[0]);
};

describe('Table: several rows appended', () => {
  test('written at the bottom and moved below the data: 4 calls, as many rows as asked, in order, text stays text', () => {
    const emu = withEmulator();
    const { ss } = ledgerOf(emu);
    append(ss, 1, 3);
    emu.ledger.reset();
    const result = emu.ledger.within('append', () => append(ss, 4, 5));
    expect(result).toMatchObject({ appended: 5, firstAppendedRow: 5 });
    expect(ids(emu)).toEqual(['R-1', 'R-2', 'R-3', 'R-4', 'R-5', 'R-6', 'R-7', 'R-8']);
    const methods = emu.ledger.records.map((r) => r.method);
    const write = methods.lastIndexOf('Sheet.getMaxRows');
    expect(methods.slice(write, write + 4)).toEqual(['Sheet.getMaxRows', 'Sheet.getRange', 'Range.setValues', 'Sheet.moveRows']);
    const email = LEDGER.columns.findIndex((c) => c.key === 'email') + 1;
    expect(ss.getSheetByName('参加者台帳')!.getRange(9, email).getValue()).toBe('08@example.jp');
  });

  test('a row typed below the data just before the move is shifted down, not written over', () => {
    const emu = withEmulator();
    const { ss } = ledgerOf(emu);
    append(ss, 1, 2);
    const start = emu.ledger.records.length;
    // Find the moveRows call of a dry run, then type just before it.
    const probe = withEmulator();
    const p = ledgerOf(probe);
    append(p.ss, 1, 2);
    probe.ledger.reset();
    append(p.ss, 3, 4);
    const k = probe.ledger.records.findIndex((r) => r.method === 'Sheet.moveRows') + 1;
    expect(k).toBeGreaterThan(0);
    expect(start).toBeGreaterThan(0);
    emu.runtime.interleaveAt({ atCall: k, run: () => { emu.volunteer.typeRow('参加者台帳', { 氏名: '手入力 花子', 経路: '手入力' }); } });
    append(ss, 3, 4);
    const name = LEDGER.columns.findIndex((c) => c.key === 'name') + 1;
    const sheet = emu.active.sheets.find((s) => s.name === '参加者台帳')!;
    const names = sheet.getRange(2, name, sheet.getLastRow() - 1, 1).getValues().map((r) => r[0]);
    expect(names).toEqual(['参加者 1', '参加者 2', '参加者 3', '参加者 4', '参加者 5', '参加者 6', '手入力 花子']);
  });

  test('a sheet without room grows in one step of 3 calls, its new rows formatted like the last one', () => {
    const emu = withEmulator();
    const { ss, sheet } = ledgerOf(emu);
    append(ss, 1, 850);
    expect(sheet.maxRows).toBe(1000);
    emu.ledger.reset();
    emu.ledger.within('grow', () => append(ss, 851, 100));
    const methods = emu.ledger.records.map((r) => r.method);
    expect(methods.filter((m) => /insertRows|copyFormatToRange|getNumberFormats|setNumberFormats|getDataValidations|setDataValidations/.test(m))).toEqual(['Sheet.insertRowsAfter', 'Range.copyFormatToRange']);
    expect(sheet.maxRows).toBeGreaterThan(2000);
    expect(ids(emu)).toHaveLength(950);
    const email = LEDGER.columns.findIndex((c) => c.key === 'email') + 1;
    const attended = LEDGER.columns.findIndex((c) => c.key === 'attended') + 1;
    expect(sheet.getRange(sheet.maxRows, email).getNumberFormat()).toBe('@');
    expect(sheet.getRange(sheet.maxRows, attended).getDataValidation()).not.toBeNull();
    expect(sheet.getRange(951, email).getValue()).toBe('0950@example.jp');
  });

  test('rows left at the bottom by a run stopped between the write and the move are moved up by the next write', () => {
    const three = (ss: GoogleAppsScript.Spreadsheet.Spreadsheet) => append(ss, 3, 3);
    const probe = withEmulator();
    const p = ledgerOf(probe);
    append(p.ss, 1, 2);
    probe.ledger.reset();
    three(p.ss);
    const k = probe.ledger.records.findIndex((r) => r.method === 'Sheet.moveRows') + 1;
    const emu = withEmulator();
    const { ss, sheet } = ledgerOf(emu);
    append(ss, 1, 2);
    emu.runtime.failAt({ atCall: k, message: 'Service Spreadsheets failed while accessing document.' });
    expect(() => three(ss)).toThrow('Service Spreadsheets failed');
    expect(sheet.getLastRow()).toBeGreaterThan(900);
    // The next write (here: one more row) moves them up first; nothing is lost or doubled.
    append(ss, 6, 1);
    expect(ids(emu)).toEqual(['R-1', 'R-2', 'R-3', 'R-4', 'R-5', 'R-6']);
    expect(sheet.getLastRow()).toBe(7);
  });

  test('a person\'s note far below the data (no 回答id) is left where it is, and new rows go below it', () => {
    const emu = withEmulator();
    const { ss, sheet } = ledgerOf(emu);
    append(ss, 1, 2);
    emu.volunteer.editCell('参加者台帳', 500, '備考', '合計はここ');
    append(ss, 3, 2);
    expect(sheet.getRange(500, LEDGER.columns.findIndex((c) => c.key === 'remarks') + 1).getValue()).toBe('合計はここ');
    // It is the sheet's last row with content, so new rows go below it, as they always did.
    expect(ids(emu).filter((id) => id !== '')).toEqual(['R-1', 'R-2', 'R-3', 'R-4']);
    expect(sheet.getRange(501, 1, 2, 1).getValues().flat()).toEqual(['R-3', 'R-4']);
  });
});
