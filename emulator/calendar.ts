/**
 * CalendarApp (built-in Calendar service) and the Advanced Calendar service (`Calendar`, Calendar API v3) over
 * one store of calendars and events, with a **notification log**: every invitation, update and cancellation
 * e-mail Google would send, and to whom.
 *
 * Google behaviour relied on (developers.google.com/apps-script/reference/calendar/…, …/calendar/api/v3/reference/events/…):
 * - createEvent/createEventSeries(title, start, end[, recurrence], {description, location, guests, sendInvites}):
 *   `guests` is a comma-separated list; `sendInvites` "whether to send invitation emails (default: false)".
 * - CalendarEvent.getId() returns the iCalUID; the Calendar API id is a different string (here the iCalUID is
 *   `<api id>@google.com`, as for events created in Google Calendar, but callers must not rely on that: the
 *   add-on looks the API id up with Events.list({iCalUID})).
 * - addGuest/removeGuest send no e-mail. The CalendarEvent setters (setTime, setLocation, setTitle,
 *   setDescription) and deleteEvent()/deleteEventSeries() document no notification and take no option to send
 *   one, so this emulator sends none for them (an assumption: the reference is silent, not explicit).
 * - Events.patch/update/insert/remove take `sendUpdates: 'all' | 'externalOnly' | 'none'` (default none;
 *   the deprecated `sendNotifications: true` means all). On patch, added attendees get an invitation, removed
 *   attendees a cancellation, remaining attendees an update when time, place, title, description or
 *   recurrence changed. remove() of an already deleted event fails with "Resource has been deleted".
 * - getCalendarById / getEventById / getEventSeriesById return null when nothing matches.
 * - Creating an event with end before start: "Event start date must be before event end date."
 * - Daily quota: 5,000 (consumer) / 10,000 (Workspace) events created per user; past it every creation
 *   throws "Service invoked too many times for one day: calendar." (quota page). Counted per Asia/Tokyo day.
 * - Scopes (CalendarApp's from its reference, Calendar v3's from the REST reference) are checked for every call by
 *   the one mechanism in scopes.ts.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { formatJavaDate, zonedDate, zonedParts } from './format';
import { projectRoot } from './paths';
import {
  MONTHS, RecurrenceSpec, RuleSpec, WEEKDAYS, emptyRecurrence, expandOccurrences, monthIndex, parseRfc5545, toRfc5545, weekdayIndex,
} from './recurrence';
import { GasException, GasObject, GOOGLE_ERRORS, Runtime } from './runtime';
import { GOOGLE_SCOPES } from '../src/server/scopes';

type GCalendar = GoogleAppsScript.Calendar.Calendar;
type GEvent = GoogleAppsScript.Calendar.CalendarEvent;
type GSeries = GoogleAppsScript.Calendar.CalendarEventSeries;
type GGuest = GoogleAppsScript.Calendar.EventGuest;
type GRecurrence = GoogleAppsScript.Calendar.EventRecurrence;
type GRule = GoogleAppsScript.Calendar.RecurrenceRule;
type ApiEvent = GoogleAppsScript.Calendar.Schema.Event;

export const CALENDAR_SCOPE = GOOGLE_SCOPES.calendar;

export type GuestStatusName = 'INVITED' | 'YES' | 'NO' | 'MAYBE' | 'OWNER';

export interface StoredGuest { email: string; status: GuestStatusName }

export interface StoredEvent {
  apiId: string;
  iCalUID: string;
  calendarId: string;
  title: string;
  description: string;
  location: string;
  start: Date;
  end: Date;
  guests: StoredGuest[];
  recurrence: RecurrenceSpec | null;
  status: 'confirmed' | 'cancelled';
  tags: Record<string, string>;
  organizer: string;
  created: Date;
  updated: Date;
  sequence: number;
}

export type NotificationKind = 'invite' | 'update' | 'cancel';

export interface CalendarNotification {
  kind: NotificationKind;
  /** iCalUID of the event. */
  eventId: string;
  title: string;
  calendarId: string;
  to: string[];
  /** The call that made Google send it, e.g. "CalendarApp.Calendar.createEvent". */
  via: string;
  at: Date;
}

