/**
 * The modeled clock: executions that overlap in time, on one JavaScript thread.
 *
 * Every service call takes a round trip in production: `callLatencyMs` (160 ms by default, docs/ARCHITECTURE.md "Speed": a
 * measured 1,000-row copy, 318,580 ms cell by cell vs 333 ms batched ≈ 160 ms per call; creates and exports 1 s,
 * an assumption with no measurement behind it, taken high so the model errs slow). With the timeline enabled, each
 * counted call advances the running execution's clock by that latency (runtime.track → `beforeCall`).
 *
 * How overlapping executions run. JavaScript is single-threaded, so an execution runs to completion once started;
 * what makes the answers truthful is the order and the clock each one runs at:
 * - Things happen at modeled times: a participant's response landing in its sheet, an execution starting (its form-
 *   submit firing, a time-driven trigger, a user's command). They are processed in time order; each execution starts
 *   its own clock at its start time.
 * - The document lock is FIFO on the modeled timeline (an assumption: Google documents no order among waiters). A
 *   lock remembers when its last holder released it (`LockState.freeAt`); `waitLock`/`tryLock` called at time t waits
 *   until then, or, if that is more than its timeout away, fails at t + timeout with Google's wording. Because every
 *   earlier-starting execution has already run, the lock's release time is known when a later one asks — so who
 *   holds the lock when, who waits, for how long, and who times out are exactly what FIFO would give.
 * - What an execution sees under the lock is right too: its critical section starts after every earlier holder's has
 *   ended (FIFO), and a response that lands before a call is delivered before that call (`beforeCall` delivers every
 *   landing up to the running execution's clock). The one inexactness: calls an execution makes before asking for the
 *   lock run in JavaScript after earlier executions finished, so they may see rows that land "later" than their own
 *   clock; the form-submit handler's pre-lock calls only read the event object and the events sheet, which a burst
 *   does not change.
 * - Apps Script allows 30 simultaneous executions per user (developers.google.com/apps-script/guides/services/quotas:
 *   "Simultaneous executions per user: 30 / user"); an execution that would start while 30 are running is refused
 *   with `TOO_MANY_SIMULTANEOUS` (wording assumed: reported by users, not in Google's reference). Executions that
 *   started earlier all have known end times, so "running at t" is exact.
 * - Time-driven triggers fire when the clock passes their next time (triggers' `clock` schedule, services.ts).
 * Deterministic: no wall-clock or random input; a burst's arrival times come from a seeded generator.
 */
import type { Runtime } from './runtime';

export const DEFAULT_CALL_MS = 160;
/**
 * Calls that create or export a file, or notify people: 1 s each (assumed, see above). Keyed by "Type.method" — DriveApp's
 * and the Advanced Drive service's (`Files.create`, `Files.copy`) alike, and the PDF export (`Document.getAs`); the bench
 * uses the same list (bench/bench.ts).
 */
const SLOW_CALLS = /^(FormApp\.create|DocumentApp\.create|File\.makeCopy|Folder\.createFile|File\.getAs|Files\.create|Files\.copy|Document\.getAs|Document\.saveAndClose|Calendar\.createEvent|Calendar\.createEventSeries|EventsCollection\.patch|EventsCollection\.remove)$/;

export function callLatencyMs(method: string): number {
  return SLOW_CALLS.test(method) ? 1000 : DEFAULT_CALL_MS;
}

/** Apps Script's limit on simultaneous executions per user (quotas page, above). */
export const SIMULTANEOUS_EXECUTIONS = 30;
/** Assumed wording (users report it; Google's reference does not print it). */
export const TOO_MANY_SIMULTANEOUS = 'There are too many scripts running simultaneously for this Google user account.';

export interface TimedExecution {
  executionId: string;
  label: string;
  /** Modeled ms since the epoch. */
  start: number;
  end: number;
  outcome: 'completed' | 'failed' | 'refused';
  error?: string;
  /** Modeled ms spent waiting for locks, and holding them. */
  lockWaitMs: number;
  lockHeldMs: number;
  /** A lock request that gave up (tryLock false or waitLock threw). */
  lockTimedOut: boolean;
  calls: number;
}

