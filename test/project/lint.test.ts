/**
 * Issue 13 item 8: `npm test` runs ESLint (typescript-eslint), and its layering rule keeps src/server/domain pure. A
 * probe file linted as if it were in domain/ must be refused for importing workspace/ or the emulator, for touching
 * an Apps Script global and for naming an Apps Script type; the same text outside domain/ is allowed.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const PROBE = `import { readLedger } from '../workspace/records';
import { createEmulator } from '../../../emulator';
export function impure(sheet: GoogleAppsScript.Spreadsheet.Sheet): unknown {
  return [readLedger, createEmulator, sheet, SpreadsheetApp.getActive(), DriveApp, Session.getActiveUser()];
}
`;

/** The rules the probe breaks when linted as `file` (the ESLint CLI: its config is an ES module). */
async function rulesBroken(file: string): Promise<string[]> {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--format', 'json', '--stdin', '--stdin-filename', file],
    { cwd: ROOT, input: PROBE, encoding: 'utf8' });
  const [result] = JSON.parse(r.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

test('a domain file importing workspace/ or the emulator, or touching Apps Script, fails the lint', async () => {
  const broken = await rulesBroken('src/server/domain/probe.ts');
  expect(broken.filter((r) => r.startsWith('no-restricted-imports'))).toHaveLength(2);
  expect(broken.filter((r) => r.startsWith('no-restricted-globals'))).toHaveLength(3);
  expect(broken.filter((r) => r.startsWith('no-restricted-syntax'))).toHaveLength(1);
});

test('the same code in workspace/ is allowed', async () => {
  expect(await rulesBroken('src/server/workspace/probe.ts')).toEqual([]);
});
