/** Ui, HtmlService, PropertiesService, LockService, Session, Utilities and ScriptApp. */
import { readFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { GasException, GasObject, GOOGLE_ERRORS, Runtime } from './runtime';
import { formatJavaDate } from './format';
import type { LockEntry, ModeledLocks } from './timeline';

// ---------- Ui ----------
export interface MenuRecord { title: string; items: ({ caption: string; functionName: string } | { separator: true } | { subMenu: MenuRecord })[] }

export class UiState {
  menus: MenuRecord[] = [];
  alerts: { title: string; prompt: string; buttons: string }[] = [];
  sidebars: { title: string; html: string }[] = [];
  dialogs: { title: string; html: string }[] = [];
  /** Answers for the next alert() calls (default OK). */
  nextAlertAnswers: string[] = [];
}

export class Menu extends GasObject implements Pick<GoogleAppsScript.Base.Menu, 'addItem' | 'addSeparator' | 'addSubMenu' | 'addToUi'> {
  readonly gasService = 'SpreadsheetApp';
  readonly gasType = 'Menu';
  readonly record: MenuRecord;
  constructor(private readonly state: UiState, title: string) {
    super();
    this.record = { title, items: [] };
  }
  addItem(caption: string, functionName: string): GoogleAppsScript.Base.Menu {
    this.record.items.push({ caption, functionName });
    return this as never;
  }
  addSeparator(): GoogleAppsScript.Base.Menu {
    this.record.items.push({ separator: true });
    return this as never;
  }
  addSubMenu(menu: GoogleAppsScript.Base.Menu): GoogleAppsScript.Base.Menu {
    this.record.items.push({ subMenu: (menu as unknown as Menu).record });
    return this as never;
  }
  addToUi(): void {
    this.state.menus = this.state.menus.filter((m) => m.title !== this.record.title);
    this.state.menus.push(this.record);
  }
}

export class Ui extends GasObject implements Pick<GoogleAppsScript.Base.Ui, 'createAddonMenu' | 'createMenu' | 'alert' | 'showSidebar' | 'showModalDialog'> {
  readonly gasService = 'SpreadsheetApp';
  readonly gasType = 'Ui';
  readonly ButtonSet = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' } as never as GoogleAppsScript.Base.ButtonSet;
  readonly Button = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' } as never as GoogleAppsScript.Base.Button;
  constructor(readonly state: UiState, private readonly addonName: string) { super(); }
  createAddonMenu(): GoogleAppsScript.Base.Menu { return new Menu(this.state, this.addonName) as never; }
  createMenu(caption: string): GoogleAppsScript.Base.Menu { return new Menu(this.state, caption) as never; }
  alert(titleOrPrompt: string, promptOrButtons?: unknown, buttons?: unknown): GoogleAppsScript.Base.Button {
    const hasTitle = typeof promptOrButtons === 'string';
    this.state.alerts.push({
      title: hasTitle ? titleOrPrompt : '',
      prompt: hasTitle ? (promptOrButtons as string) : titleOrPrompt,
      buttons: String((hasTitle ? buttons : promptOrButtons) ?? 'OK'),
    });
    return (this.state.nextAlertAnswers.shift() ?? 'OK') as never;
  }
  showSidebar(userInterface: GoogleAppsScript.HTML.HtmlOutput): void {
    const out = userInterface as unknown as HtmlOutput;
    this.state.sidebars.push({ title: out.title, html: out.content });
  }
  showModalDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    this.state.dialogs.push({ title, html: (userInterface as unknown as HtmlOutput).content });
  }
}

export class HtmlOutput extends GasObject implements Pick<GoogleAppsScript.HTML.HtmlOutput, 'setTitle' | 'getTitle' | 'getContent' | 'setWidth' | 'setHeight' | 'setXFrameOptionsMode' | 'append'> {
  readonly gasService = 'HtmlService';
  readonly gasType = 'HtmlOutput';
  title = '';
  constructor(public content: string) { super(); }
  setTitle(title: string): GoogleAppsScript.HTML.HtmlOutput { this.title = title; return this as never; }
  getTitle(): string { return this.title; }
  getContent(): string { return this.content; }
  append(addedContent: string): GoogleAppsScript.HTML.HtmlOutput { this.content += addedContent; return this as never; }
  setWidth(_w: number): GoogleAppsScript.HTML.HtmlOutput { return this as never; }
  setHeight(_h: number): GoogleAppsScript.HTML.HtmlOutput { return this as never; }
  setXFrameOptionsMode(_m: GoogleAppsScript.HTML.XFrameOptionsMode): GoogleAppsScript.HTML.HtmlOutput { return this as never; }
}

