/**
 * The pamphlet in Google Docs. The folder, the template, each copy and its PDF are created by the add-on itself
 * through the Advanced Drive service (drive.ts), so Drive access stays on the per-file drive.file scope (DocumentApp
 * needs `documents`: it has no per-file scope outside a bound Doc).
 *
 * Calls are the cost (docs/ARCHITECTURE.md, Speed). Generation reads the template once (Docs API documents.get),
 * builds every request in the domain (template.ts, pamphlet.ts's pamphletItems) and writes the copy in one
 * documents.batchUpdate, then exports the PDF: Docs calls do not depend on the number of agencies or groups.
 */
import { consultationFormUrl } from './consultations';
import type { PamphletPreview, PamphletResult } from '../../../protocol';
import { AGENCY_KINDS } from '../../domain/schema';
import {
  CalendarDate, DEFAULT_NAME_PATTERN, consultationFormUse, QR_MARK, PamphletSelection, TemplatePlan, defaultTemplate, documentName, globalValues, nextFreeName,
  pamphletItems, pamphletSource, parseKindOrder, parseTemplate, selectAgencies, templateOutline,
} from '../../domain/pamphlet';
import { DocOutline } from '../../domain/doc-requests';
import { fillDocumentRequests } from '../../domain/template';
import { Lang, t, templateProblem } from '../../i18n/messages';
import { requireGrants, SHEET_SCOPES } from '../auth';
import { UserFacingError } from '../errors';
import { loadAgencies, problemMessage } from './registry';
import { Settings } from '../settings';
import { readDocument, updateDocument, writeTemplateDocument } from '../docs';
import { replaceMarkerWithQr } from '../docBlocks';
import { PAMPHLET_KIND, recordIssue } from '../issueRecord';
import { isoDate } from '../../domain/ja';
import { DriveItem, copyFile, createFileFromBlob, createFolder, findById, folderContents, nameTaken, trashQuietly } from '../drive';
import { formatExcluded } from '../../domain/where';
import { formatZoned, spreadsheetTimeZone } from '../tables';
import { civilDateOf } from './surveyResults';

export const DOCUMENTS_SCOPE = 'https://www.googleapis.com/auth/documents';
export const DRIVE_FILE_SCOPE = 'https://www.googleapis.com/auth/drive.file';
export const PAMPHLET_SCOPES = [...SHEET_SCOPES, DOCUMENTS_SCOPE, DRIVE_FILE_SCOPE] as const;
/**
 * The template is made through Drive and the Docs API only, and Google lists drive.file for documents.batchUpdate
 * (https://developers.google.com/docs/api/reference/rest/v1/documents/batchUpdate#authorization-scopes) on a file the
 * app created: `documents` is needed only by the pamphlet's PDF (DocumentApp's Document.getAs).
 */
export const PAMPHLET_TEMPLATE_SCOPES = [...SHEET_SCOPES, DRIVE_FILE_SCOPE] as const;

/** 設定 keys this feature reads and writes. */
export const PAMPHLET_SETTINGS = {
  networkName: 'ネットワーク名',
  templateId: 'パンフレットひな形ID',
  folderId: 'パンフレット出力フォルダID',
  kindOrder: 'パンフレット種別順',
  namePattern: 'パンフレット名の形式',
  latestDocument: 'パンフレット最新文書',
  latestPdf: 'パンフレット最新PDF',
  latestAt: 'パンフレット作成日時',
} as const;

/** MimeType.PDF (the global's name clashes with the DOM's MimeType in the shared type-check). */
const PDF = 'application/pdf';
const OUTPUT_FOLDER_NAME = '就労支援ネットワーク パンフレット';

// ------------------------------------------------------------------ template

/** The output folder's id: the one in 設定 while Drive still has it, else a fresh one recorded at once. */
export function outputFolder(settings: Settings): string {
  const id = settings.get(PAMPHLET_SETTINGS.folderId);
  // findById rethrows a passing outage: a second folder would split the pamphlets over two folders. A folder the
  // add-on cannot see (deleted, trashed, or made by hand under drive.file) is replaced by a fresh one.
  const existing = id ? findById(id) : null;
  if (existing && !existing.trashed) return existing.id;
  const folder = createFolder(OUTPUT_FOLDER_NAME);
  settings.set(PAMPHLET_SETTINGS.folderId, folder.id, 'パンフレットとひな形を置くフォルダ（アドオンが作成）');
  // Saved at once: a run that fails later must find this folder next time, not make another. If its id cannot be
  // saved (a volunteer renamed 設定's header meanwhile, a service failure), the folder goes to the trash: unknown to
  // the next run, it would only be an orphan beside the one that run makes.
  try {
    settings.flush();
  } catch (e) {
    trashQuietly(folder.id);
    throw e;
  }
  return folder.id;
}

/** The template in Drive, or null when it is gone (trashed, deleted, or not reachable under drive.file). */
function templateFile(id: string): DriveItem | null {
  // A passing outage is rethrown by findById: making a second template would orphan the coordinator's edits.
  const file = findById(id);
  return file && !file.trashed ? file : null;
}

