/**
 * Embedded charts in SpreadsheetApp (Sheet.newChart → EmbeddedChartBuilder → build → Sheet.insertChart) and the
 * `Charts` global's enums. Charts are recorded, not drawn: type, source ranges (A1 with sheet), options (title …),
 * position and header count, so tests and the demo can assert on what a user would see.
 *
 * Google behaviour relied on (developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder,
 * …/embedded-chart, …/sheet#insertChart):
 * - newChart() returns a builder; nothing is on the sheet until insertChart(builder.build()).
 * - A built chart that is not on a sheet has getChartId() === null; insertChart gives it a stable id, unique in
 *   the spreadsheet.
 * - chart.modify() returns a builder over a copy; changes are saved only by sheet.updateChart(rebuilt chart).
 * - setPosition(anchorRow, anchorColumn, offsetX, offsetY): 1-based anchor cell, pixel offsets.
 * - getOptions().get('title') returns what setOption('title', …) set (null for an unset option).
 * Assumed (not documented): building without a chart type, and updating/removing a chart that is not on the
 * sheet, fail with the messages below.
 */
import { GasException, GasObject } from './runtime';
import type { Range, Sheet } from './spreadsheet';

type GRange = GoogleAppsScript.Spreadsheet.Range;
type GEmbeddedChart = GoogleAppsScript.Spreadsheet.EmbeddedChart;
type GBuilder = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;

export const CHART_TYPES = [
  'TIMELINE', 'AREA', 'BAR', 'BUBBLE', 'CANDLESTICK', 'COLUMN', 'COMBO', 'GAUGE', 'GEO', 'HISTOGRAM', 'RADAR', 'LINE', 'ORG',
  'PIE', 'SCATTER', 'SPARKLINE', 'STEPPED_AREA', 'TABLE', 'TREEMAP', 'WATERFALL',
] as const;
export type ChartTypeName = (typeof CHART_TYPES)[number];

/** A source range as recorded: enough to re-read it, and its A1 notation with the sheet name. */
export interface ChartRangeRef {
  sheet: Sheet;
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

export interface ChartState {
  chartId: number | null;
  type: ChartTypeName | null;
  ranges: ChartRangeRef[];
  options: Map<string, unknown>;
  position: { anchorRow: number; anchorColumn: number; offsetX: number; offsetY: number };
  numHeaders: number;
  transpose: boolean;
}

/** What tests and the demo export: a plain JSON description of a chart on a sheet. */
export interface ChartRecord {
  chartId: number | null;
  type: ChartTypeName | null;
  ranges: string[];
  title: string | null;
  options: Record<string, unknown>;
  position: ChartState['position'];
}

function cloneState(s: ChartState): ChartState {
  return { ...s, ranges: s.ranges.map((r) => ({ ...r })), options: new Map(s.options), position: { ...s.position } };
}

function a1Of(r: ChartRangeRef): string {
  const col = (n: number) => {
    let out = '';
    for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) out = String.fromCharCode(65 + ((c - 1) % 26)) + out;
    return out;
  };
  const name = /^[A-Za-z0-9_]+$/.test(r.sheet.name) ? r.sheet.name : `'${r.sheet.name.replace(/'/g, "''")}'`;
  const start = `${col(r.column)}${r.row}`;
  const end = `${col(r.column + r.numColumns - 1)}${r.row + r.numRows - 1}`;
  return `${name}!${start}${start === end ? '' : `:${end}`}`;
}

export function describeChart(s: ChartState): ChartRecord {
  const options: Record<string, unknown> = {};
  for (const [k, v] of s.options) options[k] = v;
  const title = s.options.get('title');
  return {
    chartId: s.chartId, type: s.type, ranges: s.ranges.map(a1Of), title: title === undefined ? null : String(title), options, position: { ...s.position },
  };
}

/**
 * Rows (or columns) inserted before `at` (count > 0) or deleted from `at` on (count < 0) on `sheet`: every chart's
 * range on that sheet follows the cells it read, as a formula's reference does — shifted when the change is before
 * it, grown or shrunk when it is inside. ASSUMED without a source (Google documents no rule for chart ranges; in Sheets a
 * chart keeps showing the same cells after a row is inserted above them): the harsher behaviour for the add-on, whose
 * kept charts must notice it. A range deleted whole is dropped from its chart (Sheets shows no data for it).
 */
