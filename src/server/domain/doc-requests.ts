/**
 * Google Docs as plain data: a document read with `Docs.Documents.get` turned into an outline with its indexes, and
 * the requests of one `Docs.Documents.batchUpdate` built from plain data. Pure; a new kind of document (a 受付名簿, a
 * certificate) is "data → DocItem[] → writeItems / fillDocumentRequests (template.ts)".
 *
 * Google's index arithmetic (https://developers.google.com/docs/api/concepts/structure): indexes count UTF-16 code
 * units; the body starts with a section break at 0, so its first paragraph starts at 1; every paragraph ends with
 * "\n"; a table takes one index for its start, one per row and one per cell, and its cells hold paragraphs; headers
 * and footers are segments of their own, starting at 0. Requests of one batchUpdate apply in order, each on the
 * document the previous ones left (https://developers.google.com/docs/api/how-tos/batch), so every builder here
 * writes from a fixed anchor backwards or computes the shift itself.
 */

/** The subset of Docs JSON this module reads (structurally what `Docs.Schema.Document` is). */
export interface DocJson {
  documentId?: string;
  body?: { content?: DocJsonElement[] };
  headers?: Record<string, { headerId?: string; content?: DocJsonElement[] }>;
  footers?: Record<string, { footerId?: string; content?: DocJsonElement[] }>;
  documentStyle?: { defaultHeaderId?: string; defaultFooterId?: string };
}
export interface DocJsonElement {
  startIndex?: number;
  endIndex?: number;
  paragraph?: {
    elements?: { startIndex?: number; endIndex?: number; textRun?: { content?: string; textStyle?: TextStyle } }[];
    paragraphStyle?: ParagraphStyle;
    bullet?: object;
  };
  table?: {
    rows?: number;
    columns?: number;
    tableRows?: { tableCells?: { content?: DocJsonElement[]; tableCellStyle?: TableCellStyle }[] }[];
    tableStyle?: { tableColumnProperties?: { width?: Dimension; widthType?: string }[] };
  };
}

export interface Dimension { magnitude?: number; unit?: string }
export interface Color { color?: { rgbColor?: { red?: number; green?: number; blue?: number } } }
export interface TextStyle { bold?: boolean; italic?: boolean; underline?: boolean; fontSize?: Dimension; foregroundColor?: Color }
export interface ParagraphStyle { namedStyleType?: string; alignment?: string }
export interface Border { color?: Color; width?: Dimension; dashStyle?: string }
export interface TableCellStyle { borderTop?: Border; borderBottom?: Border; borderLeft?: Border; borderRight?: Border }

/** The text style fields a builder sets; naming a field and leaving it unset resets it to the paragraph's style. */
export const TEXT_STYLE_FIELDS = 'bold,italic,underline,fontSize,foregroundColor';
const BORDER_FIELDS = 'borderTop,borderBottom,borderLeft,borderRight';

/** A paragraph as read, with where it is. `text` has no final newline; other inline elements count as U+FFFC. */
export interface DocParagraph {
  kind: 'paragraph';
  start: number;
  end: number;
  text: string;
  style: ParagraphStyle;
  /** The style of its first run of text (what a copy of the paragraph is written with). */
  runStyle: TextStyle;
  list: boolean;
  segmentId?: string;
  /** Whether the whole paragraph may be deleted: not its container's last, not just before a table. */
  removable: boolean;
}
export interface DocTable {
  kind: 'table';
  start: number;
  end: number;
  /** Row → cell → the cell's paragraphs. */
  rows: DocParagraph[][][];
  columnWidths: (Dimension | null)[];
  /** The first cell's borders (what a generated table is given for all its cells). */
  cellStyle: TableCellStyle | null;
}
export type DocBlock = DocParagraph | DocTable;
export interface DocSegment { id: string; paragraphs: DocParagraph[] }
export interface DocOutline { body: DocBlock[]; header: DocSegment | null; footer: DocSegment | null }

/** A Docs request (the docs_v1 `Request` union, plus the two table-style requests its typings lack). */
export type DocRequest = Record<string, unknown>;

export interface TextSpan { start: number; length: number }

/** What a builder writes: a paragraph, or a table whose cells are texts (lines separated by "\n"). */
export type DocItem =
  | { kind: 'paragraph'; text: string; style?: ParagraphStyle; textStyle?: TextStyle; bold?: TextSpan[] }
  | { kind: 'table'; cells: DocCell[][]; columnWidths?: (Dimension | null)[]; cellStyle?: TableCellStyle | null }
  | { kind: 'pageBreak' };
