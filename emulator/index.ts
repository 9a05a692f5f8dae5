/**
 * The local Apps Script runtime: create one per test (or per preview session), hand its `globals` to
 * the add-on (directly, or by loading dist/Code.js with `load()`), then assert on the stores and the ledger.
 */
import { Volunteer } from './volunteer';
import * as path from 'node:path';
import { projectRoot } from './paths';
import { readFileSync } from 'node:fs';
import { GasException, Runtime } from './runtime';
import { SpreadsheetStore, createSpreadsheetApp } from './spreadsheet';
import {
  LockState, PropertyStores, TriggerRecord, Ui, UiState, createBrowser, createHtmlService, createLockService, createPropertiesService,
  createScriptApp, createSession, createUtilities,
} from './services';
import { AddOnGlobal, loadBundle } from './vm';
import { createCharts } from './charts';
import { FormStore, createFormApp } from './forms';
import { FormSubmissions } from './triggers';
import { clockDate } from './clock';
import { CalendarStore, advancedCalendarEnabled, createAdvancedCalendar, createCalendarApp } from './calendar';
import { DocumentStore, createDocumentApp } from './documents';
import { DriveStore, MimeType, advancedDriveEnabled, createAdvancedDrive, createDriveApp } from './drive';
import { createClock } from './clock-triggers';
import { MailStore, createMailApp } from './mail';
import { CalendarWatch } from './calendar-triggers';
import { Accounts } from './accounts';

export { Runtime, GasException, GOOGLE_ERRORS } from './runtime';
export type { VolunteerEdit } from './volunteer';

export const DIST_DIR = path.join(projectRoot(), 'dist');
export const ADDON_NAME = '就労支援ネットワーク';

export interface EmulatorOptions {
  spreadsheetName?: string;
  timeZone?: string;
  /** "now" for the whole run (the demo and tests pin it). */
  now?: Date;
  /** Enable the Advanced Calendar service (`Calendar` global); defaults to what appsscript.json enables. */
  advancedCalendar?: boolean;
  /** Enable the Advanced Drive service (`Drive`, v3); defaults to what appsscript.json enables. */
  advancedDrive?: boolean;
  /** Scopes granted by the user; defaults to every scope in appsscript.json. */
  grantedScopes?: string[];
  distDir?: string;
}

export type Emulator = ReturnType<typeof createEmulator>;

