/**
 * Issue 12, the last window: no Apps Script call re-reads and writes in one step, so a person's sort, insert or delete
 * between the Table's re-read and its write moves rows under a write made by row number. The Table reads the sheet
 * back after writing and repairs a change that landed on the wrong row (tables.ts, verify). Here the edit lands at
 * exactly that boundary — after the re-read, before the write — in 「団体名簿をチェック」 (fixes on many rows) and
 * 「出欠を集計」 (受付時刻 stamped on scattered rows with one RangeList call): every value ends on its own row.
 */
import { loadAddOn } from '../support/bundle';
import { sheetNamed } from '../support/typing';
import type { CallRecord } from '../../emulator/runtime';
import type { AddOn } from '../faults/operations';
import { NOW, callsOf, operation, records } from './support';
import { seedOnce } from '../support/fork';

const fresh = () => loadAddOn({ now: NOW });

/** Boundaries just before each value write of the sheet that follows a re-read (getValues, getLastRow) of it. */
function writesAfterReRead(calls: readonly CallRecord[], sheetId: number): number[] {
  const on = `sheet:${sheetId}`;
  const out: number[] = [];
  let reads = 0;
  calls.forEach((c, j) => {
    if (c.target !== on) return;
    if (c.method === 'Range.getValues' || c.method === 'Sheet.getSheetValues') reads++;
    if (reads > 1 && /^(Range\.setValues|RangeList\.setValue)$/.test(c.method)) out.push(j + 1);
  });
  return out;
}

/** Rows as a sorted list (order-free: a person's sort legitimately reorders them; an inserted blank row is no row). */
function rowsOf(emu: AddOn, sheet: string): string[] {
  return records(emu, sheet).map((r) => JSON.stringify(r)).sort();
}

const EDITS = [
  ['sort (descending)', (emu: AddOn, sheet: string, column: string) => emu.volunteer.sort(sheet, column, false)],
  ['insert a row above', (emu: AddOn, sheet: string) => emu.volunteer.insertRow(sheet, 2)],
] as const;

describe.each([
  ['団体名簿をチェック', '団体', '名称'],
  ['出欠を集計', '参加者台帳', '氏名'],
])('%s: a person edits %s between the re-read and the write', (name, sheet, key) => {
  const op = operation(name);
  // Seeded once (test/support/fork.ts): each boundary runs on a copy.
  const { ran: clean, calls, copy } = seedOnce(op, fresh, { now: NOW });
  const sheetId = sheetNamed(clean, sheet).sheetId;
  const ks = writesAfterReRead(calls, sheetId);
  const expected = rowsOf(clean, sheet);

  test('there is such a boundary (the operation writes after re-reading)', () => {
    expect(ks.length).toBeGreaterThan(0);
  });

  test.each(EDITS.flatMap(([label, edit]) => ks.map((k) => [label, k, edit] as const)))('%s just before call %i: every written value is on its own row', (_label, k, edit) => {
    const emu = copy();
    emu.runtime.interleaveAt({ atCall: k, run: () => edit(emu, sheet, key) });
    const outcome = op.run(emu);
    expect(outcome.ok).toBe(true);
    expect(rowsOf(emu, sheet)).toEqual(expected);
  });
});

/**
 * A row typed below the last row while the add-on appends: no read-back can bring back what a write covered, so one
 * appended row goes in with Sheet.appendRow, which Google places below the last row with content when the call runs.
 * The person types a registration into 参加者台帳 just before each call of the form-submit trigger that touches the
 * ledger from its re-read on — including just before the append itself: both rows are kept, each once.
 */
describe('フォーム回答（トリガー）: a person types a ledger row just before the append', () => {
  const op = operation('フォーム回答（トリガー）');
  const { ran: clean, calls, copy } = seedOnce(op, fresh, { now: NOW });
  const sheetId = sheetNamed(clean, '参加者台帳').sheetId;
  const on = (c: CallRecord) => c.target === `sheet:${sheetId}`;
  const read = (c: CallRecord) => on(c) && (c.method === 'Range.getValues' || c.method === 'Sheet.getSheetValues');
  const reRead = calls.findIndex((c, j) => read(c) && calls.slice(0, j).some(read)) + 1;
  /** The write of the new row (appendRow; a setValues below getLastRow before it). */
  const append = calls.findIndex((c, j) => j >= reRead && on(c) && /^(Sheet\.appendRow|Range\.setValues)$/.test(c.method)) + 1;
  const typed = { 行事id: 'WS-2026-02', 氏名: '手入力 花子', ふりがな: 'てにゅうりょく はなこ', 所属団体: 'ワークサポートあおば', 状態: '申込', 経路: '手入力' };
  const expected = [...rowsOf(clean, '参加者台帳'), JSON.stringify({ ...records(clean, '参加者台帳')[0]!, ...Object.fromEntries(Object.keys(records(clean, '参加者台帳')[0]!).map((h) => [h, ''])), ...typed })].sort();

  test('the one new ledger row is appended with appendRow, after the re-read', () => {
    expect(append).toBeGreaterThan(reRead);
    expect(reRead).toBeGreaterThan(0);
    expect(calls[append - 1]!.method).toBe('Sheet.appendRow');
  });

  test.each(Array.from({ length: Math.max(0, append - reRead + 1) }, (_, i) => reRead + i))('typed just before call %i: both rows kept, once each', (k) => {
    const emu = copy();
    emu.runtime.interleaveAt({ atCall: k, run: () => { emu.volunteer.typeRow('参加者台帳', typed); } });
    expect(op.run(emu).ok).toBe(true);
    expect(rowsOf(emu, '参加者台帳')).toEqual(expected);
  });
});

