/**
 * Personal data on request and at the end of its period (issue 19): 「本人のデータを検索」, 「本人のデータを削除」 and
 * 「個人情報の整理」. Both erasing operations are one engine (collect, then apply) over every place the add-on keeps
 * something about a person, choosing the rows differently — a person's (by e-mail, or name and ふりがな), or the ended
 * events':
 * - the sheets of PERSONAL_SHEETS (参加者台帳, 受講記録, 参加証明書発行記録, アンケート記録, 操作ログ, and what later
 *   features add) through Table, found by header, each read once and written with the people-safe write (tables.ts);
 *   the files such a sheet lists (a per-person certificate PDF) go to the trash;
 * - the events' response sheets and self check-in sheets (headers are the questions), read once each; a row is found
 *   again by its timestamp just before writing, and blanked or scrubbed in one setValues per run of rows;
 * - the forms' own response stores through FormApp (forms scope): Google keeps every response there whatever happens
 *   to the sheet ("All forms … save a copy of responses in the form's response store",
 *   https://developers.google.com/apps-script/reference/forms/destination-type), and Form.deleteResponse "does not
 *   delete copies of responses stored in an external response destination (like a spreadsheet)"
 *   (https://developers.google.com/apps-script/reference/forms/form#deleteResponse(String)) — both stores are erased;
 * - the accommodation forms (accommodation.ts), which have no response sheet at all;
 * - every other sheet: mentions in free text.
 * Nothing here writes a person's data anywhere it was not: results carry counts and places, and 操作ログ gets the
 * counts only. What no API reaches (mails already sent, the spreadsheet's version history, a form the user cannot
 * open) is named with what to do by hand.
 */
import type { PersonalDataReport, PersonalDataPlace, RetentionPlanView } from '../../../protocol';
import {
  DEFAULT_RETENTION, ERASED, ExportRow, HEADER_ALIASES, PERSONAL_SHEETS, exportItems, PersonQuery, PersonTraits, PersonalSheet, RETENTION_SETTING, erasedCells, isCountableAnswer, isPastRetention,
  isPerson, mentions, parsePersonQuery, parseRetention, scrub, traitsOf, ScanCursor, idHash, parseCursor, secondWindows,
} from '../../domain/privacy';
import { expired as spent } from '../deadline';
import { REGISTRATION_TITLES } from '../../domain/registration';
import { responseKey, submissionKey } from '../../domain/ledger';
import { normaliseEmail } from '../../domain/email';
import type { EventRecord } from '../../domain/events';
import { CellValue, Table, formatZoned, spreadsheetTimeZone } from '../tables';
import { UserFacingError, isTransientFailure } from '../errors';
import { Lang, list, t } from '../../i18n/messages';
import { SCOPES } from '../../scopes';
import { ledgerRowFrom, readEvents, readLedger } from '../records';
import { LEDGER } from '../../domain/schema';
import { Settings, documentProperties } from '../settings';
import { civilDateOf, summariseSurveysInSheet } from './surveyResults';
import { readSurveyQuestions } from './surveys';
import { openExisting } from './forms';
import { isNotFound, listFolder, trash, trashQuietly } from '../drive';
import { createDocumentWithPdf } from '../docBlocks';
import { accommodationFormIds } from './accommodation';
import { readCheckInForms } from './checkin';
import { CHECK_IN_TITLES, receiptNumber, typedReceipt } from '../../domain/checkin';
import { PAMPHLET_SETTINGS } from './pamphlet';
import { CONSULT_FORMS_KEY } from './consultations';

export const PRIVACY_SCOPES = [SCOPES.sheets, SCOPES.forms, SCOPES.driveFile] as const;
/** The search writes its export as a Google Doc (Docs batchUpdate, DocumentApp for the PDF). */
export const SEARCH_SCOPES = [...PRIVACY_SCOPES, SCOPES.documents] as const;

type SS = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Cells = Record<string, string>;

// ---------- the sheets of PERSONAL_SHEETS ----------

interface OpenSheet {
  def: PersonalSheet;
  table: Table<string>;
  rows: Row[];
}
interface Row { rowNumber: number; cells: Cells }

/**
 * The sheet read once, or null when this spreadsheet does not have it (a feature not yet used). `view`: for a search or
 * a plan, which only read (no formulas asked: 2 calls fewer a sheet); what erases (apply) opens writers, under the lock.
 */
function openPersonal(ss: SS, def: PersonalSheet, timeZone: string, view?: true): OpenSheet | null {
  const headers = [...new Set([def.event, def.email, def.name, def.furigana, def.eraseName, def.link, def.files, ...(def.since ?? []), ...def.clear, ...(def.freeText ?? []), ...(def.identity ?? [])]
    .filter((h): h is string => h !== undefined))];
  let table: Table<string>;
  try {
    // A view is typed as the Table it is at run time: apply, the only caller of set/flush, never gets one.
    table = Table.open(ss, { key: def.sheet, name: def.sheet, columns: headers.map((h) => ({ key: h, header: h, aliases: HEADER_ALIASES[h] })), ...(def.rowKey ? { rowKey: def.rowKey } : {}) }, timeZone, view as true) as Table<string>;
  } catch (e) {
    if (!(e instanceof UserFacingError)) throw e;
    if (def.optional && e.key === 'setup.needed' && String(e.params.sheet) === def.sheet) return null;
    // A record from before its files column (certificates.ts adds it on its next run): no file recorded yet.
    if (def.files && e.params.column === def.files) return openPersonal(ss, { ...def, files: undefined }, timeZone, view);
    // A response sheet of a locale whose time stamp header is not in HEADER_ALIASES: its rows have no date to count from.
    if (def.since?.includes(String(e.params.column))) return openPersonal(ss, { ...def, since: def.since.filter((h) => h !== e.params.column) }, timeZone, view);
    throw e;
  }
  return { def, table, rows: table.rows().map((r) => ({ rowNumber: r.rowNumber, cells: Object.fromEntries(headers.map((h) => [h, r.text(h)])) })) };
}

const pick = (def: PersonalSheet, cells: Cells) => ({ email: def.email ? cells[def.email] ?? '' : '', name: def.name ? cells[def.name] ?? '' : '', furigana: def.furigana ? cells[def.furigana] ?? '' : '' });
const filesIn = (s: OpenSheet, r: Row): string[] => (s.def.files ? (r.cells[s.def.files] ?? '').split(/\s+/).filter((x) => x) : []);

