import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { createEmulator, EmulatorOptions } from '../../emulator';

export const BUNDLE = path.join(__dirname, '..', '..', 'dist', 'Code.js');

/** An emulator with dist/Code.js loaded, as Apps Script would run it. `npm test` builds first. */
export function loadAddOn(options: EmulatorOptions = {}) {
  if (!existsSync(BUNDLE)) throw new Error('dist/Code.js is missing: run `npm run build` (npm test does this first).');
  const emu = createEmulator(options);
  emu.load(BUNDLE);
  return emu;
}
