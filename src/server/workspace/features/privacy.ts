/**
 * Personal data on request and at the end of its period (issue 19): 「本人のデータを検索」, 「本人のデータを削除」 and
 * 「個人情報の整理」. Every place the add-on keeps something about a person is visited the same way:
 * - the sheets of PERSONAL_SHEETS (参加者台帳, アンケート記録, 操作ログ, and what later features add) through Table,
 *   found by header, each read once and written once with the people-safe write (tables.ts);
 * - the events' response sheets (headers are the questions), read once each; a row is found again by its timestamp
 *   just before writing, and blanked or scrubbed in one setValues per run of rows;
 * - the forms' own response stores through FormApp (forms scope): Google keeps every response there whatever happens
 *   to the sheet ("All forms … save a copy of responses in the form's response store",
 *   https://developers.google.com/apps-script/reference/forms/destination-type), and Form.deleteResponse "does not
 *   delete copies of responses stored in an external response destination (like a spreadsheet)"
 *   (https://developers.google.com/apps-script/reference/forms/form#deleteResponse(String)) — both stores are erased;
 * - the accommodation forms (accommodation.ts), which have no response sheet at all.
 * Nothing here writes a person's data anywhere it was not: results carry counts and places, and 操作ログ gets the
 * counts only. What no API reaches (mails already sent, the spreadsheet's version history, a form the user cannot
 * open) is named with what to do by hand.
 */
import type { PersonalDataReport, PersonalDataPlace } from '../../../protocol';
import {
  DEFAULT_RETENTION, PERSONAL_SHEETS, PersonQuery, PersonTraits, PersonalSheet, RETENTION_SETTING, RetentionRule, erasedCells, isCountableAnswer, isPastRetention,
  isPerson, mentions, parsePersonQuery, parseRetention, scrub, traitsOf,
} from '../../domain/privacy';
import { REGISTRATION_TITLES } from '../../domain/registration';
import { responseKey, submissionKey } from '../../domain/ledger';
import { normaliseEmail } from '../../domain/email';
import type { EventRecord } from '../../domain/events';
import { CellValue, Table, formatZoned, spreadsheetTimeZone } from '../tables';
import { UserFacingError, isTransientFailure } from '../errors';
import { Lang, list, t } from '../../i18n/messages';
import { SCOPES } from '../../scopes';
import { readEvents } from '../records';
import { Settings } from '../settings';
import { civilDateOf, summariseSurveysInSheet } from './surveyResults';
import { readSurveyQuestions } from './surveys';
import { createFileFromBlob, isNotFound, listFolder, trash } from '../drive';
import { accommodationFormIds } from './accommodation';
import { readCheckInForms } from './checkin';
import { CHECK_IN_TITLES } from '../../domain/checkin';
import { PAMPHLET_SETTINGS } from './pamphlet';

export const PRIVACY_SCOPES = [SCOPES.sheets, SCOPES.forms, SCOPES.driveFile] as const;
/** 「個人情報の整理」 trashes the ended events' 受付名簿 and 参加証明書 (drive.file: files the add-on made). */
export const RETENTION_SCOPES = PRIVACY_SCOPES;

type SS = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Cells = Record<string, string>;

// ---------- the sheets of PERSONAL_SHEETS ----------

interface OpenSheet {
  def: PersonalSheet;
  table: Table<string>;
  rows: { rowNumber: number; cells: Cells }[];
}

function headersOf(def: PersonalSheet): string[] {
  const list = [def.event, def.email, def.name, def.furigana, def.eraseName, ...def.clear, ...(def.freeText ?? []), ...(def.identity ?? [])];
  return [...new Set(list.filter((h): h is string => h !== undefined))];
}

/** The sheet read once, or null when this spreadsheet does not have it (a feature not yet used). */
function openPersonal(ss: SS, def: PersonalSheet, timeZone: string): OpenSheet | null {
  const headers = headersOf(def);
  const sheetDef = { key: def.sheet, name: def.sheet, columns: headers.map((h) => ({ key: h, header: h })), ...(def.rowKey ? { rowKey: def.rowKey } : {}) };
  let table: Table<string>;
  try {
    table = Table.open(ss, sheetDef, timeZone);
  } catch (e) {
    if (def.optional && e instanceof UserFacingError && e.key === 'setup.needed' && String(e.params.sheet) === def.sheet) return null;
    throw e;
  }
  const rows = table.rows().map((r) => ({ rowNumber: r.rowNumber, cells: Object.fromEntries(headers.map((h) => [h, r.text(h)])) as Cells }));
  return { def, table, rows };
}

// ---------- response sheets ----------

interface ResponseSheet {
  event: EventRecord;
  purpose: 'registration' | 'survey' | 'checkin';
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  header: string[];
  /** Data rows as read: row number, timestamp (ms) and its place among same-time rows, the cells as text. */
  rows: { rowNumber: number; stamp: number; occurrence: number; cells: string[] }[];
}

