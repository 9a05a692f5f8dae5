/**
 * Google's 6-minute limit per execution, on modeled time (emulator/execution-limit.ts): each execution (`emu.run`)
 * adds up its calls' modeled latency (160 ms; 1 s for creates and exports) whether or not the timeline is on; the call
 * that crosses 360 s fails with Google's wording, so does every later one, and the run fails whatever the script did
 * with the error. Scripts run through the vm loader as the bundle does (test/support/script.ts).
 */
import { createEmulator } from '../../emulator';
import { EXCEEDED_MAXIMUM_EXECUTION_TIME, EXECUTION_LIMIT_MS } from '../../emulator/execution-limit';
import { loadScript } from '../support/script';

const T0 = new Date('2026-02-02T09:00:00+09:00').getTime();

/** `reads(n)`: n counted calls (getActiveSpreadsheet, then getName); the rest are variations on it. */
const SCRIPT = `
function reads(n) {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  for (var i = 1; i < n; i++) ss.getName();
  return 'done';
}
/** Swallows the limit, tries again, and says it is fine: Google would have stopped it all the same. */
function stubborn(n, seen) {
  try { reads(n); } catch (e) { seen.push(String(e.message)); }
  try { SpreadsheetApp.getActiveSpreadsheet(); seen.push('a later call went through'); } catch (e) { seen.push('later: ' + e.message); }
  return 'fine';
}
function creates(n) {
  for (var i = 0; i < n; i++) FormApp.create('form ' + i);
  return n;
}
function clocked(n, seen) {
  var start = Date.now();
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  for (var i = 1; i < n; i++) ss.getName();
  seen.push(Date.now() - start, new Date().getTime() - start);
}
function sleeps(ms, n) {
  Utilities.sleep(ms);
  reads(n);
}
`;

function world() {
  const emu = createEmulator({ now: new Date(T0) });
  loadScript(emu, SCRIPT);
  return emu;
}

