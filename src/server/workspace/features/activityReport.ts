/**
 * 「活動報告書を作成」: reads the registry, events, ledger, survey store, meetings and the operation log once each,
 * builds the report (domain/report.ts), and fills a copy of the add-on's own report template (created the first
 * time through the Advanced Drive service, so drive.file reaches it: drive.ts). The folder and the template are
 * checked before anything is created or copied: a missing folder or a broken template creates nothing.
 * Re-running makes a new dated document (name_2, name_3 …) and never edits an earlier one. Docs calls depend on
 * the template's size and on one insertTable per block, not on the number of participants.
 */
import type { ActivityReportResult, ReportPeriod } from '../../../protocol';
import { AGENCIES, MEETINGS, OPERATION_LOG } from '../../domain/schema';
import { CivilDate, isoDate, parseCivilDate } from '../../domain/ja';
import {
  PamphletIssue, Period, ReportAgency, ReportEvent, ReportFields, ReportMeeting, buildActivityReport, customPeriod, defaultPeriod, reportFields,
} from '../../domain/report';
import {
  EMPTY_BLOCK_TEXT, REPORT_FOLDER_SETTING, REPORT_TEMPLATE_SETTING, ReportOutlineElement, ReportTemplatePlan, checkReportTemplate, defaultReportTemplate,
  fillBlockTable, fillParagraph, reportDocumentName,
} from '../../domain/report-template';
import { nextFreeName, placeholderPattern, placeholdersIn } from '../../domain/pamphlet';
import { Lang, list, t } from '../../i18n/messages';
import { UserFacingError } from '../errors';
import { readEvents, readLedger } from '../records';
import { Settings } from '../settings';
import { tableCells, writeTemplateDocument } from '../docs';
import { DriveItem, copyFile, findById, nameTaken, trashQuietly } from '../drive';
import { civilDateOf, computeSurveySummaries } from './surveyResults';
import { CellValue, Table, spreadsheetTimeZone } from '../tables';

export const REPORT_SCOPES = [
  'https://www.googleapis.com/auth/spreadsheets.currentonly',
  'https://www.googleapis.com/auth/documents',
  'https://www.googleapis.com/auth/drive.file',
] as const;

const PAMPHLET_OPERATION = 'パンフレットを作成';
/** Google's wording when DocumentApp.openById cannot open a Doc (Drive found it, but it is not a document). */
const NOT_FOUND = /is missing \(perhaps it was deleted|not found/i;

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
  return Table.open(ss, AGENCIES, timeZone).rows()
    .filter((r) => r.text('name').trim() !== '')
    .map((r) => ({ id: r.text('id').trim(), name: r.text('name').trim(), kind: r.text('kind').trim(), joinedOn: civilOf(r.get('joinedOn'), timeZone) }));
}

function readReportMeetings(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone: string): ReportMeeting[] {
  if (!ss.getSheetByName(MEETINGS.name)) return [];
  return Table.open(ss, MEETINGS, timeZone).rows()
    .filter((r) => r.text('title').trim() !== '')
    .map((r) => ({ title: r.text('title').trim(), start: civilOf(r.get('start'), timeZone), status: r.text('status').trim(), recurrence: r.text('recurrence') }));
}