function readResponseSheets(ss: SS, events: readonly EventRecord[], timeZone: string): ResponseSheet[] {
  const checkIn = readCheckInForms();
  const wanted = events.flatMap((e) => [
    ...(e.registrationSheetId ? [{ event: e, purpose: 'registration' as const, id: e.registrationSheetId }] : []),
    ...(e.surveySheetId ? [{ event: e, purpose: 'survey' as const, id: e.surveySheetId }] : []),
    // The self check-in form's sheet (checkin.ts): an e-mail or 受付番号, and a walk-in's name and ふりがな.
    ...(checkIn[e.id]?.sheetId ? [{ event: e, purpose: 'checkin' as const, id: checkIn[e.id]!.sheetId }] : []),
  ]);
  if (wanted.length === 0) return [];
  const byId = new Map(ss.getSheets().map((s) => [String(s.getSheetId()), s]));
  const out: ResponseSheet[] = [];
  for (const w of wanted) {
    const sheet = byId.get(w.id);
    if (!sheet) continue;
    const values = sheet.getDataRange().getValues();
    const header = (values[0] ?? []).map((h) => String(h).trim());
    const seen = new Map<number, number>();
    const rows: ResponseSheet['rows'] = [];
    for (let i = 1; i < values.length; i++) {
      const stamp = values[i]![0];
      if (!(stamp instanceof Date)) continue;
      const occurrence = seen.get(stamp.getTime()) ?? 0;
      seen.set(stamp.getTime(), occurrence + 1);
      rows.push({ rowNumber: i + 1, stamp: stamp.getTime(), occurrence, cells: values[i]!.map((v) => (v instanceof Date ? formatZoned(v, timeZone, true) : String(v ?? ''))) });
    }
    out.push({ event: w.event, purpose: w.purpose, sheet, header, rows });
  }
  return out;
}

/** The questions that say who answered (e-mail, name, ふりがな), on a registration or check-in sheet. */
const whoTitles = (rs: ResponseSheet): string[] => (rs.purpose === 'checkin'
  ? [CHECK_IN_TITLES.key, CHECK_IN_TITLES.name, CHECK_IN_TITLES.furigana]
  : [REGISTRATION_TITLES.email, REGISTRATION_TITLES.name, REGISTRATION_TITLES.furigana]);

function registrationFields(rs: ResponseSheet, cells: readonly string[]): { email: string; name: string; furigana: string } {
  const [email, name, furigana] = whoTitles(rs).map((title) => { const i = rs.header.indexOf(title); return i < 0 ? '' : cells[i] ?? ''; }) as [string, string, string];
  return { email, name, furigana };
}

/**
 * Rewrites rows of a response sheet, found again by timestamp and place among same-time rows in a read made just
 * before writing (people sort and insert rows; Google appends new responses): `next` gets the live row and returns
 * its new cells, or null to leave it. One setValues per run of consecutive rows. Returns the rows written.
 */
function rewriteResponseRows(rs: ResponseSheet, targets: ReadonlyMap<string, (live: CellValue[]) => CellValue[] | null>): number {
  if (targets.size === 0) return 0;
  const live = rs.sheet.getDataRange().getValues() as CellValue[][];
  const seen = new Map<number, number>();
  const writes: { row: number; cells: CellValue[] }[] = [];
  for (let i = 1; i < live.length; i++) {
    const stamp = live[i]![0];
    if (!(stamp instanceof Date)) continue;
    const occurrence = seen.get(stamp.getTime()) ?? 0;
    seen.set(stamp.getTime(), occurrence + 1);
    const next = targets.get(`${stamp.getTime()}#${occurrence}`);
    if (!next) continue;
    const cells = next(live[i]!);
    if (cells && cells.some((v, j) => j > 0 && String(v) !== String(live[i]![j] ?? ''))) writes.push({ row: i + 1, cells });
  }
  writes.sort((a, b) => a.row - b.row);
  const width = Math.max(1, ...live.map((r) => r.length));
  for (let k = 0; k < writes.length;) {
    let end = k;
    while (end + 1 < writes.length && writes[end + 1]!.row === writes[end]!.row + 1) end++;
    if (width > 1) {
      const block = writes.slice(k, end + 1).map((w) => Array.from({ length: width - 1 }, (_, j) => w.cells[j + 1] ?? ''));
      rs.sheet.getRange(writes[k]!.row, 2, block.length, width - 1).setValues(block);
    }
    k = end + 1;
  }
  return writes.length;
}

const blankAnswers = (live: CellValue[]): CellValue[] => live.map((v, j) => (j === 0 ? v : ''));

// ---------- every other sheet: mentions in free text (a summary's free-text list, a contact typed in a note) ----------

interface OtherSheet { sheet: GoogleAppsScript.Spreadsheet.Sheet; texts: string[] }

