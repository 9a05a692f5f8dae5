/**
 * The fault matrix: for every operation in OPERATIONS and every call index i it makes, a Google-worded service
 * exception is thrown at call i; the user must get a clear Japanese sentence (never a stack trace), and running the
 * operation again must leave exactly the world a clean run leaves — nothing duplicated, nothing lost.
 */
import { GOOGLE_ERRORS } from '../../emulator';
import { loadAddOn } from '../support/bundle';
import { AddOn, Operation, OPERATIONS, Outcome } from './operations';
import { firstDifference, sameWorld, worldText } from './world';

const NOW = new Date('2026-02-02T09:00:00+09:00');
const fresh = () => loadAddOn({ now: NOW });

/** The Google wordings, rotated over call indices; the service named is the one whose call fails. */
const WORDINGS: ((service: string) => string)[] = [
  (s) => GOOGLE_ERRORS.tooManyCalls(s === 'SpreadsheetApp' ? 'spreadsheets' : s),
  (s) => GOOGLE_ERRORS.unavailable(s === 'SpreadsheetApp' ? 'Spreadsheets' : s),
  () => GOOGLE_ERRORS.timedOut('1AbCdEfGhIjKlMnOpQrStUvWxYz'),
  () => GOOGLE_ERRORS.lockTimeout,
  () => GOOGLE_ERRORS.serverError,
  (s) => GOOGLE_ERRORS.serviceError(s === 'SpreadsheetApp' ? 'Spreadsheets' : s.replace(/App$/, '')),
];

/** Calls of the best-effort 操作ログ line, made after the outcome is decided: a fault there may be absorbed. */
/** The calls logOperation makes (src/server/workspace/log.ts), and its early exits: no log sheet, a header-less one. */
const LOG_SEQUENCES: readonly (readonly string[])[] = [
  ['Spreadsheet.getSheetByName', 'Sheet.getLastColumn', 'Sheet.getRange', 'Range.getValues', 'Session.getActiveUser', 'User.getEmail', 'Sheet.appendRow'],
  ['Spreadsheet.getSheetByName', 'Sheet.getLastColumn'],
  ['Spreadsheet.getSheetByName'],
];

const HEARTBEAT = ['PropertiesService.getDocumentProperties', 'Properties.setProperties'];

