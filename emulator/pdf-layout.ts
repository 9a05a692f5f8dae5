/**
 * The emulated Docs → PDF export laid out as a page (issue 14 item 19): A4, margins, the document's header and footer
 * on every page, headings larger and bold, bold runs bold, paragraphs wrapped to the text width, alignment, bullets,
 * and tables drawn as ruled grids with their cells' text wrapped inside — what Google's export shows, where the
 * earlier export was one line of plain text after another.
 *
 * Fonts: Japanese through the standard Adobe-Japan1 font HeiseiKakuGo-W5 (UniJIS-UCS2-H, which PDF readers supply);
 * Latin letters, digits and ASCII punctuation through the standard Helvetica / Helvetica-Bold (every reader has their
 * metrics), so "https://…" is set in proportional Latin type instead of full-width-spaced CJK glyphs. Each line is
 * one text object whose runs follow each other (the reader advances by the fonts' own widths); the widths below are
 * used only to wrap lines and to centre them, and err wide. Bold Japanese is drawn with fill+stroke (render mode 2),
 * as PDF writers do for fonts without a bold face.
 *
 * `readPdfPages` reads such a file back (its own subset of PDF operators) into positioned lines, for the preview's
 * PDF viewer: the viewer shows what the file holds, so a fault in this writer shows there too.
 */

export interface PdfRun { text: string; bold: boolean }
export type PdfStyle = 'title' | 'subtitle' | 'h1' | 'h2' | 'h3' | 'normal';
export type PdfBlock =
  | { kind: 'paragraph'; runs: PdfRun[]; style: PdfStyle; align?: 'left' | 'center' | 'right'; bullet?: string }
  | { kind: 'table'; rows: PdfBlock[][][] }
  | { kind: 'pageBreak' }
  /** An inline image (grey levels, one byte a pixel) drawn at `width`×`height` points. */
  | { kind: 'image'; pixels: { width: number; height: number; grey: Uint8Array }; width: number; height: number; align?: 'left' | 'center' | 'right' };
export interface PdfDocument { title: string; header: PdfBlock[]; body: PdfBlock[]; footer: PdfBlock[] }

const PAGE_W = 595;
const PAGE_H = 842;
const MARGIN_X = 56;
const TOP = 70;
const BOTTOM = 70;
const CELL_PAD = 5;

const STYLE: Record<PdfStyle, { size: number; bold: boolean; before: number; gray?: number }> = {
  title: { size: 20, bold: true, before: 6 },
  subtitle: { size: 13, bold: false, before: 2, gray: 0.35 },
  h1: { size: 16, bold: true, before: 12 },
  h2: { size: 13.5, bold: true, before: 10 },
  h3: { size: 12, bold: true, before: 8 },
  normal: { size: 10.5, bold: false, before: 0 },
};

// Helvetica's advance widths (Adobe AFM, 1/1000 em) for ASCII 32–126.
const HELVETICA = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556,
  278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667,
  611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833,
  556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

const isLatin = (ch: string) => ch >= ' ' && ch <= '~';

/** Width of text in points (bold Latin taken 8% wider: an estimate that errs wide, for wrapping only). */
export function textWidth(text: string, size: number, bold: boolean): number {
  let em = 0;
  for (const ch of text) {
    if (isLatin(ch)) em += (HELVETICA[ch.charCodeAt(0) - 32]! / 1000) * (bold ? 1.08 : 1);
    else em += ch >= '\uff61' && ch <= '\uff9f' ? 0.5 : 1;
  }
  return em * size;
}

interface Piece { text: string; bold: boolean }
/** A laid-out line: its pieces, and where it starts (x from the left edge, baseline y from the bottom). */
interface Line { pieces: Piece[]; x: number; y: number; size: number; gray: number }
interface Rule { x1: number; y1: number; x2: number; y2: number }
interface Placed { x: number; y: number; width: number; height: number; pixels: { width: number; height: number; grey: Uint8Array } }
interface Page { lines: Line[]; rules: Rule[]; images: Placed[] }

