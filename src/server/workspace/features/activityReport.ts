/**
 * 「活動報告書を作成」: reads the registry, events, ledger, survey store, meetings and 発行記録 once each,
 * builds the report (domain/report.ts), and fills a copy of the add-on's own report template (created the first
 * time through the Advanced Drive service, so drive.file reaches it: drive.ts). The folder and the template are
 * checked before anything is created or copied: a missing folder or a broken template creates nothing.
 * Re-running makes a new dated document (name_2, name_3 …) and never edits an earlier one. The template is read
 * once (documents.get) and the copy written in one documents.batchUpdate built by the domain (reportSections,
 * fillDocumentRequests): Docs calls depend on nothing the year holds. The report is then added to 発行記録.
 */
import type { ActivityReportResult, ReportPeriod } from '../../../protocol';
import { AGENCIES, MEETINGS } from '../../domain/schema';
import { CivilDate, isoDate, parseCivilDate } from '../../domain/ja';
import {
  PamphletIssue, Period, ReportAgency, ReportEvent, ReportMeeting, buildActivityReport, customPeriod, defaultPeriod, reportFields,
} from '../../domain/report';
import {
  REPORT_FOLDER_SETTING, REPORT_TEMPLATE_SETTING, checkReportTemplate, defaultReportTemplate, reportOutline, reportSections, reportDocumentName,
} from '../../domain/report-template';
import { nextFreeName } from '../../domain/pamphlet';
import { fillDocumentRequests } from '../../domain/template';
import { segmentText } from '../../domain/doc-requests';
import { Lang, list, t, templateProblem } from '../../i18n/messages';
import { UserFacingError } from '../errors';
import { readEvents, readLedger } from '../records';
import { Settings } from '../settings';
import { readDocument, updateDocument, writeTemplateDocument } from '../docs';
import { PAMPHLET_KIND, REPORT_KIND, readIssues, recordIssue } from '../issueRecord';
import { DriveItem, copyFile, findById, folderContents, nameTaken, trashQuietly } from '../drive';
import { civilDateOf, computeSurveySummaries } from './surveyResults';
import { CellValue, Table, optionalRows, spreadsheetTimeZone } from '../tables';
import { trainingCounts } from '../../domain/training-counts';
import { reportConsultations } from './consultations';
import { readIssuedCertificates } from './certificates';

/** Drive and the Docs API on the add-on's own files: drive.file covers both (docs.ts); no DocumentApp call. */
export const REPORT_SCOPES = [
  'https://www.googleapis.com/auth/spreadsheets.currentonly',
  'https://www.googleapis.com/auth/drive.file',
] as const;

/** Google's wording when documents.get cannot read a Doc (Drive found it, but it is not a document, or it is gone). */
const NOT_FOUND = /not found|is missing/i;

function civilOf(v: CellValue, timeZone: string): CivilDate | null {
  if (v instanceof Date) return civilDateOf(v, timeZone);
  const parsed = parseCivilDate(String(v ?? ''));
  return parsed && !('invalid' in parsed) ? parsed : null;
}

/** The period asked for, or the fiscal year containing today. */
export function resolvePeriod(period: ReportPeriod | undefined, today: CivilDate): Period {
  if (!period || (!period.start && !period.end)) return defaultPeriod(today);
  const start = parseCivilDate(period.start ?? '');
  const end = parseCivilDate(period.end ?? '');
  const bad = () => new UserFacingError('report.badPeriod', { start: period.start ?? '', end: period.end ?? '' });
  if (!start || 'invalid' in start || !end || 'invalid' in end) throw bad();
  const p = customPeriod(start, end);
  if (!p) throw bad();
  return p;
}

function readReportAgencies(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone: string): ReportAgency[] {
  // A view: nothing is written back.
  return Table.open(ss, AGENCIES, timeZone, true).rows()
    .filter((r) => r.text('name').trim() !== '')
    .map((r) => ({ id: r.text('id').trim(), name: r.text('name').trim(), kind: r.text('kind').trim(), joinedOn: civilOf(r.get('joinedOn'), timeZone), confirmedOn: civilOf(r.get('lastConfirmedOn'), timeZone) }));
}

function readReportMeetings(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone: string): ReportMeeting[] {
  // No 会議 sheet (made by 初期設定 since meetings came): no meetings; a renamed header is still reported.
  return optionalRows(ss, MEETINGS, timeZone)
    .filter((r) => r.text('title').trim() !== '')
    .map((r) => ({ title: r.text('title').trim(), start: civilOf(r.get('start'), timeZone), status: r.text('status').trim(), recurrence: r.text('recurrence') }));
}

/** Pamphlets the add-on issued, from 発行記録 (whatever language the coordinator's add-on speaks). */
function readPamphletIssues(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone: string): PamphletIssue[] {
  return readIssues(ss, timeZone).filter((i) => i.kind === PAMPHLET_KIND).map((i) => ({ on: i.on, name: i.name }));
}

