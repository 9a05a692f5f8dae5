/**
 * `npm run demo`'s export (scripts/demo.ts `runDemo`), for the tests that check it. Six test files read the default
 * demo's export (its summary.json, documents and outbox), each for its own step; the demo is ~100 executions of
 * dist/Code.js (several seconds of CPU), the same run with the same arguments every time. So within one jest run it
 * is made once and shared: the first test file to ask runs it into a folder of the run's own (test/support/
 * global-setup.js: `DEMO_EXPORTS`, removed by global-teardown.js), renamed into place only once complete, and later
 * files read it. Two workers asking at once each run it (the first renamed wins; the other reads its own).
 * A file run outside jest's global set-up (no `DEMO_EXPORTS`) runs the demo itself. A test that needs the demo's log
 * lines, or that writes into the export, calls `runDemo` itself.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runDemo } from '../../scripts/demo';

/** The folder holding the demo's export for these arguments (besides `--out`): read it, never write into it. */
export function demoExport(args: readonly string[] = []): string {
  const shared = process.env.DEMO_EXPORTS;
  if (!shared || !existsSync(shared)) {
    const out = mkdtempSync(path.join(tmpdir(), 'demo-'));
    runDemo([...args, '--out', out], () => undefined);
    return out;
  }
  const done = path.join(shared, createHash('sha256').update(JSON.stringify(args)).digest('hex').slice(0, 16));
  if (existsSync(done)) return done;
  const out = mkdtempSync(`${done}.partial-`);
  runDemo([...args, '--out', out], () => undefined);
  try {
    renameSync(out, done);
  } catch {
    return out; // another worker's run of the same demo was renamed first: this one is complete too
  }
  return done;
}
