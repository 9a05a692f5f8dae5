/** Docs helpers shared by the pamphlet and the activity report, whose templates are made and read the same way. */
import type { DefaultTemplate } from '../domain/pamphlet';
import { DriveItem, createGoogleDoc, trashQuietly } from './drive';

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

/** Texts of a table's cells, row by row. */
export function tableCells(table: GoogleAppsScript.Document.Table): string[][] {
  const cells: string[][] = [];
  for (let r = 0, rows = table.getNumRows(); r < rows; r++) {
    const row = table.getRow(r);
    const line: string[] = [];
    for (let c = 0, cols = row.getNumCells(); c < cols; c++) line.push(row.getCell(c).getText());
    cells.push(line);
  }
  return cells;
}

export { trashQuietly };
