/**
 * The message catalogue travels in dist/Code.js compressed (raw DEFLATE, base64; scripts/pack-catalogue.mjs packs it),
 * because every execution loads the whole file and the two languages' sentences were its largest part. It is unpacked
 * in plain JavaScript on the first message an execution renders — not with Utilities.ungzip, which would be a service
 * call (and one more place to fail) on every run — so an execution that shows no message never pays for it.
 * tiny-inflate (3.5 KB, MIT, one function, no dependencies) inflates; base64 and UTF-8 are decoded here because Apps
 * Script's V8 has neither atob nor TextDecoder.
 */
import inflate from 'tiny-inflate';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function base64ToBytes(b64: string): Uint8Array {
  const clean = b64.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    const v = ALPHABET.indexOf(clean.charAt(i));
    if (v < 0) throw new Error(`packed catalogue: not base64 at ${i}`);
    value = ((value << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 0xff;
    }
  }
  return out;
}

export function utf8ToString(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i++]!;
    let cp: number;
    if (b < 0x80) cp = b;
    else if (b < 0xe0) cp = ((b & 0x1f) << 6) | (bytes[i++]! & 0x3f);
    else if (b < 0xf0) cp = ((b & 0x0f) << 12) | ((bytes[i++]! & 0x3f) << 6) | (bytes[i++]! & 0x3f);
    else cp = ((b & 0x07) << 18) | ((bytes[i++]! & 0x3f) << 12) | ((bytes[i++]! & 0x3f) << 6) | (bytes[i++]! & 0x3f);
    s += String.fromCodePoint(cp);
  }
  return s;
}

/** `size`: the uncompressed length in bytes, recorded by the packer (tiny-inflate writes into a buffer of that size). */
export function unpack<T>(b64: string, size: number): T {
  return JSON.parse(utf8ToString(inflate(base64ToBytes(b64), new Uint8Array(size)))) as T;
}