/** Sheets that are neither in PERSONAL_SHEETS nor response sheets, with how many cells mention the person. */
function otherSheetsMentioning(ss: SS, skip: ReadonlySet<string>, traits: PersonTraits): OtherSheet[] {
  if (traits.emails.length + traits.names.length === 0) return [];
  const out: OtherSheet[] = [];
  for (const sheet of ss.getSheets()) {
    if (skip.has(String(sheet.getSheetId()))) continue;
    const texts = sheet.getDataRange().getValues().flat().filter((v): v is string => typeof v === 'string' && mentions(traits, v));
    if (texts.length) out.push({ sheet, texts });
  }
  return out;
}

/** Replaces the mentions in a sheet as it is now (read again just before writing); one setValue per cell. */
function scrubSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet, traits: PersonTraits): number {
  const live = sheet.getDataRange().getValues();
  let n = 0;
  live.forEach((row, r) => row.forEach((v, c) => {
    if (typeof v === 'string' && mentions(traits, v)) { sheet.getRange(r + 1, c + 1).setValue(scrub(traits, v)); n++; }
  }));
  return n;
}

// ---------- forms' own response stores ----------

interface FormRef { eventId: string; formId: string; label: 'registration' | 'survey' | 'accommodation' | 'checkin' }

function formsOf(events: readonly EventRecord[]): FormRef[] {
  const accommodation = accommodationFormIds();
  const checkIn = readCheckInForms();
  return events.flatMap((e) => [
    ...(checkIn[e.id]?.formId ? [{ eventId: e.id, formId: checkIn[e.id]!.formId, label: 'checkin' as const }] : []),
    ...(e.registrationFormId ? [{ eventId: e.id, formId: e.registrationFormId, label: 'registration' as const }] : []),
    ...(e.surveyFormId ? [{ eventId: e.id, formId: e.surveyFormId, label: 'survey' as const }] : []),
    ...(accommodation[e.id] ? [{ eventId: e.id, formId: accommodation[e.id]!, label: 'accommodation' as const }] : []),
  ]);
}

/** The form, or null when this user cannot open it (deleted, or not shared with them). An outage is rethrown. */
function openForm(id: string): GoogleAppsScript.Forms.Form | null {
  try {
    return FormApp.openById(id);
  } catch (e) {
    if (isTransientFailure(e)) throw e;
    return null;
  }
}

const FORM_PLACE: Record<FormRef['label'], string> = { registration: '申込フォーム', survey: 'アンケートフォーム', accommodation: '配慮事項フォーム', checkin: '受付フォーム' };
const formPlace = (f: FormRef) => `${FORM_PLACE[f.label]}（${f.eventId}）の回答`;

/** An accommodation response's e-mail and name (its questions are ours: メール, 氏名). */
function accommodationIdentity(response: GoogleAppsScript.Forms.FormResponse): { email: string; name: string; text: string } {
  const out = { email: '', name: '', text: '' };
  for (const ir of response.getItemResponses()) {
    const title = ir.getItem().getTitle();
    const value = String(ir.getResponse() ?? '');
    if (title === REGISTRATION_TITLES.email) out.email = value;
    else if (title === REGISTRATION_TITLES.name) out.name = value;
    else out.text += `${value}\n`;
  }
  return out;
}

// ---------- the documents that name people: 受付名簿 and 参加証明書 (checkin.ts, certificates.ts) ----------

interface EventDocument { id: string; name: string; eventId: string }

/** The 受付名簿 and 参加証明書 (Doc and PDF) of these events in the add-on's output folder, by name: one Drive list. */
function eventDocuments(settings: Settings, eventIds: readonly string[]): EventDocument[] {
  const folder = eventIds.length ? settings.get(PAMPHLET_SETTINGS.folderId) : '';
  // Named 受付名簿_<id>_<date> and 参加証明書_<id>_<numbers> (checkin.ts, certificates.ts), each PDF with .pdf; an id
  // may hold 「_」, the part after it does not. (A file named after one person would say whose: not listed here.)
  return (folder ? listFolder(folder) : []).flatMap((f) => {
    const eventId = eventIds.find((id) => ['受付名簿', '参加証明書'].some((kind) => f.name.startsWith(`${kind}_${id}_`) && !f.name.slice(kind.length + id.length + 2).includes('_')));
    return eventId ? [{ ...f, eventId }] : [];
  });
}

/** Trashes a file; one already gone (deleted for good by its owner) is nothing to trash. */
function trashIfThere(id: string): void {
  try {
    trash(id);
  } catch (e) {
    if (!isNotFound(e) || isTransientFailure(e)) throw e;
  }
}

// ---------- finding a person ----------

interface Found {
  query: PersonQuery;
  traits: PersonTraits;
  places: PersonalDataPlace[];
  /** What the export lists: place, row, column, value. */
  lines: string[][];
  sheets: OpenSheet[];
  responseSheets: ResponseSheet[];
  /** Per response sheet (index), the rows of the person: key → how to rewrite them. */
  responseTargets: Map<number, Map<string, (live: CellValue[]) => CellValue[] | null>>;
  forms: { ref: FormRef; form: GoogleAppsScript.Forms.Form; responseIds: string[] }[];
  unreachableForms: FormRef[];
  others: OtherSheet[];
  /** Documents of the person's events: named with what to do by hand (a PDF cannot be edited, a page not cut out). */
  documents: EventDocument[];
  owns: (def: PersonalSheet, cells: Cells) => boolean;
}

