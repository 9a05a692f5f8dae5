/**
 * The message catalogue and the bundle's longer non-ASCII string literals (sheet headers, default template texts, form
 * help) travel in dist/Code.js compressed in one block (raw DEFLATE of their JSON, scripts/pack-catalogue.mjs and
 * scripts/pack-strings.mjs), because every execution loads the whole file and Japanese text costs 3 bytes a character
 * in UTF-8. The block is unpacked in plain JavaScript once per execution, when the first message or packed text is
 * needed — not with Utilities.ungzip, which would be a service call (and one more place to fail) on every run.
 * tiny-inflate (3.5 KB, MIT, one function, no dependencies) inflates; the text encoding and UTF-8 are decoded here
 * because Apps Script's V8 has neither atob nor TextDecoder.
 *
 * The compressed bytes are written as printable ASCII, 13 bits in every two characters of the 91 between `!` and `~`
 * other than `"`, `'` and `\` (91² = 8281 ≥ 2¹³): 1.23 characters a byte where base64 takes 1.33. No top-level
 * constant here: a module evaluated before this one may call into it while the bundle loads.
 */
import inflate from 'tiny-inflate';

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

export function utf8ToString(bytes: Uint8Array): string {
  // Code units first, then String.fromCharCode over chunks: one concatenation a character made the first unpack of an
  // execution (a cold engine) several times slower.
  const units = new Uint16Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i++]!;
    let cp: number;
    if (b < 0x80) cp = b;
    else if (b < 0xe0) cp = ((b & 0x1f) << 6) | (bytes[i++]! & 0x3f);
    else if (b < 0xf0) cp = ((b & 0x0f) << 12) | ((bytes[i++]! & 0x3f) << 6) | (bytes[i++]! & 0x3f);
    else cp = ((b & 0x07) << 18) | ((bytes[i++]! & 0x3f) << 12) | ((bytes[i++]! & 0x3f) << 6) | (bytes[i++]! & 0x3f);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      units[n++] = 0xd800 + (cp >> 10);
      units[n++] = 0xdc00 + (cp & 0x3ff);
    } else units[n++] = cp;
  }
  let s = '';
  for (let i = 0; i < n; i += 4096) s += String.fromCharCode.apply(null, units.subarray(i, Math.min(n, i + 4096)) as unknown as number[]);
  return s;
}

/** `compressed`, `size`: the DEFLATE stream's and the JSON's length in bytes, recorded by the packer. */
export function unpack<T>(text: string, compressed: number, size: number): T {
  return JSON.parse(utf8ToString(inflate(textToBytes(text, compressed), new Uint8Array(size)))) as T;
}
