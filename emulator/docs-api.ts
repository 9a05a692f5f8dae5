/**
 * The Advanced Docs service (`Docs`, Docs API v1): `Documents.get` and `Documents.batchUpdate` with the requests the
 * add-on sends, on THE SAME DocumentModel DocumentApp edits (documents.ts) — a document written one way is read the
 * other way, and the preview's HTML and PDF rendering see it.
 *
 * Index arithmetic, as Google documents it (https://developers.google.com/docs/api/concepts/structure): UTF-16 code
 * units; the body begins with a section break [0, 1), so its first paragraph starts at 1; every paragraph ends with
 * "\n"; a table takes one index at its start, one per row and one per cell before the cell's paragraphs, and one at
 * its end (ASSUMED: the table's end marker; cell positions T+3 + r·(2C+1) + 2c of an empty table agree with
 * https://tanaikech.github.io/2019/05/22/creating-new-table-and-putting-values-to-cells-using-google-docs-api-with-google-apps-script/);
 * headers and footers are segments of their own starting at 0. Requests apply in order, each on what the previous
 * left, and atomically: one invalid request and nothing is applied (https://developers.google.com/docs/api/how-tos/batch).
 *
 * Errors use Google's wording (the rules and their sources are in fidelity-changes.ts / FIDELITY.md):
 * "GoogleJsonResponseException: API call to docs.documents.batchUpdate failed with error: Invalid requests[i].<kind>: …".
 *
 * Saving: a REST write is saved at once (Drive's export and a later DocumentApp.openById see it); documents.get reads
 * what Docs has saved, so DocumentApp edits of the running execution not yet saved are not in it (ASSUMED, as for
 * Drive's export of a Doc: DocumentApp buffers its edits until saveAndClose or the end of the execution).
 */
import {
  DocContainer, DocElement, DocumentModel, DocumentStore, ListItemElement, PageBreakElement, ParagraphElement, SectionElement,
  TableCellElement, TableElement, TableRowElement, TextElement, TextParent,
} from './documents';
import { GasException, GasObject } from './runtime';

type Req = GoogleAppsScript.Docs.Schema.Request & Record<string, unknown>;

const HEADING_TO_REST: Record<string, string> = {
  NORMAL: 'NORMAL_TEXT', TITLE: 'TITLE', SUBTITLE: 'SUBTITLE', HEADING1: 'HEADING_1', HEADING2: 'HEADING_2', HEADING3: 'HEADING_3',
  HEADING4: 'HEADING_4', HEADING5: 'HEADING_5', HEADING6: 'HEADING_6',
};
const HEADING_FROM_REST = Object.fromEntries(Object.entries(HEADING_TO_REST).map(([k, v]) => [v, k]));
const ALIGN_TO_REST: Record<string, string> = { LEFT: 'START', CENTER: 'CENTER', RIGHT: 'END', JUSTIFY: 'JUSTIFIED' };
const ALIGN_FROM_REST = Object.fromEntries(Object.entries(ALIGN_TO_REST).map(([k, v]) => [v, k]));

export const HEADER_ID = 'kix.header0';
export const FOOTER_ID = 'kix.footer0';

function apiError(method: string, message: string): GasException {
  const e = new GasException(`API call to docs.documents.${method} failed with error: ${message}`);
  e.name = 'GoogleJsonResponseException';
  return e;
}

/** A request refused: its index in the batch and kind, as Google names them. */
class Invalid extends Error {}

// ---------------------------------------------------------------- layout: where every element is

interface ParaAt { kind: 'p'; el: TextParent; start: number; end: number; container: DocContainer }
interface TableAt { kind: 't'; el: TableElement; start: number; end: number; container: DocContainer }
interface CellAt { kind: 'c'; el: TableCellElement; start: number; contentStart: number; end: number }
type At = ParaAt | TableAt | CellAt;

/** A paragraph's length: its text, and one index for each other inline element (a page break, an image: Google's structure page above). */
const textLength = (p: TextParent) => p.children.reduce((n, c) => n + (c instanceof TextElement ? c.text.length : 1), 0);

/**
 * Every paragraph, table and cell of a container with its indexes, in document order (a table after its content, so
 * that its end is known; its cells likewise). `stopAfter` ends the walk once an element starts past that index.
 */
function layout(container: DocContainer, base: number, out: At[] = [], stopAfter = Infinity): number {
  let index = base;
  for (const child of container.children) {
    if (index > stopAfter) return index;
    if (child instanceof TextParent) {
      const end = index + textLength(child) + 1;
      out.push({ kind: 'p', el: child, start: index, end, container });
      index = end;
    } else if (child instanceof TableElement) {
      const start = index;
      index += 1;
      for (const row of child.children) {
        index += 1;
        for (const cell of (row as TableRowElement).children) {
          const cellStart = index;
          index = layout(cell as TableCellElement, index + 1, out, stopAfter);
          out.push({ kind: 'c', el: cell as TableCellElement, start: cellStart, contentStart: cellStart + 1, end: index });
        }
      }
      index += 1;
      out.push({ kind: 't', el: child, start, end: index, container });
    }
  }
  return index;
}