function findPerson(ss: SS, queryText: string): Found {
  const query = parsePersonQuery(queryText);
  if (!query) throw new UserFacingError('privacy.badQuery');
  const timeZone = spreadsheetTimeZone(ss);
  const events = readEvents(ss, timeZone).events;
  const sheets = PERSONAL_SHEETS.map((def) => openPersonal(ss, def, timeZone)).filter((s): s is OpenSheet => s !== null);
  // Who the person is, as far as the sheets that name people know: asked by e-mail, the ledger gives the name.
  const identified = sheets.flatMap((s) => s.rows.map((r) => pick(s.def, r.cells)).filter((f) => isPerson(query, f)));
  const responseSheets = readResponseSheets(ss, events, timeZone);
  for (const rs of responseSheets) {
    if (rs.purpose !== 'survey') for (const r of rs.rows) { const f = registrationFields(rs, r.cells); if (isPerson(query, f)) identified.push(f); }
  }
  const traits = traitsOf(query, identified);
  // A row is the person's by what was asked, or by an e-mail the ledger gives them (受講記録 has no ふりがな).
  // (A sheet naming nobody gives isPerson empty fields, which match no query.)
  const owns = (def: PersonalSheet, cells: Cells) => isPerson(query, pick(def, cells)) || (!!def.email && traits.emails.includes(normaliseEmail(cells[def.email] ?? '')));
  const places: PersonalDataPlace[] = [];
  const lines: string[][] = [];
  for (const s of sheets) {
    let count = 0;
    for (const r of s.rows) {
      const own = owns(s.def, r.cells);
      const mentioned = (s.def.freeText ?? []).some((h) => mentions(traits, r.cells[h] ?? ''));
      if (!own && !mentioned) continue;
      count++;
      for (const [h, v] of Object.entries(r.cells)) if (v !== '' && (own || (s.def.freeText ?? []).includes(h))) lines.push([s.def.sheet, String(r.rowNumber), h, v]);
    }
    if (count) places.push({ place: s.def.sheet, rows: count });
  }
  const responseTargets = new Map<number, Map<string, (live: CellValue[]) => CellValue[] | null>>();
  responseSheets.forEach((rs, index) => {
    const targets = new Map<string, (live: CellValue[]) => CellValue[] | null>();
    for (const r of rs.rows) {
      const own = rs.purpose !== 'survey' && isPerson(query, registrationFields(rs, r.cells));
      if (!own && !r.cells.some((c, j) => j > 0 && mentions(traits, c))) continue;
      targets.set(`${r.stamp}#${r.occurrence}`, own ? blankAnswers : (live) => live.map((v, j) => (j > 0 && typeof v === 'string' && mentions(traits, v) ? scrub(traits, v) : v)));
      r.cells.forEach((c, j) => { if (j > 0 && c !== '') lines.push([rs.sheet.getName(), String(r.rowNumber), rs.header[j] ?? '', c]); });
    }
    if (targets.size) {
      responseTargets.set(index, targets);
      places.push({ place: rs.sheet.getName(), rows: targets.size });
    }
  });
  // The forms' own stores: the registration and survey responses found above by their timestamps; the accommodation
  // form (no sheet) by its answers.
  const forms: Found['forms'] = [];
  const unreachableForms: FormRef[] = [];
  for (const ref of formsOf(events)) {
    const stamps = responseSheets.flatMap((rs, index) => (rs.event.id === ref.eventId && rs.purpose === ref.label ? [...(responseTargets.get(index)?.keys() ?? [])].map((k) => Number(k.split('#')[0])) : []));
    if (ref.label !== 'accommodation' && stamps.length === 0) continue;
    const form = openForm(ref.formId);
    if (!form) { unreachableForms.push(ref); continue; }
    const ids: string[] = [];
    if (ref.label === 'accommodation') {
      for (const response of form.getResponses()) {
        const who = accommodationIdentity(response);
        if (isPerson(query, { email: who.email, name: who.name, furigana: '' }) || mentions(traits, `${who.email}\n${who.name}`)) {
          ids.push(response.getId());
          lines.push([formPlace(ref), '', REGISTRATION_TITLES.accommodation, who.text.trim()]);
        }
      }
    } else {
      // Responses at or after the earliest timestamp (getResponses(timestamp)), matched to the second the sheet shows.
      const since = new Date(Math.min(...stamps));
      const wanted = new Set(stamps.map((s) => Math.floor(s / 1000)));
      // Several responses may share that second: the one that names the person is theirs.
      for (const response of form.getResponses(since)) {
        if (!wanted.has(Math.floor(response.getTimestamp().getTime() / 1000))) continue;
        if (mentions(traits, response.getItemResponses().map((ir) => String(ir.getResponse() ?? '')).join('\n'))) ids.push(response.getId());
      }
    }
    if (ids.length) {
      forms.push({ ref, form, responseIds: ids });
      places.push({ place: formPlace(ref), rows: ids.length });
    }
  }
  // By id: a person may rename one of these sheets while this runs, and it must not then pass for an unrelated sheet.
  const skip = new Set([...sheets.map((x) => String(x.table.sheet.getSheetId())), ...responseSheets.map((rs) => String(rs.sheet.getSheetId()))]);
  const others = otherSheetsMentioning(ss, skip, traits);
  for (const o of others) {
    places.push({ place: o.sheet.getName(), rows: o.texts.length });
    for (const text of o.texts) lines.push([o.sheet.getName(), '', '', text]);
  }
  // The events of the person's rows (a registration is in the ledger; a walk-in too).
  const eventIds = sheets.flatMap((s) => (s.def.event ? s.rows.filter((r) => owns(s.def, r.cells)).map((r) => (r.cells[s.def.event!] ?? '').trim()) : []));
  const documents = eventDocuments(Settings.open(ss), eventIds);
  return { query, traits, places, lines, sheets, responseSheets, responseTargets, forms, unreachableForms, others, documents, owns };
}

