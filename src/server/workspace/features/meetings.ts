/**
 * 「会議の招待を送信」: carries out the meetings plan on Google Calendar.
 *
 * Which call e-mails guests (see emulator/calendar.ts for the sources):
 * - create: CalendarApp createEvent / createEventSeries with `sendInvites: true` (the default is false);
 * - update and cancel: CalendarApp's setters and deleteEvent() document no notification and take no option to
 *   send one, so changes go through the Advanced Calendar service, Events.patch / Events.remove with
 *   `sendUpdates: 'all'`, which Google documents as notifying the guests. That also spares the MailApp quota
 *   (100 recipients a day for consumer accounts) a hand-written notice would eat.
 *
 * Re-running after a failure part-way never creates an event twice:
 * 1. ids of new rows are written to the sheet, and their meeting ids recorded as "pending" in the document
 *    properties, before the first create;
 * 2. each created event's iCalUID and fingerprint are written to its row at once (one setValues);
 * 3. a re-run that finds a pending meeting without an event id first looks for the event carrying that
 *    meeting's id marker in its description (Events.list around the meeting's time, then q=…) and adopts it;
 * 4. updates and cancellations compare with the live event first, so repeating one sends nothing again.
 * Unchanged rows cost no Calendar call at all: the decision is made from the fingerprint in the sheet.
 */
import { formatZoned, zoneOffsetMinutes } from '../../domain/dates';
import type { MeetingPlanItem, MeetingPlanView, MeetingSyncReport, Problem } from '../../../protocol';
import {
  AgencyContact, DAILY_EVENT_QUOTA, PARTNER_TOKEN, PartnerContact, assignPartnerIds, EventSpec, MeetingAction, MeetingPlan, MeetingProblem, MeetingRowInput, MEETINGS_SHEET, SentEvent,
  cancelledFingerprint, descriptionHasMarker, fingerprintOf, meetingHeader, planMeetings, quotaAllowance,
} from '../../domain/meetings';
import { nthWeekdayMonthDays, recurrenceRule } from '../../domain/recurrence';
import { AGENCIES, KeysOf, MEETINGS, PARTNERS, SETTINGS } from '../../domain/schema';
import { agencyLabel, formatProblem, formatWhere, joinSentences, sentence } from '../../domain/where';
import { Lang, t } from '../../i18n/messages';
import { describeError, renderProblems, UserFacingError, errorText } from '../errors';
import { Settings, documentProperties } from '../settings';
import { Table, TableRow } from '../tables';
import { SCOPES } from '../../scopes';
import { SETTING } from '../../domain/settings';
import { readList, writeList } from '../bigProperty';

export const MEETING_SCOPES = [SCOPES.sheets, SCOPES.calendar] as const;
export const SETTING_CALENDAR_ID = SETTING.calendarId;
export const SETTING_DAILY_LIMIT = SETTING.calendarDailyLimit;
/**
 * Document property: meeting ids whose create may have reached Google without the id reaching the sheet. Kept as a
 * chunked list (bigProperty.ts): a thousand pending ids outgrow one 9 KB property value.
 */
export const PENDING_PROPERTY = 'meetings.pendingCreates';
/** User property prefix: events this user created today through the add-on (the quota is per user). */
export const CREATED_PROPERTY_PREFIX = 'calendar.created.';

interface Loaded {
  meetings: Table<(typeof MEETINGS.columns)[number]['key']>;
  agencies: AgencyContact[];
  /** 関係機関, read only when a 招待先 names them (null: not read). */
  partnerTable: Table<(typeof PARTNERS.columns)[number]['key']> | null;
  partners: PartnerContact[];
  /** Partners given an id (K001…) in this run: 「会議の招待を送信」 writes them. */
  newPartnerIds: PartnerContact[];
  rows: MeetingRowInput[];
  settings: { calendarId: string; dailyLimit: number; problems: string[] };
  offsetMinutes: number;
  today: string;
  pendingIds: Set<string>;
  /** How many property chunks hold the pending list. */
  pendingChunks: number;
  createdToday: number;
  /** Document and user Properties, each asked of Google once per run. */
  docProps: GoogleAppsScript.Properties.Properties;
  userProps: GoogleAppsScript.Properties.Properties;
}

