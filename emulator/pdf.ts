import { deflateSync } from 'node:zlib';
import type { GreyImage } from './gif';
import type { PdfItem } from './render-html';

/**
 * A small, valid PDF of lines of text (A4, Japanese through the standard Adobe-Japan1 font HeiseiKakuGo-W5
 * with the UniJIS-UCS2-H encoding, which PDF readers supply). Enough for the emulated Docs → PDF export.
 */
const PAGE_W = 595;
const PAGE_H = 842;
const MARGIN = 56;
const SIZE = 10.5;
const LEADING = 17;

function charWidth(ch: string): number {
  return ch.charCodeAt(0) < 0x80 || (ch >= '\uff61' && ch <= '\uff9f') ? 0.5 : 1;
}

/** Breaks a line so that it fits the text width. */
export function wrap(line: string, maxEm = (PAGE_W - 2 * MARGIN) / SIZE): string[] {
  const out: string[] = [];
  let current = '';
  let width = 0;
  for (const ch of line) {
    const w = charWidth(ch);
    if (width + w > maxEm && current) { out.push(current); current = ''; width = 0; }
    current += ch;
    width += w;
  }
  out.push(current);
  return out;
}

function hexUcs2(s: string): string {
  let hex = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    hex += (code > 0xffff || (code < 0x20 && code !== 0x09) ? 0x3013 /* 〓 */ : code).toString(16).padStart(4, '0');
  }
  return `<${hex}>`;
}

export function buildPdf(items: readonly PdfItem[], title: string): Uint8Array {
  // Laid out top to bottom: a text line takes LEADING, a picture its height (Docs sizes in pixels, 0.75 pt each), a
  // page break or a full page starts the next page.
  type Placed = { text: string; y: number } | { image: GreyImage; y: number; w: number; h: number };
  const pages: Placed[][] = [[]];
  let y = PAGE_H - MARGIN;
  const newPage = () => { pages.push([]); y = PAGE_H - MARGIN; };
  for (const item of items) {
    if (typeof item === 'string') {
      for (const line of wrap(item)) {
        if (y - LEADING < MARGIN) newPage();
        pages[pages.length - 1]!.push({ text: line, y });
        y -= LEADING;
      }
    } else if ('pageBreak' in item) newPage();
    else {
      const w = Math.min(PAGE_W - 2 * MARGIN, item.width * 0.75);
      const h = item.width ? (item.height * w) / item.width : 0;
      if (y - h < MARGIN && pages[pages.length - 1]!.length) newPage();
      pages[pages.length - 1]!.push({ image: item.image, y: y - h, w, h });
      y -= h + LEADING / 2;
    }
  }
  if (pages.length > 1 && pages[pages.length - 1]!.length === 0) pages.pop();

  const objects: string[] = [];
  const add = (body: string) => { objects.push(body); return objects.length; };
  const catalog = add('');
  const pagesObj = add('');
  const font = add('');
  const cidFont = add('');
  const descriptor = add('');
  objects[font - 1] = `<< /Type /Font /Subtype /Type0 /BaseFont /HeiseiKakuGo-W5 /Encoding /UniJIS-UCS2-H /DescendantFonts [${cidFont} 0 R] >>`;
  objects[cidFont - 1] = `<< /Type /Font /Subtype /CIDFontType0 /BaseFont /HeiseiKakuGo-W5 /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 2 >> /FontDescriptor ${descriptor} 0 R /DW 1000 /W [1 95 500 231 389 500] >>`;
  objects[descriptor - 1] = '<< /Type /FontDescriptor /FontName /HeiseiKakuGo-W5 /Flags 4 /FontBBox [-92 -250 1010 922] /ItalicAngle 0 /Ascent 752 /Descent -271 /CapHeight 737 /StemV 116 >>';
  const kids: number[] = [];
  for (const page of pages) {
    let stream = '';
    const images: string[] = [];
    for (const p of page) {
      if ('text' in p) {
        stream += `BT /F1 ${SIZE} Tf 1 0 0 1 ${MARGIN} ${p.y.toFixed(2)} Tm ${hexUcs2(p.text)} Tj ET\n`;
        continue;
      }
      const data = deflateSync(Buffer.from(p.image.grey)).toString('latin1');
      const id = add(`<< /Type /XObject /Subtype /Image /Width ${p.image.width} /Height ${p.image.height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${data.length} >>\nstream\n${data}\nendstream`);
      images.push(`/Im${id} ${id} 0 R`);
      stream += `q ${p.w.toFixed(2)} 0 0 ${p.h.toFixed(2)} ${((PAGE_W - p.w) / 2).toFixed(2)} ${p.y.toFixed(2)} cm /Im${id} Do Q\n`;
    }
    const content = add(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`);
    const xobjects = images.length ? ` /XObject << ${images.join(' ')} >>` : '';
    kids.push(add(`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] /Resources << /Font << /F1 ${font} 0 R >>${xobjects} >> /Contents ${content} 0 R >>`));
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  const info = add(`<< /Title <feff${hexUcs2(title).slice(1, -1)}> /Producer (shuro-network emulator) >>`);

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