interface Segment { section: SectionElement; base: number; id: string | null }

function segmentOf(model: DocumentModel, segmentId: unknown): Segment {
  if (segmentId === undefined || segmentId === null || segmentId === '') return { section: model.body, base: 1, id: null };
  if (segmentId === HEADER_ID && model.header) return { section: model.header, base: 0, id: HEADER_ID };
  if (segmentId === FOOTER_ID && model.footer) return { section: model.footer, base: 0, id: FOOTER_ID };
  throw new Invalid(`The segment ID ${String(segmentId)} was not found in the document.`);
}

function segmentEnd(seg: Segment): number {
  return laidOut(seg).end;
}

/**
 * Speed, not behaviour: within one batchUpdate, a segment's paragraphs are laid out once and kept while requests
 * leave their lengths as they are (styles, widths, borders) or change them in one place (insertText, insertPageBreak:
 * one paragraph grows, or is cut into several); any other edit (a table inserted, a range deleted, a new segment)
 * drops them. Without this each request walked the whole document again, so a batch filling a table of N cells cost
 * N² (a 10,000-row 受付名簿 did not finish). Kept in blocks, each with the shift of all its paragraphs, so that an
 * edit moves what follows it by one addition per block rather than per paragraph. Cells and tables are laid out
 * afresh where they are needed (deleteContentRange, the table requests). test/emulator/docs-api.test.ts checks that a
 * batch gives the same document as its requests sent one batch each.
 */
interface Block { items: ParaAt[]; shift: number }
interface Laid { blocks: Block[]; end: number }
/** Paragraphs per block (exported for the test that runs with tiny blocks: many blocks, blocks cut). */
export const LAYOUT_BLOCK = { size: 256 };
let laidCache: Map<SectionElement, Laid> | null = null;

function laidOut(seg: Segment): Laid {
  const known = laidCache?.get(seg.section);
  if (known) return known;
  const all: At[] = [];
  const end = layout(seg.section, seg.base, all);
  // Paragraphs in document order have increasing starts (each takes at least its newline): binary-searchable.
  const paragraphs = all.filter((a): a is ParaAt => a.kind === 'p');
  const blocks: Block[] = [];
  for (let i = 0; i < paragraphs.length; i += LAYOUT_BLOCK.size) blocks.push({ items: paragraphs.slice(i, i + LAYOUT_BLOCK.size), shift: 0 });
  const laid = { blocks, end };
  laidCache?.set(seg.section, laid);
  return laid;
}

/** The first paragraph whose end is past `index`: its block and its place there; null when none is. */
function firstEndingAfter(laid: Laid, index: number): { b: number; i: number } | null {
  const { blocks } = laid;
  let lo = 0, hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const block = blocks[mid]!;
    if (block.items[block.items.length - 1]!.end + block.shift > index) hi = mid;
    else lo = mid + 1;
  }
  if (lo === blocks.length) return null;
  const { items, shift } = blocks[lo]!;
  let l = 0, h = items.length;
  while (l < h) {
    const mid = (l + h) >> 1;
    if (items[mid]!.end + shift > index) h = mid;
    else l = mid + 1;
  }
  return { b: lo, i: l };
}

/** A paragraph as the requests see it: its indexes now. */
const placed = (block: Block, a: ParaAt): ParaAt => ({ kind: 'p', el: a.el, start: a.start + block.shift, end: a.end + block.shift, container: a.container });

/**
 * After an edit of paragraph `at` that only changed its text and put the paragraphs `added` just before it in its
 * container (text with newlines split it; a page break cut its head off): the new paragraphs take its place from its
 * start, and everything after moves by what the text grew.
 */
