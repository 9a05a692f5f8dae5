/**
 * Serialises writers. An editor add-on's script lock is shared by every document the add-on runs in, so the
 * document lock is used (it covers every user and trigger of this spreadsheet); the script lock is the fallback
 * where no document is bound.
 */
export function withDocumentLock<T>(fn: () => T, timeoutMs = 30000): T {
  const lock = LockService.getDocumentLock() ?? LockService.getScriptLock();
  lock.waitLock(timeoutMs);
  try {
    return fn();
  } finally {
    SpreadsheetApp.flush();
    lock.releaseLock();
  }
}