const STACK_TRACE = /\n\s+at |Code\.js:\d|\.ts:\d|(Type|Reference|Range|Syntax)Error|undefined|\[object /;
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

interface Cell { operation: string; call: number; method: string; wording: string; outcome: 'reported' | 'absorbed after the work' }
const matrix: Cell[] = [];

function expectClearMessage(outcome: Outcome, wording: string): void {
  expect(outcome.message).toMatch(JAPANESE);
  expect(outcome.message).not.toMatch(STACK_TRACE);
  if (wording === GOOGLE_ERRORS.lockTimeout) {
    expect(outcome.kind).toBe('busy');
    expect(outcome.message).toContain('別の処理が実行中です');
  } else {
    expect(outcome.kind).toBe('service');
    expect(outcome.message).toContain('Google のサービスが一時的に応答しませんでした');
    expect(outcome.message).toContain(wording);
  }
}

/**
 * Which call indices to fault. A fault at call i leaves the world as calls 1…i−1 left it, so two indices with the same
 * writes before them leave the same state and the same re-run — except where clean-up code in a catch needs what a
 * read returned (an id to trash): `npm run test:faults` is what proves those, and must pass before merging. `npm run test:faults` (FAULT_MATRIX=full) faults every
 * index; inside `npm test`, every operation faults each call that may change (the first and last of a run of
 * consecutive writes to objects of one type standing for the run)
 * something (anything but get/is/has/can/find and validation builders) and the first call after the last one —
 * one index per distinct partial state — to keep the suite fast.
 */
const FULL = process.env.FAULT_MATRIX === 'full';
const FULL_MATRIX_MAX_CALLS = 0;
const READ = /\.(get|is|has|can|find)[A-Z]|^DataValidationBuilder\.|\.newDataValidation$|^Files\.(get|list)$/;
/** Calls that create something a later run could duplicate: a form, a document, a file or folder, an event, a sheet. */
const CREATES = /^(FormApp\.create|DocumentApp\.create|File\.makeCopy|Folder\.createFile|Folder\.createFolder|DriveApp\.createFile|DriveApp\.createFolder|Files\.create|Files\.copy|Calendar\.createEvent|Calendar\.createEventSeries|Spreadsheet\.insertSheet|Form\.setDestination)$/;

/** Things a run leaves that a user would count: live forms, documents, files, folders, calendar events. */
function artifactCounts(emu: AddOn): Record<string, number> {
  return {
    forms: emu.forms.store.forms.size,
    // A document is a Drive file too: counted once, among the files.
    'Drive files': [...emu.drive.files.values()].filter((f) => !f.trashed).length,
    folders: [...emu.drive.folders.values()].filter((f) => !f.trashed).length,
    events: emu.calendar.events.filter((e) => e.status !== 'cancelled').length,
  };
}

/** How many more artifacts than the clean run left (orphans), summed over kinds. */
function excessArtifacts(clean: AddOn, emu: AddOn): { count: number; detail: string } {
  const a = artifactCounts(clean), b = artifactCounts(emu);
  const over = Object.keys(a).map((k) => [k, Math.max(0, b[k]! - a[k]!)] as const).filter(([, n]) => n > 0);
  return { count: over.reduce((n, [, x]) => n + x, 0), detail: over.map(([k, n]) => `${n} ${k}`).join(', ') };
}

/** A successful result whose report carries the plain-language failure (an operation that stops part-way and says so). */
function reportsFault(outcome: Outcome, wording: string): boolean {
  const text = outcome.message.replace(/\\"/g, '"');
  return wording === GOOGLE_ERRORS.lockTimeout
    ? text.includes('別の処理が実行中です')
    : text.includes('Google のサービスが一時的に応答しませんでした') && text.includes(wording);
}

function indices(methods: readonly string[]): { indices: number[]; reduced: boolean } {
  const all = methods.map((_, i) => i + 1);
  if (FULL || methods.length <= FULL_MATRIX_MAX_CALLS) return { indices: all, reduced: false };
  // Consecutive writes to objects of one type (an item's setTitle, setHelpText, setRequired, setChoiceValues…) are
  // one step that a re-run redoes whole: the first and the last of each such run stand for it.
  const typeOf = (i: number) => methods[i - 1]!.split('.')[0];
  const writes = all.filter((i) => !READ.test(methods[i - 1]!)).filter((i, k, w) => {
    const prev = w[k - 1], next = w[k + 1];
    const inRun = prev === i - 1 && next === i + 1 && typeOf(prev) === typeOf(i) && typeOf(next) === typeOf(i);
    return !inRun;
  });
  const lastWrite = all.filter((i) => !READ.test(methods[i - 1]!)).at(-1) ?? 0;
  // The call right after each artifact is created (its id not yet read or recorded): where an orphan is born.
  const afterCreate = all.filter((i) => i > 1 && CREATES.test(methods[i - 2]!));
  const picked = new Set([...writes, ...afterCreate, ...(lastWrite < methods.length ? [lastWrite + 1] : [])]);
  return { indices: [...picked].sort((a, b) => a - b), reduced: true };
}

const reducedOps: string[] = [];
const orphanHits: string[] = [];

/** Call indices (1-based) whose fault falls in one of the operation's declared orphan windows. */
/** How many artifacts each declared window may leave (default one). */
function orphanCountsOf(methods: readonly string[], windows: NonNullable<Operation['orphanWindows']>): Map<number, number> {
  const out = new Map<number, number>();
  for (const w of windows) for (const i of inOrphanWindow(methods, [w]).keys()) out.set(i, Math.max(out.get(i) ?? 0, w.count ?? 1));
  return out;
}

export function inOrphanWindow(methods: readonly string[], windows: NonNullable<Operation['orphanWindows']>): Map<number, string> {
  const out = new Map<number, string>();
  for (const w of windows) {
    if ('atLast' in w) {
      const i = methods.lastIndexOf(w.atLast);
      if (i >= 0) out.set(i + 1, w.what);
      continue;
    }
    for (let j = 0; j < methods.length; j++) {
      if (methods[j] !== w.after) continue;
      // Without `until`, the window runs to the end of the run.
      for (let i = j + 1; i < methods.length; i++) {
        out.set(i + 1, w.what);
        if (methods[i] === w.until) break;
      }
      if (w.onlyFirst) break;
    }
  }
  return out;
}

/**
 * Defines the matrix for every `parts`-th operation starting at `part` (the table is split over test files so that
 * jest runs them in parallel; a new entry in OPERATIONS lands in one of them by itself).
 */
export function faultMatrix(part: number, parts: number): void {
// MATRIX_ONLY="name,name" runs just those operations (while working on one); unset in npm test.
const only = process.env.MATRIX_ONLY?.split(',');
const mine = OPERATIONS.filter((_, i) => i % parts === part).filter((o) => !only || only.includes(o.name));
if (!mine.length) { test.skip('no operation of MATRIX_ONLY in this part', () => undefined); return; }
describe.each(mine.map((op) => [op.name, op] as const))('fault matrix: %s', (_name, op) => {
  test('a service exception at every call: clear message, then the re-run leaves the clean world', () => {
    // Clean run: count the calls k and keep the world it leaves.
    const clean = fresh();
    op.setup(clean);
    const start = clean.ledger.records.length;
    const cleanOutcome = op.run(clean);
    expect(cleanOutcome).toMatchObject({ ok: true });
    const calls = clean.ledger.records.slice(start);
    const k = calls.length;
    expect(k).toBeGreaterThan(0);

    const logTail = new Set<number>();
    const tail = LOG_SEQUENCES.find((seq) => seq.length <= k && seq.every((m, j) => calls[k - seq.length + j]!.method === m));
    for (let i = k - (tail?.length ?? 0) + 1; i <= k; i++) logTail.add(i);
    // The form-submit handler's heartbeat (issue 20: one setProperties once the response is recorded and the lock
    // released, best effort) comes just before its log line: absorbed there too.
    const beforeTail = k - (tail?.length ?? 0);
    if (beforeTail >= 2 && HEARTBEAT.every((m, j) => calls[beforeTail - HEARTBEAT.length + j]!.method === m)) for (let i = beforeTail - 1; i <= beforeTail; i++) logTail.add(i);

    const plan = indices(calls.map((c) => c.method));
    const orphans = inOrphanWindow(calls.map((c) => c.method), op.orphanWindows ?? []);
    const orphanCounts = orphanCountsOf(calls.map((c) => c.method), op.orphanWindows ?? []);
    if (plan.reduced) reducedOps.push(`${op.name} ${plan.indices.length} of ${k}`);
    for (const i of plan.indices) {
      const emu: AddOn = fresh();
      op.setup(emu);
      const call = calls[i - 1]!;
      const wording = WORDINGS[i % WORDINGS.length]!(call.service);
      emu.runtime.failAt({ atCall: i, message: wording });
      let failed: Outcome;
      try {
        failed = op.run(emu);
      } catch (e) {
        throw new Error(`${op.name}: fault at call ${i} (${call.method}) escaped to Apps Script: ${String(e)}`);
      }
      expect({ call: i, method: call.method, faultFired: !emu.runtime.faultPending }).toEqual({ call: i, method: call.method, faultFired: true });
      emu.runtime.clearFault();
      const reportedInResult = failed.ok && reportsFault(failed, wording);
      if (failed.ok && !reportedInResult) {
        // Only what follows the finished work may swallow a fault: the best-effort 操作ログ line, and the early lock
        // release (Apps Script releases an execution's locks when it ends).
        const afterWork = logTail.has(i) || call.method === 'Lock.releaseLock';
        expect({ call: i, method: call.method, absorbedAfterWork: afterWork }).toEqual({ call: i, method: call.method, absorbedAfterWork: true });
      } else if (reportedInResult) {
        // The operation stopped part-way and said so in its own report (e.g. 会議: 「…件目で止まりました」).
        expect(failed.message).not.toMatch(STACK_TRACE);
      } else if (op.trigger) {
        // Nobody is there to read it: Apps Script lists the failed execution with Google's own wording.
        expect(failed).toMatchObject({ kind: 'trigger', message: expect.stringContaining(wording) });
      } else {
        expectClearMessage(failed, wording);
      }
      // The user re-runs what failed. What succeeded is not re-run: the world must already be the clean one, but for
      // 操作ログ, whose line the fault may have been the one to swallow.
      const absorbed = failed.ok && !reportedInResult;
      if (!absorbed) {
        const again = (op.rerun ?? op.run)(emu);
        expect({ call: i, method: call.method, rerun: again }).toMatchObject({ call: i, rerun: { ok: true } });
      }
      const ignoreLog = absorbed ? ['*'] : op.ignoreLog;
      if (orphans.has(i) && !sameWorld(clean, emu, ignoreLog)) {
        // A declared window leaves one orphan: more than that is a failure, not a print.
        const excess = excessArtifacts(clean, emu);
        const declared = orphanCounts.get(i) ?? 1;
        if (excess.count > declared) throw new Error(`${op.name}: fault at call ${i} (${call.method}) left ${excess.count} orphans (${excess.detail}); its window declares ${declared} (${orphans.get(i)}).`);
        orphanHits.push(`${op.name} call ${i} (${call.method}): ${orphans.get(i)}`);
      } else if (!sameWorld(clean, emu, ignoreLog)) throw new Error(`${op.name}: fault at call ${i} (${call.method}: ${wording}), then a re-run, left a different world.\n${firstDifference(worldText(clean, ignoreLog), worldText(emu, ignoreLog))}`);
      matrix.push({ operation: op.name, call: i, method: call.method, wording, outcome: failed.ok && !reportedInResult ? 'absorbed after the work' : 'reported' });
    }
  });
});

afterAll(() => {
  const ops = new Set(matrix.map((m) => m.operation));
  const absorbed = matrix.filter((m) => m.outcome !== 'reported').length;
  const perOp = [...ops].map((o) => `${o} ${matrix.filter((m) => m.operation === o).length}`).join(', ');
  const reduced = reducedOps.length
    ? ` Reduced to one index per distinct partial state (run \`npm run test:faults\` for every index): ${reducedOps.join(', ')}.`
    : ' Every call index of every operation.';
  if (orphanHits.length) console.log(`fault matrix: ${orphanHits.length} faults fell in a declared orphan window and left one orphan each:\n  ${orphanHits.join('\n  ')}`);
  console.log(
    `fault matrix (part ${part + 1} of ${parts}): ${ops.size} operations × call indices = ${matrix.length} injected faults, all passed ` +
      `(${matrix.length - absorbed} reported to the user, ${absorbed} absorbed after the work was done: the best-effort 操作ログ line or the early lock release); ` +
      `per operation: ${perOp}.${reduced}`,
  );
});
}