export function shiftChartRanges(sheets: readonly Sheet[], sheet: Sheet, rows: boolean, at: number, count: number): void {
  for (const s of sheets) for (const c of s.chartStore.charts) {
    c.ranges = c.ranges.filter((r) => {
      if (r.sheet !== sheet) return true;
      const start = rows ? r.row : r.column;
      let end = start + (rows ? r.numRows : r.numColumns) - 1;
      let first = start;
      if (count > 0) {
        if (start >= at) first += count;
        if (end >= at) end += count;
      } else {
        const gone = -count;
        const move = (x: number, low: boolean) => (x < at ? x : x >= at + gone ? x - gone : low ? at : at - 1);
        first = move(start, true);
        end = move(end, false);
        if (end < first) return false;
      }
      if (rows) { r.row = first; r.numRows = end - first + 1; } else { r.column = first; r.numColumns = end - first + 1; }
      return true;
    });
  }
}

/** The charts on one sheet, in insertion order. */
export class SheetCharts {
  readonly charts: ChartState[] = [];
  // No closure for the next id (a copy of the world, test/support/fork.ts, cannot copy one): the spreadsheet's counter.
  constructor(private readonly sheet: Sheet) {}

  newChart(): GBuilder {
    return new EmbeddedChartBuilder(this.sheet, {
      chartId: null, type: null, ranges: [], options: new Map(), position: { anchorRow: 1, anchorColumn: 1, offsetX: 0, offsetY: 0 }, numHeaders: -1, transpose: false,
    }) as never;
  }

  insert(chart: GEmbeddedChart): void {
    const c = chart as unknown as EmbeddedChart;
    const state = cloneState(c.state);
    state.chartId = this.sheet.spreadsheet.nextChartId();
    c.state.chartId = state.chartId;
    this.charts.push(state);
  }

  list(): GEmbeddedChart[] {
    return this.charts.map((s) => new EmbeddedChart(this.sheet, cloneState(s))) as never;
  }

  update(chart: GEmbeddedChart): void {
    const c = chart as unknown as EmbeddedChart;
    const i = this.charts.findIndex((s) => s.chartId !== null && s.chartId === c.state.chartId);
    if (i < 0) throw new GasException('The chart is not on this sheet. Insert it with insertChart first.');
    this.charts[i] = cloneState(c.state);
  }

  remove(chart: GEmbeddedChart): void {
    const c = chart as unknown as EmbeddedChart;
    const i = this.charts.findIndex((s) => s.chartId !== null && s.chartId === c.state.chartId);
    if (i < 0) throw new GasException('The chart is not on this sheet.');
    this.charts.splice(i, 1);
  }

  records(): ChartRecord[] {
    return this.charts.map(describeChart);
  }
}

export class ContainerInfo extends GasObject implements Pick<GoogleAppsScript.Spreadsheet.ContainerInfo, 'getAnchorColumn' | 'getAnchorRow' | 'getOffsetX' | 'getOffsetY'> {
  readonly gasService = 'SpreadsheetApp';
  readonly gasType = 'ContainerInfo';
  constructor(private readonly p: ChartState['position']) { super(); }
  getAnchorColumn(): number { return this.p.anchorColumn; }
  getAnchorRow(): number { return this.p.anchorRow; }
  getOffsetX(): number { return this.p.offsetX; }
  getOffsetY(): number { return this.p.offsetY; }
}

export class ChartOptions extends GasObject implements Pick<GoogleAppsScript.Charts.ChartOptions, 'get'> {
  readonly gasService = 'Charts';
  readonly gasType = 'ChartOptions';
  constructor(private readonly options: ReadonlyMap<string, unknown>) { super(); }
  get(option: string): unknown { return this.options.has(option) ? this.options.get(option) : null; }
}

function rangesOf(s: ChartState): GRange[] {
  return s.ranges.map((r) => r.sheet.rangeAt(r.row, r.column, r.numRows, r.numColumns)) as never;
}

