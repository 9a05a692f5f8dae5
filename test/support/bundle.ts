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

/**
 * An emulator that runs dist/Code.js as Apps Script would. `npm test` builds first. Not loaded here: every `emu.run`
 * loads the bundle into a fresh context anyway (an execution starts with the script's globals anew, and each load
 * unpacks the bundle's packed strings, ~30 ms of CPU), and the emulator's default bundle is this one.
 */
export function loadAddOn(options: EmulatorOptions = {}) {
  if (!existsSync(BUNDLE)) throw new Error('dist/Code.js is missing: run `npm run build` (npm test does this first).');
  const emu = createEmulator(options);
  // Another dist directory (for its HTML files) still runs this bundle: load() points later runs at it.
  if (options.distDir !== undefined && path.resolve(options.distDir, 'Code.js') !== BUNDLE) emu.load(BUNDLE);
  return emu as Omit<typeof emu, 'run'> & { run: TypedRun };
}