/** Breaks runs into lines of at most `width` points: Japanese anywhere, Latin at spaces (a long word anywhere). */
function wrapRuns(runs: readonly PdfRun[], size: number, boldAll: boolean, width: number): Piece[][] {
  const lines: Piece[][] = [[]];
  let used = 0;
  const push = (text: string, bold: boolean) => {
    const line = lines[lines.length - 1]!;
    const last = line[line.length - 1];
    if (last && last.bold === bold) last.text += text;
    else line.push({ text, bold });
    used += textWidth(text, size, bold);
  };
  const newLine = () => { lines.push([]); used = 0; };
  for (const run of runs) {
    const bold = boldAll || run.bold;
    // Tokens: a Latin word with its trailing spaces, or one other character; line breaks split.
    const tokens = run.text.match(/\r\n|[\r\n\u000b]|[!-~]+ *| +|[^\r\n\u000b!-~ ]/gu) ?? [];
    for (const token of tokens) {
      if (/^(\r\n|[\r\n\u000b])$/.test(token)) { newLine(); continue; }
      const w = textWidth(token.trimEnd(), size, bold);
      if (used + w > width && used > 0) newLine();
      if (textWidth(token.trimEnd(), size, bold) > width) {
        for (const ch of token) { if (used + textWidth(ch, size, bold) > width && used > 0) newLine(); push(ch, bold); }
      } else push(used === 0 ? token.replace(/^ +/, '') : token, bold);
    }
  }
  return lines;
}

class Layout {
  readonly pages: Page[] = [];
  private page!: Page;
  private y = 0;
  constructor(private readonly doc: PdfDocument) { this.newPage(); }

  private newPage(): void {
    this.page = { lines: [], rules: [], images: [] };
    this.pages.push(this.page);
    this.y = PAGE_H - TOP;
    // Header and footer on every page, small and gray, as Docs prints them.
    this.placeBlocks(this.doc.header, MARGIN_X, PAGE_W - 2 * MARGIN_X, PAGE_H - 40, 9, 0.4, false);
    this.placeBlocks(this.doc.footer, MARGIN_X, PAGE_W - 2 * MARGIN_X, 46, 9, 0.4, false);
  }

  /** Header/footer: lines from a fixed top, without page breaks. */
  private placeBlocks(blocks: readonly PdfBlock[], x: number, width: number, top: number, size: number, gray: number, _flow: boolean): void {
    let y = top;
    for (const b of blocks) {
      if (b.kind !== 'paragraph') continue;
      for (const pieces of wrapRuns(b.runs, size, false, width)) {
        if (!pieces.length) continue;
        this.page.lines.push({ pieces, x: aligned(x, width, pieces, size, b.align), y, size, gray });
        y -= size * 1.4;
      }
    }
  }

  /** Lines of one paragraph at x within width, below `top`; returns their heights without placing them. */
  private static paragraphLines(b: Extract<PdfBlock, { kind: 'paragraph' }>, width: number): { pieces: Piece[]; size: number; leading: number; gray: number; before: number; indent: number }[] {
    const style = STYLE[b.style];
    const indent = b.bullet ? style.size * 1.4 : 0;
    const runs = b.bullet ? b.runs : b.runs;
    const wrapped = wrapRuns(runs, style.size, style.bold, width - indent);
    return wrapped.map((pieces, i) => ({
      pieces: i === 0 && b.bullet ? [{ text: b.bullet, bold: false }, ...pieces] : pieces,
      size: style.size, leading: style.size * 1.55, gray: style.gray ?? 0, before: i === 0 ? style.before : 0, indent: i === 0 ? 0 : indent,
    }));
  }

  flow(blocks: readonly PdfBlock[]): void {
    for (const b of blocks) {
      if (b.kind === 'paragraph') {
        const lines = Layout.paragraphLines(b, PAGE_W - 2 * MARGIN_X);
        // A heading is kept with what follows it: not left alone at the foot of a page.
        const heading = b.style !== 'normal' && b.style !== 'subtitle';
        const height = lines.reduce((h, l) => h + l.before + l.leading, 0);
        if (heading && this.y - height - 4 * STYLE.normal.size * 1.55 < BOTTOM && this.y < PAGE_H - TOP) this.newPage();
        for (const l of lines) {
          if (this.y - l.before - l.leading < BOTTOM) this.newPage();
          this.y -= l.before + l.leading;
          this.page.lines.push({ pieces: l.pieces, x: aligned(MARGIN_X + l.indent, PAGE_W - 2 * MARGIN_X - l.indent, l.pieces, l.size, b.align), y: this.y + l.leading * 0.3, size: l.size, gray: l.gray });
        }
        this.y -= STYLE[b.style].size * 0.35;
      } else if (b.kind === 'table') this.table(b);
      else if (b.kind === 'image') {
        const width = Math.min(b.width, PAGE_W - 2 * MARGIN_X);
        const height = b.height * (width / b.width);
        if (this.y - height < BOTTOM) this.newPage();
        this.y -= height + 4;
        const x = b.align === 'center' ? (PAGE_W - width) / 2 : b.align === 'right' ? PAGE_W - MARGIN_X - width : MARGIN_X;
        this.page.images.push({ x, y: this.y, width, height, pixels: b.pixels });
      } else this.newPage();
    }
  }