// ---------- response sheets ----------

type Purpose = 'registration' | 'survey' | 'checkin' | 'accommodation' | 'consult';

interface ResponseSheet {
  event: EventRecord;
  purpose: Purpose;
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  /** The sheet's id as found (asked once, not per row). */
  id: string;
  header: string[];
  /** Data rows as read: row number, key (timestamp ms # place among same-time rows), the cells as text. */
  rows: { rowNumber: number; key: string; cells: string[] }[];
}

/** Rows with a timestamp, keyed `ms#n` (n: its place among rows of the same time): how a row is found again. */
function keyed(values: readonly CellValue[][]): { i: number; key: string }[] {
  const seen = new Map<number, number>();
  return values.flatMap((row, i) => {
    const stamp = row[0];
    if (i === 0 || !(stamp instanceof Date)) return [];
    const n = seen.get(stamp.getTime()) ?? 0;
    seen.set(stamp.getTime(), n + 1);
    return [{ i, key: `${stamp.getTime()}#${n}` }];
  });
}

/** Each event's forms (and the sheet id each writes to): check-in, registration, survey, accommodation. */
interface FormInfo { event: EventRecord; purpose: Purpose; formId: string; sheetId: string }

function formsOf(events: readonly EventRecord[]): FormInfo[] {
  const accommodation = accommodationFormIds();
  const checkIn = readCheckInForms();
  // The two company forms (issue 17): their response sheets are in PERSONAL_SHEETS, their stores are visited here.
  const consult = readJson<Record<string, { formId?: string }>>(CONSULT_FORMS_KEY, {});
  const company = (['intake', 'status'] as const).map((part, i) => ({ event: { id: ['企業相談', '対応状況'][i] } as EventRecord, purpose: 'consult' as const, formId: consult[part]?.formId ?? '', sheetId: '' }));
  return [...company.filter((f) => f.formId), ...events.flatMap((e) => ([
    ['checkin', checkIn[e.id]?.formId, checkIn[e.id]?.sheetId], ['registration', e.registrationFormId, e.registrationSheetId],
    ['survey', e.surveyFormId, e.surveySheetId], ['accommodation', accommodation[e.id], ''],
  ] as const).map(([purpose, formId, sheetId]) => ({ event: e, purpose, formId: formId ?? '', sheetId: sheetId ?? '' })).filter((f) => f.formId || f.sheetId))];
}

function readResponseSheets(ss: SS, forms: readonly FormInfo[], timeZone: string): ResponseSheet[] {
  const byId = new Map(ss.getSheets().map((s) => [String(s.getSheetId()), s]));
  return forms.flatMap((f) => {
    const sheet = byId.get(f.sheetId);
    if (!sheet) return [];
    const values = sheet.getDataRange().getValues() as CellValue[][];
    return [{
      event: f.event, purpose: f.purpose, sheet, id: f.sheetId, header: (values[0] ?? []).map((h) => String(h).trim()),
      rows: keyed(values).map(({ i, key }) => ({ rowNumber: i + 1, key, cells: values[i]!.map((v) => (v instanceof Date ? formatZoned(v, timeZone, true) : String(v ?? ''))) })),
    }];
  });
}

/** The answers that say who answered (e-mail or 受付番号, name, ふりがな), on a registration or check-in sheet. */
const whoTitles = (rs: ResponseSheet): string[] => (rs.purpose === 'checkin'
  ? [CHECK_IN_TITLES.key, CHECK_IN_TITLES.name, CHECK_IN_TITLES.furigana]
  : [REGISTRATION_TITLES.email, REGISTRATION_TITLES.name, REGISTRATION_TITLES.furigana]);

function whoAnswered(rs: ResponseSheet, cells: readonly string[]): { email: string; name: string; furigana: string } {
  const [email, name, furigana] = whoTitles(rs).map((title) => { const i = rs.header.indexOf(title); return i < 0 ? '' : cells[i] ?? ''; }) as [string, string, string];
  return { email, name, furigana };
}

type Rewrite = (live: CellValue[]) => CellValue[];

/**
 * Rewrites rows of a response sheet, found again by key in a read made just before writing (people sort and insert
 * rows; Google appends new responses). One setValues per run of consecutive rows (a tidy-up's survey rows, every
 * fourth with free text, are thousands of runs at 10,000 responses: they stop at the time budget, the rest found
 * again by the next run). Returns the rows written and the rows left.
 */
function rewriteResponseRows(sheet: GoogleAppsScript.Spreadsheet.Sheet, targets: ReadonlyMap<string, Rewrite>): [number, number] {
  if (targets.size === 0) return [0, 0];
  const live = sheet.getDataRange().getValues() as CellValue[][];
  const width = Math.max(1, ...live.map((r) => r.length));
  const writes = keyed(live).flatMap(({ i, key }) => {
    const cells = targets.get(key)?.(live[i]!);
    return cells && cells.some((v, j) => j > 0 && String(v) !== String(live[i]![j] ?? '')) ? [{ row: i + 1, cells }] : [];
  });
  for (let k = 0; k < writes.length && width > 1;) {
    if (k && spent()) return [k, writes.length - k];
    let end = k;
    while (end + 1 < writes.length && writes[end + 1]!.row === writes[end]!.row + 1) end++;
    const block = writes.slice(k, end + 1).map((w) => Array.from({ length: width - 1 }, (_, j) => w.cells[j + 1] ?? ''));
    sheet.getRange(writes[k]!.row, 2, block.length, width - 1).setValues(block);
    k = end + 1;
  }
  return [writes.length, 0];
}

const blankAnswers: Rewrite = (live) => live.map((v, j) => (j === 0 ? v : ''));

// ---------- forms' own response stores ----------

/** The time stamp column of a form's answer sheet (domain/privacy.ts STAMP). */
const STAMP = 'タイムスタンプ';

const FORM_PLACE: Record<Purpose, string> = { registration: '申込フォーム', survey: 'アンケートフォーム', accommodation: '配慮事項フォーム', checkin: '受付フォーム', consult: 'フォーム' };
const formPlace = (f: { purpose: Purpose; event: EventRecord }) => `${FORM_PLACE[f.purpose]}（${f.event.id}）の回答`;

// ---------- files: 受付名簿 and 参加証明書 (checkin.ts, certificates.ts), exports ----------

/** Trashes a file; one already gone (deleted for good by its owner) is nothing to trash. */
function trashIfThere(id: string): void {
  try {
    trash(id);
  } catch (e) {
    if (!isNotFound(e) || isTransientFailure(e)) throw e;
  }
}

