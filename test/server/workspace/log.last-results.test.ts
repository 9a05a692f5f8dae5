/**
 * Issue 14 item 18: rpcLastResults reads 操作ログ once and hands the sidebar the last line of each operation,
 * newest first, with its time as text (a Date would turn the whole google.script.run result into null).
 */
import { loadAddOn } from '../../support/bundle';
import { ok, prepare } from '../../support/forms';
import type { LastResult, RpcResult } from '../../../src/protocol';

const NOW = new Date('2026-02-02T09:00:00+09:00');

test('the last result of each operation, newest first, failures included', () => {
  const emu = loadAddOn({ now: NOW });
  prepare(emu, { forms: false });
  emu.runtime.advanceClock(60_000);
  ok(emu.run<RpcResult<unknown>>('rpcCheckRegistry'));
  emu.runtime.advanceClock(60_000);
  const failed = emu.run<RpcResult<unknown>>('rpcCreateEventForms', ['EV-NOPE']);
  expect(failed.ok).toBe(false);
  emu.runtime.advanceClock(60_000);
  ok(emu.run<RpcResult<unknown>>('rpcCheckRegistry'));
  emu.runtime.advanceClock(10 * 60_000);
  const results = ok(emu.run<RpcResult<LastResult[]>>('rpcLastResults'));
  const names = results.map((r) => r.operation);
  expect(new Set(names).size).toBe(names.length);
  expect(names[0]).toBe('団体名簿をチェック');
  expect(results[0]).toMatchObject({ at: '2026-02-02 09:03', minutesAgo: 10, result: '成功' });
  const forms = results.find((r) => r.result === '失敗');
  expect(forms).toBeDefined();
  expect(forms!.details).toMatch(/EV-NOPE/);
  expect(names.indexOf(forms!.operation)).toBe(1);
  expect(names).toContain('CSVから団体を取り込む');
  // Nothing here is a Date: the result crosses google.script.run intact.
  expect(JSON.parse(JSON.stringify(results))).toEqual(results);
});

test('one read of the log however long it is', () => {
  const calls = (lines: number) => {
    const emu = loadAddOn({ now: NOW });
    prepare(emu, { forms: false });
    const log = emu.active.sheets.find((s) => s.name === '操作ログ')!;
    const rows = Array.from({ length: lines }, (_, i) => [new Date(NOW.getTime() - i * 60000), 'x@example.jp', `操作${i % 7}`, '成功', '']);
    log.insertRowsAfter(log.getMaxRows(), lines);
    log.getRange(log.getLastRow() + 1, 1, rows.length, 5).setValues(rows);
    emu.ledger.reset();
    const results = ok(emu.run<RpcResult<LastResult[]>>('rpcLastResults'));
    expect(results.length).toBeGreaterThanOrEqual(7);
    return emu.ledger.count({ operation: 'rpcLastResults' });
  };
  const small = calls(20);
  expect(small).toBe(10);
  expect(calls(2000)).toBe(small);
});