function pick(def: PersonalSheet, cells: Cells): { email: string; name: string; furigana: string } {
  return { email: def.email ? cells[def.email] ?? '' : '', name: def.name ? cells[def.name] ?? '' : '', furigana: def.furigana ? cells[def.furigana] ?? '' : '' };
}

// ---------- the exports (they hold the person's data: made private, trashed on erase) ----------

const EXPORTS_KEY = 'privacy.exports';

/** One hash per trait (an e-mail, a name), so an erase asked by name finds the export a search by e-mail made. */
function traitHashes(traits: PersonTraits): string[] {
  return [...traits.emails, ...traits.names].map((text) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
    return h.toString(16).padStart(8, '0');
  });
}

type Exports = { id: string; keys: string[] }[];

function readExports(): Exports {
  const raw = PropertiesService.getDocumentProperties().getProperty(EXPORTS_KEY);
  try { return raw ? (JSON.parse(raw) as Exports) : []; } catch { return []; }
}

/** Trashes the exports made for this person (Drive keeps a trashed file 30 days; the message says so). */
function trashExports(traits: PersonTraits): void {
  const keys = new Set(traitHashes(traits));
  const all = readExports();
  const mine = all.filter((x) => x.keys.some((k) => keys.has(k)));
  if (mine.length === 0) return;
  for (const x of mine) trashIfThere(x.id);
  PropertiesService.getDocumentProperties().setProperty(EXPORTS_KEY, JSON.stringify(all.filter((x) => !mine.includes(x))));
}

const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** 「本人のデータを検索」: every place, and a CSV in the coordinator's own Drive (not in the shared spreadsheet). */
export function searchPersonalData(ss: SS, queryText: string, options: { exportFile?: boolean } = {}): PersonalDataReport {
  const found = findPerson(ss, queryText);
  let exportUrl = '';
  if (found.lines.length && options.exportFile !== false) {
    const before = readExports(); // read first: the export's id is kept one call after the file is made
    const today = formatZoned(new Date(), spreadsheetTimeZone(ss), false);
    // A leading apostrophe keeps a spreadsheet that opens the CSV from reading a value as a formula.
    const csv = `\uFEFF${[['場所', '行', '項目', '内容'], ...found.lines].map((l) => l.map((v) => csvCell(/^[=+\-@]/.test(v) ? `'${v}` : v)).join(',')).join('\r\n')}\r\n`;
    const file = createFileFromBlob(Utilities.newBlob(csv, 'text/csv', 'export.csv'), `本人データ_${today}.csv`, 'text/csv', 'root');
    exportUrl = file.url;
    PropertiesService.getDocumentProperties().setProperty(EXPORTS_KEY, JSON.stringify([...before, { id: file.id, keys: traitHashes(found.traits) }]));
  }
  return { places: found.places, exportUrl, erased: 0, notErased: 0, unreachable: unreachable(found.unreachableForms, false, found.documents) };
}

function unreachable(forms: readonly FormRef[], erasing: boolean, documents: readonly EventDocument[] = []): PersonalDataPlace[] {
  return [
    ...forms.map((f) => ({ place: formPlace(f), rows: 0, todo: 'privacy.todo.form' as const })),
    ...documents.map((d) => ({ place: d.name, rows: 0, todo: 'privacy.todo.document' as const })),
    ...(erasing ? [
      { place: 'mail', rows: 0, todo: 'privacy.todo.mail' as const },
      { place: 'history', rows: 0, todo: 'privacy.todo.history' as const },
    ] : []),
  ];
}

/**
 * 「本人のデータを削除」: erases what findPerson found, every store in turn; what a person typed meanwhile is kept and
 * counted (the sentence says to run it again), and a failure part-way says what was done. Safe to run again: erased
 * cells are found no more, and an erased ledger row keeps its place and counts.
 */
