/**
 * Runs the built dist/Code.js in a node:vm context that holds only Apps Script-like globals:
 * no require, process, module, setTimeout or fetch, so what runs here is what `clasp push` uploads.
 */
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from './paths';
import * as vm from 'node:vm';
import { createLogging } from './logging';
import { setFlagsFromString } from 'node:v8';

/**
 * Speed only, no change in behaviour (a V8 tiering choice): no on-stack replacement in this process. Every execution
 * runs the bundle in a new context, where V8 keeps no optimised code from the last one, so the bundle's start — one
 * long loop unpacking its string block (inflate, base91), in a function that runs once per execution — was compiled
 * by TurboFan mid-loop (OSR) on every execution, to be thrown away with the context: about half of an execution's
 * CPU (~50 → ~25 ms for `onOpen`). Functions called many times (the emulator's, the tests') are still optimised as
 * usual. Process-wide: the processes that load the emulator are the tests, the bench, the demo and the preview.
 */
setFlagsFromString('--no-use-osr');

export type AddOnGlobal = Record<string, (...args: unknown[]) => unknown>;

export const DEFAULT_BUNDLE = path.join(projectRoot(), 'dist', 'Code.js');

/**
 * `services` are the Apps Script globals (already exposed through the runtime's counting proxy).
 * Returns the script's global object: call `g.onOpen(e)` etc. as Apps Script would.
 */
/** Compiled bundles by path, reused while the file is unchanged: the fault matrix loads the bundle hundreds of times. */
const compiled = new Map<string, { stamp: string; script: vm.Script }>();

function compiledBundle(bundlePath: string): vm.Script {
  const st = statSync(bundlePath);
  const stamp = `${st.mtimeMs}:${st.size}`;
  const hit = compiled.get(bundlePath);
  if (hit && hit.stamp === stamp) return hit.script;
  const script = new vm.Script(readFileSync(bundlePath, 'utf8'), { filename: 'Code.js' });
  compiled.set(bundlePath, { stamp, script });
  return script;
}

/** The context of the script loaded last: the running execution (each run loads the script afresh). */
let currentContext: vm.Context | null = null;

/**
 * Compiles `code` in the running script's global scope, as Apps Script runs template scriptlets (HtmlService):
 * the script's own functions and globals are in scope.
 */
export function runInScriptContext(code: string): unknown {
  if (!currentContext) throw new Error('Emulator: no script is running');
  return vm.runInContext(code, currentContext);
}

export function loadBundle(services: Record<string, unknown>, bundlePath = DEFAULT_BUNDLE, intrinsics: { Date?: DateConstructor } = {}): AddOnGlobal {
  const script = compiledBundle(bundlePath);
  const logs: string[] = [];
  const sandbox: Record<string, unknown> = {
    ...services,
    // Host intrinsics so that Dates and errors cross the boundary intact (`instanceof Date`); Date may follow the
    // runtime's clock (emulator/clock.ts).
    Date: intrinsics.Date ?? Date,
    Error,
    TypeError,
    RangeError,
    ...createLogging(logs),
  };
  sandbox.__logs = logs;
  const context = vm.createContext(sandbox, { name: 'Apps Script V8', codeGeneration: { strings: false, wasm: false } });
  currentContext = context;
  script.runInContext(context);
  return context as unknown as AddOnGlobal;
}
