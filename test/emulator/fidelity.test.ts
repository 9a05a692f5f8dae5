/**
 * emulator/FIDELITY.md is generated (emulator/fidelity-doc.ts) and must be current: every emulated class and
 * method, its reference URL and scopes, and what the emulator does, does not, and assumes. `npm run fidelity`
 * rewrites it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fidelityMarkdown } from '../../emulator/fidelity-doc';

const FILE = path.join(__dirname, '..', '..', 'emulator', 'FIDELITY.md');

describe('emulator/FIDELITY.md', () => {
  const { markdown, unmatched, members } = fidelityMarkdown();

  test('walks every service the emulator exposes, classes included', () => {
    const services = new Set(members.map((m) => m.service));
    for (const s of ['SpreadsheetApp', 'DocumentApp', 'FormApp', 'CalendarApp', 'Calendar', 'DriveApp', 'ScriptApp', 'Session', 'Utilities', 'LockService', 'PropertiesService', 'HtmlService']) expect(services).toContain(s);
    const keys = new Set(members.map((m) => `${m.service}.${m.type}.${m.method}`));
    for (const k of ['SpreadsheetApp.Range.setValues', 'DocumentApp.Body.replaceText', 'Calendar.Events.patch', 'FormApp.Form.setDestination', 'SpreadsheetApp.SpreadsheetApp.getActiveSpreadsheet']) expect(keys).toContain(k);
    // Internal helpers (private methods) are not Apps Script members.
    expect([...keys].filter((k) => /\.(find|calendar)$/.test(k) && k.startsWith('Calendar.Events'))).toEqual([]);
  });

  test('every entry of the source table names an emulated member', () => {
    expect(unmatched).toEqual([]);
  });

  test('is current (run `npm run fidelity` after changing the emulator or emulator/fidelity.ts)', () => {
    if (process.env.UPDATE_FIDELITY) writeFileSync(FILE, markdown);
    expect(readFileSync(FILE, 'utf8')).toBe(markdown);
  });
});
