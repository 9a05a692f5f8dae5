/**
 * The modeled clock (emulator/timeline.ts): calls take modeled time, executions overlap, the document lock is waited
 * for in modeled time and times out with Google's wording, the 30-simultaneous-execution limit refuses with its
 * wording, and time-driven triggers fire in order as the clock advances (and add-ons may not run them more often than
 * hourly). Driven through the emulator's globals, as the add-on's code would call them.
 */
import { createEmulator } from '../../emulator';
import { ADDON_CLOCK_TOO_FREQUENT } from '../../emulator/services';
import { SIMULTANEOUS_EXECUTIONS, TOO_MANY_SIMULTANEOUS, arrivalOffsets, callLatencyMs } from '../../emulator/timeline';

const T0 = new Date('2025-07-01T09:00:00+09:00').getTime();

function world() {
  const emu = createEmulator({ now: new Date(T0) });
  emu.clock.enable();
  return emu;
}

/** An execution that takes the document lock (waiting up to `timeout`), makes `calls` reads, and releases it. */
function lockedWork(emu: ReturnType<typeof world>, calls: number, timeout = 30_000, trace?: string[]) {
  return () => {
    const lock = emu.globals.LockService.getDocumentLock();
    if (!lock.tryLock(timeout)) { trace?.push(`gave up at ${emu.runtime.now().getTime() - T0}`); return; }
    trace?.push(`got at ${emu.runtime.now().getTime() - T0}`);
    for (let i = 0; i < calls; i++) emu.globals.SpreadsheetApp.getActiveSpreadsheet();
    lock.releaseLock();
  };
}

describe('the modeled clock', () => {
  test('each call advances the running execution by its latency: 160 ms (DESIGN.md §5), creates 1 s', () => {
    expect(callLatencyMs('Range.getValues')).toBe(160);
    expect(callLatencyMs('FormApp.create')).toBe(1000);
    const emu = world();
    emu.clock.timeline.startAt(T0, 'reads', () => { for (let i = 0; i < 10; i++) emu.globals.SpreadsheetApp.getActiveSpreadsheet(); });
    emu.clock.advanceTo(T0 + 60_000);
    const [e] = emu.clock.executions;
    expect(e).toMatchObject({ start: T0, end: T0 + 1600, calls: 10, outcome: 'completed' });
    expect(emu.clock.now()).toBe(T0 + 60_000);
  });

  test('overlapping executions wait for the lock in modeled time, first come first served, and give up after their timeout', () => {
    const emu = world();
    const trace: string[] = [];
    // A holds the lock ~3.4 s (tryLock + 20 reads + release, 160 ms each); B and C arrive while it does.
    emu.clock.timeline.startAt(T0, 'A', lockedWork(emu, 20, 30_000, trace));
    emu.clock.timeline.startAt(T0 + 1_000, 'B', lockedWork(emu, 20, 30_000, trace));
    emu.clock.timeline.startAt(T0 + 1_100, 'C', lockedWork(emu, 20, 5_000, trace)); // waits at most 5 s: B holds it longer
    emu.clock.advanceTo(T0 + 60_000);
    const [a, b, c] = emu.clock.executions;
    expect(trace[0]).toBe('got at 320'); // getDocumentLock and tryLock: two round trips
    // B waits until A released (A's release call ends at 160 × 23 = 3,680 ms)
    expect(b!.lockWaitMs).toBe(a!.end - (T0 + 1_000 + 320));
    expect(trace[1]).toBe(`got at ${a!.end - T0}`);
    expect(c).toMatchObject({ lockTimedOut: true, outcome: 'completed' });
    expect(trace[2]).toBe(`gave up at ${1_100 + 320 + 5_000}`);
  });

  test('waitLock times out with Google\'s wording', () => {
    const emu = world();
    emu.clock.timeline.startAt(T0, 'A', lockedWork(emu, 200)); // 32 s under the lock
    emu.clock.timeline.startAt(T0 + 100, 'B', () => { emu.globals.LockService.getDocumentLock().waitLock(30_000); });
    emu.clock.advanceTo(T0 + 120_000);
    expect(emu.clock.executions[1]).toMatchObject({ outcome: 'failed', error: 'Exception: Lock timeout: another process was holding the lock for too long.' });
  });

  test(`more than ${SIMULTANEOUS_EXECUTIONS} simultaneous executions: the next is refused with the quota's wording`, () => {
    const emu = world();
    for (let i = 0; i < SIMULTANEOUS_EXECUTIONS + 2; i++) emu.clock.timeline.startAt(T0 + i, `x${i}`, lockedWork(emu, 50));
    emu.clock.advanceTo(T0 + 10 * 60_000);
    const refused = emu.clock.executions.filter((e) => e.outcome === 'refused');
    expect(refused.map((e) => e.label)).toEqual([`x${SIMULTANEOUS_EXECUTIONS}`, `x${SIMULTANEOUS_EXECUTIONS + 1}`]);
    expect(refused[0]!.error).toBe(`Exception: ${TOO_MANY_SIMULTANEOUS}`);
  });

  test('arrivals: uniform, all at once (1 ms apart), Poisson — seeded and repeatable', () => {
    expect(arrivalOffsets(4, 'uniform', 60_000)).toEqual([0, 15_000, 30_000, 45_000]);
    expect(arrivalOffsets(3, 'at once', 60_000)).toEqual([0, 1, 2]);
    const p = arrivalOffsets(40, 'poisson', 60_000, 3);
    expect(p).toEqual(arrivalOffsets(40, 'poisson', 60_000, 3));
    expect(p).not.toEqual(arrivalOffsets(40, 'poisson', 60_000, 4));
    for (let i = 1; i < p.length; i++) expect(p[i]!).toBeGreaterThan(p[i - 1]!);
  });
});

