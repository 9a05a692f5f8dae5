/**
 * Keeps Node's clock on the emulator's, for tests that call workspace code directly: the engine reads the time with
 * `new Date()`, which the bundle's vm takes from the emulated clock, but a direct call takes it from Node's. Call
 * `followEmulatorClock(NOW)` at the top of a test file, `clock.track(emu)` for each world made, `clock.advance(ms)`
 * to move both.
 */
import type { Emulator } from '../../emulator';

export interface FollowedClock {
  track(emu: Emulator): void;
  advance(ms: number): void;
}

export function followEmulatorClock(now: Date): FollowedClock {
  let current: Emulator | null = null;
  beforeEach(() => { jest.useFakeTimers({ now, doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask'] }); });
  afterEach(() => { jest.useRealTimers(); current = null; });
  return {
    track(emu) { current = emu; },
    advance(ms) {
      current!.runtime.advanceClock(ms);
      jest.setSystemTime(current!.runtime.now());
    },
  };
}
