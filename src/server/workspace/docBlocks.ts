/**
 * Writes a document given as plain data (domain/checkin.ts DocBlock) into a new Google Doc through DocumentApp: the
 * add-on's own Doc made by Drive.Files.create (drive.ts, for drive.file), then its PDF. A table is one appendTable
 * call whatever its length; a QR code is a GIF blob put in a centred paragraph
 * (https://developers.google.com/apps-script/reference/document/paragraph#appendInlineImage(BlobSource)).
 * When the Advanced Docs service path lands (issue 18), the same blocks become one batchUpdate.
 */
import type { DocBlock } from '../domain/checkin';
import { qrGif } from '../domain/qr';
import { DriveItem, createFileFromBlob, createGoogleDoc, trashQuietly } from './drive';

const PDF = 'application/pdf';

export function writeBlocks(body: GoogleAppsScript.Document.Body, blocks: readonly DocBlock[]): void {
  let first = true;
  for (const block of blocks) {
    if (block.type === 'pageBreak') { body.appendPageBreak(); continue; }
    if (block.type === 'table') {
      body.appendTable(block.cells);
      continue;
    }
    // A new document starts with one empty paragraph: the first block takes its place. Otherwise one call makes the
    // paragraph with its text; a heading or centring costs a call more, so certificates and lists stay near one call
    // per line.
    const text = block.type === 'qr' ? '' : block.text;
    const p = first ? (body.getChild(0) as GoogleAppsScript.Document.Paragraph) : body.appendParagraph(text);
    if (first && text !== '') p.setText(text);
    first = false;
    if (block.type === 'qr') {
      const image = p.appendInlineImage(Utilities.newBlob(Array.from(qrGif(block.text, 6), (b) => (b > 127 ? b - 256 : b)), 'image/gif', 'qr.gif'));
      image.setWidth(block.size).setHeight(block.size);
    } else if (block.heading && block.heading !== 'NORMAL') p.setHeading(DocumentApp.ParagraphHeading[block.heading]);
    if (block.type === 'qr' || block.align === 'CENTER') p.setAlignment(DocumentApp.HorizontalAlignment.CENTER);
  }
}

/** A new Doc in the folder holding the blocks, and its PDF beside it. A half-made Doc or PDF goes to the trash. */
export function createDocumentWithPdf(name: string, blocks: readonly DocBlock[], folderId: string): { doc: DriveItem; pdf: DriveItem } {
  const doc = createGoogleDoc(name, folderId);
  let pdf: DriveItem | null = null;
  try {
    const d = DocumentApp.openById(doc.id);
    writeBlocks(d.getBody(), blocks);
    d.saveAndClose();
    // The PDF is what Docs has saved: after saveAndClose, from the reopened document (as the pamphlet does).
    pdf = createFileFromBlob(DocumentApp.openById(doc.id).getAs(PDF), `${name}.pdf`, PDF, folderId);
  } catch (e) {
    trashQuietly(doc.id);
    throw e;
  }
  return { doc, pdf };
}