/**
 * Several rows appended in one flush (「回答を同期」: six registrations; a CSV import: the file's agencies): written at
 * the grid's bottom and moved below the data with Sheet.moveRows, which inserts them — a row typed below the data at
 * any moment is shifted down, never written over. The person types just before every call of the operation on the
 * sheet, from its first read to its read-back (on main, typed between the getLastRow before the append and the
 * setValues it was written over): the typed row is kept once, and every appended row is there once.
 */
describe.each([
  ['回答を同期', '参加者台帳', { 行事id: 'WS-2026-02', 氏名: '手入力 花子', ふりがな: 'てにゅうりょく はなこ', 所属団体: 'ワークサポートあおば', 状態: '申込', 経路: '手入力' }],
  ['CSVから団体を取り込む', '団体', { 名称: '手入力の団体', 名称カナ: 'テニュウリョクノダンタイ', 種別: '就労移行支援', 電話: '03-1111-2222' }],
])('%s: a person types a row into %s at every call boundary of a multi-row append', (name, sheet, typed) => {
  const op = operation(name);
  const probe = fresh();
  op.setup(probe);
  const sheetId = sheetNamed(probe, sheet).sheetId;
  const calls = callsOf(op, fresh);
  const ks = calls.map((c, j) => (c.target === `sheet:${sheetId}` ? j + 1 : 0)).filter((k) => k > 0);
  const clean = fresh();
  op.setup(clean);
  const before = records(clean, sheet).length;
  op.run(clean);
  const appended = records(clean, sheet).length - before;
  /** A record as the comparison sees it: the typed cells, the rest blank. */
  const blank = Object.fromEntries(Object.keys(records(clean, sheet)[0]!).map((h) => [h, '']));
  const expected = [...rowsOf(clean, sheet), JSON.stringify({ ...blank, ...typed })].sort();

  test('the operation appends several rows at once, moved into place with Sheet.moveRows', () => {
    expect(appended).toBeGreaterThan(1);
    expect(calls.filter((c) => c.target === `sheet:${sheetId}` && c.method === 'Sheet.moveRows')).toHaveLength(1);
  });

  test.each(ks)('typed just before call %i: kept once, and every appended row is there once', (k) => {
    const emu = fresh();
    op.setup(emu);
    emu.runtime.interleaveAt({ atCall: k, run: () => { emu.volunteer.typeRow(sheet, typed); } });
    expect(op.run(emu).ok).toBe(true);
    // A row typed before the operation reads the sheet is part of its work (the registry check gives it an id and
    // tidies it), so ids are numbered in another order: rows are compared without them, the typed row by what was typed.
    const [field, value] = Object.entries(typed)[0]!;
    const withoutId = (rows: string[]) => rows.map((r) => { const { id: _id, ...rest } = JSON.parse(r) as Record<string, string>; return JSON.stringify(rest); }).sort();
    const rows = rowsOf(emu, sheet);
    const typedKept = rows.filter((r) => JSON.parse(r)[field] === value);
    expect(typedKept).toHaveLength(1);
    expect(JSON.parse(typedKept[0]!)).toMatchObject(Object.fromEntries(Object.entries(typed).filter(([h]) => h !== '電話')));
    expect(withoutId(rows.filter((r) => !typedKept.includes(r)))).toEqual(withoutId(expected.filter((r) => JSON.parse(r)[field] !== value)));
  });
});

/**
 * The one round trip between writing the rows at the grid's bottom and moving them: a person's insert or delete above
 * shifts the written block by a row, so the move takes a blank row and leaves one of ours at the bottom; a sort (of
 * the whole sheet, as Sheets' 「シートを並べ替え」) takes ours into the data. The read-back finds a row left far below
 * the data and moves it up: every row ends in the data, none at the grid's bottom, none twice.
 */
describe('回答を同期: a person edits 参加者台帳 between the write at the bottom and the move', () => {
  const op = operation('回答を同期');
  const probe = fresh();
  op.setup(probe);
  const sheetId = sheetNamed(probe, '参加者台帳').sheetId;
  const calls = callsOf(op, fresh);
  const move = calls.findIndex((c) => c.target === `sheet:${sheetId}` && c.method === 'Sheet.moveRows') + 1;
  const clean = fresh();
  op.setup(clean);
  op.run(clean);
  const expected = rowsOf(clean, '参加者台帳');
  /** The last row with content: every row is in the data block, none left at the grid's bottom. */
  const lastRow = (emu: AddOn) => sheetNamed(emu, '参加者台帳').getLastRow();

  test.each([
    ['a row inserted above', (emu: AddOn) => emu.volunteer.insertRow('参加者台帳', 2)],
    ['row 3 deleted', (emu: AddOn) => emu.volunteer.deleteRow('参加者台帳', 3)],
    ['the sheet sorted by 氏名', (emu: AddOn) => emu.volunteer.sort('参加者台帳', '氏名', false)],
  ] as const)('%s: every row ends in the data, once', (label, edit) => {
    expect(move).toBeGreaterThan(0);
    const emu = fresh();
    op.setup(emu);
    const before = records(emu, '参加者台帳');
    emu.runtime.interleaveAt({ atCall: move, run: () => edit(emu) });
    expect(op.run(emu).ok).toBe(true);
    expect(lastRow(emu)).toBeLessThan(expected.length + 10);
    const deleted = label === 'row 3 deleted' ? [JSON.stringify(before[1])] : [];
    expect(rowsOf(emu, '参加者台帳')).toEqual(expected.filter((r) => !deleted.includes(r)));
  });
});
