/**
 * 「参加証明書を作成」 and 「受講記録を更新」 (issue 15, item 7).
 *
 * Certificates: the attendees of the selected event (出席 ticked) each get an issue number once. The numbers are
 * written to the add-on's 参加証明書発行記録 sheet (and the highest kept in Document Properties, so a row a volunteer
 * deletes never frees its number) *before* the document is made; the document's id is written to those rows after.
 * A run that fails in between leaves numbers without a document: the re-run prints those people with the same numbers.
 * Each run makes one Doc (one page per person, from the template the add-on creates and the coordinator may reword)
 * and its PDF for printing; people already printed are not printed again.
 *
 * 受講記録: a sheet the add-on owns and writes whole: per person (by e-mail) the events attended with dates and hours,
 * then per agency the staff trained. Counts for the activity report, without names: domain/certificates.ts
 * domain/training-counts.ts trainingCounts (+ readIssuedCertificates here).
 */
import type { AttendeeSummary, CertificatesResult } from '../../../protocol';
import {
  CertificateValues, DEFAULT_CERTIFICATE_TEMPLATE, IssuePlan, IssuedCertificate, attendeesOf, certificateItems, certificateRequests, checkCertificateTemplate,
  formatIssueNumber, hoursBetween, planIssue, trainingRecords,
} from '../../domain/certificates';
import { DocOutline } from '../../domain/doc-requests';
import { fillDocumentRequests } from '../../domain/template';
import { formatSeireki, formatWareki } from '../../domain/ja';
import { SheetDef } from '../../domain/schema';
import { SETTING } from '../../domain/settings';
import { neutraliseFormula } from '../../domain/text';
import { Lang, t, templateProblem } from '../../i18n/messages';
import { SHEET_SCOPES, requireGrants } from '../auth';
import { readDocument, trashQuietly, updateDocument, writeTemplateDocument } from '../docs';
import { copyFile, createFileFromBlob, findById, trash } from '../drive';
import { UserFacingError } from '../errors';
import { claimSheets, readyForRewrite } from '../ownership';
import { DOCUMENTS_SCOPE, DRIVE_FILE_SCOPE, outputFolder, PAMPHLET_SETTINGS } from './pamphlet';
import { readEvents, readLedger } from '../records';
import { documentProperties, Settings } from '../settings';
import { civilDateOf } from './surveyResults';
import { Table, TableRow, formatZoned, headerKey, optionalRows, spreadsheetTimeZone } from '../tables';
import { MAIL_SCOPES, sendCertificateMail } from '../mail';

/** Read when an operation starts (see checkin.ts). */
export const certificateScopes = (): readonly string[] => [...SHEET_SCOPES, DOCUMENTS_SCOPE, DRIVE_FILE_SCOPE];
export const CERTIFICATE_TEMPLATE_SETTING = SETTING.certificateTemplateId;
const COUNTER_KEY = 'certificates.lastNumber';
export const TRAINING_SHEET = '受講記録';
/**
 * Per-person PDFs a run: each is one documents.batchUpdate, and the Docs API allows 60 write requests a minute per
 * user (https://developers.google.com/workspace/docs/api/limits); 50 at ~0.7 s each stay under it. The printed
 * document has no limit: its calls do not depend on the number of people.
 */
export const PDFS_PER_RUN = 50;
const PDF = 'application/pdf';

export const PDF_IDS_HEADER = '個別PDFid';

export const CERTIFICATE_RECORD = {
  key: 'certificates',
  name: '参加証明書発行記録',
  rowKey: 'id',
  columns: [
    { key: 'id', header: 'id', text: true },
    { key: 'number', header: '発行番号' },
    { key: 'eventId', header: '行事id', text: true },
    { key: 'responseId', header: '回答id', text: true },
    { key: 'issuedAt', header: '発行日時', dateFormat: 'yyyy-mm-dd hh:mm' },
    { key: 'documentId', header: '文書id', text: true },
    // Each per-person PDF made (space-separated file ids), so 「本人のデータを削除」 and 「個人情報の整理」 trash them by
    // id (issue 19). Added after the others: openRecord adds it to a record made before.
    { key: 'pdfIds', header: PDF_IDS_HEADER, text: true },
  ],
} as const satisfies SheetDef;

