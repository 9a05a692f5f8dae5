/**
 * A new document written from plain data through the Docs API (the 受付名簿, issue 15): the add-on's own Doc made by
 * Drive.Files.create (drive.ts, for drive.file), its items in one batchUpdate (doc-requests.ts writeItems), the QR
 * codes put into their empty paragraphs with DocumentApp — the Docs API inserts an image only from a public URI
 * (https://developers.google.com/docs/api/reference/rest/v1/documents/request#InsertInlineImageRequest), DocumentApp
 * from a blob (https://developers.google.com/apps-script/reference/document/paragraph#appendInlineImage(BlobSource)) —
 * then its PDF. A half-made Doc goes to the trash.
 */
import { DocItem, writeItems } from '../domain/doc-requests';
import { qrGif } from '../domain/qr';
import { updateDocument } from './docs';
import { DriveItem, createFileFromBlob, createGoogleDoc, trashQuietly } from './drive';

const PDF = 'application/pdf';

export function createDocumentWithPdf(name: string, items: readonly DocItem[], folderId: string, qr: { text: string; at: readonly { index: number; size: number }[] }): { doc: DriveItem; pdf: DriveItem } {
  const doc = createGoogleDoc(name, folderId);
  try {
    updateDocument(doc.id, writeItems(1, items, true));
    if (qr.at.length) {
      const d = DocumentApp.openById(doc.id);
      const body = d.getBody();
      // One blob for every copy of the same code (a BlobSource is data: appending it does not use it up).
      const blob = qrBlob(qr.text);
      for (const q of qr.at) body.getChild(q.index).asParagraph().appendInlineImage(blob).setWidth(q.size).setHeight(q.size);
      d.saveAndClose();
    }
    // The PDF is what Docs has saved: from the reopened document (as the pamphlet's).
    return { doc, pdf: createFileFromBlob(DocumentApp.openById(doc.id).getAs(PDF), `${name}.pdf`, PDF, folderId) };
  } catch (e) {
    trashQuietly(doc.id);
    throw e;
  }
}

const qrBlob = (text: string) => Utilities.newBlob(Array.from(qrGif(text, 6), (b) => (b > 127 ? b - 256 : b)), 'image/gif', 'qr.gif');

/**
 * Each `marker` in the body of a document the add-on filled (the pamphlet's {{企業相談QR}}) becomes the QR code of
 * `text`, at the end of the marker's paragraph. Body.findText takes a regular expression as a string and returns null
 * when nothing is left (https://developers.google.com/apps-script/reference/document/body#findText(String)); its
 * RangeElement's start and inclusive end offsets are character indexes in the Text
 * (https://developers.google.com/apps-script/reference/document/range-element#getEndOffsetInclusive()), which
 * Text.deleteText takes (https://developers.google.com/apps-script/reference/document/text#deleteText(Integer,Integer)).
 * `own`: the number of marks when each is a paragraph of its own (domain consultationFormUse): each such paragraph is
 * emptied with Paragraph.clear ("Clears the contents of the element",
 * https://developers.google.com/apps-script/reference/document/paragraph#clear()) and the search stops after the last
 * one — 9 calls a mark instead of 12, and no last search that finds nothing; none at all for 0.
 */
export function replaceMarkerWithQr(docId: string, marker: string, text: string, own: number | null = null): void {
  if (own === 0) return;
  const d = DocumentApp.openById(docId);
  const body = d.getBody();
  const pattern = marker.replace(/[{}]/g, '\\$&');
  for (let n = 1, found: GoogleAppsScript.Document.RangeElement | null = body.findText(pattern); found; found = own !== null && n++ >= own ? null : body.findText(pattern)) {
    let p;
    if (own !== null) (p = found.getElement().getParent().asParagraph()).clear();
    else {
      const t = found.getElement().asText();
      t.deleteText(found.getStartOffset(), found.getEndOffsetInclusive());
      p = t.getParent().asParagraph();
    }
    p.appendInlineImage(qrBlob(text)).setWidth(120).setHeight(120);
  }
  d.saveAndClose();
}