const EXPORTS_KEY = 'privacy.exports';

/** One hash per trait (an e-mail, a name), so an erase asked by name finds the export a search by e-mail made. */
const traitHashes = (traits: PersonTraits): string[] => [...traits.emails, ...traits.names].map((text) => submissionKey(text, new Date(0), 0));

/** Each export: its files (a CSV made before the Doc has `id`), for whom, the day it was made (yyyy-MM-dd). */
type Exports = { id?: string; ids?: string[]; keys: string[]; day?: string }[];

/** A Document Property as JSON. Only a mangled value reads as none: a failed Properties call is Google's and stops the run. */
function readJson<T>(key: string, none: T): T {
  const raw = documentProperties().getProperty(key);
  try { return raw ? (JSON.parse(raw) as T) : none; } catch { return none; }
}

const readExports = (): Exports => readJson<Exports>(EXPORTS_KEY, []);

/**
 * Trashes the exports made for these people, or (retention) made on a day whose period has ended: an export holds the
 * person's data, so it is kept no longer than the data itself (Drive keeps a trashed file 30 days).
 */
function exportsFor(traits: PersonTraits, ended?: (day: string) => boolean): { all: Exports; mine: Exports } {
  const keys = new Set(traitHashes(traits));
  const all = readExports();
  return { all, mine: all.filter((x) => x.keys.some((k) => keys.has(k)) || (!!ended && !!x.day && ended(x.day))) };
}

function trashExports(traits: PersonTraits, ended?: (day: string) => boolean): void {
  const { all, mine } = exportsFor(traits, ended);
  if (mine.length === 0) return;
  for (const x of mine) for (const id of x.ids ?? [x.id ?? '']) trashIfThere(id);
  documentProperties().setProperty(EXPORTS_KEY, JSON.stringify(all.filter((x) => !mine.includes(x))));
}

// ---------- the engine: collect, then apply ----------

/** How a request or a tidy-up chooses what goes. */
interface Choice {
  /** The forms (and their response sheets, read) visited; the sheet ids of every event's, which are no "other" sheet. */
  forms: FormInfo[];
  responseSheets: ResponseSheet[];
  formSheets: string[];
  /** A personal sheet's row: its cells after erasing ({} to leave it), or null when it is not concerned. */
  row: (s: OpenSheet, r: Row) => Cells | null;
  /** Whether the row's files (and the event's documents) are concerned. */
  own: (s: OpenSheet, r: Row) => boolean;
  /** A response row: how to rewrite it, whether it is the person's own (blanked whole, who they are last), or null. */
  response: (rs: ResponseSheet, r: ResponseSheet['rows'][number]) => { rewrite: Rewrite; own: boolean } | null;
  /** How a form's responses are chosen, given the seconds of the concerned rows of its sheet; null: not opened. */
  form: (f: FormInfo, seconds: Set<number>) => ((form: GoogleAppsScript.Forms.Form) => FormPick) | null;
  /** Search and erase: where an earlier execution stopped (the sidebar carries it); keeps `found` (search). */
  cursor?: ScanCursor;
  keepFound?: boolean;
  /** The share of the time budget the scans may use (what follows them needs the rest; default all). */
  share?: number;
  /** Whose mentions go from every other sheet. */
  traits: PersonTraits;
  /** The export's rows (search only). */
  lines?: ExportRow[];
}

type Response = GoogleAppsScript.Forms.FormResponse;

/**
 * A form's responses to scan (`list`, one call) and whether each is concerned (`mine`: null for one outside the
 * person's seconds); without `mine` every listed response is (retention, an ended event's form: no call per response
 * until it is deleted). `expect`: the scan stops once it has seen that many responses within the seconds.
 */
interface FormPick { list: Response[]; mine?: (r: Response) => boolean | null; expect?: number }

interface Work {
  traits: PersonTraits;
  /** Responses examined (or, retention, deleted) in this execution; still to examine or delete; whether stopped early. */
  done: number;
  left: number;
  partial: boolean;
  cursor?: ScanCursor;
  places: PersonalDataPlace[];
  /** Events concerned (retention's list). */
  touched: Set<string>;
  sheets: { s: OpenSheet; changes: Map<Row, Cells> }[];
  responses: { rs: ResponseSheet; targets: Map<string, { rewrite: Rewrite; own: boolean }> }[];
  forms: { place: string; formId: string; form: GoogleAppsScript.Forms.Form; found: { r: Response; id?: string }[]; counted: boolean }[];
  unreachableForms: string[];
  others: GoogleAppsScript.Spreadsheet.Sheet[];
  /** The concerned files (per-person PDFs), and the events' 受付名簿 and 参加証明書 documents. */
  files: { ids: string[]; place: string };
  documents: { id: string; name: string }[];
}

/**
 * Scans a form's listed responses, in this execution's share of the time budget (deadline.ts): the concerned ones,
 * with their ids when a cursor is kept. Stopped early, what was not examined is counted as left, and the responses
 * examined that are not the person's go into the cursor, so that the next execution skips them whatever the order
 * Google lists them in (one getId each), and the scan makes progress every time.
 */
function scanForm(work: Work, formId: string, pick: FormPick, choice: Choice): { r: Response; id?: string }[] {
  if (!pick.mine) return pick.list.map((r) => ({ r }));
  const cursor = work.cursor;
  const seen = new Set(cursor?.seen[formId]);
  const skip = new Set(cursor?.found[formId]);
  const resumed = seen.size + skip.size > 0;
  const found: { r: Response; id?: string }[] = [];
  const others: string[] = [];
  let within = 0;
  let skipped = 0;
  let i = 0;
  // Resumed, the count from before no longer tells where to stop (some of those responses were seen then).
  for (; i < pick.list.length && (resumed || pick.expect === undefined || within < pick.expect); i++) {
    // At least one response each execution, whatever the budget: every run makes progress.
    if (i > skipped && spent(choice.share)) break;
    const r = pick.list[i]!;
    const id = cursor ? r.getId() : undefined;
    if (id !== undefined && (seen.has(idHash(id)) || skip.has(id))) { skipped++; continue; }
    const mine = pick.mine(r);
    if (mine !== null) within++;
    if (mine) found.push({ r, id });
    else if (id !== undefined) others.push(idHash(id));
  }
  work.done += i - skipped;
  const stopped = i < pick.list.length && (resumed || pick.expect === undefined || within < pick.expect);
  // Left: the responses not reached, less those seen before that are still to come.
  if (stopped) { work.partial = true; work.left += Math.max(0, pick.list.length - i - (seen.size + skip.size - skipped)); }
  if (cursor) {
    cursor.seen[formId] = [...seen, ...others];
    if (choice.keepFound) cursor.found[formId] = [...skip, ...found.map((x) => x.id!)];
    if (!stopped) cursor.done.push(formId);
  }
  return found;
}