type RecordKey = (typeof CERTIFICATE_RECORD)['columns'][number]['key'];
type RecordTable = Table<RecordKey>;

function openRecord(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone: string): { table: RecordTable; issued: (IssuedCertificate & { row: number })[] } {
  const headers = CERTIFICATE_RECORD.columns.map((c) => c.header as string);
  const [sheet] = claimSheets(ss, [{ name: CERTIFICATE_RECORD.name, isOurs: (first) => headers.every((h, i) => h === PDF_IDS_HEADER || headerKey(first[i]) === h) }]) as [GoogleAppsScript.Spreadsheet.Sheet];
  if (sheet.getLastRow() === 0) sheet.getRange(1, 1, 1, headers.length).setValues([headers]);
  let table: RecordTable;
  try {
    table = Table.open(ss, CERTIFICATE_RECORD, timeZone);
  } catch (e) {
    // A record made before 個別PDFid: the header is added after the last column (nothing moves, nothing is lost).
    if (!(e instanceof UserFacingError && e.params.column === PDF_IDS_HEADER)) throw e;
    sheet.getRange(1, sheet.getLastColumn() + 1).setValue(PDF_IDS_HEADER);
    table = Table.open(ss, CERTIFICATE_RECORD, timeZone);
  }
  return { table, issued: issuedIn(table.rows()) };
}

function issuedIn(rows: TableRow<RecordKey>[]): (IssuedCertificate & { row: number })[] {
  return rows.filter((r) => Number(r.get('number')) > 0).map((r) => ({
    row: r.rowNumber, number: Number(r.get('number')), eventId: r.text('eventId').trim(), responseId: r.text('responseId').trim(), documentId: r.text('documentId').trim(),
  }));
}

/**
 * Every certificate issued so far, with its record row (the activity report's counts, the sidebar's list): one view of
 * the record, none when it does not exist or its making was cut short before the header (the next issue finishes it).
 */
export function readIssuedCertificates(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): (IssuedCertificate & { row: number })[] {
  // Read without 個別PDFid: a record made before that column still counts until the next issue adds it.
  return issuedIn(optionalRows(ss, { ...CERTIFICATE_RECORD, columns: CERTIFICATE_RECORD.columns.filter((c) => c.key !== 'pdfIds') }, spreadsheetTimeZone(ss), true));
}

/** The template (made on first use), read once with documents.get and checked before any number is given. */
function openTemplate(settings: Settings, folder: string, lang: Lang): { id: string; outline: DocOutline } {
  let id = settings.get(CERTIFICATE_TEMPLATE_SETTING);
  if (id) {
    const file = findById(id);
    if (!file || file.trashed) throw new UserFacingError('certificates.templateMissing', { key: CERTIFICATE_TEMPLATE_SETTING, id });
  } else {
    id = writeTemplateDocument({
      title: '参加証明書のひな形', header: '', footer: '',
      body: DEFAULT_CERTIFICATE_TEMPLATE.map((p) => ({ type: 'PARAGRAPH' as const, text: p.text, ...(p.heading ? { heading: p.heading } : {}) })),
    }, folder).id;
    settings.set(CERTIFICATE_TEMPLATE_SETTING, id);
    settings.flush();
  }
  const outline = readDocument(id);
  const problems = checkCertificateTemplate(outline);
  if (problems.length) throw new UserFacingError('certificates.badTemplate', { key: CERTIFICATE_TEMPLATE_SETTING, problems: problems.map((p) => templateProblem(lang, p)).join(' / ') });
  return { id, outline };
}

