/**
 * Breadth: small programs written here in the style of Google's published samples (googleworkspace/apps-script-samples:
 * Sheets, Forms, Calendar, Docs, UI, triggers, Mail) run unchanged on the emulator through the vm loader, with the
 * globals the built bundle gets. Each asserts the state Google documents, not what the emulator happens to return.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createEmulator } from '../../emulator';
import { loadScript, runScript } from '../support/script';

/** The scopes a sample project's manifest lists (Apps Script infers them for a project without oauthScopes). */
const SAMPLE_SCOPES = [
  'https://www.googleapis.com/auth/spreadsheets', 'https://www.googleapis.com/auth/documents', 'https://www.googleapis.com/auth/forms',
  'https://www.googleapis.com/auth/calendar', 'https://www.googleapis.com/auth/script.send_mail', 'https://www.googleapis.com/auth/script.container.ui',
  'https://www.googleapis.com/auth/script.scriptapp', 'https://www.googleapis.com/auth/drive', 'https://www.googleapis.com/auth/userinfo.email',
];

function sampleProject(htmlFiles: Record<string, string> = {}) {
  const distDir = mkdtempSync(path.join(tmpdir(), 'sample-html-'));
  for (const [name, html] of Object.entries(htmlFiles)) writeFileSync(path.join(distDir, `${name}.html`), html);
  const emu = createEmulator({ now: new Date('2026-06-01T00:00:00Z'), advancedCalendar: true, distDir });
  emu.runtime.manifestScopes = [...SAMPLE_SCOPES];
  emu.runtime.grantedScopes = [...SAMPLE_SCOPES];
  emu.runtime.isAddOn = false;
  return emu;
}

describe('Sheets samples', () => {
  test('active sheet, range and cell; getCell; clearContent; merge; hideColumns; autoResizeColumns; copyTo', () => {
    const emu = sampleProject();
    const ss = emu.active;
    const { result } = runScript<string[]>(emu, `
      function run() {
        var sheet = SpreadsheetApp.getActiveSheet();
        sheet.getRange('A1:C3').setValues([['Name', 'Qty', 'Note'], ['Apple', 3, 'red'], ['Pear', 5, 'green']]);
        sheet.setActiveRange(sheet.getRange('B2:C3'));
        var range = SpreadsheetApp.getActiveRange();
        var cell = SpreadsheetApp.getActiveCell();
        var second = range.getCell(2, 1).getValue();
        sheet.getRange('C2:C3').clearContent();
        sheet.getRange('A5:C5').merge();
        sheet.hideColumns(3);
        sheet.autoResizeColumns(1, 2);
        var copy = sheet.copyTo(SpreadsheetApp.getActiveSpreadsheet());
        return [range.getA1Notation(), cell.getA1Notation(), String(second), String(sheet.getRange('C2').getValue()),
          String(sheet.getRange('A5:C5').isPartOfMerge()), String(sheet.isColumnHiddenByUser(3)), copy.getName(),
          String(copy.getRange('A2').getValue()), String(SpreadsheetApp.getActiveSheet().getName() === sheet.getName())];
      }`, 'run');
    expect(result).toEqual(['B2:C3', 'B2', '5', '', 'true', 'true', `Copy of ${ss.sheets[0]!.name}`, 'Apple', 'true']);
    expect(ss.sheets[0]!.columnWidths.get(1)).toBeGreaterThan(21);
  });

  test('getCell outside the range fails with Google wording; a Google method the emulator lacks names itself; a misspelt one is not a function', () => {
    const emu = sampleProject();
    const code = `
      function outside() { SpreadsheetApp.getActiveSheet().getRange('A1:B2').getCell(3, 1); }
      function missing() { SpreadsheetApp.getActiveSheet().getRange('A1:B2').mergeAcross(); }
      function misspelt() { SpreadsheetApp.getActiveSheet().getRange('A1:B2').clearContents(); }`;
    expect(() => runScript(emu, code, 'outside')).toThrow('Cell reference out of range');
    expect(() => runScript(emu, code, 'missing')).toThrow('Emulator: SpreadsheetApp.Range.mergeAcross is not emulated');
    expect(() => runScript(emu, code, 'misspelt')).toThrow(/clearContents is not a function/);
  });

  test('Spreadsheet.getFormUrl is the form sending responses here, null before', () => {
    const emu = sampleProject();
    const { result } = runScript<string[]>(emu, `
      function run() {
        var ss = SpreadsheetApp.getActiveSpreadsheet();
        var before = ss.getFormUrl();
        var form = FormApp.create('Sample form', true);
        form.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
        return [String(before), String(ss.getFormUrl().indexOf(form.getId()) >= 0)];
      }`, 'run');
    expect(result).toEqual(['null', 'true']);
    const reopened = runScript<string>(emu, `function run() { return SpreadsheetApp.openByUrl(SpreadsheetApp.getActive().getUrl()).getId(); }`, 'run');
    expect(reopened.result).toBe(emu.active.id);
  });

  test('Utilities.formatString is printf-like', () => {
    const emu = sampleProject();
    const { result } = runScript<string[]>(emu, `
      function run() {
        return [Utilities.formatString('%s has %d rows', 'Sheet1', 12), Utilities.formatString('-%3d-%-3d-%03d', 1, 2, 3),
          Utilities.formatString('%.2f%%', 12.345), Utilities.formatString('%5s|%-5s|', 'ab', 'cd'), Utilities.formatString('%x %X %o', 255, 255, 8),
          Utilities.formatString('%+d % d', 5, 5),
          // The reference's own examples.
          Utilities.formatString('%11.6f', 123.456), Utilities.formatString('%6s', 'abc')];
      }`, 'run');
    expect(result).toEqual(['Sheet1 has 12 rows', '-  1-2  -003', '12.35%', '   ab|cd   |', 'ff FF 10', '+5  5', ' 123.456000', '   abc']);
  });
});

