/**
 * Docs helpers shared by the pamphlet and the activity report (and any new kind of document): a template is read once
 * with the Advanced Docs service (documents.get) and its copy written with one documents.batchUpdate. Both need only the
 * `documents` scope the add-on holds (Google lists documents, drive and drive.file for batchUpdate, and those plus the
 * read-only ones for get: https://developers.google.com/docs/api/reference/rest/v1/documents/batchUpdate#authorization-scopes,
 * https://developers.google.com/docs/api/reference/rest/v1/documents/get#authorization-scopes).
 */
import type { DefaultTemplate } from '../domain/template';
import { DocJson, DocOutline, DocRequest, outlineOf } from '../domain/doc-requests';
import { DriveItem, createGoogleDoc, trashQuietly } from './drive';

/** The Advanced Docs service (appsscript.json enables it as `Docs`, v1). */
function docsApi(): GoogleAppsScript.Docs.Collection.DocumentsCollection {
  return Docs!.Documents;
}

/** One read of a whole document: text, styles and indexes. */
export function readDocument(id: string): DocOutline {
  return outlineOf(docsApi().get(id) as DocJson);
}

/**
 * Every request in one batchUpdate: applied in order and atomically — all or none
 * (https://developers.google.com/docs/api/how-tos/batch). Google documents no cap on the number of requests in one
 * batch, so the document is written in one call however many agencies it lists.
 */
export function updateDocument(id: string, requests: readonly DocRequest[]): void {
  if (requests.length) docsApi().batchUpdate({ requests: requests as unknown as GoogleAppsScript.Docs.Schema.Request[] }, id);
}

/**
 * Writes a default template into a new Doc in `parentId` (My Drive when absent), saved so it can be copied at once.
 * The Doc is made by Drive.Files.create (drive.ts: so that drive.file reaches it later), then filled through
 * DocumentApp. A new document starts with one empty paragraph: the template's first line takes its place. A half-made
 * Doc goes to the trash before the error is rethrown.
 */
export function writeTemplateDocument(spec: DefaultTemplate, parentId?: string, tableAttributes?: Record<string, unknown>): DriveItem {
  const file = createGoogleDoc(spec.title, parentId);
  try {
    const doc = DocumentApp.openById(file.id);
    const body = doc.getBody();
    spec.body.forEach((el, i) => {
      if (el.type === 'TABLE') {
        const table = body.appendTable(el.cells);
        if (tableAttributes) table.setAttributes(tableAttributes);
        return;
      }
      const p = i === 0 ? (body.getChild(0) as GoogleAppsScript.Document.Paragraph) : body.appendParagraph(el.text);
      if (i === 0) p.setText(el.text);
      if (el.heading && el.heading !== 'NORMAL') p.setHeading(DocumentApp.ParagraphHeading[el.heading]);
    });
    doc.addHeader().setText(spec.header);
    doc.addFooter().setText(spec.footer);
    doc.saveAndClose();
  } catch (e) {
    trashQuietly(file.id);
    throw e;
  }
  return file;
}

export { trashQuietly };
