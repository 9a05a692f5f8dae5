/**
 * QR codes made offline, inside Apps Script: the modules come from lean-qr's "nano" build (MIT, ~3.7 KB minified,
 * ISO 18004; chosen over qrcode-generator (21 KB) and @paulmillr's qr (13 KB with its GIF writer) for the bundle
 * budget, see the commit message), and the picture is a two-colour GIF written here. GIF because DocumentApp takes an
 * image blob (Body.appendImage, https://developers.google.com/apps-script/reference/document/body#appendImage(BlobSource))
 * and Docs stores PNG, JPEG or GIF ("must be in one of PNG, JPEG, or GIF formats",
 * https://developers.google.com/docs/api/reference/rest/v1/documents/request#insertinlineimagerequest); a GIF needs
 * only LZW, which is a few lines, where PNG needs deflate and CRC tables. Pure: bytes out, no Apps Script global.
 */
import { generate } from 'lean-qr/nano';

/** Dark modules as rows of booleans, without the quiet zone. Error correction M: a printed code survives a smudge. */
export function qrModules(text: string): boolean[][] {
  const code = withTextEncoder(() => generate(text, { minCorrectionLevel: 1 as never }));
  const rows: boolean[][] = [];
  for (let y = 0; y < code.size; y++) {
    const row: boolean[] = [];
    for (let x = 0; x < code.size; x++) row.push(code.get(x, y));
    rows.push(row);
  }
  return rows;
}

/** The code as a GIF: `scale` pixels per module and the 4-module quiet zone the standard asks for. */
export function qrGif(text: string, scale = 6): Uint8Array {
  const modules = qrModules(text);
  const side = (modules.length + 8) * scale;
  const pixels = new Uint8Array(side * side);
  for (let y = 0; y < side; y++) {
    const row = modules[Math.floor(y / scale) - 4];
    for (let x = 0; x < side; x++) pixels[y * side + x] = row?.[Math.floor(x / scale) - 4] ? 1 : 0;
  }
  const out: number[] = [];
  const word = (n: number) => out.push(n & 255, n >> 8);
  out.push(0x47, 0x49, 0x46, 0x38, 0x39, 0x61); // GIF89a
  word(side); word(side);
  out.push(0x80, 0, 0, 255, 255, 255, 0, 0, 0); // global table of 2 colours: white, black
  out.push(0x2c); word(0); word(0); word(side); word(side); out.push(0);
  out.push(2); // LZW minimum code size
  const data = lzw(pixels, 2);
  for (let i = 0; i < data.length; i += 255) {
    const block = data.slice(i, i + 255);
    out.push(block.length, ...block);
  }
  out.push(0, 0x3b);
  return Uint8Array.from(out);
}

/** GIF's variable-width LZW (codes packed least significant bit first), restarting its table when full. */
function lzw(pixels: Uint8Array, minSize: number): number[] {
  const clear = 1 << minSize;
  const end = clear + 1;
  const bytes: number[] = [];
  let bits = 0;
  let nbits = 0;
  let size = minSize + 1;
  let next = end + 1;
  let table = new Map<number, number>();
  const emit = (code: number) => {
    bits |= code << nbits;
    nbits += size;
    while (nbits >= 8) { bytes.push(bits & 255); bits >>>= 8; nbits -= 8; }
  };
  emit(clear);
  let prefix = pixels[0] ?? 0;
  for (let i = 1; i < pixels.length; i++) {
    const k = pixels[i]!;
    const key = (prefix << 8) | k;
    const found = table.get(key);
    if (found !== undefined) { prefix = found; continue; }
    emit(prefix);
    if (next === 4096) {
      emit(clear);
      table = new Map();
      next = end + 1;
      size = minSize + 1;
    } else {
      if (next >= 1 << size) size++;
      table.set(key, next++);
    }
    prefix = k;
  }
  emit(prefix);
  emit(end);
  if (nbits > 0) bytes.push(bits & 255);
  return bytes;
}

/**
 * lean-qr encodes its text with `new TextEncoder()`, which Apps Script's V8 does not define (a Web API, not
 * ECMAScript; server-side scripts report "ReferenceError: TextEncoder is not defined",
 * https://github.com/enuchi/React-Google-Apps-Script/issues/217 — a community report, no Google page says it; the
 * emulator has none either). A UTF-8 encoder stands in for the call, and is removed afterwards so the
 * global scope is as Google gives it.
 */
function withTextEncoder<T>(work: () => T): T {
  const g = globalThis as { TextEncoder?: unknown };
  if (typeof g.TextEncoder !== 'undefined') return work();
  g.TextEncoder = class { encode(s: string): Uint8Array { return utf8(s); } };
  try {
    return work();
  } finally {
    delete g.TextEncoder;
  }
}

export function utf8(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}
