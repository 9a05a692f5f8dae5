import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { withEmulator, encodeShiftJis, toBase64, syntheticAgenciesCsv } from '../../../support/globals';
import { setUpWorkbook } from '../../../../src/server/workspace/features/setup';
import { checkRegistryInSheet, NOTE_TAG, PROBLEM_BACKGROUND } from '../../../../src/server/workspace/features/registry';
import { importCsv, previewCsv } from '../../../../src/server/workspace/features/csvImport';
import { AGENCIES, WORKBOOK } from '../../../../src/server/domain/schema';
import { DEFAULT_SETTINGS } from '../../../../src/server/domain/settings';
import { DEFAULT_SURVEY_QUESTIONS } from '../../../../src/server/domain/survey-questions';
import { logOperation } from '../../../../src/server/workspace/log';
import type { Emulator } from '../../../../emulator';

const fixture = readFileSync(path.join(__dirname, '..', '..', '..', 'fixtures', 'agencies.csv'), 'utf8');

function sheetState(emu: Emulator) {
  return emu.active.sheets.map((s) => ({
    name: s.name, frozen: s.frozenRows, maxColumns: s.maxColumns, protections: s.protections.length,
    values: s.rows.map((r) => r.map((c) => (c ? { v: c.value instanceof Date ? c.value.toISOString() : c.value, f: c.numberFormat, n: c.note, b: c.background } : null))),
  }));
}

