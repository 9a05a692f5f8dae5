import { checkScopes } from './scopes';

/**
 * The emulator's runtime: every Apps Script service object handed to the add-on goes through
 * `expose`, a proxy that records each method call in the call ledger (one call = one round trip
 * to Google in production), checks the method's OAuth scopes against Google's reference (scopes.ts), and can
 * throw a Google-worded exception at a chosen call.
 */

import { notEmulatedMember } from './not-emulated';
import type { ExecutionTime } from './execution-limit';
import { callLatencyMs } from './timeline';

/** Marks an emulator class as an Apps Script service object: its methods are counted. */
/** Emulator-only: what a call touches (not an Apps Script method, so a symbol the add-on cannot reach by name). */
export const GAS_TARGET = Symbol('gasTarget');

export abstract class GasObject {
  /** e.g. "SpreadsheetApp" — the service this object belongs to in the ledger. */
  abstract readonly gasService: string;
  /** e.g. "Range" — the Apps Script class name. */
  abstract readonly gasType: string;
  /** What the call touches, for the ledger (a sheet's id for Sheet, Range, RangeList): lets tests tell calls apart. */
  [GAS_TARGET]?(): string;
}

/** Apps Script surfaces service failures as `Exception: …` errors. */
export class GasException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Exception';
  }
  override toString(): string {
    return `Exception: ${this.message}`;
  }
}

export interface CallRecord {
  operation: string;
  service: string;
  method: string; // "Range.getValues"
  /** The object touched, where the emulator knows it (e.g. "sheet:123" for a Sheet's or Range's calls). */
  target?: string;
}

export interface Fault {
  /** 1-based index of the counted call (since the fault was armed) that fails. */
  atCall: number;
  message: string;
  /** Only count calls of this service (e.g. "CalendarApp"); all services when omitted. */
  service?: string;
  /**
   * How many counted calls in a row fail from `atCall` (1 when omitted): e.g. a write and the retry its catch makes,
   * as when the execution dies there.
   */
  times?: number;
}

/** Default Google wordings used by fault injection. */
export const GOOGLE_ERRORS = {
  tooManyCalls: (service: string) => `Service invoked too many times for one day: ${service}.`,
  unavailable: (service: string) => `Service unavailable: ${service}`,
  timedOut: (id: string) => `Service Spreadsheets timed out while accessing document with id ${id}.`,
  lockTimeout: 'Lock timeout: another process was holding the lock for too long.',
  /** The wording users most often report from triggers and long runs (no service named). */
  serverError: "We're sorry, a server error occurred. Please wait a bit and try again.",
  serviceError: (service: string) => `Service error: ${service}`,
} as const;

/** Something that happens between two calls of a running execution (another execution arriving, a user's click). */
export interface Interleave {
  /** 1-based index of the counted call (since armed) before which `run` happens. */
  atCall: number;
  run: () => void;
}

export class CallLedger {
  readonly records: CallRecord[] = [];
  operation = '(none)';

  record(service: string, method: string, target?: string): CallRecord {
    const r: CallRecord = target === undefined ? { operation: this.operation, service, method } : { operation: this.operation, service, method, target };
    this.records.push(r);
    return r;
  }

  /** Runs `fn` with calls attributed to `operation`. */
  within<T>(operation: string, fn: () => T): T {
    const previous = this.operation;
    this.operation = operation;
    try {
      return fn();
    } finally {
      this.operation = previous;
    }
  }

  count(filter: { operation?: string; service?: string; method?: string } = {}): number {
    return this.records.filter(
      (r) =>
        (filter.operation === undefined || r.operation === filter.operation) &&
        (filter.service === undefined || r.service === filter.service) &&
        (filter.method === undefined || r.method === filter.method),
    ).length;
  }

