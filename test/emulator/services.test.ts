import { createEmulator } from '../../emulator';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { runScript } from '../support/script';
import { encodeShiftJis } from '../support/globals';

describe('emulated Utilities, Properties, Lock, ScriptApp, Ui', () => {
  test('formatDate follows SimpleDateFormat in the given zone', () => {
    const { Utilities } = createEmulator().globals;
    const d = new Date('2025-08-01T00:30:00Z');
    expect(Utilities.formatDate(d, 'Asia/Tokyo', "yyyy-MM-dd'T'HH:mm:ss E")).toBe('2025-08-01T09:30:00 Fri');
    expect(Utilities.formatDate(d, 'America/New_York', 'yyyy/M/d h:mm a Z')).toBe('2025/7/31 8:30 PM -0400');
  });

  test('parseCsv handles quoted delimiters, quotes and newlines', () => {
    const { Utilities } = createEmulator().globals;
    expect(Utilities.parseCsv('a,"b,c","d ""e""\nf"\r\n1,2,3')).toEqual([['a', 'b,c', 'd "e"\nf'], ['1', '2', '3']]);
  });

  test('blobs decode UTF-8 and Shift_JIS; getBytes returns signed bytes as Java does', () => {
    const { Utilities } = createEmulator().globals;
    const sjis = [...encodeShiftJis('団体,カナ')];
    const blob = Utilities.newBlob(sjis.map((b) => (b > 127 ? b - 256 : b)));
    expect(blob.getDataAsString('Shift_JIS')).toBe('団体,カナ');
    expect(blob.getDataAsString()).toContain('\uFFFD');
    expect(Utilities.newBlob('é').getBytes()).toEqual([-61, -87]);
  });

  test('properties enforce the 9 KB value limit with Google wording', () => {
    const { PropertiesService } = createEmulator().globals;
    const props = PropertiesService.getDocumentProperties();
    props.setProperty('k', 'x'.repeat(9000));
    expect(() => props.setProperty('k', 'x'.repeat(9300))).toThrow('Argument too large: value');
  });

  test('a lock held by one execution makes another execution wait and time out', () => {
    const emu = createEmulator();
    const first = emu.globals.LockService.getDocumentLock();
    first.waitLock(1000);
    emu.runtime.executionId = 'exec-2';
    const second = emu.globals.LockService.getDocumentLock();
    expect(second.tryLock(10)).toBe(false);
    expect(() => second.waitLock(10)).toThrow('Lock timeout: another process was holding the lock for too long.');
    emu.runtime.executionId = 'exec-1';
    first.releaseLock();
    emu.runtime.executionId = 'exec-2';
    expect(second.tryLock(10)).toBe(true);
  });

  test('an editor add-on gets one trigger per event type per document', () => {
    const emu = createEmulator();
    const { ScriptApp, SpreadsheetApp } = emu.globals;
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    ScriptApp.newTrigger('onFormSubmitHandler').forSpreadsheet(ss).onFormSubmit().create();
    expect(() => ScriptApp.newTrigger('other').forSpreadsheet(ss).onFormSubmit().create()).toThrow(/too many on_form_submit triggers/);
    expect(ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual(['onFormSubmitHandler']);
  });

  test('document properties are refused in AuthMode.NONE', () => {
    const emu = createEmulator();
    emu.runtime.authMode = 'NONE';
    expect(() => emu.globals.PropertiesService.getDocumentProperties()).toThrow(/permission/);
  });

  test('alerts are recorded with title, prompt and buttons', () => {
    const emu = createEmulator();
    const ui = emu.globals.SpreadsheetApp.getUi();
    ui.alert('題', '本文', ui.ButtonSet.OK);
    expect(emu.uiState.alerts).toEqual([{ title: '題', prompt: '本文', buttons: 'OK' }]);
  });
});

describe('executions', () => {
  test('each run starts with fresh script globals, as Apps Script does', () => {
    const emu = createEmulator();
    emu.load(require('node:path').join(__dirname, '..', 'fixtures', 'state-probe.js'));
    expect(emu.run('bump')).toBe(1);
    expect(emu.run('bump')).toBe(1);
  });
});

describe('the script time zone and the execution log', () => {
  test("Session.getScriptTimeZone() is the manifest's, and the script's local Date and Intl default are in it", () => {
    const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../appsscript.json'), 'utf8')) as { timeZone: string };
    expect(manifest.timeZone).toBe('Asia/Tokyo');
    const emu = createEmulator();
    expect(emu.globals.Session.getScriptTimeZone()).toBe(manifest.timeZone);
    const { result } = runScript<string[]>(emu, `
      function probe() {
        return [new Date(2025, 3, 1, 9, 30).toISOString(), String(new Date(Date.UTC(2025, 3, 1)).getHours()),
          Intl.DateTimeFormat().resolvedOptions().timeZone, String(new Date(2025, 0, 1).getTimezoneOffset())];
      }`, 'probe');
    expect(result).toEqual(['2025-04-01T00:30:00.000Z', '9', 'Asia/Tokyo', '-540']);
  });

  test('console.log substitutes %s %d %i %f %o and appends the rest; Logger.log replaces %s and writes objects as {key=value}', () => {
    const emu = createEmulator();
    const { logs } = runScript(emu, `
      function logIt() {
        console.log('%s rows', 3);
        console.log('%d of %i done (%f%%)', '7', 9.8, 1.5, 'extra');
        console.log('data %o', { a: 1 });
        console.log('plain', 2, true);
        Logger.log('You are a member of %s Google Groups.', 4);
        Logger.log({ key: 'value' });
        Logger.log({ message: 'my log message', data: { key: 'value' } });
      }`, 'logIt');
    expect(logs).toEqual([
      '3 rows', '7 of 9 done (1.5%) extra', 'data {"a":1}', 'plain 2 true',
      'You are a member of 4 Google Groups.', '{key=value}', 'my log message',
    ]);
  });
});
