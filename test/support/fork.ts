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
import type { loadAddOn } from './bundle';

type AddOn = ReturnType<typeof loadAddOn>;

/** A new emulator (created with `options`, as `src` was) in the state `src` is in now. */
export function forkAddOn(src: AddOn, options: EmulatorOptions): AddOn {
  // No eager load: every `run` loads dist/Code.js afresh (emulator/index.ts), from the same default path as loadAddOn.
  const dst = createEmulator(options) as unknown as AddOn;
  new Copier(dst.runtime).pair(src, dst, 'emu');
  return dst;
}

const isObject = (v: unknown): v is object => (typeof v === 'object' && v !== null) || typeof v === 'function';
const sameKind = (a: object, b: object) => Object.getPrototypeOf(a) === Object.getPrototypeOf(b) && Array.isArray(a) === Array.isArray(b);

class Copier {
  private readonly memo = new Map<object, object>();
  constructor(private readonly runtime: Runtime) {}

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
      if (isObject(sv) && isObject(dv) && !this.memo.has(sv) && sameKind(sv, dv) && !Object.isFrozen(dv)) {
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

  /** A deep copy of a value met inside the data (not held by any closure of the new emulator). */
  copy<T>(v: T, path: string): T {
    if (!isObject(v)) return v;
    const seen = this.memo.get(v);
    if (seen) return seen as T;
    // Fast paths for the bulk of the data (cells, rows): plain objects and arrays, hundreds of thousands per world.
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
    if (types.isProxy(v)) {
      // A service object the add-on handed back (a data validation in a cell): the same object behind the new
      // runtime's counting proxy (runtime.expose), as the add-on's call would have stored it there.
      const target = unwrap(v);
      if (target === v) throw new Error(`fork: ${path} is a Proxy the emulator did not make`);
      const out = this.runtime.expose(this.copy(target, `${path}(proxied)`));
      this.memo.set(v, out);
      return out as T;
    }
    if (Object.isFrozen(v)) return v; // immutable: shared
    if ( v instanceof WeakMap || v instanceof WeakSet || v instanceof Promise) throw new Error(`fork: ${path} cannot be copied`);
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
