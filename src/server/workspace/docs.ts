/** Docs helpers shared by the pamphlet and the activity report, whose templates are made and read the same way. */
import type { DefaultTemplate } from '../domain/pamphlet';

/**
 * Writes a default template into a new Doc, saved so it can be copied at once. A new document starts with one empty
 * paragraph: the template's first line takes its place. A half-made Doc goes to the trash before the error is rethrown.
 */
export function writeTemplateDocument(spec: DefaultTemplate, tableAttributes?: Record<string, unknown>): GoogleAppsScript.Document.Document {
  const doc = DocumentApp.create(spec.title);
  try {
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
    trashQuietly(doc.getId());
    throw e;
  }
  return doc;
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

/** A half-made document is moved to the trash so a re-run starts clean (and reuses the name). */
export function trashQuietly(id: string): void {
  try {
    DriveApp.getFileById(id).setTrashed(true);
  } catch {
    // The original failure is what the user needs to hear about.
  }
}
