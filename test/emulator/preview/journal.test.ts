/**
 * The journal survives what a crash or a stray edit leaves behind (issue 21): a torn last line, a corrupt line in
 * the middle, a broken header, and a journal written before checksums.
 */
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PreviewSession } from '../../../emulator/preview/session';
import { checksum, Journal, restoreRandomness } from '../../../emulator/preview/journal';
import { DEMO_NOW } from '../../../scripts/demo/context';

afterEach(() => restoreRandomness());

const freshDir = () => mkdtempSync(path.join(os.tmpdir(), 'preview-journal-'));
const file = (dir: string) => path.join(dir, 'journal.jsonl');
const started = (dir: string) => {
  const log: string[] = [];
  const s = new PreviewSession({ stateDir: dir, log: (l) => log.push(l) });
  const { replayed } = s.start();
  return { s, log, replayed };
};
const phone = (s: PreviewSession, row: number) => s.sheet('団体')!.getRange(row, phoneColumn(s)).getDisplayValue();
const phoneColumn = (s: PreviewSession) => s.sheet('団体')!.getRange(1, 1, 1, 20).getValues()[0]!.indexOf('電話') + 1;

/** A session that typed three phone numbers, one journal line each (lines 2, 3, 4). */
function threeEdits(dir: string): void {
  const { s } = started(dir);
  const c = phoneColumn(s);
  for (const [row, text] of [[2, '03-1111-0002'], [3, '03-1111-0003'], [4, '03-1111-0004']] as const) {
    expect(s.act({ kind: 'cell', sheet: '団体', row, column: c, text }).ok).toBe(true);
  }
  restoreRandomness();
}

test('every line carries the checksum of its JSON', () => {
  const dir = freshDir();
  threeEdits(dir);
  const lines = readFileSync(file(dir), 'utf8').trim().split('\n');
  expect(lines).toHaveLength(4);
  for (const line of lines) {
    const [sum, json] = line.split('\t');
    expect(sum).toBe(checksum(json!));
  }
});

test('a torn last line: the next action starts on a fresh line; the torn one is skipped, counted and reported in Japanese', () => {
  const dir = freshDir();
  threeEdits(dir);
  // A crash in the middle of writing a fourth entry.
  appendFileSync(file(dir), '0123456789abcdef\t{"kind":"cell","sheet":"団体","ro');
  const first = started(dir);
  const c = phoneColumn(first.s);
  expect(first.s.act({ kind: 'cell', sheet: '団体', row: 5, column: c, text: '03-1111-0005' }).ok).toBe(true);
  restoreRandomness();
  const lines = readFileSync(file(dir), 'utf8').split('\n');
  expect(lines[4]).toMatch(/^0123456789abcdef\t\{"kind":"cell","sheet":"団体","ro$/);
  expect(lines[5]).toMatch(/^[0-9a-f]{16}\t\{"kind":"cell"/);

  const second = started(dir);
  expect(phone(second.s, 4)).toBe('03-1111-0004');
  expect(phone(second.s, 5)).toBe('03-1111-0005');
  expect(second.replayed).toBe(4);
  expect(second.s.notices[0]).toMatch(/^1 件の操作を再生できませんでした（行 5）/);
  expect(second.log.join('\n')).toContain('1 件の操作を再生できませんでした（行 5）');
});

test('a corrupt line in the middle (checksum mismatch) is skipped and the rest replays', () => {
  const dir = freshDir();
  threeEdits(dir);
  const lines = readFileSync(file(dir), 'utf8').split('\n');
  lines[2] = lines[2]!.replace('03-1111-0003', '03-9999-0003');
  writeFileSync(file(dir), lines.join('\n'));
  const { s } = started(dir);
  expect(phone(s, 2)).toBe('03-1111-0002');
  expect(phone(s, 3)).not.toBe('03-9999-0003');
  expect(phone(s, 4)).toBe('03-1111-0004');
  expect(s.notices).toEqual([expect.stringMatching(/^1 件の操作を再生できませんでした（行 3）/)]);
});

test.each([
  ['empty', ''],
  ['not JSON', 'garbage\n'],
  ['a cut header', '{"kind":"seed","vers'],
])('a corrupt header (%s) is set aside, the preview starts afresh, no stack trace', (_what, content) => {
  const dir = freshDir();
  writeFileSync(file(dir), content);
  const { s, log } = started(dir);
  expect(s.sheet('団体')).toBeDefined();
  const aside = readdirSync(dir).filter((f) => f.startsWith('journal.broken-'));
  expect(aside).toHaveLength(1);
  expect(readFileSync(path.join(dir, aside[0]!), 'utf8')).toBe(content);
  expect(log.join('\n')).toMatch(/先頭行が読めなかったため、元のファイルを journal\.broken-.+\.jsonl として残し、初期状態から始めました/);
  expect(log.join('\n')).not.toMatch(/SyntaxError|at JSON\.parse/);
  // A fresh journal that works.
  expect(new Journal(dir).read().header).not.toBeNull();
});

test('a version-1 journal (no checksums) is accepted and migrated; the old file is kept beside', () => {
  const dir = freshDir();
  const header = { kind: 'seed', version: 1, at: DEMO_NOW.toISOString() };
  const probe = started(freshDir()).s;
  const c = phoneColumn(probe);
  restoreRandomness();
  const entry = { kind: 'cell', sheet: '団体', row: 2, column: c, text: '03-2222-0002', at: new Date(DEMO_NOW.getTime() + 60000).toISOString() };
  const v1 = `${JSON.stringify(header)}\n${JSON.stringify(entry)}\n{"kind":"cell","sh\n`;
  writeFileSync(file(dir), v1);
  const { s, replayed } = started(dir);
  expect(phone(s, 2)).toBe('03-2222-0002');
  expect(replayed).toBe(1);
  expect(readFileSync(path.join(dir, 'journal.v1.jsonl'), 'utf8')).toBe(v1);
  expect(readFileSync(file(dir), 'utf8').split('\n')[0]).toMatch(/^[0-9a-f]{16}\t\{"kind":"seed","version":2/);
  expect(s.notices.join('\n')).toMatch(/新しい形式（チェックサム付き）に移しました/);
  expect(s.notices.join('\n')).toMatch(/1 件の操作を再生できませんでした（行 3）/);
  expect(existsSync(path.join(dir, 'journal.v1.jsonl'))).toBe(true);
});

test('--locale en: every replay notice, and the log line that carries it, is English (issue 13, item 4)', () => {
  const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
  // A torn line to skip, then a version-1 migration, then a broken header: every kind the journal reports.
  const dir = freshDir();
  threeEdits(dir);
  appendFileSync(file(dir), '0123456789abcdef\t{"kind":"cell","sheet":"団体","ro');
  const log: string[] = [];
  const s = new PreviewSession({ stateDir: dir, locale: 'en', log: (l) => log.push(l) });
  s.start();
  restoreRandomness();
  expect(s.notices).toEqual(['1 saved action could not be replayed (line 5): the record was cut short or damaged there, so those were skipped and the rest replayed.']);
  expect(log.filter((l) => l.startsWith('Note: '))).toEqual(s.notices.map((n) => `Note: ${n}`));

  const broken = freshDir();
  writeFileSync(file(broken), 'garbage\n');
  const other = new PreviewSession({ stateDir: broken, locale: 'en', log: () => undefined });
  other.start();
  restoreRandomness();
  expect(other.notices).toEqual([expect.stringMatching(/^The first line of the saved actions could not be read: the file was kept as journal\.broken-.+\.jsonl/)]);
  for (const n of [...s.notices, ...other.notices]) expect(n).not.toMatch(JAPANESE);
});