export interface StoredCalendar { id: string; name: string; timeZone: string; owner: string; description: string }

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';
const EMAIL = /^[^\s@,;<>()"]+@[^\s@,;<>()"]+\.[^\s@,;<>()"]+$/;

export class CalendarStore {
  readonly calendars = new Map<string, StoredCalendar>();
  readonly events: StoredEvent[] = [];
  readonly notifications: CalendarNotification[] = [];
  /** Events created per user per day ("yyyy-MM-dd" in Asia/Tokyo → count), for the daily quota. */
  readonly createdPerDay = new Map<string, number>();
  /** Daily creation quota: 5,000 for consumer accounts, 10,000 for Google Workspace. */
  dailyCreateLimit = 5000;
  private seq = 0;

  constructor(readonly runtime: Runtime, readonly timeZone = 'Asia/Tokyo') {}

  /** The user's primary calendar: its id is the user's e-mail, as in Google. */
  get defaultCalendar(): StoredCalendar {
    const email = this.runtime.user.email;
    let c = this.calendars.get(email);
    if (!c) {
      c = { id: email, name: email, timeZone: this.timeZone, owner: email, description: '' };
      this.calendars.set(email, c);
    }
    return c;
  }

  /** Adds a secondary calendar (tests and the demo; the add-on never creates calendars). */
  addCalendar(name: string, timeZone = this.timeZone): StoredCalendar {
    const id = `${this.nextApiId()}@group.calendar.google.com`;
    const c = { id, name, timeZone, owner: this.runtime.user.email, description: '' };
    this.calendars.set(id, c);
    return c;
  }

  nextApiId(): string {
    this.seq++;
    let n = this.seq * 7919 + 104729;
    let s = '';
    while (n > 0) { s = BASE32HEX[n % 32] + s; n = Math.floor(n / 32); }
    return `ev${s.padStart(8, '0')}`;
  }

  today(): string {
    return formatJavaDate(this.runtime.now(), 'Asia/Tokyo', 'yyyy-MM-dd');
  }

  createdToday(): number {
    return this.createdPerDay.get(this.today()) ?? 0;
  }

  /** Counts one creation against the daily quota, failing as Google does once it is used up. */
  countCreation(): void {
    const day = this.today();
    const n = this.createdPerDay.get(day) ?? 0;
    if (n >= this.dailyCreateLimit) throw new GasException(GOOGLE_ERRORS.tooManyCalls('calendar'));
    this.createdPerDay.set(day, n + 1);
  }

  notify(kind: NotificationKind, ev: StoredEvent, to: string[], via: string): void {
    const recipients = [...new Set(to.map((e) => e.toLowerCase()))].filter((e) => e !== ev.organizer.toLowerCase());
    if (recipients.length === 0) return;
    this.notifications.push({ kind, eventId: ev.iCalUID, title: ev.title, calendarId: ev.calendarId, to: recipients, via, at: this.runtime.now() });
  }

  live(calendarId: string): StoredEvent[] {
    return this.events.filter((e) => e.calendarId === calendarId && e.status === 'confirmed');
  }

  byICalUID(calendarId: string, iCalUID: string): StoredEvent | undefined {
    return this.events.find((e) => e.calendarId === calendarId && e.iCalUID === iCalUID);
  }

  /** Occurrence start instants of an event in [from, to). */
  occurrences(ev: StoredEvent, from: Date, to: Date): Date[] {
    const duration = ev.end.getTime() - ev.start.getTime();
    const earliest = new Date(from.getTime() - duration);
    return expandOccurrences(ev.recurrence, ev.start, to, this.calendars.get(ev.calendarId)?.timeZone ?? this.timeZone)
      .filter((s) => s > earliest && s.getTime() + duration > from.getTime());
  }

  /** Plain JSON of the whole store (events with ISO dates), for the demo's export. */
  snapshot(): { calendars: StoredCalendar[]; events: unknown[]; notifications: unknown[] } {
    return {
      calendars: [...this.calendars.values()],
      events: this.events.map((e) => ({ ...e, recurrence: e.recurrence ? toRfc5545(e.recurrence, this.timeZone) : null })),
      notifications: this.notifications.map((n) => ({ kind: n.kind, event: n.title, eventId: n.eventId, to: n.to })),
    };
  }
}

function requireDate(d: unknown, name: string): Date {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) {
    throw new GasException(`The parameters (${typeof d}) don't match the method signature for ${name}.`);
  }
  return new Date(d.getTime());
}

function parseGuests(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  const list = String(value).split(',').map((s) => s.trim()).filter(Boolean);
  for (const g of list) if (!EMAIL.test(g)) throw new GasException(`Invalid argument: ${g}`);
  return list;
}


// ---------- Recurrence builders ----------

export class EventRecurrence extends GasObject implements Pick<GRecurrence,
  'addDailyRule' | 'addWeeklyRule' | 'addMonthlyRule' | 'addYearlyRule' | 'addDailyExclusion' | 'addWeeklyExclusion' |
  'addMonthlyExclusion' | 'addYearlyExclusion' | 'addDate' | 'addDateExclusion' | 'setTimeZone'> {
  readonly gasService = 'CalendarApp';
  readonly gasType: string = 'EventRecurrence';
  constructor(readonly spec: RecurrenceSpec = emptyRecurrence()) { super(); }
  private add(freq: RuleSpec['freq'], exclusion: boolean): GRule {
    const rule: RuleSpec = { freq, exclusion, interval: 1 };
    this.spec.rules.push(rule);
    return new RecurrenceRule(this.spec, rule) as never;
  }
  addDailyRule(): GRule { return this.add('DAILY', false); }
  addWeeklyRule(): GRule { return this.add('WEEKLY', false); }
  addMonthlyRule(): GRule { return this.add('MONTHLY', false); }
  addYearlyRule(): GRule { return this.add('YEARLY', false); }
  addDailyExclusion(): GRule { return this.add('DAILY', true); }
  addWeeklyExclusion(): GRule { return this.add('WEEKLY', true); }
  addMonthlyExclusion(): GRule { return this.add('MONTHLY', true); }
  addYearlyExclusion(): GRule { return this.add('YEARLY', true); }
  addDate(date: GoogleAppsScript.Base.Date): GRecurrence { this.spec.dates.push(requireDate(date, 'EventRecurrence.addDate')); return new EventRecurrence(this.spec) as never; }
  addDateExclusion(date: GoogleAppsScript.Base.Date): GRecurrence { this.spec.exDates.push(requireDate(date, 'EventRecurrence.addDateExclusion')); return new EventRecurrence(this.spec) as never; }
  setTimeZone(timeZone: string): GRecurrence { this.spec.timeZone = timeZone; return new EventRecurrence(this.spec) as never; }
}