function collect(ss: SS, sheets: OpenSheet[], choice: Choice): Work {
  const { lines } = choice;
  const work: Work = { traits: choice.traits, done: 0, left: 0, partial: false, places: [], touched: new Set(), sheets: [], responses: [], forms: [], unreachableForms: [], others: [], files: { ids: [], place: '' }, documents: [] };
  const cursor = choice.cursor;
  if (cursor) work.cursor = { seen: { ...cursor.seen }, found: { ...cursor.found }, done: [...cursor.done] };
  const place = (name: string, rows: number, eventId?: string) => { if (rows) { work.places.push({ place: name, rows }); if (eventId) work.touched.add(eventId); } };
  const ownEvents: string[] = [];
  const prefixes: string[] = [];
  for (const s of sheets) {
    const changes = new Map<Row, Cells>();
    for (const r of s.rows) {
      const cells = choice.row(s, r);
      if (cells === null) continue;
      const eventId = (r.cells[s.def.event ?? ''] ?? '').trim();
      const mine = choice.own(s, r);
      if (mine) {
        ownEvents.push(eventId);
        // Its own files (a per-person PDF): by id, and by name for one whose id never reached the row.
        const ids = filesIn(s, r);
        if (ids.length) { work.files.ids.push(...ids); cells[s.def.files!] = ''; }
        if (s.def.filesNamed) prefixes.push(s.def.filesNamed(r.cells));
        work.files.place ||= s.def.filesPlace ?? '';
      }
      if (Object.keys(cells).length === 0) continue;
      changes.set(r, cells);
      // A company's row past its period (PersonalSheet.since) is listed as 企業相談 beside the events.
      if (eventId || (mine && s.def.since)) work.touched.add(eventId || '企業相談');
      lines?.push({ place: s.def.sheet, cells: { 行: String(r.rowNumber), ...Object.fromEntries(Object.entries(r.cells).filter(([h, v]) => v !== '' && (mine || s.def.freeText?.includes(h)))) } });
    }
    place(s.def.sheet, changes.size);
    if (changes.size) work.sheets.push({ s, changes });
  }
  for (const rs of choice.responseSheets) {
    const targets = new Map<string, { rewrite: Rewrite; own: boolean }>();
    for (const r of rs.rows) {
      const target = choice.response(rs, r);
      if (!target) continue;
      targets.set(r.key, target);
      lines?.push({ place: rs.sheet.getName(), cells: { 行: String(r.rowNumber), ...Object.fromEntries(r.cells.flatMap((c, j) => (j > 0 && c !== '' ? [[rs.header[j] ?? '', c]] : []))) } });
    }
    place(rs.sheet.getName(), targets.size, rs.event.id);
    if (targets.size) work.responses.push({ rs, targets });
  }
  for (const f of choice.forms) {
    if (!f.formId) continue;
    const rs = work.responses.find((x) => x.rs.event === f.event && x.rs.purpose === f.purpose);
    const seconds = new Set([...(rs?.targets.keys() ?? [])].map((k) => Math.floor(Number(k.split('#')[0]) / 1000)));
    const pick = choice.form(f, seconds);
    if (!pick) continue;
    const form = openExisting(f.formId);
    if (!form) { work.unreachableForms.push(formPlace(f)); continue; }
    const before = cursor?.found[f.formId] ?? [];
    const chosen = cursor?.done.includes(f.formId) ? null : pick(form);
    const found = chosen ? scanForm(work, f.formId, chosen, choice) : [];
    place(formPlace(f), found.length + (choice.keepFound ? before.length : 0), f.event.id);
    if (found.length) work.forms.push({ place: formPlace(f), formId: f.formId, form, found, counted: !chosen!.mine });
    if (lines && (f.purpose === 'accommodation' || f.purpose === 'consult')) {
      // A whole form read (accommodation, company): its answers go into the export, those found earlier read again by id.
      const earlier = before.flatMap((id) => { try { return [form.getResponse(id)]; } catch { return []; } });
      for (const r of [...earlier, ...found.map((x) => x.r)]) lines.push({ place: formPlace(f), cells: Object.fromEntries(r.getItemResponses().map((ir) => [ir.getItem().getTitle(), String(ir.getResponse() ?? '')])) });
    }
  }
  // Mentions elsewhere (a summary's free-text list, a contact typed in a note). By id: a person may rename one of the
  // sheets above while this runs, and it must not then pass for an unrelated sheet.
  const skip = new Set([...sheets.map((x) => String(x.table.sheet.getSheetId())), ...choice.formSheets]);
  if (choice.traits.emails.length + choice.traits.names.length) {
    for (const sheet of ss.getSheets()) {
      if (skip.has(String(sheet.getSheetId()))) continue;
      const texts = sheet.getDataRange().getValues().flat().filter((v): v is string => typeof v === 'string' && mentions(choice.traits, v));
      place(sheet.getName(), texts.length);
      if (texts.length) work.others.push(sheet);
      for (const text of texts) lines?.push({ place: sheet.getName(), cells: { 内容: text } });
    }
  }
  // One Drive list of the output folder: the documents of the events concerned — named 受付名簿_<id>_<date> and
  // 参加証明書_<id>_<numbers> (checkin.ts, certificates.ts), each PDF with .pdf; an id may hold 「_」, the part after
  // it does not — and the files named with a prefix above.
  const folder = ownEvents.length ? Settings.open(ss, true).get(PAMPHLET_SETTINGS.folderId) : '';
  for (const f of folder ? listFolder(folder) : []) {
    if (prefixes.some((x) => f.name.startsWith(x))) work.files.ids.push(f.id);
    const eventId = ownEvents.find((id) => ['受付名簿', '参加証明書'].some((kind) => f.name.startsWith(`${kind}_${id}_`) && !f.name.slice(kind.length + id.length + 2).includes('_')));
    if (eventId) { work.documents.push(f); work.touched.add(eventId); }
  }
  work.files.ids = [...new Set(work.files.ids)];
  // The place of a person's PDF is never its name (it names them).
  place(work.files.place, work.files.ids.length);
  lines?.push(...work.files.ids.map((id) => ({ place: work.files.place, cells: { id } })));
  return work;
}