/** 団体 and 関係機関 rows as the guests' resolver reads them (also 「行事の案内を送信」's, eventInvites.ts). */
export const agencyContacts = (rows: TableRow<KeysOf<typeof AGENCIES>>[]): AgencyContact[] => rows.map((r) => ({
  id: r.text('id').trim(), name: r.text('name').trim(), email: r.text('email').trim(), group: r.text('group').trim(), address: r.text('address').trim(),
  row: r.rowNumber,
})).filter((a) => a.id || a.name);
export const partnerContacts = (rows: TableRow<KeysOf<typeof PARTNERS>>[]): PartnerContact[] => rows.map((r) => ({
  id: r.text('id').trim(), kind: r.text('kind').trim(), name: r.text('name').trim(), email: r.text('email').trim(), invite: r.get('invite') === true, row: r.rowNumber,
}));

/** `view`: for the preview, which writes nothing (no formulas asked; typed as the Tables they are at run time). */
function load(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang, view?: true): Loaded {
  const meetings = Table.open(ss, MEETINGS, undefined, view as true) as Loaded['meetings'];
  // 団体 is only read here: a view (2 calls fewer).
  const agencyTable = Table.open(ss, AGENCIES, undefined, true);
  const agencies = agencyContacts(agencyTable.rows());
  const rows: MeetingRowInput[] = meetings.rows().map((r) => ({
    row: r.rowNumber, id: r.text('id').trim(), title: r.get('title'), start: r.get('start'), end: r.get('end'), place: r.text('place'),
    invitees: r.text('invitees'), agenda: r.text('agenda'), recurrence: r.text('recurrence'), status: r.text('status'),
    calendarEventId: r.text('calendarEventId'), fingerprint: r.text('fingerprint'),
  }));
  // A 招待先 naming partners in a workbook without 関係機関 (set up before it, or the sheet renamed) stops the run,
  // saying which sheet is missing: sending without them would invite fewer people than the row says.
  const partnerTable = rows.some((r) => PARTNER_TOKEN.test(String(r.invitees).normalize('NFKC'))) ? Table.open(ss, PARTNERS, undefined, view as true) as NonNullable<Loaded['partnerTable']> : null;
  const partners = partnerContacts(partnerTable?.rows() ?? []);
  const newPartnerIds = assignPartnerIds(partners);
  const s = Settings.open(ss, true);
  const problems: string[] = [];
  const rawLimit = s.get(SETTING_DAILY_LIMIT);
  let dailyLimit: number = DAILY_EVENT_QUOTA.consumer;
  if (rawLimit) {
    const n = Number(rawLimit.normalize('NFKC').replace(/[,\s]/g, ''));
    if (Number.isFinite(n) && n > 0) dailyLimit = Math.floor(n);
    else problems.push(t(lang, 'meetings.badQuotaSetting', { value: rawLimit }));
  }
  const zone = meetings.timeZone;
  const now = new Date();
  // Computed here (domain/dates.ts), not asked of Utilities.formatDate: two round trips fewer.
  const offsetMinutes = zoneOffsetMinutes(now, zone);
  const today = formatZoned(now, zone, false);
  const docProps = documentProperties();
  const userProps = PropertiesService.getUserProperties();
  const pending = readList(docProps, PENDING_PROPERTY);
  const created = userProps.getProperty(CREATED_PROPERTY_PREFIX + today);
  return {
    meetings, agencies, partnerTable, partners, newPartnerIds, rows, settings: { calendarId: s.get(SETTING_CALENDAR_ID), dailyLimit, problems }, offsetMinutes, today,
    pendingIds: new Set(pending.values), pendingChunks: pending.chunks, createdToday: created ? Number(created) : 0, docProps, userProps,
  };
}

