/**
 * Docs helpers shared by the pamphlet and the activity report (and any new kind of document): a template is read once
 * with the Advanced Docs service (documents.get) and its copy written with one documents.batchUpdate. Both need only the
 * `documents` scope the add-on holds (Google lists documents, drive and drive.file for batchUpdate, and those plus the
 * read-only ones for get: https://developers.google.com/docs/api/reference/rest/v1/documents/batchUpdate#authorization-scopes,
 * https://developers.google.com/docs/api/reference/rest/v1/documents/get#authorization-scopes).
 */
import { DefaultTemplate, templateRequests } from '../domain/template';
import { DocJson, DocOutline, DocRequest, TableCellStyle, insertText, outlineOf } from '../domain/doc-requests';
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
 * Writes a default template into a new Doc in `parentId` (My Drive when absent). The Doc is made by Drive.Files.create
 * (drive.ts: so that drive.file reaches it later), then written with two batchUpdates (the body with a new header and
 * footer, then their text). A half-made Doc goes to the trash before the error is rethrown.
 */
export function writeTemplateDocument(spec: DefaultTemplate, parentId?: string, cellStyle?: TableCellStyle): DriveItem {
  const file = createGoogleDoc(spec.title, parentId);
  try {
    const replies = (docsApi().batchUpdate({ requests: templateRequests(spec, cellStyle) as unknown as GoogleAppsScript.Docs.Schema.Request[] }, file.id).replies ?? []) as { createHeader?: { headerId?: string }; createFooter?: { footerId?: string } }[];
    const headerId = replies[replies.length - 2]?.createHeader?.headerId;
    const footerId = replies[replies.length - 1]?.createFooter?.footerId;
    // Docs refuses an empty insertText ("Insert text requests must specify text to insert."): a template without a
    // header or footer text (the certificate's) sends none.
    const texts = [insertText(0, spec.header, headerId), insertText(0, spec.footer, footerId)].filter((_, i) => (i === 0 ? spec.header : spec.footer) !== '');
    if (texts.length) updateDocument(file.id, texts);
  } catch (e) {
    trashQuietly(file.id);
    throw e;
  }
  return file;
}

export { trashQuietly };
