/**
 * dist/Code.js is loaded whole by every execution (each trigger firing, each sidebar call), so its size is a cost paid
 * on every run: the team's budget is 250 KB. Whitespace, syntax and names inside webpack's wrapper are minified by
 * scripts/build.mjs (terser; class names and the top level kept); `npm run stack` reads stack traces back.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';

const code = readFileSync(path.join(__dirname, '../../dist/Code.js'), 'utf8');

test('dist/Code.js stays under 250 KB', () => {
  expect(Buffer.byteLength(code)).toBeLessThan(250 * 1024);
});

test('minification keeps the top-level entry points Apps Script calls, and their names', () => {
  // gas-webpack-plugin's stubs are what Apps Script lists and runs (menu items, triggers, google.script.run).
  for (const name of ['onOpen', 'onInstall', 'setUpWorkbook', 'rpcInit']) {
    expect(code).toMatch(new RegExp(`(^|[;}\\s])function ${name}\\(\\)\\{\\}`));
  }
  // Names inside the bundle are renamed; `npm run stack` (scripts/stack.mjs) reads a stack trace back through
  // build/Code.js.map: a frame inside the document lock is named as in src/.
  const at = code.indexOf('LockService.getDocumentLock');
  expect(at).toBeGreaterThan(0);
  const frame = execFileSync(process.execPath, [path.join(__dirname, '../../scripts/stack.mjs'), `    at q (Code:1:${at + 1})`], { encoding: 'utf8' }).replace(/\n$/, '');
  expect(frame).toMatch(/^    at (try)?WithDocumentLock src\/server\/workspace\/lock\.ts \(build\/Code\.unminified\.js:\d+:\d+\)$/i);
});

test('loaded as Apps Script loads it, every top-level stub is replaced by its entry point (webpack usedExports keeps them)', () => {
  // A bare context: the bundle's own code runs at load and assigns each entry point over its stub `function x() {}`.
  const context: Record<string, unknown> = {};
  vm.runInNewContext(code, context);
  const stubs = [...code.matchAll(/(?<=^|[;}])function ([\w$]+)\(\)\{\}/g)].map((m) => m[1]!);
  expect(stubs.length).toBeGreaterThan(40);
  for (const name of stubs) {
    expect(typeof context[name]).toBe('function');
    expect(String(context[name])).not.toMatch(/\(\)\{\}$/);
  }
});
