/** Utilities: blobs, CSV, formatString, dates, encodings, sleep. */
import { createHash } from 'node:crypto';
import { GasException, GasObject, Runtime } from './runtime';
import { formatJavaDate } from './format';

export class Blob extends GasObject implements Pick<GoogleAppsScript.Base.Blob, 'getBytes' | 'getDataAsString' | 'getContentType' | 'getName' | 'setName' | 'setContentType' | 'copyBlob'> {
  readonly gasService = 'Utilities';
  readonly gasType = 'Blob';
  constructor(public bytes: Uint8Array, public contentType: string | null, public name: string | null) { super(); }
  getBytes(): number[] { return [...this.bytes].map((b) => (b > 127 ? b - 256 : b)); }
  getDataAsString(charset?: string): string {
    const label = (charset ?? 'UTF-8').toLowerCase().replace(/_/g, '-').replace(/^ms932$|^windows-31j$|^cp932$/, 'shift_jis');
    try {
      return new TextDecoder(label === 'shift-jis' ? 'shift_jis' : label).decode(this.bytes);
    } catch {
      throw new GasException(`Unsupported charset: ${charset}`);
    }
  }
  getContentType(): string | null { return this.contentType; }
  setContentType(contentType: string | null): GoogleAppsScript.Base.Blob { this.contentType = contentType; return this as never; }
  getName(): string | null { return this.name; }
  setName(name: string): GoogleAppsScript.Base.Blob { this.name = name; return this as never; }
  copyBlob(): GoogleAppsScript.Base.Blob { return new Blob(new Uint8Array(this.bytes), this.contentType, this.name) as never; }
  getBlob(): GoogleAppsScript.Base.Blob { return this as never; }
}

function toBytes(data: unknown): Uint8Array {
  if (typeof data === 'string') return new TextEncoder().encode(data);
  if (Array.isArray(data)) return Uint8Array.from(data.map((b: number) => b & 0xff));
  if (data instanceof Uint8Array) return data;
  throw new GasException(`The parameters (${typeof data}) don't match the method signature for Utilities.newBlob.`);
}

/** RFC 4180 CSV as Utilities.parseCsv reads it (quoted fields may hold delimiters, quotes and newlines). */
export function parseCsv(csv: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i]!;
    if (quoted) {
      if (c === '"') {
        if (csv[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && csv[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

/**
 * Utilities.formatString: "sprintf-like string formatting using '%'-style format strings"
 * (https://developers.google.com/apps-script/reference/utilities/utilities#formatString(String,Object...)):
 * flags - + space 0, width, precision, and s d i f e x X o c %.
 */
export function formatString(template: string, args: unknown[]): string {
  let next = 0;
  return String(template).replace(/%([-+ 0#]*)(\d+)?(?:\.(\d+))?([sdifeExXoc%])/g, (whole, flags: string, width?: string, precision?: string, conv?: string) => {
    if (conv === '%') return '%';
    if (next >= args.length) return whole;
    const v = args[next++];
    let out: string;
    let numeric = true;
    const n = Number(v);
    switch (conv) {
      case 's': numeric = false; out = String(v); if (precision !== undefined) out = out.slice(0, Number(precision)); break;
      case 'c': numeric = false; out = typeof v === 'number' ? String.fromCharCode(v) : String(v).charAt(0); break;
      case 'd': case 'i': out = String(Math.trunc(Math.abs(n))); break;
      case 'f': out = Math.abs(n).toFixed(precision === undefined ? 6 : Number(precision)); break;
      case 'e': case 'E': out = Math.abs(n).toExponential(precision === undefined ? 6 : Number(precision)); if (conv === 'E') out = out.toUpperCase(); break;
      case 'x': out = Math.trunc(Math.abs(n)).toString(16); break;
      case 'X': out = Math.trunc(Math.abs(n)).toString(16).toUpperCase(); break;
      default: out = Math.trunc(Math.abs(n)).toString(8);
    }
    let sign = '';
    if (numeric) {
      if (Number.isNaN(n)) { out = 'NaN'; } else if (n < 0 || Object.is(n, -0) && conv !== 'd') sign = n < 0 ? '-' : '';
      if (!sign && flags.includes('+')) sign = '+';
      else if (!sign && flags.includes(' ')) sign = ' ';
    }
    const w = width === undefined ? 0 : Number(width);
    const body = sign + out;
    if (body.length >= w) return body;
    if (flags.includes('-')) return body.padEnd(w, ' ');
    if (numeric && flags.includes('0') && !Number.isNaN(n)) return sign + out.padStart(w - sign.length, '0');
    return body.padStart(w, ' ');
  });
}

/** Per emulator: how many UUIDs it handed out (getUuid is deterministic, so two runs of a scenario match). */
export interface UtilitiesStore { uuids: number }

export function createUtilities(runtime: Runtime, store: UtilitiesStore = { uuids: 0 }) {
  return {
    gasService: 'Utilities',
    gasType: 'Utilities',
    Charset: { UTF_8: 'UTF-8', US_ASCII: 'US-ASCII' },
    DigestAlgorithm: { MD5: 'MD5', SHA_1: 'SHA_1', SHA_256: 'SHA_256', SHA_512: 'SHA_512' },
    formatDate(date: Date, timeZone: string, format: string): string {
      if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new GasException('Invalid argument: date');
      return formatJavaDate(date, timeZone, format);
    },
    parseCsv(csv: string, delimiter?: string): string[][] {
      return parseCsv(csv, delimiter);
    },
    formatString(template: string, ...args: unknown[]): string {
      return formatString(template, args);
    },
    newBlob(data: unknown, contentType?: string, name?: string): Blob {
      return new Blob(toBytes(data), contentType ?? null, name ?? null);
    },
    /**
     * A version-4-shaped UUID (https://developers.google.com/apps-script/reference/utilities/utilities#getUuid()),
     * drawn from a per-emulator sequence rather than randomUUID: unique within an emulator, and the same in two
     * emulators that ran the same steps (the fault and volunteer matrices compare such worlds).
     */
    getUuid(): string {
      const h = createHash('sha256').update(`uuid-${++store.uuids}`).digest('hex');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16]!, 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
    computeDigest(algorithm: string, value: string | number[]): number[] {
      const algo = { MD5: 'md5', SHA_1: 'sha1', SHA_256: 'sha256', SHA_512: 'sha512' }[algorithm] ?? 'sha256';
      const digest = createHash(algo).update(typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(toBytes(value))).digest();
      return [...digest].map((b) => (b > 127 ? b - 256 : b));
    },
    base64Encode(data: string | number[]): string { return Buffer.from(toBytes(data)).toString('base64'); },
    base64Decode(encoded: string): number[] { return [...Buffer.from(encoded, 'base64')].map((b) => (b > 127 ? b - 256 : b)); },
    sleep(milliseconds: number): void { runtime.wait(milliseconds); },
  };
}
