/**
 * 「初期設定」: creates missing sheets and appends missing columns, never deleting or moving data. Formats,
 * dropdowns and header styling are applied only where a column is new, so a second run changes nothing and a
 * volunteer's own formatting of existing columns is kept. Calls grow with the number of sheets, not rows.
 */
import { ColumnDef, MAIL_TEMPLATES, SETTINGS, SheetDef, SURVEY_QUESTIONS, WORKBOOK } from '../../domain/schema';
import { DEFAULT_SETTINGS, isSettingKey, settingDescription } from '../../domain/settings';
import { surveyQuestionRows } from '../../domain/survey-questions';
import { MAIL_KINDS, MAIL_KIND_LABELS } from '../../domain/mail';
import { writeDefaultSurveyQuestions } from './surveys';
import { defaultMailTemplate, writeDefaultMailTemplates } from '../mail';
import { IMPORT_RECORD, ensureImportRecord } from './importRecord';
import { SHEET_ROLE_KEY, SheetSurvey, headerRow, renamedColumn } from '../renames';
import { SpreadsheetMarks, durableSettings } from '../settings';
import { Lang, t } from '../../i18n/messages';
import { CellValue, headerKey, sheetValues, Table } from '../tables';

const HEADER_PROTECTION = 'jsn-header';
const HEADER_BACKGROUND = '#d9ead3';

export interface SetupReport {
  createdSheets: string[];
  addedColumns: string[];
  changed: boolean;
  /** Sheets and headers found renamed: left as they are (nothing added beside them), each with what to do. */
  renamed: string[];
  /** Durable settings (template and folder ids) put back into 設定 from the spreadsheet's own record. */
  recoveredSettings: string[];
}

