/**
 * Issue 13 item 2: the sidebar ⇄ server contract is derived from the server's exports, not restated. Each probe copies
 * src/ (and the typed test runner) into a temporary project, changes one thing on the server side, and runs
 * `tsc --noEmit` over the sidebar and a one-line test table: renaming an RPC, changing an operation's result type,
 * or letting a Date into a result must each fail the type-check where the sidebar or a test uses it. The unchanged
 * copy must type-check, so each failure is the probe's doing. About a second per tsc run.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const TSC = path.join(ROOT, 'node_modules', '.bin', 'tsc');

/** A test table entry typed as every test's emu.run is (test/support/bundle.ts). */
const TEST_TABLE = `import { loadAddOn } from './support/bundle';
export function probe(emu: ReturnType<typeof loadAddOn>): number {
  const r = emu.run('rpcListEvents');
  return r.ok ? r.value.length : 0;
}
`;

function project(mutate: Record<string, [string, string]>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'contract-probe-'));
  cpSync(path.join(ROOT, 'src'), path.join(dir, 'src'), { recursive: true });
  mkdirSync(path.join(dir, 'test', 'support'), { recursive: true });
  cpSync(path.join(ROOT, 'test', 'support', 'bundle.ts'), path.join(dir, 'test', 'support', 'bundle.ts'));
  writeFileSync(path.join(dir, 'test', 'probe.ts'), TEST_TABLE);
  symlinkSync(path.join(ROOT, 'emulator'), path.join(dir, 'emulator'));
  // The emulator's registry declares the preview's service pages, whose session seeds from the demo's scripts.
  symlinkSync(path.join(ROOT, 'scripts'), path.join(dir, 'scripts'));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
    extends: path.join(ROOT, 'tsconfig.json'),
    compilerOptions: { types: ['google-apps-script', 'node'], typeRoots: [path.join(ROOT, 'node_modules', '@types')] },
    include: ['src/client', 'src/server/**/*.d.ts', 'test/probe.ts'],
  }));
  for (const [file, [from, to]] of Object.entries(mutate)) {
    const p = path.join(dir, file);
    const text = readFileSync(p, 'utf8');
    if (!text.includes(from)) throw new Error(`probe: ${file} no longer contains ${from}`);
    writeFileSync(p, text.replace(from, to));
  }
  return dir;
}

/** tsc's diagnostics for the project ('' when it type-checks). */
function typeCheck(mutate: Record<string, [string, string]> = {}): string {
  const dir = project(mutate);
  try {
    execFileSync(TSC, ['--noEmit', '-p', path.join(dir, 'tsconfig.json')], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (e) {
    return String((e as { stdout?: string }).stdout ?? e);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the unchanged copy type-checks (so each failure below is the probe\'s)', () => {
  expect(typeCheck()).toBe('');
});

test('renaming a server RPC fails the sidebar\'s and the tests\' type-check', () => {
  const out = typeCheck({ 'src/server/main.ts': ['export function rpcListEvents()', 'export function rpcListEventsRenamed()'] });
  expect(out).toMatch(/src\/client\/sections\/forms\.ts.*"rpcListEvents"/);
  expect(out).toMatch(/test\/probe\.ts.*error/);
});

test('changing an operation\'s result type fails the sidebar\'s and the tests\' type-check', () => {
  const out = typeCheck({ 'src/server/operations.ts': ["sidebar: true, ...READ_ONLY, run: (ss) => listEvents(ss) }", "sidebar: true, ...READ_ONLY, run: (ss) => listEvents(ss).length }"] });
  expect(out).toMatch(/src\/client\/sections\/forms\.ts.*error/);
  expect(out).toMatch(/test\/probe\.ts.*error/);
});

test('a Date in an RPC\'s result fails the type-check, naming the RPC', () => {
  const out = typeCheck({ 'src/server/operations.ts': ["run: (ss) => lastResults(ss, new Date()) }", "run: (ss) => ({ results: lastResults(ss, new Date()), at: new Date() }) }"] });
  expect(out).toMatch(/src\/client\/rpc\.ts.*dateCrossesTheWireIn: "rpcLastResults"/s);
});
