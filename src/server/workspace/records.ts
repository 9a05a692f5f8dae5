/**
 * Typed views of the sheets the forms feature reads: 行事 → EventRecord, 団体 → AgencyRef, 参加者台帳 → LedgerRow,
 * and form response sheets → FormSubmission. Each is one Table read (a few calls, whatever the row count).
 */
import { AGENCIES, EVENTS, LEDGER } from '../domain/schema';
import { EventRecord, parseCapacity } from '../domain/events';
import { FormSubmission, LedgerRow, responseKey, submissionKey } from '../domain/ledger';
import { AgencyRef } from '../domain/registration';
import { CellValue, Table, TableRow, TableView, formatZoned, sheetValues } from './tables';

export type EventKey = (typeof EVENTS)['columns'][number]['key'];
type LedgerKey = (typeof LEDGER)['columns'][number]['key'];
export type EventsTable = Table<EventKey>;
export type LedgerTable = Table<LedgerKey>;

const asDate = (v: CellValue): Date | null => (v instanceof Date ? v : null);

export function eventFromRow(row: TableRow<(typeof EVENTS)['columns'][number]['key']>): EventRecord {
  return {
    id: row.text('id').trim(),
    kind: row.text('kind').trim(),
    title: row.text('title').trim(),
    start: asDate(row.get('start')),
    end: asDate(row.get('end')),
    venue: row.text('venue').trim(),
    capacity: parseCapacity(row.get('capacity')).capacity,
    registrationFormId: row.text('registrationFormId').trim(),
    registrationFormUrl: row.text('registrationForm').trim(),
    surveyFormId: row.text('surveyFormId').trim(),
    surveyFormUrl: row.text('surveyForm').trim(),
    registrationSheetId: row.text('registrationSheetId').trim(),
    surveySheetId: row.text('surveySheetId').trim(),
  };
}

/**
 * `view`: for a caller that never writes (the activity report): a Table view, 2 calls fewer (tables.ts). The writable
 * signature is the last one, which ReturnType<typeof readEvents> picks.
 */
export function readEvents(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone: string | undefined, view: true): { table: TableView<EventKey>; events: EventRecord[]; rowNumbers: number[] };
export function readEvents(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone?: string): { table: EventsTable; events: EventRecord[]; rowNumbers: number[] };
export function readEvents(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone?: string, view?: true): { table: TableView<EventKey>; events: EventRecord[]; rowNumbers: number[] } {
  // view undefined: the writable Table of the second signature.
  const table = Table.open(ss, EVENTS, timeZone, view as true);
  const rows = table.rows().filter((r) => r.text('id').trim() !== '' || r.text('title').trim() !== '');
  return { table, events: rows.map(eventFromRow), rowNumbers: rows.map((r) => r.rowNumber) };
}

/** Always a view (no formulas asked: 2 calls fewer): the table is never handed out, so nothing could write through it. */
export function readAgencies(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone?: string): AgencyRef[] {
  const table = Table.open(ss, AGENCIES, timeZone, true);
  return table.rows()
    .map((r) => ({ id: r.text('id').trim(), name: r.text('name').trim(), kind: r.text('kind').trim(), kana: r.text('nameKana').trim() }))
    .filter((a) => a.name !== '');
}

export function ledgerRowFrom(row: TableRow<(typeof LEDGER)['columns'][number]['key']>): LedgerRow {
  const attended = row.get('attended');
  return {
    responseId: row.text('responseId').trim(),
    eventId: row.text('eventId').trim(),
    name: row.text('name'),
    furigana: row.text('furigana'),
    agency: row.text('agency').trim(),
    agencyId: row.text('agencyId').trim(),
    jobTitle: row.text('jobTitle'),
    email: row.text('email'),
    attendanceMode: row.text('attendanceMode').trim(),
    registeredAt: asDate(row.get('registeredAt')),
    status: row.text('status').trim(),
    attended: attended === true || String(attended).toUpperCase() === 'TRUE',
    checkedInAt: asDate(row.get('checkedInAt')),
    route: row.text('route').trim(),
    remarks: row.text('remarks'),
  };
}