export function setUpWorkbook(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang, sheets: readonly SheetDef[] = WORKBOOK,
  /** Filled with each sheet of `sheets` found or made (by name), so the caller does not ask for it again. */
  found?: Map<string, GoogleAppsScript.Spreadsheet.Sheet>,
): SetupReport {
  const report: SetupReport = { createdSheets: [], addedColumns: [], changed: false, renamed: [], recoveredSettings: [] };
  // A few sheets (企業相談フォームを作成's one) are asked for by name: the whole list and every name (a call a sheet)
  // only when one is missing and a renamed one is looked for.
  const subset = sheets !== WORKBOOK;
  const all = subset ? undefined : ss.getSheets();
  const names = all?.map((s) => s.getName());
  const existing = new Map(all ? all.map((s, i) => [names![i]!, s]) : sheets.flatMap((d) => { const s = ss.getSheetByName(d.name); return s ? [[d.name, s] as const] : []; }));
  const survey = new SheetSurvey(ss, all, names, subset);
  // The spreadsheet's own marks, read once: the durable settings (restored into 設定) and whether every sheet of ours
  // already carries its mark (then no sheet's metadata is asked for again: two calls a sheet on every re-run). A subset
  // run asks its own sheets' marks instead (fewer calls than the spreadsheet's, and a sheet a run left unmarked gets its
  // mark even after 初期設定 said all are marked).
  let meta: SpreadsheetMarks | undefined;
  const marks = (): SpreadsheetMarks => (meta ??= ss.getDeveloperMetadata().map((m) => ({ key: m.getKey(), m })));
  const allMarked = !subset && marks().some((e) => e.key === ROLES_MARKED_KEY || e.key === READY_KEY);
  // setup10: whether every sheet that grows (SheetDef.rows) was brought to its pre-size by an earlier run: then no
  // sheet's size is asked again (a person may delete rows since: tables.ts grows a sheet on demand).
  const allSized = !subset && marks().some((e) => e.key === READY_KEY);
  const contents = new Map<string, CellValue[][]>();
  let newGrid: [number, number] | undefined;
  // Tab position of the next new sheet, counted here rather than asked of Google once per sheet.
  let sheetCount = all?.length;
  const rules = validationRules();
  // The first new sheet's styled header: later ones copy its formatting in one call instead of setFontWeight and
  // setBackground: copyFormatToRange copies "the formatting of the range" to the given sheet and cells, its source
  // repeated to fill them (https://developers.google.com/apps-script/reference/spreadsheet/range#copyFormatToRange(Sheet,Integer,Integer,Integer,Integer)).
  let styledHeader: GoogleAppsScript.Spreadsheet.Range | undefined;
  for (const def of sheets) {
    let sheet = existing.get(def.name);
    let headers: string[] = [];
    const created = !sheet;
    if (!sheet) {
      // Renamed, not gone: a new empty sheet beside it would split the data (ticks in one, new rows in the other).
      const renamed = survey.renamed(def);
      if (renamed) {
        report.renamed.push(t(lang, 'sheet.renamed', { expected: def.name, actual: renamed.name }));
        continue;
      }
      sheetCount ??= ss.getSheets().length;
      sheet = ss.insertSheet(def.name, sheetCount++);
      sheet.addDeveloperMetadata(SHEET_ROLE_KEY, def.key);
      report.createdSheets.push(def.name);
    } else {
      // 設定, アンケート設問 and メール文面 are read whole in the one call (small sheets): their defaults are checked on
      // these values, and the sheet is opened again to write only when something is missing.
      const whole = DEFAULT_ROWS_IN.has(def.key) ? sheetValues(sheet) : null;
      if (whole) contents.set(def.key, whole);
      headers = whole ? whole[0]!.map(headerKey) : headerRow(sheet);
      // Sheets from before the marks get theirs, so a later rename is still recognised.
      if (!allMarked && !sheet.getDeveloperMetadata().some((m) => m.getKey() === SHEET_ROLE_KEY)) sheet.addDeveloperMetadata(SHEET_ROLE_KEY, def.key);
    }
    // Trailing blank header cells are reused rather than skipped over.
    while (headers.length && headers[headers.length - 1] === '') headers.pop();
    // An existing sheet that grows, smaller than its pre-size (a workbook from before setup10): brought up to it once.
    let rowsNow = 0;
    if (!created && def.rows && !allSized) rowsNow = bringToSize(sheet, def.rows, headers.length);
    // A header renamed by a volunteer keeps its data: no empty column is added beside it.
    const missing = def.columns.filter((c) => {
      if (headers.includes(headerKey(c.header))) return false;
      const renamed = renamedColumn(def, headers, c.header);
      if (renamed) report.renamed.push(t(lang, 'column.renamed', { sheet: def.name, expected: c.header, actual: renamed }));
      return !renamed;
    });
    if (missing.length) {
      const first = headers.length + 1;
      const needed = first + missing.length - 1;
      // A new sheet's grid is the one the first sheet made in this run had (asked once): every sheet insertSheet(name,
      // index) makes gets the spreadsheet's default grid (assumed, no reference states the default; were it not so,
      // the getRange below would fail out of bounds and the next run, finding no header, redo the formats). An
      // existing sheet is asked.
      const size: [number, number] = created ? (newGrid ??= [sheet.getMaxRows(), sheet.getMaxColumns()]) : [0, sheet.getMaxColumns()];
      const maxColumns = size[1];
      if (needed > maxColumns) sheet.insertColumnsAfter(maxColumns, needed - maxColumns);
      // setup10: a sheet that grows gets its rows before its formats, so one setNumberFormats and one
      // setDataValidations cover them all (Google does not document what inserted rows inherit).
      if (created && def.rows && def.rows > size[0]) sheet.insertRowsAfter(size[0], def.rows - size[0]);
      const maxRows = created ? Math.max(size[0], def.rows ?? 0) : rowsNow || sheet.getMaxRows();
      // The header text is written last: a column counts as set up only once its header exists, so a run that
      // fails half-way (a Google service error) redoes the formats, dropdowns and protection on the next run.
      const header = sheet.getRange(1, first, 1, missing.length);
      applyColumnFormats(sheet, first, missing, rules, maxRows);
      if (styledHeader) styledHeader.copyFormatToRange(sheet, first, needed, 1, 1);
      else styledHeader = header.setFontWeight('bold').setBackground(HEADER_BACKGROUND);
      protectHeader(sheet, needed, lang, created, created ? header : null);
      // On a new sheet the header starts at A1: the note explaining the protection goes with the header's notes.
      if (created) header.setNotes([missing.map((_, i) => (i === 0 ? t(lang, 'setup.headerProtection') : ''))]);
      // A sheet made just now is empty: its default rows (設定, アンケート設問, メール文面) go in with the header, in the
      // same setValues, instead of a read and a write of their own after it.
      const rows = created ? initialRows(marks, def, report) : [];
      (rows.length ? sheet.getRange(1, first, rows.length + 1, missing.length) : header).setValues([missing.map((c) => c.header), ...rows]);
      if (headers.length || !created) report.addedColumns.push(...missing.map((c) => `${def.name}.${c.header}`));
    }
    // A sheet made just now has no frozen row (no need to ask).
    if (created || sheet.getFrozenRows() !== 1) {
      sheet.setFrozenRows(1);
      report.changed = true;
    }
    found?.set(def.name, sheet);
  }
  // Always checked (not only when 設定 / アンケート設問 was just created): a run that failed after creating the sheet
  // must still leave the defaults behind. Only missing settings keys are appended and existing values are never
  // overwritten; the default questions are written only into an empty question sheet.
  // A subset run leaves 設定 and アンケート設問 to 初期設定 (its caller reads 設定 itself).
  if (subset || report.renamed.some((m) => m.includes(`「${SETTINGS.name}」`) || m.includes(`「${SURVEY_QUESTIONS.name}」`))) {
    report.changed ||= report.createdSheets.length > 0 || report.addedColumns.length > 0;
    return report;
  }
  const made = (def: SheetDef) => report.createdSheets.includes(def.name);
  const read = (def: SheetDef) => contents.get(def.key);
  const settingsAdded = made(SETTINGS) || settingsComplete(read(SETTINGS), marks()) ? 0 : writeDefaultSettings(ss, report, marks());
  if (!made(SURVEY_QUESTIONS) && !hasRows(read(SURVEY_QUESTIONS))) writeDefaultSurveyQuestions(ss);
  if (sheets === WORKBOOK && !made(MAIL_TEMPLATES) && !mailKindsComplete(read(MAIL_TEMPLATES))) writeDefaultMailTemplates(ss);
  if (sheets === WORKBOOK) {
    // The sheet list read above, under the lock: 取り込み記録 is made without asking for it (or the list) again.
    const importSheet = existing.get(IMPORT_RECORD.name);
    ensureImportRecord(ss, { sheet: importSheet, at: sheetCount!, grid: newGrid, complete: allSized });
    // Every sheet of ours was found or made, carries its mark and has its pre-size now (none was left aside as
    // renamed): said once, so later runs skip the per-sheet checks. A sheet made later by a person under our name has
    // no mark; it is still recognised by its header row (renames.ts), as sheets from before the marks were.
    if (!allSized && !report.renamed.length) ss.addDeveloperMetadata(READY_KEY, '1');
  }
  report.changed ||= report.createdSheets.length > 0 || report.addedColumns.length > 0 || settingsAdded > 0;
  return report;
}