  private table(t: Extract<PdfBlock, { kind: 'table' }>): void {
    const columns = Math.max(1, ...t.rows.map((r) => r.length));
    const total = PAGE_W - 2 * MARGIN_X;
    // Column widths follow their content (longest line of text), each at least a sixth of an equal share.
    const want = Array.from({ length: columns }, (_, c) => Math.max(...t.rows.map((r) => Math.min(total, blockTextWidth(r[c] ?? []))), 1));
    const floor = total / columns / 6;
    const sum = want.reduce((a, b) => a + Math.max(b, floor), 0);
    const widths = want.map((w) => (Math.max(w, floor) / sum) * total);
    this.y -= 4;
    for (const row of t.rows) {
      const cells = widths.map((w, c) => (row[c] ?? []).flatMap((b) => (b.kind === 'paragraph' ? Layout.paragraphLines(b, w - 2 * CELL_PAD) : [])));
      const height = Math.max(...cells.map((lines) => lines.reduce((h, l) => h + l.leading, 0)), 10.5 * 1.55) + 2 * CELL_PAD;
      if (this.y - height < BOTTOM) this.newPage();
      const top = this.y;
      let x = MARGIN_X;
      cells.forEach((lines, c) => {
        let y = top - CELL_PAD;
        for (const l of lines) {
          y -= l.leading;
          this.page.lines.push({ pieces: l.pieces, x: x + CELL_PAD + l.indent, y: y + l.leading * 0.3, size: l.size, gray: l.gray });
        }
        x += widths[c]!;
      });
      // The row's rules: top, bottom and every column edge.
      this.page.rules.push({ x1: MARGIN_X, y1: top, x2: MARGIN_X + total, y2: top }, { x1: MARGIN_X, y1: top - height, x2: MARGIN_X + total, y2: top - height });
      let edge = MARGIN_X;
      for (let c = 0; c <= columns; c++) {
        this.page.rules.push({ x1: edge, y1: top, x2: edge, y2: top - height });
        edge += widths[c] ?? 0;
      }
      this.y = top - height;
    }
    this.y -= 10;
  }
}

function blockTextWidth(blocks: readonly PdfBlock[]): number {
  let w = 0;
  for (const b of blocks) {
    if (b.kind !== 'paragraph') continue;
    const style = STYLE[b.style];
    for (const line of b.runs.map((r) => r.text).join('').split(/\r\n|[\r\n\u000b]/)) w = Math.max(w, textWidth(line, style.size, style.bold));
  }
  return w + 2 * CELL_PAD;
}

function aligned(x: number, width: number, pieces: readonly Piece[], size: number, align: 'left' | 'center' | 'right' | undefined): number {
  if (!align || align === 'left') return x;
  const used = pieces.reduce((w, p) => w + textWidth(p.text, size, p.bold), 0);
  return align === 'center' ? x + Math.max(0, (width - used) / 2) : x + Math.max(0, width - used);
}

// ---- writing the file ----

function hexUcs2(s: string): string {
  let hex = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    hex += (code > 0xffff || code < 0x20 ? 0x3013 /* 〓 */ : code).toString(16).padStart(4, '0');
  }
  return `<${hex}>`;
}

