/** The preview's session: seed, journal, replay after a restart, --agencies, Sheets-like cell edits, the wire rules. */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PreviewSession } from '../../../emulator/preview/session';
import { restoreRandomness, seedRandomness } from '../../../emulator/preview/journal';
import { acrossTheWire, parsePreviewArgs } from '../../../emulator/preview/server';
import { sheetView } from '../../../emulator/preview/views';
import { BUNDLE } from '../../support/bundle';
import { existsSync } from 'node:fs';

afterEach(() => restoreRandomness());

function freshDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'preview-session-'));
}

function newSession(stateDir: string, extra: Partial<ConstructorParameters<typeof PreviewSession>[0]> = {}) {
  if (!existsSync(BUNDLE)) throw new Error('dist/Code.js is missing: run `npm run build`.');
  const s = new PreviewSession({ stateDir, ...extra });
  s.start();
  return s;
}

function column(session: PreviewSession, sheet: string, header: string): string[] {
  const view = sheetView(session.sheet(sheet)!);
  const c = view.rows[0]!.findIndex((cell) => cell.d === header);
  if (c < 0) throw new Error(`no column ${header}`);
  return view.rows.slice(1).map((r) => r[c]!.d).filter((v) => v !== '');
}

describe('PreviewSession', () => {
  test('seeds the demo registry, opens the sidebar and journals only changes', () => {
    const dir = freshDir();
    const s = newSession(dir);
    expect(column(s, '団体', '名称')).toHaveLength(16);
    expect(s.sidebarOpen).toBe(true);
    expect(s.sidebarHtml()).toContain('<main id="app"');

    s.act({ kind: 'rpc', name: 'rpcInit', args: [] });
    s.act({ kind: 'rpc', name: 'rpcGetSettings', args: [] });
    const lines = () => readFileSync(path.join(dir, 'journal.jsonl'), 'utf8').trim().split('\n');
    expect(lines()).toHaveLength(1);
    s.act({ kind: 'rpc', name: 'rpcCheckRegistry', args: [] });
    expect(lines()).toHaveLength(2);
    expect(JSON.parse(lines()[1]!.split('\t')[1]!)).toMatchObject({ kind: 'rpc', name: 'rpcCheckRegistry' });
  });

  test('a restart replays the journal onto a fresh emulator: edits and their consequences come back', () => {
    const dir = freshDir();
    const first = newSession(dir);
    const phoneColumn = sheetView(first.sheet('団体')!).rows[0]!.findIndex((c) => c.d === '電話') + 1;
    expect(first.act({ kind: 'cell', sheet: '団体', row: 2, column: phoneColumn, text: '０３－１１１１－２２２２' }).ok).toBe(true);
    // A refused action is journaled as failed: replaying it fails again, which is not reported as a problem.
    expect(first.act({ kind: 'submit', formId: 'no-such-form', answers: {} }).ok).toBe(false);
    const check = first.act({ kind: 'menu', functionName: 'checkRegistry' });
    expect(check.alerts[0]?.prompt).toMatch(/16件を確認し、1か所を自動で整えました/);
    restoreRandomness();

    const second = newSession(dir);
    expect(column(second, '団体', '電話')[0]).toBe('03-1111-2222');
    expect(column(second, '操作ログ', '操作')).toEqual(column(first, '操作ログ', '操作'));
    expect(second.replayFailures).toEqual([]);
    // Alerts raised while replaying are history, not news.
    expect(second.takeAlerts()).toEqual([]);

    const third = newSession(dir, { reset: true });
    expect(column(third, '団体', '電話')[0]).toBe('03-5211-0001');
  });

  test('a menu command acts on the selection it was given, in the run and in the replay', () => {
    const dir = freshDir();
    const first = newSession(dir);
    first.select({ sheet: '行事', row: 3, column: 2 });
    const made = first.act({ kind: 'menu', functionName: 'createEventForms' });
    expect(made.alerts[0]?.prompt).toMatch(/EV-WORKSHOP/);
    first.select({ sheet: '団体', row: 1, column: 1 });
    restoreRandomness();

    const second = newSession(dir);
    expect(second.replayFailures).toEqual([]);
    const events = sheetView(second.sheet('行事')!).rows;
    const formColumn = events[0]!.findIndex((c) => c.d === '申込フォーム');
    expect(events[2]![formColumn]!.d).toMatch(/^https:\/\/docs\.google\.com\/forms\//);
    expect(events[1]![formColumn]!.d).toBe('');
  });

  test('the start scenario: events ahead of the emulated day, nothing sent; another scenario sets the journal aside', () => {
    const dir = freshDir();
    const s = newSession(dir);
    expect(s.scenario).toBe('start');
    const today = s.emu.runtime.now();
    expect(today.toISOString()).toBe('2025-07-01T00:00:00.000Z');
    const events = sheetView(s.sheet('行事')!).rows;
    const h = events[0]!.map((c) => c.d);
    const rows = events.slice(1).filter((r) => r[h.indexOf('id')]!.d !== '');
    expect(rows.map((r) => r[h.indexOf('状態')]!.d)).toEqual(['募集中', '準備中']);
    expect(s.emu.calendar.events).toHaveLength(0);
    expect(s.emu.forms.store.forms.size).toBe(0);
    expect(s.act({ kind: 'cell', sheet: 'シート1', row: 5, column: 1, text: 'keep me' }).ok).toBe(true);
    restoreRandomness();
    const other = newSession(dir, { scenario: 'year-end' });
    expect(other.scenario).toBe('year-end');
    expect(other.notices.join('')).toMatch(/シナリオ「year-end」で始めるため、これまでの操作の記録は journal\.scenario-start-.+\.jsonl として残しました/);
    const kept = readdirSync(dir).filter((f) => f.startsWith('journal.scenario-start-'));
    expect(readFileSync(path.join(dir, kept[0]!), 'utf8')).toContain('keep me');
  });

  test('--agencies seeds the registry from the given CSV and starts fresh', () => {
    const dir = freshDir();
    const fixture = path.join(__dirname, '..', '..', 'fixtures', 'agencies.csv');
    const names = readFileSync(fixture, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]).filter((n) => n);
    const s = newSession(dir, { agenciesFile: fixture });
    expect(column(s, '団体', '名称')).toEqual(names);
    const header = JSON.parse(readFileSync(path.join(dir, 'journal.jsonl'), 'utf8').split('\n')[0]!.split('\t')[1]!) as { agenciesFile: string };
    expect(header.agenciesFile).toBe('agencies.csv');
  });

  test('typing into a cell parses as Sheets does, and a rejecting rule refuses bad input', () => {
    const s = newSession(freshDir());
    const sheet = s.sheet('シート1')!;
    s.act({ kind: 'cell', sheet: 'シート1', row: 10, column: 2, text: '00123' });
    expect(sheet.getRange(10, 2).getValue()).toBe(123);
    s.act({ kind: 'cell', sheet: 'シート1', row: 10, column: 3, text: '2025/4/1' });
    expect(sheet.getRange(10, 3).getValue()).toBeInstanceOf(Date);
    const rule = s.emu.globals.SpreadsheetApp.newDataValidation().requireCheckbox().setAllowInvalid(false).build();
    sheet.getRange(11, 2).setDataValidation(rule);
    const bad = s.act({ kind: 'cell', sheet: 'シート1', row: 11, column: 2, text: 'はい' });
    expect(bad.ok).toBe(false);
    expect(bad.error).toMatch(/入力規則に違反/);
    expect(s.act({ kind: 'cell', sheet: 'シート1', row: 11, column: 2, text: 'TRUE' }).ok).toBe(true);
    expect(sheetView(sheet).rows[10]![1]!.check).toBe(true);
  });
});

