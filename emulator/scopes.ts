/**
 * Google's per-method OAuth scopes, enforced for every emulated method by one mechanism (runtime.ts `expose`).
 *
 * Built-in services (SpreadsheetApp, DocumentApp, FormApp, CalendarApp, DriveApp, ScriptApp, Session, MailApp…):
 * the table scripts/scope-table.mjs derives at build time from gas-types-detailed (generated from
 * developers.google.com/apps-script/reference; each method's "Authorization" list), written to
 * build/scope-table.json. A method passes when the execution holds one of the scopes its reference lists; a method
 * whose page has no Authorization section needs none.
 *
 * Advanced services (Calendar v3, Drive v3): their REST methods' scopes, from ADVANCED_SCOPES below.
 *
 * Google's wording when no listed scope is held:
 * - the manifest's explicit `oauthScopes` do not include any of them: "Specified permissions are not sufficient to
 *   call DocumentApp.openById. Required permissions: https://www.googleapis.com/auth/documents" (zidooka.com, "How to
 *   Fix 'Specified permissions are not sufficient to call xxx' in GAS", 2025-12-21: "occurs when you are manually
 *   managing oauthScopes in appsscript.json"; its example: "…to call DriveApp.getRootFolder. Required permissions:
 *   (https://www.googleapis.com/auth/drive.readonly || https://www.googleapis.com/auth/drive)");
 * - the manifest asks for one but the user has not granted it (granular consent): "Exception: You do not have
 *   permission to call SpreadsheetApp.openById. Required permissions: https://www.googleapis.com/auth/spreadsheets"
 *   (https://github.com/andrewroberts/BBLog/issues/4, https://github.com/peterherrmann/BetterLog/issues/29).
 * One listed scope is printed bare, several as "(a || b)" in the reference's order (both quoted above).
 * ASSUMED without a source: a class method is named "Service.Class.method" (e.g. "SpreadsheetApp.Range.setValues");
 * every quoted example is a top-level service method.
 * - advanced services fail as the REST API does: "GoogleJsonResponseException: API call to calendar.events.patch
 *   failed with error: Request had insufficient authentication scopes." (the REST message, e.g.
 *   https://github.com/St3ph-fr/my-apps-script-utils/issues/10; Apps Script's "API call to <api>.<resource>.<method>
 *   failed with error: <message>" prefix as the emulator's other advanced-service errors).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from './paths';
import { GasException } from './runtime';
import { SCOPE_PREFIX } from '../src/server/scopes';

export interface ScopeEntry {
  /** Listed scopes (union over overloads; see scripts/scope-table.mjs). Empty: the method needs none. */
  scopes: string[];
  url: string | null;
  differs?: boolean;
  overloads?: string[][];
}

export interface ScopeTable {
  source: string;
  methods: Record<string, ScopeEntry>;
  extends: Record<string, string[]>;
}

let cached: ScopeTable | null = null;

export const SCOPE_TABLE_PATH = path.join(projectRoot(), 'build', 'scope-table.json');

/** The generated table (build/scope-table.json, written by `npm run build`). */
export function scopeTable(): ScopeTable {
  if (!cached) {
    let text: string;
    try {
      text = readFileSync(SCOPE_TABLE_PATH, 'utf8');
    } catch {
      throw new Error(`The emulator's scope table ${SCOPE_TABLE_PATH} is missing: run \`npm run build\` first.`);
    }
    cached = JSON.parse(text) as ScopeTable;
  }
  return cached;
}

/** The reference namespace(s) in gas-types-detailed where each emulated service's classes live; Base last. */
const SERVICE_NAMESPACES: Record<string, string[]> = {
  SpreadsheetApp: ['Spreadsheet', 'Charts'],
  DocumentApp: ['Document'],
  FormApp: ['Forms'],
  CalendarApp: ['Calendar'],
  DriveApp: ['Drive'],
  ScriptApp: ['Script'],
  Session: ['Base'],
  Utilities: ['Utilities'],
  HtmlService: ['HTML'],
  PropertiesService: ['Properties'],
  LockService: ['Lock'],
  CacheService: ['Cache'],
  Charts: ['Charts'],
  MailApp: ['Mail'],
  GmailApp: ['Gmail'],
  UrlFetchApp: ['URL_Fetch'],
  SlidesApp: ['Slides'],
  ContactsApp: ['Contacts'],
  XmlService: ['XML'],
  Logger: ['Base'],
  Browser: ['Base'],
};