function reflowed(seg: Segment, at: ParaAt, added: readonly TextParent[] = []): void {
  const laid = laidCache?.get(seg.section);
  if (!laid) return;
  const hit = firstEndingAfter(laid, at.start);
  const block = hit && laid.blocks[hit.b]!;
  if (!hit || !block || block.items[hit.i]!.el !== at.el) { laidCache?.clear(); return; }
  const item = block.items[hit.i]!;
  let index = at.start;
  const news: ParaAt[] = added.map((el) => {
    const a: ParaAt = { kind: 'p', el, start: index - block.shift, end: index + textLength(el) + 1 - block.shift, container: at.container };
    index = a.end + block.shift;
    return a;
  });
  const newEnd = index + textLength(at.el) + 1;
  const growth = newEnd - at.end;
  item.start = index - block.shift;
  item.end = newEnd - block.shift;
  for (let i = hit.i + 1; i < block.items.length; i++) {
    block.items[i]!.start += growth;
    block.items[i]!.end += growth;
  }
  for (let b = hit.b + 1; b < laid.blocks.length; b++) laid.blocks[b]!.shift += growth;
  laid.end += growth;
  if (news.length) {
    block.items.splice(hit.i, 0, ...news);
    // A block that grew past twice its size is cut (writing from the end back adds every paragraph at one place).
    const size = LAYOUT_BLOCK.size;
    if (block.items.length > 2 * size) {
      const rest = block.items.splice(size);
      const more: Block[] = [];
      for (let i = 0; i < rest.length; i += size) more.push({ items: rest.slice(i, i + size), shift: block.shift });
      laid.blocks.splice(hit.b + 1, 0, ...more);
    }
  }
}

// ---------------------------------------------------------------- runs

/** A run of text, or (with `object`) a page break or an image: one index, never merged, never cut. */
interface Run { text: string; bold: boolean; attributes: Record<string, unknown>; object?: DocElement }
const runsOf = (p: TextParent): Run[] => p.children.map((c) => (c instanceof TextElement
  ? { text: c.text, bold: c.bold, attributes: { ...c.attributes } }
  : { text: '\uFFFC', bold: false, attributes: {}, object: c }));

function setRuns(p: TextParent, runs: Run[]): void {
  for (const c of p.children) c.parent = null;
  p.children = [];
  for (const r of runs) {
    if (r.text === '') continue;
    if (r.object) { r.object.parent = p; p.children.push(r.object); continue; }
    const last = p.children[p.children.length - 1];
    if (last instanceof TextElement && last.bold === r.bold && JSON.stringify(last.attributes) === JSON.stringify(r.attributes)) { last.text += r.text; continue; }
    const t = new TextElement(r.text);
    t.bold = r.bold;
    t.attributes = { ...r.attributes };
    t.parent = p;
    p.children.push(t);
  }
}

/** Runs cut at offsets a < b: [before, inside, after]. */
function cut(runs: Run[], a: number, b: number): [Run[], Run[], Run[]] {
  const out: [Run[], Run[], Run[]] = [[], [], []];
  let at = 0;
  for (const r of runs) {
    const end = at + r.text.length;
    const pieces: [number, number, 0 | 1 | 2][] = [[at, Math.min(end, a), 0], [Math.max(at, a), Math.min(end, b), 1], [Math.max(at, b), end, 2]];
    for (const [s, e, k] of pieces) if (e > s) out[k].push({ ...r, attributes: { ...r.attributes }, text: r.text.slice(s - at, e - at) });
    at = end;
  }
  return out;
}

/** A new paragraph with `p`'s paragraph style (heading, alignment, list) and the given runs. */
function sibling(p: TextParent, runs: Run[]): TextParent {
  const copy = p.clone() as TextParent;
  setRuns(copy, runs);
  return copy;
}

function insertChildren(container: DocContainer, before: DocElement, elements: DocElement[]): void {
  const i = container.children.indexOf(before);
  for (const e of elements) e.parent = container;
  container.children.splice(i, 0, ...elements);
}

function removeChild(container: DocContainer, child: DocElement): void {
  container.children.splice(container.children.indexOf(child), 1);
  child.parent = null;
}

/** "\n" inside a paragraph's runs ends it: the text before each newline becomes a paragraph of the same style. */
function splitAtNewlines(p: TextParent): TextParent[] {
  let runs = runsOf(p);
  const text = runs.map((r) => r.text).join('');
  let cutAt = text.indexOf('\n');
  const before: TextParent[] = [];
  while (cutAt >= 0) {
    const [head, , tail] = cut(runs, cutAt, cutAt + 1);
    before.push(sibling(p, head));
    runs = tail;
    cutAt = runs.map((r) => r.text).join('').indexOf('\n');
  }
  if (!before.length) return before;
  setRuns(p, runs);
  insertChildren(p.parent as DocContainer, p, before);
  return before;
}

// ---------------------------------------------------------------- styles

const hex = (c: unknown): string | null => {
  const rgb = (c as { color?: { rgbColor?: { red?: number; green?: number; blue?: number } } } | undefined)?.color?.rgbColor;
  if (!rgb) return null;
  const h = (v = 0) => Math.round(v * 255).toString(16).padStart(2, '0');
  return `#${h(rgb.red)}${h(rgb.green)}${h(rgb.blue)}`;
};
const color = (h: unknown) => {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(String(h));
  return m ? { color: { rgbColor: { red: parseInt(m[1]!, 16) / 255, green: parseInt(m[2]!, 16) / 255, blue: parseInt(m[3]!, 16) / 255 } } } : undefined;
};

