/**
 * Participants submitting forms, and the installable form-submit triggers Google fires for them.
 *
 * `submit` is what a participant's browser does: the response is stored, its row appended to the form's
 * destination sheet, then every installed spreadsheet ON_FORM_SUBMIT trigger of that spreadsheet runs its
 * handler in the loaded bundle with a Google-shaped event:
 *   { authMode: 'FULL', range (the new row), source (the spreadsheet), triggerUid, values: string[], namedValues: { title: string[] } }
 * Faults seen in production can be asked for: `duplicateFiring` runs the handler twice with the same event,
 * `blankSecondFiring` runs it a second time with every answer blank (community reports since 2015; the
 * timestamp and range are kept — an assumption, reports differ).
 *
 * `submitConcurrently` interleaves two executions: the second participant's response arrives (its row is
 * appended) while the first execution holds a lock (script or document lock). With `secondWaits` (the usual case: waitLock
 * waits up to its timeout) the second execution runs as soon as the first releases the lock; without it the
 * second execution runs at once and meets the held lock, as when the first runs past the second's timeout.
 * A handler that throws is recorded as a failed execution, as in the Apps Script executions list; the
 * participant sees nothing of it.
 */
import { Runtime } from './runtime';
import { Answer, Form, FormModel, FormResponse, FormStore, ResponseModel } from './forms';
import { LockState, TriggerRecord } from './services';
import { Sheet } from './spreadsheet';

export interface SubmitOptions {
  /** Google fires the trigger twice for this response (same event). */
  duplicateFiring?: boolean;
  /** A second firing arrives with every answer blank. */
  blankSecondFiring?: boolean;
  /** Ledger operation the handler's calls are counted under (default: the handler's name). */
  operation?: string;
}

export interface ExecutionRecord {
  executionId: string;
  handler: string;
  triggerUid: string;
  kind: 'first' | 'duplicate' | 'blank';
  outcome: 'completed' | 'failed';
  error?: string;
}

export interface SubmissionResult {
  responseId: string;
  row: number | null;
  executions: ExecutionRecord[];
}

export interface Participant { formId: string; answers: Record<string, Answer> }

type Invoke = (handler: string, args: unknown[], operation: string, owner?: string) => unknown;

/** The lock holder map, observed so that a second execution can arrive while the first holds it. */
class ObservedHolders extends Map<string, string> {
  onAcquire: ((lockName: string, executionId: string) => void) | null = null;
  override set(key: string, value: string): this {
    const before = this.get(key);
    super.set(key, value);
    if (before !== value && this.onAcquire) this.onAcquire(key, value);
    return this;
  }
}

export class FormSubmissions {
  readonly executions: ExecutionRecord[] = [];
  private executionSeq = 1;
  private readonly holders: ObservedHolders;

  constructor(
    private readonly runtime: Runtime,
    readonly store: FormStore,
    private readonly triggers: TriggerRecord[],
    locks: LockState,
    private readonly invoke: Invoke,
  ) {
    this.holders = new ObservedHolders(locks.holders);
    locks.holders = this.holders;
  }

  /** A participant submits `answers` (question title → answer) to the form; installed triggers fire. */
  submit(formId: string, answers: Record<string, Answer>, options: SubmitOptions = {}): SubmissionResult {
    const { form, response, row } = this.store.submitAsParticipant(formId, answers);
    const executions = this.fire(form, row, options, response);
    return { responseId: response.id, row, executions };
  }

  /**
   * Two participants submit at nearly the same time: the second response arrives while the first execution
   * holds the script lock.
   */
  submitConcurrently(first: Participant, second: Participant, options: { secondWaits?: boolean; operation?: string } = {}): [SubmissionResult, SubmissionResult] {
    const secondWaits = options.secondWaits ?? true;
    let secondResult: SubmissionResult | null = null;
    let queued: (() => void) | null = null;
    let firstExecutionId: string | null = null;
    const previous = this.holders.onAcquire;
    this.holders.onAcquire = (lockName, executionId) => {
      if (secondResult || firstExecutionId === null || executionId !== firstExecutionId) return;
      this.holders.onAcquire = previous;
      const { form, response, row } = this.store.submitAsParticipant(second.formId, second.answers);
      secondResult = { responseId: response.id, row, executions: [] };
      const run = () => { secondResult!.executions.push(...this.fire(form, row, { operation: options.operation }, response)); };
      if (secondWaits) queued = run; else run();
    };
    this.pendingFirstExecution = (id) => { firstExecutionId = id; };
    try {
      const firstResult = this.submit(first.formId, first.answers, { operation: options.operation });
      const waiting = queued as (() => void) | null;
      if (waiting) waiting();
      if (!secondResult) {
        // The first execution never took the script lock: the second simply arrives afterwards.
        secondResult = this.submit(second.formId, second.answers, { operation: options.operation });
      }
      return [firstResult, secondResult];
    } finally {
      this.holders.onAcquire = previous;
      this.pendingFirstExecution = null;
    }
  }

