// Jest's order, with one change: on a run without jest's timing cache (a fresh CI machine), jest falls back to file
// size, which puts the proof suites' four-line part files (test/faults/matrix-part*.test.ts, ~1 min of CPU each) last,
// so one worker finishes alone. Files known to be long start first, in this order; the rest keep jest's order.
const Sequencer = require('@jest/test-sequencer').default;

const LONG = [
  // The longest files on CI's machine (session 9): started first, so that neither worker is left with one at the end.
  /test\/concurrency\/entry-points\.test\.ts$/,
  /test\/security\/security\.test\.ts$/,
  /test\/project\/scope-audit\.test\.ts$/,
  /test\/browser\/scenarios\.test\.ts$/,
  /test\/browser\/preview\.test\.ts$/,
  /test\/concurrency\/submissions\.test\.ts$/,
  /test\/faults\/matrix-part\d+\.test\.ts$/,
  /test\/volunteer\/matrix-part\d+\.test\.ts$/,
  /test\/server\/workspace\/features\/\w+\.bundle\.test\.ts$/,
  /test\/browser\//,
  /test\/volunteer\//,
  /test\/emulator\/preview\/session\.test\.ts$/,
  /test\/hostile\//,
];

class LongFirst extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const timed = (test) => {
      const cache = typeof this._getCache === 'function' ? this._getCache(test) : {};
      return Array.isArray(cache[test.path]) && typeof cache[test.path][1] === 'number';
    };
    if (sorted.some(timed)) return sorted;
    const rank = (test) => { const i = LONG.findIndex((re) => re.test(test.path)); return i < 0 ? LONG.length : i; };
    return sorted.map((test, i) => ({ test, i, r: rank(test) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.test);
  }
}

module.exports = LongFirst;
