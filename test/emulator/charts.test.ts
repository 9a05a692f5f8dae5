import { createEmulator } from '../../emulator';

describe('emulator: embedded charts', () => {
  test('newChart → build → insertChart records type, ranges, title and position; ids are unique per spreadsheet', () => {
    const emu = createEmulator();
    const { SpreadsheetApp } = emu.globals;
    const Charts = emu.globals.Charts as GoogleAppsScript.Charts.Charts;
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const sheet = ss.insertSheet('アンケート集計');
    sheet.getRange('A1:B6').setValues([['回答', '人数'], [1, 0], [2, 1], [3, 4], [4, 10], [5, 12]]);
    const builder = sheet.newChart().setChartType(Charts.ChartType.COLUMN).addRange(sheet.getRange('A1:B6'))
      .setOption('title', '全体満足度').setPosition(2, 8, 10, 0);
    const chart = builder.build();
    expect(chart.getChartId()).toBeNull();
    expect(sheet.getCharts()).toHaveLength(0);
    sheet.insertChart(chart);
    expect(chart.getChartId()).not.toBeNull();
    const other = ss.insertSheet('別');
    other.insertChart(other.newChart().setChartType(Charts.ChartType.PIE).addRange(other.getRange('A1:B2')).build());
    const ids = [...sheet.getCharts(), ...other.getCharts()].map((c) => c.getChartId());
    expect(new Set(ids).size).toBe(2);

    const [stored] = sheet.getCharts();
    expect(stored!.getOptions().get('title')).toBe('全体満足度');
    expect(stored!.getOptions().get('legend')).toBeNull();
    expect(stored!.getRanges().map((r) => r.getA1Notation())).toEqual(['A1:B6']);
    expect(stored!.getContainerInfo().getAnchorRow()).toBe(2);
    expect(stored!.getContainerInfo().getAnchorColumn()).toBe(8);
    const sheetModel = emu.active.sheets.find((s) => s.name === 'アンケート集計')!;
    expect(sheetModel.chartStore.records()).toEqual([
      expect.objectContaining({ type: 'COLUMN', ranges: ["'アンケート集計'!A1:B6"], title: '全体満足度', position: { anchorRow: 2, anchorColumn: 8, offsetX: 10, offsetY: 0 } }),
    ]);
    // Counted as service calls like any other.
    expect(emu.ledger.byMethod()['SpreadsheetApp.Sheet.insertChart']).toBe(2);
    expect(emu.ledger.byMethod()['SpreadsheetApp.EmbeddedChartBuilder.setChartType']).toBe(2);
  });

  test('modify() changes nothing until updateChart; removeChart removes; errors for charts not on the sheet', () => {
    const emu = createEmulator();
    const Charts = emu.globals.Charts as GoogleAppsScript.Charts.Charts;
    const sheet = emu.globals.SpreadsheetApp.getActiveSpreadsheet().getActiveSheet();
    sheet.insertChart(sheet.newChart().setChartType(Charts.ChartType.BAR).addRange(sheet.getRange('A1:B3')).setOption('title', 'old').build());
    const rebuilt = sheet.getCharts()[0]!.modify().setOption('title', 'new').build();
    expect(sheet.getCharts()[0]!.getOptions().get('title')).toBe('old');
    sheet.updateChart(rebuilt);
    expect(sheet.getCharts()[0]!.getOptions().get('title')).toBe('new');
    expect(sheet.getCharts()).toHaveLength(1);
    const loose = sheet.newChart().setChartType(Charts.ChartType.BAR).build();
    expect(() => sheet.updateChart(loose)).toThrow(/not on this sheet/);
    expect(() => sheet.newChart().build()).toThrow(/chart type/);
    sheet.removeChart(sheet.getCharts()[0]!);
    expect(sheet.getCharts()).toHaveLength(0);
  });
});

describe('emulator: chart ranges follow rows and columns inserted or deleted', () => {
  function setUp() {
    const emu = createEmulator();
    const Charts = emu.globals.Charts as GoogleAppsScript.Charts.Charts;
    const sheet = emu.globals.SpreadsheetApp.getActiveSpreadsheet().getActiveSheet();
    sheet.insertChart(sheet.newChart().setChartType(Charts.ChartType.COLUMN).addRange(sheet.getRange('A8:A13')).addRange(sheet.getRange('C8:C13')).build());
    const a1 = () => sheet.getCharts()[0]!.getRanges().map((r) => r.getA1Notation());
    return { sheet, a1 };
  }
  test('rows inserted above shift, inside grow, below change nothing; deleted rows shrink or shift back', () => {
    const { sheet, a1 } = setUp();
    sheet.insertRowsAfter(20, 3);
    expect(a1()).toEqual(['A8:A13', 'C8:C13']);
    sheet.insertRowsBefore(3, 2);
    expect(a1()).toEqual(['A10:A15', 'C10:C15']);
    sheet.insertRowsAfter(11, 1);
    expect(a1()).toEqual(['A10:A16', 'C10:C16']);
    sheet.deleteRows(1, 2);
    expect(a1()).toEqual(['A8:A14', 'C8:C14']);
    sheet.deleteRows(7, 3);
    expect(a1()).toEqual(['A7:A11', 'C7:C11']);
  });
  test('columns: inserted between the ranges move only the second; a range whose columns are deleted leaves the chart', () => {
    const { sheet, a1 } = setUp();
    sheet.insertColumnsAfter(1, 1);
    expect(a1()).toEqual(['A8:A13', 'D8:D13']);
    sheet.deleteColumns(1, 1);
    expect(a1()).toEqual(['C8:C13']);
  });
});
