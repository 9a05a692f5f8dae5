/**
 * Domain purity by the compiler: tsconfig.domain.json (part of `npm run typecheck`) compiles src/server/domain with
 * no Apps Script and no Node types, so a Google call or a Node module in the domain fails the type-check. This test
 * proves the configuration can fail: a probe using each is compiled with the same options.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const root = path.join(__dirname, '..', '..');
const tsc = path.join(root, 'node_modules', '.bin', 'tsc');

function compile(source: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'domain-probe-'));
  writeFileSync(path.join(dir, 'probe.ts'), source);
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ extends: path.join(root, 'tsconfig.domain.json'), include: [path.join(dir, 'probe.ts')] }));
  try {
    execFileSync(tsc, ['--noEmit', '-p', path.join(dir, 'tsconfig.json')], { encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (e) {
    return String((e as { stdout?: string }).stdout ?? e);
  }
}

describe('tsconfig.domain.json', () => {
  test('covers src/server/domain, has no Apps Script or Node types, and is part of npm run typecheck', () => {
    const config = JSON.parse(readFileSync(path.join(root, 'tsconfig.domain.json'), 'utf8'));
    expect(config.include).toEqual(['src/server/domain']);
    expect(config.compilerOptions.types).toEqual([]);
    expect(config.compilerOptions.lib).not.toContain('DOM');
    expect(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.typecheck).toContain('tsc --noEmit -p tsconfig.domain.json');
  });

  test('a pure module compiles', () => {
    expect(compile("import { isoDate } from '" + path.join(root, 'src/server/domain/dates') + "';\nexport const x: string = isoDate({ year: 2026, month: 4, day: 1 });\n")).toBe('');
  });

  test.each([
    ['an Apps Script global', 'export const x = SpreadsheetApp.getActive();', 'SpreadsheetApp'],
    ['an Apps Script type', 'export let r: GoogleAppsScript.Spreadsheet.Range | null = null;', 'GoogleAppsScript'],
    ['a Node module', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;", 'node:fs'],
    ['a workspace module', "import { Settings } from '" + path.join(root, 'src/server/workspace/settings') + "';\nexport const x = Settings;", 'GoogleAppsScript'],
  ])('%s fails the type-check', (_what, source, named) => {
    expect(compile(source)).toContain(named);
  });
});
