/** What the preview page reads: JSON views of the session, built from emulator objects without counting calls. */
import type { Sheet } from '../spreadsheet';
import type { PreviewSession } from './session';
import { servicePages } from '../registry';

export interface CellView {
  /** What Sheets displays. */
  d: string;
  /** What the edit bar shows: the formula, or the displayed value. */
  e?: string;
  note?: string;
  bg?: string;
  /** A checkbox cell (data validation CHECKBOX): its state. */
  check?: boolean;
  /** A dropdown (VALUE_IN_LIST): the choices. */
  list?: string[];
  /**
   * The value breaks the cell's data validation (a rule that only warns, e.g. グループ C where the list is A/B, or
   * はい in a checkbox column): Sheets keeps and shows the typed value with a red marker in the corner, and says why
   * on hover. This is that sentence.
   */
  invalid?: string;
}

/** An embedded chart as the page draws it: what Sheets would draw from the chart's type, ranges and options. */
export interface ChartView {
  type: string;
  title: string;
  anchorRow: number;
  anchorColumn: number;
  offsetX: number;
  offsetY: number;
  /** The domain (first range or first column), as displayed. */
  categories: string[];
  series: { name: string; values: (number | null)[] }[];
}

export interface SheetView {
  name: string;
  frozenRows: number;
  rows: CellView[][];
  charts: ChartView[];
}

/**
 * The sheet's charts from the emulator's records, with their data read from their ranges. As Sheets does for a
 * chart built with addRange: the ranges' columns side by side, the first column the domain, the others one series
 * each; with numHeaders 1 the first row names the series.
 */
export function chartViews(sheet: Sheet): ChartView[] {
  return sheet.chartStore.charts.map((c) => {
    const columns: { display: string[]; values: unknown[] }[] = [];
    for (const r of c.ranges) {
      const range = r.sheet.getRange(r.row, r.column, r.numRows, r.numColumns);
      const display = range.getDisplayValues();
      const values = range.getValues();
      for (let j = 0; j < r.numColumns; j++) columns.push({ display: display.map((row) => row[j]!), values: values.map((row) => row[j]) });
    }
    const headers = c.numHeaders > 0 ? c.numHeaders : 0;
    const [domain, ...rest] = columns;
    const title = c.options.get('title');
    return {
      type: c.type ?? 'COLUMN',
      title: title === undefined || title === null ? '' : String(title),
      anchorRow: c.position.anchorRow,
      anchorColumn: c.position.anchorColumn,
      offsetX: c.position.offsetX,
      offsetY: c.position.offsetY,
      categories: (domain?.display ?? []).slice(headers),
      series: rest.map((col) => ({
        name: headers ? col.display[0] ?? '' : '',
        values: col.values.slice(headers).map((v) => (typeof v === 'number' ? v : v === '' || v === null ? null : Number.isFinite(Number(v)) ? Number(v) : null)),
      })),
    };
  });
}

export function sheetView(sheet: Sheet): SheetView {
  const charts = chartViews(sheet);
  // Room for the charts below their anchors (a chart is about 15 rows tall in Sheets' default size).
  const numRows = Math.max(sheet.getLastRow() + 5, 20, ...charts.map((c) => c.anchorRow + 16));
  const numColumns = Math.max(sheet.getLastColumn() + 1, 8, ...charts.map((c) => c.anchorColumn + 5));
  const range = sheet.getRange(1, 1, numRows, numColumns);
  const display = range.getDisplayValues();
  const formulas = range.getFormulas();
  const rows: CellView[][] = [];
  for (let r = 0; r < numRows; r++) {
    const line: CellView[] = [];
    for (let c = 0; c < numColumns; c++) {
      const cell = sheet.cell(r + 1, c + 1);
      const v: CellView = { d: display[r]![c]! };
      if (formulas[r]![c]) v.e = formulas[r]![c]!;
      if (cell?.note) v.note = cell.note;
      if (cell?.background && cell.background.toLowerCase() !== '#ffffff') v.bg = cell.background;
      const rule = cell?.validation;
      const value = cell?.value;
      const blank = value === '' || value === null || value === undefined;
      if (rule && !blank && !rule.accepts(value)) {
        v.invalid = rule.helpText || (rule.criteria === 'CHECKBOX'
          ? '無効: このセルはチェックボックスです（オンかオフ）。'
          : rule.criteria === 'VALUE_IN_LIST'
            ? `無効: 次のいずれかを入力してください: ${((rule.values[0] as unknown[]) ?? []).map(String).join('、')}`
            : '無効: このセルのデータの入力規則に合いません。');
      } else {
        if (rule?.criteria === 'CHECKBOX') v.check = value === true;
        if (rule?.criteria === 'VALUE_IN_LIST') v.list = ((rule.values[0] as unknown[]) ?? []).map(String);
      }
      line.push(v);
    }
    rows.push(line);
  }
  return { name: sheet.name, frozenRows: sheet.frozenRows, rows, charts };
}

export function stateView(session: PreviewSession) {
  const { emu } = session;
  const menu = emu.uiState.menus[0];
  return {
    version: session.version,
    spreadsheetName: emu.active.name,
    sheets: emu.active.sheets.map((s) => s.name),
    /** The sheet to show first: 団体 (the registry) when there is one, else the first holding data. */
    firstSheet: (emu.active.sheets.find((s) => s.name === '団体') ?? emu.active.sheets.find((s) => s.getLastRow() > 0) ?? emu.active.sheets[0])?.name ?? '',
    menu: menu
      ? { title: menu.title, items: menu.items.map((i) => ('caption' in i ? { caption: i.caption, functionName: i.functionName } : { separator: true })) }
      : null,
    sidebarOpen: session.sidebarOpen,
    sidebarSerial: emu.uiState.sidebars.length,
    replayFailures: session.replayFailures,
    notices: session.notices,
    highlights: session.highlights,
    toastCount: emu.active.toasts.length,
    selection: session.selection,
    // Each service's page (emulator/registry.ts: `page`), then the call ledger.
    pages: [...servicePages(), { id: 'calls', title: 'サービス呼び出し', href: '/calls' }],
  };
}