export function createEmulator(options: EmulatorOptions = {}) {
  const runtime = new Runtime();
  const distDir = options.distDir ?? DIST_DIR;
  if (options.now) runtime.fixedNow = options.now;
  runtime.manifestScopes = readManifestScopes();
  // Apps Script runs a script in its manifest's time zone: Session.getScriptTimeZone() returns it, and the script's
  // local Date and Intl default are in it ("timeZone … the script time zone", https://developers.google.com/apps-script/manifest#Manifest).
  // The bundle's Date is the host's (so `instanceof Date` holds across the boundary), so the host process takes the zone.
  const scriptTimeZone = readManifestTimeZone();
  process.env.TZ = scriptTimeZone;
  runtime.grantedScopes = options.grantedScopes ?? [...runtime.manifestScopes];

  const spreadsheets = new SpreadsheetStore(runtime);
  const active = spreadsheets.create(options.spreadsheetName ?? '就労支援ネットワーク 名簿', options.timeZone ?? 'Asia/Tokyo');
  const uiState = new UiState();
  spreadsheets.ui = uiState;
  const ui = new Ui(uiState, ADDON_NAME);
  // DocumentApp.getUi() and FormApp.getUi() share the dialogs' record; each counts under its own service.
  const uiOf = (service: string) => Object.assign(new Ui(uiState, ADDON_NAME), { gasService: service });
  const docsUi = uiOf('DocumentApp');
  const formsUi = uiOf('FormApp');
  const properties = new PropertyStores();
  const locks = new LockState();
  const triggers: TriggerRecord[] = [];
  const formStore = new FormStore(runtime, spreadsheets);
  const calendar = new CalendarStore(runtime, options.timeZone ?? 'Asia/Tokyo');
  const documents = new DocumentStore(runtime);
  const drive = new DriveStore(runtime, documents);
  const mail = new MailStore(runtime);
  const users = new Accounts(runtime);

  const raw: Record<string, object> = {
    SpreadsheetApp: createSpreadsheetApp(spreadsheets, () => ui),
    Browser: createBrowser(uiState),
    HtmlService: createHtmlService(distDir),
    PropertiesService: createPropertiesService(properties, runtime),
    LockService: createLockService(locks, runtime),
    Session: createSession(runtime, scriptTimeZone),
    Utilities: createUtilities(runtime),
    // A Forms add-on may put a trigger on the form it is installed in (FormApp.getActiveForm()).
    ScriptApp: createScriptApp(runtime, triggers, () => [formStore.activeId ?? ''].filter(Boolean)),
    Charts: createCharts(),
    FormApp: createFormApp(formStore, runtime, () => formsUi),
    CalendarApp: createCalendarApp(calendar),
    ...((options.advancedCalendar ?? advancedCalendarEnabled()) ? { Calendar: createAdvancedCalendar(calendar) } : {}),
    DocumentApp: createDocumentApp(documents, () => docsUi),
    MailApp: createMailApp(mail),
    DriveApp: createDriveApp(drive),
    ...((options.advancedDrive ?? advancedDriveEnabled()) ? { Drive: createAdvancedDrive(drive) } : {}),
  };
  const globals: Record<string, unknown> = {};
  for (const [name, service] of Object.entries(raw)) globals[name] = runtime.expose(service);
  // An enum, not a service: reading it is no call to Google.
  globals.MimeType = MimeType;

  let bundlePath = path.join(distDir, 'Code.js');
  let executionSeq = 0;
  /**
   * Calls a top-level function of the bundle as Apps Script would, attributing calls to `operation`. Each call is its
   * own execution: its own lock holder, and a fresh vm context, because Apps Script starts every execution with the
   * script's globals anew (module-level caches do not survive it; ~1 ms a load). Trigger executions (triggers.ts)
   * pass `inheritExecution`, having set their id already.
   */
  function run<T = unknown>(functionName: string, args: unknown[] = [], opts: { authMode?: Runtime['authMode']; operation?: string; inheritExecution?: boolean; asUser?: string } = {}): T {
    // An installable trigger runs as the user who created it (emulator/accounts.ts).
    if (opts.asUser && opts.asUser !== users.current) return users.as(opts.asUser, () => run<T>(functionName, args, { ...opts, asUser: undefined }));
    if (opts.asUser !== undefined && runtime.manifestScopes.length > 0 && runtime.grantedScopes.length === 0) {
      // ASSUMED wording and timing: the owner removed the add-on's access, so Google cannot start the execution.
      throw new GasException('Authorization is required to perform that action.');
    }
    const fn = loadBundle(globals, bundlePath, { Date: clockDate(runtime) })[functionName];
    if (typeof fn !== 'function') throw new Error(`Script function not found: ${functionName}`);
    const previous = runtime.authMode;
    const previousExecution = runtime.executionId;
    if (!opts.inheritExecution) runtime.executionId = `exec-run-${++executionSeq}`;
    runtime.authMode = opts.authMode ?? 'FULL';
    const calendarBefore = calendarWatch.begin();
    try {
      return runtime.ledger.within(opts.operation ?? functionName, () => fn(...args)) as T;
    } finally {
      runtime.authMode = previous;
      // Apps Script saves and closes every open Document when an execution ends.
      documents.endExecution();
      // …and releases the locks it still holds (LockService: "released automatically when the script ends").
      for (const [name, holder] of [...locks.holders]) if (holder === runtime.executionId) locks.holders.delete(name);
      runtime.executionId = previousExecution;
      calendarWatch.end(calendarBefore);
    }
  }
  const calendarWatch = new CalendarWatch(calendar, triggers, (trigger, event) => run(trigger.handlerFunction, [event], { operation: trigger.handlerFunction, asUser: trigger.owner ?? users.current }));
  const submissions = new FormSubmissions(runtime, formStore, triggers, locks, (name, args, operation, owner) => run(name, args, { operation, inheritExecution: true, asUser: owner ?? users.current }));
  const clock = createClock(runtime, locks, triggers, submissions, run);
  return {
    runtime,
    /** Google accounts on the spreadsheet: run as another user, a grant revoked (emulator/accounts.ts). */
    users,
    ledger: runtime.ledger,
    /** The modeled clock: per-call latency, overlapping executions, lock waits, time-driven triggers (timeline.ts). */
    clock,
    spreadsheets,
    active,
    /** A person editing the active spreadsheet in the Sheets UI (no lock, not counted): emulator/volunteer.ts. */
    volunteer: new Volunteer(active),
    uiState,
    properties,
    locks,
    triggers,
    /** FormApp's forms, and participants submitting them (`emu.forms.submit(formId, answers, { duplicateFiring })`). */
    forms: submissions,
    /** Calendars, events and the notification log (invitations, updates, cancellations Google would e-mail). */
    calendar,
    documents,
    drive,
    /** MailApp's outbox (what would have been sent) and its daily recipient quota. */
    mail,
    /** Apps Script globals, each behind the counting proxy. */
    globals: globals as {
      SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
      HtmlService: GoogleAppsScript.HTML.HtmlService;
      PropertiesService: GoogleAppsScript.Properties.PropertiesService;
      LockService: GoogleAppsScript.Lock.LockService;
      Session: GoogleAppsScript.Base.Session;
      Utilities: GoogleAppsScript.Utilities.Utilities;
      ScriptApp: GoogleAppsScript.Script.ScriptApp;
      FormApp: GoogleAppsScript.Forms.FormApp;
      CalendarApp: GoogleAppsScript.Calendar.CalendarApp;
      Calendar?: GoogleAppsScript.Calendar;
      DocumentApp: GoogleAppsScript.Document.DocumentApp;
      DriveApp: GoogleAppsScript.Drive.DriveApp;
      MailApp: GoogleAppsScript.Mail.MailApp;
      Drive?: GoogleAppsScript.Drive;
      MimeType: GoogleAppsScript.Base.MimeType;
      [name: string]: unknown;
    },
    /** Loads dist/Code.js into a fresh node:vm context with these globals (later `run` calls use the same file). */
    load(file = bundlePath): AddOnGlobal {
      bundlePath = file;
      return loadBundle(globals, file, { Date: clockDate(runtime) });
    },
    run,
  };
}

function readManifestTimeZone(): string {
  try {
    const manifest = JSON.parse(readFileSync(path.join(projectRoot(), 'appsscript.json'), 'utf8')) as { timeZone?: string };
    return manifest.timeZone ?? 'America/New_York';
  } catch {
    return 'America/New_York';
  }
}

function readManifestScopes(): string[] {
  try {
    const manifest = JSON.parse(readFileSync(path.join(projectRoot(), 'appsscript.json'), 'utf8')) as { oauthScopes?: string[] };
    return manifest.oauthScopes ?? [];
  } catch {
    return [];
  }
}