  /** { operation: { "Service.Type.method": n } } */
  byOperation(): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    for (const r of this.records) {
      const op = (out[r.operation] ??= {});
      const key = `${r.service}.${r.method}`;
      op[key] = (op[key] ?? 0) + 1;
    }
    return out;
  }

  /** { "Service.Type.method": n } for one operation or all. */
  byMethod(operation?: string): Record<string, number> {
    return this.countBy((r) => `${r.service}.${r.method}`, operation);
  }

  byService(operation?: string): Record<string, number> {
    return this.countBy((r) => r.service, operation);
  }

  private countBy(keyOf: (r: (typeof this.records)[number]) => string, operation?: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.records) {
      if (operation !== undefined && r.operation !== operation) continue;
      const key = keyOf(r);
      out[key] = (out[key] ?? 0) + 1;
    }
    return out;
  }

  reset(): void {
    this.records.length = 0;
  }
}

const TARGET = Symbol('gasTarget');

export class Runtime {
  readonly ledger = new CallLedger();
  private fault: (Fault & { seen: number }) | null = null;
  private interleave: (Interleave & { seen: number }) | null = null;
  private readonly proxies = new WeakMap<object, object>();
  /** Injected clock so tests and the demo control "now". */
  private clockOffsetMs = 0;
  fixedNow: Date | null = null;
  /** Apps Script's ScriptApp.AuthMode of the running execution. */
  authMode: 'NONE' | 'LIMITED' | 'FULL' | 'CUSTOM_FUNCTION' = 'FULL';
  /** Identifies the running execution, for locks held across interleaved executions. */
  executionId = 'exec-1';
  user = { email: 'coordinator@example.jp', locale: 'ja' };
  /** Scopes the manifest asks for, and those the user granted (granular consent may grant fewer). */
  manifestScopes: string[] = [];
  grantedScopes: string[] = [];
  /**
   * Check each call's scopes against Google's reference (scopes.ts). Off only for the scope audit, which records what
   * the add-on calls with everything granted and then judges the calls against appsscript.json.
   */
  enforceScopes = true;
  /** Behave as an Editor add-on (one trigger per type per document, no triggers on other files). */
  isAddOn = true;

  now(): Date {
    return new Date((this.fixedNow ? this.fixedNow.getTime() : Date.now()) + this.clockOffsetMs);
  }

  /** Pins "now" (and forgets any advanceClock offset). */
  setNow(now: Date): void {
    this.fixedNow = new Date(now.getTime());
    this.clockOffsetMs = 0;
  }

  advanceClock(ms: number): void {
    this.clockOffsetMs += ms;
  }

  /**
   * The running execution of the script (set by `emu.run`), whose modeled time counts toward Google's 6-minute limit
   * (emulator/execution-limit.ts); null for calls made outside any execution (a test calling services directly).
   */
  execution: ExecutionTime | null = null;
  /**
   * Google's limit on one execution (360,000 ms: execution-limit.ts EXECUTION_LIMIT_MS, with its source). Only a test's
   * reference world — "what one unbounded run would leave" — lifts it (Infinity); nothing that stands for Google does.
   */
  executionLimitMs = 360_000;
  /** The execution that ended last: its modeled elapsed ms, calls, and whether Google stopped it at the limit. */
  lastExecution: ExecutionTime | null = null;
  /**
   * Modeled time without the timeline: each counted call advances "now" by its latency (`callLatencyMs`), so the script
   * sees its own elapsed time through `Date.now()` / `new Date()`. One line in a test: `emu.runtime.modelTime = true`.
   * (With emu.clock on, the timeline advances the clock itself and this flag adds nothing.)
   */
  modelTime = false;

  /** Time the running execution spends waiting (Utilities.sleep, a lock wait on the modeled clock): it counts toward the limit. */
  wait(ms: number): void {
    this.advanceClock(ms);
    this.execution?.spend(ms);
  }

  /** Arms a fault: the `atCall`-th counted call from now throws `Exception: message`. */
  failAt(fault: Fault): void {
    this.fault = { ...fault, seen: 0 };
  }

  clearFault(): void {
    this.fault = null;
  }

  /**
   * Arms an interleaving: just before the `atCall`-th counted call from now, `run` executes (e.g. a second trigger
   * execution or an RPC), then the first execution carries on with that call. JavaScript here is single-threaded, so
   * this is how the emulator expresses "another execution ran between these two round trips".
   */
  interleaveAt(interleave: Interleave): void {
    this.interleave = { ...interleave, seen: 0 };
  }

