/**
 * An emulated Google Doc (body, header, footer) as the blocks the PDF layout sets (pdf-layout.ts): paragraphs with
 * their heading, alignment and bold runs, list items with a bullet, tables as rows of cells.
 */
import { DocElement, DocContainer, InlineImageElement, ListItemElement, PageBreakElement, ParagraphElement, TableElement, TextElement } from './documents';
import { decodeGif, isGif } from './gif';
import type { DocumentSections } from './render-html';
import { PdfBlock, PdfRun, PdfStyle, layoutPdf } from './pdf-layout';

const STYLE_OF: Record<string, PdfStyle> = {
  TITLE: 'title', SUBTITLE: 'subtitle', HEADING1: 'h1', HEADING2: 'h2', HEADING3: 'h3', HEADING4: 'h3', HEADING5: 'h3', HEADING6: 'h3', NORMAL: 'normal',
};

function runsOf(p: DocContainer): PdfRun[] {
  return p.children.filter((c): c is TextElement => c instanceof TextElement).map((t) => ({ text: t.text, bold: t.bold }));
}

function alignOf(alignment: string | null): 'left' | 'center' | 'right' | undefined {
  return alignment === 'CENTER' ? 'center' : alignment === 'RIGHT' ? 'right' : undefined;
}

export function blocksOf(children: readonly DocElement[]): PdfBlock[] {
  const blocks: PdfBlock[] = [];
  const counters = new Map<string, number>();
  for (const c of children) {
    if (c instanceof ListItemElement) {
      const ordered = /NUMBER|LATIN|ROMAN/.test(c.glyphType);
      const n = (counters.get(c.listId) ?? 0) + 1;
      counters.set(c.listId, n);
      blocks.push({ kind: 'paragraph', runs: runsOf(c), style: 'normal', bullet: ordered ? `${n}. ` : '・' });
    } else if (c instanceof ParagraphElement) {
      blocks.push({ kind: 'paragraph', runs: runsOf(c), style: STYLE_OF[c.heading] ?? 'normal', align: alignOf(c.alignment) });
      // Its images (GIF: the QR codes the add-on makes) drawn below its text, at their size in points (a Docs pixel is
      // 0.75 pt, ASSUMED as CSS's 96 px to 72 pt).
      for (const im of c.children) {
        if (im instanceof InlineImageElement && isGif(im.bytes)) blocks.push({ kind: 'image', pixels: decodeGif(im.bytes), width: im.width * 0.75, height: im.height * 0.75, align: alignOf(c.alignment) });
      }
      // What follows a page break starts the next page (the rest of its paragraph is only its newline here).
      if (c.children.some((x) => x instanceof PageBreakElement)) blocks.push({ kind: 'pageBreak' });
    } else if (c instanceof TableElement) {
      blocks.push({ kind: 'table', rows: c.children.map((row) => (row as DocContainer).children.map((cell) => blocksOf((cell as DocContainer).children))) });
    }
  }
  return blocks;
}

/** The document as Docs' PDF export would set it (see pdf-layout.ts). */
export function documentToPdf(doc: DocumentSections, title: string): Uint8Array {
  return layoutPdf({ title, header: doc.header ? blocksOf(doc.header.children) : [], body: blocksOf(doc.body.children), footer: doc.footer ? blocksOf(doc.footer.children) : [] });
}
