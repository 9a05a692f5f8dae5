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
export function loadBundle(services: Record<string, unknown>, bundlePath = DEFAULT_BUNDLE, intrinsics: { Date?: DateConstructor } = {}): AddOnGlobal {
  const code = readFileSync(bundlePath, 'utf8');
  const logs: string[] = [];
  const sandbox: Record<string, unknown> = {
    ...services,
    // Host intrinsics so that Dates and errors cross the boundary intact (`instanceof Date`); Date may follow the
    // runtime's clock (emulator/clock.ts).
    Date: intrinsics.Date ?? Date,
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