/** Modifiers apply to the most recently added rule; add* methods chain on to the same recurrence. */
export class RecurrenceRule extends EventRecurrence implements Pick<GRule,
  'interval' | 'times' | 'until' | 'onlyOnWeekday' | 'onlyOnWeekdays' | 'onlyOnMonthDay' | 'onlyOnMonthDays' | 'onlyInMonth' |
  'onlyInMonths' | 'onlyOnWeek' | 'onlyOnWeeks' | 'onlyOnYearDay' | 'onlyOnYearDays' | 'weekStartsOn'> {
  override readonly gasType = 'RecurrenceRule';
  constructor(spec: RecurrenceSpec, private readonly rule: RuleSpec) { super(spec); }
  private set(fn: (r: RuleSpec) => void): GRule { fn(this.rule); return this as never; }
  interval(interval: number): GRule { return this.set((r) => { r.interval = Math.max(1, Math.floor(interval)); }); }
  times(times: number): GRule { return this.set((r) => { r.count = Math.floor(times); }); }
  until(endDate: GoogleAppsScript.Base.Date): GRule { return this.set((r) => { r.until = requireDate(endDate, 'RecurrenceRule.until'); }); }
  onlyOnWeekday(day: GoogleAppsScript.Base.Weekday): GRule { return this.set((r) => { r.byDay = [weekdayIndex(day)]; }); }
  onlyOnWeekdays(days: GoogleAppsScript.Base.Weekday[]): GRule { return this.set((r) => { r.byDay = days.map(weekdayIndex); }); }
  onlyOnMonthDay(day: number): GRule { return this.set((r) => { r.byMonthDay = [day]; }); }
  onlyOnMonthDays(days: number[]): GRule { return this.set((r) => { r.byMonthDay = [...days]; }); }
  onlyInMonth(month: GoogleAppsScript.Base.Month): GRule { return this.set((r) => { r.byMonth = [monthIndex(month)]; }); }
  onlyInMonths(months: GoogleAppsScript.Base.Month[]): GRule { return this.set((r) => { r.byMonth = months.map(monthIndex); }); }
  onlyOnWeek(week: number): GRule { return this.set((r) => { r.byWeekNo = [week]; }); }
  onlyOnWeeks(weeks: number[]): GRule { return this.set((r) => { r.byWeekNo = [...weeks]; }); }
  onlyOnYearDay(day: number): GRule { return this.set((r) => { r.byYearDay = [day]; }); }
  onlyOnYearDays(days: number[]): GRule { return this.set((r) => { r.byYearDay = [...days]; }); }
  weekStartsOn(day: GoogleAppsScript.Base.Weekday): GRule { return this.set((r) => { r.weekStart = weekdayIndex(day); }); }
}

// ---------- Guests, events, series ----------

export class EventGuest extends GasObject implements Pick<GGuest, 'getEmail' | 'getName' | 'getGuestStatus' | 'getAdditionalGuests'> {
  readonly gasService = 'CalendarApp';
  readonly gasType = 'EventGuest';
  constructor(private readonly guest: StoredGuest) { super(); }
  getEmail(): string { return this.guest.email; }
  getName(): string { return this.guest.email; }
  getGuestStatus(): GoogleAppsScript.Calendar.GuestStatus { return this.guest.status as never; }
  getAdditionalGuests(): number { return 0; }
}

abstract class EventBase extends GasObject {
  readonly gasService = 'CalendarApp';
  constructor(protected readonly store: CalendarStore, readonly ev: StoredEvent) { super(); }
  protected touch(): void {
    if (this.ev.status === 'cancelled') throw new GasException('The event has been deleted.');
    this.ev.updated = this.store.runtime.now();
    this.ev.sequence++;
  }
  getId(): string { return this.ev.iCalUID; }
  getTitle(): string { return this.ev.title; }
  getDescription(): string { return this.ev.description; }
  getLocation(): string { return this.ev.location; }
  getDateCreated(): GoogleAppsScript.Base.Date { return new Date(this.ev.created.getTime()); }
  getLastUpdated(): GoogleAppsScript.Base.Date { return new Date(this.ev.updated.getTime()); }
  getOriginalCalendarId(): string { return this.ev.calendarId; }
  getCreators(): string[] { return [this.ev.organizer]; }
  isOwnedByMe(): boolean { return this.ev.organizer === this.store.runtime.user.email; }
  getTag(key: string): string { return this.ev.tags[key] ?? (null as never); }
  getAllTagKeys(): string[] { return Object.keys(this.ev.tags); }
  getGuestList(includeOwner?: boolean): GGuest[] {
    const guests = this.ev.guests.map((g) => new EventGuest(g));
    if (includeOwner) guests.unshift(new EventGuest({ email: this.ev.organizer, status: 'OWNER' }));
    return guests as never;
  }
  getGuestByEmail(email: string): GGuest {
    const g = this.ev.guests.find((x) => x.email.toLowerCase() === email.toLowerCase());
    return (g ? new EventGuest(g) : null) as never;
  }
  protected setField(fn: () => void): this { this.touch(); fn(); return this; }
  protected addGuestTo(email: string): this {
    if (!EMAIL.test(email)) throw new GasException(`Invalid argument: ${email}`);
    return this.setField(() => {
      if (!this.ev.guests.some((g) => g.email.toLowerCase() === email.toLowerCase())) this.ev.guests.push({ email, status: 'INVITED' });
    });
  }
  protected removeGuestFrom(email: string): this {
    return this.setField(() => { this.ev.guests = this.ev.guests.filter((g) => g.email.toLowerCase() !== email.toLowerCase()); });
  }
}

