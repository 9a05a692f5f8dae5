/**
 * Runs the built dist/Code.js in a node:vm context that holds only Apps Script-like globals:
 * no require, process, module, setTimeout or fetch, so what runs here is what `clasp push` uploads.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from './paths';
import * as vm from 'node:vm';

export type AddOnGlobal = Record<string, (...args: unknown[]) => unknown>;

export const DEFAULT_BUNDLE = path.join(projectRoot(), 'dist', 'Code.js');

/**
 * `services` are the Apps Script globals (already exposed through the runtime's counting proxy).
 * Returns the script's global object: call `g.onOpen(e)` etc. as Apps Script would.
 */
export function loadBundle(services: Record<string, unknown>, bundlePath = DEFAULT_BUNDLE, now?: () => number): AddOnGlobal {
  const code = readFileSync(bundlePath, 'utf8');
  const logs: string[] = [];
  const sandbox: Record<string, unknown> = {
    ...services,
    // Host intrinsics so that Dates and errors cross the boundary intact (`instanceof Date`).
    Date: now ? clockDate(now) : Date,
    Error,
    TypeError,
    RangeError,
    console: {
      log: (...a: unknown[]) => logs.push(a.map(String).join(' ')),
      info: (...a: unknown[]) => logs.push(a.map(String).join(' ')),
      warn: (...a: unknown[]) => logs.push(a.map(String).join(' ')),
      error: (...a: unknown[]) => logs.push(a.map(String).join(' ')),
    },
    Logger: { log: (...a: unknown[]) => logs.push(a.map(String).join(' ')) },
  };
  sandbox.__logs = logs;
  const context = vm.createContext(sandbox, { name: 'Apps Script V8', codeGeneration: { strings: false, wasm: false } });
  vm.runInContext(code, context, { filename: 'Code.js' });
  return context as unknown as AddOnGlobal;
}

/**
 * The host's Date, except that `new Date()`, `Date()` and `Date.now()` read the emulator's clock, so the add-on's
 * "today" follows the demo's and the tests' pinned time. Instances are host Dates (instanceof works both ways).
 */
export function clockDate(now: () => number): DateConstructor {
  const Host = Date;
  function ClockDate(this: unknown, ...args: unknown[]): unknown {
    if (!new.target) return new Host(now()).toString();
    return args.length ? new (Host as unknown as new (...a: unknown[]) => Date)(...args) : new Host(now());
  }
  ClockDate.prototype = Host.prototype;
  Object.assign(ClockDate, { now, UTC: Host.UTC, parse: Host.parse });
  Object.defineProperty(ClockDate, Symbol.hasInstance, { value: (v: unknown) => v instanceof Host });
  return ClockDate as unknown as DateConstructor;
}