export interface DocCell { text: string; textStyle?: TextStyle; bold?: TextSpan[] }

// ------------------------------------------------------------------ reading

function paragraphOf(el: DocJsonElement, segmentId: string | undefined): DocParagraph {
  const p = el.paragraph!;
  let text = '';
  let runStyle: TextStyle | null = null;
  for (const e of p.elements ?? []) {
    const length = (e.endIndex ?? 0) - (e.startIndex ?? 0);
    if (e.textRun) {
      text += e.textRun.content ?? '';
      runStyle ??= e.textRun.textStyle ?? {};
    } else text += '\uFFFC'.repeat(Math.max(0, length));
  }
  if (text.endsWith('\n')) text = text.slice(0, -1);
  return {
    kind: 'paragraph', start: el.startIndex ?? 0, end: el.endIndex ?? 0, text, style: { ...(p.paragraphStyle ?? {}) },
    runStyle: runStyle ?? {}, list: !!p.bullet, removable: false, ...(segmentId ? { segmentId } : {}),
  };
}

/** A container's paragraphs and tables; which paragraphs may be deleted whole is decided here. */
function blocksOf(content: readonly DocJsonElement[], segmentId?: string): DocBlock[] {
  const out: DocBlock[] = [];
  for (const el of content) {
    if (el.paragraph) out.push(paragraphOf(el, segmentId));
    else if (el.table) {
      const t = el.table;
      const rows = (t.tableRows ?? []).map((r) => (r.tableCells ?? []).map((c) => blocksOf(c.content ?? [], segmentId).filter((b): b is DocParagraph => b.kind === 'paragraph')));
      out.push({
        kind: 'table', start: el.startIndex ?? 0, end: el.endIndex ?? 0, rows,
        columnWidths: (t.tableStyle?.tableColumnProperties ?? []).map((c) => (c.widthType === 'FIXED_WIDTH' && c.width?.magnitude ? c.width : null)),
        cellStyle: t.tableRows?.[0]?.tableCells?.[0]?.tableCellStyle ?? null,
      });
    }
  }
  out.forEach((b, i) => {
    if (b.kind === 'paragraph') b.removable = i < out.length - 1 && out[i + 1]!.kind === 'paragraph';
  });
  return out;
}

/** The outline of a document read with Docs.Documents.get (the first section break is not a block). */
export function outlineOf(doc: DocJson): DocOutline {
  const segment = (id: string | undefined, part: { content?: DocJsonElement[] } | undefined): DocSegment | null =>
    id && part ? { id, paragraphs: blocksOf(part.content ?? [], id).filter((b): b is DocParagraph => b.kind === 'paragraph') } : null;
  const headerId = doc.documentStyle?.defaultHeaderId;
  const footerId = doc.documentStyle?.defaultFooterId;
  return {
    body: blocksOf(doc.body?.content ?? []),
    header: segment(headerId, headerId ? doc.headers?.[headerId] : undefined),
    footer: segment(footerId, footerId ? doc.footers?.[footerId] : undefined),
  };
}

/** A table's cell texts (a cell's paragraphs joined by "\n"), as the template checks read them. */
export function cellTexts(table: DocTable): string[][] {
  return table.rows.map((row) => row.map((cell) => cell.map((p) => p.text).join('\n')));
}

/** A segment's text (its paragraphs joined by "\n"). */
export function segmentText(segment: DocSegment | null): string | null {
  return segment ? segment.paragraphs.map((p) => p.text).join('\n') : null;
}

// ------------------------------------------------------------------ requests

const at = (index: number, segmentId?: string) => (segmentId ? { segmentId, index } : { index });
const range = (startIndex: number, endIndex: number, segmentId?: string) => (segmentId ? { segmentId, startIndex, endIndex } : { startIndex, endIndex });

export const insertText = (index: number, text: string, segmentId?: string): DocRequest => ({ insertText: { location: at(index, segmentId), text } });
export const deleteRange = (start: number, end: number, segmentId?: string): DocRequest => ({ deleteContentRange: { range: range(start, end, segmentId) } });
export const textStyle = (start: number, end: number, style: TextStyle, fields = TEXT_STYLE_FIELDS): DocRequest =>
  ({ updateTextStyle: { range: range(start, end), textStyle: style, fields } });
const paragraphStyle = (start: number, end: number, style: ParagraphStyle): DocRequest =>
  ({ updateParagraphStyle: { range: range(start, end), paragraphStyle: { namedStyleType: style.namedStyleType ?? 'NORMAL_TEXT', ...(style.alignment ? { alignment: style.alignment } : {}) }, fields: 'namedStyleType,alignment' } });