describe('More Sheets members the samples use', () => {
  test('Sheet.clearContents keeps formats; insertColumnAfter; getSheetValues; deleteRow; hideSheet; setActiveSheet; addMenu; formatting; requireValueInRange', () => {
    const emu = sampleProject();
    const { result } = runScript<string[]>(emu, `
      function onOpen() {
        SpreadsheetApp.getActiveSpreadsheet().addMenu('Sample', [{ name: 'Run', functionName: 'run' }, null, { name: 'Help', functionName: 'help' }]);
      }
      function run() {
        var ss = SpreadsheetApp.getActiveSpreadsheet();
        var sheet = ss.getSheets()[0];
        sheet.getRange('A1:B2').setValues([['a', 'b'], ['c', 'd']]);
        sheet.getRange('A1').setNumberFormat('@').setFontColor('#ff0000').setHorizontalAlignment('center').setWrap(true);
        sheet.insertColumnAfter(1);
        var afterInsert = sheet.getSheetValues(1, 1, -1, -1);
        sheet.deleteRow(2);
        var choices = ss.insertSheet('Choices');
        choices.getRange('A1:A2').setValues([['Yes'], ['No']]);
        var rule = SpreadsheetApp.newDataValidation().requireValueInRange(choices.getRange('A1:A2'), true).build();
        sheet.getRange('D1').setDataValidation(rule);
        choices.hideSheet();
        ss.setActiveSheet(sheet);
        var color = sheet.getRange('A1').getFontColor();
        sheet.clearContents();
        return [JSON.stringify(afterInsert), String(sheet.getMaxRows()), color, sheet.getRange('A1').getHorizontalAlignment(),
          sheet.getRange('A1').getNumberFormat(), JSON.stringify(sheet.getDataRange().getValues()), String(choices.isSheetHidden()),
          String(ss.getActiveSheet().getName() === sheet.getName()), String(ss.getNumSheets()),
          String(sheet.getRange('D1').getDataValidation().getCriteriaType() === SpreadsheetApp.DataValidationCriteria.VALUE_IN_RANGE)];
      }`, 'run');
    expect(result).toEqual(['[["a","","b"],["c","","d"]]', '999', '#ff0000', 'center', '@', '[[""]]', 'true', 'true', '2', 'true']);
    runScript(emu, 'function onOpen() { SpreadsheetApp.getActiveSpreadsheet().addMenu("Sample", [{ name: "Run", functionName: "run" }, null]); }', 'onOpen');
    expect(emu.uiState.menus.find((m) => m.title === 'Sample')!.items).toEqual([{ caption: 'Run', functionName: 'run' }, { separator: true }]);
  });

  test('Browser.msgBox answers the lower-case button, Browser.inputBox the text or "cancel"', () => {
    const emu = sampleProject();
    emu.uiState.nextAlertAnswers.push('NO');
    emu.uiState.nextPromptResponses.push({ button: 'OK', text: 'Taro' }, { button: 'CANCEL', text: 'ignored' });
    const { result } = runScript<string[]>(emu, `
      function run() {
        return [Browser.msgBox('Continue?', 'Really continue?', Browser.Buttons.YES_NO), Browser.msgBox('Done'),
          Browser.inputBox('Enter your name'), Browser.inputBox('Your name', 'Enter your name', Browser.Buttons.OK_CANCEL)];
      }`, 'run');
    expect(result).toEqual(['no', 'ok', 'Taro', 'cancel']);
    expect(emu.uiState.alerts[0]).toEqual({ title: 'Continue?', prompt: 'Really continue?', buttons: 'YES_NO' });
  });
});