export function createHtmlService(distDir: string) {
  return {
    gasService: 'HtmlService',
    gasType: 'HtmlService',
    XFrameOptionsMode: { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' },
    SandboxMode: { IFRAME: 'IFRAME', NATIVE: 'NATIVE', EMULATED: 'EMULATED' },
    createHtmlOutput(html?: string): HtmlOutput { return new HtmlOutput(html ?? ''); },
    createHtmlOutputFromFile(filename: string): HtmlOutput {
      const file = path.join(distDir, `${filename.replace(/\.html$/, '')}.html`);
      if (!existsSync(file)) throw new GasException(`No HTML file named ${filename} was found.`);
      return new HtmlOutput(readFileSync(file, 'utf8'));
    },
  };
}

// ---------- Properties ----------
const PROPERTY_VALUE_LIMIT = 9 * 1024;
const PROPERTY_STORE_LIMIT = 500 * 1024;

export class Properties extends GasObject implements Pick<GoogleAppsScript.Properties.Properties,
  'getProperty' | 'setProperty' | 'getProperties' | 'setProperties' | 'deleteProperty' | 'getKeys' | 'deleteAllProperties'> {
  readonly gasService = 'PropertiesService';
  readonly gasType = 'Properties';
  constructor(readonly data: Map<string, string>) { super(); }
  getProperty(key: string): string | null { return this.data.get(key) ?? null; }
  setProperty(key: string, value: string): GoogleAppsScript.Properties.Properties {
    this.put(key, String(value));
    return this as never;
  }
  setProperties(properties: Record<string, string>, deleteAllOthers?: boolean): GoogleAppsScript.Properties.Properties {
    if (deleteAllOthers) this.data.clear();
    for (const [k, v] of Object.entries(properties)) this.put(k, String(v));
    return this as never;
  }
  getProperties(): Record<string, string> { return Object.fromEntries(this.data); }
  getKeys(): string[] { return [...this.data.keys()]; }
  deleteProperty(key: string): GoogleAppsScript.Properties.Properties { this.data.delete(key); return this as never; }
  deleteAllProperties(): GoogleAppsScript.Properties.Properties { this.data.clear(); return this as never; }
  private put(key: string, value: string): void {
    if (Buffer.byteLength(key) + Buffer.byteLength(value) > PROPERTY_VALUE_LIMIT) throw new GasException('Argument too large: value');
    const total = [...this.data].reduce((n, [k, v]) => (k === key ? n : n + Buffer.byteLength(k) + Buffer.byteLength(v)), 0);
    if (total + Buffer.byteLength(key) + Buffer.byteLength(value) > PROPERTY_STORE_LIMIT) {
      throw new GasException('You have exceeded the property storage quota. Please remove some properties and try again.');
    }
    this.data.set(key, value);
  }
}

export class PropertyStores {
  readonly script = new Map<string, string>();
  readonly document = new Map<string, string>();
  readonly user = new Map<string, string>();
}

export function createPropertiesService(stores: PropertyStores, runtime: Runtime) {
  return {
    gasService: 'PropertiesService',
    gasType: 'PropertiesService',
    getScriptProperties: () => new Properties(stores.script),
    getUserProperties: () => new Properties(stores.user),
    getDocumentProperties: () => {
      if (runtime.authMode === 'NONE') throw new GasException('You do not have permission to call PropertiesService.getDocumentProperties.');
      return new Properties(stores.document);
    },
  };
}

// ---------- Lock ----------
/**
 * Locks are held by an execution (runtime.executionId). JavaScript here is single-threaded, so a second
 * execution can only meet a held lock when a test interleaves executions explicitly; waitLock then
 * throws Google's timeout wording instead of blocking. On the modeled clock (emulator/timeline.ts) a lock also
 * remembers when its last holder released it: a request waits in modeled time until then, or gives up after its
 * timeout, as Google's does ("Lock timeout: another process was holding the lock for too long.").
 */
export class LockState implements ModeledLocks {
  holders = new Map<string, string>(); // lock name → execution id
  acquisitions = 0;
  modeled = false;
  freeAt = new Map<string, number>();
  log: LockEntry[] = [];
}

export class Lock extends GasObject implements Pick<GoogleAppsScript.Lock.Lock, 'waitLock' | 'tryLock' | 'releaseLock' | 'hasLock'> {
  readonly gasService = 'LockService';
  readonly gasType = 'Lock';
  constructor(private readonly state: LockState, private readonly name: string, private readonly runtime: Runtime) { super(); }
  tryLock(timeoutInMillis: number): boolean {
    const holder = this.state.holders.get(this.name);
    if (holder === this.runtime.executionId) return true;
    const entry: LockEntry | null = this.state.modeled
      ? { executionId: this.runtime.executionId, name: this.name, requestedAt: this.runtime.now().getTime(), acquiredAt: null, releasedAt: null }
      : null;
    if (entry) this.state.log.push(entry);
    if (holder) {
      if (entry) this.runtime.advanceClock(timeoutInMillis);
      return false;
    }
    if (entry) {
      const wait = (this.state.freeAt.get(this.name) ?? 0) - entry.requestedAt;
      if (wait > timeoutInMillis) {
        this.runtime.advanceClock(timeoutInMillis);
        return false;
      }
      if (wait > 0) this.runtime.advanceClock(wait);
      entry.acquiredAt = this.runtime.now().getTime();
    }
    this.state.holders.set(this.name, this.runtime.executionId);
    this.state.acquisitions++;
    return true;
  }
  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) throw new GasException(GOOGLE_ERRORS.lockTimeout);
  }
  releaseLock(): void {
    if (this.state.holders.get(this.name) !== this.runtime.executionId) return;
    this.state.holders.delete(this.name);
    if (!this.state.modeled) return;
    const now = this.runtime.now().getTime();
    for (const entry of this.state.log) {
      if (entry.executionId === this.runtime.executionId && entry.name === this.name && entry.acquiredAt !== null && entry.releasedAt === null) entry.releasedAt = now;
    }
    this.state.freeAt.set(this.name, Math.max(this.state.freeAt.get(this.name) ?? 0, now));
  }
  hasLock(): boolean { return this.state.holders.get(this.name) === this.runtime.executionId; }
}