/**
 * Carries the work out. The order makes a failure part-way safe to re-run: what finds a person (their e-mail, name and
 * ふりがな in the ledger and the registration rows) goes last, so the re-run finds everything that is left — files and
 * mentions first (found through what those rows give), the form stores before the sheet rows they are found through,
 * the identifying cells at the very end: for an e-mail query the e-mail last, for a name query 氏名 and ふりがな (and the
 * e-mail, which finds 受講記録's rows; 受講記録 comes before the ledger) — two writes, see docs/privacy.md. A failure
 * keeps Google's sentence and adds what was done.
 */
function apply(work: Work, key: (def: PersonalSheet) => string[], lang: Lang, extra: { documents?: boolean; after?: () => void } = {}): { erased: number; notErased: number } {
  let erased = 0;
  let notErased = 0;
  const done: string[] = [];
  const step = (place: string, n: number) => { erased += n; if (n && !done.includes(place)) done.push(place); };
  const flush = (part: (def: PersonalSheet, header: string) => boolean) => {
    for (const { s, changes } of work.sheets) {
      let changed = 0;
      for (const [r, cells] of changes) for (const [h, v] of Object.entries(cells)) if (part(s.def, h)) { s.table.set(r.rowNumber, h, v); changed++; }
      if (!changed) continue;
      const result = s.table.flush();
      notErased += result.conflicts.length;
      step(s.def.sheet, result.updated);
    }
  };
  const identity = (def: PersonalSheet) => [def.email, def.name, def.furigana];
  const rewrite = (early: boolean) => {
    for (const { rs, targets } of work.responses) {
      const keep = new Set(whoTitles(rs).map((h) => rs.header.indexOf(h)));
      const fns = new Map([...targets].flatMap(([k, x]): [string, Rewrite][] => (!early ? (x.own ? [[k, x.rewrite]] : [])
        : [[k, x.own ? (live) => live.map((v, j) => (j === 0 || keep.has(j) ? v : '')) : x.rewrite]])));
      const [written, left] = rewriteResponseRows(rs.sheet, fns);
      step(rs.sheet.getName(), written);
      if (left) { work.partial = true; work.left += left; }
    }
  };
  try {
    for (const id of work.files.ids) trashIfThere(id);
    step(work.files.place, work.files.ids.length);
    if (extra.documents) for (const d of work.documents) { trashIfThere(d.id); step(d.name, 1); }
    flush((def, h) => !identity(def).includes(h));
    for (const sheet of work.others) {
      const live = sheet.getDataRange().getValues();
      let n = 0;
      live.forEach((row, r) => row.forEach((v, c) => {
        if (typeof v === 'string' && mentions(work.traits, v)) { sheet.getRange(r + 1, c + 1).setValue(scrub(work.traits, v)); n++; }
      }));
      step(sheet.getName(), n);
    }
    rewrite(true);
    for (const f of work.forms) {
      let n = 0;
      for (const x of f.found) {
        // The budget spent: the rest stays for the next run (found again, so the form is no longer done in the cursor).
        if (n && spent()) { work.partial = true; work.left += f.found.length - n; if (work.cursor) work.cursor.done = work.cursor.done.filter((id) => id !== f.formId); break; }
        f.form.deleteResponse(x.id ?? x.r.getId());
        n++;
      }
      if (f.counted) work.done += n;
      step(f.place, n);
    }
    // Stopped early: what finds the person (their identifying cells, the rows the stores are found through) stays, so
    // the next run finds what is left; the same state as a run stopped by a failure here, which the fault matrix re-runs.
    if (work.partial) return { erased, notErased };
    flush((def, h) => identity(def).includes(h) && !key(def).includes(h));
    flush((def, h) => key(def).includes(h));
    rewrite(false);
    extra.after?.();
  } catch (e) {
    if (e instanceof UserFacingError || done.length === 0) throw e;
    const error = e instanceof Error ? e : new Error(String(e));
    error.message += ` ${t(lang, 'privacy.partial', { done: list(lang, done) })}`;
    throw error;
  }
  return { erased, notErased };
}

// ---------- a person's data on request ----------