/** A domain problem as the user reads it: the location in its fields (formatted once, by where.ts), the message alone. */
export function renderProblem(p: MeetingProblem, lang: Lang): Problem {
  const column = meetingHeader(p.column);
  const params = 'partnerRow' in p.params
    ? { ...p.params, where: formatWhere(lang, { sheet: PARTNERS.name, row: Number(p.params.partnerRow) }) }
    : 'id' in p.params && 'name' in p.params
      ? { ...p.params, agency: agencyLabel(lang, { name: String(p.params.name), id: String(p.params.id), row: Number(p.params.agencyRow ?? 0) }) }
      : p.params;
  return { sheet: MEETINGS_SHEET, row: p.row, column, message: t(lang, `meetings.problem.${p.code}`, params) };
}

function planFor(l: Loaded): MeetingPlan {
  return planMeetings(l.rows, { agencies: l.agencies, partners: l.partners, now: new Date(), pendingIds: l.pendingIds, utcOffsetMinutes: l.offsetMinutes });
}

function describeRecurrence(spec: EventSpec | undefined): string | null {
  return spec?.recurrence?.label ?? null;
}

/** The plan for the sidebar: what would be created, updated, cancelled. No Calendar call, no write. */
export function previewMeetings(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang): MeetingPlanView {
  const l = load(ss, lang, true);
  const plan = planFor(l);
  const byRow = new Map(l.rows.map((r) => [r.row, r]));
  const items: MeetingPlanItem[] = plan.actions.map((a) => {
    const source = byRow.get(a.row)!;
    const spec = a.kind === 'create' || a.kind === 'update' ? a.event : undefined;
    return {
      row: a.row, meetingId: a.meetingId, title: spec?.title ?? String(source.title ?? ''), action: a.kind,
      start: spec ? spec.start.toISOString() : null, end: spec ? spec.end.toISOString() : null,
      recurrence: describeRecurrence(spec), location: spec?.location ?? String(source.place ?? ''),
      guests: spec?.guests ?? (a.kind === 'cancel' ? a.guests : []), changes: a.kind === 'update' ? a.changes : [],
    };
  });
  const counts = { create: 0, update: 0, cancel: 0, unchanged: 0, invalid: 0 };
  for (const a of plan.actions) counts[a.kind]++;
  const quota = quotaAllowance(l.createdToday, l.settings.dailyLimit, counts.create);
  return {
    calendar: l.settings.calendarId || t(lang, 'meetings.defaultCalendar'),
    items, counts, problems: plan.problems.map((p) => renderProblem(p, lang)),
    quota: { createdToday: l.createdToday, limit: l.settings.dailyLimit, allowed: quota.allowed, message: quota.held ? quotaMessage(l, quota.held, lang) : null },
  };
}

// ---------- Calendar side ----------

function advancedCalendar(): GoogleAppsScript.Calendar {
  if (typeof Calendar === 'undefined' || !Calendar || !Calendar.Events) throw new UserFacingError('meetings.advancedServiceMissing');
  return Calendar;
}

function openCalendar(id: string): GoogleAppsScript.Calendar.Calendar {
  if (!id) return CalendarApp.getDefaultCalendar();
  const cal = CalendarApp.getCalendarById(id);
  if (!cal) throw new UserFacingError('meetings.calendarNotFound', { id });
  return cal;
}

const WEEKDAY_NAMES = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;

/** CalendarApp has no "nth weekday of the month": the 2nd Wednesday is a Wednesday among month days 8–14. */
function buildRecurrence(spec: NonNullable<EventSpec['recurrence']>): GoogleAppsScript.Calendar.EventRecurrence {
  const weekday = (i: number) => CalendarApp.Weekday[WEEKDAY_NAMES[i]!];
  const recurrence = CalendarApp.newRecurrence();
  let rule: GoogleAppsScript.Calendar.RecurrenceRule;
  switch (spec.kind) {
    case 'monthlyNthWeekday':
      rule = recurrence.addMonthlyRule().onlyOnWeekday(weekday(spec.weekday)).onlyOnMonthDays(nthWeekdayMonthDays(spec.nth));
      break;
    case 'monthlyDay':
      rule = recurrence.addMonthlyRule().onlyOnMonthDay(spec.day);
      break;
    case 'weekly':
      rule = recurrence.addWeeklyRule().onlyOnWeekday(weekday(spec.weekday));
      break;
  }
  if (spec.count !== undefined) rule.times(spec.count);
  return recurrence;
}

