/**
 * The guarantee at N = 40 (issue 22), on the emulator's modeled clock (emulator/timeline.ts): forty participants
 * submit within a minute, each firing of the form-submit trigger an execution that waits for the document lock in
 * modeled time. Every response reaches the ledger (registration) or the survey store within 60 modeled minutes with no
 * manual 「回答を同期」, none twice, 定員 in submission order — also when a coordinator's long command holds the lock
 * through the end of the burst, so that the last firings give up and only the hourly catch-up can record them.
 * The figures at 40/100/300 and every arrival pattern are in `npm run bench`.
 */
import { BUNDLE } from '../support/bundle';
import { participantAnswers } from '../../scripts/demo/forms';
import { BurstReport, burstWorld, recordedSubmissionTimes, runBurst } from './burst-harness';

const HOUR = 3_600_000;
const reports: BurstReport[] = [];

function expectGuarantee(r: BurstReport): void {
  expect({ manualActions: r.manualActions, duplicates: r.duplicates, capacityInOrder: r.capacityInOrder, failed: r.failed })
    .toEqual({ manualActions: 0, duplicates: 0, capacityInOrder: true, failed: 0 });
  expect(r.worstWaitMs).not.toBeNull();
  expect(r.worstWaitMs!).toBeLessThanOrEqual(HOUR);
  // Issue 15: exactly one registration mail (confirmation or waitlist place) per registrant, whichever execution —
  // firing, duplicate, catch-up — recorded them.
  if (r.purpose === 'registration') expect(r.registrationMails).toEqual({ min: 1, max: 1, people: r.n });
}

describe('a burst of 40 submissions within a minute, on the modeled clock', () => {
  test.each(['registration', 'survey'] as const)('%s: 40 evenly over 60 s — every response recorded by the firings themselves, within seconds', (purpose) => {
    const r = runBurst({ n: 40, pattern: 'uniform', purpose, bundlePath: BUNDLE });
    reports.push(r);
    expectGuarantee(r);
    expect(r).toMatchObject({ firings: 40, refused: 0, recordedByCatchUp: 0 });
    // Each firing holds the lock for about 2 s, so the last response is in well within a minute of its submission.
    expect(r.worstWaitMs!).toBeLessThan(60_000);
    expect(r.allRecordedAfterMs!).toBeLessThan(2 * 60_000);
    // The critical section holds only what must be consistent: the response sheet read, the ledger (or survey store)
    // read, the import record (issue 12: a response a person deleted from the ledger is not brought back), and the
    // people-safe write (re-read just before writing, issue 12). Measured after the merge: 29 calls for a registration,
    // 16.7 for a survey answer; before issue 22 the whole firing (31 calls) ran under the lock. Routing, agencies and
    // the 操作ログ line stay outside it. Issue 15 adds the participant's confirmation, which must be under the lock so
    // that two firings never both send it: the in-flight list (getProperties, setProperties, cleared with one more),
    // the event's .ics blob, one sendEmail and 送信記録 written (re-read 3 + getRange + setValues) — 11 calls, 14.4 on
    // average (a firing that finds earlier responses confirms those too); 行事, メール文面, 設定 and the quota are read
    // before the lock. Measured 43.4.
    expect(r.callsUnderLock).toBeLessThanOrEqual(purpose === 'registration' ? 30 + 15 : 30);
  });

  test.each(['registration', 'survey'] as const)('%s: a coordinator\'s 45 s command holds the lock at the end of the burst — the last firings give up quietly and the hourly catch-up records them', (purpose) => {
    const r = runBurst({ n: 40, pattern: 'uniform', purpose, bundlePath: BUNDLE, longHold: { at: 40_000, ms: 45_000 } });
    reports.push(r);
    expectGuarantee(r);
    expect(r.longHold).toBe('ran');
    expect(r.deferred).toBeGreaterThan(0);
    expect(r.recordedByCatchUp).toBeGreaterThan(0);
    // A firing that gives up costs less than one that records, and is no failed execution.
    expect(r.callsPerDeferral!).toBeLessThan(r.callsPerFiring);
  });

  test('without the hourly catch-up the same burst leaves responses for a manual sync (what the catch-up is for)', () => {
    const r = runBurst({ n: 40, pattern: 'uniform', purpose: 'registration', bundlePath: BUNDLE, longHold: { at: 40_000, ms: 45_000 }, withoutCatchUp: true });
    expect(r.manualActions).toBeGreaterThan(0);
    expect(r.worstWaitMs).toBeNull();
  });

  test('all 40 at once and Poisson arrivals: the same guarantee', () => {
    for (const pattern of ['at once', 'poisson'] as const) {
      const r = runBurst({ n: 40, pattern, purpose: 'registration', bundlePath: BUNDLE, seed: 7 });
      reports.push(r);
      expectGuarantee(r);
    }
  });

  test('firings that run out of order still give the 定員 to whoever submitted first', () => {
    const { emu, event, forms, agencies } = burstWorld({ capacity: 1, bundlePath: BUNDLE });
    const formId = forms.registration.formId;
    const timeline = emu.clock.timeline;
    emu.clock.enable();
    const t0 = emu.clock.now() + 60_000;
    const rows: (number | null)[] = [];
    // A submits first, B a second later; B's firing starts before A's (Google gives no order between executions).
    timeline.landAt(t0, 'A', () => { rows[0] = emu.forms.store.submitAsParticipant(formId, participantAnswers(0, 0, agencies)).row; });
    timeline.landAt(t0 + 1_000, 'B', () => { rows[1] = emu.forms.store.submitAsParticipant(formId, participantAnswers(0, 1, agencies)).row; });
    timeline.startAt(t0 + 1_100, 'onFormSubmit', () => { emu.forms.fireFor(formId, rows[1]!); });
    timeline.startAt(t0 + 1_200, 'onFormSubmit', () => { emu.forms.fireFor(formId, rows[0]!); });
    emu.clock.advanceTo(t0 + 120_000);
    const recorded = recordedSubmissionTimes(emu, 'registration', event.id);
    const byTime = recorded.times.map((t, i) => [t - t0, recorded.statuses[i]] as const).sort((a, b) => a[0] - b[0]);
    expect(byTime.map(([, status]) => status === 'キャンセル待ち')).toEqual([false, true]);
    expect(byTime.map(([t]) => t)).toEqual([0, 1_000]);
  });

  test('the catch-up costs 3 calls when nothing is pending, takes no lock, and records its heartbeat', () => {
    const r = runBurst({ n: 40, pattern: 'uniform', purpose: 'survey', bundlePath: BUNDLE });
    expect(r.catchUpRuns).toBeGreaterThanOrEqual(1);
    expect(r.callsPerIdleCatchUp).toBe(3);
    // The heartbeat is the last run's time: the second hourly firing after the forms were made (2 h horizon).
    expect(r.heartbeat).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(Date.parse(r.heartbeat!)).toBeGreaterThan(Date.parse('2025-07-01T10:00:00+09:00'));
  });

  afterAll(() => {
    for (const r of reports) {
      console.log(`burst ${r.purpose} N=${r.n} ${r.pattern}: firings ${r.firings} (recorded ${r.recorded}, gave up ${r.deferred}, refused ${r.refused}, failed ${r.failed}), all in after ${r.allRecordedAfterMs} ms, worst wait ${r.worstWaitMs} ms, by catch-up ${r.recordedByCatchUp}, manual ${r.manualActions}, calls/firing ${r.callsPerFiring} (${r.callsUnderLock} under the lock)`);
    }
  });
});