/** 「パンフレットのひな形を作成」: one template per workbook; an existing, reachable one is kept. */
// The entry points (main.ts) check PAMPHLET_SCOPES before calling either function: not asked twice (2 calls each).
export function createPamphletTemplate(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang): { created: boolean; url: string; id: string; message: string } {
  const settings = Settings.open(ss);
  const existingId = settings.get(PAMPHLET_SETTINGS.templateId);
  const existing = existingId ? templateFile(existingId) : null;
  if (existing) {
    const url = existing.url;
    return { created: false, url, id: existingId, message: t(lang, 'pamphlet.templateExists', { url }) };
  }
  const folder = outputFolder(settings);
  const spec = defaultTemplate();
  // Made in the folder directly: no move afterwards.
  const border = { color: { color: { rgbColor: { red: 0.62, green: 0.62, blue: 0.62 } } }, width: { magnitude: 1, unit: 'PT' }, dashStyle: 'SOLID' };
  const file = writeTemplateDocument(spec, folder, { borderTop: border, borderBottom: border, borderLeft: border, borderRight: border });
  const { id, url } = file;
  try {
    settings.set(PAMPHLET_SETTINGS.templateId, id, 'パンフレットのひな形（Google ドキュメント）のID');
    settings.flush();
    return { created: true, url, id, message: t(lang, 'pamphlet.templateCreated', { url }) };
  } catch (e) {
    // Until its id is in 設定 the template is unknown to the next run, which would make another beside it.
    trashQuietly(id);
    throw e;
  }
}

/** The template, checked; a bad one stops here, before anything is created. */
function openTemplate(settings: Settings, lang: Lang, listed?: Set<string>): { id: string; outline: DocOutline; plan: TemplatePlan; form: ReturnType<typeof consultationFormUse> } {
  const id = settings.get(PAMPHLET_SETTINGS.templateId);
  if (!id) throw new UserFacingError('pamphlet.noTemplate');
  // Listed live in the output folder: no need to ask Drive for it again.
  if (!listed?.has(id) && !templateFile(id)) throw new UserFacingError('pamphlet.templateMissing', { id });
  // One read of the whole template (Docs API documents.get): its text, styles and indexes.
  const outline = readDocument(id);
  const template = templateOutline(outline);
  const parsed = parseTemplate(template);
  if (!parsed.ok) throw new UserFacingError('pamphlet.badTemplate', { problems: parsed.problems.map((p) => `・${templateProblem(lang, p)}`).join('\n') });
  return { id, outline, plan: parsed.plan, form: consultationFormUse(template, parsed.plan) };
}

// ------------------------------------------------------------------ selection

/** The given yyyy-mm-dd, else today in the spreadsheet's zone (computed here: no Utilities.formatDate call). */
function parseIssuedOn(text: string | undefined, ss: GoogleAppsScript.Spreadsheet.Spreadsheet): CalendarDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text ?? '');
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : civilDateOf(new Date(), spreadsheetTimeZone(ss));
}

/** Registry rows → the pamphlet's selection (one read of 団体, the registry check, no writes). */
export function pamphletSelection(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, settings: Settings, lang: Lang): PamphletSelection {
  const { agencies, check } = loadAgencies(ss);
  const problemsByRow = new Map<number, string[]>();
  for (const p of check.problems) problemsByRow.set(p.rowNumber, [...(problemsByRow.get(p.rowNumber) ?? []), `${String(p.params.column)}: ${problemMessage(p, lang)}`]);
  const order = parseKindOrder(settings.get(PAMPHLET_SETTINGS.kindOrder) || AGENCY_KINDS.join('、'));
  return selectAgencies(agencies.map((a) => pamphletSource(a, problemsByRow.get(a.rowNumber) ?? [])), order);
}

/** Preview for the sidebar: who is listed, in order, with empty fields; who is not, and why. Creates nothing. */
export function previewPamphlet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang): PamphletPreview {
  const settings = Settings.open(ss, true);
  const selection = pamphletSelection(ss, settings, lang);
  let templateProblems: string[] = [];
  const id = settings.get(PAMPHLET_SETTINGS.templateId);
  if (!id) templateProblems = [t(lang, 'pamphlet.noTemplate')];
  else {
    try {
      requireGrants([DOCUMENTS_SCOPE, DRIVE_FILE_SCOPE]);
      openTemplate(settings, lang);
    } catch (e) {
      templateProblems = [e instanceof UserFacingError ? t(lang, e.key, e.params) : String(e)];
    }
  }
  return {
    groups: selection.groups.map((g) => ({ kind: g.kind, agencies: g.entries.map((e) => ({ name: e.name, row: e.row, emptyFields: e.emptyFields, withheldFields: e.withheldFields })) })),
    included: selection.included.map((e) => e.name),
    excluded: selection.excluded.map((x) => ({ name: x.name, row: x.row, reason: x.reason })),
    templateProblems,
  };
}

// ------------------------------------------------------------------ generation