type ApiEvent = GoogleAppsScript.Calendar.Schema.Event;

function observed(e: ApiEvent): SentEvent {
  return {
    title: e.summary ?? '', start: new Date(e.start?.dateTime ?? 0), end: new Date(e.end?.dateTime ?? 0), location: e.location ?? '',
    description: e.description ?? '', guests: (e.attendees ?? []).filter((a) => !a.organizer && !a.resource).map((a) => a.email ?? ''),
    rrule: (e.recurrence ?? []).find((line) => line.startsWith('RRULE:')) ?? '',
  };
}

function resourceOf(spec: EventSpec, timeZone: string, rrule: string): ApiEvent {
  return {
    summary: spec.title, description: spec.description, location: spec.location,
    start: { dateTime: spec.start.toISOString(), timeZone }, end: { dateTime: spec.end.toISOString(), timeZone },
    attendees: spec.guests.map((email) => ({ email })), recurrence: rrule ? [rrule] : [],
  };
}

function isAlreadyDeleted(e: unknown): boolean {
  return /Resource has been deleted|Not Found/i.test(errorText(e));
}

/** Runs the plan. Every finished step is in the sheet before the next Calendar call, so a re-run is always safe. */
export function syncMeetings(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang): MeetingSyncReport {
  const l = load(ss, lang);
  // Partners typed without an id get theirs (K001…) before anything is sent, so a 招待先 can name them next time.
  if (l.partnerTable && l.newPartnerIds.length) {
    for (const p of l.newPartnerIds) l.partnerTable.set(p.row, 'id', p.id);
    l.partnerTable.flush();
  }
  const plan = planFor(l);
  const report: MeetingSyncReport = { created: 0, updated: 0, cancelled: 0, unchanged: 0, problems: plan.problems.map((p) => renderProblem(p, lang)), stopped: false, message: '' };
  const note = (row: number, column: string, message: string) => report.problems.push({ sheet: MEETINGS_SHEET, row, column, message });
  const noteSetting = (message: string) => report.problems.push({ sheet: SETTINGS.name, row: 0, column: SETTING_DAILY_LIMIT, message });
  for (const m of l.settings.problems) noteSetting(m);
  report.unchanged = plan.actions.filter((a) => a.kind === 'unchanged').length;

  let work = plan.actions.filter((a): a is Exclude<MeetingAction, { kind: 'unchanged' | 'invalid' }> => a.kind === 'create' || a.kind === 'update' || a.kind === 'cancel');
  const creates = work.filter((a) => a.kind === 'create');
  const quota = quotaAllowance(l.createdToday, l.settings.dailyLimit, creates.length);
  if (quota.held) {
    const allowed = new Set(creates.slice(0, quota.allowed));
    work = work.filter((a) => a.kind !== 'create' || allowed.has(a));
    noteSetting(quotaMessage(l, quota.held, lang));
    report.stopped = true;
  }
  if (work.length === 0) {
    // No create is planned, so every create an earlier run marked pending reached the sheet: the marks are stale
    // (a run that failed after its last create, before clearing them, left them behind).
    if (creates.length === 0 && l.pendingChunks) writeList(l.docProps, PENDING_PROPERTY, [], l.pendingChunks);
    report.message = plan.problems.length || report.problems.length ? summary(report, lang) : t(lang, 'meetings.nothing');
    return report;
  }

  const table = l.meetings;
  const stamp = () => new Date();
  const toCreate = work.filter((a): a is Extract<MeetingAction, { kind: 'create' }> => a.kind === 'create');
  const { docProps, userProps } = l;
  let createdToday = l.createdToday;
  try {
    // The calendar first: a wrong calendar id or a missing service stops here, before anything is written.
    const cal = openCalendar(l.settings.calendarId);
    const api = advancedCalendar();
    const calendarId = cal.getId();
    // Step 1: ids for new rows reach the sheet, and the creates are marked pending, before any event exists.
    for (const a of toCreate) if (a.assignId) table.set(a.row, 'id', a.meetingId);
    // One write per event: each flush's read-back is the next one's re-read (tables.ts), the last read back below.
    table.verifyWithNextRead = true;
    table.flush();
    let pendingChunks = l.pendingChunks;
    if (toCreate.length) pendingChunks = writeList(docProps, PENDING_PROPERTY, [...new Set([...l.pendingIds, ...toCreate.map((a) => a.meetingId)])], pendingChunks);
    const zone = table.timeZone;
    const marked = (items: ApiEvent[] | undefined, meetingId: string) =>
      (items ?? []).filter((e) => e.status !== 'cancelled' && descriptionHasMarker(e.description ?? '', meetingId));
    /**
     * The event an earlier run created for this meeting, found by the id marker in its description: first among
     * the events around the meeting's own time (a time-range listing, not the full-text index, which may lag
     * behind a create that happened seconds ago), then by full-text search in case the row's time was changed.
     */
    const findByMarker = (meetingId: string, around?: EventSpec): ApiEvent[] => {
      if (around) {
        const near = marked(api.Events!.list(calendarId, {
          timeMin: new Date(around.start.getTime() - 86_400_000).toISOString(), timeMax: new Date(around.end.getTime() + 86_400_000).toISOString(),
          showDeleted: false, maxResults: 250,
        }).items, meetingId);
        if (near.length) return near;
      }
      return marked(api.Events!.list(calendarId, { q: meetingId, showDeleted: false, maxResults: 50 }).items, meetingId);
    };
    const findByUid = (iCalUID: string): ApiEvent | undefined =>
      (api.Events!.list(calendarId, { iCalUID, showDeleted: false }).items ?? []).find((e) => e.status !== 'cancelled');
    const writeBack = (row: number, values: { eventId?: string; fingerprint: string }) => {
      if (values.eventId !== undefined) table.set(row, 'calendarEventId', values.eventId);
      table.set(row, 'fingerprint', values.fingerprint);
      table.set(row, 'lastSynced', stamp());
      table.flush();
    };
    /** Brings a live event to the wanted state; no call (and no notice) when it already is. */
    const reconcile = (event: ApiEvent, spec: EventSpec, fp: string): void => {
      if (fingerprintOf(observed(event)) === fp) return;
      const rrule = spec.recurrence ? recurrenceRule(spec.recurrence) : '';
      api.Events!.patch(resourceOf(spec, zone, rrule), calendarId, event.id!, { sendUpdates: 'all' });
    };

    for (const a of work) {
      if (a.kind === 'create') {
        if (a.lookup) {
          const found = findByMarker(a.meetingId, a.event);
          if (found.length > 1) note(a.row, meetingHeader('calendarEventId'), t(lang, 'meetings.duplicateEvents', { meetingId: a.meetingId, count: found.length }));
          const existing = found[0];
          if (existing) {
            // The event was created by an earlier run that stopped before writing its id: adopt it.
            writeBack(a.row, { eventId: existing.iCalUID!, fingerprint: fingerprintOf(observed(existing)) });
            reconcile(existing, a.event, a.fingerprint);
            writeBack(a.row, { fingerprint: a.fingerprint });
            report.created++;
            continue;
          }
        }
        const options = { description: a.event.description, location: a.event.location, guests: a.event.guests.join(','), sendInvites: true };
        const created = a.event.recurrence
          ? cal.createEventSeries(a.event.title, a.event.start, a.event.end, buildRecurrence(a.event.recurrence), options)
          : cal.createEvent(a.event.title, a.event.start, a.event.end, options);
        const uid = created.getId();
        writeBack(a.row, { eventId: uid, fingerprint: a.fingerprint });
        createdToday++;
        userProps.setProperty(CREATED_PROPERTY_PREFIX + l.today, String(createdToday));
        report.created++;
      } else if (a.kind === 'update') {
        const live = findByUid(a.eventId);
        if (!live) {
          note(a.row, meetingHeader('calendarEventId'), t(lang, 'meetings.eventGone', { id: a.eventId }));
          continue;
        }
        reconcile(live, a.event, a.fingerprint);
        writeBack(a.row, { fingerprint: a.fingerprint });
        report.updated++;
      } else {
        const live = a.eventId ? findByUid(a.eventId) : findByMarker(a.meetingId)[0];
        if (live) {
          try {
            api.Events!.remove(calendarId, live.id!, { sendUpdates: 'all' });
          } catch (e) {
            if (!isAlreadyDeleted(e)) throw e;
          }
        }
        writeBack(a.row, { ...(a.eventId ? {} : { eventId: live?.iCalUID ?? '' }), fingerprint: cancelledFingerprint(stamp()) });
        report.cancelled++;
      }
    }
    table.verifyPending();
    // Every create of this run is in the sheet now. Only creates held back by the quota that were already
    // pending stay marked (their earlier attempt may still have left an event to adopt).
    const stillPending = creates.filter((a) => a.kind === 'create' && a.lookup && !work.includes(a)).map((a) => a.meetingId);
    if (stillPending.length || pendingChunks) writeList(docProps, PENDING_PROPERTY, stillPending, pendingChunks);
  } catch (e) {
    if (e instanceof UserFacingError) throw e;
    // One message: what was done, what was not, the one thing to do next (not a problem at row 0 beside a
    // service error's own advice and the sidebar's).
    report.stopped = true;
    const sent = report.created + report.updated + report.cancelled;
    report.message = joinSentences(lang, [
      t(lang, 'meetings.stoppedDone', { created: report.created, updated: report.updated, cancelled: report.cancelled, cause: causeOf(e, lang) }),
      t(lang, 'meetings.stoppedLeft', { left: work.length - sent }),
    ]);
    report.next = sentence(lang, t(lang, 'meetings.stoppedNext'));
    return report;
  }
  // What a volunteer typed over (or a row deleted) while this ran: their edit stayed, and they are told.
  report.problems.push(...renderProblems(lang, table.conflicts));
  report.message = summary(report, lang);
  return report;
}