/**
 * Emulator classes that stand for several reference classes: the emulator's one TriggerBuilder is what Google splits
 * into TriggerBuilder and, after forSpreadsheet()/forForm()/timeBased()…, SpreadsheetTriggerBuilder and its siblings.
 */
const TYPE_ALIASES: Record<string, string[]> = {
  TriggerBuilder: ['SpreadsheetTriggerBuilder', 'FormTriggerBuilder', 'ClockTriggerBuilder', 'CalendarTriggerBuilder', 'DocumentTriggerBuilder'],
};

/**
 * REST scopes of the advanced services' methods the emulator implements, keyed "Service.Collection.method" as the
 * emulator names them (gasService.gasType.method). Each list is the method's "Authorization scopes" from Google's
 * API reference, as carried by the googleapis npm package (176.0.0, generated from Google's discovery documents;
 * build/src/apis/calendar/v3.d.ts and drive/v3.d.ts, the "Scopes" list in each method's example), e.g.
 * https://developers.google.com/calendar/api/v3/reference/events/patch#auth lists calendar, calendar.events,
 * calendar.app.created, calendar.events.owned. `rest` is the REST method Apps Script names in its error.
 */
const A = SCOPE_PREFIX;
const CAL_READ = ['calendar', 'calendar.app.created', 'calendar.events', 'calendar.events.freebusy', 'calendar.events.owned', 'calendar.events.owned.readonly', 'calendar.events.public.readonly', 'calendar.events.readonly', 'calendar.readonly'];
const CAL_WRITE = ['calendar', 'calendar.app.created', 'calendar.events', 'calendar.events.owned'];
const DRIVE_READ = ['drive', 'drive.appdata', 'drive.file', 'drive.meet.readonly', 'drive.metadata', 'drive.metadata.readonly', 'drive.photos.readonly', 'drive.readonly'];
export const ADVANCED_SCOPES: Record<string, { rest: string; scopes: string[] }> = Object.fromEntries(Object.entries({
  'Calendar.Events.get': ['calendar.events.get', CAL_READ],
  'Calendar.Events.list': ['calendar.events.list', CAL_READ],
  'Calendar.Events.insert': ['calendar.events.insert', CAL_WRITE],
  'Calendar.Events.patch': ['calendar.events.patch', CAL_WRITE],
  'Calendar.Events.update': ['calendar.events.update', CAL_WRITE],
  'Calendar.Events.remove': ['calendar.events.delete', CAL_WRITE],
  'Drive.Files.create': ['drive.files.create', ['drive', 'drive.appdata', 'drive.file']],
  'Drive.Files.copy': ['drive.files.copy', ['drive', 'drive.appdata', 'drive.file', 'drive.photos.readonly']],
  'Drive.Files.get': ['drive.files.get', DRIVE_READ],
  'Drive.Files.list': ['drive.files.list', DRIVE_READ],
  'Drive.Files.update': ['drive.files.update', ['drive', 'drive.appdata', 'drive.file', 'drive.metadata', 'drive.scripts']],
  'Drive.Files.export': ['drive.files.export', ['drive', 'drive.file', 'drive.meet.readonly', 'drive.readonly']],
  'Drive.Files.remove': ['drive.files.delete', ['drive', 'drive.appdata', 'drive.file']],
}).map(([k, [rest, scopes]]) => [k, { rest: rest as string, scopes: (scopes as string[]).map((s) => A + s) }]));

/** Advanced services the emulator knows (gasService values). */
const ADVANCED_SERVICES = new Set(['Calendar', 'Drive']);

export interface MethodScopes {
  /** "Spreadsheet.Range.setValues" (reference key) or "Calendar.Events.patch" (advanced). */
  key: string;
  scopes: string[];
  url: string | null;
  advanced?: { rest: string };
}

const resolved = new Map<string, MethodScopes | null>();