export function readLedger(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone: string | undefined, view: true): { table: TableView<LedgerKey>; rows: LedgerRow[]; rowNumbers: number[] };
export function readLedger(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone?: string): { table: LedgerTable; rows: LedgerRow[]; rowNumbers: number[] };
export function readLedger(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone?: string, view?: true): { table: TableView<LedgerKey>; rows: LedgerRow[]; rowNumbers: number[] } {
  return ledgerOf(Table.open(ss, LEDGER, timeZone, view as true));
}

/** The ledger's rows as a table holds them (with what it appended): a caller that has the table open reads nothing. */
export function ledgerOf<T extends TableView<LedgerKey>>(table: T): { table: T; rows: LedgerRow[]; rowNumbers: number[] } {
  const rows = table.rows();
  return { table, rows: rows.map(ledgerRowFrom), rowNumbers: rows.map((r) => r.rowNumber) };
}

export function appendLedgerRow(table: LedgerTable, row: LedgerRow): number {
  return table.append({
    responseId: row.responseId, eventId: row.eventId, name: row.name, furigana: row.furigana, agency: row.agency, agencyId: row.agencyId, jobTitle: row.jobTitle,
    email: row.email, attendanceMode: row.attendanceMode, registeredAt: row.registeredAt ?? '', status: row.status, attended: row.attended,
    checkedInAt: row.checkedInAt ?? '', route: row.route, remarks: row.remarks, ...(row.optOut ? { optOut: true } : {}),
  });
}

/** A response cell as text, the same way whether it came from the trigger's range or a whole-sheet read. */
function cellText(v: unknown, timeZone: string): string {
  if (v instanceof Date) return formatZoned(v, timeZone, true);
  if (v === null || v === undefined) return '';
  return String(v);
}

export interface ReadSubmission {
  submission: FormSubmission;
  /** Row in the response sheet as the user sees it. */
  rowNumber: number;
}

/**
 * One response row → a submission keyed by its form, timestamp and place among same-time rows (submissionKey), with
 * the key earlier versions used (sheet, timestamp and answers; trailing blank cells ignored so a row read before and
 * after a question was added keeps it).
 */
export function submissionFromRow(sheetId: string, header: readonly unknown[], cells: readonly unknown[], timeZone: string, source = sheetId, occurrence = 0): FormSubmission | null {
  const stamp = cells[0];
  if (!(stamp instanceof Date)) return null;
  const texts = cells.slice(1).map((v) => cellText(v, timeZone));
  while (texts.length && texts[texts.length - 1] === '') texts.pop();
  const answers: Record<string, string> = {};
  texts.forEach((text, i) => {
    const title = String(header[i + 1] ?? '').trim();
    if (title !== '' && !(title in answers && text === '')) answers[title] = text;
  });
  return { responseKey: submissionKey(source, stamp, occurrence), legacyKey: responseKey(sheetId, stamp, texts), submittedAt: stamp, answers };
}

/**
 * Every response in a response sheet: one getSheetValues (tables.ts sheetValues), whatever the number of rows. `formId` names the
 * form whose responses these are (the key's source; the sheet id when unknown).
 */
export function readResponseSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet, sheetId: string, timeZone: string, formId = ''): ReadSubmission[] {
  const values = sheetValues(sheet);
  const header = values[0] ?? [];
  const out: ReadSubmission[] = [];
  const seen = new Map<number, number>();
  for (let i = 1; i < values.length; i++) {
    const stamp = values[i]![0];
    const occurrence = stamp instanceof Date ? (seen.get(stamp.getTime()) ?? 0) : 0;
    const s = submissionFromRow(sheetId, header, values[i]!, timeZone, formId || sheetId, occurrence);
    if (s) {
      seen.set(s.submittedAt.getTime(), occurrence + 1);
      out.push({ submission: s, rowNumber: i + 1 });
    }
  }
  return out;
}