function quotaMessage(l: Loaded, held: number, lang: Lang): string {
  return t(lang, 'meetings.quota', { limit: l.settings.dailyLimit, held, created: l.createdToday });
}

function summary(r: MeetingSyncReport, lang: Lang): string {
  return t(lang, 'meetings.summary', { created: r.created, updated: r.updated, cancelled: r.cancelled, unchanged: r.unchanged, problems: r.problems.length });
}

/** What stopped a run, as a cause (not a full sentence with its own advice: the stop message gives the one next step). */
function causeOf(e: unknown, lang: Lang): string {
  const d = describeError(e, lang);
  const detail = errorText(e);
  if (d.kind === 'busy') return t(lang, 'meetings.causeBusy');
  return t(lang, d.kind === 'service' ? 'meetings.causeService' : 'meetings.causeUnexpected', { detail });
}

/** The report as an alert body: the summary, then up to 15 problems. */
export function reportText(r: MeetingSyncReport, lang: Lang): string {
  const lines = r.problems.slice(0, 15).map((p) => formatProblem(lang, p));
  if (r.problems.length > 15) lines.push(t(lang, 'registry.more', { count: r.problems.length - 15 }));
  const head = outcomeText(r, lang);
  return lines.length ? `${head}\n\n${lines.join('\n')}` : head;
}

/** The outcome in one message: what was done, what was not, and (after a failure) the one thing to do next. */
export function outcomeText(r: MeetingSyncReport, lang: Lang): string {
  return r.next ? joinSentences(lang, [r.message, r.next]) : r.message;
}