/** The scopes Google lists for `gasService`'s `gasType.method`, or null when the reference does not know it. */
export function scopesFor(gasService: string, gasType: string, method: string): MethodScopes | null {
  const id = `${gasService}.${gasType}.${method}`;
  const hit = resolved.get(id);
  if (hit !== undefined) return hit;
  let found: MethodScopes | null = null;
  const advanced = ADVANCED_SCOPES[id];
  if (advanced) found = { key: id, scopes: advanced.scopes, url: null, advanced: { rest: advanced.rest } };
  else if (!ADVANCED_SERVICES.has(gasService)) found = lookUp(gasService, gasType, method);
  resolved.set(id, found);
  return found;
}

function lookUp(gasService: string, gasType: string, method: string): MethodScopes | null {
  const table = scopeTable();
  const namespaces = [...(SERVICE_NAMESPACES[gasService] ?? []), 'Base'];
  const visit = (qualified: string, seen: Set<string>): MethodScopes | null => {
    if (seen.has(qualified)) return null;
    seen.add(qualified);
    const entry = table.methods[`${qualified}.${method}`];
    if (entry) return { key: `${qualified}.${method}`, scopes: entry.scopes, url: entry.url };
    for (const parent of table.extends[qualified] ?? []) {
      const r = visit(parent, seen);
      if (r) return r;
    }
    return null;
  };
  for (const ns of namespaces) {
    for (const type of [gasType, ...(TYPE_ALIASES[gasType] ?? [])]) {
      const r = visit(`${ns}.${type}`, new Set());
      if (r) return r;
    }
  }
  // A class the service hands out from another namespace (e.g. a Base class): accept a unique match anywhere.
  const matches = Object.keys(table.methods).filter((k) => k.endsWith(`.${gasType}.${method}`) && k.split('.').length === 3);
  if (matches.length === 1) {
    const entry = table.methods[matches[0]!]!;
    return { key: matches[0]!, scopes: entry.scopes, url: entry.url };
  }
  return null;
}

/** How Apps Script names a call in its permission errors: "DriveApp.getFileById", "SpreadsheetApp.Range.setValues". */
export function callName(gasService: string, gasType: string, method: string): string {
  return gasType === gasService ? `${gasService}.${method}` : `${gasService}.${gasType}.${method}`;
}

export interface ScopeContext {
  manifestScopes: readonly string[];
  grantedScopes: readonly string[];
  enforceScopes: boolean;
}

/** Every scope the reference and the advanced table name: "the user granted everything" (the audit's world). */
export function everyKnownScope(): string[] {
  const all = new Set<string>();
  for (const e of Object.values(scopeTable().methods)) for (const s of e.scopes) all.add(s);
  for (const e of Object.values(ADVANCED_SCOPES)) for (const s of e.scopes) all.add(s);
  return [...all].sort();
}

/**
 * Throws Google's exception when the execution holds none of the scopes listed for the call. An empty manifest
 * scope list means the emulator was started without appsscript.json's explicit scopes (some unit tests): then
 * Apps Script's automatic detection would have asked for every scope the code uses, so nothing is refused.
 */
export function checkScopes(ctx: ScopeContext, gasService: string, gasType: string, method: string): void {
  if (ctx.manifestScopes.length === 0 || !ctx.enforceScopes) return;
  const listed = scopesFor(gasService, gasType, method);
  if (!listed || listed.scopes.length === 0) return;
  if (listed.scopes.some((s) => ctx.grantedScopes.includes(s))) return;
  if (listed.advanced) {
    const e = new GasException(`API call to ${listed.advanced.rest} failed with error: Request had insufficient authentication scopes.`);
    e.name = 'GoogleJsonResponseException';
    throw e;
  }
  const required = listed.scopes.length === 1 ? listed.scopes[0]! : `(${listed.scopes.join(' || ')})`;
  const name = callName(gasService, gasType, method);
  const declared = listed.scopes.some((s) => ctx.manifestScopes.includes(s));
  throw new GasException(declared
    ? `You do not have permission to call ${name}. Required permissions: ${required}`
    : `Specified permissions are not sufficient to call ${name}. Required permissions: ${required}`);
}