export class EmbeddedChart extends GasObject implements Pick<GEmbeddedChart,
  'getChartId' | 'getContainerInfo' | 'getOptions' | 'getRanges' | 'getNumHeaders' | 'getTransposeRowsAndColumns' | 'modify'> {
  readonly gasService = 'SpreadsheetApp';
  readonly gasType = 'EmbeddedChart';
  constructor(readonly sheet: Sheet, readonly state: ChartState) { super(); }
  getChartId(): number | null { return this.state.chartId; }
  getContainerInfo(): GoogleAppsScript.Spreadsheet.ContainerInfo { return new ContainerInfo({ ...this.state.position }) as never; }
  getOptions(): GoogleAppsScript.Charts.ChartOptions { return new ChartOptions(new Map(this.state.options)) as never; }
  getRanges(): GRange[] { return rangesOf(this.state); }
  getNumHeaders(): number { return this.state.numHeaders; }
  getTransposeRowsAndColumns(): boolean { return this.state.transpose; }
  modify(): GBuilder { return new EmbeddedChartBuilder(this.sheet, cloneState(this.state)) as never; }
  /** The chart's type (Apps Script exposes it on the builder; here for tests). */
  get type(): ChartTypeName | null { return this.state.type; }
}

export class EmbeddedChartBuilder extends GasObject implements Pick<GBuilder,
  'addRange' | 'removeRange' | 'clearRanges' | 'getRanges' | 'setChartType' | 'getChartType' | 'setOption' | 'setPosition' | 'getContainer' |
  'setNumHeaders' | 'setTransposeRowsAndColumns' | 'build'> {
  readonly gasService = 'SpreadsheetApp';
  readonly gasType = 'EmbeddedChartBuilder';
  constructor(readonly sheet: Sheet, private readonly state: ChartState) { super(); }

  addRange(range: GRange): GBuilder {
    const r = range as unknown as Range;
    this.state.ranges.push({ sheet: r.sheet, row: r.row, column: r.column, numRows: r.numRows, numColumns: r.numColumns });
    return this as never;
  }
  removeRange(range: GRange): GBuilder {
    const r = range as unknown as Range;
    const i = this.state.ranges.findIndex((x) => x.sheet === r.sheet && x.row === r.row && x.column === r.column && x.numRows === r.numRows && x.numColumns === r.numColumns);
    if (i >= 0) this.state.ranges.splice(i, 1);
    return this as never;
  }
  clearRanges(): GBuilder { this.state.ranges.length = 0; return this as never; }
  getRanges(): GRange[] { return rangesOf(this.state); }
  setChartType(type: GoogleAppsScript.Charts.ChartType): GBuilder {
    const name = String(type) as ChartTypeName;
    if (!CHART_TYPES.includes(name)) throw new GasException(`Invalid argument: type`);
    this.state.type = name;
    return this as never;
  }
  getChartType(): GoogleAppsScript.Charts.ChartType { return this.state.type as never; }
  setOption(option: string, value: unknown): GBuilder { this.state.options.set(option, value); return this as never; }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): GBuilder {
    if (anchorRowPos < 1 || anchorColPos < 1) throw new GasException('Invalid argument: anchor position');
    this.state.position = { anchorRow: anchorRowPos, anchorColumn: anchorColPos, offsetX, offsetY };
    return this as never;
  }
  getContainer(): GoogleAppsScript.Spreadsheet.ContainerInfo { return new ContainerInfo({ ...this.state.position }) as never; }
  setNumHeaders(headers: number): GBuilder { this.state.numHeaders = headers; return this as never; }
  setTransposeRowsAndColumns(transpose: boolean): GBuilder { this.state.transpose = transpose; return this as never; }
  build(): GEmbeddedChart {
    if (!this.state.type) throw new GasException('The chart type must be set before the chart is built.');
    return new EmbeddedChart(this.sheet, cloneState(this.state)) as never;
  }
}

/** The `Charts` global: the enums the add-on uses. */
export function createCharts() {
  const ChartType = Object.fromEntries(CHART_TYPES.map((t) => [t, t])) as Record<ChartTypeName, ChartTypeName>;
  return { gasService: 'Charts', gasType: 'Charts', ChartType };
}