describe('setup', () => {
  test('creates every sheet with Japanese headers, frozen and protected header rows, dropdowns and text formats', () => {
    const emu = withEmulator();
    const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
    const report = setUpWorkbook(ss, 'ja');
    expect(report.createdSheets).toEqual(WORKBOOK.map((d) => d.name));
    const agencies = emu.active.sheets.find((s) => s.name === '団体')!;
    expect(agencies.getRange(1, 1, 1, AGENCIES.columns.length).getValues()[0]).toEqual(AGENCIES.columns.map((c) => c.header));
    expect(agencies.frozenRows).toBe(1);
    expect(agencies.protections.map((p) => [p.description, p.warningOnly, p.range?.getA1Notation()])).toEqual([['jsn-header', true, 'A1:AA1']]);
    const phoneColumn = AGENCIES.columns.findIndex((c) => c.key === 'phone') + 1;
    expect(agencies.cell(500, phoneColumn)?.numberFormat).toBe('@');
    const kindColumn = AGENCIES.columns.findIndex((c) => c.key === 'kind') + 1;
    expect(agencies.cell(2, kindColumn)?.validation?.criteria).toBe('VALUE_IN_LIST');
    const attended = emu.active.sheets.find((s) => s.name === '参加者台帳')!;
    expect(attended.cell(2, 11)?.validation?.criteria).toBe('CHECKBOX');
    // A sheet made after the first (whose grid size the others reuse) is formatted down to its last row, not past it.
    expect(attended.cell(attended.maxRows, 11)?.validation?.criteria).toBe('CHECKBOX');
    expect(attended.cell(attended.maxRows, 1)?.numberFormat).toBe('@');
  });

  test('is idempotent: a second run changes nothing', () => {
    const emu = withEmulator();
    const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
    setUpWorkbook(ss, 'ja');
    const before = JSON.stringify(sheetState(emu));
    const second = setUpWorkbook(ss, 'ja');
    expect(second).toEqual({ createdSheets: [], addedColumns: [], changed: false, renamed: [], recoveredSettings: [] });
    expect(JSON.stringify(sheetState(emu))).toBe(before);
  });

  test('issue 18: a new sheet gets its default rows in its header\'s setValues (no read or write after); the rules allow invalid input with a warning', () => {
    const emu = withEmulator();
    const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
    emu.ledger.reset();
    setUpWorkbook(ss, 'ja');
    const methods = emu.ledger.byMethod();
    // No Table read or flush of 設定, アンケート設問 or メール文面 after their making: nothing is read back at all.
    expect(methods['SpreadsheetApp.Sheet.getDataRange'] ?? 0).toBe(0);
    expect(methods['SpreadsheetApp.DataValidationBuilder.setAllowInvalid'] ?? 0).toBe(0);
    // One setValues per sheet made (9) and one for the hidden 取り込み記録's header.
    expect(methods['SpreadsheetApp.Range.setValues']).toBe(WORKBOOK.length + 1);
    // Before issue 18: 253 calls on this fresh workbook (setAllowInvalid ×12 and a read-and-write of three sheets);
    // 197 after it, 201 once 団体 has issue 16's and 17's columns (27: one grid column more, and 紹介受付's dropdown);
    // 220 with issue 17's 関係機関 sheet (19: a sheet made, its 種別 dropdown rule built, its 招待する checkboxes).
    // 202 (setup18): one DataValidationBuilder for the run (15 rules: 45 → 31 calls), 取り込み記録 made from the sheet
    // list already read (no getSheetByName ×2, getSheets, isSheetHidden), the empty default sheet's name asked once
    // (−1), and the spreadsheet's "every sheet marked" mark written once (+1); 184: the new sheets' grid asked of the
    // first one made only (getMaxRows and getMaxColumns once, not once per sheet: −18). 178 (setup10): the sheets made
    // after the first copy its styled header (copyFormatToRange) instead of setFontWeight and setBackground (−9); 団体
    // pre-sized (insertRowsAfter, +1); 取り込み記録 pre-sized and cut to its 3 columns (insertRowsAfter, deleteColumns, +2).
    expect(methods['SpreadsheetApp.SpreadsheetApp.newDataValidation']).toBe(1);
    expect(methods['SpreadsheetApp.Sheet.getMaxRows']).toBe(1);
    expect(methods['SpreadsheetApp.Sheet.getMaxColumns']).toBe(1);
    expect(methods['SpreadsheetApp.Spreadsheet.getSheetByName'] ?? 0).toBe(0);
    expect(methods['SpreadsheetApp.Range.setFontWeight']).toBe(1);
    expect(methods['SpreadsheetApp.Range.setBackground']).toBe(1);
    expect(methods['SpreadsheetApp.Range.copyFormatToRange']).toBe(WORKBOOK.length - 1);
    expect(emu.ledger.records.length).toBe(178);
    const rows = (name: string) => emu.active.sheets.find((x) => x.name === name)!.getDataRange().getValues();
    expect(rows('設定').slice(1).map((r) => r[0])).toEqual(DEFAULT_SETTINGS.map((x) => x.key));
    expect(rows('設定').slice(1).every((r) => String(r[2]) !== '')).toBe(true);
    expect(rows('アンケート設問').slice(1).map((r) => r[0])).toEqual(DEFAULT_SURVEY_QUESTIONS.map((q) => q.title));
    expect(rows('メール文面').slice(1).map((r) => r[0])).toEqual(['申込確認', 'キャンセル待ち', '繰り上げ', 'リマインド', 'お礼', 'アンケート再送', '参加証明書', '掲載情報の確認', '担当依頼', '担当決定', '行事案内']);
    expect(rows('メール文面').slice(1).every((r) => String(r[1]) !== '' && String(r[2]) !== '')).toBe(true);
    const kind = AGENCIES.columns.findIndex((c) => c.key === 'kind') + 1;
    expect(emu.active.sheets.find((x) => x.name === '団体')!.cell(2, kind)?.validation?.allowInvalid).toBe(true);
  });

  test('issue 18 (setup18): the re-run reads the sheet list, the spreadsheet\'s marks and each sheet once (its header, or the whole of 設定・アンケート設問・メール文面), and its frozen rows; writes nothing', () => {
    const emu = withEmulator();
    const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
    setUpWorkbook(ss, 'ja');
    emu.ledger.reset();
    const report = setUpWorkbook(ss, 'ja');
    expect(report.changed).toBe(false);
    const methods = emu.ledger.byMethod();
    const writes = Object.entries(methods).filter(([m]) => /\.(set|add|insert|append|protect|hide|remove|clear)/.test(m));
    expect(writes).toEqual([]);
    // The role marks are not asked for sheet by sheet: the spreadsheet says every sheet has one.
    expect(methods['SpreadsheetApp.Sheet.getDeveloperMetadata'] ?? 0).toBe(0);
    expect(methods['SpreadsheetApp.Sheet.getSheetValues']).toBe(WORKBOOK.length);
    expect(methods['SpreadsheetApp.Sheet.getFrozenRows']).toBe(WORKBOOK.length);
    // getSheets + a name per sheet + the spreadsheet's metadata and its one key + 2 per sheet of ours (before: 93 —
    // header in 3 calls, marks in 2 per sheet, 設定・アンケート設問・メール文面 opened again as tables). setup10: 取り込み記録's
    // width is not asked (−1): the mark says a complete run wrote its header; no sheet is asked its size.
    expect(methods['SpreadsheetApp.Sheet.getLastColumn'] ?? 0).toBe(0);
    expect(methods['SpreadsheetApp.Sheet.getMaxRows'] ?? 0).toBe(0);
    expect(emu.ledger.records.length).toBe(1 + emu.active.sheets.length + 2 + 2 * WORKBOOK.length);
  });

  test('issue 18 (setup18): the re-run still completes what is missing: a setting, its explanation, a mail kind, the survey questions, a role mark', () => {
    const emu = withEmulator();
    const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
    setUpWorkbook(ss, 'ja');
    const sheet = (name: string) => emu.active.sheets.find((x) => x.name === name)!;
    sheet('設定').deleteRow(2);
    sheet('設定').getRange(3, 3).setValue('');
    sheet('メール文面').deleteRow(3);
    const questions = sheet('アンケート設問');
    questions.getRange(2, 1, questions.getLastRow() - 1, questions.getLastColumn()).clearContent();
    // An older workbook: 行事 without its role mark, the spreadsheet without the "every sheet marked" mark.
    for (const m of ss.getDeveloperMetadata()) m.remove();
    for (const m of sheet('行事').getDeveloperMetadata()) m.remove();
    const report = setUpWorkbook(ss, 'ja');
    expect(report.changed).toBe(true);
    const rows = (name: string) => sheet(name).getDataRange().getValues().slice(1);
    expect(rows('設定').map((r) => r[0]).sort()).toEqual(DEFAULT_SETTINGS.map((x) => x.key).sort());
    expect(rows('設定').every((r) => String(r[2]) !== '')).toBe(true);
    expect(rows('メール文面').map((r) => r[0])).toHaveLength(11);
    expect(rows('アンケート設問').filter((r) => r[0] !== '').map((r) => r[0])).toEqual(DEFAULT_SURVEY_QUESTIONS.map((q) => q.title));
    expect(sheet('行事').getDeveloperMetadata().map((m) => m.getKey())).toEqual(['shuro-network.sheet']);
    // setup10: the mark now says "marked and pre-sized" (the older mark, from before the pre-size, is replaced by it).
    expect(ss.getDeveloperMetadata().map((m) => m.getKey())).toEqual(['shuro-network.sheets-ready']);
  });

  test('migrates: a sheet missing columns gets them appended, data kept, moved columns still found', () => {
    const emu = withEmulator();
    const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
    const old = ss.insertSheet('団体');
    // An older layout: fewer columns, in another order, with data and a volunteer's own column.
    old.getRange(1, 1, 3, 4).setValues([
      ['電話', '名称', '担当メモ', '名称カナ'],
      ['03-1111-2222', 'ワークサポートあおば', '鈴木さん', 'ワークサポートアオバ'],
      ['03-3333-4444', 'ステップワーク神田', '', 'ステップワークカンダ'],
    ]);
    const report = setUpWorkbook(ss, 'ja');
    expect(report.addedColumns).toContain('団体.種別');
    expect(report.addedColumns).not.toContain('団体.電話');
    const values = old.getDataRange().getValues();
    expect(values[0]!.slice(0, 4)).toEqual(['電話', '名称', '担当メモ', '名称カナ']);
    expect(values[1]!.slice(0, 4)).toEqual(['03-1111-2222', 'ワークサポートあおば', '鈴木さん', 'ワークサポートアオバ']);
    expect(values[0]!.length).toBe(4 + AGENCIES.columns.length - 3);
    // The moved columns are read by header.
    const result = checkRegistryInSheet(ss, 'ja');
    expect(result.rows).toBe(2);
    expect(result.problems.map((p) => p.column)).toEqual(['種別', '種別']);
  });
});

