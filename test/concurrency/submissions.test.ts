/**
 * Concurrency: participants submitting while other executions run. The emulator can put a second execution between
 * any two round trips of a running one (runtime.interleaveAt); here, for every call boundary k of the form-submit
 * handler and both ways a real second execution behaves — it waits for the document lock (waitLock blocks up to its
 * timeout), or it runs at once and meets the held lock (the first ran past its timeout) — a second participant's
 * response arrives at k. With duplicate and blank firings mixed in, 40 submissions give exactly 40 ledger rows once
 * 「回答を同期」 has recovered what timed-out executions left; a user's RPC meeting the held lock gets a clear message.
 */
import type { RpcResult, SyncReport } from '../../src/protocol';
import { DEMO_EVENTS, DemoEvent, agencyNamesOf, participantAnswers } from '../../scripts/demo/forms';
import { loadAddOn } from '../support/bundle';
import { ledgerFor, ok, prepare, sheetRecords } from '../support/forms';

const NOW = new Date('2025-07-01T09:00:00+09:00');
const SEMINAR = DEMO_EVENTS[0] as DemoEvent;
const SUBMISSIONS = 40;
type Mode = 'waits' | 'times out';

function seminarWorld() {
  const emu = loadAddOn({ now: NOW });
  const forms = prepare(emu, { events: [SEMINAR] });
  return { emu, formId: forms.get(SEMINAR.id)!.registration.formId, agencies: agencyNamesOf(emu) };
}

/** The handler's calls for one submission, from a probe run: the boundaries there are to interleave at. */
function handlerCalls(): string[] {
  const { emu, formId, agencies } = seminarWorld();
  const start = emu.ledger.records.length;
  emu.forms.submit(formId, participantAnswers(0, 0, agencies));
  return emu.ledger.records.slice(start).map((r) => r.method);
}

const CALLS = handlerCalls();
/** Boundaries k (1-based) at which the first execution holds the document lock: after waitLock, up to its release. */
const LOCK_HELD = new Set(CALLS.map((_, i) => i + 1).filter((k) => k > CALLS.indexOf('Lock.tryLock') + 1 && k <= CALLS.indexOf('Lock.releaseLock') + 1));
const BOUNDARIES: [number, Mode][] = CALLS.flatMap((_, i) => [[i + 1, 'waits'], [i + 1, 'times out']] as [number, Mode][]);
const PAIRS = SUBMISSIONS / 2;
const tally = { timedOut: 0, recoveredBySync: 0 };
/**
 * Each scenario ends with a pair interleaved at the lock's release, the second not waiting: its response arrives after
 * the first execution read the response sheet, and no later firing comes, so only 「回答を同期」 can record it.
 */
const RELEASE = CALLS.indexOf('Lock.releaseLock') + 1;
const PER_SCENARIO = PAIRS - 1;
const SCENARIOS = Array.from({ length: Math.ceil(BOUNDARIES.length / PER_SCENARIO) }, (_, s) => {
  const own = BOUNDARIES.slice(s * PER_SCENARIO, (s + 1) * PER_SCENARIO);
  return [...own, ...Array.from({ length: PER_SCENARIO - own.length }, () => undefined), [RELEASE, 'times out'] as [number, Mode]];
});

