/**
 * The pamphlet in Google Docs. The folder, the template, each copy and its PDF are created by the add-on itself
 * through the Advanced Drive service (drive.ts), so Drive access stays on the per-file drive.file scope (DocumentApp
 * needs `documents`: it has no per-file scope outside a bound Doc).
 *
 * Calls are the cost (DESIGN §5). Generation reads the template once, then writes each 種別 group as one
 * `insertTable(cells)` holding every agency of the group — text prepared in memory — instead of copying a block
 * and calling replaceText per placeholder per agency. Docs calls grow with the number of 種別 groups, not agencies.
 */
import type { PamphletPreview, PamphletResult } from '../../../protocol';
import { AGENCY_KINDS } from '../../domain/schema';
import {
  CalendarDate, DEFAULT_NAME_PATTERN, GlobalPlaceholder, PamphletSelection, TemplateElement, TemplateOutline, TemplatePlan,
  defaultTemplate, documentName, placeholderPattern, globalValues, groupParagraph, groupTable, nextFreeName, pamphletSource,
  parseKindOrder, parseTemplate, placeholdersIn, selectAgencies,
} from '../../domain/pamphlet';
import { Lang, t } from '../../i18n/messages';
import { requireGrants, SHEET_SCOPES } from '../auth';
import { UserFacingError } from '../errors';
import { loadAgencies, problemMessage } from './registry';
import { Settings } from '../settings';
import { tableCells, writeTemplateDocument } from '../docs';
import { DriveItem, copyFile, createFileFromBlob, createFolder, findById, nameTaken, trashQuietly } from '../drive';
import { formatExcluded } from '../../domain/where';
import { spreadsheetTimeZone } from '../tables';

export const DOCUMENTS_SCOPE = 'https://www.googleapis.com/auth/documents';
export const DRIVE_FILE_SCOPE = 'https://www.googleapis.com/auth/drive.file';
export const PAMPHLET_SCOPES = [...SHEET_SCOPES, DOCUMENTS_SCOPE, DRIVE_FILE_SCOPE] as const;

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

type Doc = GoogleAppsScript.Document.Document;
type Body = GoogleAppsScript.Document.Body;
type Element = GoogleAppsScript.Document.Element;

// ------------------------------------------------------------------ template