/** Sheets whose default rows 初期設定 keeps complete: read whole in the sheet loop. */
const DEFAULT_ROWS_IN = new Set<string>([SETTINGS.key, SURVEY_QUESTIONS.key, MAIL_TEMPLATES.key]);

/**
 * The pre-checks below skip a sheet's default-rows writer (writeDefaultSettings, writeDefaultSurveyQuestions,
 * writeDefaultMailTemplates) only when it would write nothing; any doubt (no values read, a column not found, a blank
 * row inside the data, which may be an append's rows left below: its flush moves them) runs the writer as before.
 */
function columnOf(values: readonly CellValue[][], def: SheetDef, key: string): number {
  const header = headerKey(def.columns.find((c) => c.key === key)?.header);
  return (values[0] ?? []).findIndex((h) => headerKey(h) === header);
}
const cellText = (v: CellValue | undefined) => String(v ?? '').trim();
const blank = (row: readonly CellValue[]) => row.every((v) => v === '');
function dataRows(values: readonly CellValue[][] | undefined): CellValue[][] | null {
  if (!values) return null;
  const rows = values.slice(1);
  while (rows.length && blank(rows[rows.length - 1]!)) rows.pop();
  return rows.some(blank) ? null : rows;
}

function hasRows(values: readonly CellValue[][] | undefined): boolean {
  return !!values && values.slice(1).some((r) => !blank(r));
}

