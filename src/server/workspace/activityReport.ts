/**
 * 「活動報告書を作成」: reads the registry, events, ledger, survey store, meetings and the operation log once each,
 * builds the report (domain/report.ts), and fills a copy of the add-on's own report template (created the first
 * time, so drive.file suffices). The template is checked before anything is copied: a broken one creates nothing.
 * Re-running makes a new dated document (name_2, name_3 …) and never edits an earlier one. Docs calls depend on
 * the template's size and on one insertTable per block, not on the number of participants.
 */
import type { ActivityReportResult, ReportPeriod } from '../../protocol';
import { AGENCIES, MEETINGS, OPERATION_LOG } from '../domain/schema';
import { CivilDate, isoDate, parseCivilDate } from '../domain/ja';
import {
  PamphletIssue, Period, ReportAgency, ReportEvent, ReportMeeting, buildActivityReport, customPeriod, defaultPeriod, reportFields,
} from '../domain/report';
import {
  EMPTY_BLOCK_TEXT, REPORT_FOLDER_SETTING, REPORT_TEMPLATE_SETTING, ReportOutlineElement, checkReportTemplate, defaultReportTemplate,
  fillBlockTable, fillParagraph, reportDocumentName,
} from '../domain/report-template';
import { nextFreeName } from '../domain/pamphlet';
import { UserFacingError } from './errors';
import { readEvents, readLedger } from './records';
import { Settings } from './settings';
import { civilDateOf, computeSurveySummaries } from './surveyResults';
import { CellValue, Table } from './tables';

export const REPORT_SCOPES = [
  'https://www.googleapis.com/auth/spreadsheets.currentonly',
  'https://www.googleapis.com/auth/documents',
  'https://www.googleapis.com/auth/drive.file',
] as const;

const PAMPHLET_OPERATION = 'パンフレットを作成';

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
  return Table.open(ss, AGENCIES).rows()
    .filter((r) => r.text('name').trim() !== '')
    .map((r) => ({ id: r.text('id').trim(), name: r.text('name').trim(), kind: r.text('kind').trim(), joinedOn: civilOf(r.get('joinedOn'), timeZone) }));
}

function readReportMeetings(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone: string): ReportMeeting[] {
  if (!ss.getSheetByName(MEETINGS.name)) return [];
  return Table.open(ss, MEETINGS).rows()
    .filter((r) => r.text('title').trim() !== '')
    .map((r) => ({ title: r.text('title').trim(), start: civilOf(r.get('start'), timeZone), status: r.text('status').trim(), recurrence: r.text('recurrence') }));
}

/** Pamphlets made by the add-on: the successful 「パンフレットを作成」 lines of 操作ログ. */
function readPamphletIssues(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone: string): PamphletIssue[] {
  if (!ss.getSheetByName(OPERATION_LOG.name)) return [];
  return Table.open(ss, OPERATION_LOG).rows()
    .filter((r) => r.text('operation').trim() === PAMPHLET_OPERATION && r.text('result').trim() === '成功')
    .map((r) => {
      const on = civilOf(r.get('at'), timeZone);
      // The sidebar logs the result as JSON ("name":"…"); the menu logs the sentence パンフレット「…」を作成しました.
      const details = r.text('details');
      const name = /"name":"([^"]+)"/.exec(details)?.[1] ?? /パンフレット「([^」]+)」/.exec(details)?.[1] ?? 'パンフレット';
      return on ? { on, name } : null;
    })
    .filter((p): p is PamphletIssue => p !== null);
}

/** Everything the report needs, read once per sheet. */
export function gatherReport(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, period: ReportPeriod | undefined) {
  const timeZone = ss.getSpreadsheetTimeZone();
  const today = civilDateOf(new Date(), timeZone);
  const resolved = resolvePeriod(period, today);
  const { table: eventsTable, events, rowNumbers } = readEvents(ss);
  const reportEvents: ReportEvent[] = events.map((e, i) => ({
    id: e.id, kind: e.kind, title: e.title, start: e.start ? civilDateOf(e.start, timeZone) : null,
    status: eventsTable.row(rowNumbers[i]!).text('status').trim(),
  }));
  const { summaries } = computeSurveySummaries(ss);
  const report = buildActivityReport({
    period: resolved,
    today,
    agencies: readReportAgencies(ss, timeZone),
    events: reportEvents,
    ledger: readLedger(ss).rows.map((r) => ({ eventId: r.eventId, agency: r.agency, status: r.status, attended: r.attended })),
    surveys: Object.fromEntries(summaries),
    meetings: readReportMeetings(ss, timeZone),
    pamphlets: readPamphletIssues(ss, timeZone),
  });
  const networkName = Settings.open(ss).get('ネットワーク名') || '就労支援ネットワーク';
  return { report, fields: reportFields(report, networkName, today), today };
}

/** Writes the default template into a new Doc (saved, so it can be copied at once); returns its id. */
export function createReportTemplate(): string {
  const t = defaultReportTemplate();
  const doc = DocumentApp.create(t.title);
  const body = doc.getBody();
  for (const el of t.body) {
    if (el.type === 'TABLE') { body.appendTable(el.cells); continue; }
    const p = body.appendParagraph(el.text);
    if (el.heading && el.heading !== 'NORMAL') p.setHeading(DocumentApp.ParagraphHeading[el.heading]);
  }
  // A new document starts with one empty paragraph; the template's first line takes its place.
  body.getChild(0).removeFromParent();
  doc.addHeader().setText(t.header);
  doc.addFooter().setText(t.footer);
  doc.saveAndClose();
  return doc.getId();
}

