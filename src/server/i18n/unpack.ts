/**
 * The message catalogue and the bundle's longer non-ASCII string literals (sheet headers, default template texts, form
 * help) travel in dist/Code.js compressed in one block (raw DEFLATE of `blockText`, scripts/pack-catalogue.mjs and
 * scripts/pack-strings.mjs), because every execution loads the whole file and Japanese text costs 3 bytes a character
 * in UTF-8. The block is unpacked in plain JavaScript once per execution, when the first message or packed text is
 * needed — not with Utilities.ungzip, which would be a service call (and one more place to fail) on every run.
 * `inflate` below (~1 KB minified, in place of tiny-inflate's 3.4 KB with webpack's module runtime) inflates; the text
 * encodings are decoded here because Apps Script's V8 has neither atob nor TextDecoder.
 *
 * The compressed bytes are written as printable ASCII, 13 bits in every two characters of the 91 between `!` and `~`
 * other than `"`, `'` and `\` (91² = 8281 ≥ 2¹³): 1.23 characters a byte where base64 takes 1.33. No top-level
 * constant here: a module evaluated before this one may call into it while the bundle loads.
 */

interface Huffman { counts: Uint16Array; symbols: Uint16Array }

/** A canonical Huffman code from each symbol's code length (RFC 1951 §3.2.2), as zlib's puff.c builds it. */
function huffman(lengths: ArrayLike<number>): Huffman {
  const counts = new Uint16Array(16);
  const offsets = new Uint16Array(16);
  for (let s = 0; s < lengths.length; s++) counts[lengths[s]!]!++;
  counts[0] = 0;
  for (let l = 1; l < 16; l++) offsets[l] = offsets[l - 1]! + counts[l - 1]!;
  const symbols = new Uint16Array(lengths.length);
  for (let s = 0; s < lengths.length; s++) if (lengths[s]) symbols[offsets[lengths[s]!]!++] = s;
  return { counts, symbols };
}

/**
 * Raw DEFLATE (RFC 1951: stored, fixed and dynamic Huffman blocks) into `out`, which the packer sized; puff.c's
 * bit-at-a-time decoding, small rather than fast (a few milliseconds for the block). Throws on a malformed stream.
 */
export function inflate(source: Uint8Array, out: Uint8Array): Uint8Array {
  let o = 0;
  let at = 0;
  let held = 0; // bits read from source, not yet used: `count` of them, lowest first
  let count = 0;
  const bits = (n: number): number => {
    for (; count < n; count += 8) held |= source[at++]! << count;
    const v = held & ((1 << n) - 1);
    held >>>= n;
    count -= n;
    return v;
  };
  const decode = (h: Huffman): number => {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let l = 1; l < 16; l++) {
      if (!count) {
        held = source[at++]!;
        count = 8;
      }
      code |= held & 1;
      held >>>= 1;
      count--;
      const n = h.counts[l]!;
      if (code - first < n) return h.symbols[index + code - first]!;
      index += n;
      first = (first + n) << 1;
      code <<= 1;
    }
    throw new Error('inflate: bad code');
  };
  // Length and distance bases and extra bits (RFC 1951 §3.2.5), computed rather than tabled.
  const lengthBase: number[] = [];
  const lengthExtra: number[] = [];
  for (let i = 0, base = 3; i < 29; i++) {
    const extra = i < 8 ? 0 : (i - 4) >> 2;
    lengthBase.push(i < 28 ? base : 258);
    lengthExtra.push(i < 28 ? extra : 0);
    base += 1 << extra;
  }
  const distanceBase: number[] = [];
  const distanceExtra: number[] = [];
  for (let i = 0, base = 1; i < 30; i++) {
    const extra = i < 4 ? 0 : (i - 2) >> 1;
    distanceBase.push(base);
    distanceExtra.push(extra);
    base += 1 << extra;
  }
  let last: number;
  do {
    last = bits(1);
    const type = bits(2);
    if (type === 0) {
      bits(count & 7); // to the byte boundary
      let length = bits(16);
      bits(16);
      while (length--) out[o++] = bits(8);
      continue;
    }
    let literals: Huffman;
    let distances: Huffman;
    if (type === 1) {
      literals = huffman(Array.from({ length: 288 }, (_, s) => (s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8)));
      distances = huffman(new Array<number>(30).fill(5));
    } else if (type === 2) {
      const nLiterals = bits(5) + 257;
      const nDistances = bits(5) + 1;
      const nCodes = bits(4) + 4;
      const codeLengths = new Array<number>(19).fill(0);
      for (let i = 0; i < nCodes; i++) codeLengths[[16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15][i]!] = bits(3);
      const lengthCode = huffman(codeLengths);
      const lengths: number[] = [];
      while (lengths.length < nLiterals + nDistances) {
        const s = decode(lengthCode);
        if (s < 16) lengths.push(s);
        else {
          const repeat = s === 16 ? 3 + bits(2) : s === 17 ? 3 + bits(3) : 11 + bits(7);
          const value = s === 16 ? lengths[lengths.length - 1]! : 0;
          for (let i = 0; i < repeat; i++) lengths.push(value);
        }
      }
      literals = huffman(lengths.slice(0, nLiterals));
      distances = huffman(lengths.slice(nLiterals));
    } else throw new Error('inflate: bad block type');
    for (let s = decode(literals); s !== 256; s = decode(literals)) {
      if (s < 256) out[o++] = s;
      else {
        const length = lengthBase[s - 257]! + bits(lengthExtra[s - 257]!);
        const d = decode(distances);
        const back = distanceBase[d]! + bits(distanceExtra[d]!);
        for (let i = 0; i < length; i++, o++) out[o] = out[o - back]!;
      }
    }
  } while (!last);
  return out;
}