export class CalendarEvent extends EventBase implements Pick<GEvent,
  'getId' | 'getTitle' | 'setTitle' | 'getDescription' | 'setDescription' | 'getLocation' | 'setLocation' | 'getStartTime' |
  'getEndTime' | 'setTime' | 'addGuest' | 'removeGuest' | 'getGuestList' | 'getGuestByEmail' | 'deleteEvent' | 'getTag' | 'setTag' |
  'deleteTag' | 'getAllTagKeys' | 'isRecurringEvent' | 'getEventSeries' | 'getDateCreated' | 'getLastUpdated' | 'getOriginalCalendarId' |
  'getCreators' | 'isOwnedByMe' | 'isAllDayEvent'> {
  readonly gasType = 'CalendarEvent';
  /** For an occurrence of a series: its own start; null for the event itself. */
  constructor(store: CalendarStore, ev: StoredEvent, private readonly occurrenceStart: Date | null = null) { super(store, ev); }

  private get single(): boolean { return this.occurrenceStart === null; }
  private editable(): void {
    // Editing one occurrence creates an exception instance in Google; the add-on edits whole series only.
    if (!this.single) throw new GasException('Emulator: editing a single occurrence of a series is not supported; edit the series.');
  }
  getStartTime(): GoogleAppsScript.Base.Date { return new Date((this.occurrenceStart ?? this.ev.start).getTime()); }
  getEndTime(): GoogleAppsScript.Base.Date {
    const start = this.occurrenceStart ?? this.ev.start;
    return new Date(start.getTime() + (this.ev.end.getTime() - this.ev.start.getTime()));
  }
  isRecurringEvent(): boolean { return this.ev.recurrence !== null; }
  isAllDayEvent(): boolean { return false; }
  getEventSeries(): GSeries { return new CalendarEventSeries(this.store, this.ev) as never; }
  setTitle(title: string): GEvent { this.editable(); return this.setField(() => { this.ev.title = String(title); }) as never; }
  setDescription(description: string): GEvent { this.editable(); return this.setField(() => { this.ev.description = String(description); }) as never; }
  setLocation(location: string): GEvent { this.editable(); return this.setField(() => { this.ev.location = String(location); }) as never; }
  setTime(startTime: GoogleAppsScript.Base.Date, endTime: GoogleAppsScript.Base.Date): GEvent {
    this.editable();
    const s = requireDate(startTime, 'CalendarEvent.setTime');
    const e = requireDate(endTime, 'CalendarEvent.setTime');
    if (e < s) throw new GasException('Event start date must be before event end date.');
    return this.setField(() => { this.ev.start = s; this.ev.end = e; }) as never;
  }
  setTag(key: string, value: string): GEvent { return this.setField(() => { this.ev.tags[key] = String(value); }) as never; }
  deleteTag(key: string): GEvent { return this.setField(() => { delete this.ev.tags[key]; }) as never; }
  /** Sends no e-mail (see the header). */
  addGuest(email: string): GEvent { this.editable(); return this.addGuestTo(email) as never; }
  removeGuest(email: string): GEvent { this.editable(); return this.removeGuestFrom(email) as never; }
  /** Sends no cancellation e-mail (see the header). */
  deleteEvent(): void {
    this.editable();
    this.touch();
    this.ev.status = 'cancelled';
  }
}