  /** True while an armed interleaving has not run yet. */
  get interleavePending(): boolean {
    return this.interleave !== null;
  }

  /** True while an armed fault has not fired yet. */
  get faultPending(): boolean {
    return this.fault !== null;
  }

  /** The modeled clock's hook (emulator/timeline.ts): lands due responses and advances time by the call's latency. */
  beforeCall: ((service: string, method: string) => void) | null = null;

  /** Counts a call made outside a proxied object (e.g. a static service function). */
  track(service: string, method: string, target?: string): void {
    const execution = this.execution;
    execution?.ensureRunning();
    const latencyMs = execution || this.modelTime ? callLatencyMs(method) : 0;
    if (this.modelTime && !this.beforeCall) this.advanceClock(latencyMs);
    this.beforeCall?.(service, method);
    const il = this.interleave;
    if (il) {
      il.seen += 1;
      if (il.seen === il.atCall) {
        this.interleave = null;
        // The other execution runs first, under its own attribution; this call is recorded after it.
        const operation = this.ledger.operation;
        try {
          il.run();
        } finally {
          this.ledger.operation = operation;
        }
      }
    }
    this.ledger.record(service, method, target);
    // Google's 6-minute limit (execution-limit.ts): the call that crosses it was sent, and is not carried out.
    execution?.call(latencyMs);
    const f = this.fault;
    if (f && (f.service === undefined || f.service === service)) {
      f.seen += 1;
      if (f.seen >= f.atCall) {
        if (f.seen >= f.atCall + (f.times ?? 1) - 1) this.fault = null;
        throw new GasException(f.message);
      }
    }
  }

  /** Wraps a service object so that every method call is counted and may fault. */
  expose<T extends object>(target: T): T {
    const existing = this.proxies.get(target);
    if (existing) return existing as T;
    const runtime = this;
    const proxy = new Proxy(target, {
      get(t, prop, receiver) {
        if (prop === TARGET) return t;
        const value = Reflect.get(t, prop, receiver);
        if (value === undefined && typeof prop === 'string' && !(prop in t) && (t instanceof GasObject || isServiceNamespace(t))) {
          const { service, type } = describe(t);
          return notEmulatedMember(service, type, prop);
        }
        if (typeof value !== 'function' || typeof prop === 'symbol' || prop === 'constructor') {
          return runtime.wrapResult(value);
        }
        if (!(t instanceof GasObject) && !isServiceNamespace(t)) return value;
        return function (this: unknown, ...args: unknown[]) {
          const { service, type } = describe(t);
          runtime.track(service, `${type}.${prop}`, (t as GasObject)[GAS_TARGET]?.());
          // After recording: Google makes the round trip and refuses it, so a refused call costs a call (the ledger
          // and fault indices stay those of the call sequence the add-on made).
          checkScopes(runtime, service, type, prop);
          const result = (value as (...a: unknown[]) => unknown).apply(t, args.map(unwrap));
          return runtime.wrapResult(result);
        };
      },
    });
    this.proxies.set(target, proxy);
    return proxy as T;
  }

  private wrapResult(value: unknown): unknown {
    if (value instanceof GasObject || isServiceNamespace(value)) return this.expose(value as object);
    if (Array.isArray(value) && value.some((v) => v instanceof GasObject)) {
      return value.map((v) => (v instanceof GasObject ? this.expose(v) : v));
    }
    return value;
  }
}

/** A plain service namespace such as the SpreadsheetApp global: `{ gasService, gasType, ...methods }`. */
function isServiceNamespace(v: unknown): v is GasObject {
  return typeof v === 'object' && v !== null && typeof (v as GasObject).gasService === 'string' && !(v instanceof GasObject) && typeof (v as GasObject).gasType === 'string';
}

function describe(t: object): { service: string; type: string } {
  const g = t as GasObject;
  return { service: g.gasService, type: g.gasType };
}

/** Objects passed back into the emulator are unwrapped so internal work is not counted. */
export function unwrap<T>(v: T): T {
  if (v && typeof v === 'object') {
    const target = (v as Record<symbol, unknown>)[TARGET];
    if (target) return target as T;
  }
  return v;
}