/** Who the request is about, and how the engine chooses their rows. */
function personChoice(ss: SS, sheets: readonly OpenSheet[], queryText: string, timeZone: string, lines?: ExportRow[]): { query: PersonQuery; choice: Choice } {
  const query = parsePersonQuery(queryText);
  if (!query) throw new UserFacingError('privacy.badQuery');
  const forms = formsOf(readEvents(ss, timeZone, true).events);
  const responseSheets = readResponseSheets(ss, forms, timeZone);
  // Who the person is, as far as the sheets that name people know: asked by e-mail, the ledger gives the name.
  const identified = sheets.flatMap((s) => s.rows.map((r) => pick(s.def, r.cells)).filter((f) => isPerson(query, f)));
  for (const rs of responseSheets) {
    if (rs.purpose !== 'survey') for (const r of rs.rows) { const f = whoAnswered(rs, r.cells); if (isPerson(query, f)) identified.push(f); }
  }
  const traits = traitsOf(query, identified);
  // A row is the person's by what was asked, or by an e-mail the ledger gives them (受講記録 has no ふりがな), or — a
  // record without names (PersonalSheet.link) — by the 回答id of their ledger rows. (A sheet naming nobody gives
  // isPerson empty fields, which match no query.)
  const named = (def: PersonalSheet, cells: Cells) => isPerson(query, pick(def, cells)) || (!!def.email && traits.emails.includes(normaliseEmail(cells[def.email] ?? '')));
  const ledgerIds = new Set(sheets.flatMap((s) => (s.def.rowKey ? s.rows.filter((r) => named(s.def, r.cells)).map((r) => (r.cells[s.def.rowKey!] ?? '').trim()) : [])));
  const own = (s: OpenSheet, r: Row) => named(s.def, r.cells) || (!!s.def.link && ledgerIds.has((r.cells[s.def.link] ?? '').trim()));
  // A check-in made with the 受付番号 alone names nobody: it is theirs by the number their ledger row gives.
  const receipts = new Set([...ledgerIds].map(receiptNumber).filter((x) => x));
  const byReceipt = (texts: readonly string[]) => texts.some((x) => receipts.has(typedReceipt(x)));
  // Another respondent's own who-cells (their e-mail, name, ふりがな) say who answered, not whom they mention: a namesake
  // who gave another address keeps their name (a survey asks nobody's identity: every cell there is text).
  const whoColumns = (rs: ResponseSheet) => new Set(rs.purpose === 'survey' ? [] : whoTitles(rs).map((h) => rs.header.indexOf(h)).filter((i) => i > 0));
  const scrubbed = (who: ReadonlySet<number>): Rewrite => (live) => live.map((v, j) => (j > 0 && !who.has(j) && typeof v === 'string' && mentions(traits, v) ? scrub(traits, v) : v));
  // A form's response is theirs by the address it gives when it gives one (a namesake is someone else), else by a
  // mention of them.
  const givesOtherAddress = (answers: ReadonlyMap<string, string>) => {
    const email = normaliseEmail(answers.get(REGISTRATION_TITLES.email) ?? '');
    return email.includes('@') && !traits.emails.includes(email);
  };
  /**
   * The company form's answer sheet (企業相談回答): its dated rows but those an erase or tidy-up changed (a cell holds
   * （削除済み）: the row's response left the store — apply deletes it before the sheet's cells), as many as the store
   * should hold; and the seconds of the rows naming or mentioning the person in any cell. 対応状況's sheet has no such
   * mark (a tidy-up blanks its notes, kept rows): null, its answers are read whole.
   */
  const companyRows = (formName: string) => {
    const s = formName === '企業相談' ? sheets.find((x) => x.def.sheet === '企業相談回答') : undefined;
    if (!s?.table.has(STAMP)) return null;
    const seconds = new Set<number>();
    let dated = 0;
    for (const r of s.rows) {
      const stamp = s.table.row(r.rowNumber).get(STAMP);
      if (!(stamp instanceof Date)) continue;
      const texts = s.table.cellsOf(r.rowNumber).filter((v) => !(v instanceof Date) && v !== '').map(String);
      if (!texts.some((x) => x.includes(ERASED))) dated++;
      if (own(s, r) || mentions(traits, texts.join('\n'))) seconds.add(Math.floor(stamp.getTime() / 1000));
    }
    return { dated, seconds };
  };
  return {
    query,
    choice: {
      forms, responseSheets, formSheets: forms.map((f) => f.sheetId), traits, own, lines,
      row: (s, r) => {
        const mine = own(s, r);
        return mine || (s.def.freeText ?? []).some((h) => mentions(traits, r.cells[h] ?? '')) ? erasedCells(mine ? s.def : { ...s.def, retainRows: true }, r.cells, traits) : null;
      },
      response: (rs, r) => {
        const mine = rs.purpose !== 'survey' && (isPerson(query, whoAnswered(rs, r.cells)) || (rs.purpose === 'checkin' && byReceipt(r.cells.slice(1))));
        if (mine) return { rewrite: blankAnswers, own: true };
        const who = whoColumns(rs);
        return r.cells.some((c, j) => j > 0 && !who.has(j) && mentions(traits, c)) ? { rewrite: scrubbed(who), own: false } : null;
      },
      // The registration, survey and check-in responses found above by their timestamps (several may share a second:
      // the one that names the person, or gives their 受付番号, is theirs); the accommodation form's by its answers.
      // A company form's (no response sheet of the engine's: its sheet is in PERSONAL_SHEETS) by all its answers.
      form: (f, seconds) => (f.purpose !== 'accommodation' && f.purpose !== 'consult' && seconds.size === 0 ? null : (form): FormPick => {
        // An accommodation answer is theirs by its メール or 氏名 (what it says may name others).
        // A company inquiry is theirs by any answer (its titles are not asked: every answer is read).
        const isMine = (response: Response, all: boolean) => {
          const titled = f.purpose === 'consult' ? response.getItemResponses().map((ir) => ['', String(ir.getResponse() ?? '')] as const)
            : response.getItemResponses().map((ir) => [ir.getItem().getTitle(), String(ir.getResponse() ?? '')] as const)
              .filter(([title]) => all || ([REGISTRATION_TITLES.email, REGISTRATION_TITLES.name] as string[]).includes(title));
          const answers = titled.map(([, text]) => text);
          return givesOtherAddress(new Map(titled)) ? false : mentions(traits, answers.join('\n')) || (f.purpose === 'checkin' && byReceipt(answers));
        };
        if (f.purpose === 'consult') {
          // A company form's answer sheet has a row per response, stamped with its time (as the events' sheets):
          // the rows that name or mention the person give the seconds. A response with no row (a row deleted by a
          // person, one not yet written) makes the counts differ: every answer is read, as before.
          const all = form.getResponses();
          const rows = companyRows(f.event.id);
          if (!rows || rows.dated !== all.length) return { list: all, mine: (r) => isMine(r, false) };
          seconds = rows.seconds;
          if (!seconds.size) return { list: [], mine: () => null };
        }
        if (!seconds.size) return { list: form.getResponses(), mine: (r) => isMine(r, false) };
        // Only the responses of those seconds: FormApp lists responses "after a given date and time" only
        // (https://developers.google.com/apps-script/reference/forms/form#getResponses(Date)), so each second's count is
        // the difference of two lists' lengths (no call per response), and the scan stops once it has seen them all —
        // at once when Google lists responses oldest first, after every later one otherwise (then over several runs).
        // The later bound is asked first: a response arriving in between can only make the count larger.
        const windows = secondWindows(seconds);
        const after = (ms: number) => form.getResponses(new Date(ms)).length;
        const upper = windows.map((w) => after(w.to));
        const lower = windows.map((w, i) => (i ? after(w.from) : 0));
        const list = form.getResponses(new Date(windows[0]!.from));
        lower[0] = list.length;
        return { list, expect: lower.reduce((n, x, i) => n + x - upper[i]!, 0), mine: (r) => (seconds.has(Math.floor(r.getTimestamp().getTime() / 1000)) ? isMine(r, true) : null) };
      }),
    },
  };
}

/**
 * The share of the budget a run's scans may use: a read-only run's, most (the export follows); an erase's, most too
 * (its deletions are the person's few responses, its writes fixed); a tidy-up's, half (one deletion per response).
 */
const VIEW_SHARE = 0.9;
const ERASE_SHARE = 0.8;
const WRITE_SHARE = 0.5;