export class CalendarEventSeries extends EventBase implements Pick<GSeries,
  'getId' | 'getTitle' | 'setTitle' | 'getDescription' | 'setDescription' | 'getLocation' | 'setLocation' | 'addGuest' | 'removeGuest' |
  'getGuestList' | 'getGuestByEmail' | 'deleteEventSeries' | 'setRecurrence' | 'getTag' | 'setTag' | 'deleteTag' | 'getAllTagKeys' |
  'getDateCreated' | 'getLastUpdated' | 'getOriginalCalendarId' | 'getCreators' | 'isOwnedByMe'> {
  readonly gasType = 'CalendarEventSeries';
  setTitle(title: string): GSeries { return this.setField(() => { this.ev.title = String(title); }) as never; }
  setDescription(description: string): GSeries { return this.setField(() => { this.ev.description = String(description); }) as never; }
  setLocation(location: string): GSeries { return this.setField(() => { this.ev.location = String(location); }) as never; }
  setTag(key: string, value: string): GSeries { return this.setField(() => { this.ev.tags[key] = String(value); }) as never; }
  deleteTag(key: string): GSeries { return this.setField(() => { delete this.ev.tags[key]; }) as never; }
  addGuest(email: string): GSeries { return this.addGuestTo(email) as never; }
  removeGuest(email: string): GSeries { return this.removeGuestFrom(email) as never; }
  setRecurrence(recurrence: GRecurrence, startTime: GoogleAppsScript.Base.Date, endTime?: GoogleAppsScript.Base.Date): GSeries {
    const s = requireDate(startTime, 'CalendarEventSeries.setRecurrence');
    const e = endTime ? requireDate(endTime, 'CalendarEventSeries.setRecurrence') : new Date(s.getTime() + 86_400_000);
    if (e < s) throw new GasException('Event start date must be before event end date.');
    const spec = (recurrence as unknown as EventRecurrence).spec;
    return this.setField(() => { this.ev.recurrence = structuredClone(spec); this.ev.start = s; this.ev.end = e; }) as never;
  }
  deleteEventSeries(): void {
    this.touch();
    this.ev.status = 'cancelled';
  }
}

// ---------- Calendar ----------

export class Calendar extends GasObject implements Pick<GCalendar,
  'getId' | 'getName' | 'getTimeZone' | 'getDescription' | 'isMyPrimaryCalendar' | 'isOwnedByMe' | 'createEvent' | 'createEventSeries' |
  'getEventById' | 'getEventSeriesById' | 'getEvents' | 'getEventsForDay'> {
  readonly gasService = 'CalendarApp';
  readonly gasType: string = 'Calendar';
  constructor(protected readonly store: CalendarStore, readonly calendarId: string) { super(); }
  protected get cal(): StoredCalendar { return this.store.calendars.get(this.calendarId)!; }

  getId(): string { return this.cal.id; }
  getName(): string { return this.cal.name; }
  getTimeZone(): string { return this.cal.timeZone; }
  getDescription(): string { return this.cal.description; }
  isMyPrimaryCalendar(): boolean { return this.cal.id === this.store.runtime.user.email; }
  isOwnedByMe(): boolean { return this.cal.owner === this.store.runtime.user.email; }

  private insert(title: string, start: Date, end: Date, recurrence: RecurrenceSpec | null, options: Record<string, unknown> | undefined, via: string): StoredEvent {
    if (end < start) throw new GasException('Event start date must be before event end date.');
    const guests = parseGuests(options?.guests);
    this.store.countCreation();
    const apiId = this.store.nextApiId();
    const now = this.store.runtime.now();
    const ev: StoredEvent = {
      apiId, iCalUID: `${apiId}@google.com`, calendarId: this.calendarId, title: String(title),
      description: options?.description === undefined ? '' : String(options.description),
      location: options?.location === undefined ? '' : String(options.location),
      start, end, guests: [...new Map(guests.map((g) => [g.toLowerCase(), { email: g, status: 'INVITED' as const }])).values()],
      recurrence, status: 'confirmed', tags: {}, organizer: this.cal.owner, created: now, updated: now, sequence: 0,
    };
    this.store.events.push(ev);
    if (options?.sendInvites === true) this.store.notify('invite', ev, ev.guests.map((g) => g.email), via);
    return ev;
  }

  createEvent(title: string, startTime: GoogleAppsScript.Base.Date, endTime: GoogleAppsScript.Base.Date, options?: Record<string, unknown>): GEvent {
    const ev = this.insert(title, requireDate(startTime, 'CalendarApp.Calendar.createEvent'), requireDate(endTime, 'CalendarApp.Calendar.createEvent'), null, options, 'CalendarApp.Calendar.createEvent');
    return new CalendarEvent(this.store, ev) as never;
  }

  createEventSeries(title: string, startTime: GoogleAppsScript.Base.Date, endTime: GoogleAppsScript.Base.Date, recurrence: GRecurrence, options?: Record<string, unknown>): GSeries {
    const spec = (recurrence as unknown as EventRecurrence | undefined)?.spec;
    if (!spec) throw new GasException("The parameters (String,Date,Date,null) don't match the method signature for CalendarApp.Calendar.createEventSeries.");
    const ev = this.insert(title, requireDate(startTime, 'CalendarApp.Calendar.createEventSeries'), requireDate(endTime, 'CalendarApp.Calendar.createEventSeries'), structuredClone(spec), options, 'CalendarApp.Calendar.createEventSeries');
    return new CalendarEventSeries(this.store, ev) as never;
  }

  getEventById(iCalId: string): GEvent {
    const ev = this.store.byICalUID(this.calendarId, iCalId);
    return (ev && ev.status === 'confirmed' ? new CalendarEvent(this.store, ev) : null) as never;
  }

  getEventSeriesById(iCalId: string): GSeries {
    const ev = this.store.byICalUID(this.calendarId, iCalId);
    return (ev && ev.status === 'confirmed' ? new CalendarEventSeries(this.store, ev) : null) as never;
  }

  /** Occurrences overlapping [startTime, endTime), ordered by start; options: search (full text), start, max. */
  getEvents(startTime: GoogleAppsScript.Base.Date, endTime: GoogleAppsScript.Base.Date, options?: Record<string, unknown>): GEvent[] {
    const from = requireDate(startTime, 'CalendarApp.Calendar.getEvents');
    const to = requireDate(endTime, 'CalendarApp.Calendar.getEvents');
    const search = options?.search === undefined ? '' : String(options.search).toLowerCase();
    const out: CalendarEvent[] = [];
    for (const ev of this.store.live(this.calendarId)) {
      if (search && ![ev.title, ev.description, ev.location, ...ev.guests.map((g) => g.email)].some((t) => t.toLowerCase().includes(search))) continue;
      for (const s of this.store.occurrences(ev, from, to)) {
        out.push(new CalendarEvent(this.store, ev, ev.recurrence ? s : null));
      }
    }
    out.sort((a, b) => a.getStartTime().getTime() - b.getStartTime().getTime());
    const skip = Number(options?.start ?? 0);
    const max = options?.max === undefined ? Infinity : Number(options.max);
    return out.slice(skip, skip + max) as never;
  }

  getEventsForDay(date: GoogleAppsScript.Base.Date, options?: Record<string, unknown>): GEvent[] {
    const d = requireDate(date, 'CalendarApp.Calendar.getEventsForDay');
    const p = zonedParts(d, this.cal.timeZone);
    const from = zonedDate(this.cal.timeZone, p.year, p.month, p.day);
    const to = zonedDate(this.cal.timeZone, p.year, p.month, p.day + 1);
    return this.getEvents(from, to, options);
  }
}

