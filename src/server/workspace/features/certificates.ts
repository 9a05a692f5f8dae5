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
import type { CertificatesResult } from '../../../protocol';
import { IssuedCertificate, DEFAULT_CERTIFICATE_TEMPLATE, attendeesOf, certificatesDocument, formatIssueNumber, hoursBetween, planIssue, trainingRecords } from '../../domain/certificates';
import { formatSeireki, formatWareki } from '../../domain/ja';
import { SheetDef } from '../../domain/schema';
import { SETTING } from '../../domain/settings';
import { neutraliseFormula } from '../../domain/text';
import { Lang, t } from '../../i18n/messages';
import { SHEET_SCOPES, requireGrants } from '../auth';
import { writeTemplateDocument } from '../docs';
import { createDocumentWithPdf } from '../docBlocks';
import { findById } from '../drive';
import { UserFacingError } from '../errors';
import { claimSheets } from '../ownership';
import { DOCUMENTS_SCOPE, DRIVE_FILE_SCOPE, outputFolder, PAMPHLET_SETTINGS } from './pamphlet';
import { readEvents, readLedger } from '../records';
import { Settings } from '../settings';
import { civilDateOf } from './surveyResults';
import { Table, formatZoned, headerKey, spreadsheetTimeZone } from '../tables';

/** Read when an operation starts (see checkin.ts). */
export const certificateScopes = (): readonly string[] => [...SHEET_SCOPES, DOCUMENTS_SCOPE, DRIVE_FILE_SCOPE];
export const CERTIFICATE_TEMPLATE_SETTING = SETTING.certificateTemplateId;
const COUNTER_KEY = 'certificates.lastNumber';
export const TRAINING_SHEET = '受講記録';
/**
 * Certificates written per run: DocumentApp takes about 13 calls a certificate (a call per line), so 100 keep a run
 * near 1,300 calls (~3.5 min at 160 ms) inside the 6-minute limit; everyone gets a number at once, and a re-run
 * prints the rest with theirs. The Advanced Docs service (one batchUpdate, issue 18) would lift this.
 */
export const CERTIFICATES_PER_RUN = 100;

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
  ],
} as const satisfies SheetDef;

type RecordTable = Table<(typeof CERTIFICATE_RECORD)['columns'][number]['key']>;

function openRecord(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone: string): { table: RecordTable; issued: (IssuedCertificate & { row: number })[] } {
  const headers = CERTIFICATE_RECORD.columns.map((c) => c.header as string);
  const [sheet] = claimSheets(ss, [{ name: CERTIFICATE_RECORD.name, isOurs: (first) => headers.every((h, i) => headerKey(first[i]) === h) }]) as [GoogleAppsScript.Spreadsheet.Sheet];
  if (sheet.getLastRow() === 0) sheet.getRange(1, 1, 1, headers.length).setValues([headers]);
  const table = Table.open(ss, CERTIFICATE_RECORD, timeZone);
  const issued = table.rows().filter((r) => Number(r.get('number')) > 0).map((r) => ({
    row: r.rowNumber, number: Number(r.get('number')), eventId: r.text('eventId').trim(), responseId: r.text('responseId').trim(), documentId: r.text('documentId').trim(),
  }));
  return { table, issued };
}

/** Every certificate issued so far (for the activity report's counts). */
export function readIssuedCertificates(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): IssuedCertificate[] {
  if (!ss.getSheetByName(CERTIFICATE_RECORD.name)) return [];
  return openRecord(ss, spreadsheetTimeZone(ss)).issued.map(({ row: _row, ...c }) => c);
}

/** The template's paragraphs (text and heading): a few calls per template paragraph, none per attendee. */
function readTemplate(settings: Settings, folder: string): { paragraphs: { text: string; heading?: string }[]; created: boolean } {
  const id = settings.get(CERTIFICATE_TEMPLATE_SETTING);
  if (id) {
    const file = findById(id);
    if (!file || file.trashed) throw new UserFacingError('certificates.templateMissing', { key: CERTIFICATE_TEMPLATE_SETTING, id });
    const body = DocumentApp.openById(id).getBody();
    const paragraphs = body.getParagraphs().map((p) => ({ text: p.getText(), heading: String(p.getHeading()) }));
    return { paragraphs, created: false };
  }
  const made = writeTemplateDocument({
    title: '参加証明書のひな形', header: '', footer: '',
    body: DEFAULT_CERTIFICATE_TEMPLATE.map((p) => ({ type: 'PARAGRAPH' as const, text: p.text, ...(p.heading ? { heading: p.heading } : {}) })),
  }, folder);
  settings.set(CERTIFICATE_TEMPLATE_SETTING, made.id);
  settings.flush();
  return { paragraphs: DEFAULT_CERTIFICATE_TEMPLATE, created: true };
}


