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
import { NOW, operation, records } from './support';
import { seedOnce } from '../support/fork';

const fresh = () => loadAddOn({ now: NOW });

/** Boundaries just before each value write of the sheet that follows a re-read (getValues, getLastRow) of it. */
function writesAfterReRead(calls: readonly CallRecord[], sheetId: number): number[] {
  const on = `sheet:${sheetId}`;
  const out: number[] = [];
  let reads = 0;
  calls.forEach((c, j) => {
    if (c.target !== on) return;
    if (c.method === 'Range.getValues') reads++;
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
  const reRead = calls.findIndex((c, j) => on(c) && c.method === 'Range.getValues' && calls.slice(0, j).some((x) => on(x) && x.method === 'Range.getValues')) + 1;
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
