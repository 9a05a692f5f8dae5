/**
 * Runs a script text (written in a test, in the style of Google's published samples) through the emulator's vm
 * loader, as Apps Script runs a project's .gs files: the same globals and rules as the built bundle gets.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Emulator } from '../../emulator';

const dir = mkdtempSync(path.join(tmpdir(), 'gas-script-'));
let seq = 0;

/** Loads `code` as a script project; returns its global object (call its functions, read `__logs`). */
export function loadScript(emu: Emulator, code: string): Record<string, unknown> & { __logs: string[] } {
  const file = path.join(dir, `script-${++seq}.js`);
  writeFileSync(file, code);
  // emu.load also makes the script the one later executions run (triggers, emu.run), as a project's code is.
  return emu.load(file) as never;
}

/** Loads `code` and calls `functionName` with `args`, attributing the calls to it in the ledger. */
export function runScript<T = unknown>(emu: Emulator, code: string, functionName: string, ...args: unknown[]): { result: T; logs: string[] } {
  const g = loadScript(emu, code);
  const fn = g[functionName];
  if (typeof fn !== 'function') throw new Error(`no function ${functionName} in the script`);
  const result = emu.ledger.within(functionName, () => (fn as (...a: unknown[]) => T)(...args));
  return { result, logs: g.__logs };
}
