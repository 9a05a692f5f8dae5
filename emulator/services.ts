/** Ui, HtmlService, PropertiesService, LockService, Session, Utilities and ScriptApp. */
import { readFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { GasException, GasObject, GOOGLE_ERRORS, Runtime } from './runtime';
import { formatJavaDate } from './format';
import type { LockEntry, ModeledLocks } from './timeline';
import { runInScriptContext } from './vm';

// ---------- Ui ----------
export interface MenuRecord { title: string; items: ({ caption: string; functionName: string } | { separator: true } | { subMenu: MenuRecord })[] }

export class UiState {
  menus: MenuRecord[] = [];
  alerts: { title: string; prompt: string; buttons: string }[] = [];
  sidebars: { title: string; html: string }[] = [];
  dialogs: { title: string; html: string }[] = [];
  /** Answers for the next alert() calls (default OK). */
  nextAlertAnswers: string[] = [];
  prompts: { title: string; prompt: string; buttons: string }[] = [];
  /** What the person does at the next prompt() calls (default: types nothing and clicks OK, or YES for YES_NO sets). */
  nextPromptResponses: { button?: string; text?: string }[] = [];
}

/** The answer to Ui.prompt (https://developers.google.com/apps-script/reference/base/prompt-response). */
export class PromptResponse extends GasObject {
  readonly gasType = 'PromptResponse';
  readonly gasService: string;
  constructor(private readonly button: string, private readonly text: string, service?: string) {
    super();
    this.gasService = typeof service === 'string' ? service : 'SpreadsheetApp';
  }
  getResponseText(): string { return this.text; }
  getSelectedButton(): GoogleAppsScript.Base.Button { return this.button as never; }
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
  /** The service whose getUi() returned it (SpreadsheetApp, DocumentApp, FormApp). */
  gasService = 'SpreadsheetApp';
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
  /**
   * prompt(prompt) / prompt(prompt, buttons) / prompt(title, prompt, buttons): the button the person clicked and the
   * text typed (https://developers.google.com/apps-script/reference/base/ui#prompt(String,String,ButtonSet)); the
   * default button set is OK; closing the dialog answers CLOSE.
   */
  prompt(titleOrPrompt: string, promptOrButtons?: unknown, buttons?: unknown): PromptResponse {
    const hasTitle = typeof promptOrButtons === 'string';
    const set = String((hasTitle ? buttons : promptOrButtons) ?? 'OK');
    this.state.prompts.push({ title: hasTitle ? titleOrPrompt : '', prompt: hasTitle ? (promptOrButtons as string) : titleOrPrompt, buttons: set });
    const answer = this.state.nextPromptResponses.shift() ?? {};
    return new PromptResponse(answer.button ?? (set.startsWith('YES') ? 'YES' : 'OK'), answer.text ?? '', this.gasService);
  }
  showModelessDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    this.state.dialogs.push({ title, html: (userInterface as unknown as HtmlOutput).content });
  }
  showSidebar(userInterface: GoogleAppsScript.HTML.HtmlOutput): void {
    const out = userInterface as unknown as HtmlOutput;
    this.state.sidebars.push({ title: out.title, html: out.content });
  }
  showModalDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    this.state.dialogs.push({ title, html: (userInterface as unknown as HtmlOutput).content });
  }
}

/**
 * The Browser service's dialogs (https://developers.google.com/apps-script/reference/base/browser): msgBox returns
 * "the lower case text of the button that is clicked by the user (or 'cancel' for a dismissed dialog)", inputBox
 * "the text entered by the user (or 'cancel' for a canceled or dismissed dialog)". Answers come from the same queues
 * as Ui.alert and Ui.prompt.
 */