describe('time-driven triggers fire as the modeled clock advances', () => {
  function withProbe() {
    const emu = world();
    const fired: [string, number][] = [];
    // The probe stands for the bundle: run() looks the handler up in the loaded script, so load a tiny one.
    const path = require('node:path') as typeof import('node:path');
    const fs = require('node:fs') as typeof import('node:fs');
    const os = require('node:os') as typeof import('node:os');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'clock-')), 'Code.js');
    fs.writeFileSync(file, 'function hourly(e) { __fired("hourly", e.triggerUid); }\nfunction once(e) { __fired("once", e.triggerUid); }\n');
    (emu.globals as Record<string, unknown>).__fired = (name: string) => { fired.push([name, emu.runtime.now().getTime() - T0]); };
    emu.load(file);
    return { emu, fired };
  }

  test('everyHours(1) fires every hour and after(ms) once, in time order', () => {
    const { emu, fired } = withProbe();
    emu.runtime.isAddOn = false; // two clock triggers: allowed to a script, not to an add-on (one per type per document)
    const app = emu.globals.ScriptApp;
    app.newTrigger('hourly').timeBased().everyHours(1).create();
    const hourlyCreated = emu.runtime.now().getTime() - T0; // the four builder calls took modeled time too
    app.newTrigger('once').timeBased().after(90 * 60_000).create();
    const onceAsked = emu.runtime.now().getTime() - T0;
    emu.clock.advanceTo(T0 + 3 * 3_600_000 + hourlyCreated);
    expect(fired.map(([name]) => name)).toEqual(['hourly', 'once', 'hourly', 'hourly']);
    expect(fired.filter(([n]) => n === 'hourly').map(([, t]) => t)).toEqual([1, 2, 3].map((h) => hourlyCreated + h * 3_600_000));
    const once = fired.find(([n]) => n === 'once')![1];
    expect(once).toBeGreaterThanOrEqual(onceAsked - 640 + 90 * 60_000);
    expect(once).toBeLessThanOrEqual(onceAsked + 90 * 60_000);
  });

  test('an add-on may not run a time-driven trigger more often than hourly', () => {
    const emu = world();
    expect(() => emu.globals.ScriptApp.newTrigger('hourly').timeBased().everyMinutes(30).create()).toThrow(ADDON_CLOCK_TOO_FREQUENT);
    expect(emu.triggers).toHaveLength(0);
  });

  test('an add-on gets one time-driven trigger per document', () => {
    const emu = world();
    emu.globals.ScriptApp.newTrigger('hourly').timeBased().everyHours(1).create();
    expect(() => emu.globals.ScriptApp.newTrigger('once').timeBased().everyHours(2).create()).toThrow(/too many clock triggers/);
  });
});