const TEXT_FIELDS: Record<string, string> = { italic: 'ITALIC', underline: 'UNDERLINE', fontSize: 'FONT_SIZE', foregroundColor: 'FOREGROUND_COLOR' };

function applyTextStyle(run: Run, style: Record<string, unknown>, fields: string[]): void {
  for (const f of fields) {
    const v = style[f];
    if (f === 'bold') run.bold = v === true;
    else if (f in TEXT_FIELDS) {
      const key = TEXT_FIELDS[f]!;
      const value = v === undefined ? undefined : f === 'fontSize' ? (v as { magnitude?: number }).magnitude : f === 'foregroundColor' ? hex(v) : v;
      if (value === undefined || value === null || value === false) delete run.attributes[key];
      else run.attributes[key] = value;
    } else throw new Invalid(`Unsupported field in the field mask: ${f}`);
  }
}

function textStyleJson(t: TextElement): Record<string, unknown> {
  const a = t.attributes;
  return {
    ...(t.bold ? { bold: true } : {}),
    ...(a.ITALIC ? { italic: true } : {}),
    ...(a.UNDERLINE ? { underline: true } : {}),
    ...(typeof a.FONT_SIZE === 'number' ? { fontSize: { magnitude: a.FONT_SIZE, unit: 'PT' } } : {}),
    ...(a.FOREGROUND_COLOR ? { foregroundColor: color(a.FOREGROUND_COLOR) } : {}),
  };
}

function fieldsOf(mask: unknown): string[] {
  const fields = String(mask ?? '').split(',').map((f) => f.trim()).filter(Boolean);
  // "fields is required" (https://developers.google.com/docs/api/reference/rest/v1/documents/request#UpdateTextStyleRequest).
  if (!fields.length) throw new Invalid('At least one field must be listed in \'fields\'. (Use \'*\' to indicate all fields.)');
  return fields;
}

// ---------------------------------------------------------------- documents.get

function paragraphJson(at: ParaAt): object {
  const p = at.el;
  const elements: object[] = [];
  let index = at.start;
  const parts = p.children.filter((c) => !(c instanceof TextElement) || c.text !== '');
  parts.forEach((t) => {
    if (!(t instanceof TextElement)) {
      elements.push({ startIndex: index, endIndex: index + 1, ...(t instanceof PageBreakElement ? { pageBreak: {} } : { inlineObjectElement: { inlineObjectId: 'kix.image' } }) });
      index += 1;
      return;
    }
    const content = t.text.replace(/\n/g, '\u000b');
    elements.push({ startIndex: index, endIndex: index + content.length, textRun: { content, textStyle: textStyleJson(t) } });
    index += content.length;
  });
  // The paragraph's newline ends its last run, or is a run of its own after a page break or an image.
  const last = elements[elements.length - 1] as { endIndex: number; textRun?: { content: string } } | undefined;
  if (last?.textRun) { last.textRun.content += '\n'; last.endIndex += 1; } else elements.push({ startIndex: index, endIndex: index + 1, textRun: { content: '\n', textStyle: {} } });
  return {
    startIndex: at.start, endIndex: at.end,
    paragraph: {
      elements,
      paragraphStyle: { namedStyleType: HEADING_TO_REST[p.heading] ?? 'NORMAL_TEXT', ...(p.alignment ? { alignment: ALIGN_TO_REST[p.alignment] } : {}) },
      ...(p instanceof ListItemElement ? { bullet: { listId: p.listId, ...(p.nestingLevel ? { nestingLevel: p.nestingLevel } : {}) } } : {}),
    },
  };
}

function contentJson(container: DocContainer, base: number): object[] {
  const all: At[] = [];
  layout(container, base, all);
  const of = (el: DocElement) => all.find((a) => a.el === el)!;
  const build = (c: DocContainer): object[] => c.children.flatMap((child) => {
    const at = of(child);
    if (!at) return [];
    if (at.kind === 'p') return [paragraphJson(at)];
    if (at.kind !== 't') return [];
    const t = at.el;
    const border = t.attributes.BORDER_COLOR || t.attributes.BORDER_WIDTH
      ? { color: color(t.attributes.BORDER_COLOR ?? '#000000'), width: { magnitude: Number(t.attributes.BORDER_WIDTH ?? 1), unit: 'PT' }, dashStyle: 'SOLID' }
      : null;
    const columns = Math.max(0, ...t.children.map((r) => (r as DocContainer).children.length));
    return [{
      startIndex: at.start, endIndex: at.end,
      table: {
        rows: t.children.length, columns,
        tableRows: t.children.map((row) => {
          const cells = (row as DocContainer).children.map((cell) => of(cell) as CellAt);
          return {
            startIndex: cells[0] ? cells[0].start - 1 : at.start, endIndex: cells[cells.length - 1]?.end ?? at.start,
            tableCells: cells.map((cell) => ({
              startIndex: cell.start, endIndex: cell.end, content: build(cell.el),
              ...(border ? { tableCellStyle: { borderTop: border, borderBottom: border, borderLeft: border, borderRight: border } } : {}),
            })),
          };
        }),
        tableStyle: { tableColumnProperties: Array.from({ length: columns }, (_, c) => (t.columnWidths[c] ? { widthType: 'FIXED_WIDTH', width: { magnitude: t.columnWidths[c], unit: 'PT' } } : { widthType: 'EVENLY_DISTRIBUTED' })) },
      },
    }];
  });
  return build(container);
}