export function erasePersonalData(ss: SS, queryText: string, lang: Lang = 'ja'): PersonalDataReport {
  const found = findPerson(ss, queryText);
  const done: string[] = [];
  let erased = 0;
  let notErased = 0;
  // The order makes a failure part-way safe to re-run: what finds the person (their e-mail, name and ふりがな in the
  // ledger and the registration rows) goes last, so the re-run finds everything that is left. Mentions elsewhere and
  // the exports first (they are found through the names those rows give), the form stores before the sheet rows
  // (found through their timestamps), the identifying cells at the very end.
  const ownSheets = found.sheets.filter((s) => s.def.email || s.def.name);
  const identity = (def: PersonalSheet) => [def.email, def.name, def.furigana].filter((h): h is string => h !== undefined);
  const flush = (s: OpenSheet, cellsOf: (r: OpenSheet['rows'][number]) => Cells): void => {
    let changed = 0;
    for (const r of s.rows) for (const [h, v] of Object.entries(cellsOf(r))) { s.table.set(r.rowNumber, h, v); changed++; }
    if (!changed) return;
    const result = s.table.flush();
    erased += result.updated;
    notErased += result.conflicts.length;
    if (!done.includes(s.def.sheet)) done.push(s.def.sheet);
  };
  try {
    trashExports(found.traits);
    for (const s of found.sheets) flush(s, (r) => erasedCells({ ...s.def, retainRows: true }, r.cells, found.traits));
    for (const o of found.others) { erased += scrubSheet(o.sheet, found.traits); done.push(o.sheet.getName()); }
    found.responseSheets.forEach((rs, index) => {
      const targets = found.responseTargets.get(index);
      if (rs.purpose !== 'survey' || !targets) return;
      erased += rewriteResponseRows(rs, targets);
      done.push(rs.sheet.getName());
    });
    for (const f of found.forms) {
      for (const id of f.responseIds) f.form.deleteResponse(id);
      erased += f.responseIds.length;
      done.push(formPlace(f.ref));
    }
    const own = (s: OpenSheet, r: OpenSheet['rows'][number]) => found.owns(s.def, r.cells);
    for (const s of ownSheets) {
      const keep = identity(s.def);
      flush(s, (r) => (own(s, r) ? Object.fromEntries(Object.entries(erasedCells(s.def, r.cells, found.traits)).filter(([h]) => !keep.includes(h))) : {}));
    }
    const registrations = found.responseSheets.map((rs, index) => ({ rs, targets: found.responseTargets.get(index) })).filter((x) => x.rs.purpose !== 'survey' && x.targets);
    for (const { rs, targets } of registrations) {
      const keep = new Set(whoTitles(rs).map((h) => rs.header.indexOf(h)));
      erased += rewriteResponseRows(rs, new Map([...targets!.keys()].map((k) => [k, (live: CellValue[]) => live.map((v, j) => (j === 0 || keep.has(j) ? v : ''))])));
    }
    // The cells the request matches on go in a write of their own, after the others: a failure between two column
    // writes must never leave a row that is still someone's but can no longer be found (an e-mail query: the e-mail
    // last; a name query: 氏名 and ふりがな last — two columns, see docs/privacy.md).
    // A name query also keeps the e-mail to the last write: it is what finds the person's rows in a sheet without
    // ふりがな (受講記録, listed before the ledger in PERSONAL_SHEETS, so erased before the ledger's e-mail goes).
    const key = (def: PersonalSheet) => (found.query.email !== '' ? [def.email] : identity(def)).filter((h): h is string => h !== undefined);
    const part = (s: OpenSheet, r: OpenSheet['rows'][number], last: boolean) =>
      Object.fromEntries(Object.entries(erasedCells(s.def, r.cells, found.traits)).filter(([h]) => key(s.def).includes(h) === last));
    for (const s of ownSheets) flush(s, (r) => (own(s, r) ? part(s, r, false) : {}));
    for (const s of ownSheets) flush(s, (r) => (own(s, r) ? part(s, r, true) : {}));
    for (const { rs, targets } of registrations) { erased += rewriteResponseRows(rs, targets!); done.push(rs.sheet.getName()); }
  } catch (e) {
    throw partial(e, done, lang);
  }
  return { places: found.places, exportUrl: '', erased, notErased, unreachable: unreachable(found.unreachableForms, true, found.documents) };
}

/**
 * A failure part-way keeps Google's own sentence (entry.ts turns it into 「Google のサービスが一時的に…」) and adds what
 * was already done, so nobody believes a person erased who is half-erased: the re-run finishes it.
 */
function partial(e: unknown, done: readonly string[], lang: Lang): unknown {
  if (e instanceof UserFacingError || done.length === 0) return e;
  const note = t(lang, 'privacy.partial', { done: list(lang, done) });
  if (e instanceof Error) { e.message = `${e.message} ${note}`; return e; }
  return new Error(`${String(e)} ${note}`);
}

// ---------- retention ----------

const SUMMARY_STALE_KEY = 'privacy.summaryStale';

