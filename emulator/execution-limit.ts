/**
 * Google's limit on one execution's run time, on modeled time.
 *
 * Apps Script stops an execution after 6 minutes: "Script runtime | 6 min / execution" in the "Current limitations"
 * table of https://developers.google.com/apps-script/guides/services/quotas (the same for consumer and Workspace
 * accounts). The stopped execution fails with "Exceeded maximum execution time" — the wording Google's failure
 * notification e-mail and the Executions list show (quoted by users: github.com/GioBonvi/GoogleContactsEventsNotifier
 * issue 155, the "Summary of failures for Google Apps Script" mail; github.com/benlcollins/apps_script issue 1; Google's
 * reference does not print it, so the wording is reported, not documented).
 *
 * The model. Every execution of the script (`emu.run`: a menu function, a sidebar RPC, a trigger — each is one run)
 * starts its own `ExecutionTime`. Each counted service call adds its modeled latency (`callLatencyMs`, timeline.ts:
 * 160 ms, 1 s for creates and exports), and so does time the execution spends waiting (`Utilities.sleep`, a lock wait
 * on the modeled clock). This happens whether or not the modeled clock (emu.clock) is on. The call that would take the
 * execution past 360,000 ms is recorded in the ledger (it was sent) but not carried out, and throws; every later call
 * of that execution throws at once without being recorded (Google has stopped the script: nothing more reaches it).
 * Whatever the script does with the error — a try/catch can keep the JavaScript going in the vm, which Google's
 * termination would not allow — the run fails with the limit's error, whatever the function returned or threw.
 *
 * Limits of the model (it errs kind where it cannot know):
 * - the script's own CPU time between calls is not counted (nor loading dist/Code.js): only round trips and waits;
 * - a call's latency is a constant per kind of call, not what the call does (a 10,000-row getValues costs 160 ms);
 * - the crossing call is modeled as not applied; on Google a write in flight when the script is stopped may or may not
 *   have landed (the fault matrix's "failed call" is the same partial state);
 * - the script's code after a swallowed limit error still runs in the vm (it can make no call), where Google would
 *   stop it at once.
 */
import { GasException } from './runtime';

/** 6 minutes (quotas page above). */
export const EXECUTION_LIMIT_MS = 360_000;
/** Reported wording (see above). */
export const EXCEEDED_MAXIMUM_EXECUTION_TIME = 'Exceeded maximum execution time';

/** What a call (or a wait) meets once the execution has run out of time. */
export class ExecutionTimeExceeded extends GasException {
  constructor() {
    super(EXCEEDED_MAXIMUM_EXECUTION_TIME);
  }
}

/** One execution's modeled elapsed time (runtime.execution while it runs, runtime.lastExecution after). */
export class ExecutionTime {
  /** Modeled ms spent in calls and waits so far. */
  elapsedMs = 0;
  /** Counted calls made (including the one that crossed the limit). */
  calls = 0;
  /** The 1-based call at which Google stopped the execution, or null while it is within its time. */
  stoppedAtCall: number | null = null;

  constructor(readonly limitMs = EXECUTION_LIMIT_MS) {}

  get exceeded(): boolean {
    return this.stoppedAtCall !== null;
  }

  /** Before a counted call: an execution Google has stopped makes no more calls. */
  ensureRunning(): void {
    if (this.exceeded) throw new ExecutionTimeExceeded();
  }

  /** A counted call of `latencyMs`: throws when it takes the execution past its limit. */
  call(latencyMs: number): void {
    this.calls += 1;
    this.spend(latencyMs);
  }

  /** Time spent (a call's latency or a wait): throws when it takes the execution past its limit. */
  spend(ms: number): void {
    this.ensureRunning();
    if (this.elapsedMs + ms > this.limitMs) {
      this.elapsedMs = this.limitMs;
      this.stoppedAtCall = this.calls;
      throw new ExecutionTimeExceeded();
    }
    this.elapsedMs += ms;
  }
}