/** The output folder's id: the one in 設定 while Drive still has it, else a fresh one recorded at once. */
function outputFolder(settings: Settings): string {
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
export function createPamphletTemplate(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang): { created: boolean; url: string; id: string; message: string } {
  requireGrants(PAMPHLET_SCOPES);
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
  const file = writeTemplateDocument(spec, folder, { [DocumentApp.Attribute.BORDER_COLOR]: '#9e9e9e', [DocumentApp.Attribute.BORDER_WIDTH]: 1 });
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

/** The template as read once: plain outline for the domain, and element handles for copying. */
interface ReadTemplate {
  outline: TemplateOutline;
  elements: Element[];
}

/** Style of the block's table (borders, fonts…), read once and given to every generated group table. */
function tableStyle(read: ReadTemplate, plan: TemplatePlan): Record<string, unknown> {
  const attributes = (read.elements[plan.tableIndex] as GoogleAppsScript.Document.Table).getAttributes() as Record<string, unknown>;
  // Only set attributes travel (getAttributes reports the rest as null).
  return Object.fromEntries(Object.entries(attributes ?? {}).filter(([, v]) => v !== null && v !== undefined));
}

function readTemplate(doc: Doc): ReadTemplate {
  const body = doc.getBody();
  const n = body.getNumChildren();
  const elements: Element[] = [];
  const outline: TemplateElement[] = [];
  for (let i = 0; i < n; i++) {
    const child = body.getChild(i);
    elements.push(child);
    const type = child.getType();
    // getChild returns the concrete element (a Paragraph is a Paragraph); asParagraph() would only be one more
    // round trip to tell the compiler so, hence the casts.
    if (type === DocumentApp.ElementType.PARAGRAPH) outline.push({ type: 'PARAGRAPH', text: (child as GoogleAppsScript.Document.Paragraph).getText() });
    else if (type === DocumentApp.ElementType.LIST_ITEM) outline.push({ type: 'LIST_ITEM', text: (child as GoogleAppsScript.Document.ListItem).getText() });
    else if (type === DocumentApp.ElementType.TABLE) {
      outline.push({ type: 'TABLE', text: '', cells: tableCells(child as GoogleAppsScript.Document.Table) });
    } else outline.push({ type: 'OTHER', text: '' });
  }
  const header = doc.getHeader();
  const footer = doc.getFooter();
  return {
    outline: { body: outline, header: header ? header.getText() : null, footer: footer ? footer.getText() : null },
    elements,
  };
}

/** The template, checked; a bad one stops here, before anything is created. */
function openTemplate(settings: Settings): { file: DriveItem; read: ReadTemplate; plan: TemplatePlan } {
  const id = settings.get(PAMPHLET_SETTINGS.templateId);
  if (!id) throw new UserFacingError('pamphlet.noTemplate');
  const file = templateFile(id);
  if (!file) throw new UserFacingError('pamphlet.templateMissing', { id });
  const read = readTemplate(DocumentApp.openById(id));
  const parsed = parseTemplate(read.outline);
  if (!parsed.ok) throw new UserFacingError('pamphlet.badTemplate', { problems: parsed.problems.map((p) => `・${p.message}`).join('\n') });
  return { file, read, plan: parsed.plan };
}

// ------------------------------------------------------------------ selection

function todayIn(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): CalendarDate {
  const [y, m, d] = Utilities.formatDate(new Date(), spreadsheetTimeZone(ss), 'yyyy-MM-dd').split('-').map(Number);
  return { year: y!, month: m!, day: d! };
}

function parseIssuedOn(text: string | undefined, ss: GoogleAppsScript.Spreadsheet.Spreadsheet): CalendarDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text ?? '');
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : todayIn(ss);
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
  const settings = Settings.open(ss);
  const selection = pamphletSelection(ss, settings, lang);
  let templateProblems: string[] = [];
  const id = settings.get(PAMPHLET_SETTINGS.templateId);
  if (!id) templateProblems = [t(lang, 'pamphlet.noTemplate')];
  else {
    try {
      requireGrants([DOCUMENTS_SCOPE, DRIVE_FILE_SCOPE]);
      openTemplate(settings);
    } catch (e) {
      templateProblems = [e instanceof UserFacingError ? t(lang, e.key, e.params) : String(e)];
    }
  }
  return {
    groups: selection.groups.map((g) => ({ kind: g.kind, agencies: g.entries.map((e) => ({ name: e.name, row: e.row, emptyFields: e.emptyFields })) })),
    included: selection.included.map((e) => e.name),
    excluded: selection.excluded.map((x) => ({ name: x.name, row: x.row, reason: x.reason })),
    templateProblems,
  };
}

// ------------------------------------------------------------------ generation

/**
 * Fills a global placeholder in one section. replaceText treats its pattern as RE2 (so the name is escaped) and
 * the reference leaves the replacement's special characters undocumented, so a value holding `$` or `\` is written
 * with setText on each matching text element instead of being passed as a replacement.
 */
function fillGlobal(section: Body | GoogleAppsScript.Document.HeaderSection | GoogleAppsScript.Document.FooterSection, name: string, value: string): void {
  const pattern = placeholderPattern(name);
  if (!/[$\\]/.test(value)) {
    section.replaceText(pattern, value);
    return;
  }
  // All matches first, then edits from the last one back, so offsets stay valid and a value that itself
  // contains the placeholder cannot be matched again.
  const hits: GoogleAppsScript.Document.RangeElement[] = [];
  for (let found = section.findText(pattern); found; found = section.findText(pattern, found)) hits.push(found);
  for (const hit of hits.reverse()) {
    const text = hit.getElement().asText();
    const start = hit.getStartOffset();
    text.deleteText(start, hit.getEndOffsetInclusive());
    text.insertText(start, value);
  }
}

function insertCopy(body: Body, index: number, template: Element, type: TemplateElement['type'], text: string | null): void {
  // `type` is the one read with the outline (no call); the copy is inserted with the method of its type.
  if (type === 'PARAGRAPH') {
    const p = body.insertParagraph(index, (template as GoogleAppsScript.Document.Paragraph).copy());
    if (text !== null) p.setText(text);
  } else if (type === 'LIST_ITEM') {
    const li = body.insertListItem(index, (template as GoogleAppsScript.Document.ListItem).copy());
    if (text !== null) li.setText(text);
  } else if (type === 'TABLE') {
    body.insertTable(index, (template as GoogleAppsScript.Document.Table).copy());
  }
}