describe('the 6-minute execution limit on modeled time', () => {
  test('2,250 calls of 160 ms fill exactly 360 s and complete; the 2,251st fails with Google\'s wording', () => {
    expect(EXECUTION_LIMIT_MS).toBe(360_000);
    const emu = world();
    expect(emu.run('reads', [2250])).toBe('done');
    expect(emu.runtime.lastExecution).toMatchObject({ elapsedMs: 360_000, calls: 2250, stoppedAtCall: null });

    emu.ledger.reset();
    expect(() => emu.run('reads', [2251])).toThrow(EXCEEDED_MAXIMUM_EXECUTION_TIME);
    // The crossing call was sent (it is in the ledger) and Google stopped the script there.
    expect(emu.ledger.count({ operation: 'reads' })).toBe(2251);
    expect(emu.runtime.lastExecution).toMatchObject({ elapsedMs: 360_000, stoppedAtCall: 2251, exceeded: true });
    expect(EXCEEDED_MAXIMUM_EXECUTION_TIME).toBe('Exceeded maximum execution time');
  });

  test('every later call fails too, and a script that catches the error still fails', () => {
    const emu = world();
    const seen: string[] = [];
    emu.ledger.reset();
    expect(() => emu.run('stubborn', [3000, seen])).toThrow('Exceeded maximum execution time');
    expect(seen).toEqual(['Exceeded maximum execution time', 'later: Exceeded maximum execution time']);
    // Nothing after the crossing call reached Google.
    expect(emu.ledger.count({ operation: 'stubborn' })).toBe(2251);
  });

  test('an execution under the limit is untouched: its result, its calls, its elapsed time', () => {
    const emu = world();
    expect(emu.run('reads', [100])).toBe('done');
    expect(emu.runtime.lastExecution).toMatchObject({ elapsedMs: 16_000, calls: 100, exceeded: false });
    expect(emu.runtime.execution).toBeNull();
  });

  test('separate executions each get their own 6 minutes', () => {
    const emu = world();
    for (let i = 0; i < 3; i++) expect(emu.run('reads', [2000])).toBe('done');
    expect(emu.runtime.lastExecution).toMatchObject({ elapsedMs: 320_000, exceeded: false });
  });

  test('an execution interleaved into another has its own time, and the outer one resumes with its own', () => {
    const emu = world();
    emu.runtime.interleaveAt({ atCall: 2000, run: () => { emu.run('reads', [2000]); } });
    expect(emu.run('reads', [2200])).toBe('done');
    expect(emu.runtime.lastExecution).toMatchObject({ elapsedMs: 352_000, calls: 2200 });
  });

  test('creates count 1 s: 360 forms fit, the 361st crosses the limit', () => {
    const emu = world();
    expect(emu.run('creates', [360])).toBe(360);
    expect(emu.runtime.lastExecution!.elapsedMs).toBe(360_000);
    expect(() => emu.run('creates', [361])).toThrow('Exceeded maximum execution time');
    expect(emu.runtime.lastExecution!.stoppedAtCall).toBe(361);
  });

  test('time the script waits (Utilities.sleep) counts too', () => {
    const emu = world();
    // sleep is a call (160 ms) and 359 s of waiting; 5 more calls fit (359.96 s), a 6th does not.
    emu.run('sleeps', [359_000, 5]);
    expect(emu.runtime.lastExecution!.elapsedMs).toBe(359_960);
    expect(() => emu.run('sleeps', [359_000, 6])).toThrow('Exceeded maximum execution time');
  });

  test('the limit is Google\'s unless a test lifts it for a reference world (runtime.executionLimitMs)', () => {
    const emu = world();
    expect(emu.runtime.executionLimitMs).toBe(EXECUTION_LIMIT_MS);
    emu.runtime.executionLimitMs = Infinity;
    expect(emu.run('reads', [3000])).toBe('done');
  });

  test('calls made outside any execution (a test driving the services directly) are not limited', () => {
    const emu = world();
    for (let i = 0; i < 2300; i++) emu.globals.SpreadsheetApp.getActiveSpreadsheet();
    expect(emu.runtime.execution).toBeNull();
  });

  test('a trigger execution over the limit is recorded as failed with the wording; the next one runs afresh', () => {
    const emu = world();
    emu.clock.runAt(T0 + 1_000, 'reads', [3000], 'long');
    emu.clock.runAt(T0 + 600_000, 'reads', [10], 'short');
    emu.clock.advanceTo(T0 + 3_600_000);
    const [long, short] = emu.clock.executions;
    expect(long).toMatchObject({ outcome: 'failed', error: 'Exception: Exceeded maximum execution time', calls: 2251 });
    expect(short).toMatchObject({ outcome: 'completed', calls: 10, end: T0 + 600_000 + 1_600 });
  });
});

describe('modeled time inside the script (emu.runtime.modelTime)', () => {
  test('off: Date.now() stands still across calls (the pinned "now")', () => {
    const emu = world();
    const seen: number[] = [];
    emu.run('clocked', [100, seen]);
    expect(seen).toEqual([0, 0]);
  });

  test('on: Date.now() and new Date() advance by each call\'s latency, without the timeline', () => {
    const emu = world();
    emu.runtime.modelTime = true;
    const seen: number[] = [];
    emu.run('clocked', [100, seen]);
    expect(seen).toEqual([16_000, 16_000]);
    expect(emu.runtime.now().getTime()).toBe(T0 + 16_000);
  });

  test('on: calls made outside an execution (a workspace-level test driving the services) advance runtime.now() too', () => {
    const emu = world();
    emu.runtime.modelTime = true;
    for (let i = 0; i < 10; i++) emu.globals.SpreadsheetApp.getActiveSpreadsheet();
    emu.globals.FormApp.create('one form');
    expect(emu.runtime.now().getTime()).toBe(T0 + 10 * 160 + 1_000);
  });

  test('with the timeline on as well, time is not counted twice', () => {
    const emu = world();
    emu.runtime.modelTime = true;
    emu.clock.enable();
    const seen: number[] = [];
    emu.run('clocked', [100, seen]);
    expect(seen).toEqual([16_000, 16_000]);
  });
});
