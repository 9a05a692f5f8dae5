/**
 * `emu.clock`: the modeled clock (timeline.ts) wired to this emulator — participants submitting at given modeled
 * times (each response lands in its sheet at that time and fires the form-submit triggers as an execution starting
 * then), user commands at given times, and time-driven triggers (ScriptApp.newTrigger(...).timeBased()) firing in
 * order as the clock passes their time.
 */
import type { Runtime } from './runtime';
import type { Answer } from './forms';
import type { LockState, TriggerRecord } from './services';
import type { FormSubmissions } from './triggers';
import { ExecutionOutcome, Timeline } from './timeline';

type Run = (functionName: string, args?: unknown[], opts?: { operation?: string; inheritExecution?: boolean; asUser?: string }) => unknown;

export function createClock(runtime: Runtime, locks: LockState, triggers: TriggerRecord[], submissions: FormSubmissions, run: Run) {
  const timeline = new Timeline(runtime, locks);
  timeline.clockTriggers = {
    nextDue(until) {
      let due: TriggerRecord | null = null;
      for (const t of triggers) {
        if (t.schedule && t.schedule.nextAt <= until && (!due || t.schedule.nextAt < due.schedule!.nextAt)) due = t;
      }
      if (!due) return null;
      const trigger = due;
      const at = trigger.schedule!.nextAt;
      return {
        at,
        label: trigger.handlerFunction,
        fire: () => {
          const schedule = trigger.schedule!;
          if (schedule.everyMs === null) {
            // A one-off trigger (after/at) runs once; Google leaves it listed but it never fires again.
            schedule.nextAt = Number.POSITIVE_INFINITY;
          } else {
            schedule.nextAt = at + schedule.everyMs;
          }
          run(trigger.handlerFunction, [clockEvent(trigger, at)], { operation: trigger.handlerFunction, inheritExecution: true, ...(trigger.owner ? { asUser: trigger.owner } : {}) });
        },
      };
    },
  };
  const toMs = (at: Date | number) => (typeof at === 'number' ? at : at.getTime());
  const enable = () => {
    if (timeline.enabled) return;
    timeline.enable();
    // Firings due while the clock was not modeled are not replayed: Google would have run them then.
    const now = timeline.worldNow;
    for (const t of triggers) {
      const schedule = t.schedule;
      if (!schedule || schedule.nextAt >= now) continue;
      if (schedule.everyMs === null) schedule.nextAt = Number.POSITIVE_INFINITY;
      else schedule.nextAt += Math.ceil((now - schedule.nextAt) / schedule.everyMs) * schedule.everyMs;
    }
  };

  return {
    timeline,
    /** Executions on the modeled clock, in start order: start, end, outcome, lock wait and hold, calls. */
    get executions() { return timeline.executions; },
    /** Starts the modeled clock at the runtime's "now" (idempotent). */
    enable(): void { enable(); },
    /** Back to the ordinary clock. */
    disable(): void { timeline.disable(); },
    now(): number { return timeline.enabled ? timeline.worldNow : runtime.now().getTime(); },
    /** A participant submits at `at`: the response lands then, and the form-submit triggers fire as an execution starting then. */
    submitAt(at: Date | number, formId: string, answers: Record<string, Answer>, label = 'onFormSubmit'): void {
      enable();
      const when = toMs(at);
      let landed: { row: number | null } | null = null;
      timeline.landAt(when, `response ${formId}`, () => { landed = { row: submissions.store.submitAsParticipant(formId, answers).row }; });
      timeline.startAt(when, label, (): ExecutionOutcome | void => {
        const row = (landed as { row: number | null } | null)?.row ?? null;
        const records = submissions.fireFor(formId, row, { operation: label });
        const failed = records.find((r) => r.outcome === 'failed');
        return failed ? { failed: failed.error ?? 'failed' } : undefined;
      });
    },
    /** A user runs a top-level function at `at` (a menu command, a sidebar call). */
    runAt(at: Date | number, functionName: string, args: unknown[] = [], operation = functionName): void {
      enable();
      timeline.startAt(toMs(at), operation, () => { run(functionName, args, { operation, inheritExecution: true }); });
    },
    /** Advances the clock to `at`, running everything due — submissions, commands, time-driven triggers — in time order. */
    advanceTo(at: Date | number): void {
      enable();
      timeline.runUntil(toMs(at));
    },
    advanceBy(ms: number): void {
      enable();
      timeline.runUntil(timeline.worldNow + ms);
    },
  };
}

/** A time-driven trigger's event object (developers.google.com/apps-script/guides/triggers/events#time-driven-events), in UTC. */
function clockEvent(trigger: TriggerRecord, at: number): Record<string, unknown> {
  const d = new Date(at);
  return {
    authMode: 'FULL',
    triggerUid: trigger.id,
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    'day-of-month': d.getUTCDate(),
    'day-of-week': d.getUTCDay() === 0 ? 7 : d.getUTCDay(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    timezone: 'UTC',
  };
}