function findPerson(ss: SS, queryText: string, cursor: string | undefined, lines?: ExportRow[], view?: true): { query: PersonQuery; work: Work } {
  const timeZone = spreadsheetTimeZone(ss);
  const sheets = PERSONAL_SHEETS.map((def) => openPersonal(ss, def, timeZone, view)).filter((s): s is OpenSheet => s !== null);
  const { query, choice } = personChoice(ss, sheets, queryText, timeZone, lines);
  return { query, work: collect(ss, sheets, { ...choice, cursor: parseCursor(cursor), keepFound: view, share: view ? VIEW_SHARE : ERASE_SHARE }) };
}

/** The result's `more` when the run stopped at its budget (deadline.ts): counts, and the cursor for the next call. */
const moreOf = (work: Work): Pick<PersonalDataReport, 'more'> => (work.partial ? { more: { done: work.done, left: work.left, ...(work.cursor ? { cursor: JSON.stringify(work.cursor) } : {}) } } : {});

/** What the coordinator must do by hand: forms they cannot open, and the documents of the person's events (a PDF cannot be edited, a page not cut out). */
const byHand = (work: Work): PersonalDataPlace[] => [
  ...work.unreachableForms.map((place) => ({ place, rows: 0, todo: 'privacy.todo.form' as const })),
  ...work.documents.map((d) => ({ place: d.name, rows: 0, todo: 'privacy.todo.document' as const })),
];

/**
 * 「本人のデータを検索」: every place, and a readable export for the coordinator to send — a Google Doc made by the
 * add-on (Drive v3 Files.create under drive.file: SpreadsheetApp.create would need the `spreadsheets` scope), written in
 * one batchUpdate (a heading, a table per place), and its PDF — in their own My Drive, shared with nobody, never in the
 * shared spreadsheet. Both ids are kept so that erase and retention trash them.
 */
export function searchPersonalData(ss: SS, queryText: string, options: { exportFile?: boolean; now?: Date; cursor?: string } = {}): PersonalDataReport {
  const lines: ExportRow[] = [];
  const { work } = findPerson(ss, queryText, options.cursor, lines, true); // read only: views
  let exportUrl = '';
  let pdfUrl = '';
  // Stopped at the budget: the sidebar calls again with the cursor; the export is made by the last call, whole.
  if (work.partial) return { places: work.places, exportUrl, erased: 0, notErased: 0, unreachable: byHand(work), ...moreOf(work) };
  if (lines.length && options.exportFile !== false) {
    const before = readExports(); // read first: the export's id is kept one call after the file is made
    const today = formatZoned(options.now ?? new Date(), spreadsheetTimeZone(ss), false);
    const name = `本人データ_${today}`;
    const { doc, pdf } = createDocumentWithPdf(name, exportItems(name, lines), 'root', { text: '', at: [] });
    exportUrl = doc.url;
    pdfUrl = pdf.url;
    try {
      documentProperties().setProperty(EXPORTS_KEY, JSON.stringify([...before, { ids: [doc.id, pdf.id], keys: traitHashes(work.traits), day: today }]));
    } catch (e) {
      // Not kept, erase and retention could not find them: they go now, so no copy of the person's data is left unknown.
      trashQuietly(doc.id);
      trashQuietly(pdf.id);
      throw e;
    }
  }
  return { places: work.places, exportUrl, pdfUrl, erased: 0, notErased: 0, unreachable: byHand(work) };
}

/**
 * 「本人のデータを削除」: erases what findPerson found, every store in turn (apply); what a person typed meanwhile is
 * kept and counted (the sentence says to run it again). Safe to run again: erased cells are found no more, and an
 * erased ledger row keeps its place and counts. Mails already sent and the version history are the sidebar's to name.
 */
export function erasePersonalData(ss: SS, queryText: string, lang: Lang = 'ja', cursor?: string): PersonalDataReport {
  const { query, work } = findPerson(ss, queryText, cursor);
  trashExports(work.traits);
  const result = apply(work, (def) => (query.email !== '' ? [def.email ?? ''] : [def.email, def.name, def.furigana].filter((h): h is string => h !== undefined)), lang);
  return { places: work.places, exportUrl: '', ...result, unreachable: byHand(work), ...moreOf(work) };
}

// ---------- retention ----------

const SUMMARY_STALE_KEY = 'privacy.summaryStale';

/** 設定「個人情報の保存期間」 as the coordinator reads it (period), the events past it that still hold something. */
export type RetentionPlan = RetentionPlanView;