interface Prepared {
  event: { id: string; title: string };
  plan: IssuePlan;
  folder: string;
  template: { id: string; outline: DocOutline };
  common: Omit<CertificateValues, '氏名' | 'ふりがな' | '所属' | '発行番号'>;
  /** The record as read and written under this lock: its next flush re-reads the sheet and finds rows by id. */
  record: RecordTable;
}

/**
 * Reads everything once, checks the template, and gives the people to print their numbers: the record rows, then the
 * counter, before any document exists. `responseIds` chooses people (their certificates are made again, with their
 * numbers, even if made before); without it, everyone who attended and has none yet.
 */
function prepareIssue(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, eventId: string, lang: Lang, responseIds?: readonly string[], reprint = false): Prepared | { none: CertificatesResult } {
  // certificateScopes() are 「参加証明書を作成」's `scopes`, its only entry: checked there before the work (2 calls).
  const timeZone = spreadsheetTimeZone(ss);
  const event = readEvents(ss, timeZone, true).events.find((e) => e.id === eventId.trim());
  if (!event) throw new UserFacingError('forms.unknownEvent', { id: eventId });
  const attendees = attendeesOf(readLedger(ss, timeZone, true).rows, event.id).filter((a) => !responseIds || responseIds.includes(a.responseId));
  const record = openRecord(ss, timeZone);
  const props = documentProperties();
  const counter = Number(props.getProperty(COUNTER_KEY) ?? 0) || 0;
  const plan = planIssue(event.id, attendees, record.issued, counter, reprint || !!responseIds);
  if (plan.toPrint.length === 0) {
    return { none: { eventId: event.id, count: 0, already: plan.alreadyPrinted, message: t(lang, 'certificates.nothing', { id: event.id, attendees: attendees.length, already: plan.alreadyPrinted }) } };
  }
  const settings = Settings.open(ss);
  const folder = outputFolder(settings);
  const template = openTemplate(settings, folder, lang);
  const now = new Date();
  if (plan.issued.length) {
    for (const c of plan.issued) record.table.append({ id: `${c.eventId}/${c.responseId}`, number: c.number, eventId: c.eventId, responseId: c.responseId, issuedAt: now });
    record.table.flush();
  }
  // A failure between the record and the counter loses nothing: the record's highest number counts too.
  if (plan.last > counter) props.setProperty(COUNTER_KEY, String(plan.last));
  const day = event.start ? civilDateOf(event.start, timeZone) : null;
  const today = civilDateOf(now, timeZone);
  const hours = hoursBetween(event.start, event.end);
  const common = {
    行事: event.title, 日付: day ? `${formatSeireki(day)}（${formatWareki(day)}）` : '', 時間: hours === null ? '' : `${hours}時間`,
    ネットワーク名: settings.get(PAMPHLET_SETTINGS.networkName), 発行日: `${formatWareki(today)}（${formatSeireki(today, false)}）発行`,
  };
  return { event, plan, folder, template, common, record: record.table };
}

/** The sidebar's list: who attended, with the number each has (read only). */
export function listAttendees(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, eventId: string): AttendeeSummary[] {
  const timeZone = spreadsheetTimeZone(ss);
  const issued = new Map(readIssuedCertificates(ss).filter((c) => c.eventId === eventId).map((c) => [c.responseId, c]));
  return attendeesOf(readLedger(ss, timeZone, true).rows, eventId).map((a) => {
    const c = issued.get(a.responseId);
    return { responseId: a.responseId, name: a.name, agency: a.agency, number: c ? formatIssueNumber(c.number) : '', printed: !!c?.documentId };
  });
}

/** One PDF of a certificate, for mail (issue 15: "one PDF per person, e-mailed on request"). */
export interface CertificatePdf { responseId: string; email: string; name: string; number: number; fileName: string; blob: GoogleAppsScript.Base.Blob; fileId: string; url: string }

/**
 * certs API (for mail): one PDF per person of the event who attended — `responseIds` (回答id) chooses them, else
 * everyone who attended — at most PDFS_PER_RUN a call (`rest` says how many are left). Numbers are given first, as
 * for the printed document (a person keeps theirs). With `save`, each PDF is also a file in the output folder.
 * Calls: the sheet reads and the template's read, one copy of the template as a work Doc (trashed at the end), then
 * per person documents.get (not for the first), one batchUpdate, openById, getAs (+ Files.create with `save`): 4–5.
 */