describe('preview server helpers', () => {
  test('google.script.run rules: a Date anywhere in a result makes it null; undefined becomes null', () => {
    expect(acrossTheWire({ a: [1, { b: new Date() }] })).toBeNull();
    expect(acrossTheWire(undefined)).toBeNull();
    expect(acrossTheWire({ a: [1, 'x'], b: { c: true } })).toEqual({ a: [1, 'x'], b: { c: true } });
  });

  test('arguments: --reset, --agencies, --state, --locale, --scenario, --now; unknown options are refused', () => {
    const a = parsePreviewArgs(['--reset', '--agencies', 'x.csv', '--state', '/tmp/s', '--locale', 'en']);
    expect(a).toMatchObject({ reset: true, stateDir: '/tmp/s', locale: 'en' });
    expect(a.agencies).toBe(path.resolve('x.csv'));
    expect(() => parsePreviewArgs(['--port'])).toThrow(/不明なオプション/);
    expect(() => parsePreviewArgs(['--agencies'])).toThrow(/値が必要/);
    expect(parsePreviewArgs(['--scenario', 'year-end']).scenario).toBe('year-end');
    expect(() => parsePreviewArgs(['--scenario', 'summer'])).toThrow('不明なシナリオ: summer（使えるのは start, year-end）');
    expect(parsePreviewArgs(['--now', '2025-08-18T09:00:00+09:00']).now?.toISOString()).toBe('2025-08-18T00:00:00.000Z');
    expect(() => parsePreviewArgs(['--now', 'someday'])).toThrow('--now の日時が読めません: someday');
  });

  test('seeded randomness repeats, so replayed ids match', () => {
    const crypto = require('node:crypto') as { randomUUID(): string };
    seedRandomness(7);
    const first = [crypto.randomUUID(), Math.random()];
    seedRandomness(7);
    expect([crypto.randomUUID(), Math.random()]).toEqual(first);
    expect(first[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
