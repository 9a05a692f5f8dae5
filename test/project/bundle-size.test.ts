/**
 * dist/Code.js is loaded whole by every execution (each trigger firing, each sidebar call), so its size is a cost paid
 * on every run: the team's budget is 250 KB. Whitespace and syntax are minified and local variables renamed by
 * scripts/build.mjs (esbuild, then terser's mangle); function and class names are kept.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const code = readFileSync(path.join(__dirname, '../../dist/Code.js'), 'utf8');

test('dist/Code.js stays under 250 KB', () => {
  expect(Buffer.byteLength(code)).toBeLessThan(250 * 1024);
});

test('minification keeps the top-level entry points Apps Script calls, and their names', () => {
  // gas-webpack-plugin's stubs are what Apps Script lists and runs (menu items, triggers, google.script.run).
  for (const name of ['onOpen', 'onInstall', 'setUpWorkbook', 'rpcInit']) {
    expect(code).toMatch(new RegExp(`(^|[;}\\s])function ${name}\\(\\)\\{\\}`));
  }
  // Names kept: the executions list and stack traces show the add-on's own function names.
  expect(code).toContain('function withDocumentLock(');
});
