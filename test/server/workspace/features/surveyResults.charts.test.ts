/**
 * 「アンケートを集計」 keeps the charts that already show the right data (workspace level, on the emulator's globals):
 * a re-run with the same layout builds, moves and removes no chart; a chart a person deleted is built again; a new
 * question (the tables move) rebuilds; a person's own chart is never touched; a coordinator's moved and restyled chart
 * stays as they left it; rows a person inserted above the tables (the charts' ranges move with them) are noticed; a
 * run stopped part-way or a sheet charted before charts were recorded leaves no duplicate. Persons' edits go to the
 * emulator's model directly (not counted); the add-on's calls are read from the ledger.
 */
import { withEmulator, toBase64 } from '../../../support/globals';
import { setUpWorkbook } from '../../../../src/server/workspace/features/setup';
import { importCsv } from '../../../../src/server/workspace/features/csvImport';
import { summariseSurveysInSheet } from '../../../../src/server/workspace/features/surveyResults';
import { DEMO_AGENCIES_CSV } from '../../../../scripts/demo/agencies';
import { writeDemoEvents } from '../../../../scripts/demo/forms';
import type { Emulator } from '../../../../emulator';
import { appendRecords, rawSheet } from '../../../support/records';

const NOW = new Date('2026-02-02T09:00:00+09:00');
const SCALES = ['全体満足度', '理解度', '業務への役立ち度', '時間配分・進行', '講師の説明'];
const SEMINAR = 'アンケート集計_EV-SEMINAR';
const WORKSHOP = 'アンケート集計_EV-WORKSHOP';

beforeEach(() => jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'setImmediate'] }));
afterEach(() => jest.useRealTimers());

const sheet = rawSheet;

function answers(eventId: string, n: number, scales: readonly string[]) {
  return Array.from({ length: n }, (_, i) => scales.map((q, k) => ({ 回答id: `F-${eventId}-${i}`, 行事id: eventId, 回答日時: NOW, 設問: q, 回答: String(1 + ((i + k) % 5)) }))).flat();
}

function prepare() {
  const emu = withEmulator({ now: NOW });
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  setUpWorkbook(ss, 'ja');
  importCsv(ss, toBase64(DEMO_AGENCIES_CSV), 'ja');
  writeDemoEvents(emu);
  appendRecords(emu, 'アンケート記録', [...answers('EV-SEMINAR', 9, SCALES), ...answers('EV-WORKSHOP', 7, [...SCALES, '演習の実践度'])]);
  emu.ledger.reset();
  return { emu, ss };
}

/** What a person sees of a sheet's charts: id, title, ranges, position and options. */
const charts = (emu: Emulator, name: string) => sheet(emu, name).chartStore.records();
const ids = (emu: Emulator, name: string) => charts(emu, name).map((c) => c.chartId);

/** The add-on's chart calls in the ledger since the last reset, by method (only those it made). */
function chartCalls(emu: Emulator): Record<string, number> {
  return Object.fromEntries(Object.entries(emu.ledger.byMethod()).filter(([m]) => /Chart|getRanges|getA1Notation|Properties\.(get|set)Properties/.test(m)));
}

/** Each chart reads the value column and its question's column of the distribution table, titled with that question. */
function expectChartsReadTheirQuestion(emu: Emulator, name: string, count: number): void {
  const values = sheet(emu, name).getDataRange().getValues();
  const records = charts(emu, name);
  expect(records).toHaveLength(count);
  expect(new Set(records.map((c) => c.title)).size).toBe(count);
  for (const c of records) {
    const [first, second] = c.ranges.map((a) => /!([A-Z]+)(\d+):([A-Z]+)(\d+)/.exec(a)!);
    expect(values[Number(first![2]) - 1]![0]).toBe('回答の分布（人）');
    expect(values[Number(second![2]) - 1]![second![1]!.charCodeAt(0) - 65]).toBe(c.title!.split('：')[1]);
  }
}