export function documentJson(model: DocumentModel): GoogleAppsScript.Docs.Schema.Document {
  const saved = model.dirty ? model.saved : { body: model.body, header: model.header, footer: model.footer };
  const last = (content: object[]) => ((content[content.length - 1] as { endIndex?: number } | undefined)?.endIndex ?? 1);
  const body = contentJson(saved.body, 1);
  return {
    documentId: model.id,
    title: model.name,
    body: { content: [{ endIndex: 1, sectionBreak: { sectionStyle: { sectionType: 'CONTINUOUS' } } }, ...body] },
    ...(saved.header ? { headers: { [HEADER_ID]: { headerId: HEADER_ID, content: contentJson(saved.header, 0) } } } : {}),
    ...(saved.footer ? { footers: { [FOOTER_ID]: { footerId: FOOTER_ID, content: contentJson(saved.footer, 0) } } } : {}),
    documentStyle: { ...(saved.header ? { defaultHeaderId: HEADER_ID } : {}), ...(saved.footer ? { defaultFooterId: FOOTER_ID } : {}) },
    revisionId: `rev-${last(body)}`,
  } as GoogleAppsScript.Docs.Schema.Document;
}

// ---------------------------------------------------------------- batchUpdate

const int = (v: unknown, what: string): number => {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new Invalid(`Invalid value at '${what}'.`);
  return v;
};

/** The paragraph holding `index` (where text can go), or Google's refusal. */
function paragraphAt(seg: Segment, index: number): ParaAt {
  if (index < seg.base) throw new Invalid('The insertion index must be inside the bounds of an existing paragraph.');
  const laid = laidOut(seg);
  const total = laid.end;
  const found = firstEndingAfter(laid, index);
  if (found) {
    const block = laid.blocks[found.b]!;
    const hit = placed(block, block.items[found.i]!);
    if (hit.start <= index) return hit;
  }
  if (index >= total) throw new Invalid(`Index ${index} must be less than the end index of the referenced segment, ${total}.`);
  throw new Invalid('The insertion index must be inside the bounds of an existing paragraph.');
}

function insertText(model: DocumentModel, r: { location?: { index?: number; segmentId?: string }; text?: string }): void {
  // Wording: "Insert text requests must specify text to insert." (https://github.com/obot-platform/obot/issues/1477).
  if (typeof r.text !== 'string' || r.text === '') throw new Invalid('Insert text requests must specify text to insert.');
  const seg = segmentOf(model, r.location?.segmentId);
  const at = paragraphAt(seg, int(r.location?.index, 'location.index'));
  const offset = (r.location!.index as number) - at.start;
  const runs = runsOf(at.el);
  // Inserted text takes the style of the character before it (the first run's at a paragraph's start).
  let pos = 0;
  let target = runs.findIndex((run) => {
    const hitRun = offset > pos && offset <= pos + run.text.length;
    pos += run.text.length;
    return hitRun;
  });
  if (target < 0 && runs.length) target = 0;
  if (target < 0) runs.push({ text: r.text, bold: false, attributes: {} });
  else if (runs[target]!.object) {
    // Next to a page break or an image: a run of its own, styled as the text before it when there is some.
    const style = runs[target - 1] ?? { bold: false, attributes: {} };
    runs.splice(offset === 0 ? 0 : target + 1, 0, { text: r.text, bold: style.bold, attributes: { ...style.attributes } });
  } else {
    const before = runs.slice(0, target).reduce((n, run) => n + run.text.length, 0);
    const run = runs[target]!;
    run.text = run.text.slice(0, offset - before) + r.text + run.text.slice(offset - before);
  }
  setRuns(at.el, runs);
  reflowed(seg, at, r.text.includes('\n') ? splitAtNewlines(at.el) : []);
}

/**
 * "Inserts a page break followed by a newline"; "Page breaks cannot be inserted inside a table, equation, footnote,
 * header or footer" (https://developers.google.com/docs/api/reference/rest/v1/documents/request#InsertPageBreakRequest).
 * Wording of the refusals ASSUMED.
 */