function mailKindsComplete(values: readonly CellValue[][] | undefined): boolean {
  const rows = dataRows(values);
  const kind = values ? columnOf(values, MAIL_TEMPLATES, 'kind') : -1;
  if (!rows || kind < 0) return false;
  const present = new Set(rows.map((r) => cellText(r[kind])));
  return MAIL_KINDS.every((k) => present.has(MAIL_KIND_LABELS[k]));
}

function settingsComplete(values: readonly CellValue[][] | undefined, ssMeta: SpreadsheetMarks): boolean {
  const rows = dataRows(values);
  const [key, description] = values ? [columnOf(values, SETTINGS, 'key'), columnOf(values, SETTINGS, 'description')] : [-1, -1];
  if (!rows || key < 0 || description < 0) return false;
  const present = new Set(rows.map((r) => cellText(r[key])));
  return DEFAULT_SETTINGS.every((s) => present.has(s.key))
    && !rows.some((r) => isSettingKey(cellText(r[key])) && cellText(r[description]) === '')
    && [...durableSettings(ssMeta)].every(([k, v]) => v === '' || present.has(k));
}

/** Spreadsheet-level mark: every sheet of the workbook carries its role mark (set by a complete run of 初期設定). */
const ROLES_MARKED_KEY = 'shuro-network.sheets-marked';
/** setup10: the same, and every sheet that grows has had its pre-size (SheetDef.rows); replaces the mark above. */
const READY_KEY = 'shuro-network.sheets-ready';

/**
 * Grows an existing sheet to `rows` when it has fewer, its new rows given its last row's formats and dropdowns (as
 * tables.ts growTo does): getMaxRows, and 3 calls when it grows. A sheet of a header only is left to grow on demand
 * (its last row is the header, whose style is not the data's). Returns the sheet's rows now.
 */
function bringToSize(sheet: GoogleAppsScript.Spreadsheet.Sheet, rows: number, width: number): number {
  const now = sheet.getMaxRows();
  if (now >= rows || now < 2) return now;
  const template = sheet.getRange(now, 1, 1, Math.max(1, width));
  sheet.insertRowsAfter(now, rows - now);
  template.copyFormatToRange(sheet, 1, Math.max(1, width), now + 1, rows);
  return rows;
}


/**
 * Dropdown and checkbox rules built once per run and shared by every sheet (a rule is a value; each builder step is a
 * round trip, so building the same rule for each sheet cost four calls a column).
 */
type Rules = (column: ColumnDef) => GoogleAppsScript.Spreadsheet.DataValidation | null;

function validationRules(): Rules {
  const built = new Map<string, GoogleAppsScript.Spreadsheet.DataValidation>();
  let builder: GoogleAppsScript.Spreadsheet.DataValidationBuilder | undefined;
  return (column) => {
    const key = column.checkbox ? 'checkbox' : column.choices ? `list:${column.choices.join('\u0001')}` : null;
    if (key === null) return null;
    let rule = built.get(key);
    if (!rule) {
      // One builder for the run: each require… "Sets the data validation rule to require …" (the criteria set before
      // are replaced) and build() "Constructs a data validation rule from the settings applied to the builder" (a
      // value, which later settings do not change): https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder
      // No setAllowInvalid(true): a new rule already allows invalid input with a warning ("The default for new data
      // validation rules is true", https://developers.google.com/apps-script/reference/spreadsheet/data-validation#getAllowInvalid()).
      builder ??= SpreadsheetApp.newDataValidation();
      rule = (column.checkbox ? builder.requireCheckbox() : builder.requireValueInList([...column.choices!], true)).build();
      built.set(key, rule);
    }
    return rule;
  };
}

/** Number formats and dropdowns for new columns, rows 2…max, in one call each. */
function applyColumnFormats(sheet: GoogleAppsScript.Spreadsheet.Sheet, firstColumn: number, columns: readonly ColumnDef[], built: Rules, maxRows: number): void {
  const rows = maxRows - 1;
  if (rows < 1) return;
  const range = sheet.getRange(2, firstColumn, rows, columns.length);
  const formats = columns.map((c) => (c.text ? '@' : c.dateFormat ?? 'General'));
  range.setNumberFormats(Array.from({ length: rows }, () => formats));
  const rules = columns.map(built);
  if (rules.some((r) => r !== null)) range.setDataValidations(Array.from({ length: rows }, () => rules));
}

