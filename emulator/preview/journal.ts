/**
 * The preview's memory across restarts: a journal of what the user did (cell edits, menu commands, sidebar RPCs,
 * form answers), one line each, under .preview-state/. On start the preview builds a fresh emulator with the
 * seed data and replays the journal through the current build.
 *
 * Why a journal and not snapshots: the emulator's stores (sheets, forms, documents, calendars, properties,
 * triggers) grow with every feature, and a snapshot format would have to follow each of them; a journal only needs
 * the user's actions, which are few and stable, and a replay runs them through today's code, so a fixed bug stays
 * fixed in the restored state. Replays are deterministic: the clock is set to each action's recorded time and
 * randomness is seeded (see seedRandomness).
 *
 * Format (version 2): every line is `CHECKSUM<TAB>JSON`, the checksum being the first 16 hex digits of the SHA-256
 * of the JSON text. The first line is the header. An append always starts on a fresh line (a line torn by a crash
 * is closed first), so a torn or corrupt line costs only itself: it is skipped, counted and reported with its line
 * number, and the rest replays. A version-1 journal (plain JSON lines, no checksums) is accepted and migrated: the
 * old file is kept beside as journal.v1.jsonl. A header that cannot be read sets the whole file aside
 * (journal.broken-<time>.jsonl) and the preview starts afresh — never a stack trace.
 */
