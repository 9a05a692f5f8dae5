/**
 * The preview's memory across restarts: a journal of what the user did (cell edits, menu commands, sidebar RPCs,
 * form answers), one JSON line each, under .preview-state/. On start the preview builds a fresh emulator with the
 * seed data and replays the journal through the current build.
 *
 * Why a journal and not snapshots: the emulator's stores (sheets, forms, documents, calendars, properties,
 * triggers) grow with every feature, and a snapshot format would have to follow each of them; a journal only needs
 * the user's actions, which are few and stable, and a replay runs them through today's code, so a fixed bug stays
 * fixed in the restored state. Replays are deterministic: the clock is set to each action's recorded time and
 * randomness is seeded (see seedRandomness).
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** The user's selection in the grid (Spreadsheet.getActiveSheet / getActiveRange), which some commands act on. */
export interface Selection { sheet: string; row: number; column: number }

export type Action =
  | { kind: 'cell'; sheet: string; row: number; column: number; text: string }
  | { kind: 'menu'; functionName: string; selection?: Selection }
  | { kind: 'rpc'; name: string; args: unknown[]; selection?: Selection }
  | { kind: 'submit'; formId: string; answers: unknown }
  /** 「40 人が1分以内に送信」 on the forms page (burst.ts). */
  | { kind: 'burst'; formId: string; n: number };

export interface Header {
  kind: 'seed';
  version: 1;
  /** Emulated time of the seed; each action's `at` is later. */
  at: string;
  /** The registry seed (--agencies FILE.csv), base64, or absent for the demo list. */
  agenciesCsv?: string;
  agenciesFile?: string;
}

/** `failed`: the action failed when the user did it (e.g. an answer the form refused); its replay may fail too. */
export type Entry = Action & { at: string; failed?: true };

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
    writeFileSync(this.file, `${JSON.stringify(header)}\n`);
  }

  read(): { header: Header; entries: Entry[] } {
    const lines = readFileSync(this.file, 'utf8').split('\n').filter((l) => l.trim() !== '');
    const header = JSON.parse(lines[0] ?? '{}') as Header;
    if (header.kind !== 'seed' || header.version !== 1) throw new Error(`${this.file} is not a preview journal; start with --reset`);
    const entries: Entry[] = [];
    for (const line of lines.slice(1)) {
      try {
        entries.push(JSON.parse(line) as Entry);
      } catch {
        // A line cut short by a crash is the last one; what came before still replays.
      }
    }
    return { header, entries };
  }

  append(entry: Entry): void {
    appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
  }
}

/** mulberry32: small, fast and good enough to make ids repeatable. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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
  const next = prng(seed);
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
