/**
 * Fidelity changes made to the emulator for issue 11 (parts 4 and 5), each with the Google page it follows. The
 * fidelity table (emulator/FIDELITY.md) is generated from this list and the per-method table in emulator/fidelity.ts.
 * `assumed` names what no Google page says and the emulator had to choose (always the stricter choice).
 */
export interface FidelityChange {
  /** 'SpreadsheetApp.Range.setValues', as in the call ledger; '*.*' for what concerns every script (console, the not-emulated error). */
  member: string;
  /** Google's reference (or the library's own documentation) that the behaviour follows. */
  url: string;
  does: string;
  doesNot?: string;
  assumed?: string;
}

import { BURST_FIDELITY } from './fidelity-burst';
import { DOCS_FIDELITY } from './fidelity-docs';

const RE2_SYNTAX = 'https://github.com/google/re2/wiki/Syntax';

/** One change, covering the members it names (each becomes its own row of the table). */
interface ChangeGroup extends Omit<FidelityChange, 'member'> { members: string[] }

const GROUPS: ChangeGroup[] = [
  {
    members: ['DocumentApp.Body.replaceText', 'DocumentApp.Body.findText', 'DocumentApp.Text.replaceText', 'DocumentApp.Text.findText', 'DocumentApp.Paragraph.replaceText', 'DocumentApp.Paragraph.findText'],
    url: 'https://developers.google.com/apps-script/reference/document/body#replaceText(String,String)',
    does: `Compiles the pattern as RE2 (${RE2_SYNTAX}): \\s is [\\t\\n\\f\\r ], \\d is [0-9], \\w is [0-9A-Za-z_] (ASCII only; a full-width space U+3000 is not \\s); \\x{hex}, \\pL, \\p{Han}, \\Q…\\E, \\A, \\z, (?P<name>…) are accepted; any escaped punctuation is a literal.`,
    doesNot: 'Does not emulate \\C (any byte) or inline flag groups other than a leading (?i)/(?s)/(?m): they fail (stricter than RE2).',
    assumed: 'The exception wording for an unsupported pattern (lookahead (?=, lookbehind (?<=, backreference \\1): "Invalid regular expression pattern <pattern>" — no Google page quotes it.',
  },
  {
    members: ['SpreadsheetApp.Range.setValues', 'SpreadsheetApp.Range.setValue'],
    url: 'https://developers.google.com/apps-script/reference/spreadsheet/range#setValues(Object)',
    does: "Parses strings as the Sheets UI parses typed text (https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption: \"the same rules that are applied when entering text into a cell via the Google Sheets UI\"): the reference's own example '2.000' → 2, '1,000,000' → 1000000 (#,##0), '$2.99' → 2.99; '¥1,200' → 1200; '50%' → 0.5 (0%); '13:30' / '1:30 PM' → a Date on Sheets' day zero 1899-12-30 in the spreadsheet's zone (H:mm:ss); dates in the spreadsheet locale (ja_JP: 2025/4/1, 2025-04-01, 2025年4月1日, m/d in the current year; en_US: m/d/y). The format is set only while the cell is on automatic. A plain-text (@) cell and a leading apostrophe keep the text.",
    doesNot: 'Full-width digits (１２３) and era dates (令和7年4月1日) stay text.',
    assumed: 'Which of these forms Sheets parses in ja_JP and the exact automatic formats chosen (0%, 0.00%, #,##0, "$"#,##0.00, "¥"#,##0, H:mm:ss) are not in the reference; where unsure the emulator parses (stricter for the add-on).',
  },
  {
    members: ['Session.Session.getScriptTimeZone', 'Session.Session.getTimeZone'],
    url: 'https://developers.google.com/apps-script/manifest#Manifest',
    does: "Returns appsscript.json's timeZone; the script's local Date (new Date(y, m, d), getHours…) and the Intl default time zone are that zone (the host process runs in it; jest workers inherit it from test/support/global-setup.js).",
    assumed: 'With no timeZone in the manifest the emulator uses America/New_York.',
  },
  {
    members: ['SpreadsheetApp.Sheet.addDeveloperMetadata', 'SpreadsheetApp.Sheet.getDeveloperMetadata', 'SpreadsheetApp.Spreadsheet.addDeveloperMetadata', 'SpreadsheetApp.Spreadsheet.getDeveloperMetadata', 'SpreadsheetApp.DeveloperMetadata.getId', 'SpreadsheetApp.DeveloperMetadata.getKey', 'SpreadsheetApp.DeveloperMetadata.getValue', 'SpreadsheetApp.DeveloperMetadata.setValue', 'SpreadsheetApp.DeveloperMetadata.remove'],
    url: 'https://developers.google.com/apps-script/reference/spreadsheet/developer-metadata',
    does: 'Metadata (key, value or null) on a sheet or the spreadsheet, with ids unique in the spreadsheet; a sheet\'s metadata follows it through renames and goes when it is deleted ("If the associated object is deleted then its metadata is deleted too", https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.developerMetadata).',
    doesNot: 'Range (row/column) metadata, visibility (add*(key, visibility) overloads keep no value), finders, moveTo*: the add-on does not use them.',
  },
  {
    members: ['*.*'],
    url: 'https://developers.google.com/apps-script/reference/base/console#log(Object,Object...)',
    does: "console: format specifiers %s %d %i %f %o %O %c %% substituted, extra arguments appended with a space, objects as JSON. Logger.log(format, values…) replaces %s (https://developers.google.com/apps-script/reference/base/logger#log(String,Object...)); Logger.log({ key: 'value' }) writes {key=value}, an object with a message property writes the message (https://developers.google.com/apps-script/reference/base/logger#log(Object)). console.time/timeEnd log 'label: Nms'.",
    assumed: 'How Google renders %o/%O and objects given to console.log (JSON here), and the exact console.timeEnd line.',
  },
  {
    members: ['Calendar.Events.list'],
    url: 'https://developers.google.com/calendar/api/v3/reference/events/list',
    does: "singleEvents: true expands recurring events into instances (id <eventId>_<yyyyMMddTHHmmssZ>, recurringEventId, originalStartTime); orderBy 'startTime' (ascending) only with singleEvents, 'updated' by last modification; timeMin is an exclusive bound on an event's end, timeMax an exclusive bound on its start.",
    assumed: "The wording of the errors: orderBy startTime without singleEvents → 'The requested ordering is not available for the particular query.'; timeMax ≤ timeMin → 'The specified time range is empty.'",
  },
  {
    members: ['FormApp.FormApp.create', 'FormApp.Form.setPublished', 'FormApp.Form.isPublished'],
    url: 'https://developers.google.com/workspace/forms/api/guides/api-changes-to-google-forms',
    does: 'A form created by a script is unpublished (accepts no responses) unless created with create(title, true) or published with setPublished(true): "forms created by the API after June 30, 2026 will be created in an unpublished state". The add-on publishes each form it creates (src/server/workspace/forms.ts: form.setPublished(true) when !isPublished()); both methods and create(title, isPublished) are in the reference: https://developers.google.com/apps-script/reference/forms/form#setPublished(Boolean), https://developers.google.com/apps-script/reference/forms/form-app#create(String,Boolean).',
    assumed: 'The guide names the Forms API; that FormApp.create follows it is assumed (the stricter reading). They are not yet in @types/google-apps-script (declared in src/server/types/forms-publishing.d.ts).',
  },
  {
    members: ['MailApp.MailApp.sendEmail', 'MailApp.MailApp.getRemainingDailyQuota'],
    url: 'https://developers.google.com/apps-script/reference/mail/mail-app#sendEmail(String,String,String,Object)',
    does: "All four overloads: (to, subject, body), (to, subject, body, options), (to, replyTo, subject, body), (message object); options attachments (names, content types and text recorded, so an .ics is checked byte for byte), htmlBody, name, replyTo, cc, bcc, noReply. Every message is recorded in emu.mail.outbox, never sent. The quota counts recipients (to + cc + bcc), 100 a day for a consumer account, reset 24 hours after the first send (https://developers.google.com/apps-script/guides/services/quotas: \"Quotas are per user and reset 24 hours after the first request\"); over it: 'Service invoked too many times for one day: email.' and nothing is recorded. A clock moved back (demos and tests travel in time) starts a new window.",
    doesNot: 'inlineImages are accepted but not recorded; no Workspace 1,500 quota unless emu.mail.dailyQuota is set.',
    assumed: "Error wording for an invalid address ('Invalid email: <address>') and for no recipient; that the send over quota is refused whole (Google is reported to let a few through).",
  },
  {
    members: ['SpreadsheetApp.Ui.prompt', 'SpreadsheetApp.PromptResponse.getResponseText', 'SpreadsheetApp.PromptResponse.getSelectedButton'],
    url: 'https://developers.google.com/apps-script/reference/base/ui#prompt(String,String,ButtonSet)',
    does: 'prompt(prompt), prompt(prompt, buttons), prompt(title, prompt, buttons) recorded in uiState.prompts; the answer (button and text) comes from uiState.nextPromptResponses, default OK (YES for YES_NO sets) and empty text; PromptResponse.getResponseText/getSelectedButton (https://developers.google.com/apps-script/reference/base/prompt-response).',
  },
  {
    members: ['HtmlService.HtmlService.createTemplate', 'HtmlService.HtmlService.createTemplateFromFile', 'HtmlService.HtmlTemplate.evaluate'],
    url: 'https://developers.google.com/apps-script/guides/html/templates',
    does: 'Standard scriptlets <? ?> run, printing scriptlets <?= ?> print escaped, force-printing <?!= ?> print as is; the template\'s properties are variables and the script\'s own functions (an include() helper) are in scope.',
    assumed: 'Google escapes printing scriptlets by context (HTML, attribute, JavaScript); the emulator HTML-escapes & < > " \' everywhere. undefined/null print as empty.',
  },
  {
    members: ['SpreadsheetApp.SpreadsheetApp.getActiveSheet', 'SpreadsheetApp.SpreadsheetApp.getActiveRange', 'SpreadsheetApp.SpreadsheetApp.getActiveCell', 'SpreadsheetApp.SpreadsheetApp.getCurrentCell', 'SpreadsheetApp.Spreadsheet.getActiveCell', 'SpreadsheetApp.Sheet.getActiveRange', 'SpreadsheetApp.Sheet.setActiveRange'],
    url: 'https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#getActiveRange()',
    does: 'The selection set by a test or the preview (setActiveRange); A1 of the active sheet when none; the active cell is the top-left cell of the selection.',
  },
  {
    members: ['SpreadsheetApp.Range.getCell', 'SpreadsheetApp.Range.merge', 'SpreadsheetApp.Range.breakApart', 'SpreadsheetApp.Range.isPartOfMerge', 'SpreadsheetApp.Range.getMergedRanges', 'SpreadsheetApp.Range.clear', 'SpreadsheetApp.Range.clearFormat'],
    url: 'https://developers.google.com/apps-script/reference/spreadsheet/range#getCell(Integer,Integer)',
    does: "getCell is 1-based within the range ('Cell reference out of range' outside); merge records the block on the sheet and keeps only the top-left value; clear() clears contents and formats, clear(options) what it names.",
    assumed: "merge clearing the other values, and the wording 'You must select all cells in a merged range to merge or unmerge them.' for a partial overlap.",
  },
  {
    members: ['SpreadsheetApp.Sheet.copyTo', 'SpreadsheetApp.Sheet.hideColumns', 'SpreadsheetApp.Sheet.showColumns', 'SpreadsheetApp.Sheet.isColumnHiddenByUser', 'SpreadsheetApp.Sheet.autoResizeColumns', 'SpreadsheetApp.Sheet.getColumnWidth'],
    url: 'https://developers.google.com/apps-script/reference/spreadsheet/sheet#copyTo(Spreadsheet)',
    does: "copyTo makes a deep copy named 'Copy of <name>' last in the target spreadsheet (values, formats, notes, validation, frozen rows, widths, hidden columns, merges); hidden columns are recorded; autoResizeColumns sets a width from the longest display value.",
    doesNot: 'No font is measured: autoResizeColumns estimates 7 px a character (14 for wide ones) + 10.',
    assumed: "The copy's name in a ja_JP spreadsheet (the reference says 'Copy of'); 'Those columns are out of bounds.' wording.",
  },
  {
    members: ['SpreadsheetApp.Sheet.clearContents', 'SpreadsheetApp.Sheet.clearFormats', 'SpreadsheetApp.Sheet.clearNotes', 'SpreadsheetApp.Sheet.insertRowAfter', 'SpreadsheetApp.Sheet.insertRowBefore', 'SpreadsheetApp.Sheet.insertColumnAfter', 'SpreadsheetApp.Sheet.insertColumnBefore', 'SpreadsheetApp.Sheet.deleteRow', 'SpreadsheetApp.Sheet.deleteColumns', 'SpreadsheetApp.Sheet.getSheetValues', 'SpreadsheetApp.Sheet.hideSheet', 'SpreadsheetApp.Sheet.showSheet', 'SpreadsheetApp.Spreadsheet.getNumSheets', 'SpreadsheetApp.Spreadsheet.setActiveSheet', 'SpreadsheetApp.Spreadsheet.addMenu', 'SpreadsheetApp.Spreadsheet.removeMenu'],
    url: 'https://developers.google.com/apps-script/reference/spreadsheet/sheet#clearContents()',
    does: "clearContents clears values and formulas and keeps formats; getSheetValues(-1 …) reads to the last row/column with content; hideSheet refuses to hide the last visible sheet; addMenu(name, [{ name, functionName } | null]) records the menu with the Ui's (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#addMenu(String,Object)).",
    assumed: "Wording 'You can't hide all the sheets in a document.'",
  },
  {
    members: ['SpreadsheetApp.Range.setFontColor', 'SpreadsheetApp.Range.setFontSize', 'SpreadsheetApp.Range.setFontFamily', 'SpreadsheetApp.Range.setFontStyle', 'SpreadsheetApp.Range.setHorizontalAlignment', 'SpreadsheetApp.Range.setVerticalAlignment', 'SpreadsheetApp.Range.setWrap', 'SpreadsheetApp.Range.setWrapStrategy', 'SpreadsheetApp.DataValidationBuilder.requireValueInRange'],
    url: 'https://developers.google.com/apps-script/reference/spreadsheet/range#setFontColor(String)',
    does: 'Formatting is recorded per cell (cell.style) and read back by the getters with Sheets\' defaults (#000000, 10, Arial, general, bottom); requireValueInRange accepts the values of the given range.',
    doesNot: 'Nothing is drawn; the preview grid does not show these styles.',
  },
  {
    members: ['Browser.Browser.msgBox', 'Browser.Browser.inputBox'],
    url: 'https://developers.google.com/apps-script/reference/base/browser#msgBox(String)',
    does: "msgBox returns the lower-case text of the clicked button ('cancel' when dismissed); inputBox the typed text or 'cancel'; answers from uiState.nextAlertAnswers / nextPromptResponses.",
  },
  {
    members: ['SpreadsheetApp.Spreadsheet.getFormUrl'],
    url: 'https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getFormUrl()',
    does: 'The URL of a form sending responses to this spreadsheet (set by Form.setDestination), null when none.',
  },
  {
    members: ['DocumentApp.DocumentApp.getActiveDocument', 'DocumentApp.DocumentApp.getUi'],
    url: 'https://developers.google.com/apps-script/reference/document/document-app#getActiveDocument()',
    does: 'The document the script is bound to (emu.documents.activeId), null for a script bound elsewhere; getUi() records menus and dialogs like SpreadsheetApp.getUi(), counted under DocumentApp.',
  },
  {
    members: ['FormApp.FormApp.getActiveForm', 'FormApp.FormApp.getUi', 'ScriptApp.TriggerBuilder.forForm'],
    url: 'https://developers.google.com/apps-script/guides/triggers/events#form-submit_1',
    does: 'getActiveForm() is the form the script is bound to (emu.forms.store.activeId) or null; a trigger installed with forForm(form).onFormSubmit() fires on each participant submission with { authMode, response: FormResponse, source: Form, triggerUid }.',
    doesNot: 'An add-on still cannot install a trigger on a form other than the one it is installed in (https://developers.google.com/workspace/add-ons/concepts/editor-triggers: add-ons can only create triggers for the file they are installed in).',
  },
  {
    members: ['CalendarApp.CalendarApp.createCalendar'],
    url: 'https://developers.google.com/apps-script/reference/calendar/calendar-app#createCalendar(String)',
    does: 'A new calendar owned by the user, in the default time zone unless options.timeZone; found by getCalendarsByName/getCalendarById and by Calendar.Events.list.',
  },
  {
    members: ['ScriptApp.TriggerBuilder.forUserCalendar', 'ScriptApp.TriggerBuilder.onEventUpdated'],
    url: 'https://developers.google.com/apps-script/guides/triggers/events#google_calendar_events',
    does: 'When an execution (emu.run) creates, changes or deletes an event of a watched calendar, each trigger on it runs afterwards as its own execution with { authMode, calendarId, triggerUid }; executions that change nothing fire nothing.',
    assumed: 'Google fires asynchronously, some time after the change; the emulator fires when the changing execution ends. A change made outside emu.run (a test calling the globals directly) fires nothing.',
  },
  {
    members: ['Utilities.Utilities.formatString'],
    url: 'https://developers.google.com/apps-script/reference/utilities/utilities#formatString(String,Object...)',
    does: "sprintf-like: flags - + space 0, width, precision; conversions s d i f e E x X o c %.",
    assumed: 'Behaviour for a missing argument (the specifier is left as is) and for non-numbers given to %d (NaN).',
  },
  {
    members: ['SpreadsheetApp.Sheet.addDeveloperMetadata', 'SpreadsheetApp.Sheet.getDeveloperMetadata', 'SpreadsheetApp.Spreadsheet.addDeveloperMetadata', 'SpreadsheetApp.Spreadsheet.getDeveloperMetadata', 'SpreadsheetApp.DeveloperMetadata.getId', 'SpreadsheetApp.DeveloperMetadata.getKey', 'SpreadsheetApp.DeveloperMetadata.getValue', 'SpreadsheetApp.DeveloperMetadata.setValue', 'SpreadsheetApp.DeveloperMetadata.remove'],
    url: 'https://developers.google.com/apps-script/reference/spreadsheet/developer-metadata',
    does: 'Metadata (key, value or null) on a sheet or the spreadsheet, with ids unique in the spreadsheet; a sheet\'s metadata follows it through renames and goes when it is deleted ("If the associated object is deleted then its metadata is deleted too", https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.developerMetadata).',
    doesNot: 'Range (row/column) metadata, visibility (add*(key, visibility) overloads keep no value), finders, moveTo*: the add-on does not use them.',
  },
  {
    members: ['*.*'],
    url: 'https://developers.google.com/apps-script/reference',
    does: "Calling it throws 'Emulator: <Service>.<Class>.<method> is not emulated' (an enum-like member throws when read); a name Google's class does not have (from @types/google-apps-script) stays undefined, so calling it fails with the TypeError Google gives ('….clearContents is not a function').",
  },
  // ---- issue 15: images and page breaks in Docs (the QR code on the 受付名簿) ----
  {
    members: ['DocumentApp.Body.appendImage', 'DocumentApp.Body.insertImage', 'DocumentApp.Paragraph.appendInlineImage', 'DocumentApp.Paragraph.insertInlineImage'],
    url: 'https://developers.google.com/apps-script/reference/document/paragraph#appendInlineImage(BlobSource)',
    does: 'Makes an InlineImage from the blob\'s bytes; Body.appendImage/insertImage put it in a new paragraph. GIF, PNG and JPEG are taken (Docs stores those: "must be in one of PNG, JPEG, or GIF formats", https://developers.google.com/docs/api/reference/rest/v1/documents/request#insertinlineimagerequest); its size starts as the picture\'s pixels (GIF and PNG headers read). The preview shows it (img with a data: URL) and the emulated PDF draws GIFs.',
    doesNot: 'Does not scale a large picture down to the page width, and draws no PNG or JPEG in the PDF (the add-on inserts only GIFs).',
    assumed: 'The wording for bytes that are no image ("Invalid image data."), and the starting size (pixels as points).',
  },
  {
    members: ['DocumentApp.InlineImage.setWidth', 'DocumentApp.InlineImage.setHeight', 'DocumentApp.InlineImage.getWidth', 'DocumentApp.InlineImage.getHeight', 'DocumentApp.InlineImage.getBlob'],
    url: 'https://developers.google.com/apps-script/reference/document/inline-image',
    does: 'Keeps the width and height set (in pixels, as the reference says) and returns the picture\'s bytes.',
  },
  {
    members: ['DocumentApp.Body.appendPageBreak', 'DocumentApp.Paragraph.appendPageBreak'],
    url: 'https://developers.google.com/apps-script/reference/document/body#appendPageBreak()',
    does: 'Body.appendPageBreak adds a paragraph holding the PageBreak; the preview draws a dashed rule and the emulated PDF starts a new page.',
    doesNot: 'Does not refuse a page break inside a table cell (the reference: "PageBreaks may not be contained within TableCells"; the add-on puts none there).',
    assumed: 'The wording when called on a header or footer section.',
  },
];