/** Where each cell's text starts once every cell of an R×C table starting at `tableStart` holds its text. */
export function cellStarts(tableStart: number, texts: readonly (readonly string[])[]): number[][] {
  // Table start, then per row one index, per cell one index, then the cell's paragraphs (text + "\n").
  let index = tableStart + 1;
  return texts.map((row) => {
    index += 1;
    return row.map((text) => {
      index += 1;
      const start = index;
      index += text.length + 1;
      return start;
    });
  });
}

const hasStyle = (s: TextStyle | undefined): s is TextStyle => !!s && Object.keys(s).length > 0;

/**
 * Requests writing `items` in order just before the paragraph that starts at `anchor` (which stays after them).
 * Written from the last item back, each at the anchor, so no index depends on what was written before it: a table is
 * inserted at the anchor (Docs puts a new empty paragraph before it — https://developers.google.com/docs/api/reference/rest/v1/documents/request#InsertTableRequest:
 * "the table start index will be at the specified location index + 1"), its cells are filled from the last one back
 * at the empty table's indexes, and the paragraph written next (the one before the table) takes that empty paragraph
 * rather than adding one. With `fillAnchor` the anchor paragraph is empty and the last item, when a paragraph, is
 * written into it (no empty paragraph left after the items).
 */
export function writeItems(anchor: number, items: readonly DocItem[], fillAnchor = false): DocRequest[] {
  const out: DocRequest[] = [];
  let emptyBefore = fillAnchor;
  for (const item of [...items].reverse()) {
    if (item.kind === 'pageBreak') {
      // "Inserts a page break followed by a newline" (https://developers.google.com/docs/api/reference/rest/v1/documents/request#InsertPageBreakRequest):
      // a paragraph of its own before the anchor, in the body only; it takes the style of the paragraph it was cut
      // from, so it is made plain text.
      out.push({ insertPageBreak: { location: { index: anchor } } }, paragraphStyle(anchor, anchor + 2, {}));
      emptyBefore = false;
      continue;
    }
    if (item.kind === 'table') {
      const rows = item.cells.length;
      const columns = Math.max(1, ...item.cells.map((r) => r.length));
      const cells = item.cells.map((r) => Array.from({ length: columns }, (_, c) => r[c] ?? { text: '' }));
      const tableStart = anchor + 1;
      out.push({ insertTable: { location: { index: anchor }, rows, columns } });
      const empty = cellStarts(tableStart, cells.map((r) => r.map(() => '')));
      for (let r = rows - 1; r >= 0; r--) {
        for (let c = columns - 1; c >= 0; c--) if (cells[r]![c]!.text) out.push(insertText(empty[r]![c]!, cells[r]![c]!.text));
      }
      const filled = cellStarts(tableStart, cells.map((r) => r.map((cell) => cell.text)));
      cells.forEach((row, r) => row.forEach((cell, c) => {
        const start = filled[r]![c]!;
        if (cell.text && hasStyle(cell.textStyle)) out.push(textStyle(start, start + cell.text.length, cell.textStyle));
        for (const s of cell.bold ?? []) out.push(textStyle(start + s.start, start + s.start + s.length, { bold: true }, 'bold'));
      }));
      (item.columnWidths ?? []).forEach((width, c) => {
        if (width && c < columns) {
          out.push({ updateTableColumnProperties: { tableStartLocation: { index: tableStart }, columnIndices: [c], tableColumnProperties: { widthType: 'FIXED_WIDTH', width }, fields: 'width,widthType' } });
        }
      });
      if (item.cellStyle && Object.keys(item.cellStyle).length) {
        out.push({ updateTableCellStyle: { tableStartLocation: { index: tableStart }, tableCellStyle: item.cellStyle, fields: BORDER_FIELDS } });
      }
      emptyBefore = true;
      continue;
    }
    const text = item.text;
    if (emptyBefore) {
      if (text) out.push(insertText(anchor, text));
    } else out.push(insertText(anchor, `${text}\n`));
    emptyBefore = false;
    out.push(paragraphStyle(anchor, anchor + text.length + 1, item.style ?? {}));
    if (text) out.push(textStyle(anchor, anchor + text.length, item.textStyle ?? {}));
    for (const s of item.bold ?? []) out.push(textStyle(anchor + s.start, anchor + s.start + s.length, { bold: true }, 'bold'));
  }
  return out;
}