export function certificatePdfs(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, eventId: string, options: { responseIds?: readonly string[]; save?: boolean; lang?: Lang } = {}): { eventId: string; pdfs: CertificatePdf[]; rest: number; message?: string } {
  const p = prepareIssue(ss, eventId, options.lang ?? 'ja', options.responseIds, true);
  if ('none' in p) return { eventId: p.none.eventId, pdfs: [], rest: 0, message: p.none.message };
  const batch = p.plan.toPrint.slice(0, PDFS_PER_RUN);
  const work = copyFile(p.template.id, `参加証明書_${p.event.id}_作業用`, p.folder);
  const pdfs: CertificatePdf[] = [];
  try {
    let outline = p.template.outline;
    batch.forEach((person, i) => {
      if (i > 0) outline = readDocument(work.id);
      // The whole body becomes this person's certificate (the work Doc as it is now, rewritten in one batchUpdate).
      updateDocument(work.id, fillDocumentRequests(outline, p.common, [{ first: 0, last: outline.body.length - 1, items: certificateItems(p.template.outline, [person], p.common) }]));
      const fileName = `参加証明書_${p.event.id}_${formatIssueNumber(person.number)}_${person.name}.pdf`;
      const blob = DocumentApp.openById(work.id).getAs(PDF).setName(fileName);
      const file = options.save ? createFileFromBlob(blob, fileName, PDF, p.folder) : null;
      pdfs.push({ responseId: person.responseId, email: person.email, name: person.name, number: person.number, fileName, blob, fileId: file?.id ?? '', url: file?.url ?? '' });
    });
    if (options.save) recordPdfs(ss, p.event.id, pdfs);
  } catch (e) {
    trashQuietly(work.id);
    throw e;
  }
  trash(work.id);
  return { eventId: p.event.id, pdfs, rest: p.plan.toPrint.length - batch.length };
}

/** Each saved PDF's id on its person's record row, found again by its id (issue 19: erase and retention trash them). */
function recordPdfs(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, eventId: string, pdfs: readonly CertificatePdf[]): void {
  const { table, issued } = openRecord(ss, spreadsheetTimeZone(ss));
  for (const c of issued) {
    const ids = pdfs.filter((f) => c.eventId === eventId && f.responseId === c.responseId).map((f) => f.fileId);
    if (ids.length) table.set(c.row, 'pdfIds', [table.row(c.row).text('pdfIds').trim(), ...ids].filter((x) => x).join(' '));
  }
  table.flush();
}

/**
 * 「参加証明書を作成」: every certificate of the run in one Doc (a page each) and its PDF — the template copied, one
 * batchUpdate, the PDF: the same calls for 3 or 1,000 people. `perPerson`: one PDF file each instead (certificatePdfs).
 */
