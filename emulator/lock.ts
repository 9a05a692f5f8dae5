/** LockService: document, script and user locks held by an execution. */
import { GasException, GasObject, GOOGLE_ERRORS, Runtime } from './runtime';
import type { LockEntry, ModeledLocks } from './timeline';

/**
 * Locks are held by an execution (runtime.executionId). JavaScript here is single-threaded, so a second
 * execution can only meet a held lock when a test interleaves executions explicitly; waitLock then
 * throws Google's timeout wording instead of blocking. On the modeled clock (emulator/timeline.ts) a lock also
 * remembers when its last holder released it: a request waits in modeled time until then, or gives up after its
 * timeout, as Google's does ("Lock timeout: another process was holding the lock for too long.").
 */
export class LockState implements ModeledLocks {
  holders = new Map<string, string>(); // lock name → execution id
  acquisitions = 0;
  modeled = false;
  freeAt = new Map<string, number>();
  log: LockEntry[] = [];
}

export class Lock extends GasObject implements Pick<GoogleAppsScript.Lock.Lock, 'waitLock' | 'tryLock' | 'releaseLock' | 'hasLock'> {
  readonly gasService = 'LockService';
  readonly gasType = 'Lock';
  constructor(private readonly state: LockState, private readonly name: string, private readonly runtime: Runtime) { super(); }
  tryLock(timeoutInMillis: number): boolean {
    const holder = this.state.holders.get(this.name);
    if (holder === this.runtime.executionId) return true;
    const entry: LockEntry | null = this.state.modeled
      ? { executionId: this.runtime.executionId, name: this.name, requestedAt: this.runtime.now().getTime(), acquiredAt: null, releasedAt: null }
      : null;
    if (entry) this.state.log.push(entry);
    if (holder) {
      if (entry) this.runtime.wait(timeoutInMillis);
      return false;
    }
    if (entry) {
      const wait = (this.state.freeAt.get(this.name) ?? 0) - entry.requestedAt;
      if (wait > timeoutInMillis) {
        this.runtime.wait(timeoutInMillis);
        return false;
      }
      if (wait > 0) this.runtime.wait(wait);
      entry.acquiredAt = this.runtime.now().getTime();
    }
    this.state.holders.set(this.name, this.runtime.executionId);
    this.state.acquisitions++;
    return true;
  }
  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) throw new GasException(GOOGLE_ERRORS.lockTimeout);
  }
  releaseLock(): void { releaseHeld(this.state, this.runtime, this.name); }
  hasLock(): boolean { return this.state.holders.get(this.name) === this.runtime.executionId; }
}

/**
 * Lets go of a lock the running execution holds: by releaseLock, or at the execution's end for every lock it still
 * holds ("The lock is automatically released when the script terminates",
 * https://developers.google.com/apps-script/reference/lock/lock#releaseLock()) — the same on the modeled clock.
 */
export function releaseHeld(state: LockState, runtime: Runtime, name?: string): void {
  for (const [held, holder] of [...state.holders]) {
    if (holder !== runtime.executionId || (name !== undefined && held !== name)) continue;
    state.holders.delete(held);
    if (!state.modeled) continue;
    const now = runtime.now().getTime();
    for (const entry of state.log) {
      if (entry.executionId === runtime.executionId && entry.name === held && entry.acquiredAt !== null && entry.releasedAt === null) entry.releasedAt = now;
    }
    state.freeAt.set(held, Math.max(state.freeAt.get(held) ?? 0, now));
  }
}

export function createLockService(state: LockState, runtime: Runtime) {
  return {
    gasService: 'LockService',
    gasType: 'LockService',
    getScriptLock: () => new Lock(state, 'script', runtime),
    getDocumentLock: () => new Lock(state, 'document', runtime),
    getUserLock: () => new Lock(state, `user:${runtime.user.email}`, runtime),
  };
}