describe('40 submissions interleaved at every call boundary of the form-submit handler', () => {
  test('the handler has call boundaries to interleave at, inside and outside the document lock', () => {
    expect(CALLS).toContain('Lock.tryLock');
    expect(CALLS.indexOf('Lock.tryLock')).toBeGreaterThan(0);
    expect(CALLS.indexOf('Lock.tryLock')).toBeLessThan(CALLS.length - 2);
  });

  test.each(SCENARIOS.map((s, i) => [i + 1, SCENARIOS.length, s] as const))('scenario %i of %i: exactly 40 ledger rows, no duplicate, nothing lost', (_i, _n, boundaries) => {
    const { emu, formId, agencies } = seminarWorld();
    let next = 0;
    const answers = () => participantAnswers(0, next++, agencies);
    const failedLockTimeouts: string[] = [];
    // Pairs past the list's end (the last scenario) fill up to 40 with plain submissions.
    for (let pair = 0; pair < PAIRS; pair++) {
      const boundary = boundaries[pair];
      emu.runtime.advanceClock(60_000);
      const first = answers();
      if (!boundary) {
        const a = emu.forms.submit(formId, first, { duplicateFiring: pair % 3 === 0, blankSecondFiring: pair % 3 === 1 });
        const b = emu.forms.submit(formId, answers());
        for (const x of [...a.executions, ...b.executions]) if (x.outcome === 'failed') failedLockTimeouts.push(x.error ?? '');
        continue;
      }
      const [atCall, mode] = boundary;
      const second = answers();
      let waiting: { row: number | null } | null = null;
      emu.runtime.interleaveAt({
        atCall,
        run: () => {
          emu.runtime.advanceClock(1_000);
          if (mode === 'times out') {
            const r = emu.forms.submit(formId, second);
            for (const x of r.executions) if (x.outcome === 'failed') failedLockTimeouts.push(x.error ?? '');
          } else {
            // The response is in the sheet now; its execution waits for the lock and runs when the first is done.
            waiting = { row: emu.forms.store.submitAsParticipant(formId, second).row };
          }
        },
      });
      // The last pair gets no extra firing: a later firing would reconcile the sheet and record the second response.
      const last = pair === PAIRS - 1;
      const r = emu.forms.submit(formId, first, { duplicateFiring: !last && pair % 3 === 0, blankSecondFiring: !last && pair % 3 === 1 });
      expect({ atCall, interleaved: !emu.runtime.interleavePending }).toEqual({ atCall, interleaved: true });
      for (const x of r.executions) expect({ atCall, mode, outcome: x.outcome }).toEqual({ atCall, mode, outcome: 'completed' });
      const w = waiting as { row: number | null } | null;
      if (w) for (const x of emu.forms.fireFor(formId, w.row)) expect({ atCall, mode, waited: x.outcome }).toEqual({ atCall, mode, waited: 'completed' });
    }
    expect(next).toBe(SUBMISSIONS);
    expect(emu.locks.holders.size).toBe(0);
    // A second execution that did not wait gives up exactly when it met the held lock: quietly (no failed execution,
    // no "Lock timeout" in the executions list), marking responses pending for the hourly catch-up (one property write;
    // the heartbeat of a firing that recorded is a setProperties, issue 20).
    const expectedTimeouts = boundaries.filter((b) => b && b[1] === 'times out' && LOCK_HELD.has(b[0])).length;
    expect(failedLockTimeouts).toEqual([]);
    const deferrals = emu.ledger.records.filter((r) => r.method === 'Properties.setProperty' && r.operation === 'onFormSubmitHandler').length;
    expect(deferrals).toBe(expectedTimeouts);
    const before = ledgerFor(emu, SEMINAR.id);
    expect(new Set(before.map((r) => r['回答id'])).size).toBe(before.length);
    // 「回答を同期」 recovers whatever a timed-out execution left behind, and adds nothing else.
    const sync = ok(emu.run<RpcResult<SyncReport>>('rpcSyncResponses'));
    expect(sync.added).toBe(SUBMISSIONS - before.length);
    expect(sync.added).toBeGreaterThanOrEqual(1); // the last pair's second response, at least
    tally.timedOut += deferrals;
    tally.recoveredBySync += sync.added;
    const rows = ledgerFor(emu, SEMINAR.id);
    expect(rows).toHaveLength(SUBMISSIONS);
    expect(new Set(rows.map((r) => r['回答id'])).size).toBe(SUBMISSIONS);
    expect(new Set(rows.map((r) => r['メール'])).size).toBe(SUBMISSIONS);
    expect(sheetRecords(emu, '参加者台帳')).toHaveLength(SUBMISSIONS);
    expect(ok(emu.run<RpcResult<SyncReport>>('rpcSyncResponses')).added).toBe(0);
  });

  test('a user whose 「回答を同期」 meets the lock held by a trigger is told plainly; the next sync recovers everything', () => {
    const { emu, formId, agencies } = seminarWorld();
    const insideLock = CALLS.indexOf('Lock.tryLock') + 2; // the first call after the lock is taken
    let userSaw: RpcResult<SyncReport> | null = null;
    emu.runtime.interleaveAt({ atCall: insideLock, run: () => { userSaw = emu.run<RpcResult<SyncReport>>('rpcSyncResponses'); } });
    // The trigger was missing for a while, so a response is waiting to be reconciled.
    const installed = emu.triggers.splice(0);
    emu.forms.submit(formId, participantAnswers(0, 0, agencies));
    emu.triggers.push(...installed);
    emu.forms.submit(formId, participantAnswers(0, 1, agencies));
    const seen = userSaw as RpcResult<SyncReport> | null;
    expect(seen).toEqual({ ok: false, error: { kind: 'busy', message: expect.stringContaining('別の処理が実行中です') } });
    if (seen && !seen.ok) expect(seen.error.message).not.toMatch(/Exception|Lock timeout|\n\s+at /);
    const again = ok(emu.run<RpcResult<SyncReport>>('rpcSyncResponses'));
    expect(again.added).toBe(0); // the trigger's whole-sheet reconcile had already recorded both
    expect(ledgerFor(emu, SEMINAR.id)).toHaveLength(2);
  });

  afterAll(() => {
    console.log(`concurrency: ${BOUNDARIES.length} interleavings (${CALLS.length} call boundaries × {waits for the lock, times out}) over ${SCENARIOS.length} scenarios of ${SUBMISSIONS} submissions with duplicate and blank firings: ${tally.timedOut} executions met the held lock and left their response for later; later firings' whole-sheet reconcile recorded all but ${tally.recoveredBySync}, which 「回答を同期」 recovered; every scenario ended with exactly ${SUBMISSIONS} ledger rows`);
  });
});
