/**
 * The bundle's `Date`, following the runtime's clock: `new Date()` and `Date.now()` give the pinned "now" of the
 * test or demo (createEmulator({ now })), so code that asks "is this meeting in the past?" sees the scenario's date.
 * Every other use is the host Date, and `instanceof Date` still holds for Dates made anywhere (sheet values, the
 * emulator's services), so Dates keep crossing the boundary intact.
 */
import type { Runtime } from './runtime';

export function clockDate(runtime: Runtime): DateConstructor {
  const HostDate = Date;
  class EmulatedDate extends HostDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(runtime.now().getTime());
      else super(...(args as [number]));
    }
    static override now(): number {
      return runtime.now().getTime();
    }
    static override [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof HostDate;
    }
  }
  return EmulatedDate as unknown as DateConstructor;
}
