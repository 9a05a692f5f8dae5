/**
 * Two coordinators at once: while one imports a CSV into 団体, the other's import (from the sidebar) arrives between
 * any two round trips of the first. The second either runs (before the first takes the document lock, or after it
 * releases it) or is told plainly that another operation is running; after the told one tries again, the registry
 * holds both files' agencies exactly once, whatever the boundary.
 */
import type { CsvImportResult, RpcResult } from '../../src/protocol';
import { loadAddOn } from '../support/bundle';
import { toBase64 } from '../support/globals';
import { FIXTURE_CSV } from '../faults/operations';

const SECOND_CSV = '名称,名称カナ,種別,電話\r\n二人目の団体A,フタリメエー,就労移行支援,03-7777-0001\r\n二人目の団体B,フタリメビー,就労定着支援,03-7777-0002\r\n';
const names = (emu: ReturnType<typeof loadAddOn>) => {
  const sheet = emu.active.sheets.find((s) => s.name === '団体')!;
  const column = (sheet.rows[0] ?? []).findIndex((c) => c?.value === '名称');
  return sheet.rows.slice(1).map((r) => String(r?.[column]?.value ?? '')).filter((n) => n !== '').sort();
};

function importBoth(atCall: number | null) {
  const emu = loadAddOn();
  emu.run('setUpWorkbook');
  let second: RpcResult<CsvImportResult> | null = null;
  if (atCall !== null) emu.runtime.interleaveAt({ atCall, run: () => { second = emu.run<RpcResult<CsvImportResult>>('rpcImportCsv', [toBase64(SECOND_CSV)]); } });
  const first = emu.run<RpcResult<CsvImportResult>>('rpcImportCsv', [toBase64(FIXTURE_CSV)]);
  if (atCall === null) second = emu.run<RpcResult<CsvImportResult>>('rpcImportCsv', [toBase64(SECOND_CSV)]);
  return { emu, first, second: second as RpcResult<CsvImportResult> | null };
}

const reference = importBoth(null);
const CALLS = (() => {
  const emu = loadAddOn();
  emu.run('setUpWorkbook');
  const start = emu.ledger.records.length;
  emu.run('rpcImportCsv', [toBase64(FIXTURE_CSV)]);
  return emu.ledger.records.length - start;
})();

const outcomes = { ran: 0, busy: 0 };

describe('two coordinators importing at once', () => {
  test.each(Array.from({ length: CALLS }, (_, i) => i + 1))('the second import arrives before call %i of the first', (k) => {
    const { emu, first, second } = importBoth(k);
    expect(first.ok).toBe(true);
    expect(second).not.toBeNull();
    outcomes[second!.ok ? 'ran' : 'busy']++;
    if (!second!.ok) {
      expect(second!.error).toEqual({ kind: 'busy', message: expect.stringContaining('別の処理が実行中です') });
      expect(emu.run<RpcResult<CsvImportResult>>('rpcImportCsv', [toBase64(SECOND_CSV)]).ok).toBe(true);
    }
    expect(names(emu)).toEqual(names(reference.emu));
    expect(emu.locks.holders.size).toBe(0);
  });

  afterAll(() => {
    // Both paths were taken: outside the first's lock the second ran, inside it the second was told to wait.
    expect(outcomes.ran).toBeGreaterThan(0);
    expect(outcomes.busy).toBeGreaterThan(0);
    console.log(`concurrency (coordinators): the second import arrived at each of ${CALLS} call boundaries of the first: ran ${outcomes.ran}×, told 別の処理が実行中です ${outcomes.busy}× (then succeeded on retry); the registry ended the same every time`);
  });
});