export const FIDELITY_CHANGES: FidelityChange[] = GROUPS.flatMap(({ members, ...change }) => members.map((member) => ({ member, ...change })));

// Issue 22 (burst): the modeled clock, in its own file.
FIDELITY_CHANGES.push(...BURST_FIDELITY);

// Issue 19 (personal data): who can read a form's response store, and erasing from it.
FIDELITY_CHANGES.push(
  {
    member: 'FormApp.Form.deleteResponse',
    url: 'https://developers.google.com/apps-script/reference/forms/form#deleteResponse(String)',
    does: "Removes the response from the form's store; the copy in the destination sheet stays (\"This method does not delete copies of responses stored in an external response destination (like a spreadsheet)\"). An unknown id throws.",
    assumed: 'The wording for an unknown id (the one getResponse gives).',
  },
  ...['FormApp.Form.addEditor', 'FormApp.Form.addEditors', 'FormApp.Form.getEditors', 'FormApp.Form.removeEditor', 'FormApp.FormApp.openById'].map((member) => ({
    member,
    url: 'https://developers.google.com/apps-script/reference/forms/form#addEditor(String)',
    does: "A form's owner (the user who created it) and its editors can open it — and so read its responses; openById by anyone else throws 'No item with the given ID could be found, or you do not have permission to access it.'",
    doesNot: 'Viewers and responders (Forms UI sharing) are not modelled; sharing through Drive.Permissions does not grant a form.',
    assumed: 'getEditors lists the owner too; the refusal wording for a form that exists but is not shared (Google uses it for both).',
  })),
);
FIDELITY_CHANGES.push(...DOCS_FIDELITY);
// charts18: what 「アンケートを集計」 relies on to keep its charts across runs.
FIDELITY_CHANGES.push(
  {
    member: 'SpreadsheetApp.Sheet.getCharts',
    url: 'https://developers.google.com/apps-script/reference/spreadsheet/sheet#getCharts()',
    does: 'The charts on the sheet, each with its stable id (getChartId: "unique across the spreadsheet", https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart#getChartId()), its ranges (getRanges) and options.',
  },
  {
    member: 'SpreadsheetApp.Sheet.removeChart',
    url: 'https://developers.google.com/apps-script/reference/spreadsheet/sheet#removeChart(EmbeddedChart)',
    does: 'Removes the chart with that id from the sheet; the others stay.',
  },
  {
    member: 'SpreadsheetApp.Sheet.clear',
    url: 'https://developers.google.com/apps-script/reference/spreadsheet/sheet#clear()',
    does: 'Clears content and formatting; the sheet\'s embedded charts stay (they are neither), reading the same cells.',
    assumed: 'Charts survive clear(): the reference names only "content and formatting information".',
  },
  {
    member: 'SpreadsheetApp.EmbeddedChart.getChartId',
    url: 'https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart#getChartId()',
    does: '"A stable identifier for the chart that is unique across the spreadsheet … or null if the chart is not in a spreadsheet": null on a built chart until insertChart.',
    assumed: 'The object passed to insertChart reports the id afterwards (the add-on does not rely on it: a null id leaves a mark the next run resolves by the chart\'s title).',
  },
  ...['insertRowsAfter', 'insertColumnsAfter', 'deleteRows', 'deleteColumns'].map((m) => ({
    member: `SpreadsheetApp.Sheet.${m}`,
    url: `https://developers.google.com/apps-script/reference/spreadsheet/sheet#${m}(Integer,Integer)`,
    does: 'A chart reading cells of the sheet keeps reading the same cells: its ranges shift when rows or columns go in or out before them, grow or shrink when inside (emulator/charts.ts shiftChartRanges).',
    doesNot: 'moveRows does not move chart ranges.',
    assumed: 'Chart ranges follow inserted and deleted rows and columns as formula references do (what Sheets shows; no reference page states it); a range deleted whole leaves its chart.',
  })),
  // consult18: the renamed-sheet search by role mark in one find() (src/server/workspace/renames.ts).
  ...['Spreadsheet.createDeveloperMetadataFinder', 'DeveloperMetadataFinder.withKey', 'DeveloperMetadataFinder.withValue', 'DeveloperMetadataFinder.find', 'DeveloperMetadata.getLocation', 'DeveloperMetadataLocation.getSheet'].map((m) => ({
    member: `SpreadsheetApp.${m}`,
    url: 'https://developers.google.com/apps-script/reference/spreadsheet/developer-metadata-finder',
    does: 'A spreadsheet\'s finder "considers all metadata associated with the spreadsheet, sheets, rows, and columns" (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#createDeveloperMetadataFinder()); withKey/withValue keep only exact matches; find() returns them; a metadata\'s getLocation().getSheet() is its sheet, null for the spreadsheet\'s own (https://developers.google.com/apps-script/reference/spreadsheet/developer-metadata-location#getSheet()).',
    doesNot: 'withId, withLocationType, withVisibility, onIntersectingLocations, Sheet/Range finders; row and column metadata (none exists in the emulator).',
    assumed: 'The order of find()\'s result (undocumented): the spreadsheet\'s, then each sheet\'s in tab order.',
  })),
);