describe('アンケートを集計 keeps its charts across runs', () => {
  test('first run builds one chart per scale question and remembers them; a re-run with the same layout makes no chart', () => {
    const { emu, ss } = prepare();
    expect(summariseSurveysInSheet(ss).charts).toBe(11);
    expectChartsReadTheirQuestion(emu, SEMINAR, 5);
    expectChartsReadTheirQuestion(emu, WORKSHOP, 6);
    // One insert per chart, its id asked once; the marks written once (no record yet: nothing to open first). The two
    // sheets were made by this run: not asked for charts (sync10).
    expect(chartCalls(emu)['SpreadsheetApp.Sheet.getCharts'] ?? 0).toBe(0);
    expect(chartCalls(emu)).toMatchObject({
      'SpreadsheetApp.Sheet.newChart': 11, 'SpreadsheetApp.Sheet.insertChart': 11,
      'SpreadsheetApp.EmbeddedChart.getChartId': 11, 'PropertiesService.Properties.getProperties': 1, 'PropertiesService.Properties.setProperties': 1,
    });
    const props = emu.stores.properties.document;
    const marks = JSON.parse(props.get('survey.charts.アンケート集計_EV-SEMINAR')!) as [number, string][];
    expect(marks.map((m) => m[0]).sort()).toEqual([...ids(emu, SEMINAR)].sort());
    const before = [charts(emu, SEMINAR), charts(emu, WORKSHOP)];

    emu.ledger.reset();
    expect(summariseSurveysInSheet(ss).charts).toBe(11);
    expect([charts(emu, SEMINAR), charts(emu, WORKSHOP)]).toEqual(before);
    // Per sheet one getCharts; per chart its id, its ranges and the last range's A1. Nothing built, removed or written.
    expect(chartCalls(emu)).toEqual({
      'SpreadsheetApp.Sheet.getCharts': 2, 'SpreadsheetApp.EmbeddedChart.getChartId': 11, 'SpreadsheetApp.EmbeddedChart.getRanges': 11,
      'SpreadsheetApp.Range.getA1Notation': 11, 'PropertiesService.Properties.getProperties': 1,
    });
  });

  test('a chart a person deleted is built again, alone; a moved and restyled chart stays as the coordinator left it', () => {
    const { emu, ss } = prepare();
    summariseSurveysInSheet(ss);
    const seminar = sheet(emu, SEMINAR);
    const [first, second] = seminar.getCharts();
    seminar.removeChart(second!);
    seminar.updateChart(first!.modify().setPosition(40, 2, 5, 5).setOption('colors', ['#d95f02']).build());
    const moved = charts(emu, SEMINAR)[0]!;
    const kept = ids(emu, SEMINAR);
    emu.ledger.reset();
    summariseSurveysInSheet(ss);
    expect(chartCalls(emu)).toMatchObject({ 'SpreadsheetApp.Sheet.newChart': 1, 'SpreadsheetApp.Sheet.insertChart': 1 });
    expect(chartCalls(emu)['SpreadsheetApp.Sheet.removeChart']).toBeUndefined();
    expect(ids(emu, SEMINAR).slice(0, 4)).toEqual(kept);
    expect(charts(emu, SEMINAR)[0]).toEqual(moved);
    expectChartsReadTheirQuestion(emu, SEMINAR, 5);
    // The rebuilt one is the deleted question's, at its planned place.
    expect(charts(emu, SEMINAR)[4]!.title).toContain(SCALES[1]!);
  });

  test('a question added to アンケート設問 moves the tables: the charts are rebuilt; a person\'s own chart is never touched', () => {
    const { emu, ss } = prepare();
    summariseSurveysInSheet(ss);
    const seminar = sheet(emu, SEMINAR);
    // A person's chart on the add-on's sheet, reading cells of the scale table.
    seminar.insertChart(seminar.newChart().setChartType(Charts.ChartType.BAR).addRange(seminar.getRange('A6:B10')).setOption('title', '私のグラフ').build());
    const mine = charts(emu, SEMINAR).at(-1)!;
    // Unchanged layout: the person's chart is left alone (its id is not among the add-on's, nothing more is asked of it).
    emu.ledger.reset();
    summariseSurveysInSheet(ss);
    expect(chartCalls(emu)['SpreadsheetApp.EmbeddedChart.getRanges']).toBe(11);
    expect(charts(emu, SEMINAR)).toContainEqual(mine);

    appendRecords(emu, 'アンケート設問', [{ 設問: '会場の快適さ', 形式: '5段階', 必須: 'いいえ', 対象: 'すべて', 下限ラベル: '不快', 上限ラベル: '快適' }]);
    const old = [...ids(emu, SEMINAR), ...ids(emu, WORKSHOP)].filter((id) => id !== mine.chartId);
    emu.ledger.reset();
    expect(summariseSurveysInSheet(ss).charts).toBe(13);
    expect(chartCalls(emu)).toMatchObject({ 'SpreadsheetApp.Sheet.removeChart': 11, 'SpreadsheetApp.Sheet.insertChart': 13, 'PropertiesService.Properties.setProperties': 2 });
    expect(charts(emu, SEMINAR)).toContainEqual(mine);
    const now = [...ids(emu, SEMINAR), ...ids(emu, WORKSHOP)];
    expect(now.filter((id) => old.includes(id))).toEqual([]);
    sheet(emu, SEMINAR).chartStore.charts.splice(charts(emu, SEMINAR).findIndex((c) => c.chartId === mine.chartId), 1);
    expectChartsReadTheirQuestion(emu, SEMINAR, 6);
    expectChartsReadTheirQuestion(emu, WORKSHOP, 7);
  });

  test('rows a person inserted above the tables move the charts\' ranges: those charts are rebuilt, the other sheet\'s kept', () => {
    const { emu, ss } = prepare();
    summariseSurveysInSheet(ss);
    const workshop = ids(emu, WORKSHOP);
    sheet(emu, SEMINAR).insertRowsBefore(3, 2);
    emu.ledger.reset();
    summariseSurveysInSheet(ss);
    expect(chartCalls(emu)).toMatchObject({ 'SpreadsheetApp.Sheet.removeChart': 5, 'SpreadsheetApp.Sheet.insertChart': 5 });
    expect(ids(emu, WORKSHOP)).toEqual(workshop);
    expectChartsReadTheirQuestion(emu, SEMINAR, 5);
  });

  test('a run stopped at any call of a rebuild leaves, after the re-run, each chart once and reading its question', () => {
    const probe = prepare();
    summariseSurveysInSheet(probe.ss);
    appendRecords(probe.emu, 'アンケート設問', [{ 設問: '会場の快適さ', 形式: '5段階', 必須: 'いいえ', 対象: 'すべて' }]);
    probe.emu.ledger.reset();
    summariseSurveysInSheet(probe.ss);
    const calls = probe.emu.ledger.records.length;
    for (let k = 1; k <= calls; k += 4) {
      const { emu, ss } = prepare();
      summariseSurveysInSheet(ss);
      appendRecords(emu, 'アンケート設問', [{ 設問: '会場の快適さ', 形式: '5段階', 必須: 'いいえ', 対象: 'すべて' }]);
      emu.ledger.reset();
      emu.runtime.failAt({ atCall: k, message: 'Service Spreadsheets timed out while accessing document with id x.' });
      expect(() => summariseSurveysInSheet(ss)).toThrow();
      emu.runtime.clearFault();
      expect(summariseSurveysInSheet(ss).charts).toBe(13);
      expectChartsReadTheirQuestion(emu, SEMINAR, 6);
      expectChartsReadTheirQuestion(emu, WORKSHOP, 7);
    }
  });

  test('a sheet charted before the add-on recorded its charts: its charts are known by their title, kept, not doubled', () => {
    const { emu, ss } = prepare();
    summariseSurveysInSheet(ss);
    const seminar = sheet(emu, SEMINAR);
    seminar.insertChart(seminar.newChart().setChartType(Charts.ChartType.PIE).addRange(seminar.getRange('A6:B10')).setOption('title', '私のグラフ').build());
    const before = charts(emu, SEMINAR);
    for (const key of [...emu.stores.properties.document.keys()]) if (key.startsWith('survey.charts.')) emu.stores.properties.document.delete(key);
    emu.ledger.reset();
    summariseSurveysInSheet(ss);
    expect(charts(emu, SEMINAR)).toEqual(before);
    expect(chartCalls(emu)['SpreadsheetApp.Sheet.insertChart']).toBeUndefined();
    expect(chartCalls(emu)['SpreadsheetApp.Sheet.removeChart']).toBeUndefined();
    // Recorded again: the next run knows them by id.
    emu.ledger.reset();
    summariseSurveysInSheet(ss);
    expect(chartCalls(emu)['Charts.ChartOptions.get']).toBeUndefined();
    expect(charts(emu, SEMINAR)).toEqual(before);
  });
});