export function createCalendarApp(store: CalendarStore) {
  const defaultCal = () => new Calendar(store, store.defaultCalendar.id);
  const app = new (class CalendarAppService extends Calendar {
    override readonly gasType = 'CalendarApp';
    readonly Weekday = Object.fromEntries(WEEKDAYS.map((d) => [d, d])) as never as typeof GoogleAppsScript.Base.Weekday;
    readonly Month = Object.fromEntries(MONTHS.map((m) => [m, m])) as never as typeof GoogleAppsScript.Base.Month;
    readonly GuestStatus = { INVITED: 'INVITED', MAYBE: 'MAYBE', NO: 'NO', OWNER: 'OWNER', YES: 'YES' } as never as typeof GoogleAppsScript.Calendar.GuestStatus;
    getDefaultCalendar(): GCalendar {
      return defaultCal() as never;
    }
    getCalendarById(id: string): GCalendar {
      if (id === store.defaultCalendar.id) return defaultCal() as never;
      return (store.calendars.has(id) ? new Calendar(store, id) : null) as never;
    }
    getCalendarsByName(name: string): GCalendar[] {
      void store.defaultCalendar;
      return [...store.calendars.values()].filter((c) => c.name === name).map((c) => new Calendar(store, c.id)) as never;
    }
    getAllCalendars(): GCalendar[] {
      void store.defaultCalendar;
      return [...store.calendars.values()].map((c) => new Calendar(store, c.id)) as never;
    }
    newRecurrence(): GRecurrence { return new EventRecurrence() as never; }
    /** A new calendar owned by the user (https://developers.google.com/apps-script/reference/calendar/calendar-app#createCalendar(String)). */
    createCalendar(name: string, options?: { timeZone?: string }): GCalendar {
      if (typeof name !== 'string' || name === '') throw new GasException("The parameters () don't match the method signature for CalendarApp.createCalendar.");
      const c = store.addCalendar(name, options?.timeZone ?? store.timeZone);
      return new Calendar(store, c.id) as never;
    }
  })(store, '');
  // The CalendarApp global acts on the default calendar for the Calendar methods it shares.
  Object.defineProperty(app, 'calendarId', { get: () => store.defaultCalendar.id });
  return app;
}

// ---------- Advanced Calendar service (Calendar API v3) ----------

function apiError(method: string, message: string): GasException {
  const e = new GasException(`API call to calendar.events.${method} failed with error: ${message}`);
  e.name = 'GoogleJsonResponseException';
  return e;
}

function toApiTime(d: Date, tz: string): { dateTime: string; timeZone: string } {
  return { dateTime: formatJavaDate(d, tz, "yyyy-MM-dd'T'HH:mm:ssXXX"), timeZone: tz };
}

function toApiEvent(store: CalendarStore, ev: StoredEvent): ApiEvent {
  const tz = store.calendars.get(ev.calendarId)?.timeZone ?? store.timeZone;
  return {
    kind: 'calendar#event', id: ev.apiId, iCalUID: ev.iCalUID, status: ev.status, summary: ev.title, description: ev.description,
    location: ev.location, start: toApiTime(ev.start, tz), end: toApiTime(ev.end, tz), sequence: ev.sequence,
    attendees: ev.guests.map((g) => ({ email: g.email, responseStatus: { INVITED: 'needsAction', YES: 'accepted', NO: 'declined', MAYBE: 'tentative', OWNER: 'accepted' }[g.status] })),
    recurrence: ev.recurrence ? toRfc5545(ev.recurrence, tz) : undefined,
    organizer: { email: ev.organizer, self: ev.organizer === store.runtime.user.email },
    created: ev.created.toISOString(), updated: ev.updated.toISOString(),
    htmlLink: `https://www.google.com/calendar/event?eid=${ev.apiId}`,
  };
}