function insertPageBreak(model: DocumentModel, r: { location?: { index?: number; segmentId?: string } }): void {
  const seg = segmentOf(model, r.location?.segmentId);
  const at = paragraphAt(seg, int(r.location?.index, 'location.index'));
  if (seg.id !== null || !(at.container instanceof SectionElement)) throw new Invalid('Page breaks can only be inserted into the body, outside a table.');
  const [head, , tail] = cut(runsOf(at.el), r.location!.index! - at.start, r.location!.index! - at.start);
  setRuns(at.el, tail);
  const broken = sibling(at.el, [...head, { text: '\uFFFC', bold: false, attributes: {}, object: new PageBreakElement() }]);
  insertChildren(at.container, at.el, [broken]);
  reflowed(seg, at, [broken]);
}

function insertTable(model: DocumentModel, r: { location?: { index?: number; segmentId?: string }; rows?: number; columns?: number }): void {
  const seg = segmentOf(model, r.location?.segmentId);
  const rows = int(r.rows, 'rows');
  const columns = int(r.columns, 'columns');
  if (rows < 1 || columns < 1) throw new Invalid('The table must have at least one row and one column.');
  const at = paragraphAt(seg, int(r.location?.index, 'location.index'));
  if (!(at.container instanceof SectionElement)) throw new GasException('Emulator: a table inside a table cell is not emulated (Docs.Documents.batchUpdate insertTable).');
  const [head, tail] = cut(runsOf(at.el), r.location!.index! - at.start, Infinity);
  const before = sibling(at.el, head);
  setRuns(at.el, tail);
  const table = TableElement.of(Array.from({ length: rows }, () => Array.from({ length: columns }, () => '')));
  insertChildren(at.container, at.el, [before, table]);
  laidCache?.clear();
}

function rangeOf(model: DocumentModel, range: { startIndex?: number; endIndex?: number; segmentId?: string } | undefined): { seg: Segment; start: number; end: number } {
  const seg = segmentOf(model, range?.segmentId);
  const start = int(range?.startIndex, 'range.startIndex');
  const end = int(range?.endIndex, 'range.endIndex');
  if (start >= end) throw new Invalid('The range must not be empty.');
  if (start < seg.base) throw new Invalid('The range cannot include the section break at the start of the segment.');
  const total = segmentEnd(seg);
  if (end > total) throw new Invalid(`Index ${end - 1} must be less than the end index of the referenced segment, ${total}.`);
  return { seg, start, end };
}

/** Paragraphs overlapping [start, end), in order. */
function paragraphsIn(seg: Segment, start: number, end: number): ParaAt[] {
  const laid = laidOut(seg);
  const out: ParaAt[] = [];
  const found = firstEndingAfter(laid, start);
  if (!found) return out;
  for (let b = found.b, i = found.i; b < laid.blocks.length; b++, i = 0) {
    const block = laid.blocks[b]!;
    for (; i < block.items.length; i++) {
      const p = placed(block, block.items[i]!);
      if (p.start >= end) return out;
      out.push(p);
    }
  }
  return out;
}

function deleteContentRange(model: DocumentModel, r: { range?: { startIndex?: number; endIndex?: number; segmentId?: string } }): void {
  const { seg, start, end } = rangeOf(model, r.range);
  const all: At[] = [];
  const total = layout(seg.section, seg.base, all);
  // "Deleting the last newline character of a Body, Header, Footer, Footnote, TableCell or TableOfContents" is invalid
  // (https://developers.google.com/docs/api/reference/rest/v1/documents/request#DeleteContentRangeRequest); wording:
  // "The range cannot include the newline character at the end of the segment." (public reports of the 400, e.g.
  // https://github.com/piotr-agier/google-drive-mcp/pull/198).
  if (end === total) throw new Invalid('The range cannot include the newline character at the end of the segment.');
  // The innermost container holding the whole range: a cell when both ends are in one cell's content.
  const cells = all.filter((a): a is CellAt => a.kind === 'c');
  const cell = cells.filter((c) => c.contentStart <= start && end <= c.end).sort((a, b) => b.start - a.start)[0];
  const container: DocContainer = cell ? cell.el : seg.section;
  if (cell && end === cell.end) throw new Invalid('The range cannot include the newline character at the end of the segment.');
  const items = all.filter((a): a is ParaAt | TableAt => (a.kind === 'p' || a.kind === 't') && a.container === container);
  // A table is deleted whole or not at all; "Deleting the start or end of a Table … without deleting the entire
  // element" and "Deleting the newline character before a Table … without deleting the element" are invalid (same page).
  for (const t of items.filter((a) => a.kind === 't')) {
    const overlaps = t.start < end && t.end > start;
    if (overlaps && !(start <= t.start && t.end <= end)) throw new Invalid('Invalid deletion range. Cannot delete the requested range.');
  }
  const inRange = items.filter((a) => a.start < end && a.end > start);
  const first = inRange[0];
  // What survives the range's end: the paragraph holding index `end`. A table there means the range ends with the
  // newline just before that table.
  const survivor = items.find((a) => a.start <= end && end < a.end);
  if (!first || !survivor || survivor.kind !== 'p') throw new Invalid('Invalid deletion range. Cannot delete the requested range.');
  const runs = runsOf(survivor.el);
  const prefix = first.kind === 'p' ? cut(runsOf(first.el), start - first.start, Infinity)[0] : [];
  for (const a of inRange) if (a !== survivor) removeChild(container, a.el);
  setRuns(survivor.el, [...prefix, ...cut(runs, Math.max(0, end - survivor.start), Infinity)[1]]);
  laidCache?.clear();
}