export function generatePamphlet(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang, options: { issuedOn?: string } = {},
): PamphletResult {
  requireGrants(PAMPHLET_SCOPES);
  const settings = Settings.open(ss);
  const selection = pamphletSelection(ss, settings, lang);
  // The template is read and checked before anything is created.
  const { file: template, read, plan } = openTemplate(settings);
  if (selection.included.length === 0) throw new UserFacingError('pamphlet.noAgencies', { excluded: selection.excluded.length });

  const issued = parseIssuedOn(options.issuedOn, ss);
  const globals = globalValues(settings.get(PAMPHLET_SETTINGS.networkName), issued, selection.included.length);
  const folder = outputFolder(settings);
  const base = documentName(settings.get(PAMPHLET_SETTINGS.namePattern) || DEFAULT_NAME_PATTERN, issued);
  // A re-run the same day makes a new version beside the earlier one, which is never opened again.
  const name = nextFreeName(base, (candidate) => nameTaken(candidate, folder));
  const style = tableStyle(read, plan);
  const copy = copyFile(template.id, name, folder);
  try {
    const doc = DocumentApp.openById(copy.id);
    const body = doc.getBody();

    // Globals first, while only template text is in the document: agency text can never be mistaken for a placeholder.
    const sections: [GlobalPlaceholder[], Body | GoogleAppsScript.Document.HeaderSection | GoogleAppsScript.Document.FooterSection | null][] = [
      [plan.globals.body, body],
      [plan.globals.header, plan.globals.header.length ? doc.getHeader() : null],
      [plan.globals.footer, plan.globals.footer.length ? doc.getFooter() : null],
    ];
    for (const [names, section] of sections) if (section) for (const n of names) fillGlobal(section, n, globals[n]);

    // One pass per 種別 group after the template's section, then the section itself is removed.
    let at = plan.groupEnd + 1;
    for (const group of selection.groups) {
      // The section's own paragraphs (the 種別 heading…) are copies of the template's, so they keep its style.
      const sectionElements = (indices: number[]) => {
        for (const i of indices) {
          const el = read.outline.body[i]!;
          if (el.type === 'OTHER') continue;
          if (el.type === 'TABLE') {
            insertCopy(body, at++, read.elements[i]!, el.type, null);
            continue;
          }
          const text = groupParagraph(el.text, group, globals);
          if (text !== null) insertCopy(body, at++, read.elements[i]!, el.type, placeholdersIn(el.text).length ? text : null);
        }
      };
      sectionElements(plan.groupBefore);
      const table = body.insertTable(at++, groupTable(plan, group, globals));
      if (Object.keys(style).length) table.setAttributes(style);
      sectionElements(plan.groupAfter);
    }
    for (let i = plan.groupEnd; i >= plan.groupStart; i--) body.getChild(i).removeFromParent();
    doc.saveAndClose();
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
    at_ = Utilities.formatDate(new Date(), spreadsheetTimeZone(ss), 'yyyy-MM-dd HH:mm');
    settings.set(PAMPHLET_SETTINGS.latestDocument, url, '最後に作成したパンフレット（Google ドキュメント）');
    settings.set(PAMPHLET_SETTINGS.latestPdf, pdfUrl, '最後に作成したパンフレット（PDF）');
    settings.set(PAMPHLET_SETTINGS.latestAt, at_, '最後にパンフレットを作成した日時');
    settings.flush();
  } catch (e) {
    trashQuietly(documentId);
    if (pdfId) trashQuietly(pdfId);
    throw e;
  }

  const excludedList = selection.excluded.map((x) => `\n・${formatExcluded(lang, x)}`).join('');
  const message = t(lang, 'pamphlet.done', {
    name, count: selection.included.length, url, pdfUrl,
    excludedNote: selection.excluded.length ? t(lang, 'pamphlet.excludedNote', { list: excludedList }) : '',
  });
  return {
    name, documentId, url, pdfId, pdfUrl, createdAt: at_,
    included: selection.included.map((e) => e.name),
    excluded: selection.excluded.map((x) => ({ name: x.name, row: x.row, reason: x.reason })),
    message,
  };
}
