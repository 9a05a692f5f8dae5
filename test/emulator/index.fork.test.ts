/**
 * test/support/fork.ts `forkAddOn`, which the proof suites use instead of seeding a world for every fault, edit or
 * interleaving: a fork must be its source in every datum the emulator holds (clock, ids and their counters, sheets,
 * Script/Document/User Properties, triggers, forms, files, mail, the ledger), must leave the source and the options it
 * was created with alone, and running an operation on it must make the same calls and leave the same world as on a
 * world seeded from scratch.
 *
 * The clock case is the one that bit: 個人情報の整理's set-up moves the clock to 2027-04-02, and the fork used to write
 * that date into the Date object both emulators were created with (`{ now: NOW }`), so every later emulator of the
 * file started in 2027 (entry-points' interleaved worlds against its serial ones: 2027-04-02 vs 2026-02-02).
 */
import { types } from 'node:util';
import { loadAddOn } from '../support/bundle';
import { forkAddOn } from '../support/fork';
import { AddOn, OPERATIONS } from '../faults/operations';
import { firstDifference, sameWorld, worldText } from '../faults/world';

const NOW_MS = Date.parse('2026-02-02T09:00:00+09:00');
const NOW = new Date(NOW_MS);
const options = { now: NOW };

/**
 * Every datum reachable from the emulator, as text (one line per datum: its depth, its key, its value, in walk order):
 * Maps and Sets by entries, Dates as ISO strings, functions, proxies and weak maps by kind only (the new emulator has
 * its own), an object met twice by the number of its first visit.
 */
function stateText(emu: AddOn): string {
  const seen = new Map<object, number>();
  const out: string[] = [];
  const walk = (v: unknown, key: string, depth: number): void => {
    if (typeof v === 'function') return;
    if (typeof v !== 'object' || v === null) { out.push(`${depth} ${key}=${typeof v}:${String(v)}`); return; }
    if (types.isProxy(v) || v instanceof WeakMap || v instanceof WeakSet) return;
    const first = seen.get(v);
    if (first !== undefined) { out.push(`${depth} ${key}=@${first}`); return; }
    seen.set(v, seen.size);
    if (depth > 40) throw new Error(`stateText: too deep at ${key}`);
    if (v instanceof Date) { out.push(`${depth} ${key}=D:${Number.isNaN(v.getTime()) ? 'invalid' : v.toISOString()}`); return; }
    if (v instanceof RegExp) { out.push(`${depth} ${key}=${String(v)}`); return; }
    if (types.isTypedArray(v)) { out.push(`${depth} ${key}=bytes:${Buffer.from(v as Uint8Array).toString('base64')}`); return; }
    out.push(`${depth} ${key}:${v.constructor?.name ?? 'null'}`);
    if (v instanceof Map) { for (const [k, x] of v) { walk(k, 'k', depth + 1); walk(x, 'v', depth + 1); } return; }
    if (v instanceof Set) { for (const x of v) walk(x, 's', depth + 1); return; }
    if (Array.isArray(v)) { for (let i = 0; i < v.length; i++) if (i in v) walk(v[i], String(i), depth + 1); return; }
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto === Object.prototype && Object.getOwnPropertySymbols(v).length === 0) {
      for (const k in v) walk((v as Record<string, unknown>)[k], k, depth + 1); // a cell, a record: data properties only
      return;
    }
    for (const k of Reflect.ownKeys(v)) {
      const d = Object.getOwnPropertyDescriptor(v, k)!;
      if ('value' in d) walk(d.value, String(k), depth + 1);
    }
  };
  walk(emu, 'emu', 0);
  return out.join('\n');
}

/** Drive and document ids end in a random suffix, Utilities.getUuid is random: equal worlds differ only there. */
const unrandom = (text: string) => text
  .replace(/\b((?:doc|file|folder)-\d{4})-[a-z0-9]{1,12}\b/g, '$1-*')
  .replace(/\b(trigger-\d+)-\d+\b/g, '$1-*')
  .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\b/g, 'uuid');

const seeded = (name: string) => {
  const op = OPERATIONS.find((o) => o.name === name);
  if (!op) throw new Error(`no operation ${name}`);
  const emu = loadAddOn(options);
  op.setup(emu);
  return { op, emu };
};

// Chosen for what their worlds hold besides the sheets (~300,000 cell data, walked by every stateText: ~0.5 s): a
// clock set to 2027, a 受付名簿 Doc and its PDF in Drive, Document Properties (個人情報の整理); forms, the form-submit
// trigger, mail and its record (参加者へのメール).
const CASES = ['個人情報の整理', '参加者へのメールを送信（取消と繰り上げ・メニュー）'];

describe.each(CASES)('a fork of the world before %s', (name) => {
  const { op, emu: source } = seeded(name);
  const before = stateText(source);
  const fork = forkAddOn(source, options);

  test('is its source, datum for datum (clock, ids, counters, properties, triggers, files, ledger), as is a fork of it', () => {
    const a = before, b = stateText(fork);
    if (a !== b) throw new Error(firstDifference(a, b));
    expect(fork.runtime.now().getTime()).toBe(source.runtime.now().getTime());
    // The proof suites copy a copy (test/support/fork.ts seedOnce).
    const c = stateText(forkAddOn(fork, options));
    if (a !== c) throw new Error(firstDifference(a, c));
  });

  test('leaves its source and the Date it was created with alone', () => {
    expect(stateText(source)).toBe(before);
    expect(NOW.getTime()).toBe(NOW_MS);
    expect(loadAddOn(options).runtime.now().getTime()).toBe(NOW_MS);
  });

  test('runs the operation as a world seeded from scratch does: same calls, same world, same state', () => {
    const fresh = seeded(name).emu;
    const copy = forkAddOn(source, options);
    const calls = (emu: AddOn, run: () => void) => {
      const start = emu.ledger.records.length;
      run();
      return emu.ledger.records.slice(start).map((c) => `${c.method} ${c.target ?? ''}`).join('\n');
    };
    const a = calls(fresh, () => op.run(fresh)), b = calls(copy, () => op.run(copy));
    if (a !== b) throw new Error(firstDifference(a, b));
    if (!sameWorld(fresh, copy)) throw new Error(firstDifference(worldText(fresh), worldText(copy)));
    const sa = unrandom(stateText(fresh)), sb = unrandom(stateText(copy));
    if (sa !== sb) throw new Error(firstDifference(sa, sb));
    // Ids made after the fork continue the source's counters.
    expect([...copy.forms.store.forms.keys()]).toEqual([...fresh.forms.store.forms.keys()]);
    expect([...copy.drive.files.keys()].map(unrandom)).toEqual([...fresh.drive.files.keys()].map(unrandom));
  });
});