function parseApiTime(t: { dateTime?: string } | undefined, method: string): Date | undefined {
  if (!t) return undefined;
  const d = new Date(String(t.dateTime));
  if (!t.dateTime || Number.isNaN(d.getTime())) throw apiError(method, 'Invalid start time.');
  return d;
}

function recipientsFor(sendUpdates: unknown, sendNotifications: unknown, emails: string[]): string[] {
  const mode = sendUpdates ?? (sendNotifications === true ? 'all' : 'none');
  if (mode === 'all') return emails;
  // Guests on Google Calendar get no e-mail with externalOnly; consumer Google addresses stand in for them here.
  if (mode === 'externalOnly') return emails.filter((e) => !/@(gmail|googlemail)\.com$/i.test(e));
  return [];
}

export class EventsCollection extends GasObject implements Pick<GoogleAppsScript.Calendar.Collection.EventsCollection, 'get' | 'list' | 'patch' | 'remove'> {
  readonly gasService = 'Calendar';
  readonly gasType = 'Events';
  constructor(private readonly store: CalendarStore) { super(); }

  private calendar(calendarId: string, method: string): StoredCalendar {
    const id = calendarId === 'primary' ? this.store.defaultCalendar.id : calendarId;
    if (id === this.store.runtime.user.email) return this.store.defaultCalendar;
    const c = this.store.calendars.get(id);
    if (!c) throw apiError(method, 'Not Found');
    return c;
  }
  private find(calendarId: string, eventId: string, method: string): StoredEvent {
    const cal = this.calendar(calendarId, method);
    const ev = this.store.events.find((e) => e.calendarId === cal.id && e.apiId === eventId);
    if (!ev) throw apiError(method, 'Not Found');
    return ev;
  }

  get(calendarId: string, eventId: string): ApiEvent {
    return toApiEvent(this.store, this.find(calendarId, eventId, 'get'));
  }

  /**
   * Supports iCalUID, q, timeMin, timeMax, showDeleted, maxResults, singleEvents and orderBy (no paging: one page holds
   * them all), as https://developers.google.com/calendar/api/v3/reference/events/list describes them: timeMin is the
   * "lower bound (exclusive) for an event's end time", timeMax the "upper bound (exclusive) for an event's start time";
   * singleEvents expands recurring events into their instances (each with recurringEventId and originalStartTime,
   * id `<eventId>_<start as yyyyMMddTHHmmssZ>`); orderBy "startTime" (ascending) "is only available when querying
   * single events", "updated" orders by last modification.
   */
  list(calendarId: string, args: object = {}): GoogleAppsScript.Calendar.Schema.Events {
    const optionalArgs = args as Record<string, unknown>;
    const cal = this.calendar(calendarId, 'list');
    const q = optionalArgs.q === undefined ? '' : String(optionalArgs.q).toLowerCase();
    const single = optionalArgs.singleEvents === true;
    const orderBy = optionalArgs.orderBy === undefined ? undefined : String(optionalArgs.orderBy);
    if (orderBy !== undefined && orderBy !== 'startTime' && orderBy !== 'updated') throw apiError('list', `Invalid value for: ${orderBy} is not a valid value`);
    if (orderBy === 'startTime' && !single) throw apiError('list', 'The requested ordering is not available for the particular query.');
    const timeMin = optionalArgs.timeMin ? new Date(String(optionalArgs.timeMin)) : new Date(-8e15);
    const timeMax = optionalArgs.timeMax ? new Date(String(optionalArgs.timeMax)) : new Date(8.64e15);
    if (Number.isNaN(timeMin.getTime()) || Number.isNaN(timeMax.getTime())) throw apiError('list', 'Bad Request');
    if (optionalArgs.timeMin && optionalArgs.timeMax && timeMax <= timeMin) throw apiError('list', 'The specified time range is empty.');
    const matching = this.store.events
      .filter((e) => e.calendarId === cal.id)
      .filter((e) => optionalArgs.showDeleted === true || e.status === 'confirmed')
      .filter((e) => optionalArgs.iCalUID === undefined || e.iCalUID === optionalArgs.iCalUID)
      .filter((e) => !q || [e.title, e.description, e.location].some((t) => t.toLowerCase().includes(q)));
    const tz = cal.timeZone;
    let items: ApiEvent[] = [];
    for (const e of matching) {
      const starts = this.store.occurrences(e, timeMin, timeMax).filter((s) => s < timeMax);
      if (e.status !== 'cancelled' && starts.length === 0) continue;
      if (!single || !e.recurrence) { items.push(toApiEvent(this.store, e)); continue; }
      const duration = e.end.getTime() - e.start.getTime();
      const base = toApiEvent(this.store, e);
      for (const s of starts) {
        const stamp = s.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
        items.push({
          ...base, id: `${e.apiId}_${stamp}`, recurringEventId: e.apiId, recurrence: undefined,
          originalStartTime: toApiTime(s, tz), start: toApiTime(s, tz), end: toApiTime(new Date(s.getTime() + duration), tz),
        } as ApiEvent);
      }
    }
    const startOf = (ev: ApiEvent) => new Date(String(ev.start?.dateTime)).getTime();
    if (orderBy === 'startTime') items = items.map((ev, i) => ({ ev, i })).sort((a, b) => startOf(a.ev) - startOf(b.ev) || a.i - b.i).map((x) => x.ev);
    if (orderBy === 'updated') items = items.map((ev, i) => ({ ev, i })).sort((a, b) => Date.parse(String(a.ev.updated)) - Date.parse(String(b.ev.updated)) || a.i - b.i).map((x) => x.ev);
    items = items.slice(0, optionalArgs.maxResults === undefined ? 2500 : Number(optionalArgs.maxResults));
    return { kind: 'calendar#events', summary: cal.name, timeZone: cal.timeZone, items };
  }