/** What an execution reports when it handled its own failure (the form-submit firing records it, as Google's executions list does). */
export interface ExecutionOutcome { failed?: string }

interface Scheduled {
  at: number;
  seq: number;
  kind: 'landing' | 'execution';
  label: string;
  run: () => void | ExecutionOutcome;
  done?: boolean;
}

export interface LockEntry { executionId: string; name: string; requestedAt: number; acquiredAt: number | null; releasedAt: number | null }

/** Modeled lock bookkeeping shared with LockService (services.ts). */
export interface ModeledLocks {
  /** True while the timeline runs: lock waits happen in modeled time. */
  modeled: boolean;
  freeAt: Map<string, number>;
  log: LockEntry[];
}

export interface ClockTriggerSource {
  /** Due time-driven triggers: the earliest `nextAt` ≤ until, or null. */
  nextDue(until: number): { at: number; fire: () => void | ExecutionOutcome; label: string } | null;
}

export class Timeline {
  enabled = false;
  readonly executions: TimedExecution[] = [];
  private readonly queue: Scheduled[] = [];
  private seq = 0;
  private execSeq = 0;
  /** The latest modeled time anything reached: the world's "now" between executions. */
  worldNow = 0;
  clockTriggers: ClockTriggerSource | null = null;
  /** Called after each execution ends (a harness observing the stores as the burst goes). */
  onExecutionEnd: ((execution: TimedExecution) => void) | null = null;

  constructor(private readonly runtime: Runtime, private readonly locks: ModeledLocks) {}

  /** Turns the modeled clock on, starting at the runtime's "now". */
  enable(): void {
    if (this.enabled) return;
    this.enabled = true;
    this.worldNow = this.runtime.now().getTime();
    this.locks.modeled = true;
    this.pin(this.worldNow);
    this.runtime.beforeCall = (_service, method) => {
      this.deliverLandings(this.runtime.now().getTime());
      this.runtime.advanceClock(callLatencyMs(method));
    };
  }

  private pin(ms: number): void {
    this.runtime.setNow(new Date(ms));
  }

  /** Back to the ordinary clock (the preview, after replaying a burst): calls take no time, locks do not wait. */
  disable(): void {
    if (!this.enabled) return;
    this.runUntil(this.worldNow);
    this.enabled = false;
    this.locks.modeled = false;
    this.runtime.beforeCall = null;
  }

  /** Something that changes the world at `at` without being an execution (a participant's response landing). */
  landAt(at: number, label: string, run: () => void): void {
    this.queue.push({ at, seq: ++this.seq, kind: 'landing', label, run });
  }

  /** An execution that starts at `at` (a trigger firing, a user's command): `run` is the whole execution. */
  startAt(at: number, label: string, run: () => void | ExecutionOutcome): void {
    this.queue.push({ at, seq: ++this.seq, kind: 'execution', label, run });
  }

  /** Runs everything due up to `until` (modeled ms), in time order; the world's clock ends at `until` or later. */
  runUntil(until: number): void {
    for (;;) {
      const next = this.nextItem(until);
      if (!next) break;
      if ('fire' in next) {
        this.execute(next.at, next.label, next.fire);
        continue;
      }
      next.done = true;
      if (next.kind === 'landing') this.land(next);
      else this.execute(next.at, next.label, next.run);
    }
    this.queue.splice(0, this.queue.length, ...this.queue.filter((q) => !q.done));
    this.worldNow = Math.max(this.worldNow, until);
    this.pin(this.worldNow);
  }

  /** Runs until nothing is queued (time-driven triggers do not keep it going). */
  drain(): void {
    const last = this.queue.reduce((m, q) => Math.max(m, q.at), this.worldNow);
    this.runUntil(last);
  }

  /** Executions running at `t` (started, not ended, not refused). */
  runningAt(t: number): number {
    return this.executions.filter((e) => e.outcome !== 'refused' && e.start <= t && t < e.end).length;
  }

