/**
 * Serialises writers. An editor add-on's script lock is shared by every document the add-on runs in, so the
 * document lock is used (it covers every user and trigger of this spreadsheet); the script lock is the fallback
 * where no document is bound.
 */
/** Saves the work, then lets go of the lock. */
function release(lock: GoogleAppsScript.Lock.Lock): void {
  SpreadsheetApp.flush();
  try {
    lock.releaseLock();
  } catch {
    // Apps Script releases an execution's locks when it ends; the work is done and saved, so a failure to release
    // early must not be reported as the operation failing (the user would re-run a finished operation).
  }
}

/**
 * `hold`: nothing but the execution's end follows a success, so the work is saved and the lock left to Google, which
 * releases it when the script ends ("The lock is automatically released when the script terminates",
 * https://developers.google.com/apps-script/reference/lock/lock#releaseLock()): one call fewer. The flush stays: the
 * same page asks for it before the lock is let go, and says nothing of pending writes at termination.
 */
export function withDocumentLock<T>(fn: () => T, timeoutMs = 30000, hold?: boolean): T {
  const lock = LockService.getDocumentLock() ?? LockService.getScriptLock();
  lock.waitLock(timeoutMs);
  let value: T;
  try {
    value = fn();
  } catch (e) {
    release(lock);
    throw e;
  }
  if (hold) SpreadsheetApp.flush();
  else release(lock);
  return value;
}

/**
 * Like withDocumentLock, but a lock that stays busy for `timeoutMs` is an answer, not an error: `{ ran: false }`.
 * For work that someone else will finish (a form-submit firing whose response a later firing or the hourly catch-up
 * reconciles), so a burst does not fill the executions list with "Lock timeout" failures.
 */
export function tryWithDocumentLock<T>(fn: () => T, timeoutMs: number): { ran: true; value: T } | { ran: false } {
  const lock = LockService.getDocumentLock() ?? LockService.getScriptLock();
  if (!lock.tryLock(timeoutMs)) return { ran: false };
  try {
    return { ran: true, value: fn() };
  } finally {
    release(lock);
  }
}