/** Everything the report needs, read once per sheet. */
export function gatherReport(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, period: ReportPeriod | undefined, settings: Settings) {
  const timeZone = spreadsheetTimeZone(ss);
  const today = civilDateOf(new Date(), timeZone);
  const resolved = resolvePeriod(period, today);
  // Views: the report writes nothing back to 行事 or 参加者台帳.
  const { table: eventsTable, events, rowNumbers } = readEvents(ss, timeZone, true);
  const ledger = readLedger(ss, timeZone, true).rows;
  const reportEvents: ReportEvent[] = events.map((e, i) => ({
    id: e.id, kind: e.kind, title: e.title, start: e.start ? civilDateOf(e.start, timeZone) : null,
    status: eventsTable.row(rowNumbers[i]!).text('status').trim(),
  }));
  const { summaries } = computeSurveySummaries(ss, { timeZone, events, ledger });
  const report = buildActivityReport({
    period: resolved,
    today,
    agencies: readReportAgencies(ss, timeZone),
    events: reportEvents,
    ledger: ledger.map((r) => ({ eventId: r.eventId, agency: r.agencyId || r.agency, status: r.status, attended: r.attended })),
    surveys: Object.fromEntries(summaries),
    meetings: readReportMeetings(ss, timeZone),
    pamphlets: readPamphletIssues(ss, timeZone),
  });
  const networkName = settings.get('ネットワーク名') || '就労支援ネットワーク';
  // 受講記録 as counts (no names): attendances of the period's events, and the certificates issued for them.
  const training = trainingCounts(ledger, new Set(report.events.map((e) => e.id)), readIssuedCertificates(ss));
  return { report, training, fields: reportFields(report, networkName, today, training, reportConsultations(ss, timeZone, resolved)), today };
}

/** Writes the default template into a new Doc in the folder (My Drive when none), saved so it can be copied at once. */
export function createReportTemplate(folderId?: string): DriveItem {
  return writeTemplateDocument(defaultReportTemplate(), folderId);
}

/** 「活動報告書を作成」 */
export function createActivityReport(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, period?: ReportPeriod, lang: Lang = 'ja'): ActivityReportResult {
  // 設定 is read as a view; the first run's template id is written by reopening it to write (Settings.set).
  const settings = Settings.open(ss, true);
  const { report, training, fields, today } = gatherReport(ss, period, settings);
  // The folder first: a run that stops on a wrong folder id must not have made a template on the way.
  const folderId = settings.get(REPORT_FOLDER_SETTING);
  let templateId = settings.get(REPORT_TEMPLATE_SETTING);
  // Reports go to the folder, or to My Drive ('root', an alias Drive accepts wherever a file id is expected:
  // https://developers.google.com/drive/api/guides/folder).
  const parentId = folderId || 'root';
  // Its live files in one list (drive.ts folderContents): the template listed there is live, and so is the folder; the
  // names taken are known. A template kept elsewhere is asked for, and the folder checked, as before.
  const contents = templateId ? folderContents(parentId) : null;
  if (folderId && !contents?.ids.has(templateId)) {
    // findById rethrows a passing outage; only "not there / not ours" means the folder is gone.
    const folder = findById(folderId);
    if (!folder || folder.trashed) throw new UserFacingError('report.folderMissing', { key: REPORT_FOLDER_SETTING, id: folderId });
  }
  let templateCreated = false;
  if (templateId) {
    const file = contents?.ids.has(templateId) || findById(templateId);
    if (!file || (file !== true && file.trashed)) throw new UserFacingError('report.templateMissing', { key: REPORT_TEMPLATE_SETTING, id: templateId });
  } else {
    templateId = createReportTemplate(folderId || undefined).id;
    // Not trashed if saving its id fails: the write may have landed before the failure (a read-back after it), and a
    // template trashed under its saved id stops every later run. An unsaved one is an orphan (fault matrix window).
    settings.set(REPORT_TEMPLATE_SETTING, templateId);
    settings.flush();
    templateCreated = true;
  }
  let outline;
  try {
    // One read of the whole template (documents.get): text, styles and indexes.
    outline = readDocument(templateId);
  } catch (e) {
    // Only "not there / not a Doc" means the template is unusable; a passing service failure is reported as such.
    if (NOT_FOUND.test(e instanceof Error ? e.message : String(e))) {
      throw new UserFacingError('report.templateMissing', { key: REPORT_TEMPLATE_SETTING, id: templateId });
    }
    throw e;
  }
  const check = checkReportTemplate(reportOutline(outline), [segmentText(outline.header) ?? '', segmentText(outline.footer) ?? '']);
  if (!check.ok) throw new UserFacingError('report.templateBroken', { key: REPORT_TEMPLATE_SETTING, problems: check.problems.map((p) => templateProblem(lang, p)).join(' / ') });
  // Built from the template as read (its copy has the same indexes), sent in one batchUpdate.
  const requests = fillDocumentRequests(outline, fields.global, reportSections(outline, check.plan, fields));

  const name = nextFreeName(reportDocumentName(fields, isoDate(today)), (n) => (contents ? contents.names.has(n) : nameTaken(n, parentId)));
  // The copy's id and link come back with the copy itself (one call, `fields`).
  const copy = copyFile(templateId, name, parentId);
  const documentId = copy.id;
  const url = copy.url;
  try {
    updateDocument(documentId, requests);
    recordIssue(ss, { kind: REPORT_KIND, on: isoDate(today), name, id: documentId, url });
  } catch (e) {
    trashQuietly(documentId);
    throw e;
  }

  const notes: string[] = [];
  if (report.undated.length) notes.push(t(lang, 'report.undated', { count: report.undated.length, names: list(lang, report.undated) }));
  return {
    documentId,
    name,
    url,
    period: { start: isoDate(report.period.start), end: isoDate(report.period.end), label: report.period.label },
    membersAtStart: report.membersAtStart,
    membersAtEnd: report.membersAtEnd,
    joined: report.joined.map((j) => j.name),
    events: report.events.map((e) => ({ id: e.id, title: e.title, date: isoDate(e.date), participants: e.participants, agencies: e.agencies.length })),
    meetings: report.meetings,
    pamphlets: report.pamphlets.length,
    training,
    templateCreated,
    notes,
  };
}