/** The body's top-level elements as the template checker reads them. */
function outlineOf(body: GoogleAppsScript.Document.Body): ReportOutlineElement[] {
  const out: ReportOutlineElement[] = [];
  const n = body.getNumChildren();
  for (let i = 0; i < n; i++) {
    const el = body.getChild(i);
    const type = String(el.getType());
    if (type === 'PARAGRAPH' || type === 'LIST_ITEM') {
      out.push({ type: 'PARAGRAPH', text: type === 'PARAGRAPH' ? el.asParagraph().getText() : el.asListItem().getText() });
    } else if (type === 'TABLE') {
      const table = el.asTable();
      const cells: string[][] = [];
      for (let r = 0; r < table.getNumRows(); r++) {
        const row = table.getRow(r);
        const line: string[] = [];
        for (let c = 0; c < row.getNumCells(); c++) line.push(row.getCell(c).getText());
        cells.push(line);
      }
      out.push({ type: 'TABLE', text: '', cells });
    } else out.push({ type: 'OTHER', text: '' });
  }
  return out;
}

function sectionText(section: GoogleAppsScript.Document.HeaderSection | GoogleAppsScript.Document.FooterSection | null): string {
  return section ? section.getText() : '';
}

/** Fills a copy of the template; `outline` was read from the template, whose copy has the same elements. */
function fillReport(doc: GoogleAppsScript.Document.Document, outline: readonly ReportOutlineElement[], blocks: { name: keyof ReturnType<typeof reportFields>['blocks']; start: number; table: number; end: number }[], fields: ReturnType<typeof reportFields>): void {
  const body = doc.getBody();
  const blockAt = new Map(blocks.map((b) => [b.table, b]));
  const markers = new Set(blocks.flatMap((b) => [b.start, b.end]));
  // From the last element to the first, so the indices still to visit do not move.
  for (let i = outline.length - 1; i >= 0; i--) {
    const el = outline[i]!;
    const block = blockAt.get(i);
    if (block) {
      const cells = fillBlockTable(el.cells ?? [], fields.blocks[block.name], fields.global);
      body.getChild(i).removeFromParent();
      if (cells) body.insertTable(i, cells);
      else body.insertParagraph(i, EMPTY_BLOCK_TEXT);
      continue;
    }
    if (markers.has(i)) { body.getChild(i).removeFromParent(); continue; }
    if (el.type === 'PARAGRAPH' && el.text.includes('{{')) {
      const filled = fillParagraph(el.text, fields.global);
      const p = body.getChild(i);
      if (filled === null) p.removeFromParent();
      else (String(p.getType()) === 'LIST_ITEM' ? p.asListItem() : p.asParagraph()).setText(filled);
    } else if (el.type === 'TABLE' && (el.cells ?? []).some((row) => row.some((c) => c.includes('{{')))) {
      const filled = fillBlockTable(el.cells ?? [], [{}], fields.global)!;
      body.getChild(i).removeFromParent();
      body.insertTable(i, filled);
    }
  }
  for (const section of [doc.getHeader(), doc.getFooter()]) {
    const text = sectionText(section);
    if (section && text.includes('{{')) section.setText(text.split('\n').map((l) => fillParagraph(l, fields.global)).filter((l) => l !== null).join('\n'));
  }
}

/** 「活動報告書を作成」 */
export function createActivityReport(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, period?: ReportPeriod): ActivityReportResult {
  const { report, fields, today } = gatherReport(ss, period);
  const settings = Settings.open(ss);
  let templateId = settings.get(REPORT_TEMPLATE_SETTING);
  let templateCreated = false;
  if (!templateId) {
    templateId = createReportTemplate();
    settings.set(REPORT_TEMPLATE_SETTING, templateId, '「活動報告書を作成」が使うひな形（Google ドキュメント）のid。空にすると次回新しく作ります');
    settings.flush();
    templateCreated = true;
  }
  let template: GoogleAppsScript.Document.Document;
  let templateFile: GoogleAppsScript.Drive.File;
  try {
    templateFile = DriveApp.getFileById(templateId);
    template = DocumentApp.openById(templateId);
  } catch {
    throw new UserFacingError('report.templateMissing', { key: REPORT_TEMPLATE_SETTING, id: templateId });
  }
  const outline = outlineOf(template.getBody());
  const check = checkReportTemplate(outline, [sectionText(template.getHeader()), sectionText(template.getFooter())]);
  if (!check.ok) throw new UserFacingError('report.templateBroken', { key: REPORT_TEMPLATE_SETTING, problems: check.problems.join(' / ') });

  const folderId = settings.get(REPORT_FOLDER_SETTING);
  const folder = folderId ? DriveApp.getFolderById(folderId) : null;
  const name = nextFreeName(reportDocumentName(fields, isoDate(today)), (n) => (folder ? folder.getFilesByName(n) : DriveApp.getFilesByName(n)).hasNext());
  const copy = folder ? templateFile.makeCopy(name, folder) : templateFile.makeCopy(name);
  const doc = DocumentApp.openById(copy.getId());
  fillReport(doc, outline, check.plan.blocks, fields);
  doc.saveAndClose();

  const notes: string[] = [];
  if (report.undated.length) notes.push(`加入日が空の団体: ${report.undated.join('、')}`);
  return {
    documentId: copy.getId(),
    name,
    url: copy.getUrl(),
    period: { start: isoDate(report.period.start), end: isoDate(report.period.end), label: report.period.label },
    membersAtStart: report.membersAtStart,
    membersAtEnd: report.membersAtEnd,
    joined: report.joined.map((j) => j.name),
    events: report.events.map((e) => ({ id: e.id, title: e.title, date: isoDate(e.date), participants: e.participants, agencies: e.agencies.length })),
    meetings: report.meetings,
    pamphlets: report.pamphlets.length,
    templateCreated,
    notes,
  };
}
