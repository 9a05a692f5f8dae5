/**
 * Installable triggers belong to the user who created them (emulator/services.ts createScriptApp, sources there):
 * each user sees and deletes only their own, an add-on may have one per type per user per document, a trigger runs as
 * its owner, and a trigger whose owner revoked the grant no longer runs.
 */
import { createEmulator } from '../../emulator';
import { loadScript } from '../support/script';

const SCOPES = [
  'https://www.googleapis.com/auth/spreadsheets', 'https://www.googleapis.com/auth/forms', 'https://www.googleapis.com/auth/script.scriptapp',
  'https://www.googleapis.com/auth/userinfo.email',
];
const A = 'coordinator@example.jp';
const B = 'second@example.jp';

function setUp() {
  const emu = createEmulator({ now: new Date('2026-06-01T00:00:00Z') });
  emu.runtime.manifestScopes = [...SCOPES];
  emu.runtime.grantedScopes = [...SCOPES];
  emu.users.add(B);
  const form = emu.globals.FormApp.create('申込', true);
  form.addTextItem().setTitle('氏名');
  form.setDestination(emu.globals.FormApp.DestinationType.SPREADSHEET, emu.active.getId());
  const g = loadScript(emu, `
    function install() { ScriptApp.newTrigger('onSubmit').forSpreadsheet(SpreadsheetApp.getActiveSpreadsheet()).onFormSubmit().create(); }
    function mine() { return ScriptApp.getUserTriggers(SpreadsheetApp.getActiveSpreadsheet()).map(function (t) { return t.getHandlerFunction(); }); }
    function project() { return ScriptApp.getProjectTriggers().length; }
    function removeAll() { ScriptApp.getProjectTriggers().forEach(function (t) { ScriptApp.deleteTrigger(t); }); }
    function onSubmit(e) {
      var p = PropertiesService.getScriptProperties();
      var k = 'ran:' + Session.getEffectiveUser().getEmail();
      p.setProperty(k, String(Number(p.getProperty(k) || '0') + 1));
    }`);
  return { emu, g: g as unknown as Record<string, () => unknown>, form };
}

describe('installable triggers per user', () => {
  test('each user sees only their own; both fire for a response, each as its owner', () => {
    const { emu, g, form } = setUp();
    emu.run('install');
    expect(emu.run('mine')).toEqual(['onSubmit']);
    expect(emu.users.as(B, () => emu.run('mine'))).toEqual([]);
    emu.users.as(B, () => emu.run('install'));
    expect(emu.users.as(B, () => emu.run('project'))).toBe(1);
    // A second one of the same type for the same user and document is refused (editor add-ons).
    expect(() => emu.run('install')).toThrow('too many on_form_submit triggers');
    emu.forms.submit(form.getId(), { 氏名: '佐藤' });
    expect(Object.fromEntries(emu.properties.script)).toEqual({ [`ran:${A}`]: '1', [`ran:${B}`]: '1' });
    void g;
  });

  test('a user cannot delete another user\'s trigger: removing "all" removes only one\'s own', () => {
    const { emu } = setUp();
    emu.run('install');
    emu.users.as(B, () => emu.run('install'));
    emu.users.as(B, () => emu.run('removeAll'));
    expect(emu.triggers.map((t) => t.owner)).toEqual([A]);
  });

  test('the owner revoked the grant: the trigger fails to start, the other user\'s still runs', () => {
    const { emu, form } = setUp();
    emu.run('install');
    emu.users.as(B, () => emu.run('install'));
    const formId = form.getId();
    emu.users.revoke(A);
    const r = emu.forms.submit(formId, { 氏名: '佐藤' });
    expect(r.executions.map((x) => [x.outcome, x.error ?? ''])).toEqual([
      ['failed', 'Exception: Authorization is required to perform that action.'],
      ['completed', ''],
    ]);
    expect(Object.fromEntries(emu.properties.script)).toEqual({ [`ran:${B}`]: '1' });
  });
});