  patch(resource: ApiEvent, calendarId: string, eventId: string, args: object = {}): ApiEvent {
    const optionalArgs = args as Record<string, unknown>;
    const ev = this.find(calendarId, eventId, 'patch');
    if (ev.status === 'cancelled' && resource.status !== 'confirmed') throw apiError('patch', 'Resource has been deleted');
    const tz = this.calendar(calendarId, 'patch').timeZone;
    const before = toApiEvent(this.store, ev);
    const start = parseApiTime(resource.start, 'patch') ?? ev.start;
    const end = parseApiTime(resource.end, 'patch') ?? ev.end;
    if (end < start) throw apiError('patch', 'The specified time range is empty.');
    let recurrence = ev.recurrence;
    if (resource.recurrence !== undefined) {
      try {
        recurrence = resource.recurrence && resource.recurrence.length ? parseRfc5545(resource.recurrence, tz) : null;
      } catch {
        throw apiError('patch', 'Invalid recurrence rule.');
      }
    }
    const oldEmails = ev.guests.map((g) => g.email.toLowerCase());
    if (resource.attendees !== undefined) {
      for (const a of resource.attendees ?? []) if (!a.email || !EMAIL.test(a.email)) throw apiError('patch', 'Invalid attendee email.');
      const prior = new Map(ev.guests.map((g) => [g.email.toLowerCase(), g]));
      ev.guests = [...new Map((resource.attendees ?? []).map((a) => [a.email!.toLowerCase(), prior.get(a.email!.toLowerCase()) ?? { email: a.email!, status: 'INVITED' as const }])).values()];
    }
    if (resource.summary !== undefined) ev.title = String(resource.summary);
    if (resource.description !== undefined) ev.description = String(resource.description);
    if (resource.location !== undefined) ev.location = String(resource.location);
    ev.start = start;
    ev.end = end;
    ev.recurrence = recurrence;
    if (resource.status === 'confirmed') ev.status = 'confirmed';
    const after = toApiEvent(this.store, ev);
    const detailsChanged = (['summary', 'description', 'location', 'start', 'end', 'recurrence', 'status'] as const)
      .some((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    const newEmails = ev.guests.map((g) => g.email.toLowerCase());
    if (detailsChanged || JSON.stringify(oldEmails) !== JSON.stringify(newEmails)) {
      ev.updated = this.store.runtime.now();
      if (detailsChanged) ev.sequence++;
    }
    const via = 'Calendar.Events.patch';
    const pick = (emails: string[]) => recipientsFor(optionalArgs.sendUpdates, optionalArgs.sendNotifications, emails);
    this.store.notify('invite', ev, pick(newEmails.filter((e) => !oldEmails.includes(e))), via);
    this.store.notify('cancel', ev, pick(oldEmails.filter((e) => !newEmails.includes(e))), via);
    if (detailsChanged) this.store.notify('update', ev, pick(newEmails.filter((e) => oldEmails.includes(e))), via);
    return after;
  }

  remove(calendarId: string, eventId: string, args: object = {}): void {
    const optionalArgs = args as Record<string, unknown>;
    const ev = this.find(calendarId, eventId, 'delete');
    if (ev.status === 'cancelled') throw apiError('delete', 'Resource has been deleted');
    ev.status = 'cancelled';
    ev.updated = this.store.runtime.now();
    ev.sequence++;
    this.store.notify('cancel', ev, recipientsFor(optionalArgs.sendUpdates, optionalArgs.sendNotifications, ev.guests.map((g) => g.email)), 'Calendar.Events.remove');
  }
}

/** The `Calendar` global exists only when the manifest enables the advanced service (otherwise it is undefined). */
export function createAdvancedCalendar(store: CalendarStore) {
  return { gasService: 'Calendar', gasType: 'Calendar', Events: new EventsCollection(store) };
}

export function advancedCalendarEnabled(manifestPath = path.join(projectRoot(), 'appsscript.json')): boolean {
  try {
    const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as { dependencies?: { enabledAdvancedServices?: { serviceId: string; userSymbol: string }[] } };
    return (m.dependencies?.enabledAdvancedServices ?? []).some((s) => s.serviceId === 'calendar' && s.userSymbol === 'Calendar');
  } catch {
    return false;
  }
}