function retentionWork(ss: SS, now = new Date(), view?: true): { plan: RetentionPlan; work: Work; surveysChanged: boolean; exportEnded: (day: string) => boolean; read: { timeZone: string; events: EventRecord[] }; ledgerTable: Table<string> | undefined } {
  const timeZone = spreadsheetTimeZone(ss);
  const setting = Settings.open(ss, true).get(RETENTION_SETTING);
  const rule = parseRetention(setting);
  if (!rule) throw new UserFacingError('privacy.badRetention', { value: setting });
  const today = civilDateOf(now, timeZone);
  const events = readEvents(ss, timeZone, true).events;
  const expired = events.filter((e) => isPastRetention(e.start ? civilDateOf(e.start, timeZone) : null, today, rule));
  const expiredIds = new Set(expired.map((e) => e.id));
  const all = formsOf(events);
  const forms = all.filter((f) => expiredIds.has(f.event.id) || f.purpose === 'consult');
  const sheets = PERSONAL_SHEETS.map((def) => openPersonal(ss, def, timeZone, view)).filter((s): s is OpenSheet => s !== null);
  /** Whether a day written yyyy-MM-dd (…) is past its period. */
  const pastDay = (text: string) => { const [year, month, day] = text.split(/[- ]/).map(Number) as [number, number, number]; return day > 0 && isPastRetention({ year, month, day }, today, rule); };
  // A row of an ended event, or (no event: 企業相談) whose latest date is past its period.
  const ended = (s: OpenSheet, r: Row) => (s.def.event !== undefined ? expiredIds.has((r.cells[s.def.event] ?? '').trim())
    : !!s.def.since?.length && pastDay(s.def.since.map((h) => (r.cells[h] ?? '').slice(0, 10)).sort().pop()!));
  // The people of the ended events, so that free text elsewhere (操作ログ) loses their names too; someone who also came
  // to a later event is still within its period: their name stays where it is.
  const ledger = sheets.find((s) => s.def.rowKey);
  const byEnded = (past: boolean) => traitsOf({ email: '', name: '', furigana: '' }, (ledger?.rows ?? []).filter((r) => ended(ledger!, r) === past).map((r) => pick(ledger!.def, r.cells)));
  const current = byEnded(false);
  const gone = byEnded(true);
  for (const k of ['emails', 'names'] as const) gone[k] = gone[k].filter((x) => !current[k].includes(x));
  const choices = new Map(readSurveyQuestions(ss).questions.map((q) => [q.title, q.choices ?? []]));
  const countable = (text: string, title?: string) => isCountableAnswer(text, title === undefined ? undefined : choices.get(title));
  // A response not yet in the ledger or the survey store (its firing waits for the lock, or for the hourly catch-up)
  // is left alone, and so is its form's store: erased now, it would never be counted. The next run takes it.
  const recorded = new Set(sheets.flatMap((x) => (x.def.identity?.includes('回答id') ? x.rows.map((r) => (r.cells['回答id'] ?? '').trim()) : [])));
  /** Form id → the seconds of its responses waiting to be recorded (kept in the form's store this time). */
  const waiting = new Map<string, Set<number>>();
  const work = collect(ss, sheets, {
    forms, responseSheets: readResponseSheets(ss, forms, timeZone), formSheets: all.map((f) => f.sheetId), traits: gone, own: ended, share: view ? VIEW_SHARE : WRITE_SHARE,
    // A row within its period (of no event: 操作ログ, 企業相談) loses only the mentions of the people whose period ended.
    row: (s, r) => (ended(s, r) ? erasedCells(s.def, r.cells, null, s.def.retainRows ? (text) => countable(text, s.def.sheet === 'アンケート記録' ? r.cells['設問'] ?? '' : undefined) : undefined)
      : s.def.event === undefined ? erasedCells({ ...s.def, retainRows: true }, r.cells, gone) : null),
    response: (rs, r) => {
      const [ms, n] = r.key.split('#').map(Number) as [number, number];
      const id = rs.id;
      const source = (rs.purpose === 'registration' ? rs.event.registrationFormId : rs.event.surveyFormId) || id;
      const texts = r.cells.slice(1);
      while (texts.length && texts[texts.length - 1] === '') texts.pop();
      // Keyed as 回答を同期 keys it now, or as earlier versions did (sheet, timestamp and answers).
      if (rs.purpose !== 'checkin' && !recorded.has(submissionKey(source, new Date(ms), n)) && !recorded.has(responseKey(id, new Date(ms), texts))) {
        waiting.set(source, (waiting.get(source) ?? new Set()).add(Math.floor(ms / 1000)));
        return null;
      }
      const rewrite: Rewrite = rs.purpose === 'survey' ? (live) => live.map((v, j) => (j === 0 || countable(String(v), rs.header[j] ?? '') ? v : '')) : blankAnswers;
      return rewrite(r.cells).some((v, j) => String(v) !== r.cells[j]) ? { rewrite, own: rs.purpose !== 'survey' } : null;
    },
    // Every response of an ended event's forms, by id from one read under the lock (one call per response): a response
    // submitted meanwhile — its trigger waits for our lock — is not in the list (deleteAllResponses would take it too:
    // test/concurrency/entry-points.test.ts, a response half-way through, then matches neither serial order);
    // one that waits to be recorded is kept.
    // A company form's responses go by their own time stamps.
    form: (f) => (form) => {
      const list = form.getResponses();
      const kept = waiting.get(f.formId);
      return f.purpose === 'consult' ? { list, mine: (r) => pastDay(formatZoned(r.getTimestamp() as unknown as Date, timeZone, false)) }
        : kept ? { list, mine: (r) => !kept.has(Math.floor(r.getTimestamp().getTime() / 1000)) } : { list };
    },
  });
  // The summary sheets list free text: rebuilt from the store once it is tidied. The need is written down before the
  // store changes, so a run that fails in between still rebuilds them when it is run again.
  const storeChanged = work.sheets.some((c) => c.s.def.sheet === 'アンケート記録');
  const surveysChanged = storeChanged || documentProperties().getProperty(SUMMARY_STALE_KEY) !== null;
  if (surveysChanged && !storeChanged) work.places.push({ place: 'アンケート集計', rows: 1 });
  for (const d of work.documents) work.places.push({ place: d.name, rows: 1 });
  // 「本人のデータを検索」's exports of those people, and any made on a day whose period has ended.
  const exportEnded = pastDay;
  const exports = exportsFor(gone, exportEnded).mine.length;
  if (exports) work.places.push({ place: '本人データ', rows: exports });
  return { plan: { period: setting || DEFAULT_RETENTION, events: [...expired.map((e) => e.id), '企業相談'].filter((id) => work.touched.has(id) || (id === '企業相談' && work.touched.has('対応状況'))), places: work.places }, work, surveysChanged, exportEnded, read: { timeZone, events }, ledgerTable: ledger?.table };
}

/** 「個人情報の整理」, first step: what is past its period (read only; nothing changes). */
export function planRetention(ss: SS, now = new Date()): RetentionPlan {
  return retentionWork(ss, now, true).plan; // read only: views
}

/** 「個人情報の整理」, on confirmation: planned again under the lock (people edited meanwhile), then carried out. */
export function runRetention(ss: SS, lang: Lang = 'ja', now = new Date()): PersonalDataReport & { events: string[]; period: string } {
  const { plan, work, surveysChanged, exportEnded, read, ledgerTable } = retentionWork(ss, now);
  // The summaries' counts (申込者数, 出席者数) from the ledger as the tidy-up read it, not read again: a row a person
  // deleted between two reads was erased by one and counted by the other (the volunteer matrix, 申込者数 7 not 8).
  // With one read the run is as "tidy-up, then the deletion" (the tidy-up keeps every count).
  const summaryRead = surveysChanged ? { ...read, ledger: ledgerTable ? ledgerTable.viewAs(LEDGER).rows().map(ledgerRowFrom) : readLedger(ss, read.timeZone, true).rows } : undefined;
  const props = documentProperties();
  trashExports(work.traits, exportEnded);
  if (surveysChanged) props.setProperty(SUMMARY_STALE_KEY, '1');
  const result = apply(work, () => [], lang, {
    documents: true,
    after: () => { if (summaryRead) { summariseSurveysInSheet(ss, lang, summaryRead); props.deleteProperty(SUMMARY_STALE_KEY); } },
  });
  return { places: plan.places, events: plan.events, period: plan.period, exportUrl: '', ...result, unreachable: byHand({ ...work, documents: [] }), ...moreOf(work) };
}