describe('UI samples', () => {
  test('Ui.prompt returns the typed text and the clicked button; ButtonSet and Button enums compare', () => {
    const emu = sampleProject();
    const code = `
      function showPrompt() {
        var ui = SpreadsheetApp.getUi();
        var result = ui.prompt('Getting to know you', 'Please enter your name:', ui.ButtonSet.OK_CANCEL);
        var button = result.getSelectedButton();
        if (button == ui.Button.OK) ui.alert('Your name is ' + result.getResponseText() + '.');
        else if (button == ui.Button.CANCEL) ui.alert('I didn\\'t get your name.');
        else if (button == ui.Button.CLOSE) ui.alert('You closed the dialog.');
      }`;
    emu.uiState.nextPromptResponses.push({ button: 'OK', text: '山田' }, { button: 'CANCEL' }, { button: 'CLOSE' });
    runScript(emu, code, 'showPrompt');
    runScript(emu, code, 'showPrompt');
    runScript(emu, code, 'showPrompt');
    expect(emu.uiState.prompts[0]).toEqual({ title: 'Getting to know you', prompt: 'Please enter your name:', buttons: 'OK_CANCEL' });
    expect(emu.uiState.alerts.map((a) => a.prompt)).toEqual(['Your name is 山田.', "I didn't get your name.", 'You closed the dialog.']);
  });

  test('createTemplateFromFile().evaluate(): <?= ?> escapes, <?!= ?> does not, <? ?> runs code, script functions are in scope', () => {
    const emu = sampleProject({
      Page: '<h1><?= title ?></h1><?!= include("Style") ?><ul><? for (var i = 0; i < items.length; i++) { ?><li><?= items[i] ?></li><? } ?></ul>',
      Style: '<style>b{color:red}</style>',
    });
    const { result } = runScript<string>(emu, `
      function include(name) { return HtmlService.createHtmlOutputFromFile(name).getContent(); }
      function build() {
        var t = HtmlService.createTemplateFromFile('Page');
        t.title = 'A & B <script>';
        t.items = ['x', '<i>y</i>'];
        var out = t.evaluate().setTitle('Sample');
        SpreadsheetApp.getUi().showModalDialog(out, 'Sample');
        return out.getContent();
      }`, 'build');
    expect(result).toBe('<h1>A &amp; B &lt;script&gt;</h1><style>b{color:red}</style><ul><li>x</li><li>&lt;i&gt;y&lt;/i&gt;</li></ul>');
    expect(emu.uiState.dialogs[0]!.title).toBe('Sample');
  });
});

describe('Docs and Forms samples', () => {
  test('DocumentApp.getActiveDocument and getUi in a script bound to a document', () => {
    const emu = sampleProject();
    emu.documents.activeId = emu.globals.DocumentApp.create('Bound doc').getId();
    const { result } = runScript<string>(emu, `
      function onOpen() { DocumentApp.getUi().createMenu('Tools').addItem('Stamp', 'stamp').addToUi(); }
      function stamp() {
        var body = DocumentApp.getActiveDocument().getBody();
        body.appendParagraph('Reviewed');
        return DocumentApp.getActiveDocument().getName();
      }`, 'stamp');
    runScript(emu, 'function onOpen() { DocumentApp.getUi().createMenu("Tools").addItem("Stamp", "stamp").addToUi(); }', 'onOpen');
    expect(result).toBe('Bound doc');
    expect(emu.globals.DocumentApp.openById(emu.documents.activeId).getBody().getText()).toContain('Reviewed');
    expect(emu.uiState.menus.map((m) => m.title)).toContain('Tools');
    expect(emu.ledger.count({ service: 'DocumentApp', method: 'Ui.createMenu' })).toBe(1);
  });

  test('FormApp.getActiveForm and a form-bound onFormSubmit trigger that receives the response', () => {
    const emu = sampleProject();
    const form = emu.globals.FormApp.create('Feedback', true);
    form.addTextItem().setTitle('Name');
    emu.forms.store.activeId = form.getId();
    const code = `
      function install() {
        ScriptApp.newTrigger('onSubmit').forForm(FormApp.getActiveForm()).onFormSubmit().create();
      }
      function onSubmit(e) {
        var answers = e.response.getItemResponses().map(function (r) { return r.getItem().getTitle() + '=' + r.getResponse(); });
        PropertiesService.getScriptProperties().setProperty('last', e.source.getTitle() + ':' + answers.join(','));
      }`;
    runScript(emu, code, 'install');
    const submissions = emu.forms;
    submissions.submit(form.getId(), { Name: '佐藤' });
    expect(emu.properties.script.get('last')).toBe('Feedback:Name=佐藤');
  });
});