  private pendingFirstExecution: ((executionId: string) => void) | null = null;

  /**
   * Fires the installed triggers for a response row that is already in its sheet (stored earlier with
   * `store.submitAsParticipant`): the execution that was waiting for a lock, starting once it is free.
   */
  fireFor(formId: string, row: number | null, options: SubmitOptions = {}): ExecutionRecord[] {
    return this.fire(this.store.get(formId), row, options);
  }

  private fire(form: FormModel, row: number | null, options: SubmitOptions, response?: ResponseModel): ExecutionRecord[] {
    const out: ExecutionRecord[] = [];
    // A trigger installed on the form itself (a script bound to the form): its event carries the FormResponse and the
    // Form (https://developers.google.com/apps-script/guides/triggers/events#form-submit_1).
    if (response) {
      for (const trigger of this.triggers.filter((t) => t.eventType === 'ON_FORM_SUBMIT' && t.source === 'FORMS' && t.sourceId === form.id)) {
        const event = { authMode: 'FULL', response: this.runtime.expose(new FormResponse(form, response, true)), source: this.runtime.expose(new Form(form)), triggerUid: trigger.id };
        out.push(this.execute(trigger, event, 'first', options.operation));
      }
    }
    const sheet = form.destinationSheet();
    if (sheet && row !== null) {
      const matching = this.triggers.filter((t) => t.eventType === 'ON_FORM_SUBMIT' && t.source === 'SPREADSHEETS' && t.sourceId === sheet.spreadsheet.id);
      for (const trigger of matching) {
        const event = this.sheetEvent(sheet, row, trigger, false);
        out.push(this.execute(trigger, event, 'first', options.operation));
        if (options.duplicateFiring) out.push(this.execute(trigger, event, 'duplicate', options.operation));
        if (options.blankSecondFiring) out.push(this.execute(trigger, this.sheetEvent(sheet, row, trigger, true), 'blank', options.operation));
      }
    }
    return out;
  }

  private sheetEvent(sheet: Sheet, row: number, trigger: TriggerRecord, blank: boolean): Record<string, unknown> {
    const lastColumn = sheet.getLastColumn();
    const header = sheet.rangeAt(1, 1, 1, lastColumn).getDisplayValues()[0]!;
    const range = sheet.rangeAt(row, 1, 1, lastColumn);
    const values = range.getDisplayValues()[0]!.map((v, i) => (blank && i > 0 ? '' : v));
    const namedValues: Record<string, string[]> = {};
    header.forEach((title, i) => { (namedValues[title] ??= []).push(values[i] ?? ''); });
    return {
      authMode: 'FULL',
      range: this.runtime.expose(range),
      source: this.runtime.expose(sheet.spreadsheet),
      triggerUid: trigger.id,
      values,
      namedValues,
    };
  }

  private execute(trigger: TriggerRecord, event: Record<string, unknown>, kind: ExecutionRecord['kind'], operation?: string): ExecutionRecord {
    const executionId = `exec-trigger-${++this.executionSeq}`;
    const previous = this.runtime.executionId;
    this.runtime.executionId = executionId;
    const record: ExecutionRecord = { executionId, handler: trigger.handlerFunction, triggerUid: trigger.id, kind, outcome: 'completed' };
    if (this.pendingFirstExecution) {
      this.pendingFirstExecution(executionId);
      this.pendingFirstExecution = null;
    }
    try {
      this.invoke(trigger.handlerFunction, [event], operation ?? trigger.handlerFunction, trigger.owner);
    } catch (err) {
      record.outcome = 'failed';
      record.error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    } finally {
      // Apps Script releases an execution's locks when it ends.
      for (const [name, holder] of [...this.holders]) if (holder === executionId) this.holders.delete(name);
      this.runtime.executionId = previous;
    }
    this.executions.push(record);
    return record;
  }
}