export function createLockService(state: LockState, runtime: Runtime) {
  return {
    gasService: 'LockService',
    gasType: 'LockService',
    getScriptLock: () => new Lock(state, 'script', runtime),
    getDocumentLock: () => new Lock(state, 'document', runtime),
    getUserLock: () => new Lock(state, `user:${runtime.user.email}`, runtime),
  };
}

// ---------- Session ----------
export class User extends GasObject implements Pick<GoogleAppsScript.Base.User, 'getEmail'> {
  readonly gasService = 'Session';
  readonly gasType = 'User';
  constructor(private readonly email: string) { super(); }
  getEmail(): string { return this.email; }
}

export function createSession(runtime: Runtime) {
  return {
    gasService: 'Session',
    gasType: 'Session',
    getActiveUser: () => new User(runtime.authMode === 'FULL' ? runtime.user.email : ''),
    getEffectiveUser: () => new User(runtime.user.email),
    getScriptTimeZone: () => 'Asia/Tokyo',
    getActiveUserLocale: () => runtime.user.locale,
    getTemporaryActiveUserKey: () => createHash('sha256').update(runtime.user.email).digest('base64url').slice(0, 24),
  };
}

// ---------- Utilities ----------
export class Blob extends GasObject implements Pick<GoogleAppsScript.Base.Blob, 'getBytes' | 'getDataAsString' | 'getContentType' | 'getName' | 'setName' | 'setContentType' | 'copyBlob'> {
  readonly gasService = 'Utilities';
  readonly gasType = 'Blob';
  constructor(public bytes: Uint8Array, public contentType: string | null, public name: string | null) { super(); }
  getBytes(): number[] { return [...this.bytes].map((b) => (b > 127 ? b - 256 : b)); }
  getDataAsString(charset?: string): string {
    const label = (charset ?? 'UTF-8').toLowerCase().replace(/_/g, '-').replace(/^ms932$|^windows-31j$|^cp932$/, 'shift_jis');
    try {
      return new TextDecoder(label === 'shift-jis' ? 'shift_jis' : label).decode(this.bytes);
    } catch {
      throw new GasException(`Unsupported charset: ${charset}`);
    }
  }
  getContentType(): string | null { return this.contentType; }
  setContentType(contentType: string | null): GoogleAppsScript.Base.Blob { this.contentType = contentType; return this as never; }
  getName(): string | null { return this.name; }
  setName(name: string): GoogleAppsScript.Base.Blob { this.name = name; return this as never; }
  copyBlob(): GoogleAppsScript.Base.Blob { return new Blob(new Uint8Array(this.bytes), this.contentType, this.name) as never; }
}