describe('registry check on the emulator', () => {
  function importFixture(emu: Emulator, csv = fixture) {
    const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
    setUpWorkbook(ss, 'ja');
    return { ss, result: importCsv(ss, toBase64(csv), 'ja') };
  }

  test('the fixture: fixes written in one batch, problem cells noted and coloured, ids assigned', () => {
    const emu = withEmulator();
    const { ss, result } = importFixture(emu);
    expect(result.appended).toBe(10);
    const sheet = ss.getSheetByName('団体')!;
    const values = sheet.getDataRange().getValues();
    const col = (key: string) => AGENCIES.columns.findIndex((c) => c.key === key);
    expect(values[2]![col('phone')]).toBe('03-5211-1234');
    expect(values[2]![col('postalCode')]).toBe('101-0065');
    expect(values[3]![col('email')]).toBe('step@example.jp');
    expect(values.slice(1).map((r) => r[col('id')])).toEqual(Array.from({ length: 10 }, (_, i) => `AG-${String(i + 1).padStart(3, '0')}`));
    expect(values[10]![col('joinedOn')]).toBe('2025-02-30'); // never overwritten
    const noteOf = (row: number, key: string) => sheet.getRange(row, col(key) + 1).getNote();
    expect(noteOf(11, 'group')).toContain('グループ「C」は選択肢にありません');
    expect(noteOf(11, 'group').startsWith(NOTE_TAG)).toBe(true);
    expect(sheet.getRange(11, col('group') + 1).getBackground()).toBe(PROBLEM_BACKGROUND);
    expect(noteOf(2, 'name')).toBe('');
    expect(result.registry.problems.every((p) => p.row >= 10)).toBe(true);
    expect(result.registry.problems.find((p) => p.row === 11 && p.column === '加入日')?.message).toContain('存在しない日付');
  });

  test('a fixed problem loses its mark on the next check; a volunteer note is kept', () => {
    const emu = withEmulator();
    const { ss } = importFixture(emu);
    const sheet = ss.getSheetByName('団体')!;
    const group = AGENCIES.columns.findIndex((c) => c.key === 'group') + 1;
    const kana = AGENCIES.columns.findIndex((c) => c.key === 'nameKana') + 1;
    sheet.getRange(11, group).setValue('A');
    sheet.getRange(2, kana).setNote('読みは団体に確認済み');
    checkRegistryInSheet(ss, 'ja');
    expect(sheet.getRange(11, group).getNote()).toBe('');
    expect(sheet.getRange(11, group).getBackground()).toBe('#ffffff');
    expect(sheet.getRange(2, kana).getNote()).toBe('読みは団体に確認済み');
  });

  test('Shift_JIS CSV as Excel writes it imports the same rows; re-importing adds nothing', () => {
    const emu = withEmulator();
    const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
    setUpWorkbook(ss, 'ja');
    const sjis = toBase64(encodeShiftJis(fixture.replace(/\n/g, '\r\n')));
    const preview = previewCsv(ss, sjis, 'ja');
    expect(preview.encoding).toBe('Shift_JIS');
    expect(preview.rows[1]!.cells['名称']).toBe('就労支援センターかがやき');
    const first = importCsv(ss, sjis, 'ja');
    expect(first.appended).toBe(10);
    const again = importCsv(ss, sjis, 'ja');
    expect(again.appended).toBe(0);
    expect(again.skipped.length).toBe(10);
    expect(ss.getSheetByName('団体')!.getLastRow()).toBe(11);
  });

  test('text that looks like a formula is stored as text', () => {
    const emu = withEmulator();
    const csv = '名称,名称カナ,種別,特色,電話\n=IMPORTXML("http://x"),カナ,その他,+81 は国番号,03-1234-5678\n';
    const { ss } = importFixture(emu, csv);
    const sheet = ss.getSheetByName('団体')!;
    expect(sheet.getDataRange().getFormulas().flat().filter((f) => f !== '')).toEqual([]);
    const values = sheet.getDataRange().getValues()[1]!;
    expect(values).toContain('=IMPORTXML("http://x")');
    expect(values).toContain('+81 は国番号');
  });

  test('checking 16 and 1,000 agencies makes the same number of Spreadsheet calls', () => {
    const calls = (n: number) => {
      const emu = withEmulator();
      const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
      setUpWorkbook(ss, 'ja');
      importCsv(ss, toBase64(syntheticAgenciesCsv(n)), 'ja');
      // Make every row need a fix again so the check writes.
      const sheet = ss.getSheetByName('団体')!;
      const phone = AGENCIES.columns.findIndex((c) => c.key === 'phone') + 1;
      sheet.getRange(2, phone, n, 1).setValues(Array.from({ length: n }, (_, i) => [`０３－１２３４－${String(i).padStart(4, '0')}`]));
      emu.ledger.reset();
      const report = emu.ledger.within('check', () => checkRegistryInSheet(ss, 'ja'));
      expect(report.fixed).toBe(n);
      return emu.ledger.byService('check').SpreadsheetApp;
    };
    const small = calls(16);
    const large = calls(1000);
    expect(large).toBe(small);
    // 16 today: the sheet is read again just before the fixes and the notes are written (rows found by id).
    expect(small).toBeLessThan(20);
  });
});