describe('A Forms add-on in the style of the notification sample', () => {
  test('installed in a form: a trigger on that form, a templated e-mail per response, the quota checked first; another form is refused', () => {
    const emu = sampleProject({ Notice: '<p>New response to <?= formTitle ?>: <?= answer ?></p><p><a href="<?= summaryUrl ?>">summary</a></p>' });
    emu.runtime.isAddOn = true;
    const form = emu.globals.FormApp.create('Event sign-up', true);
    form.addTextItem().setTitle('Name');
    const other = emu.globals.FormApp.create('Other form', true);
    emu.forms.store.activeId = form.getId();
    loadScript(emu, `
      function onOpen(e) { FormApp.getUi().createAddonMenu().addItem('Configure', 'configure').addToUi(); }
      function configure() {
        var form = FormApp.getActiveForm();
        var existing = ScriptApp.getUserTriggers(form).filter(function (t) { return t.getEventType() === ScriptApp.EventType.ON_FORM_SUBMIT; });
        if (!existing.length) ScriptApp.newTrigger('notify').forForm(form).onFormSubmit().create();
        PropertiesService.getDocumentProperties().setProperty('creator', Session.getEffectiveUser().getEmail());
      }
      function otherForm(id) { ScriptApp.newTrigger('notify').forForm(FormApp.openById(id)).onFormSubmit().create(); }
      function notify(e) {
        if (MailApp.getRemainingDailyQuota() < 1) return;
        var form = FormApp.getActiveForm();
        var template = HtmlService.createTemplateFromFile('Notice');
        template.formTitle = form.getTitle();
        template.answer = e.response.getResponseForItem(form.getItems()[0]).getResponse();
        template.summaryUrl = form.getSummaryUrl();
        var html = template.evaluate().getContent();
        MailApp.sendEmail(PropertiesService.getDocumentProperties().getProperty('creator'), 'New response: ' + form.getTitle(), 'See the summary', { htmlBody: html, name: 'Form Notifications' });
      }`);
    emu.run('onOpen');
    emu.run('configure');
    emu.run('configure');
    expect(emu.triggers.filter((t) => t.source === 'FORMS')).toHaveLength(1);
    expect(() => emu.run('otherForm', [other.getId()])).toThrow('Add-ons can only create triggers for the document they are installed in.');
    emu.forms.submit(form.getId(), { Name: '<b>Hanako</b>' });
    const [mail] = emu.mail.outbox;
    expect(mail).toMatchObject({ to: [emu.runtime.user.email], subject: 'New response: Event sign-up', name: 'Form Notifications' });
    expect(mail!.htmlBody).toContain('New response to Event sign-up: &lt;b&gt;Hanako&lt;/b&gt;');
    expect(emu.uiState.menus.some((m) => m.items.some((i) => 'caption' in i && i.caption === 'Configure'))).toBe(true);
  });
});

describe('Calendar samples', () => {
  test('CalendarApp.createCalendar, then events listed in start order with the Advanced service', () => {
    const emu = sampleProject();
    const { result } = runScript<string[]>(emu, `
      function run() {
        var cal = CalendarApp.createCalendar('Team events');
        cal.createEvent('Second', new Date('2026-06-10T10:00:00+09:00'), new Date('2026-06-10T11:00:00+09:00'));
        cal.createEvent('First', new Date('2026-06-05T10:00:00+09:00'), new Date('2026-06-05T11:00:00+09:00'));
        var events = Calendar.Events.list(cal.getId(), { timeMin: new Date('2026-06-01T00:00:00Z').toISOString(), singleEvents: true, orderBy: 'startTime', maxResults: 10 });
        return events.items.map(function (e) { return e.summary; });
      }`, 'run');
    expect(result).toEqual(['First', 'Second']);
  });
});

