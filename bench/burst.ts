/**
 * `npm run bench`, burst section (issue 22): N = 40 / 100 / 300 submissions of the registration and the survey form,
 * evenly over 60 s, all at once, and Poisson (seeded), on the emulator's modeled clock (emulator/timeline.ts: 160 ms
 * a call, FIFO document lock in modeled time, 30 simultaneous executions, the hourly catch-up firing as the clock
 * passes). Also each N with a coordinator's 45 s command holding the lock at the end of the burst. Writes
 * out/bench/bursts.json. BENCH_BURSTS=40 runs one size, BENCH_BURSTS=0 none.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { BurstReport, runBurst } from '../test/concurrency/burst-harness';

/** The form-submit trigger before issue 22 (commit 0f41cc5, measured with the same probe): 36 calls, 31 under the lock. */
const BEFORE = { calls: 36, underLock: 31 };

export function benchBursts(outDir: string): BurstReport[] {
  // BENCH_BURSTS=0 leaves the bursts out (a look at one grid size).
  const sizes = process.env.BENCH_BURSTS ? process.env.BENCH_BURSTS.split(',').map(Number).filter((n) => n > 0) : [40, 100, 300];
  if (!sizes.length) return [];
  const rows: (BurstReport & { scenario: string })[] = [];
  for (const n of sizes) {
    for (const purpose of ['registration', 'survey'] as const) {
      for (const pattern of ['uniform', 'at once', 'poisson'] as const) rows.push({ scenario: '', ...runBurst({ n, pattern, purpose, seed: n }) });
    }
    rows.push({ scenario: '45 s hold', ...runBurst({ n, pattern: 'uniform', purpose: 'registration', longHold: { at: 40_000, ms: 45_000 } }) });
  }
  writeFileSync(path.join(outDir, 'bursts.json'), JSON.stringify(rows, null, 2));
  const s = (ms: number | null) => (ms === null ? 'never' : (ms / 1000).toFixed(1));
  const head = ['form', 'arrivals', 'N', 'firings', 'recorded', 'gave up', 'refused', 'failed', 'peak', 'all in s', 'worst wait s', 'by catch-up', 'manual', 'calls', 'locked', 'dup', '定員順'];
  const lines = rows.map((r) => [
    r.purpose, `${r.pattern}${r.scenario ? ` + ${r.scenario}${r.longHold === 'ran' ? '' : ` (${r.longHold})`}` : ''}`, r.n, r.firings, r.recorded, r.deferred, r.refused, r.failed, r.peakRunning,
    s(r.allRecordedAfterMs), s(r.worstWaitMs), r.recordedByCatchUp, r.manualActions, r.callsPerFiring, r.callsUnderLock, r.duplicates, r.capacityInOrder ? 'ok' : 'NO',
  ].map(String));
  const width = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  console.log('\nBursts on the modeled clock (160 ms a call; FIFO document lock, firings wait 10 s; 30 simultaneous executions; hourly catch-up):');
  console.log(head.map((h, i) => (i < 2 ? h.padEnd(width[i]!) : h.padStart(width[i]!))).join('  '));
  for (const l of lines) console.log(l.map((c, i) => (i < 2 ? c.padEnd(width[i]!) : c.padStart(width[i]!))).join('  '));
  const at40 = rows.filter((r) => r.n === 40 && r.pattern === 'uniform' && !r.scenario);
  const reg = at40.find((r) => r.purpose === 'registration');
  const deferral = rows.find((r) => r.callsPerDeferral !== null)?.callsPerDeferral ?? null;
  const idle = rows.find((r) => r.callsPerIdleCatchUp !== null)?.callsPerIdleCatchUp ?? null;
  console.log(`- form-submit trigger, calls per firing that records (registration, N = 40 uniform): ${reg?.callsPerFiring} (${reg?.callsUnderLock} under the lock, held ${reg?.lockHeldMs} ms); before issue 22: ${BEFORE.calls} (${BEFORE.underLock} under the lock). A firing that gives up: ${deferral} calls, no failed execution. Catch-up with nothing pending: ${idle} calls, no lock.`);
  const ok = at40.every((r) => r.manualActions === 0 && r.duplicates === 0 && r.capacityInOrder && r.worstWaitMs !== null && r.worstWaitMs <= 3_600_000);
  console.log('- "refused": the firing never ran (more than 30 executions of this user at once); its response is still recorded by a firing that reads the sheet later. "(refused)" after "45 s hold": the coordinator\'s own command was refused too — when a burst keeps 30 executions running (300 a minute, or 40 in the same second), a menu command started then meets the limit.');
  console.log(`- Done when, N = 40 evenly over 60 s (registration and survey): every response recorded within 60 modeled minutes, no manual action, 0 duplicates, 定員 in submission order: ${ok ? 'holds' : 'DOES NOT HOLD'}`);
  return rows;
}