describe('Table growth', () => {
  test('rows appended past the end of the grid keep plain-text formats, so phone numbers keep their leading 0', () => {
    const emu = withEmulator();
    const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
    setUpWorkbook(ss, 'ja');
    importCsv(ss, toBase64(syntheticAgenciesCsv(1100)), 'ja');
    const sheet = ss.getSheetByName('団体')!;
    expect(sheet.getMaxRows()).toBeGreaterThanOrEqual(1101);
    const phone = AGENCIES.columns.findIndex((c) => c.key === 'phone') + 1;
    sheet.getRange(1100, phone).setValue('0312345678');
    expect(sheet.getRange(1100, phone).getValue()).toBe('0312345678');
    expect(sheet.getRange(1100, phone).getNumberFormats()[0]![0]).toBe('@');
  });
});

describe('操作ログ', () => {
  test('a line goes under its headers even after a volunteer reorders the log\'s columns', () => {
    const emu = withEmulator();
    const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
    setUpWorkbook(ss, 'ja');
    const log = ss.getSheetByName('操作ログ')!;
    const headers = log.getRange(1, 1, 1, 5).getValues()[0]!;
    log.getRange(1, 1, 1, 5).setValues([[...headers].reverse()]);
    logOperation(ss, '団体名簿をチェック', '成功', '16件');
    const [header, line] = log.getDataRange().getValues() as unknown[][];
    const at = (name: string) => line![header!.indexOf(name)];
    expect([at('操作'), at('結果'), at('詳細'), at('実行者')]).toEqual(['団体名簿をチェック', '成功', '16件', 'coordinator@example.jp']);
    expect(at('日時')).toBeInstanceOf(Date);
  });
});