export function generatePamphlet(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang, options: { issuedOn?: string } = {},
): PamphletResult {
  // 設定 is read as a view: it is written only when the folder must be made again (outputFolder opens it to write).
  const settings = Settings.open(ss, true);
  const selection = pamphletSelection(ss, settings, lang);
  // The output folder's live files, in one list: the template is usually among them (made there), which shows it and
  // the folder live and every name taken (3 Drive calls fewer); otherwise each is asked for as before.
  const folderId = settings.get(PAMPHLET_SETTINGS.folderId);
  const contents = folderId && settings.get(PAMPHLET_SETTINGS.templateId) ? folderContents(folderId) : null;
  // The template is read and checked before anything is created.
  const { id: templateId, outline, plan, form } = openTemplate(settings, lang, contents?.ids);
  if (selection.included.length === 0) throw new UserFacingError('pamphlet.noAgencies', { excluded: selection.excluded.length });

  const issued = parseIssuedOn(options.issuedOn, ss);
  // The company form's link (Document Properties, 2 calls) only for a template that shows it.
  const formUrl = form.link ? consultationFormUrl() : '';
  const noFormNote = t(lang, 'pamphlet.noConsultForm');
  const globals = globalValues(settings.get(PAMPHLET_SETTINGS.networkName), issued, selection.included.length, formUrl, noFormNote);
  const known = contents?.ids.has(templateId) ? contents : null;
  const folder = known ? folderId : outputFolder(settings);
  const base = documentName(settings.get(PAMPHLET_SETTINGS.namePattern) || DEFAULT_NAME_PATTERN, issued);
  // A re-run the same day makes a new version beside the earlier one, which is never opened again.
  const name = nextFreeName(base, (candidate) => (known ? known.names.has(candidate) : nameTaken(candidate, folder)));
  // Every request is built from the template as read (the copy has the same content, hence the same indexes) and
  // sent in one batchUpdate: globals filled in place, the 種別 section replaced by one heading and one table per group.
  const requests = fillDocumentRequests(outline, globals, [{ first: plan.groupStart, last: plan.groupEnd, items: pamphletItems(outline, plan, selection.groups, globals) }]);
  const copy = copyFile(templateId, name, folder);
  try {
    updateDocument(copy.id, requests);
    if (formUrl) replaceMarkerWithQr(copy.id, QR_MARK, formUrl, form.qrMarks);
  } catch (e) {
    // A half-filled copy must not pass for a pamphlet: it goes to the trash (best effort) and the error is reported.
    trashQuietly(copy.id);
    throw e;
  }

  // The PDF is what Docs has saved, so it comes after saveAndClose, from the reopened document: Document.getAs
  // ('application/pdf' is supported, https://developers.google.com/apps-script/reference/document/document#getAs(String))
  // needs only the `documents` scope the add-on holds; the advanced service's Files.export returns nothing in Apps
  // Script (@types/google-apps-script: `export(fileId, mimeType): void`). Until the run is recorded in 設定, a failure
  // trashes the copy and its PDF too: otherwise the re-run's version would sit beside a complete, unrecorded one.
  const documentId = copy.id;
  const url = copy.url;
  let pdfId = '';
  let pdfUrl = '';
  let at_ = '';
  try {
    const pdf = createFileFromBlob(DocumentApp.openById(documentId).getAs(PDF), `${name}.pdf`, PDF, folder);
    pdfId = pdf.id;
    pdfUrl = pdf.url;
    at_ = formatZoned(new Date(), spreadsheetTimeZone(ss), true);
    // The issue is recorded once, in 発行記録 (with its PDF). 設定's 「パンフレット最新…」 rows, which earlier versions
    // wrote on every run (6 calls: 設定 opened to write, re-read, written, read back), are kept current only where
    // they exist, so a workbook that has them never shows an older pamphlet as the latest.
    const latest = [PAMPHLET_SETTINGS.latestDocument, PAMPHLET_SETTINGS.latestPdf, PAMPHLET_SETTINGS.latestAt] as const;
    if (latest.some((k) => settings.has(k))) {
      [url, pdfUrl, at_].forEach((v, i) => settings.set(latest[i]!, v));
      settings.flush();
    }
    recordIssue(ss, { kind: PAMPHLET_KIND, on: isoDate(issued), name, id: documentId, url, listed: selection.included.map((e) => e.id ?? ''), pdfUrl });
  } catch (e) {
    trashQuietly(documentId);
    if (pdfId) trashQuietly(pdfId);
    throw e;
  }

  const excludedList = selection.excluded.map((x) => `\n・${formatExcluded(lang, x)}`).join('');
  const message = t(lang, 'pamphlet.done', {
    name, count: selection.included.length, url, pdfUrl,
    excludedNote: selection.excluded.length ? t(lang, 'pamphlet.excludedNote', { list: excludedList }) : '',
    // The template had {{企業相談QR}} but there is no form yet: the pamphlet carries the note, and so does this message.
  }) + (!formUrl && JSON.stringify(requests).includes(noFormNote) ? `\n${noFormNote}` : '');
  return {
    name, documentId, url, pdfId, pdfUrl, createdAt: at_,
    included: selection.included.map((e) => e.name),
    excluded: selection.excluded.map((x) => ({ name: x.name, row: x.row, reason: x.reason })),
    message,
  };
}