describe('Calendar-updated triggers', () => {
  test('a change to a watched calendar runs the trigger afterwards with calendarId and triggerUid; other runs do not', () => {
    const emu = sampleProject();
    loadScript(emu, `
      function install() { ScriptApp.newTrigger('onCalendarChange').forUserCalendar(Session.getEffectiveUser().getEmail()).onEventUpdated().create(); }
      function addEvent() { CalendarApp.getDefaultCalendar().createEvent('Sync', new Date('2026-06-03T10:00:00Z'), new Date('2026-06-03T11:00:00Z')); }
      function readOnly() { return CalendarApp.getDefaultCalendar().getEvents(new Date('2026-06-01T00:00:00Z'), new Date('2026-07-01T00:00:00Z')).length; }
      function onCalendarChange(e) {
        var props = PropertiesService.getScriptProperties();
        props.setProperty('fired', String(Number(props.getProperty('fired') || 0) + 1));
        props.setProperty('calendarId', e.calendarId);
        props.setProperty('uid', String(e.triggerUid === ScriptApp.getProjectTriggers()[0].getUniqueId()));
      }`);
    emu.run('install');
    emu.run('readOnly');
    expect(emu.properties.script.get('fired')).toBeUndefined();
    emu.run('addEvent');
    expect(Object.fromEntries(emu.properties.script)).toEqual({ fired: '1', calendarId: emu.runtime.user.email, uid: 'true' });
    emu.run('readOnly');
    expect(emu.properties.script.get('fired')).toBe('1');
  });
});

describe('Mail samples', () => {
  test('every sendEmail overload is recorded in the outbox with recipients, bodies and attachment names', () => {
    const emu = sampleProject();
    runScript(emu, `
      function run() {
        MailApp.sendEmail('a@example.com', 'TPS reports', 'Where are the TPS reports?');
        MailApp.sendEmail('b@example.com', 'Attachment example', 'Two files are attached.', {
          name: 'Automatic Emailer Script', cc: 'c@example.com', bcc: 'd@example.com, e@example.com', replyTo: 'r@example.com',
          htmlBody: '<b>Two</b> files', noReply: true,
          attachments: [Utilities.newBlob('hello', 'text/plain', 'hello.txt'), Utilities.newBlob('<p/>', 'text/html', 'page.html')],
        });
        MailApp.sendEmail('f@example.com', 'replies@example.com', 'TPS report status', 'What is the status?');
        MailApp.sendEmail({ to: 'g@example.com, h@example.com', subject: 'Object form', htmlBody: '<i>hi</i>' });
      }`, 'run');
    const out = emu.mail.outbox;
    expect(out.map((m) => [m.to, m.subject])).toEqual([
      [['a@example.com'], 'TPS reports'], [['b@example.com'], 'Attachment example'], [['f@example.com'], 'TPS report status'], [['g@example.com', 'h@example.com'], 'Object form'],
    ]);
    expect(out[1]).toMatchObject({ cc: ['c@example.com'], bcc: ['d@example.com', 'e@example.com'], replyTo: 'r@example.com', name: 'Automatic Emailer Script', htmlBody: '<b>Two</b> files', noReply: true, attachments: ['hello.txt', 'page.html'] });
    expect(out[2]!.replyTo).toBe('replies@example.com');
    // 1 + 4 + 1 + 2 recipients of the 100 a consumer account has per day.
    expect(emu.globals.MailApp.getRemainingDailyQuota()).toBe(100 - 8);
  });

  test('the quota counts recipients; over it the send fails with Google wording and nothing is recorded; it resets 24 hours after the first send', () => {
    const emu = sampleProject();
    const code = `
      function batch(n) { for (var i = 0; i < n; i++) MailApp.sendEmail('p' + i + '@example.com', 'Notice', 'Body'); }
      function quota() { return MailApp.getRemainingDailyQuota(); }`;
    runScript(emu, code, 'batch', 99);
    expect(runScript<number>(emu, code, 'quota').result).toBe(1);
    expect(() => runScript(emu, `function two() { MailApp.sendEmail('x@example.com,y@example.com', 'S', 'B'); }`, 'two')).toThrow('Service invoked too many times for one day: email.');
    expect(emu.mail.outbox).toHaveLength(99);
    emu.runtime.advanceClock(23 * 60 * 60 * 1000);
    expect(runScript<number>(emu, code, 'quota').result).toBe(1);
    emu.runtime.advanceClock(60 * 60 * 1000);
    expect(runScript<number>(emu, code, 'quota').result).toBe(100);
    runScript(emu, code, 'batch', 2);
    expect(emu.mail.outbox).toHaveLength(101);
  });
});

describe('Logging samples', () => {
  test('console.log with format arguments and Logger.log as the execution log records them', () => {
    const emu = sampleProject();
    const { logs } = runScript(emu, `function run() { console.log('%s rows', 3); Logger.log('Remaining email quota: %s', MailApp.getRemainingDailyQuota()); }`, 'run');
    expect(logs).toEqual(['3 rows', 'Remaining email quota: 100']);
  });
});
