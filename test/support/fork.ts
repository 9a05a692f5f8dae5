/**
 * A copy of an emulator's whole state on a new emulator, so that a proof suite seeds a world once per operation and
 * runs each fault or edit on a copy, instead of replaying the seeding (several executions of dist/Code.js, each of
 * which unpacks the bundle's string block: ~0.1–0.4 s) for every call index.
 *
 * How: a new emulator is made with the same options, then the source is walked beside it, property by property, from
 * the emulator object down. Where both sides hold an object of the same kind (a store, the runtime, the ledger, the
 * active spreadsheet, the lock map), the new one is kept — the new emulator's closures (its services, its `run`)
 * hold exactly those — and its contents are made a deep copy of the source's; everything else (sheets, cells, forms,
 * files, events, mail) is copied with its prototype. A function the source holds where the copy has none, a Proxy, a
 * WeakMap or an accessor inside the data cannot be copied faithfully: the fork throws rather than guess.
 *
 * A copy that missed some state would make the suites test another world, so the suites that fork also check, per
 * operation, that its clean run on a fork makes the same calls and leaves the same world as on a world seeded from
 * scratch (test/faults/matrix.ts, test/volunteer/matrix.ts).
 */
import { types } from 'node:util';
import { createEmulator, EmulatorOptions } from '../../emulator';
import { Runtime, unwrap } from '../../emulator/runtime';
import type { CallRecord } from '../../emulator/runtime';
import { Cell, Sheet } from '../../emulator/spreadsheet';
import { firstDifference, sameWorld, worldText } from '../faults/world';
import type { loadAddOn } from './bundle';

type AddOn = ReturnType<typeof loadAddOn>;

/** A new emulator (created with `options`, as `src` was) in the state `src` is in now. */
export function forkAddOn(src: AddOn, options: EmulatorOptions): AddOn {
  // No eager load: every `run` loads dist/Code.js afresh (emulator/index.ts), from the same default path as loadAddOn.
  const dst = createEmulator(options) as unknown as AddOn;
  new Copier(dst.runtime, reachable(options)).pair(src, dst, 'emu');
  return dst;
}

const isObject = (v: unknown): v is object => (typeof v === 'object' && v !== null) || typeof v === 'function';

/** The objects a value holds (an emulator's options: the `now` Date, the `grantedScopes` array), itself included. */
function reachable(v: unknown, out = new Set<object>()): Set<object> {
  if (typeof v !== 'object' || v === null || out.has(v)) return out;
  out.add(v);
  for (const key of Reflect.ownKeys(v)) reachable((v as Record<PropertyKey, unknown>)[key], out);
  return out;
}
const sameKind = (a: object, b: object) => Object.getPrototypeOf(a) === Object.getPrototypeOf(b) && Array.isArray(a) === Array.isArray(b);

class Copier {
  private readonly memo = new Map<object, object>();
  /**
   * `callers`: what the new emulator holds of its creator's options (createEmulator keeps `options.now` as the
   * runtime's clock and `options.grantedScopes` as given). Filled in place, they would change the caller's objects and
   * so every other emulator made with them: a fork of a world whose clock was set to 2027 (個人情報の整理's set-up)
   * wrote 2027 into the test's shared NOW, and every later emulator of that file started there. The copy gets its own.
   */
  constructor(private readonly runtime: Runtime, private readonly callers: ReadonlySet<object> = new Set()) {}