export interface RetentionPlan {
  rule: RetentionRule;
  /** 設定「個人情報の保存期間」 as the coordinator reads it. */
  period: string;
  /** Events whose period has ended and that still hold something. */
  events: string[];
  places: PersonalDataPlace[];
}

interface RetentionWork {
  plan: RetentionPlan;
  run: () => { erased: number; notErased: number; unreachable: PersonalDataPlace[] };
}

function retentionWork(ss: SS, withFormCounts: boolean, lang: Lang = 'ja', now = new Date()): RetentionWork {
  const timeZone = spreadsheetTimeZone(ss);
  const settings = Settings.open(ss);
  const setting = settings.get(RETENTION_SETTING);
  const period = setting || DEFAULT_RETENTION;
  const rule = parseRetention(setting);
  if (!rule) throw new UserFacingError('privacy.badRetention', { value: setting });
  const today = civilDateOf(now, timeZone);
  const events = readEvents(ss, timeZone).events;
  const expired = events.filter((e) => isPastRetention(e.start ? civilDateOf(e.start, timeZone) : null, today, rule));
  const expiredIds = new Set(expired.map((e) => e.id));
  const places: PersonalDataPlace[] = [];
  const touched = new Set<string>();
  const sheets = PERSONAL_SHEETS.map((def) => openPersonal(ss, def, timeZone)).filter((s): s is OpenSheet => s !== null);
  // The people of the ended events, so that free text elsewhere (操作ログ) loses their names too.
  const ledger = sheets.find((s) => s.def.rowKey);
  // Someone who also came to a later event is still within its period: their name stays where it is.
  const byEnded = (ended: boolean) => traitsOf({ email: '', name: '', furigana: '' }, (ledger?.rows ?? [])
    .filter((r) => expiredIds.has((r.cells[ledger!.def.event!] ?? '').trim()) === ended).map((r) => pick(ledger!.def, r.cells)));
  const current = byEnded(false);
  const endedPeople = byEnded(true);
  const gone: PersonTraits = { emails: endedPeople.emails.filter((e) => !current.emails.includes(e)), names: endedPeople.names.filter((n) => !current.names.includes(n)) };
  const choices = new Map(readSurveyQuestions(ss).questions.map((q) => [q.title, q.choices ?? []]));
  const sheetChanges: { s: OpenSheet; changes: { rowNumber: number; cells: Cells }[] }[] = [];
  for (const s of sheets) {
    const changes: { rowNumber: number; cells: Cells }[] = [];
    for (const r of s.rows) {
      const ended = s.def.event !== undefined && expiredIds.has((r.cells[s.def.event] ?? '').trim());
      let cells: Cells = {};
      if (ended && !s.def.retainRows) cells = erasedCells(s.def, r.cells, null);
      else if (ended) cells = erasedCells(s.def, r.cells, null, (text) => isCountableAnswer(text, s.def.sheet === 'アンケート記録' ? choices.get(r.cells['設問'] ?? '') : undefined));
      else if (s.def.event === undefined && (gone.emails.length || gone.names.length)) cells = erasedCells(s.def, r.cells, gone);
      if (Object.keys(cells).length) {
        changes.push({ rowNumber: r.rowNumber, cells });
        if (s.def.event !== undefined) touched.add((r.cells[s.def.event] ?? '').trim());
      }
    }
    if (changes.length) { places.push({ place: s.def.sheet, rows: changes.length }); sheetChanges.push({ s, changes }); }
  }
  const responseSheets = readResponseSheets(ss, expired, timeZone);
  const responseChanges: { rs: ResponseSheet; targets: Map<string, (live: CellValue[]) => CellValue[] | null> }[] = [];
  // A response not yet in the ledger or the survey store (its firing waits for the lock, or for the hourly catch-up)
  // is left alone, and so is its form's store: erased now, it would never be counted. The next run takes it.
  const recorded = new Set(sheets.flatMap((x) => (x.def.identity?.includes('回答id') ? x.rows.map((r) => (r.cells['回答id'] ?? '').trim()) : [])));
  /** Form id → the seconds of its responses waiting to be recorded (kept in the form's store this time). */
  const waiting = new Map<string, Set<number>>();
  for (const rs of responseSheets) {
    const targets = new Map<string, (live: CellValue[]) => CellValue[] | null>();
    const keepRow = (live: CellValue[]): CellValue[] => live.map((v, j) => (j === 0 || isCountableAnswer(String(v), choices.get(rs.header[j] ?? '')) ? v : ''));
    const source = (rs.purpose === 'registration' ? rs.event.registrationFormId : rs.event.surveyFormId) || String(rs.sheet.getSheetId());
    for (const r of rs.rows) {
      const texts = r.cells.slice(1);
      while (texts.length && texts[texts.length - 1] === '') texts.pop();
      // Keyed as 回答を同期 keys it now, or as earlier versions did (sheet, timestamp and answers).
      const known = rs.purpose === 'checkin' || recorded.has(submissionKey(source, new Date(r.stamp), r.occurrence)) || recorded.has(responseKey(String(rs.sheet.getSheetId()), new Date(r.stamp), texts));
      if (!known) { waiting.set(source, (waiting.get(source) ?? new Set()).add(Math.floor(r.stamp / 1000))); continue; }
      const fn = rs.purpose === 'survey' ? keepRow : blankAnswers;
      const after = fn(r.cells);
      if (after.some((v, j) => String(v) !== r.cells[j])) targets.set(`${r.stamp}#${r.occurrence}`, fn);
    }
    if (targets.size) { places.push({ place: rs.sheet.getName(), rows: targets.size }); responseChanges.push({ rs, targets }); touched.add(rs.event.id); }
  }
  const forms = formsOf(expired);
  const formWork: { ref: FormRef; form: GoogleAppsScript.Forms.Form; keep?: Set<number> }[] = [];
  const unreachableForms: FormRef[] = [];
  for (const ref of forms) {
    const form = openForm(ref.formId);
    if (!form) { unreachableForms.push(ref); continue; }
    const count = withFormCounts ? form.getResponses().length : 1;
    if (count) { formWork.push({ ref, form, ...(waiting.has(ref.formId) ? { keep: waiting.get(ref.formId)! } : {}) }); if (withFormCounts) places.push({ place: formPlace(ref), rows: count }); touched.add(ref.eventId); }
  }
  // The ended events' 受付名簿 and 参加証明書 go to the trash whole (the 発行記録 keeps each certificate's number).
  const documents = eventDocuments(settings, expired.map((e) => e.id));
  for (const d of documents) { places.push({ place: d.name, rows: 1 }); touched.add(d.eventId); }
  const skip = new Set([...sheets.map((x) => String(x.table.sheet.getSheetId())), ...events.flatMap((e) => [e.registrationSheetId, e.surveySheetId]).filter((id) => id !== '')]);
  const others = otherSheetsMentioning(ss, skip, gone);
  for (const o of others) places.push({ place: o.sheet.getName(), rows: o.texts.length });
  // The summary sheets list free text: rebuilt from the store once it is tidied. The need is written down before the
  // store changes, so a run that fails in between still rebuilds them when it is run again.
  const props = PropertiesService.getDocumentProperties();
  const surveysChanged = sheetChanges.some((c) => c.s.def.sheet === 'アンケート記録') || props.getProperty(SUMMARY_STALE_KEY) !== null;
  if (surveysChanged && !sheetChanges.some((c) => c.s.def.sheet === 'アンケート記録')) places.push({ place: 'アンケート集計', rows: 1 });
  const plan: RetentionPlan = { rule, period, events: expired.map((e) => e.id).filter((id) => touched.has(id)), places };
  return {
    plan,
    run: () => {
      let erased = 0;
      let notErased = 0;
      const done: string[] = [];
      try {
        if (surveysChanged) props.setProperty(SUMMARY_STALE_KEY, '1');
        for (const { s, changes } of sheetChanges) {
          for (const c of changes) for (const [h, v] of Object.entries(c.cells)) s.table.set(c.rowNumber, h, v);
          const result = s.table.flush();
          erased += result.updated;
          notErased += result.conflicts.length;
          done.push(s.def.sheet);
        }
        for (const { rs, targets } of responseChanges) { erased += rewriteResponseRows(rs, targets); done.push(rs.sheet.getName()); }
        // Every response of an ended event's forms: one call each, whatever their number.
        for (const { ref, form, keep } of formWork) {
          // By id, from one read under the lock (one call per response): a response submitted meanwhile — its trigger waits
          // for our lock — is not in the list, so it is not erased before it reaches the ledger (deleteAllResponses would
          // take it too); one that waits to be recorded is kept.
          for (const r of form.getResponses()) if (!keep || !keep.has(Math.floor(r.getTimestamp().getTime() / 1000))) form.deleteResponse(r.getId());
          done.push(formPlace(ref));
        }
        for (const o of others) { erased += scrubSheet(o.sheet, gone); done.push(o.sheet.getName()); }
        for (const d of documents) { trashIfThere(d.id); erased++; done.push(d.name); }
        if (surveysChanged) { summariseSurveysInSheet(ss); props.deleteProperty(SUMMARY_STALE_KEY); }
      } catch (e) {
        throw partial(e, done, lang);
      }
      return { erased, notErased, unreachable: unreachable(unreachableForms, false) };
    },
  };
}

/** 「個人情報の整理」, first step: what is past its period (read only; nothing changes). */
export function planRetention(ss: SS): RetentionPlan {
  return retentionWork(ss, true).plan;
}

/** 「個人情報の整理」, on confirmation: planned again under the lock (people edited meanwhile), then carried out. */
export function runRetention(ss: SS, lang: Lang = 'ja', now = new Date()): PersonalDataReport & { events: string[]; period: string } {
  const work = retentionWork(ss, false, lang, now);
  const result = work.run();
  return { places: work.plan.places, events: work.plan.events, period: work.plan.period, exportUrl: '', erased: result.erased, notErased: result.notErased, unreachable: result.unreachable };
}