function updateTextStyle(model: DocumentModel, r: { range?: { startIndex?: number; endIndex?: number; segmentId?: string }; textStyle?: Record<string, unknown>; fields?: string }): void {
  const fields = fieldsOf(r.fields);
  const { seg, start, end } = rangeOf(model, r.range);
  for (const p of paragraphsIn(seg, start, end)) {
    const [before, inside, after] = cut(runsOf(p.el), Math.max(0, start - p.start), end - p.start);
    for (const run of inside) applyTextStyle(run, r.textStyle ?? {}, fields);
    setRuns(p.el, [...before, ...inside, ...after]);
  }
}

function updateParagraphStyle(model: DocumentModel, r: { range?: { startIndex?: number; endIndex?: number; segmentId?: string }; paragraphStyle?: Record<string, unknown>; fields?: string }): void {
  const fields = fieldsOf(r.fields);
  const { seg, start, end } = rangeOf(model, r.range);
  const style = r.paragraphStyle ?? {};
  for (const p of paragraphsIn(seg, start, end)) {
    for (const f of fields) {
      if (f === 'namedStyleType') {
        const heading = style.namedStyleType === undefined ? 'NORMAL' : HEADING_FROM_REST[String(style.namedStyleType)];
        if (!heading) throw new Invalid(`Invalid value at 'requests.update_paragraph_style.paragraph_style.named_style_type' (${String(style.namedStyleType)})`);
        p.el.heading = heading as TextParent['heading'];
      } else if (f === 'alignment') p.el.alignment = style.alignment === undefined ? null : ALIGN_FROM_REST[String(style.alignment)] ?? null;
      else throw new Invalid(`Unsupported field in the field mask: ${f}`);
    }
  }
}

function tableAt(model: DocumentModel, location: { index?: number; segmentId?: string } | undefined): TableElement {
  const seg = segmentOf(model, location?.segmentId);
  const index = int(location?.index, 'tableStartLocation.index');
  const all: At[] = [];
  layout(seg.section, seg.base, all, index);
  const t = all.find((a): a is TableAt => a.kind === 't' && a.start === index);
  // ASSUMED wording (no public report found).
  if (!t) throw new Invalid(`The provided table start location is invalid. No table found at index ${index}.`);
  return t.el;
}

function updateTableColumnProperties(model: DocumentModel, r: { tableStartLocation?: { index?: number }; columnIndices?: number[]; tableColumnProperties?: { width?: { magnitude?: number }; widthType?: string }; fields?: string }): void {
  fieldsOf(r.fields);
  const t = tableAt(model, r.tableStartLocation);
  const columns = Math.max(0, ...t.children.map((row) => (row as DocContainer).children.length));
  const width = r.tableColumnProperties?.widthType === 'FIXED_WIDTH' ? r.tableColumnProperties.width?.magnitude ?? null : null;
  // Docs' minimum column width is 5 points (https://developers.google.com/docs/api/reference/rest/v1/documents/request#UpdateTableColumnPropertiesRequest).
  if (width !== null && width < 5) throw new Invalid('Column width must be at least 5 points.');
  const widths = [...t.columnWidths];
  for (const c of r.columnIndices ?? Array.from({ length: columns }, (_, i) => i)) {
    if (c < 0 || c >= columns) throw new Invalid(`Column index ${c} is out of bounds for a table with ${columns} columns.`);
    widths[c] = width;
  }
  t.columnWidths = widths;
}

