/**
 * Request tokens (確認コード) for many records from one draw of Google's randomness (issue 18: a run's calls do not grow
 * with its agencies). Each token is HMAC-SHA-256(secret, identity:context:n), 128 bits of it shaped as a version-4
 * UUID (the shape Utilities.getUuid gave before, which the answers are matched against as typed). The secret is one
 * Utilities.getUuid per run — "equivalent to using java.util.UUID.randomUUID()"
 * (https://developers.google.com/apps-script/reference/utilities/utilities#getUuid()), which is "generated using a
 * cryptographically strong pseudo random number generator"
 * (https://docs.oracle.com/javase/8/docs/api/java/util/UUID.html#randomUUID--): 122 random bits, as many as a token
 * carries, so a second draw would add nothing. It is never stored: one agency holding its own token learns nothing of
 * another's (HMAC is a pseudo-random function of its key). A counter or Math.random would not do (the one predictable,
 * the other not a cryptographic generator), and Apps Script's V8 has no Web Crypto: it runs V8 alone
 * (https://developers.google.com/apps-script/guides/v8-runtime), and SubtleCrypto/getRandomValues belong to the
 * browser, not to V8 (https://github.com/denoland/deno/issues/3538). Utilities.computeHmacSha256Signature would be one
 * call per token.
 */

const K: number[] = [];
const H0: number[] = [];
const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

/** SHA-256 (FIPS 180-4) of bytes. */
export function sha256(message: readonly number[]): number[] {
  if (!K.length) {
    // The round constants and initial hash: the first 32 bits of the fractional parts of the cube (square) roots of
    // the first 64 (8) primes (FIPS 180-4 §4.2.2, §5.3.3); the test vectors prove them.
    const frac = (x: number) => ((x - Math.floor(x)) * 2 ** 32) | 0;
    for (let p = 2; K.length < 64; p++) {
      let prime = true;
      for (let d = 2; d * d <= p; d++) if (p % d === 0) prime = false;
      if (!prime) continue;
      if (H0.length < 8) H0.push(frac(Math.sqrt(p)));
      K.push(frac(Math.cbrt(p)));
    }
  }
  const bytes = [...message, 0x80];
  while (bytes.length % 64 !== 56) bytes.push(0);
  const bits = message.length * 8;
  const high = Math.floor(bits / 2 ** 32);
  for (const word of [high, bits >>> 0]) bytes.push(word >>> 24, (word >>> 16) & 255, (word >>> 8) & 255, word & 255);
  const H = H0.slice();
  const w: number[] = [];
  for (let j = 0; j < bytes.length; j += 64) {
    for (let i = 0; i < 64; i++) {
      w[i] = i < 16
        ? (bytes[j + 4 * i]! << 24) | (bytes[j + 4 * i + 1]! << 16) | (bytes[j + 4 * i + 2]! << 8) | bytes[j + 4 * i + 3]!
        : (rotr(w[i - 2]!, 17) ^ rotr(w[i - 2]!, 19) ^ (w[i - 2]! >>> 10)) + w[i - 7]! + (rotr(w[i - 15]!, 7) ^ rotr(w[i - 15]!, 18) ^ (w[i - 15]! >>> 3)) + w[i - 16]! | 0;
    }
    let [a, b, c, d, e, f, g, h] = H as [number, number, number, number, number, number, number, number];
    for (let i = 0; i < 64; i++) {
      const t1 = (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    [a, b, c, d, e, f, g, h].forEach((x, i) => (H[i] = (H[i]! + x) | 0));
  }
  return H.flatMap((x) => [x >>> 24, (x >>> 16) & 255, (x >>> 8) & 255, x & 255]);
}

/** UTF-8 bytes of a string. */
export const utf8 = (s: string): number[] => [...encodeURIComponent(s).replace(/%(..)/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))].map((c) => c.charCodeAt(0));

/** HMAC-SHA-256 (RFC 2104) of bytes under a key. */
export function hmacSha256(key: readonly number[], message: readonly number[]): number[] {
  const k = key.length > 64 ? sha256(key) : [...key];
  while (k.length < 64) k.push(0);
  return sha256([...k.map((x) => x ^ 0x5c), ...sha256([...k.map((x) => x ^ 0x36), ...message])]);
}

/**
 * One run's token maker: the secret is drawn (once) when the first token is asked for; each token is keyed by the
 * record's identity, the run's context (e.g. the date) and a counter, so no two tokens of a run share an input.
 */
export function runTokens(drawSecret: () => string, context: string): (identity: string) => string {
  let key: number[] | undefined;
  let n = 0;
  return (identity) => {
    key ??= utf8(drawSecret());
    const hex = hmacSha256(key, utf8(`${identity}:${context}:${n++}`)).slice(0, 16)
      // version 4, variant 10 (RFC 4122 §4.4), as getUuid's tokens were
      .map((x, i) => (i === 6 ? (x & 15) | 64 : i === 8 ? (x & 63) | 128 : x).toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}
