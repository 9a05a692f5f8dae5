/**
 * 「初期設定」: creates missing sheets and appends missing columns, never deleting or moving data. Formats,
 * dropdowns and header styling are applied only where a column is new, so a second run changes nothing and a
 * volunteer's own formatting of existing columns is kept. Calls grow with the number of sheets, not rows.
 */
import { ColumnDef, SETTINGS, SheetDef, SURVEY_QUESTIONS, WORKBOOK } from '../../domain/schema';
import { DEFAULT_SETTINGS, isSettingKey, settingDescription } from '../../domain/settings';
import { writeDefaultSurveyQuestions } from './surveys';
import { writeDefaultMailTemplates } from '../mail';
import { ensureImportRecord } from './importRecord';
import { SHEET_ROLE_KEY, SheetSurvey, renamedColumn } from '../renames';
import { durableSettings } from '../settings';
import { Lang, t } from '../../i18n/messages';
import { headerKey, Table } from '../tables';

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

export function setUpWorkbook(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang, sheets: readonly SheetDef[] = WORKBOOK): SetupReport {
  const report: SetupReport = { createdSheets: [], addedColumns: [], changed: false, renamed: [], recoveredSettings: [] };
  const all = ss.getSheets();
  const existing = new Map(all.map((s) => [s.getName(), s]));
  const survey = new SheetSurvey(ss, all);
  // Tab position of the next new sheet, counted here rather than asked of Google once per sheet.
  let sheetCount = all.length;
  const rules = new ValidationRules();
  for (const def of sheets) {
    let sheet = existing.get(def.name);
    let headers: string[] = [];
    if (!sheet) {
      // Renamed, not gone: a new empty sheet beside it would split the data (ticks in one, new rows in the other).
      const renamed = survey.renamed(def);
      if (renamed) {
        report.renamed.push(t(lang, 'sheet.renamed', { expected: def.name, actual: renamed.name }));
        continue;
      }
      sheet = ss.insertSheet(def.name, sheetCount++);
      sheet.addDeveloperMetadata(SHEET_ROLE_KEY, def.key);
      report.createdSheets.push(def.name);
    } else {
      const lastColumn = sheet.getLastColumn();
      if (lastColumn > 0) headers = sheet.getRange(1, 1, 1, lastColumn).getValues()[0]!.map(headerKey);
      // Sheets from before the marks get theirs, so a later rename is still recognised.
      if (!sheet.getDeveloperMetadata().some((m) => m.getKey() === SHEET_ROLE_KEY)) sheet.addDeveloperMetadata(SHEET_ROLE_KEY, def.key);
    }
    // Trailing blank header cells are reused rather than skipped over.
    while (headers.length && headers[headers.length - 1] === '') headers.pop();
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
      const maxColumns = sheet.getMaxColumns();
      if (needed > maxColumns) sheet.insertColumnsAfter(maxColumns, needed - maxColumns);
      // The header text is written last: a column counts as set up only once its header exists, so a run that
      // fails half-way (a Google service error) redoes the formats, dropdowns and protection on the next run.
      const header = sheet.getRange(1, first, 1, missing.length);
      const created = report.createdSheets.includes(def.name);
      applyColumnFormats(sheet, first, missing, rules);
      header.setFontWeight('bold').setBackground(HEADER_BACKGROUND);
      protectHeader(sheet, needed, lang, created, created ? header : null);
      // On a new sheet the header starts at A1: the note explaining the protection goes with the header's notes.
      if (created) header.setNotes([missing.map((_, i) => (i === 0 ? t(lang, 'setup.headerProtection') : ''))]);
      header.setValues([missing.map((c) => c.header)]);
      if (headers.length || !report.createdSheets.includes(def.name)) report.addedColumns.push(...missing.map((c) => `${def.name}.${c.header}`));
    }
    // A sheet made just now has no frozen row (no need to ask).
    if (report.createdSheets.includes(def.name) || sheet.getFrozenRows() !== 1) {
      sheet.setFrozenRows(1);
      report.changed = true;
    }
  }
  // Always checked (not only when 設定 / アンケート設問 was just created): a run that failed after creating the sheet
  // must still leave the defaults behind. Only missing settings keys are appended and existing values are never
  // overwritten; the default questions are written only into an empty question sheet.
  if (report.renamed.some((m) => m.includes(`「${SETTINGS.name}」`) || m.includes(`「${SURVEY_QUESTIONS.name}」`))) return report;
  const settingsAdded = writeDefaultSettings(ss, report);
  writeDefaultSurveyQuestions(ss);
  if (sheets === WORKBOOK) writeDefaultMailTemplates(ss);
  if (sheets === WORKBOOK) ensureImportRecord(ss);
  report.changed ||= report.createdSheets.length > 0 || report.addedColumns.length > 0 || settingsAdded > 0;
  return report;
}

/**
 * Dropdown and checkbox rules built once per run and shared by every sheet (a rule is a value; each builder step is a
 * round trip, so building the same rule for each sheet cost four calls a column).
 */
class ValidationRules {
  private readonly built = new Map<string, GoogleAppsScript.Spreadsheet.DataValidation>();
  of(column: ColumnDef): GoogleAppsScript.Spreadsheet.DataValidation | null {
    const key = column.checkbox ? 'checkbox' : column.choices ? `list:${column.choices.join('\u0001')}` : null;
    if (key === null) return null;
    let rule = this.built.get(key);
    if (!rule) {
      rule = column.checkbox
        ? SpreadsheetApp.newDataValidation().requireCheckbox().build()
        : SpreadsheetApp.newDataValidation().requireValueInList([...column.choices!], true).setAllowInvalid(true).build();
      this.built.set(key, rule);
    }
    return rule;
  }
}

/** Number formats and dropdowns for new columns, rows 2…max, in one call each. */
function applyColumnFormats(sheet: GoogleAppsScript.Spreadsheet.Sheet, firstColumn: number, columns: readonly ColumnDef[], built: ValidationRules): void {
  const rows = sheet.getMaxRows() - 1;
  if (rows < 1) return;
  const range = sheet.getRange(2, firstColumn, rows, columns.length);
  const formats = columns.map((c) => (c.text ? '@' : c.dateFormat ?? 'General'));
  range.setNumberFormats(Array.from({ length: rows }, () => formats));
  const rules = columns.map((c) => built.of(c));
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

function writeDefaultSettings(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, report: SetupReport): number {
  const table = Table.open(ss, SETTINGS);
  const present = new Set(table.rows().map((r) => r.text('key').trim()));
  for (const s of DEFAULT_SETTINGS) if (!present.has(s.key)) table.append(s);
  // Every declared 項目 gets its explanation beside it (an empty 説明 only: a coordinator's own wording stays).
  for (const r of table.rows()) {
    const key = r.text('key').trim();
    if (isSettingKey(key) && r.text('description').trim() === '') table.set(r.rowNumber, 'description', settingDescription(key));
  }
  // Template and folder ids that 設定 lost (the sheet deleted, or their rows): put back from the spreadsheet's record,
  // so the next run uses the customised template instead of making a new default one.
  for (const [key, value] of durableSettings(ss)) {
    if (present.has(key) || value === '') continue;
    table.append({ key, value, description: settingDescription(key) });
    report.recoveredSettings.push(key);
  }
  return table.flush().appended;
}