function updateTableCellStyle(model: DocumentModel, r: { tableStartLocation?: { index?: number }; tableCellStyle?: Record<string, { color?: unknown; width?: { magnitude?: number } }>; fields?: string }): void {
  fieldsOf(r.fields);
  const t = tableAt(model, r.tableStartLocation);
  const border = r.tableCellStyle?.borderTop;
  const c = hex(border?.color);
  t.attributes = { ...t.attributes, ...(c ? { BORDER_COLOR: c } : {}), ...(border?.width?.magnitude !== undefined ? { BORDER_WIDTH: border.width.magnitude } : {}) };
}

/** createHeader / createFooter (type DEFAULT): the segment with one empty paragraph; its id in the reply. */
function createSegment(kind: 'header' | 'footer') {
  return (model: DocumentModel, r: { type?: string }): object => {
    // https://developers.google.com/docs/api/reference/rest/v1/documents/request#CreateHeaderRequest
    if (r.type !== 'DEFAULT') throw new Invalid(`Invalid value at 'type' (${String(r.type)}).`);
    // ASSUMED wording: the reference says only that a header of the type must not exist yet.
    if (model[kind]) throw new Invalid(`A default ${kind} already exists.`);
    const section = new SectionElement(kind === 'header' ? 'HEADER_SECTION' : 'FOOTER_SECTION', model);
    const p = new ParagraphElement();
    p.parent = section;
    section.children.push(p);
    model[kind] = section;
    laidCache?.clear();
    return kind === 'header' ? { createHeader: { headerId: HEADER_ID } } : { createFooter: { footerId: FOOTER_ID } };
  };
}

const APPLY: Record<string, (model: DocumentModel, r: never) => object | void> = {
  insertText, insertPageBreak, insertTable, deleteContentRange, updateTextStyle, updateParagraphStyle, updateTableColumnProperties, updateTableCellStyle,
  createHeader: createSegment('header'), createFooter: createSegment('footer'),
};

function restore(model: DocumentModel, snapshot: DocumentModel['saved']): void {
  const adopt = (section: SectionElement | null): SectionElement | null => {
    if (!section) return null;
    const s = new SectionElement(section.kind, model);
    for (const c of section.clone().children) { c.parent = s; s.children.push(c); }
    return s;
  };
  model.body = adopt(snapshot.body)!;
  model.header = adopt(snapshot.header);
  model.footer = adopt(snapshot.footer);
}

/** Applies a batch in order, all or nothing, and saves it. */
export function batchUpdate(model: DocumentModel, requests: readonly Req[]): { replies: object[] } {
  laidCache = new Map();
  try {
    return applyBatch(model, requests);
  } finally {
    laidCache = null;
  }
}

function applyBatch(model: DocumentModel, requests: readonly Req[]): { replies: object[] } {
  const before = model.snapshot();
  const replies: object[] = [];
  requests.forEach((request, i) => {
    const kinds = Object.keys(request).filter((k) => request[k] !== undefined);
    // "Invalid requests[0]: No request set." (https://github.com/googleapis/google-api-php-client/issues/2104).
    if (kinds.length === 0) { restore(model, before); throw apiError('batchUpdate', `Invalid requests[${i}]: No request set.`); }
    const kind = kinds[0]!;
    const apply = APPLY[kind];
    if (!apply) { restore(model, before); throw new GasException(`Emulator: Docs.Documents.batchUpdate request ${kind} is not emulated`); }
    try {
      replies.push(apply(model, request[kind] as never) ?? {});
    } catch (e) {
      restore(model, before);
      if (e instanceof Invalid) throw apiError('batchUpdate', `Invalid requests[${i}].${kind}: ${e.message}`);
      throw e;
    }
  });
  model.save();
  return { replies };
}

export class DocumentsCollection extends GasObject implements Pick<GoogleAppsScript.Docs.Collection.DocumentsCollection, 'get' | 'batchUpdate'> {
  readonly gasService = 'Docs';
  readonly gasType = 'Documents';
  constructor(private readonly store: DocumentStore) { super(); }
  private model(id: string, method: string): DocumentModel {
    const model = this.store.docs.get(String(id));
    // A missing document (or one the add-on may not open): the API's 404 wording.
    if (!model || !this.store.canOpen(model.id)) throw apiError(method, 'Requested entity was not found.');
    return model;
  }
  get(documentId: string): GoogleAppsScript.Docs.Schema.Document {
    return documentJson(this.model(documentId, 'get'));
  }
  batchUpdate(resource: GoogleAppsScript.Docs.Schema.BatchUpdateDocumentRequest, documentId: string): GoogleAppsScript.Docs.Schema.BatchUpdateDocumentResponse {
    const model = this.model(documentId, 'batchUpdate');
    return { documentId: model.id, ...batchUpdate(model, (resource?.requests ?? []) as Req[]) };
  }
}

export function createAdvancedDocs(store: DocumentStore) {
  return { gasService: 'Docs', gasType: 'Docs', Documents: new DocumentsCollection(store) };
}

