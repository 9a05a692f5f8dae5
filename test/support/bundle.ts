import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { createEmulator, EmulatorOptions } from '../../emulator';
import type * as Server from '../../src/server/main';

export const BUNDLE = path.join(__dirname, '..', '..', 'dist', 'Code.js');

/** The add-on's public Apps Script API, as main.ts declares it: the names tests may run and what each returns. */
export type AddOnApi = typeof Server;
export type EntryName = keyof AddOnApi;
type RunOptions = Parameters<ReturnType<typeof createEmulator>['run']>[2];

/**
 * `emu.run` typed from main.ts: a renamed entry point, wrong arguments or a changed result fail the type-check of
 * every test that runs it. An explicit result type (`emu.run<RpcResult<X>>('rpcY')`) still checks the name.
 */
export interface TypedRun {
  <K extends EntryName>(functionName: K, args?: Parameters<AddOnApi[K]>, opts?: RunOptions): ReturnType<AddOnApi[K]>;
  <T, K extends EntryName = EntryName>(functionName: K, args?: unknown[], opts?: RunOptions): T;
}

/** An emulator with dist/Code.js loaded, as Apps Script would run it. `npm test` builds first. */
export function loadAddOn(options: EmulatorOptions = {}) {
  if (!existsSync(BUNDLE)) throw new Error('dist/Code.js is missing: run `npm run build` (npm test does this first).');
  const emu = createEmulator(options);
  emu.load(BUNDLE);
  return emu as Omit<typeof emu, 'run'> & { run: TypedRun };
}
