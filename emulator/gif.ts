/**
 * Reads a GIF's first frame into grey levels (0 black … 255 white), for the emulated Docs → PDF export and the tests
 * that scan a generated QR code. The LZW decoder follows the GIF89a specification (variable code width from the
 * minimum code size + 1 up to 12 bits, clear and end codes); interlacing and local colour tables are handled.
 */
export interface GreyImage { width: number; height: number; grey: Uint8Array }

export function isGif(bytes: Uint8Array): boolean {
  const magic = String.fromCharCode(...bytes.subarray(0, 6));
  return magic === 'GIF89a' || magic === 'GIF87a';
}

export function decodeGif(bytes: Uint8Array): GreyImage {
  if (!isGif(bytes)) throw new Error('not a GIF');
  const u16 = (i: number) => bytes[i]! | (bytes[i + 1]! << 8);
  const width = u16(6);
  const height = u16(8);
  let p = 13;
  const readTable = (flags: number): number[][] => {
    const n = 2 << (flags & 7);
    const table: number[][] = [];
    for (let i = 0; i < n; i++) table.push([bytes[p + 3 * i]!, bytes[p + 3 * i + 1]!, bytes[p + 3 * i + 2]!]);
    p += 3 * n;
    return table;
  };
  let palette = bytes[10]! & 0x80 ? readTable(bytes[10]!) : [];
  while (p < bytes.length) {
    const tag = bytes[p]!;
    if (tag === 0x21) { // extension: skip its sub-blocks
      p += 2;
      while (bytes[p]! !== 0) p += bytes[p]! + 1;
      p++;
      continue;
    }
    if (tag !== 0x2c) throw new Error(`unexpected GIF block 0x${tag.toString(16)}`);
    const [left, top, w, h, flags] = [u16(p + 1), u16(p + 3), u16(p + 5), u16(p + 7), bytes[p + 9]!];
    p += 10;
    if (flags & 0x80) palette = readTable(flags);
    const minSize = bytes[p++]!;
    const data: number[] = [];
    while (bytes[p]! !== 0) { data.push(...bytes.subarray(p + 1, p + 1 + bytes[p]!)); p += bytes[p]! + 1; }
    const indices = unlzw(data, minSize, w * h);
    const grey = new Uint8Array(width * height).fill(255);
    const rows = flags & 0x40 ? interlacedRows(h) : [...Array(h).keys()];
    rows.forEach((y, i) => {
      for (let x = 0; x < w; x++) {
        const c = palette[indices[i * w + x] ?? 0] ?? [255, 255, 255];
        grey[(top + y) * width + left + x] = Math.round(0.299 * c[0]! + 0.587 * c[1]! + 0.114 * c[2]!);
      }
    });
    return { width, height, grey };
  }
  throw new Error('GIF without an image');
}

function interlacedRows(h: number): number[] {
  const rows: number[] = [];
  for (const [start, step] of [[0, 8], [4, 8], [2, 4], [1, 2]] as const) for (let y = start; y < h; y += step) rows.push(y);
  return rows;
}

function unlzw(data: number[], minSize: number, count: number): number[] {
  const clear = 1 << minSize;
  const end = clear + 1;
  let size = minSize + 1;
  let dict: number[][] = [];
  const reset = () => { dict = []; for (let i = 0; i < clear; i++) dict.push([i]); dict.push([], []); size = minSize + 1; };
  reset();
  const out: number[] = [];
  let prev: number[] | null = null;
  let bitPos = 0;
  while (out.length < count) {
    let code = 0;
    for (let i = 0; i < size; i++, bitPos++) {
      const byte = data[bitPos >> 3];
      if (byte === undefined) return out;
      code |= ((byte >> (bitPos & 7)) & 1) << i;
    }
    if (code === clear) { reset(); prev = null; continue; }
    if (code === end) break;
    let entry: number[];
    if (code < dict.length) entry = dict[code]!;
    else if (code === dict.length && prev) entry = [...prev, prev[0]!];
    else throw new Error(`bad LZW code ${code}`);
    out.push(...entry);
    if (prev && dict.length < 4096) dict.push([...prev, entry[0]!]);
    if (dict.length === 1 << size && size < 12) size++;
    prev = entry;
  }
  return out;
}
