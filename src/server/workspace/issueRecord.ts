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
import { claimSheets, markOwned } from './ownership';
import { Table, headerKey, sheetValues } from './tables';
import { UserFacingError } from './errors';

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

/** A PDF made beside the document (the pamphlet's), in a seventh column: 設定 no longer keeps the latest one. */
const PDF_URL = 'PDF';

/** 発行記録 as this execution found it (its header in place, by position), so the append needs no second look. */
const checked = new WeakMap<GoogleAppsScript.Spreadsheet.Spreadsheet, GoogleAppsScript.Spreadsheet.Sheet>();

/**
 * Appends one issued document — the operation's last write, so a failure before it leaves no row for a document the
 * operation then trashes. Calls: appendRow alone when this execution already read the record (the report); else its
 * look-up and its first row (1 call: getSheetValues' -1 is "the very last … column that has data",
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#getSheetValues(Integer,Integer,Integer,Integer))
 * then appendRow: 3. A record whose first row is not the add-on's header goes through the ownership check (claimSheets:
 * a volunteer's own sheet of this name is refused, named, never written to). The record is made on first use: inserted,
 * claimed (developer metadata), hidden, then its plain-text header and this row in one setValues; a making cut short is
 * finished by the next run (no header yet: hide and write it again).
 */
export function recordIssue(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, issue: { kind: string; on: string; name: string; id: string; url: string; listed?: readonly string[]; pdfUrl?: string }): void {
  // A leading apostrophe keeps each value as typed text (a date stays "2026-02-02", a name is never a formula).
  const row = [issue.kind, issue.on, issue.name, issue.id, issue.url, ...(issue.listed || issue.pdfUrl ? [(issue.listed ?? []).join(';')] : []), ...(issue.pdfUrl ? [issue.pdfUrl] : [])].map((v) => `'${v}`);
  let sheet = checked.get(ss) ?? null;
  checked.delete(ss);
  let ready = sheet !== null;
  let fresh = false;
  if (!sheet) {
    sheet = ss.getSheetByName(ISSUE_RECORD.name);
    if (sheet) {
      let first: readonly unknown[] = [];
      try {
        first = sheet.getSheetValues(1, 1, 1, -1)[0] ?? [];
      } catch {
        // An empty sheet has no extent to read: not our header; the ownership check below decides.
      }
      ready = isHeader(first);
      if (!ready) [sheet] = claimSheets(ss, [{ name: ISSUE_RECORD.name, isOurs: isHeader }]) as [GoogleAppsScript.Spreadsheet.Sheet];
    } else {
      // Inserted without an index (no getSheets call to count the tabs): where Google puts it is not documented
      // (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#insertSheet(String)) and does not
      // matter, since it is hidden at once and found by name.
      sheet = ss.insertSheet(ISSUE_RECORD.name);
      markOwned(sheet, ISSUE_RECORD.name);
      fresh = true;
    }
  }
  if (ready || (!fresh && sheet.getLastRow() > 0)) {
    sheet.appendRow(row);
  } else {
    sheet.hideSheet();
    const header = [...HEADERS, LISTED, PDF_URL];
    sheet.getRange(1, 1, 2, header.length).setValues([header, header.map((_, i) => row[i] ?? '')]);
  }
}

function isHeader(first: readonly unknown[]): boolean {
  return HEADERS.every((h, i) => headerKey(first[i]) === h);
}

/** 発行記録 as stored (text: each value was written with a leading apostrophe), for the sidebar to read. One read. */
export function readIssueRows(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): string[][] {
  return (((sheet) => (sheet ? sheetValues(sheet) : []))(ss.getSheetByName(ISSUE_RECORD.name))).map((r) => r.map(String));
}

/** Every issued document on record (none when the record does not exist yet). */
export function readIssues(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone: string): Issue[] {
  let view;
  try {
    view = Table.open(ss, ISSUE_RECORD, timeZone, true);
  } catch (e) {
    // No record yet, or one whose making was cut short (no header yet): nothing issued; recordIssue finishes it.
    checked.delete(ss);
    if (e instanceof UserFacingError) return [];
    throw e;
  }
  // Its header where the append writes (by position): this execution's recordIssue appends without looking again.
  if (ISSUE_RECORD.columns.every((c, i) => view.column(c.key) === i + 1)) checked.set(ss, view.sheet);
  else checked.delete(ss);
  return view.rows().flatMap((r) => {
    const on = parseCivilDate(r.text('on'));
    return on && !('invalid' in on) ? [{ kind: r.text('kind').trim(), on, name: r.text('name').trim(), id: r.text('id').trim(), url: r.text('url').trim() }] : [];
  });
}
