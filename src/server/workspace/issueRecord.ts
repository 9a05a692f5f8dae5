/**
 * 発行記録: a hidden sheet the add-on owns, one row per document it issued (種類, 発行日, 名称, 文書id, URL). The
 * activity report counts the year's pamphlets from it — whatever language the coordinator's add-on speaks (操作ログ
 * lines are sentences in the user's language, and a sentence is no record).
 *
 * Why a hidden sheet: it is the add-on's record, not something to type into (the documents themselves are in the
 * Drive folder and linked from the sidebar); a sheet, unlike a Document Property, grows without a size limit and can be
 * unhidden to be read. Rows are appended with Sheet.appendRow, which writes below the last row with content at that
 * moment (https://developers.google.com/apps-script/reference/spreadsheet/sheet#appendRow(Object)): nothing read
 * earlier is written back. Values are written as text (leading apostrophe), so a date or a name is never parsed.
 */
import { CivilDate, parseCivilDate } from '../domain/ja';
import { SheetDef } from '../domain/schema';
import { claimSheets } from './ownership';
import { headerKey, optionalRows, sheetValues } from './tables';

export const ISSUE_RECORD = {
  key: 'issues',
  name: '発行記録',
  columns: [
    { key: 'kind', header: '種類', text: true },
    { key: 'on', header: '発行日', text: true },
    { key: 'name', header: '名称', text: true },
    { key: 'id', header: '文書id', text: true },
    { key: 'url', header: 'URL', text: true },
  ],
} as const satisfies SheetDef;

/** Kinds of issued documents, as written in 種類 (data, the same in every language). */
export const PAMPHLET_KIND = 'パンフレット';
export const REPORT_KIND = '活動報告書';

export interface Issue { kind: string; on: CivilDate; name: string; id: string; url: string }

const HEADERS = ISSUE_RECORD.columns.map((c) => c.header as string);
/**
 * A pamphlet's listed agencies (団体 ids, 「;」-separated), in a sixth column beside the five the record always had: so
 * the sidebar can say which issued pamphlets still list an agency that withdrew (issue 16). Records made before it have
 * no header there and read as "not known".
 */
const LISTED = '掲載団体id';

/**
 * Appends one issued document — the operation's last write, so a failure before it leaves no row for a document the
 * operation then trashes. The record is made on first use: claimed (developer metadata), hidden, then its plain-text
 * header; a making cut short is finished by the next run (no header yet: hide and write it again).
 */
export function recordIssue(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, issue: { kind: string; on: string; name: string; id: string; url: string; listed?: readonly string[] }): void {
  // A volunteer's own sheet of this name is refused (named), never written to.
  const [sheet] = claimSheets(ss, [{ name: ISSUE_RECORD.name, isOurs: (first) => HEADERS.every((h, i) => headerKey(first[i]) === h) }]) as [GoogleAppsScript.Spreadsheet.Sheet];
  if (sheet.getLastRow() === 0) {
    sheet.hideSheet();
    sheet.getRange(1, 1, 1, HEADERS.length + 1).setValues([[...HEADERS, LISTED]]);
  }
  // A leading apostrophe keeps each value as typed text (a date stays "2026-02-02", a name is never a formula).
  sheet.appendRow([issue.kind, issue.on, issue.name, issue.id, issue.url, ...(issue.listed ? [issue.listed.join(';')] : [])].map((v) => `'${v}`));
}

/** 発行記録 as stored (text: each value was written with a leading apostrophe), for the sidebar to read. One read. */
export function readIssueRows(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): string[][] {
  return (((sheet) => (sheet ? sheetValues(sheet) : []))(ss.getSheetByName(ISSUE_RECORD.name))).map((r) => r.map(String));
}

/** Every issued document on record (none when the record does not exist yet). */
export function readIssues(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone: string): Issue[] {
  // No record yet, or one whose making was cut short (no header yet): nothing issued; recordIssue finishes it.
  return optionalRows(ss, ISSUE_RECORD, timeZone, true).flatMap((r) => {
    const on = parseCivilDate(r.text('on'));
    return on && !('invalid' in on) ? [{ kind: r.text('kind').trim(), on, name: r.text('name').trim(), id: r.text('id').trim(), url: r.text('url').trim() }] : [];
  });
}