  private nextItem(until: number): Scheduled | { at: number; fire: () => void | ExecutionOutcome; label: string } | null {
    let best: Scheduled | null = null;
    for (const q of this.queue) {
      if (q.done || q.at > until) continue;
      if (!best || q.at < best.at || (q.at === best.at && q.seq < best.seq)) best = q;
    }
    const due = this.clockTriggers?.nextDue(best ? best.at - 1 : until) ?? null;
    if (due && (!best || due.at < best.at)) return due;
    return best;
  }

  private land(item: Scheduled): void {
    const previous = this.runtime.now().getTime();
    this.pin(item.at);
    try {
      item.run();
    } finally {
      this.pin(previous);
    }
    this.worldNow = Math.max(this.worldNow, item.at);
  }

  /** Lands every response due by `t` (called before each counted call of a running execution). */
  private deliverLandings(t: number): void {
    const due = this.queue.filter((q) => !q.done && q.kind === 'landing' && q.at <= t).sort((a, b) => a.at - b.at || a.seq - b.seq);
    for (const q of due) {
      q.done = true;
      this.land(q);
    }
  }

  private execute(at: number, label: string, run: () => void | ExecutionOutcome): void {
    const executionId = `exec-timeline-${++this.execSeq}`;
    const record: TimedExecution = { executionId, label, start: at, end: at, outcome: 'completed', lockWaitMs: 0, lockHeldMs: 0, lockTimedOut: false, calls: 0 };
    this.executions.push(record);
    if (this.runningAt(at) >= SIMULTANEOUS_EXECUTIONS) {
      record.outcome = 'refused';
      record.error = `Exception: ${TOO_MANY_SIMULTANEOUS}`;
      return;
    }
    record.end = Number.POSITIVE_INFINITY; // counts as running while it runs
    const previousId = this.runtime.executionId;
    this.runtime.executionId = executionId;
    this.pin(at);
    const callsBefore = this.runtime.ledger.records.length;
    const logStart = this.locks.log.length;
    try {
      const outcome = run();
      if (outcome && outcome.failed) {
        record.outcome = 'failed';
        record.error = outcome.failed;
      }
    } catch (err) {
      record.outcome = 'failed';
      record.error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    } finally {
      const end = this.runtime.now().getTime();
      record.end = end;
      record.calls = this.runtime.ledger.records.length - callsBefore;
      // Entries this execution made (a trigger firing runs under its own execution id inside this one).
      for (const entry of this.locks.log.slice(logStart)) {
        // Apps Script releases an execution's locks when it ends.
        if (entry.acquiredAt !== null && entry.releasedAt === null) {
          entry.releasedAt = end;
          this.locks.freeAt.set(entry.name, Math.max(this.locks.freeAt.get(entry.name) ?? 0, end));
        }
        record.lockWaitMs += (entry.acquiredAt ?? end) - entry.requestedAt;
        if (entry.acquiredAt === null) record.lockTimedOut = true;
        else record.lockHeldMs += (entry.releasedAt ?? end) - entry.acquiredAt;
      }
      this.runtime.executionId = previousId;
      this.worldNow = Math.max(this.worldNow, end);
      this.pin(this.worldNow);
    }
    this.onExecutionEnd?.(record);
  }
}

/** A small seeded generator (mulberry32): the same seed gives the same burst. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type ArrivalPattern = 'uniform' | 'at once' | 'poisson';

/**
 * Offsets (ms from the burst's start) of `n` arrivals: evenly over `spanMs`, all at once, or a seeded Poisson process
 * of rate n/spanMs. Strictly increasing by at least 1 ms ("all at once" is n responses in n ms): Google stamps each
 * response with its own time, and the add-on tells identical answers apart by it.
 */
export function arrivalOffsets(n: number, pattern: ArrivalPattern, spanMs: number, seed = 1): number[] {
  const random = seeded(seed);
  const mean = spanMs / n;
  let poisson = 0;
  const raw = Array.from({ length: n }, (_, i) => {
    if (pattern === 'at once') return 0;
    if (pattern === 'uniform') return Math.round((i * spanMs) / n);
    poisson += -Math.log(1 - random()) * mean;
    return Math.round(poisson);
  });
  for (let i = 1; i < raw.length; i++) raw[i] = Math.max(raw[i]!, raw[i - 1]! + 1);
  return raw;
}