function toBytes(data: unknown): Uint8Array {
  if (typeof data === 'string') return new TextEncoder().encode(data);
  if (Array.isArray(data)) return Uint8Array.from(data.map((b: number) => b & 0xff));
  if (data instanceof Uint8Array) return data;
  throw new GasException(`The parameters (${typeof data}) don't match the method signature for Utilities.newBlob.`);
}

/** RFC 4180 CSV as Utilities.parseCsv reads it (quoted fields may hold delimiters, quotes and newlines). */
export function parseCsv(csv: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i]!;
    if (quoted) {
      if (c === '"') {
        if (csv[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && csv[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

export function createUtilities(runtime: Runtime) {
  return {
    gasService: 'Utilities',
    gasType: 'Utilities',
    Charset: { UTF_8: 'UTF-8', US_ASCII: 'US-ASCII' },
    DigestAlgorithm: { MD5: 'MD5', SHA_1: 'SHA_1', SHA_256: 'SHA_256', SHA_512: 'SHA_512' },
    formatDate(date: Date, timeZone: string, format: string): string {
      if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new GasException('Invalid argument: date');
      return formatJavaDate(date, timeZone, format);
    },
    parseCsv(csv: string, delimiter?: string): string[][] {
      return parseCsv(csv, delimiter);
    },
    newBlob(data: unknown, contentType?: string, name?: string): Blob {
      return new Blob(toBytes(data), contentType ?? null, name ?? null);
    },
    getUuid(): string { return randomUUID(); },
    computeDigest(algorithm: string, value: string | number[]): number[] {
      const algo = { MD5: 'md5', SHA_1: 'sha1', SHA_256: 'sha256', SHA_512: 'sha512' }[algorithm] ?? 'sha256';
      const digest = createHash(algo).update(typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(toBytes(value))).digest();
      return [...digest].map((b) => (b > 127 ? b - 256 : b));
    },
    base64Encode(data: string | number[]): string { return Buffer.from(toBytes(data)).toString('base64'); },
    base64Decode(encoded: string): number[] { return [...Buffer.from(encoded, 'base64')].map((b) => (b > 127 ? b - 256 : b)); },
    sleep(milliseconds: number): void { runtime.advanceClock(milliseconds); },
  };
}

// ---------- ScriptApp ----------
export interface TriggerRecord { id: string; handlerFunction: string; eventType: string; sourceId: string; source: string; schedule?: ClockSchedule }

/** When a time-driven trigger fires next (modeled ms), and how often after that (null: once). */
export interface ClockSchedule { nextAt: number; everyMs: number | null }

const HOUR_MS = 3_600_000;
/**
 * "Add-ons can use a time-driven trigger once per hour at most"
 * (developers.google.com/apps-script/guides/triggers/installable#time-driven_triggers). What create() throws for a
 * more frequent one is not documented: this wording is assumed.
 */
export const ADDON_CLOCK_TOO_FREQUENT = 'Add-ons may not create time-driven triggers that run more than once per hour.';

export class Trigger extends GasObject implements Pick<GoogleAppsScript.Script.Trigger, 'getHandlerFunction' | 'getUniqueId' | 'getEventType' | 'getTriggerSourceId'> {
  readonly gasService = 'ScriptApp';
  readonly gasType = 'Trigger';
  constructor(readonly record: TriggerRecord) { super(); }
  getHandlerFunction(): string { return this.record.handlerFunction; }
  getUniqueId(): string { return this.record.id; }
  getEventType(): GoogleAppsScript.Script.EventType { return this.record.eventType as never; }
  getTriggerSourceId(): string { return this.record.sourceId; }
  getTriggerSource(): GoogleAppsScript.Script.TriggerSource { return this.record.source as never; }
}

export class TriggerBuilder extends GasObject {
  readonly gasService = 'ScriptApp';
  readonly gasType = 'TriggerBuilder';
  private eventType = '';
  private sourceId = '';
  private source = '';
  constructor(private readonly handler: string, private readonly triggers: TriggerRecord[], private readonly runtime: Runtime) { super(); }
  forSpreadsheet(sheet: GoogleAppsScript.Spreadsheet.Spreadsheet | string): TriggerBuilder {
    this.source = 'SPREADSHEETS';
    this.sourceId = typeof sheet === 'string' ? sheet : sheet.getId();
    return this;
  }
  forForm(form: { getId(): string } | string): TriggerBuilder {
    this.source = 'FORMS';
    this.sourceId = typeof form === 'string' ? form : form.getId();
    return this;
  }
  private everyMs: number | null = null;
  private firstAt: number | null = null;
  private hour: number | null = null;
  private weekDay: number | null = null;
  timeBased(): TriggerBuilder { this.source = 'CLOCK'; this.eventType = 'CLOCK'; return this; }
  everyMinutes(n: number): TriggerBuilder { this.everyMs = n * 60_000; return this; }
  everyHours(n: number): TriggerBuilder { this.everyMs = n * HOUR_MS; return this; }
  everyDays(n: number): TriggerBuilder { this.everyMs = n * 24 * HOUR_MS; return this; }
  everyWeeks(n: number): TriggerBuilder { this.everyMs = n * 7 * 24 * HOUR_MS; return this; }
  /** Google picks a time within the hour and keeps it (installable triggers guide); the emulator fires on the hour. */
  atHour(hour: number): TriggerBuilder { this.hour = hour; return this; }
  onWeekDay(day: string): TriggerBuilder {
    this.weekDay = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'].indexOf(String(day));
    if (this.everyMs === null) this.everyMs = 7 * 24 * HOUR_MS;
    return this;
  }
  after(durationMilliseconds: number): TriggerBuilder { this.firstAt = this.runtime.now().getTime() + durationMilliseconds; return this; }
  at(date: Date): TriggerBuilder { this.firstAt = date.getTime(); return this; }
  onFormSubmit(): TriggerBuilder { this.eventType = 'ON_FORM_SUBMIT'; return this; }
  onEdit(): TriggerBuilder { this.eventType = 'ON_EDIT'; return this; }
  onOpen(): TriggerBuilder { this.eventType = 'ON_OPEN'; return this; }
  private clockSchedule(): ClockSchedule {
    const now = this.runtime.now().getTime();
    return { nextAt: firstFiring(now, this.everyMs, this.firstAt, this.hour, this.weekDay), everyMs: this.firstAt !== null ? null : this.everyMs ?? null };
  }
  create(): Trigger {
    // Editor add-ons: one trigger of each event type per user per document.
    const same = this.triggers.filter((t) => t.eventType === this.eventType && t.sourceId === this.sourceId);
    if (this.runtime.isAddOn && same.length > 0) {
      throw new GasException('This add-on has created too many <event type> triggers in this Google Sheets file for this Google user account. Try deleting some triggers.'.replace('<event type>', this.eventType.toLowerCase()));
    }
    if (this.source === 'CLOCK' && this.runtime.isAddOn && this.everyMs !== null && this.everyMs < HOUR_MS) {
      throw new GasException(ADDON_CLOCK_TOO_FREQUENT);
    }
    if (this.source === 'FORMS' && this.runtime.isAddOn) {
      throw new GasException('Add-ons can only create triggers for the document they are installed in.');
    }
    const record: TriggerRecord = { id: `trigger-${this.triggers.length + 1}-${Date.now() % 100000}`, handlerFunction: this.handler, eventType: this.eventType, sourceId: this.sourceId, source: this.source };
    if (this.source === 'CLOCK') record.schedule = this.clockSchedule();
    this.triggers.push(record);
    return new Trigger(record);
  }
}

/**
 * The first firing: `at`/`after` when given; otherwise one interval after creation (Google chooses the offset within
 * the interval; the emulator takes the latest, so it never fires sooner than Google could), moved to the next
 * `atHour` (Asia/Tokyo, the emulator's default time zone) and week day when asked for.
 */
export function firstFiring(now: number, everyMs: number | null, firstAt: number | null, hour: number | null, weekDay: number | null): number {
  if (firstAt !== null) return firstAt;
  let at = now + (everyMs ?? HOUR_MS);
  if (hour !== null || weekDay !== null) {
    const tokyo = 9 * HOUR_MS;
    const day = 24 * HOUR_MS;
    at = Math.floor((now + tokyo) / day) * day - tokyo + (hour ?? 0) * HOUR_MS;
    while (at <= now || (weekDay !== null && new Date(at + tokyo).getUTCDay() !== weekDay)) at += day;
  }
  return at;
}

export class AuthorizationInfo extends GasObject implements Pick<GoogleAppsScript.Script.AuthorizationInfo, 'getAuthorizationStatus' | 'getAuthorizationUrl' | 'getAuthorizedScopes'> {
  readonly gasService = 'ScriptApp';
  readonly gasType = 'AuthorizationInfo';
  /** `granted` is limited to the scopes asked about, as Google documents for the two-argument form. */
  constructor(private readonly missing: string[], private readonly granted: string[]) { super(); }
  getAuthorizationStatus(): GoogleAppsScript.Script.AuthorizationStatus {
    return (this.missing.length ? 'REQUIRED' : 'NOT_REQUIRED') as never;
  }
  getAuthorizationUrl(): string { return this.missing.length ? 'https://script.google.com/macros/d/emulator/authorize' : (null as never); }
  getAuthorizedScopes(): string[] { return [...this.granted]; }
}

export function createScriptApp(runtime: Runtime, triggers: TriggerRecord[]) {
  return {
    gasService: 'ScriptApp',
    gasType: 'ScriptApp',
    AuthMode: { NONE: 'NONE', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION', LIMITED: 'LIMITED', FULL: 'FULL' },
    AuthorizationStatus: { REQUIRED: 'REQUIRED', NOT_REQUIRED: 'NOT_REQUIRED' },
    EventType: { ON_FORM_SUBMIT: 'ON_FORM_SUBMIT', ON_EDIT: 'ON_EDIT', ON_OPEN: 'ON_OPEN', CLOCK: 'CLOCK', ON_CHANGE: 'ON_CHANGE' },
    TriggerSource: { SPREADSHEETS: 'SPREADSHEETS', FORMS: 'FORMS', CLOCK: 'CLOCK', CALENDAR: 'CALENDAR', DOCUMENTS: 'DOCUMENTS' },
    getAuthorizationInfo(_authMode: string, oAuthScopes?: string[]): AuthorizationInfo {
      const wanted = oAuthScopes ?? runtime.manifestScopes;
      return new AuthorizationInfo(wanted.filter((s) => !runtime.grantedScopes.includes(s)), wanted.filter((s) => runtime.grantedScopes.includes(s)));
    },
    requireScopes(_authMode: string, oAuthScopes: string[]): void {
      const missing = oAuthScopes.filter((s) => !runtime.grantedScopes.includes(s));
      if (missing.length) throw new GasException(`Authorization is required to perform that action. Missing: ${missing.join(', ')}`);
    },
    newTrigger(functionName: string): TriggerBuilder { return new TriggerBuilder(functionName, triggers, runtime); },
    getProjectTriggers(): Trigger[] { return triggers.map((t) => new Trigger(t)); },
    getUserTriggers(_doc: unknown): Trigger[] { return triggers.map((t) => new Trigger(t)); },
    deleteTrigger(trigger: GoogleAppsScript.Script.Trigger): void {
      const i = triggers.findIndex((t) => t.id === trigger.getUniqueId());
      if (i >= 0) triggers.splice(i, 1);
    },
    getScriptId(): string { return 'emulator-script-id'; },
    getOAuthToken(): string { return 'emulator-token'; },
  };
}