import { closeSync, existsSync, fstatSync, fsyncSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { seeded } from '../timeline';
import type { Notice } from './notices';

/** The user's selection in the grid (Spreadsheet.getActiveSheet / getActiveRange), which some commands act on. */
export interface Selection { sheet: string; row: number; column: number }

export type Action =
  | { kind: 'cell'; sheet: string; row: number; column: number; text: string }
  | { kind: 'menu'; functionName: string; selection?: Selection }
  | { kind: 'rpc'; name: string; args: unknown[]; selection?: Selection }
  | { kind: 'submit'; formId: string; answers: unknown }
  /** 「40 人が1分以内に送信」 on the forms page (burst.ts). */
  | { kind: 'burst'; formId: string; n: number }
  /** The メール page's clock control: time moves to `to` (ISO), the time-driven triggers firing on the way. */
  | { kind: 'clock'; to: string };

export interface Header {
  kind: 'seed';
  version: 1 | 2;
  /** Emulated time of the seed; each action's `at` is later. */
  at: string;
  /** The registry seed (--agencies FILE.csv), base64, or absent for the demo list. */
  agenciesCsv?: string;
  agenciesFile?: string;
  /** Which of the seed's scenarios the preview started from (absent in journals written before scenarios). */
  scenario?: string;
}

/** `failed`: the action failed when the user did it (e.g. an answer the form refused); its replay may fail too. */
export type Entry = Action & { at: string; failed?: true };

/** An entry and the journal line it came from (1-based, the header being line 1), for messages. */
export interface JournalLine { line: number; entry: Entry }

export interface JournalRead {
  header: Header;
  entries: JournalLine[];
  /** Lines that were torn or corrupt and were skipped. */
  skipped: number[];
  /** What was done to the file, for the start message (a migration, a file set aside); worded by notices.ts. */
  notices: Notice[];
}

export function checksum(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
}

function encode(value: unknown): string {
  const text = JSON.stringify(value);
  return `${checksum(text)}\t${text}\n`;
}

/** A version-2 line → its JSON value, or undefined when torn or corrupt. */
function decode(line: string): unknown {
  const tab = line.indexOf('\t');
  if (tab !== 16) return undefined;
  const text = line.slice(tab + 1);
  if (checksum(text) !== line.slice(0, tab)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isHeader(v: unknown): v is Header {
  const h = v as Header | null;
  return typeof h === 'object' && h !== null && h.kind === 'seed' && (h.version === 1 || h.version === 2) && typeof h.at === 'string' && !Number.isNaN(Date.parse(h.at));
}

const KINDS = new Set(['cell', 'menu', 'rpc', 'submit', 'burst', 'clock']);
function isEntry(v: unknown): v is Entry {
  const e = v as Entry | null;
  return typeof e === 'object' && e !== null && KINDS.has(e.kind) && typeof e.at === 'string' && !Number.isNaN(Date.parse(e.at));
}

export class Journal {
  readonly file: string;
  constructor(readonly dir: string) {
    this.file = path.join(dir, 'journal.jsonl');
  }

  exists(): boolean {
    return existsSync(this.file);
  }

  reset(): void {
    rmSync(this.file, { force: true });
  }

  start(header: Header): void {
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(this.file, encode({ ...header, version: 2 }));
  }

  /**
   * The header and the entries that can be replayed. Returns null when the header cannot be read: the file has
   * then been set aside (its name in `notices` of the next start) and the caller starts afresh.
   */
  read(): JournalRead | { header: null; notices: Notice[] } {
    const text = readFileSync(this.file, 'utf8');
    const lines = text.split('\n');
    const firstIndex = lines.findIndex((l) => l.trim() !== '');
    const first = firstIndex >= 0 ? lines[firstIndex]! : '';
    let version: 1 | 2 | null = null;
    let header: Header | null = null;
    const v2 = decode(first);
    if (isHeader(v2)) {
      header = v2;
      version = 2;
    } else {
      try {
        const v1 = JSON.parse(first) as unknown;
        if (isHeader(v1) && v1.version === 1) {
          header = v1;
          version = 1;
        }
      } catch {
        // not a version-1 header either
      }
    }
    if (!header || version === null) {
      const aside = this.setAside('broken');
      return {
        header: null,
        notices: [{ kind: 'brokenHeader', file: path.basename(aside) }],
      };
    }
    const entries: JournalLine[] = [];
    const skipped: number[] = [];
    lines.forEach((raw, i) => {
      if (i <= firstIndex || raw.trim() === '') return;
      let value: unknown;
      if (version === 2) value = decode(raw);
      else {
        try {
          value = JSON.parse(raw);
        } catch {
          value = undefined;
        }
      }
      if (isEntry(value)) entries.push({ line: i + 1, entry: value });
      else skipped.push(i + 1);
    });
    const notices: Notice[] = [];
    if (version === 1) {
      // Migrate: the old file stays beside; the new one holds the same header and the entries that could be read.
      const kept = path.join(this.dir, 'journal.v1.jsonl');
      renameSync(this.file, kept);
      writeFileSync(this.file, encode({ ...header, version: 2 }) + entries.map((e) => encode(e.entry)).join(''));
      notices.push({ kind: 'migrated', file: path.basename(kept) });
    }
    return { header, entries, skipped, notices };
  }

  /** Renames the journal to journal.<label>-<time>.jsonl beside it; returns the new path. */
  setAside(label: string): string {
    const aside = path.join(this.dir, `journal.${label}-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`);
    renameSync(this.file, aside);
    return aside;
  }

  /**
   * Rewrites every entry (the header kept; lines that cannot be read are dropped, since they may hold what is being
   * rewritten away), into a new file renamed over the old one — no copy of the old content is kept.
   */
  rewrite(map: (entry: Entry) => Entry): void {
    const read = this.read();
    if (!read.header) return;
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, encode({ ...read.header, version: 2 }) + read.entries.map((e) => encode(map(e.entry))).join(''));
    const fd = openSync(tmp, 'r');
    try { fsyncSync(fd); } finally { closeSync(fd); }
    renameSync(tmp, this.file);
  }

  /** Appends one entry, on a line of its own even after a torn write, and flushes it to disk. */
  append(entry: Entry): void {
    const fd = openSync(this.file, 'a+');
    try {
      const size = fstatSync(fd).size;
      let prefix = '';
      if (size > 0) {
        const last = Buffer.alloc(1);
        readSync(fd, last, 0, 1, size - 1);
        if (last[0] !== 0x0a) prefix = '\n';
      }
      writeSync(fd, prefix + encode(entry));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}



/**
 * Emulator ids come from Math.random and crypto.randomUUID (Utilities.getUuid, document ids). Seeding both in the
 * preview process makes a replay hand out the same ids as the original run, so journaled actions that name a form
 * or a document still find it.
 */
const originalRandom = Math.random;
// The module object itself (not an ES namespace copy), so the emulator's own import sees the replacement.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeCrypto = require('node:crypto') as { randomUUID: () => string };
const originalUuid = nodeCrypto.randomUUID;

/** Puts back the process's own randomness (for tests that create sessions). */
export function restoreRandomness(): void {
  Math.random = originalRandom;
  nodeCrypto.randomUUID = originalUuid;
}

export function seedRandomness(seed = 20250401): void {
  const next = seeded(seed); // mulberry32, as the burst harness uses: repeatable ids
  Math.random = next;
  const hex = () => Math.floor(next() * 16).toString(16);
  nodeCrypto.randomUUID = () => {
    const s = Array.from({ length: 32 }, hex);
    s[12] = '4';
    s[16] = ((parseInt(s[16]!, 16) & 0x3) | 0x8).toString(16);
    const j = s.join('');
    return `${j.slice(0, 8)}-${j.slice(8, 12)}-${j.slice(12, 16)}-${j.slice(16, 20)}-${j.slice(20)}`;
  };
}