  /** Makes `dst` (which closures of the new emulator may hold) a deep copy of `src`, keeping `dst`'s identity. */
  pair(src: object, dst: object, path: string): void {
    this.memo.set(src, dst);
    if (types.isProxy(src)) return; // a service global: the new emulator's own proxy over its own service
    if (src instanceof WeakMap || src instanceof WeakSet) return; // a cache (runtime.proxies): the new one fills itself
    if (src instanceof Date) { (dst as Date).setTime(src.getTime()); return; }
    if (src instanceof Map) {
      Map.prototype.clear.call(dst);
      for (const [k, v] of src) Map.prototype.set.call(dst, this.copy(k, `${path}.key`), this.copy(v, `${path}[${String(k)}]`));
    } else if (src instanceof Set) {
      Set.prototype.clear.call(dst);
      for (const v of src) Set.prototype.add.call(dst, this.copy(v, `${path}.item`));
    } else if (Array.isArray(src)) {
      const d = dst as unknown[];
      d.length = 0;
      d.length = src.length;
      for (let i = 0; i < src.length; i++) if (i in src) d[i] = this.copy(src[i], `${path}[${i}]`);
      return;
    } else if (types.isTypedArray(src)) {
      (dst as Uint8Array).set(src as Uint8Array);
      return;
    }
    for (const key of Reflect.ownKeys(src)) {
      const at = `${path}.${String(key)}`;
      const sd = Object.getOwnPropertyDescriptor(src, key)!;
      const dd = Object.getOwnPropertyDescriptor(dst, key);
      if (!('value' in sd)) {
        // An accessor on the object itself (the clock's `executions` getter): the new one reads its own state.
        if (dd && !('value' in dd)) continue;
        throw new Error(`fork: accessor at ${at} cannot be copied`);
      }
      const sv: unknown = sd.value;
      const dv: unknown = dd && 'value' in dd ? dd.value : undefined;
      if (types.isProxy(sv) && types.isProxy(dv)) {
        // A service global: the new emulator's own proxy over its own service.
        this.memo.set(sv as object, dv as object);
        continue;
      }
      if (typeof sv === 'function') {
        // A method or callback the new emulator bound itself (a service's closure, FormSubmissions.invoke).
        if (typeof dv === 'function' || this.memo.get(sv) === dv) continue;
        throw new Error(`fork: function at ${at} has no counterpart in the new emulator`);
      }
      if (key === 'rows' && src instanceof Sheet) {
        (dst as Record<PropertyKey, unknown>)[key] = this.cells(sv as Sheet['rows']);
        continue;
      }
      // An object both emulators share (sv === dv: the caller's, or module-level) or the caller's is replaced, never filled.
      if (isObject(sv) && isObject(dv) && sv !== dv && !this.callers.has(dv) && !this.memo.has(sv) && sameKind(sv, dv) && !Object.isFrozen(dv)) {
        this.pair(sv, dv, at);
        continue;
      }
      const value = this.copy(sv, at);
      if (dd && !dd.writable) {
        if (value !== dv) throw new Error(`fork: read-only ${at} differs`);
        continue;
      }
      (dst as Record<PropertyKey, unknown>)[key] = value;
    }
    for (const key of Reflect.ownKeys(dst)) if (!Object.prototype.hasOwnProperty.call(src, key)) delete (dst as Record<PropertyKey, unknown>)[key];
  }

  /**
   * A sheet's cells, most of a world (a formatted column is a thousand cells): each cell is its own plain object,
   * written in place by the emulator and held by no one else, so it is copied without the identity map; what a
   * cell holds that may be shared (a data validation rule, a style) goes through `copy`.
   */
  private cells(rows: Sheet['rows']): Sheet['rows'] {
    const out: Sheet['rows'] = new Array(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      if (row === undefined) continue;
      const copy: (Cell | undefined)[] = new Array(row.length);
      for (let c = 0; c < row.length; c++) {
        const cell = row[c];
        if (cell === undefined) continue;
        const twin = { ...cell };
        if (typeof cell.value === 'object' && cell.value !== null) twin.value = this.copy(cell.value, 'cell.value');
        if (cell.validation !== undefined) twin.validation = this.copy(cell.validation, 'cell.validation');
        if (cell.style !== undefined) twin.style = this.copy(cell.style, 'cell.style');
        copy[c] = twin;
      }
      out[r] = copy;
    }
    return out;
  }

