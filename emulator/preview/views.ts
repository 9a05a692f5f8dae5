/** What the preview page reads: JSON views of the session, built from emulator objects without counting calls. */
import type { Sheet } from '../spreadsheet';
import type { PreviewSession } from './session';
import { featureState } from './features';

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
}

export interface SheetView {
  name: string;
  frozenRows: number;
  rows: CellView[][];
}

export function sheetView(sheet: Sheet): SheetView {
  const numRows = Math.max(sheet.getLastRow() + 5, 20);
  const numColumns = Math.max(sheet.getLastColumn() + 1, 8);
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
      if (rule?.criteria === 'CHECKBOX') v.check = cell?.value === true;
      if (rule?.criteria === 'VALUE_IN_LIST') v.list = ((rule.values[0] as unknown[]) ?? []).map(String);
      line.push(v);
    }
    rows.push(line);
  }
  return { name: sheet.name, frozenRows: sheet.frozenRows, rows };
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
    toastCount: emu.active.toasts.length,
    selection: session.selection,
    ...featureState(session),
  };
}