const literal = (s: string) => `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;
const num = (n: number) => String(Math.round(n * 100) / 100);

/** One line as a text object: its runs in order, Latin in Helvetica, the rest in the Japanese font. */
function lineOps(line: Line): string {
  let out = `BT ${line.gray ? `${num(line.gray)} g ` : ''}${num(line.x)} ${num(line.y)} Td`;
  for (const piece of line.pieces) {
    for (const part of piece.text.match(/[ -~]+|[^ -~]+/g) ?? []) {
      const latin = isLatin(part[0]!);
      const font = latin ? (piece.bold ? 'F3' : 'F2') : 'F1';
      const fake = !latin && piece.bold;
      out += ` /${font} ${num(line.size)} Tf${fake ? ` 2 Tr ${num(line.size / 30)} w` : ''} ${latin ? literal(part) : hexUcs2(part)} Tj${fake ? ' 0 Tr' : ''}`;
    }
  }
  return `${out} ET${line.gray ? ' 0 g' : ''}`;
}

export function layoutPdf(doc: PdfDocument): Uint8Array {
  const layout = new Layout(doc);
  layout.flow(doc.body);
  const objects: string[] = [];
  const add = (body: string) => { objects.push(body); return objects.length; };
  const catalog = add('');
  const pagesObj = add('');
  const font = add('');
  const cidFont = add('');
  const descriptor = add('');
  const helvetica = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const helveticaBold = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
  objects[font - 1] = `<< /Type /Font /Subtype /Type0 /BaseFont /HeiseiKakuGo-W5 /Encoding /UniJIS-UCS2-H /DescendantFonts [${cidFont} 0 R] >>`;
  objects[cidFont - 1] = `<< /Type /Font /Subtype /CIDFontType0 /BaseFont /HeiseiKakuGo-W5 /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 2 >> /FontDescriptor ${descriptor} 0 R /DW 1000 /W [231 389 500] >>`;
  objects[descriptor - 1] = '<< /Type /FontDescriptor /FontName /HeiseiKakuGo-W5 /Flags 4 /FontBBox [-92 -250 1010 922] /ItalicAngle 0 /Ascent 752 /Descent -271 /CapHeight 737 /StemV 116 >>';
  const kids: number[] = [];
  for (const page of layout.pages) {
    const rules = page.rules.map((r) => `${num(r.x1)} ${num(r.y1)} m ${num(r.x2)} ${num(r.y2)} l`).join('\n');
    // Images as DeviceGray XObjects, one byte a pixel, uncompressed (PDF 1.4 §4.8), each drawn in its box by `cm Do`.
    const xobjects = page.images.map((im) => {
      const data = Buffer.from(im.pixels.grey).toString('latin1');
      return add(`<< /Type /XObject /Subtype /Image /Width ${im.pixels.width} /Height ${im.pixels.height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Length ${data.length} >>\nstream\n${data}\nendstream`);
    });
    const draws = page.images.map((im, i) => `q ${num(im.width)} 0 0 ${num(im.height)} ${num(im.x)} ${num(im.y)} cm /Im${i} Do Q`);
    const stream = [rules ? `0.6 G 0.5 w\n${rules}\nS 0 G` : '', ...draws, ...page.lines.map(lineOps)].filter((s) => s).join('\n');
    const content = add(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`);
    const images = xobjects.length ? ` /XObject << ${xobjects.map((o, i) => `/Im${i} ${o} 0 R`).join(' ')} >>` : '';
    kids.push(add(`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] /Resources << /Font << /F1 ${font} 0 R /F2 ${helvetica} 0 R /F3 ${helveticaBold} 0 R >>${images} >> /Contents ${content} 0 R >>`));
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  const info = add(`<< /Title <feff${hexUcs2(doc.title).slice(1, -1)}> /Producer (shuro-network emulator) >>`);

  let pdf = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) pdf += `${String(o).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${info} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(pdf, 'latin1'));
}

// ---- reading it back (the preview's viewer) ----

export interface ReadRun { text: string; font: 'japanese' | 'latin'; bold: boolean }
export interface ReadLine { x: number; y: number; size: number; gray: number; runs: ReadRun[] }
export interface ReadImage { x: number; y: number; width: number; height: number; pixels: { width: number; height: number; grey: Uint8Array } }
export interface ReadPage { width: number; height: number; lines: ReadLine[]; rules: Rule[]; images: ReadImage[] }

/** The pages of a PDF this module wrote (or the older plain writer): lines of runs and ruled lines, in PDF points. */
export function readPdfPages(bytes: Uint8Array): ReadPage[] {
  const text = Buffer.from(bytes).toString('latin1');
  const objects = new Map<number, string>();
  for (const m of text.matchAll(/(\d+) 0 obj\n([\s\S]*?)\nendobj/g)) objects.set(Number(m[1]), m[2]!);
  const root = /\/Root (\d+) 0 R/.exec(text);
  const pagesRef = root ? /\/Pages (\d+) 0 R/.exec(objects.get(Number(root[1])) ?? '') : null;
  const kids = pagesRef ? [...(/\/Kids \[([^\]]*)\]/.exec(objects.get(Number(pagesRef[1])) ?? '')?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((k) => Number(k[1])) : [];
  return kids.map((k) => {
    const page = objects.get(k) ?? '';
    const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(page);
    const fonts = new Map<string, string>();
    for (const f of (/\/Font << ([^>]*) >>/.exec(page)?.[1] ?? '').matchAll(/\/(F\d+) (\d+) 0 R/g)) fonts.set(f[1]!, /\/BaseFont \/([\w-]+)/.exec(objects.get(Number(f[2])) ?? '')?.[1] ?? '');
    const content = objects.get(Number(/\/Contents (\d+) 0 R/.exec(page)?.[1])) ?? '';
    const stream = /stream\n([\s\S]*?)\nendstream/.exec(content)?.[1] ?? '';
    const xobjects = new Map<string, ReadImage['pixels']>();
    for (const x of (/\/XObject << ([^>]*) >>/.exec(page)?.[1] ?? '').matchAll(/\/(Im\d+) (\d+) 0 R/g)) {
      const body = objects.get(Number(x[2])) ?? '';
      const length = Number(/\/Length (\d+)/.exec(body)?.[1]);
      const at = body.indexOf('stream\n') + 7;
      xobjects.set(x[1]!, { width: Number(/\/Width (\d+)/.exec(body)?.[1]), height: Number(/\/Height (\d+)/.exec(body)?.[1]), grey: new Uint8Array(Buffer.from(body.slice(at, at + length), 'latin1')) });
    }
    return { width: Number(box?.[1] ?? PAGE_W), height: Number(box?.[2] ?? PAGE_H), ...interpret(stream, fonts, xobjects) };
  });
}

/** Our operator subset: BT ET Td TL T* Tf Tj Tr g G w m l S, and q cm Do Q for images. */
function interpret(stream: string, fonts: ReadonlyMap<string, string>, xobjects: ReadonlyMap<string, ReadImage['pixels']> = new Map()): { lines: ReadLine[]; rules: Rule[]; images: ReadImage[] } {
  const lines: ReadLine[] = [];
  const rules: Rule[] = [];
  const images: ReadImage[] = [];
  let matrix = [1, 0, 0, 1, 0, 0];
  const tokens = stream.match(/<[0-9a-fA-F]*>|\((?:\\.|[^\\)])*\)|\/[\w-]+|-?[\d.]+|[A-Za-z*]+/g) ?? [];
  const stack: string[] = [];
  let font = '', size = 10.5, leading = 0, mode = 0, gray = 0;
  let lineX = 0, lineY = 0;
  let current: ReadLine | null = null;
  let pen: [number, number] = [0, 0];
  const startLine = () => { current = { x: lineX, y: lineY, size, gray, runs: [] }; lines.push(current); };
  for (const t of tokens) {
    if (!/^[A-Za-z*]+$/.test(t)) { stack.push(t); continue; }
    const n = (i: number) => Number(stack[stack.length - i]);
    switch (t) {
      case 'BT': lineX = 0; lineY = 0; current = null; break;
      case 'ET': current = null; break;
      case 'Td': lineX += n(2); lineY += n(1); current = null; break;
      case 'TL': leading = n(1); break;
      case 'T': case 'T*': lineY -= leading; current = null; break;
      case 'Tf': font = fonts.get(stack[stack.length - 2]!.slice(1)) ?? ''; size = n(1); break;
      case 'Tr': mode = n(1); break;
      case 'g': gray = n(1); break;
      case 'Tj': {
        const s = stack[stack.length - 1]!;
        const decoded = s.startsWith('<') ? decodeUcs2(s) : s.slice(1, -1).replace(/\\(.)/g, '$1');
        if (!current) startLine();
        const latin = font.startsWith('Helvetica');
        (current as unknown as ReadLine).runs.push({ text: decoded, font: latin ? 'latin' : 'japanese', bold: font === 'Helvetica-Bold' || mode === 2 });
        break;
      }
      case 'm': pen = [n(2), n(1)]; break;
      case 'l': rules.push({ x1: pen[0], y1: pen[1], x2: n(2), y2: n(1) }); pen = [n(2), n(1)]; break;
      case 'cm': matrix = [n(6), n(5), n(4), n(3), n(2), n(1)]; break;
      case 'Do': {
        const pixels = xobjects.get(stack[stack.length - 1]!.slice(1));
        if (pixels) images.push({ x: matrix[4]!, y: matrix[5]!, width: matrix[0]!, height: matrix[3]!, pixels });
        break;
      }
      default: break;
    }
    stack.length = 0;
  }
  return { lines: lines.filter((l) => l.runs.length), rules, images };
}

function decodeUcs2(hex: string): string {
  const h = hex.slice(1, -1);
  let out = '';
  for (let i = 0; i + 4 <= h.length; i += 4) out += String.fromCharCode(parseInt(h.slice(i, i + 4), 16));
  return out;
}
