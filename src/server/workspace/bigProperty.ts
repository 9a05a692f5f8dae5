/**
 * A list kept in Document Properties that may outgrow one property value. Google allows 9 KB per value and 500 KB
 * per store (https://developers.google.com/apps-script/guides/services/quotas — "Properties value size 9 KB / val",
 * "Properties total storage 500 KB / property store"); past 9 KB setProperty fails with "Argument too large". The
 * list is split over `key`, `key#1`, `key#2`, … each well under 9 KB, all written in one setProperties call, and
 * read back with one getProperties call — so a resume reads what a failed run left, however long it grew.
 * Chunks stay at 6 KB: a measurement found values refused from about 8 KB with a long key
 * (https://gist.github.com/tanaikech/8b057d10fb5f2af014794e57b021c6aa).
 */
const CHUNK_BYTES = 6 * 1024;

/** UTF-8 size of a string, without a round trip. */
function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

const chunkKey = (key: string, i: number) => (i === 0 ? key : `${key}#${i}`);

/** The chunk keys present for `key`, in order, from one getProperties() snapshot. */
function presentChunks(all: Readonly<Record<string, string>>, key: string): string[] {
  const keys: string[] = [];
  for (let i = 0; chunkKey(key, i) in all; i++) keys.push(chunkKey(key, i));
  return keys;
}

export interface StoredList {
  values: string[];
  /** How many chunk properties hold it now (to delete the extra ones when it shrinks). */
  chunks: number;
}

export function readList(props: GoogleAppsScript.Properties.Properties, key: string): StoredList {
  return listFrom(props.getProperties(), key);
}

/** The list as found in properties the caller already read (getProperties) under the same lock. */
export function listFrom(all: Record<string, string>, key: string): StoredList {
  const keys = presentChunks(all, key);
  const values: string[] = [];
  for (const k of keys) {
    const parsed: unknown = JSON.parse(all[k]!);
    if (Array.isArray(parsed)) values.push(...parsed.map(String));
  }
  return { values, chunks: keys.length };
}

/** The list split into chunks of at most CHUNK_BYTES, as written (each chunk one JSON array). */
export function chunkList(values: readonly string[]): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let size = 2;
  for (const v of values) {
    const add = utf8Length(JSON.stringify(v)) + 1;
    if (current.length && size + add > CHUNK_BYTES) { chunks.push(current); current = []; size = 2; }
    current.push(v);
    size += add;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

export { chunkKey };

/** Replaces the list (an empty list deletes it). One setProperties, plus one deleteProperty per chunk no longer needed. */
export function writeList(props: GoogleAppsScript.Properties.Properties, key: string, values: readonly string[], previousChunks: number): number {
  const chunks = chunkList(values);
  if (chunks.length) props.setProperties(Object.fromEntries(chunks.map((c, i) => [chunkKey(key, i), JSON.stringify(c)])));
  for (let i = chunks.length; i < previousChunks; i++) props.deleteProperty(chunkKey(key, i));
  return chunks.length;
}
