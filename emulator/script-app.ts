/** ScriptApp: triggers and authorization info. */
import { GasException, GasObject, Runtime } from './runtime';

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
    const same = this.triggers.filter((t) => t.eventType === this.eventType && t.sourceId === this.sourceId);
    if (this.runtime.isAddOn && same.length > 0) {
      throw new GasException('This add-on has created too many <event type> triggers in this Google Sheets file for this Google user account. Try deleting some triggers.'.replace('<event type>', this.eventType.toLowerCase()));
    }
    if (this.source === 'CLOCK' && this.runtime.isAddOn && this.everyMs !== null && this.everyMs < HOUR_MS) {
      throw new GasException(ADDON_CLOCK_TOO_FREQUENT);
    }
    if (this.source === 'FORMS' && this.runtime.isAddOn && !this.boundIds().includes(this.sourceId)) {
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