  /** A deep copy of a value met inside the data (not held by any closure of the new emulator). */
  copy<T>(v: T, path: string): T {
    if (!isObject(v)) return v;
    const seen = this.memo.get(v);
    if (seen) return seen as T;
    if (types.isProxy(v)) {
      // A service object the add-on handed back (a data validation in a cell): the same object behind the new
      // runtime's counting proxy (runtime.expose), as the add-on's call would have stored it there.
      const target = unwrap(v);
      if (target === v) throw new Error(`fork: ${path} is a Proxy the emulator did not make`);
      const out = this.runtime.expose(this.copy(target, `${path}(proxied)`));
      this.memo.set(v, out);
      return out as T;
    }
    // Fast paths for plain objects and arrays.
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto === Object.prototype && !Object.isFrozen(v)) {
      const out: Record<string, unknown> = {};
      this.memo.set(v, out);
      for (const key in v) {
        const x = (v as Record<string, unknown>)[key];
        out[key] = typeof x === 'object' && x !== null ? this.copy(x, path) : typeof x === 'function' ? this.copy(x, `${path}.${key}`) : x;
      }
      if (Object.getOwnPropertySymbols(v).length) this.pair(v, out, path);
      return out as T;
    }
    if (proto === Array.prototype) {
      const a = v as unknown as unknown[];
      const out: unknown[] = new Array(a.length);
      this.memo.set(v, out);
      // Holes stay holes (a sheet's rows are sparse; forEach and map skip them).
      for (let i = 0; i < a.length; i++) if (i in a) out[i] = this.copy(a[i], path);
      return out as T;
    }
    if (typeof v === 'function') throw new Error(`fork: function at ${path} cannot be copied`);
    if (Object.isFrozen(v)) return v; // immutable: shared
    if (v instanceof WeakMap || v instanceof WeakSet || v instanceof Promise) throw new Error(`fork: ${path} cannot be copied`);
    let out: object;
    if (v instanceof Date) out = new Date(v.getTime());
    else if (v instanceof RegExp) out = new RegExp(v.source, v.flags);
    else if (types.isTypedArray(v)) out = (v as unknown as Uint8Array).slice();
    else if (v instanceof ArrayBuffer) out = v.slice(0);
    else if (Array.isArray(v)) out = [];
    else if (v instanceof Map) out = new (v.constructor as MapConstructor)();
    else if (v instanceof Set) out = new (v.constructor as SetConstructor)();
    else out = Object.create(Object.getPrototypeOf(v) as object | null) as object;
    if (v instanceof Date || v instanceof RegExp || types.isTypedArray(v) || v instanceof ArrayBuffer) {
      this.memo.set(v, out);
      return out as T;
    }
    this.pair(v, out, path);
    return out as T;
  }
}

/** What an operation is, for seeding: how to reach the state before it, and how to run it. */
interface Seedable<R> { name: string; setup(emu: AddOn): void; run(emu: AddOn): R }

/** An operation's world, seeded once: copies of it for each fault or edit, and the clean run made on it. */
export interface Seeded<R> {
  /** A world in the state just before the operation: a copy of the seeded one (MATRIX_RESEED=1: seeded again). */
  copy(): AddOn;
  /** The world seeded from scratch, after the operation's clean run on it. */
  ran: AddOn;
  outcome: R;
  /** The calls of the clean run. */
  calls: CallRecord[];
}

/**
 * MATRIX_RESEED=1 seeds every world from scratch instead of copying (slower; to rule the copy out when a failure
 * looks odd).
 */
const RESEED = process.env.MATRIX_RESEED === '1';

/**
 * Seeds `op`'s world once from scratch, keeps a copy, and runs the operation on the original (its clean run). The
 * copy is then proved faithful for this operation: a copy of it, run, makes the same calls (method and sheet) and
 * leaves the same world (test/faults/world.ts `sameWorld`) as the world seeded from scratch — or this throws.
 */
export function seedOnce<R>(op: Seedable<R>, fresh: () => AddOn, options: EmulatorOptions): Seeded<R> {
  const ran = fresh();
  op.setup(ran);
  const seeded = RESEED ? null : forkAddOn(ran, options);
  const start = ran.ledger.records.length;
  const outcome = op.run(ran);
  const calls = ran.ledger.records.slice(start);
  const copy = seeded ? () => forkAddOn(seeded, options) : () => { const emu = fresh(); op.setup(emu); return emu; };
  if (seeded) {
    const twin = copy();
    const twinStart = twin.ledger.records.length;
    op.run(twin);
    const sequence = (records: readonly CallRecord[]) => records.map((c) => `${c.method} ${c.target ?? ''}`).join('\n');
    const a = sequence(calls), b = sequence(twin.ledger.records.slice(twinStart));
    if (a !== b) throw new Error(`fork: ${op.name} makes other calls on a copy of its seeded world than on the world seeded from scratch.\n${firstDifference(a, b)}`);
    if (!sameWorld(ran, twin)) throw new Error(`fork: ${op.name} leaves another world on a copy of its seeded world than on the world seeded from scratch.\n${firstDifference(worldText(ran), worldText(twin))}`);
  }
  return { copy, ran, outcome, calls };
}