/** Pamphlets made by the add-on: the successful 「パンフレットを作成」 lines of 操作ログ. */
function readPamphletIssues(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone: string): PamphletIssue[] {
  if (!ss.getSheetByName(OPERATION_LOG.name)) return [];
  return Table.open(ss, OPERATION_LOG, timeZone).rows()
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
export function gatherReport(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, period: ReportPeriod | undefined, settings: Settings) {
  const timeZone = spreadsheetTimeZone(ss);
  const today = civilDateOf(new Date(), timeZone);
  const resolved = resolvePeriod(period, today);
  const { table: eventsTable, events, rowNumbers } = readEvents(ss);
  const ledger = readLedger(ss).rows;
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
  return { report, fields: reportFields(report, networkName, today), today };
}

/** Writes the default template into a new Doc in the folder (My Drive when none), saved so it can be copied at once. */
export function createReportTemplate(folderId?: string): DriveItem {
  return writeTemplateDocument(defaultReportTemplate(), folderId);
}

/**
 * The body's top-level elements as the template checker reads them. Every top-level element (paragraph, list item,
 * table, table of contents) answers getText, so only the elements between block markers pay for getType and, when
 * they are tables, for reading their cells; getChild returns the concrete element, so no asTable() round trip.
 */
function outlineOf(body: GoogleAppsScript.Document.Body): ReportOutlineElement[] {
  const out: ReportOutlineElement[] = [];
  let inBlock = false;
  for (let i = 0, n = body.getNumChildren(); i < n; i++) {
    const el = body.getChild(i) as GoogleAppsScript.Document.Paragraph;
    if (inBlock && String(el.getType()) === 'TABLE') {
      out.push({ type: 'TABLE', text: '', cells: tableCells(el as unknown as GoogleAppsScript.Document.Table) });
      continue;
    }
    const text = el.getText();
    const marker = /^\{\{([#/])[^{}]+\}\}$/.exec(text.trim());
    if (marker) inBlock = marker[1] === '#';
    out.push({ type: 'PARAGRAPH', text });
  }
  return out;
}

function sectionText(section: GoogleAppsScript.Document.HeaderSection | GoogleAppsScript.Document.FooterSection | null): string {
  return section ? section.getText() : '';
}

/**
 * Fills a copy of the template; `outline` was read from the template, whose copy has the same elements. Each block
 * is rebuilt as one insertTable (its markers removed); every global placeholder is one replaceText over the body
 * (tables included), so calls follow the template's size, never the number of events or participants. Google does
 * not document how a replaceText replacement treats `$` and `\\`, so a value holding one (a network name, say) is
 * written with setText on the elements that use it instead.
 */
function fillReport(doc: GoogleAppsScript.Document.Document, outline: readonly ReportOutlineElement[], plan: ReportTemplatePlan, fields: ReportFields,
  headerFooter: { header: string; footer: string }): void {
  const body = doc.getBody();
  for (const block of [...plan.blocks].sort((a, b) => b.start - a.start)) {
    const cells = fillBlockTable(outline[block.table]!.cells ?? [], fields.blocks[block.name], fields.global);
    body.getChild(block.end).removeFromParent();
    body.getChild(block.table).removeFromParent();
    if (cells) body.insertTable(block.table, cells);
    else body.insertParagraph(block.table, EMPTY_BLOCK_TEXT);
    body.getChild(block.start).removeFromParent();
  }
  // Each block turned three elements into one: where template element i now is.
  const indexNow = (i: number) => i - 2 * plan.blocks.filter((b) => b.end < i).length;
  const inBlock = new Set(plan.blocks.flatMap((b) => [b.start, b.table, b.end]));
  const unsafe = (name: string) => /[$\\]/.test(fields.global[name] ?? '');
  const used = new Set<string>();
  let removed = 0;
  outline.forEach((el, i) => {
    if (inBlock.has(i)) return;
    const texts = el.type === 'TABLE' ? (el.cells ?? []).flat() : [el.text];
    const names = texts.flatMap((t) => placeholdersIn(t));
    if (!names.some(unsafe)) { for (const n of names) used.add(n); return; }
    const at = indexNow(i) - removed;
    const element = body.getChild(at);
    if (String(element.getType()) === 'TABLE') {
      // Outside a block only a table's text was read; its cells are read now, in this rare case, and rewritten.
      const cells = tableCells(element as unknown as GoogleAppsScript.Document.Table);
      element.removeFromParent();
      body.insertTable(at, fillBlockTable(cells, [{}], fields.global)!);
    } else {
      const filled = fillParagraph(el.text, fields.global);
      if (filled === null) { element.removeFromParent(); removed++; }
      else (element as GoogleAppsScript.Document.Paragraph).setText(filled);
    }
  });
  for (const name of used) {
    body.replaceText(placeholderPattern(name), fields.global[name] ?? '');
  }
  if (headerFooter.header.includes('{{')) doc.getHeader()!.setText(fillLinesOf(headerFooter.header, fields.global));
  if (headerFooter.footer.includes('{{')) doc.getFooter()!.setText(fillLinesOf(headerFooter.footer, fields.global));
  doc.saveAndClose();
}

function fillLinesOf(text: string, values: Readonly<Record<string, string>>): string {
  return text.split('\n').map((l) => fillParagraph(l, values)).filter((l): l is string => l !== null).join('\n');
}

/** 「活動報告書を作成」 */
export function createActivityReport(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, period?: ReportPeriod, lang: Lang = 'ja'): ActivityReportResult {
  const settings = Settings.open(ss);
  const { report, fields, today } = gatherReport(ss, period, settings);
  // The folder first: a run that stops on a wrong folder id must not have made a template on the way.
  const folderId = settings.get(REPORT_FOLDER_SETTING);
  if (folderId) {
    // findById rethrows a passing outage; only "not there / not ours" means the folder is gone.
    const folder = findById(folderId);
    if (!folder || folder.trashed) throw new UserFacingError('report.folderMissing', { key: REPORT_FOLDER_SETTING, id: folderId });
  }
  let templateId = settings.get(REPORT_TEMPLATE_SETTING);
  let templateCreated = false;
  if (templateId) {
    const file = findById(templateId);
    if (!file || file.trashed) throw new UserFacingError('report.templateMissing', { key: REPORT_TEMPLATE_SETTING, id: templateId });
  } else {
    templateId = createReportTemplate(folderId || undefined).id;
    try {
      settings.set(REPORT_TEMPLATE_SETTING, templateId, '「活動報告書を作成」が使うひな形（Google ドキュメント）のid。空にすると次回新しく作ります');
      settings.flush();
    } catch (e) {
      // Until its id is in 設定 the template is unknown to the next run, which would make another beside it.
      trashQuietly(templateId);
      throw e;
    }
    templateCreated = true;
  }
  let template: GoogleAppsScript.Document.Document;
  try {
    template = DocumentApp.openById(templateId);
  } catch (e) {
    // Only "not there / not a Doc" means the template is unusable; a passing service failure is reported as such.
    if (NOT_FOUND.test(e instanceof Error ? e.message : String(e))) {
      throw new UserFacingError('report.templateMissing', { key: REPORT_TEMPLATE_SETTING, id: templateId });
    }
    throw e;
  }
  const outline = outlineOf(template.getBody());
  const headerFooter = { header: sectionText(template.getHeader()), footer: sectionText(template.getFooter()) };
  const check = checkReportTemplate(outline, [headerFooter.header, headerFooter.footer]);
  if (!check.ok) throw new UserFacingError('report.templateBroken', { key: REPORT_TEMPLATE_SETTING, problems: check.problems.join(' / ') });

  // Reports go to the folder, or to My Drive ('root', an alias Drive accepts wherever a file id is expected:
  // https://developers.google.com/drive/api/guides/folder).
  const parentId = folderId || 'root';
  const name = nextFreeName(reportDocumentName(fields, isoDate(today)), (n) => nameTaken(n, parentId));
  // The copy's id and link come back with the copy itself (one call, `fields`).
  const copy = copyFile(templateId, name, parentId);
  const documentId = copy.id;
  const url = copy.url;
  try {
    fillReport(DocumentApp.openById(documentId), outline, check.plan, fields, headerFooter);
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
    templateCreated,
    notes,
  };
}
