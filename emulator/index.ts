/**
 * The local Apps Script runtime: create one per test (or per preview session), hand its `globals` to
 * the add-on (directly, or by loading dist/Code.js with `load()`), then assert on the stores and the ledger.
 */
import { Volunteer } from './volunteer';
import * as path from 'node:path';
import { projectRoot } from './paths';
import { readFileSync } from 'node:fs';
import { GasException, Runtime } from './runtime';
import { Accounts } from './accounts';
import { AddOnGlobal, loadBundle } from './vm';
import { FormSubmissions } from './triggers';
import { clockDate } from './clock';
import { createClock } from './clock-triggers';
import { CalendarWatch } from './calendar-triggers';
import { ADDON_NAME, buildServices, endExecution } from './registry';
import { ExecutionTime, ExecutionTimeExceeded } from './execution-limit';

export { Runtime, GasException, GOOGLE_ERRORS } from './runtime';
export type { VolunteerEdit } from './volunteer';

export const DIST_DIR = path.join(projectRoot(), 'dist');
export { ADDON_NAME };

export interface EmulatorOptions {
  spreadsheetName?: string;
  timeZone?: string;
  /** "now" for the whole run (the demo and tests pin it). */
  now?: Date;
  /** Enable the Advanced Calendar service (`Calendar` global); defaults to what appsscript.json enables. */
  advancedCalendar?: boolean;
  /** Enable the Advanced Drive service (`Drive`, v3); defaults to what appsscript.json enables. */
  advancedDrive?: boolean;
  /** Enable the Advanced Docs service (`Docs`, v1); defaults to what appsscript.json enables. */
  advancedDocs?: boolean;
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

  // Every service, its store and its globals (each behind the counting, scope-checking proxy): emulator/registry.ts.
  const { stores, globals } = buildServices(runtime, { options, distDir, scriptTimeZone, timeZone: options.timeZone ?? 'Asia/Tokyo' });
  const { spreadsheet: spreadsheets, ui: uiState, properties, lock: locks, script: triggers, calendar, documents, drive, mail } = stores;
  const active = spreadsheets.create(options.spreadsheetName ?? '就労支援ネットワーク 名簿', options.timeZone ?? 'Asia/Tokyo');
  const users = new Accounts(runtime);

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
    // Its own 6 minutes of modeled time (emulator/execution-limit.ts); an execution Google stopped fails with the
    // limit's error whatever the script returned or threw after it (a try/catch cannot carry on past Google's stop).
    const outerExecution = runtime.execution;
    const execution = (runtime.execution = new ExecutionTime(runtime.executionLimitMs));
    try {
      const result = runtime.ledger.within(opts.operation ?? functionName, () => fn(...args)) as T;
      if (execution.exceeded) throw new ExecutionTimeExceeded();
      return result;
    } catch (err) {
      if (execution.exceeded && !(err instanceof ExecutionTimeExceeded)) throw new ExecutionTimeExceeded();
      throw err;
    } finally {
      runtime.execution = outerExecution;
      runtime.lastExecution = execution;
      runtime.authMode = previous;
      // What Apps Script does when an execution ends: open Documents saved and closed, locks released, …
      endExecution(stores, runtime);
      runtime.executionId = previousExecution;
      calendarWatch.end(calendarBefore);
    }
  }
  const calendarWatch = new CalendarWatch(calendar, triggers, (trigger, event) => run(trigger.handlerFunction, [event], { operation: trigger.handlerFunction, asUser: trigger.owner ?? users.current }));
  const submissions = new FormSubmissions(runtime, stores.forms, triggers, locks, (name, args, operation, owner) => run(name, args, { operation, inheritExecution: true, asUser: owner ?? users.current }));
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
    /** Every registered service's store, by its name in emulator/registry.ts. */
    stores,
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
      Docs?: GoogleAppsScript.Docs;
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
