// tiny-inflate 1.0.3 ships no types: https://github.com/foliojs/tiny-inflate (index.js: module.exports = tinf_uncompress).
declare module 'tiny-inflate' {
  /** Inflates raw DEFLATE data from `source` into `dest`, which must be exactly the uncompressed size. */
  export default function inflate(source: Uint8Array, dest: Uint8Array): Uint8Array;
}
