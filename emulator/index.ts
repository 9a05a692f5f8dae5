/**
 * The local Apps Script runtime: create one per test (or per preview session), hand its `globals` to
 * the add-on (directly, or by loading dist/Code.js with `load()`), then assert on the stores and the ledger.
 */
import * as path from 'node:path';
import { projectRoot } from './paths';
import { readFileSync } from 'node:fs';
import { Runtime } from './runtime';
import { SpreadsheetStore, createSpreadsheetApp } from './spreadsheet';
import {
  LockState, PropertyStores, TriggerRecord, Ui, UiState, createHtmlService, createLockService, createPropertiesService,
  createScriptApp, createSession, createUtilities,
} from './services';
import { AddOnGlobal, loadBundle } from './vm';
import { FormStore, createFormApp } from './forms';
import { FormSubmissions } from './triggers';

export { Runtime, GasException, GOOGLE_ERRORS } from './runtime';

export const DIST_DIR = path.join(projectRoot(), 'dist');
export const ADDON_NAME = '就労支援ネットワーク';

export interface EmulatorOptions {
  spreadsheetName?: string;
  timeZone?: string;
  /** "now" for the whole run (the demo and tests pin it). */
  now?: Date;
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
  runtime.grantedScopes = options.grantedScopes ?? [...runtime.manifestScopes];

  const spreadsheets = new SpreadsheetStore(runtime);
  const active = spreadsheets.create(options.spreadsheetName ?? '就労支援ネットワーク 名簿', options.timeZone ?? 'Asia/Tokyo');
  const uiState = new UiState();
  const ui = new Ui(uiState, ADDON_NAME);
  const properties = new PropertyStores();
  const locks = new LockState();
  const triggers: TriggerRecord[] = [];
  const formStore = new FormStore(runtime, spreadsheets);

  const raw: Record<string, object> = {
    SpreadsheetApp: createSpreadsheetApp(spreadsheets, () => ui),
    HtmlService: createHtmlService(distDir),
    PropertiesService: createPropertiesService(properties, runtime),
    LockService: createLockService(locks, runtime),
    Session: createSession(runtime),
    Utilities: createUtilities(runtime),
    ScriptApp: createScriptApp(runtime, triggers),
    FormApp: createFormApp(formStore, runtime),
  };
  const globals: Record<string, unknown> = {};
  for (const [name, service] of Object.entries(raw)) globals[name] = runtime.expose(service);

  let bundle: AddOnGlobal | null = null;
  /** Calls a top-level function of the loaded bundle as Apps Script would, attributing calls to `operation`. */
  function run<T = unknown>(functionName: string, args: unknown[] = [], opts: { authMode?: Runtime['authMode']; operation?: string } = {}): T {
    if (!bundle) bundle = loadBundle(globals, path.join(distDir, 'Code.js'));
    const fn = bundle[functionName];
    if (typeof fn !== 'function') throw new Error(`Script function not found: ${functionName}`);
    const previous = runtime.authMode;
    runtime.authMode = opts.authMode ?? 'FULL';
    try {
      return runtime.ledger.within(opts.operation ?? functionName, () => fn(...args)) as T;
    } finally {
      runtime.authMode = previous;
    }
  }
  const submissions = new FormSubmissions(runtime, formStore, triggers, locks, (name, args, operation) => run(name, args, { operation }));
  return {
    runtime,
    ledger: runtime.ledger,
    spreadsheets,
    active,
    uiState,
    properties,
    locks,
    triggers,
    /** FormApp's forms, and participants submitting them (`emu.forms.submit(formId, answers, { duplicateFiring })`). */
    forms: submissions,
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
      [name: string]: unknown;
    },
    /** Loads dist/Code.js into a fresh node:vm context with these globals. */
    load(bundlePath = path.join(distDir, 'Code.js')): AddOnGlobal {
      bundle = loadBundle(globals, bundlePath);
      return bundle;
    },
    run,
  };
}

function readManifestScopes(): string[] {
  try {
    const manifest = JSON.parse(readFileSync(path.join(projectRoot(), 'appsscript.json'), 'utf8')) as { oauthScopes?: string[] };
    return manifest.oauthScopes ?? [];
  } catch {
    return [];
  }
}