/** The digit of character code `c` (0–90), or −1 for a character outside the alphabet. */
function digit(c: number): number {
  if (c < 0x21 || c > 0x7e || c === 0x22 || c === 0x27 || c === 0x5c) return -1;
  return c - 0x21 - (c > 0x22 ? 1 : 0) - (c > 0x27 ? 1 : 0) - (c > 0x5c ? 1 : 0);
}

/** The alphabet's character for digit `d` (0–90); used by the packer and the tests. */
export function digitChar(d: number): string {
  let c = d + 0x21;
  if (c >= 0x22) c++;
  if (c >= 0x27) c++;
  if (c >= 0x5c) c++;
  return String.fromCharCode(c);
}

/** Bytes → the packed text (the build side; kept here so that the pair is tested together). */
export function bytesToText(bytes: Uint8Array): string {
  let out = '';
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < bytes.length; i++) {
    acc |= bytes[i]! << bits;
    bits += 8;
    if (bits >= 13) {
      const v = acc & 8191;
      acc >>>= 13;
      bits -= 13;
      out += digitChar(v % 91) + digitChar(Math.floor(v / 91));
    }
  }
  if (bits > 0) out += digitChar(acc % 91) + digitChar(Math.floor(acc / 91));
  return out;
}

/** The packed text → its first `length` bytes. */
export function textToBytes(text: string, length: number): Uint8Array {
  const table = new Int16Array(128);
  for (let c = 0; c < 128; c++) table[c] = digit(c);
  const out = new Uint8Array(length);
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; o < length; i += 2) {
    const lo = table[text.charCodeAt(i) & 127]!;
    const hi = table[text.charCodeAt(i + 1) & 127]!;
    if (lo < 0 || hi < 0 || text.charCodeAt(i) > 127 || text.charCodeAt(i + 1) > 127 || i + 1 >= text.length) {
      throw new Error(`packed text: not in the alphabet at ${i}`);
    }
    acc |= (lo + 91 * hi) << bits;
    bits += 13;
    while (bits >= 8 && o < length) {
      out[o++] = acc & 255;
      acc >>>= 8;
      bits -= 8;
    }
  }
  return out;
}

/**
 * The block's text encoding (the build side is `textToCodeBytes`): an ASCII character is one byte; any other UTF-16
 * code unit is two, `0x80 | i` then its low byte, where `i` indexes the table of high bytes the stream starts with
 * (`n`, then the `n` high bytes). Japanese is two bytes a character here where UTF-8 takes three, and DEFLATE packs the
 * shorter stream ~10% smaller.
 */
export function codeBytesToText(bytes: Uint8Array): string {
  // Code units first, then String.fromCharCode over chunks: one concatenation a character made the first unpack of an
  // execution (a cold engine) several times slower.
  const units = new Uint16Array(bytes.length);
  let n = 0;
  for (let i = 1 + bytes[0]!; i < bytes.length; ) {
    const b = bytes[i++]!;
    units[n++] = b < 0x80 ? b : (bytes[1 + (b & 0x7f)]! << 8) | bytes[i++]!;
  }
  let s = '';
  for (let i = 0; i < n; i += 4096) s += String.fromCharCode.apply(null, units.subarray(i, Math.min(n, i + 4096)) as unknown as number[]);
  return s;
}

/** Text → the block's encoding (the build side, kept here so that the pair is tested together). */
export function textToCodeBytes(text: string): Uint8Array {
  const highs: number[] = [];
  const body: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) body.push(c);
    else {
      let h = highs.indexOf(c >> 8);
      if (h < 0) {
        h = highs.push(c >> 8) - 1;
        if (h > 0x7f) throw new Error('packed text: more than 128 distinct high bytes');
      }
      body.push(0x80 | h, c & 0xff);
    }
  }
  return Uint8Array.from([highs.length, ...highs, ...body]);
}

/**
 * The catalogue and the packed texts as one text, the packer's side: the number of keys, the keys, the Japanese
 * sentences, the English ones (each key once rather than per language, and no JSON quoting: ~15% smaller packed), then
 * the texts, separated by U+0001, which no item may hold.
 */
export function blockText(catalogue: { ja: Record<string, string>; en: Record<string, string> }, texts: readonly string[]): string {
  const keys = Object.keys(catalogue.ja);
  const items = [String(keys.length), ...keys, ...keys.map((k) => catalogue.ja[k]!), ...keys.map((k) => catalogue.en[k]!), ...texts];
  const bad = items.find((item) => item.includes('\u0001'));
  if (bad !== undefined) throw new Error(`packed text: U+0001 inside ${JSON.stringify(bad)}`);
  return items.join('\u0001');
}

export interface Block { ja: Record<string, string>; en: Record<string, string>; s: string[] }

/** `compressed`, `size`: the DEFLATE stream's and the encoded items' length in bytes, recorded by the packer. */
export function unpack(text: string, compressed: number, size: number): Block {
  const items = codeBytesToText(inflate(textToBytes(text, compressed), new Uint8Array(size))).split('\u0001');
  const n = +items[0]!;
  const block: Block = { ja: {}, en: {}, s: items.slice(1 + 3 * n) };
  // Under its key and under its index: scripts/pack-strings.mjs writes a key in a `t(lang, 'key')` call as its index.
  for (let i = 1; i <= n; i++) {
    block.ja[items[i]!] = block.ja[i - 1] = items[i + n]!;
    block.en[items[i]!] = block.en[i - 1] = items[i + 2 * n]!;
  }
  return block;
}