export function issueCertificates(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, eventId: string, lang: Lang, options: { responseIds?: readonly string[]; perPerson?: boolean; mail?: boolean } = {}): CertificatesResult {
  if (options.perPerson) {
    // Mail on request: the grant is checked before any PDF is made, and the mail engine sends each person's own PDF
    // once (送信記録 before the run reports done; a re-run makes the PDFs again but mails nobody twice).
    if (options.mail) requireGrants(MAIL_SCOPES);
    const made = certificatePdfs(ss, eventId, { responseIds: options.responseIds, save: true, lang });
    const mailed = options.mail && made.pdfs.length ? sendCertificateMail(ss, lang, made.eventId, made.pdfs) : undefined;
    return {
      eventId: made.eventId, count: made.pdfs.length, files: made.pdfs.map((f) => ({ name: f.name, number: formatIssueNumber(f.number), url: f.url })), rest: made.rest,
      mailed: mailed?.sent.certificate,
      message: (made.message ?? t(lang, 'certificates.perPerson', { id: made.eventId, count: made.pdfs.length }))
        + (made.rest ? t(lang, 'certificates.more', { rest: made.rest, max: PDFS_PER_RUN }) : '') + (mailed ? ' ' + mailed.message : ''),
    };
  }
  const p = prepareIssue(ss, eventId, lang, options.responseIds);
  if ('none' in p) return p.none;
  const { event, plan, template } = p;
  const batch = plan.toPrint;
  const numbers = batch.map((c) => c.number);
  const first = Math.min(...numbers);
  const last = Math.max(...numbers);
  const name = `参加証明書_${event.id}_${formatIssueNumber(first)}-${formatIssueNumber(last)}`;
  const doc = copyFile(template.id, name, p.folder);
  let pdf;
  try {
    updateDocument(doc.id, certificateRequests(template.outline, batch, p.common));
    // The PDF is what Docs has saved (as the pamphlet's: Document.getAs of the reopened document).
    pdf = createFileFromBlob(DocumentApp.openById(doc.id).getAs(PDF), `${name}.pdf`, PDF, p.folder);
  } catch (e) {
    trashQuietly(doc.id);
    throw e;
  }
  // The document's id on each printed row, on the record as this run read and wrote it: its flush re-reads the sheet
  // and finds each row again by its id (a volunteer may have sorted the record meanwhile), a cell a person changed
  // meanwhile kept and reported — not the sheet claimed and read whole a second time (8 calls).
  const record = p.record;
  const rowOf = new Map(issuedIn(record.rows()).filter((c) => c.eventId === event.id).map((c) => [c.responseId, c.row]));
  for (const person of batch) {
    const row = rowOf.get(person.responseId);
    if (row !== undefined) record.set(row, 'documentId', doc.id);
  }
  record.flush();
  return {
    eventId: event.id, count: batch.length, first, last, already: plan.alreadyPrinted, documentId: doc.id, documentUrl: doc.url, pdfId: pdf.id, pdfUrl: pdf.url,
    message: t(lang, 'certificates.done', { id: event.id, count: batch.length, first: formatIssueNumber(first), last: formatIssueNumber(last), already: plan.alreadyPrinted, doc: doc.url, pdf: pdf.url }),
  };
}

/** Rewrites the 受講記録 sheet (owned by the add-on; a volunteer's own sheet of that name is never written over). */
export function updateTrainingRecords(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang): { people: number; lines: number; agencies: number; message: string } {
  const header = ['メール', '氏名', '所属', '行事id', '行事', '日付', '時間数'];
  const [sheet] = claimSheets(ss, [{ name: TRAINING_SHEET, isOurs: (first) => header.every((h, i) => headerKey(first[i]) === h) }]) as [GoogleAppsScript.Spreadsheet.Sheet];
  const timeZone = spreadsheetTimeZone(ss);
  const events = readEvents(ss, timeZone, true).events.filter((e) => e.id !== '').map((e) => ({
    id: e.id, title: e.title, date: e.start ? formatZoned(e.start, timeZone, false) : '', hours: hoursBetween(e.start, e.end),
  }));
  const rec = trainingRecords(readLedger(ss, timeZone, true).rows, events);
  const width = header.length;
  const pad = (line: (string | number)[]) => [...line.map((v) => (typeof v === 'string' ? neutraliseFormula(v) : v)), ...Array(width - line.length).fill('')];
  const table = [...rec.people.map(pad), pad([]), ...rec.agencies.map(pad)];
  // sync10: a sheet made now is not cleared; the grid size asked once (was three times when the sheet grows).
  readyForRewrite(sheet, table.length);
  sheet.getRange(1, 1, table.length, width).setValues(table);
  sheet.setFrozenRows(1);
  const people = new Set(rec.people.slice(1).map((l) => l[0])).size;
  const out = { people, lines: rec.people.length - 1, agencies: rec.agencies.length - 1 };
  return { ...out, message: t(lang, 'training.done', out) };
}