/** A warning-only protection: volunteers may still edit after confirming, but not by accident. */
function protectHeader(sheet: GoogleAppsScript.Spreadsheet.Sheet, columns: number, lang: Lang, created: boolean, wholeHeader: GoogleAppsScript.Spreadsheet.Range | null): void {
  // A sheet made just now has no protection to replace (no need to ask).
  for (const p of created ? [] : sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)) {
    const description = p.getDescription();
    // A header protection without a description is one a failed run created but could not label (protect() and
    // setDescription() are two calls): left alone, it would lock the header for everyone but the owner.
    const halfMade = description === '' && p.getRange().getRow() === 1 && p.getRange().getColumn() === 1 && p.getRange().getNumRows() === 1;
    if (description === HEADER_PROTECTION || halfMade) p.remove();
  }
  // On a new sheet the header range just written is the whole header row (no need to ask for it again).
  (wholeHeader ?? sheet.getRange(1, 1, 1, columns)).protect().setDescription(HEADER_PROTECTION).setWarningOnly(true);
  if (!created) sheet.getRange(1, 1).setNote(t(lang, 'setup.headerProtection'));
}

/**
 * The default rows of a sheet made in this run, in its columns' order (a new sheet's headers are its definition's, in
 * order): 設定's (below), the default survey questions (SURVEY_SHEET_HEADERS are アンケート設問's columns), one メール文面
 * row per kind. Other sheets: none.
 */
function initialRows(marks: () => SpreadsheetMarks, def: SheetDef, report: SetupReport): string[][] {
  if (def.key === SURVEY_QUESTIONS.key) return surveyQuestionRows();
  if (def.key === MAIL_TEMPLATES.key) return MAIL_KINDS.map((kind) => { const m = defaultMailTemplate(kind); return [MAIL_KIND_LABELS[kind], m.subject, m.body]; });
  return def.key === SETTINGS.key ? settingRows(marks(), report, new Set()) : [];
}

/**
 * 設定's rows (項目, 値, 説明) not `present`: the seeded keys, then template and folder ids that 設定 lost (the sheet
 * deleted, or their rows) put back from the spreadsheet's record, so the next run uses the customised template instead
 * of making a new default one. (Durable keys have no seed.)
 */
function settingRows(ssMeta: SpreadsheetMarks, report: SetupReport, present: ReadonlySet<string>): string[][] {
  const rows = DEFAULT_SETTINGS.filter((s) => !present.has(s.key)).map((s) => [s.key, s.value, s.description]);
  for (const [key, value] of durableSettings(ssMeta)) {
    if (present.has(key) || value === '') continue;
    rows.push([key, value, settingDescription(key)]);
    report.recoveredSettings.push(key);
  }
  return rows;
}

/**
 * For a caller that read 設定 and found a declared row missing (企業相談フォームを作成): what 初期設定 writes there, on a
 * fresh writer's read under the lock (a row a person added meanwhile is kept as typed, only what is still missing goes in).
 */
export function completeSettings(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  writeDefaultSettings(ss, { recoveredSettings: [] } as unknown as SetupReport, ss.getDeveloperMetadata().map((m) => ({ key: m.getKey(), m })));
}

function writeDefaultSettings(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, report: SetupReport, ssMeta: SpreadsheetMarks): number {
  const table = Table.open(ss, SETTINGS);
  const present = new Set(table.rows().map((r) => r.text('key').trim()));
  // Every declared 項目 gets its explanation beside it (an empty 説明 only: a coordinator's own wording stays).
  for (const r of table.rows()) {
    const key = r.text('key').trim();
    if (isSettingKey(key) && r.text('description').trim() === '') table.set(r.rowNumber, 'description', settingDescription(key));
  }
  for (const [key, value, description] of settingRows(ssMeta, report, present)) table.append({ key, value, description });
  return table.flush().appended;
}