export function issueCertificates(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, eventId: string, lang: Lang): CertificatesResult {
  requireGrants(certificateScopes());
  const timeZone = spreadsheetTimeZone(ss);
  const event = readEvents(ss, timeZone).events.find((e) => e.id === eventId.trim());
  if (!event) throw new UserFacingError('forms.unknownEvent', { id: eventId });
  const attendees = attendeesOf(readLedger(ss, timeZone).rows, event.id);
  const record = openRecord(ss, timeZone);
  const props = PropertiesService.getDocumentProperties();
  const counter = Number(props.getProperty(COUNTER_KEY) ?? 0) || 0;
  const plan = planIssue(event.id, attendees, record.issued, counter);
  const none = { eventId: event.id, count: 0, first: 0, last: 0, already: plan.alreadyPrinted, documentId: '', documentUrl: '', pdfId: '', pdfUrl: '' };
  if (plan.toPrint.length === 0) return { ...none, message: t(lang, 'certificates.nothing', { id: event.id, attendees: attendees.length, already: plan.alreadyPrinted }) };

  const settings = Settings.open(ss);
  const folder = outputFolder(settings);
  const template = readTemplate(settings, folder);
  // Numbers first: the record rows, then the counter (a failure between them loses nothing: the record's highest
  // number counts too). Only then the document.
  const now = new Date();
  if (plan.issued.length) {
    for (const c of plan.issued) record.table.append({ id: `${c.eventId}/${c.responseId}`, number: c.number, eventId: c.eventId, responseId: c.responseId, issuedAt: now });
    record.table.flush();
  }
  if (plan.last > counter) props.setProperty(COUNTER_KEY, String(plan.last));
  const day = event.start ? civilDateOf(event.start, timeZone) : null;
  const today = civilDateOf(now, timeZone);
  const hours = hoursBetween(event.start, event.end);
  const batch = plan.toPrint.slice(0, CERTIFICATES_PER_RUN);
  const blocks = certificatesDocument(template.paragraphs, batch, {
    行事: event.title, 日付: day ? `${formatSeireki(day)}（${formatWareki(day)}）` : '', 時間: hours === null ? '' : `${hours}時間`,
    ネットワーク名: settings.get(PAMPHLET_SETTINGS.networkName), 発行日: `${formatWareki(today)}（${formatSeireki(today, false)}）発行`,
  });
  const numbers = batch.map((p) => p.number);
  const first = Math.min(...numbers);
  const last = Math.max(...numbers);
  const { doc, pdf } = createDocumentWithPdf(`参加証明書_${event.id}_${formatIssueNumber(first)}-${formatIssueNumber(last)}`, blocks, folder);
  // The document's id on each printed row, found again by its id (a volunteer may have sorted the record meanwhile).
  const reread = openRecord(ss, timeZone);
  const rowOf = new Map(reread.issued.filter((c) => c.eventId === event.id).map((c) => [c.responseId, c.row]));
  for (const p of batch) {
    const row = rowOf.get(p.responseId);
    if (row !== undefined) reread.table.set(row, 'documentId', doc.id);
  }
  reread.table.flush();
  return {
    ...none, count: batch.length, first, last, documentId: doc.id, documentUrl: doc.url, pdfId: pdf.id, pdfUrl: pdf.url,
    message: t(lang, 'certificates.done', { id: event.id, count: batch.length, first: formatIssueNumber(first), last: formatIssueNumber(last), already: plan.alreadyPrinted, doc: doc.url, pdf: pdf.url })
      + (plan.toPrint.length > batch.length ? t(lang, 'certificates.more', { rest: plan.toPrint.length - batch.length, max: CERTIFICATES_PER_RUN }) : ''),
  };
}

/** Rewrites the 受講記録 sheet (owned by the add-on; a volunteer's own sheet of that name is never written over). */
export function updateTrainingRecords(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang): { people: number; lines: number; agencies: number; message: string } {
  const header = ['メール', '氏名', '所属', '行事id', '行事', '日付', '時間数'];
  const [sheet] = claimSheets(ss, [{ name: TRAINING_SHEET, isOurs: (first) => header.every((h, i) => headerKey(first[i]) === h) }]) as [GoogleAppsScript.Spreadsheet.Sheet];
  const timeZone = spreadsheetTimeZone(ss);
  const events = readEvents(ss, timeZone).events.filter((e) => e.id !== '').map((e) => ({
    id: e.id, title: e.title, date: e.start ? formatZoned(e.start, timeZone, false) : '', hours: hoursBetween(e.start, e.end),
  }));
  const rec = trainingRecords(readLedger(ss, timeZone).rows, events);
  const width = header.length;
  const pad = (line: (string | number)[]) => [...line.map((v) => (typeof v === 'string' ? neutraliseFormula(v) : v)), ...Array(width - line.length).fill('')];
  const table = [...rec.people.map(pad), pad([]), ...rec.agencies.map(pad)];
  sheet.clear();
  if (table.length > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), table.length - sheet.getMaxRows());
  sheet.getRange(1, 1, table.length, width).setValues(table);
  sheet.setFrozenRows(1);
  const people = new Set(rec.people.slice(1).map((l) => l[0])).size;
  const out = { people, lines: rec.people.length - 1, agencies: rec.agencies.length - 1 };
  return { ...out, message: t(lang, 'training.done', out) };
}