export function createBrowser(state: UiState) {
  const Buttons = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' };
  const split = (args: unknown[]): { title: string; prompt: string; buttons: string } =>
    args.length >= 3 ? { title: String(args[0]), prompt: String(args[1]), buttons: String(args[2]) }
      : args.length === 2 ? { title: '', prompt: String(args[0]), buttons: String(args[1]) }
        : { title: '', prompt: String(args[0] ?? ''), buttons: 'OK' };
  return {
    gasService: 'Browser',
    gasType: 'Browser',
    Buttons,
    msgBox(...args: unknown[]): string {
      const d = split(args);
      state.alerts.push(d);
      return (state.nextAlertAnswers.shift() ?? (d.buttons.startsWith('YES') ? 'YES' : 'OK')).toLowerCase();
    },
    inputBox(...args: unknown[]): string {
      const d = split(args);
      state.prompts.push(d);
      const answer = state.nextPromptResponses.shift() ?? {};
      const button = answer.button ?? (d.buttons.startsWith('YES') ? 'YES' : 'OK');
      return button === 'CANCEL' || button === 'CLOSE' ? 'cancel' : answer.text ?? '';
    },
  };
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

/**
 * HtmlService templates (https://developers.google.com/apps-script/guides/html/templates): `<? code ?>` runs,
 * `<?= expr ?>` prints with escaping, `<?!= expr ?>` prints as is. Scriptlets run in the script's own global scope
 * (its functions, e.g. an include() helper, are callable), with the template's properties as variables.
 */
export class HtmlTemplate extends GasObject {
  readonly gasService = 'HtmlService';
  readonly gasType = 'HtmlTemplate';
  [variable: string]: unknown;
  constructor(private readonly source: string) { super(); }
  getRawContent(): string { return this.source; }
  getCode(): string { return compileTemplate(this.source); }
  evaluate(): HtmlOutput {
    const vars: Record<string, unknown> = {};
    for (const key of Object.keys(this)) if (key !== 'source' && key !== 'gasService' && key !== 'gasType') vars[key] = this[key];
    const fn = runInScriptContext(`(function (__vars, __esc) { with (__vars) { ${compileTemplate(this.source)} } })`) as (v: object, e: (x: unknown) => string) => string;
    return new HtmlOutput(fn(vars, escapeTemplateOutput));
  }
}

/** `<?= ?>` output: Google escapes it for its context; HTML text and attribute escaping here (see FIDELITY_CHANGES). */
function escapeTemplateOutput(v: unknown): string {
  if (v === undefined || v === null) return '';
  return String(v).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The template as a function body that returns the HTML. */
function compileTemplate(source: string): string {
  let code = 'var __out = [];\n';
  let at = 0;
  const re = /<\?(!=|=)?([\s\S]*?)\?>/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    if (m.index > at) code += `__out.push(${JSON.stringify(source.slice(at, m.index))});\n`;
    const body = m[2]!;
    if (m[1] === '=') code += `__out.push(__esc(${body.trim().replace(/;$/, '')}));\n`;
    else if (m[1] === '!=') code += `__out.push((function (v) { return v === undefined || v === null ? '' : String(v); })(${body.trim().replace(/;$/, '')}));\n`;
    else code += `${body}\n`;
    at = re.lastIndex;
  }
  if (at < source.length) code += `__out.push(${JSON.stringify(source.slice(at))});\n`;
  return `${code}return __out.join('');`;
}

export function createHtmlService(distDir: string) {
  const fileText = (filename: string): string => {
    const file = path.join(distDir, `${filename.replace(/\.html$/, '')}.html`);
    if (!existsSync(file)) throw new GasException(`No HTML file named ${filename} was found.`);
    return readFileSync(file, 'utf8');
  };
  return {
    createTemplate(html: string): HtmlTemplate { return new HtmlTemplate(String(html)); },
    createTemplateFromFile(filename: string): HtmlTemplate { return new HtmlTemplate(fileText(filename)); },
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

export function createSession(runtime: Runtime, scriptTimeZone: string) {
  return {
    gasService: 'Session',
    gasType: 'Session',
    getActiveUser: () => new User(runtime.authMode === 'FULL' ? runtime.user.email : ''),
    getEffectiveUser: () => new User(runtime.user.email),
    getScriptTimeZone: () => scriptTimeZone,
    /** Deprecated in the reference, still answering the script's time zone. */
    getTimeZone: () => scriptTimeZone,
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
  getBlob(): GoogleAppsScript.Base.Blob { return this as never; }
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

/**
 * Utilities.formatString: "sprintf-like string formatting using '%'-style format strings"
 * (https://developers.google.com/apps-script/reference/utilities/utilities#formatString(String,Object...)):
 * flags - + space 0, width, precision, and s d i f e x X o c %.
 */
export function formatString(template: string, args: unknown[]): string {
  let next = 0;
  return String(template).replace(/%([-+ 0#]*)(\d+)?(?:\.(\d+))?([sdifeExXoc%])/g, (whole, flags: string, width?: string, precision?: string, conv?: string) => {
    if (conv === '%') return '%';
    if (next >= args.length) return whole;
    const v = args[next++];
    let out: string;
    let numeric = true;
    const n = Number(v);
    switch (conv) {
      case 's': numeric = false; out = String(v); if (precision !== undefined) out = out.slice(0, Number(precision)); break;
      case 'c': numeric = false; out = typeof v === 'number' ? String.fromCharCode(v) : String(v).charAt(0); break;
      case 'd': case 'i': out = String(Math.trunc(Math.abs(n))); break;
      case 'f': out = Math.abs(n).toFixed(precision === undefined ? 6 : Number(precision)); break;
      case 'e': case 'E': out = Math.abs(n).toExponential(precision === undefined ? 6 : Number(precision)); if (conv === 'E') out = out.toUpperCase(); break;
      case 'x': out = Math.trunc(Math.abs(n)).toString(16); break;
      case 'X': out = Math.trunc(Math.abs(n)).toString(16).toUpperCase(); break;
      default: out = Math.trunc(Math.abs(n)).toString(8);
    }
    let sign = '';
    if (numeric) {
      if (Number.isNaN(n)) { out = 'NaN'; } else if (n < 0 || Object.is(n, -0) && conv !== 'd') sign = n < 0 ? '-' : '';
      if (!sign && flags.includes('+')) sign = '+';
      else if (!sign && flags.includes(' ')) sign = ' ';
    }
    const w = width === undefined ? 0 : Number(width);
    const body = sign + out;
    if (body.length >= w) return body;
    if (flags.includes('-')) return body.padEnd(w, ' ');
    if (numeric && flags.includes('0') && !Number.isNaN(n)) return sign + out.padStart(w - sign.length, '0');
    return body.padStart(w, ' ');
  });
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
    formatString(template: string, ...args: unknown[]): string {
      return formatString(template, args);
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
/** `owner`: the user who created it; the trigger runs as them and only they see or delete it (see createScriptApp). */
export interface TriggerRecord { id: string; handlerFunction: string; eventType: string; sourceId: string; source: string; schedule?: ClockSchedule; owner?: string }

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
  constructor(private readonly handler: string, private readonly triggers: TriggerRecord[], private readonly runtime: Runtime,
    /** Ids of the files the script is bound to (an add-on: the file it is installed in). */
    private readonly boundIds: () => string[] = () => []) { super(); }
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
  /** A calendar's events changing (https://developers.google.com/apps-script/reference/script/trigger-builder#forUserCalendar(String)). */
  forUserCalendar(emailId: string): TriggerBuilder {
    this.source = 'CALENDAR';
    this.sourceId = String(emailId);
    return this;
  }
  onEventUpdated(): TriggerBuilder { this.eventType = 'ON_EVENT_UPDATED'; return this; }
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
    const user = this.runtime.user.email;
    const same = this.triggers.filter((t) => t.eventType === this.eventType && t.sourceId === this.sourceId && (t.owner ?? user) === user);
    if (this.runtime.isAddOn && same.length > 0) {
      throw new GasException('This add-on has created too many <event type> triggers in this Google Sheets file for this Google user account. Try deleting some triggers.'.replace('<event type>', this.eventType.toLowerCase()));
    }
    if (this.source === 'CLOCK' && this.runtime.isAddOn && this.everyMs !== null && this.everyMs < HOUR_MS) {
      throw new GasException(ADDON_CLOCK_TOO_FREQUENT);
    }
    if (this.source === 'FORMS' && this.runtime.isAddOn && !this.boundIds().includes(this.sourceId)) {
      throw new GasException('Add-ons can only create triggers for the document they are installed in.');
    }
    const record: TriggerRecord = { id: `trigger-${this.triggers.length + 1}-${Date.now() % 100000}`, handlerFunction: this.handler, eventType: this.eventType, sourceId: this.sourceId, source: this.source, owner: user };
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

export function createScriptApp(runtime: Runtime, triggers: TriggerRecord[], boundIds: () => string[] = () => []) {
  return {
    gasService: 'ScriptApp',
    gasType: 'ScriptApp',
    AuthMode: { NONE: 'NONE', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION', LIMITED: 'LIMITED', FULL: 'FULL' },
    AuthorizationStatus: { REQUIRED: 'REQUIRED', NOT_REQUIRED: 'NOT_REQUIRED' },
    EventType: { ON_FORM_SUBMIT: 'ON_FORM_SUBMIT', ON_EDIT: 'ON_EDIT', ON_OPEN: 'ON_OPEN', CLOCK: 'CLOCK', ON_CHANGE: 'ON_CHANGE', ON_EVENT_UPDATED: 'ON_EVENT_UPDATED' },
    TriggerSource: { SPREADSHEETS: 'SPREADSHEETS', FORMS: 'FORMS', CLOCK: 'CLOCK', CALENDAR: 'CALENDAR', DOCUMENTS: 'DOCUMENTS' },
    getAuthorizationInfo(_authMode: string, oAuthScopes?: string[]): AuthorizationInfo {
      const wanted = oAuthScopes ?? runtime.manifestScopes;
      return new AuthorizationInfo(wanted.filter((s) => !runtime.grantedScopes.includes(s)), wanted.filter((s) => runtime.grantedScopes.includes(s)));
    },
    requireScopes(_authMode: string, oAuthScopes: string[]): void {
      const missing = oAuthScopes.filter((s) => !runtime.grantedScopes.includes(s));
      if (missing.length) throw new GasException(`Authorization is required to perform that action. Missing: ${missing.join(', ')}`);
    },
    newTrigger(functionName: string): TriggerBuilder { return new TriggerBuilder(functionName, triggers, runtime, boundIds); },
    // Installable triggers belong to the user who created them: getProjectTriggers "Gets all installable triggers
    // associated with the current project and current user", getUserTriggers(document) "Gets all installable triggers
    // owned by this user in the given document, for this script or add-on only"
    // (https://developers.google.com/apps-script/reference/script/script-app#getProjectTriggers()). A trigger made
    // before users were modelled (no owner) is the current user's.
    getProjectTriggers(): Trigger[] { return triggers.filter((t) => (t.owner ?? runtime.user.email) === runtime.user.email).map((t) => new Trigger(t)); },
    getUserTriggers(doc: { getId(): string } | string): Trigger[] {
      const id = typeof doc === 'string' ? doc : doc?.getId?.();
      return triggers.filter((t) => (t.owner ?? runtime.user.email) === runtime.user.email && (id === undefined || t.sourceId === id || t.source === 'CLOCK')).map((t) => new Trigger(t));
    },
    deleteTrigger(trigger: GoogleAppsScript.Script.Trigger): void {
      // Only the owner's own triggers can be reached at all (another user's are never returned to this user).
      const i = triggers.findIndex((t) => t.id === trigger.getUniqueId() && (t.owner ?? runtime.user.email) === runtime.user.email);
      if (i >= 0) triggers.splice(i, 1);
    },
    getScriptId(): string { return 'emulator-script-id'; },
    getOAuthToken(): string { return 'emulator-token'; },
  };
}
