/**
 * emulator/scopes.ts: every emulated method checks the scopes Google's reference lists for it, with Google's
 * wording (sources in emulator/scopes.ts). Driven through the emulator's globals, as the add-on calls them.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createEmulator } from '../../emulator';
import { ADVANCED_SCOPES, callName, scopeTable, scopesFor } from '../../emulator/scopes';

const A = 'https://www.googleapis.com/auth/';
const SHEETS = `${A}spreadsheets.currentonly`;

function without(...scopes: string[]) {
  const emu = createEmulator();
  emu.runtime.grantedScopes = emu.runtime.manifestScopes.filter((s) => !scopes.includes(s));
  return emu;
}

describe('the scope table (build/scope-table.json from gas-types-detailed)', () => {
  test('comes from the installed gas-types-detailed and covers Google\'s reference', () => {
    const installed = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'node_modules', 'gas-types-detailed', 'package.json'), 'utf8')).version;
    const table = scopeTable();
    expect(table.source).toBe(`gas-types-detailed@${installed}`);
    const entries = Object.values(table.methods);
    expect(entries.length).toBeGreaterThan(5000);
    expect(entries.filter((e) => e.scopes.length > 0).length).toBeGreaterThan(3500);
  });

  test('the reference\'s own facts: openById needs spreadsheets (not currentonly); getActiveSpreadsheet either; DriveApp only drive', () => {
    expect(scopesFor('SpreadsheetApp', 'SpreadsheetApp', 'openById')?.scopes).toEqual([`${A}spreadsheets`]);
    expect(scopesFor('SpreadsheetApp', 'SpreadsheetApp', 'getActiveSpreadsheet')?.scopes).toEqual([SHEETS, `${A}spreadsheets`]);
    expect(scopesFor('DriveApp', 'DriveApp', 'createFolder')?.scopes).toEqual([`${A}drive`]);
    expect(scopesFor('DriveApp', 'DriveApp', 'getFileById')?.scopes).toEqual([`${A}drive.readonly`, `${A}drive`]);
    expect(scopesFor('Session', 'Session', 'getActiveUser')?.scopes).toEqual([`${A}userinfo.email`]);
    expect(scopesFor('SpreadsheetApp', 'Ui', 'alert')?.scopes).toEqual([]);
    expect(scopesFor('SpreadsheetApp', 'Ui', 'showSidebar')?.scopes).toEqual([`${A}script.container.ui`]);
  });

  test('classes resolve in their service\'s namespace (Spreadsheet.Range is not Document.Range), then by inheritance', () => {
    expect(scopesFor('SpreadsheetApp', 'Range', 'getValues')?.key).toBe('Spreadsheet.Range.getValues');
    expect(scopesFor('DocumentApp', 'Body', 'getText')?.scopes).toContain(`${A}documents`);
    expect(scopesFor('ScriptApp', 'TriggerBuilder', 'create')?.key).toBe('Script.SpreadsheetTriggerBuilder.create');
  });

  test('overloads: every method whose overloads disagree has one overload without an Authorization section', () => {
    const differing = Object.entries(scopeTable().methods).filter(([, e]) => e.differs);
    for (const [key, e] of differing) {
      const nonEmpty = e.overloads!.filter((o) => o.length > 0).map((o) => [...o].sort().join(' '));
      expect({ key, distinctListed: new Set(nonEmpty).size }).toEqual({ key, distinctListed: 1 });
    }
  });

  test('advanced services\' REST scopes cover the methods the emulator implements', () => {
    expect(ADVANCED_SCOPES['Calendar.Events.patch']!.scopes).toEqual([`${A}calendar`, `${A}calendar.app.created`, `${A}calendar.events`, `${A}calendar.events.owned`]);
    expect(ADVANCED_SCOPES['Drive.Files.create']!.scopes).toContain(`${A}drive.file`);
    expect(ADVANCED_SCOPES['Calendar.Events.remove']!.rest).toBe('calendar.events.delete');
  });
});

describe('enforcement with Google\'s wording', () => {
  test('a scope the manifest asks for but the user did not grant: "You do not have permission to call …"', () => {
    const emu = without(SHEETS);
    expect(() => emu.globals.SpreadsheetApp.getActiveSpreadsheet()).toThrow(
      `You do not have permission to call SpreadsheetApp.getActiveSpreadsheet. Required permissions: (${SHEETS} || ${A}spreadsheets)`);
  });

  test('a scope the manifest does not ask for: "Specified permissions are not sufficient to call …", one scope bare', () => {
    const emu = createEmulator();
    expect(emu.runtime.manifestScopes).not.toContain(`${A}spreadsheets`);
    expect(() => emu.globals.SpreadsheetApp.openById(emu.active.id)).toThrow(
      `Specified permissions are not sufficient to call SpreadsheetApp.openById. Required permissions: ${A}spreadsheets`);
  });

  test('class methods are checked too, and the refused call is in the ledger (Google made the round trip)', () => {
    const emu = createEmulator();
    const sheet = emu.globals.SpreadsheetApp.getActiveSpreadsheet()!.getSheets()[0]!;
    emu.runtime.grantedScopes = emu.runtime.grantedScopes.filter((s) => s !== SHEETS);
    const before = emu.ledger.records.length;
    expect(() => sheet.getRange('A1').setValue('x')).toThrow(
      `You do not have permission to call SpreadsheetApp.Sheet.getRange. Required permissions: (${SHEETS} || ${A}spreadsheets)`);
    expect(emu.ledger.records.slice(before).map((r) => `${r.service}.${r.method}`)).toEqual(['SpreadsheetApp.Sheet.getRange']);
    expect(callName('SpreadsheetApp', 'Range', 'setValues')).toBe('SpreadsheetApp.Range.setValues');
  });

  test('every service, one mechanism: Forms, Docs, Calendar, ScriptApp, Session, Ui', () => {
    const emu = without(`${A}forms`, `${A}documents`, `${A}calendar`, `${A}script.scriptapp`, `${A}userinfo.email`, `${A}script.container.ui`);
    const g = emu.globals;
    expect(() => g.FormApp.create('x')).toThrow(`You do not have permission to call FormApp.create. Required permissions: ${A}forms`);
    expect(() => g.DocumentApp.create('x')).toThrow(`You do not have permission to call DocumentApp.create. Required permissions: ${A}documents`);
    expect(() => g.CalendarApp.getDefaultCalendar()).toThrow(
      `You do not have permission to call CalendarApp.getDefaultCalendar. Required permissions: (${A}calendar || ${A}calendar.readonly || https://www.google.com/calendar/feeds)`);
    expect(() => g.ScriptApp.newTrigger('f')).toThrow(`You do not have permission to call ScriptApp.newTrigger. Required permissions: ${A}script.scriptapp`);
    expect(() => g.Session.getActiveUser()).toThrow(`You do not have permission to call Session.getActiveUser. Required permissions: ${A}userinfo.email`);
    const ui = g.SpreadsheetApp.getUi() as GoogleAppsScript.Base.Ui;
    const html = g.HtmlService.createHtmlOutput('<p>x</p>');
    expect(() => ui.showSidebar(html)).toThrow(`You do not have permission to call SpreadsheetApp.Ui.showSidebar. Required permissions: ${A}script.container.ui`);
  });

  test('methods whose reference lists no scope need none', () => {
    const emu = createEmulator();
    emu.runtime.grantedScopes = [];
    expect(() => emu.globals.LockService.getDocumentLock()).not.toThrow();
    expect(() => emu.globals.PropertiesService.getUserProperties()).not.toThrow();
    expect(() => emu.globals.Utilities.formatDate(new Date(0), 'UTC', 'yyyy')).not.toThrow();
    expect(() => emu.globals.ScriptApp.getAuthorizationInfo(emu.globals.ScriptApp.AuthMode.FULL)).not.toThrow();
  });

  test('advanced services fail as the REST API does', () => {
    const emu = without(`${A}calendar`);
    let error: unknown;
    try {
      emu.globals.Calendar!.Events!.patch({ summary: 'x' }, 'primary', 'nope');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('GoogleJsonResponseException');
    expect((error as Error).message).toBe('API call to calendar.events.patch failed with error: Request had insufficient authentication scopes.');
  });

  test('enforceScopes = false (the audit\'s recording world) lets every call through, and it is recorded', () => {
    const emu = without(`${A}forms`);
    emu.runtime.enforceScopes = false;
    expect(() => emu.globals.FormApp.create('x')).not.toThrow();
    expect(emu.ledger.count({ method: 'FormApp.create' })).toBe(1);
  });

  test('DriveApp under the manifest (drive.file, not drive): Google refuses it, as every DriveApp method lists only drive / drive.readonly', () => {
    const emu = createEmulator();
    expect(() => emu.globals.DriveApp.createFolder('x')).toThrow(`Specified permissions are not sufficient to call DriveApp.createFolder. Required permissions: ${A}drive`);
    expect(() => emu.globals.DriveApp.getFileById('x')).toThrow(`Specified permissions are not sufficient to call DriveApp.getFileById. Required permissions: (${A}drive.readonly || ${A}drive)`);
  });
});
