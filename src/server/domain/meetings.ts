/**
 * Meetings (会議) → Calendar events, as pure data: parse and validate the rows, resolve 招待先 into e-mail
 * addresses from the agency registry, fingerprint what would be sent, and plan create / update / cancel /
 * unchanged. No Apps Script here: the workspace layer carries the plan out.
 *
 * Why a fingerprint of per-field hashes: an unchanged row must cost zero Calendar calls, so the decision is
 * made from what the sheet remembers about the last send; keeping one short hash per field also lets the
 * sidebar say *what* changed (日時, 場所, 招待先 …) without storing the old values.
 */

import { KeysOf, MEETINGS, PARTNER_KINDS } from './schema';
import { formatJaDateTime, localParts, parseDateTime as parseJaDateTime } from './dates';
import { isEmail, normaliseEmail } from './email';
import { RecurrencePlan, onRecurrence, parseRecurrence, recurrenceRule } from './recurrence';

export const MEETINGS_SHEET = MEETINGS.name;

/** 会議 columns by stable key (schema.ts), for messages that name the column as the user sees it. */
export type MeetingField = KeysOf<typeof MEETINGS>;
export function meetingHeader(key: MeetingField): string {
  return MEETINGS.columns.find((c) => c.key === key)!.header;
}

export const MEETING_STATUS = { planned: '予定', changed: '変更', cancelled: '中止' } as const;

/** One 会議 row as read from the sheet (values as getValues returns them). */
export interface MeetingRowInput {
  /** Sheet row number (header is row 1). */
  row: number;
  id: string;
  title: unknown;
  start: unknown;
  end: unknown;
  place: unknown;
  invitees: unknown;
  agenda: unknown;
  recurrence: unknown;
  status: unknown;
  calendarEventId: unknown;
  fingerprint: unknown;
}

/** What the meetings feature needs from the agency registry (団体). */
export interface AgencyContact {
  id: string;
  name: string;
  email: string;
  group: string;
  address?: string;
  /** Its row in 団体, to name an agency that has no name. */
  row?: number;
}

/** A 関係機関 row (an organisation that is not a member: 区役所, ハローワーク, …). */
export interface PartnerContact {
  id: string;
  kind: string;
  name: string;
  email: string;
  /** 招待する ticked: invited by 関係機関 and 関係機関:<種別>. An id invites the partner whatever the tick. */
  invite: boolean;
  /** Its row in 関係機関, to name it in a message. */
  row: number;
}

/** 関係機関 tokens in 招待先: whether the 関係機関 sheet must be read at all. */
export const PARTNER_TOKEN = /関係機関|(?:^|[^0-9A-Za-z])[KＫkｋ][0-9０-９]/;

/** K001, K002, … for the rows that have a name but no id (the next after the highest in use). */
export function assignPartnerIds(partners: PartnerContact[]): PartnerContact[] {
  let max = 0;
  for (const p of partners) max = Math.max(max, Number(/^K(\d+)$/.exec(p.id)?.[1] ?? 0));
  return partners.filter((p) => !p.id && p.name).map((p) => Object.assign(p, { id: `K${String(++max).padStart(3, '0')}` }));
}

/** Message codes: the workspace renders `meetings.problem.<code>` from i18n with `params`. */
export type MeetingProblemCode =
  | 'titleRequired' | 'startRequired' | 'endRequired' | 'notADateTime' | 'endBeforeStart' | 'recurrenceUnreadable'
  | 'startOffRecurrence' | 'startInPast' | 'inviteesRequired' | 'noGuest' | 'unknownAgency' | 'badEmail' | 'unknownGroup'
  | 'agencyNoEmail' | 'agencyBadEmail' | 'duplicateId' | 'unknownStatus' | 'unknownPartner' | 'unknownPartnerKind' | 'noPartner' | 'partnerNoEmail';

export interface MeetingProblem {
  severity: 'error' | 'warning';
  row: number;
  column: MeetingField;
  code: MeetingProblemCode;
  params: Record<string, string | number>;
}

export interface EventSpec {
  title: string;
  start: Date;
  end: Date;
  location: string;
  /** Agenda plus the meeting-id marker that lets a re-run find an event whose id never reached the sheet. */
  description: string;
  guests: string[];
  recurrence: RecurrencePlan | null;
}

export type MeetingAction =
  | { kind: 'create'; row: number; meetingId: string; assignId: boolean; event: EventSpec; fingerprint: string; lookup: boolean; recreate: boolean }
  | { kind: 'update'; row: number; meetingId: string; eventId: string; event: EventSpec; fingerprint: string; changes: string[] }
  | { kind: 'cancel'; row: number; meetingId: string; eventId: string | null; lookup: boolean; title: string; guests: string[] }
  | { kind: 'unchanged'; row: number; meetingId: string }
  | { kind: 'invalid'; row: number; meetingId: string };

export interface MeetingPlan {
  actions: MeetingAction[];
  problems: MeetingProblem[];
}

export interface PlanContext {
  agencies: AgencyContact[];
  partners?: PartnerContact[];
  now: Date;
  /** Meeting ids whose creation may have happened without the id reaching the sheet (set before each create). */
  pendingIds?: ReadonlySet<string>;
  /** Minutes east of UTC of the spreadsheet's zone; Asia/Tokyo (+09:00, no DST) by default. */
  utcOffsetMinutes?: number;
}

const CANCELLED_PREFIX = 'cancelled';
export const MEETING_ID_MARKER = '会議ID:';

// ---------- text helpers ----------

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  return String(v).trim();
}

/** FNV-1a 32-bit, base 36: short, stable, no Apps Script needed. */
export function shortHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, '0');
}

// ---------- dates ----------

function offsetOf(ctx: { utcOffsetMinutes?: number }): number {
  return ctx.utcOffsetMinutes ?? 540;
}

/** A cell value as a date-time: a Date from the sheet, or text such as 2026/4/8 14:00 or 2026-04-08T14:00. */
export function parseDateTime(v: unknown, offsetMinutes = 540): Date | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  const r = parseJaDateTime(text(v), offsetMinutes);
  if (r instanceof Date) return r;
  // A date alone is the meeting's day from midnight, as the sheet's own date cells are.
  if (r && 'noTime' in r) return new Date(Date.UTC(r.date.year, r.date.month - 1, r.date.day) - offsetMinutes * 60_000);
  return null;
}

// ---------- recurrence (domain/recurrence.ts) ----------

/** True when the first meeting falls on a day the rule produces (Google leaves a mismatched start undefined). */
export function startMatchesRecurrence(start: Date, plan: RecurrencePlan, offsetMinutes = 540): boolean {
  return onRecurrence(localParts(start, offsetMinutes), plan);
}

// ---------- guests ----------

export interface GuestResolution {
  emails: string[];
  problems: MeetingProblem[];
}

/**
 * 招待先 → e-mail addresses: 全体 (every agency), グループA / グループB (agencies of that group), agency ids
 * (or exact agency names), 関係機関 (every partner with 招待する ticked), 関係機関:<種別> (those of that kind), partner ids
 * (K001) and extra e-mail addresses, separated by 、 , ; or spaces. De-duplicated, order of first appearance kept.
 */
export function resolveGuests(raw: unknown, row: number, agencies: AgencyContact[], partners: PartnerContact[] = []): GuestResolution {
  const problems: MeetingProblem[] = [];
  const emails: string[] = [];
  const seen = new Set<string>();
  const error = (code: MeetingProblemCode, params: Record<string, string>) => problems.push({ severity: 'error', row, column: 'invitees', code, params });
  const warn = (code: MeetingProblemCode, params: Record<string, string | number>) => problems.push({ severity: 'warning', row, column: 'invitees', code, params });
  const addAgency = (a: AgencyContact) => {
    const e = normaliseEmail(a.email);
    if (!e) { warn('agencyNoEmail', { name: a.name, id: a.id, ...(a.row ? { agencyRow: a.row } : {}) }); return; }
    if (!isEmail(e)) { warn('agencyBadEmail', { name: a.name, id: a.id, value: a.email, ...(a.row ? { agencyRow: a.row } : {}) }); return; }
    if (!seen.has(e)) { seen.add(e); emails.push(e); }
  };
  const addPartner = (p: PartnerContact) => {
    const e = normaliseEmail(p.email);
    if (!isEmail(e)) warn('partnerNoEmail', { name: p.name, id: p.id, value: p.email, partnerRow: p.row });
    else if (!seen.has(e)) { seen.add(e); emails.push(e); }
  };
  const tokens = text(raw).normalize('NFKC').split(/[、,;；\s]+/).map((s) => s.trim()).filter(Boolean);
  const byId = new Map(agencies.map((a) => [a.id.normalize('NFKC').toLowerCase(), a]));
  const byName = new Map(agencies.map((a) => [a.name.normalize('NFKC'), a]));
  for (const token of tokens) {
    const group = /^(?:グループ([A-Za-z])|([A-Za-z])グループ)$/.exec(token);
    const partnerKind = /^関係機関(?::(.*))?$/.exec(token);
    const partner = partners.find((p) => p.id.normalize('NFKC').toUpperCase() === token.toUpperCase());
    if (partnerKind) {
      const kind = partnerKind[1]?.trim();
      if (kind && ![...PARTNER_KINDS, ...partners.map((p) => p.kind)].includes(kind)) { error('unknownPartnerKind', { value: kind, choices: PARTNER_KINDS.join('・') }); continue; }
      const chosen = partners.filter((p) => p.invite && (!kind || p.kind === kind));
      if (!chosen.length) error('noPartner', { value: token });
      chosen.forEach(addPartner);
    } else if (partner) {
      addPartner(partner);
    } else if (/^K\d+$/i.test(token) && !byId.has(token.toLowerCase())) {
      error('unknownPartner', { value: token });
    } else if (token === '全体' || token === '全団体') {
      agencies.forEach(addAgency);
    } else if (group) {
      const letter = (group[1] ?? group[2]!).toUpperCase();
      const members = agencies.filter((a) => a.group.normalize('NFKC').trim().toUpperCase().replace(/^グループ/, '') === letter);
      if (members.length === 0) error('unknownGroup', { group: letter });
      members.forEach(addAgency);
    } else if (token.includes('@')) {
      const e = normaliseEmail(token);
      if (!isEmail(e)) { error('badEmail', { value: token }); continue; }
      if (!seen.has(e)) { seen.add(e); emails.push(e); }
    } else {
      const a = byId.get(token.toLowerCase()) ?? byName.get(token);
      if (!a) { error('unknownAgency', { value: token }); continue; }
      addAgency(a);
    }
  }
  return { emails, problems };
}

// ---------- fingerprint ----------

const FINGERPRINT_FIELDS = [
  ['n', '名称'], ['t', '日時'], ['p', '場所'], ['g', '招待先'], ['a', '議題'], ['r', '繰り返し'],
] as const;

/**
 * What a guest is told about, in the form the Calendar API hands it back (for comparing with a live event): the event
 * as planned, with its recurrence as the RRULE line ('' for a single event).
 */
export type SentEvent = Omit<EventSpec, 'recurrence'> & { rrule: string };

export function sentForm(event: EventSpec): SentEvent {
  return {
    title: event.title, start: event.start, end: event.end, location: event.location, description: event.description,
    guests: event.guests, rrule: event.recurrence ? recurrenceRule(event.recurrence) : '',
  };
}

/** "v1 n:… t:… p:… g:… a:… r:…" — one short hash per thing a guest would be told about. */
export function fingerprintOf(sent: SentEvent): string {
  const values: Record<string, string> = {
    n: sent.title,
    t: `${sent.start.toISOString()}/${sent.end.toISOString()}`,
    p: sent.location,
    g: sent.guests.map(normaliseEmail).sort().join(','),
    a: sent.description,
    r: sent.rrule,
  };
  return ['v1', ...FINGERPRINT_FIELDS.map(([k]) => `${k}:${shortHash(values[k]!)}`)].join(' ');
}

export function fingerprint(event: EventSpec): string {
  return fingerprintOf(sentForm(event));
}

/** Japanese names of what differs between two fingerprints (all fields when the old one is unreadable). */
export function changedFields(previous: string, next: string): string[] {
  const parse = (f: string) => Object.fromEntries(f.split(' ').slice(1).map((kv) => kv.split(':') as [string, string]));
  const a = previous.startsWith('v1 ') ? parse(previous) : {};
  const b = parse(next);
  return FINGERPRINT_FIELDS.filter(([k]) => a[k] !== b[k]).map(([, label]) => label);
}

export function cancelledFingerprint(at: Date): string {
  return `${CANCELLED_PREFIX} ${at.toISOString()}`;
}
export function isCancelledFingerprint(f: string): boolean {
  return f.startsWith(CANCELLED_PREFIX);
}

// ---------- rows → plan ----------

export function isBlankRow(r: MeetingRowInput): boolean {
  return [r.id, r.title, r.start, r.end, r.place, r.invitees, r.agenda, r.recurrence, r.status, r.calendarEventId].every((v) => text(v) === '');
}

/** Next free id of the form MTG-001 given the ids in use. */
export function nextMeetingIds(existing: string[], howMany: number): string[] {
  let max = 0;
  for (const id of existing) {
    const m = /^MTG-(\d+)$/.exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return Array.from({ length: howMany }, (_, i) => `MTG-${String(max + i + 1).padStart(3, '0')}`);
}

export function descriptionWithMarker(agenda: string, meetingId: string): string {
  const marker = `${MEETING_ID_MARKER} ${meetingId}`;
  return agenda ? `${agenda}\n\n${marker}` : marker;
}

/** True when an event description carries exactly this meeting's marker (MTG-001 must not match MTG-0011). */
export function descriptionHasMarker(description: string, meetingId: string): boolean {
  return description.split('\n').some((line) => line.trim() === `${MEETING_ID_MARKER} ${meetingId}`);
}

function locationOf(place: string, agencies: AgencyContact[]): string {
  const a = agencies.find((x) => x.id.normalize('NFKC').toLowerCase() === place.normalize('NFKC').toLowerCase());
  if (!a) return place;
  return a.address ? `${a.name}（${a.address}）` : a.name;
}

/**
 * Plans the sync of every 会議 row. Rows without an id get one (assignId). Errors make a row `invalid` and
 * nothing is sent for it; warnings (an agency without e-mail) are reported but do not block.
 */
export function planMeetings(rows: MeetingRowInput[], ctx: PlanContext): MeetingPlan {
  const offset = offsetOf(ctx);
  const problems: MeetingProblem[] = [];
  const actions: MeetingAction[] = [];
  const live = rows.filter((r) => !isBlankRow(r));
  const missing = live.filter((r) => text(r.id) === '');
  const fresh = nextMeetingIds(live.map((r) => text(r.id)), missing.length);
  const seenIds = new Set<string>();

  for (const r of live) {
    const rowProblems: MeetingProblem[] = [];
    const err = (column: MeetingField, code: MeetingProblemCode, params: Record<string, string | number> = {}) => rowProblems.push({ severity: 'error', row: r.row, column, code, params });
    const assignId = text(r.id) === '';
    const meetingId = assignId ? fresh[missing.indexOf(r)]! : text(r.id);
    if (!assignId && seenIds.has(meetingId)) err('id', 'duplicateId', { value: meetingId });
    seenIds.add(meetingId);
    const eventId = text(r.calendarEventId);
    const previous = text(r.fingerprint);
    const status = text(r.status) || MEETING_STATUS.planned;
    const pending = ctx.pendingIds?.has(meetingId) ?? false;

    if (![MEETING_STATUS.planned, MEETING_STATUS.changed, MEETING_STATUS.cancelled].includes(status as never)) {
      err('status', 'unknownStatus', { value: status });
    }
    if (status === MEETING_STATUS.cancelled) {
      if (rowProblems.length) { problems.push(...rowProblems); actions.push({ kind: 'invalid', row: r.row, meetingId }); continue; }
      const guests = resolveGuests(r.invitees, r.row, ctx.agencies, ctx.partners).emails;
      if ((eventId && !isCancelledFingerprint(previous)) || (!eventId && pending)) {
        actions.push({ kind: 'cancel', row: r.row, meetingId, eventId: eventId || null, lookup: !eventId, title: text(r.title), guests });
      } else {
        actions.push({ kind: 'unchanged', row: r.row, meetingId });
      }
      continue;
    }

    const name = text(r.title);
    if (!name) err('title', 'titleRequired');
    const start = parseDateTime(r.start, offset);
    const end = parseDateTime(r.end, offset);
    if (!start) text(r.start) ? err('start', 'notADateTime', { value: text(r.start) }) : err('start', 'startRequired');
    if (!end) text(r.end) ? err('end', 'notADateTime', { value: text(r.end) }) : err('end', 'endRequired');
    if (start && end && end.getTime() <= start.getTime()) err('end', 'endBeforeStart', { end: formatJaDateTime(end, offset), start: formatJaDateTime(start, offset) });
    const recurrence = parseRecurrence(text(r.recurrence));
    if (recurrence === undefined) err('recurrence', 'recurrenceUnreadable', { value: text(r.recurrence) });
    else if (recurrence && start && !startMatchesRecurrence(start, recurrence, offset)) {
      err('start', 'startOffRecurrence', { start: formatJaDateTime(start, offset), rule: recurrence.label });
    }
    const guests = resolveGuests(r.invitees, r.row, ctx.agencies, ctx.partners);
    rowProblems.push(...guests.problems);
    if (!text(r.invitees)) err('invitees', 'inviteesRequired');
    else if (guests.emails.length === 0 && !guests.problems.some((p) => p.severity === 'error')) {
      err('invitees', 'noGuest');
    }

    const blocking = rowProblems.some((p) => p.severity === 'error');
    if (blocking || !start || !end || recurrence === undefined) {
      problems.push(...rowProblems);
      actions.push({ kind: 'invalid', row: r.row, meetingId });
      continue;
    }
    const agenda = text(r.agenda);
    const event: EventSpec = {
      title: name, start, end, location: locationOf(text(r.place), ctx.agencies),
      description: descriptionWithMarker(agenda, meetingId), guests: guests.emails, recurrence,
    };
    const fp = fingerprint(event);
    const needsCreate = !eventId || isCancelledFingerprint(previous);
    const kind = needsCreate ? 'create' : fp === previous ? 'unchanged' : 'update';
    // Guests are not invited to, or told about changes of, a meeting that has already begun.
    if (kind !== 'unchanged' && start.getTime() < ctx.now.getTime()) {
      err('start', 'startInPast', { start: formatJaDateTime(start, offset) });
      problems.push(...rowProblems);
      actions.push({ kind: 'invalid', row: r.row, meetingId });
      continue;
    }
    problems.push(...rowProblems);
    if (kind === 'create') {
      actions.push({ kind, row: r.row, meetingId, assignId, event, fingerprint: fp, lookup: pending && !eventId, recreate: !!eventId });
    } else if (kind === 'update') {
      actions.push({ kind, row: r.row, meetingId, eventId, event, fingerprint: fp, changes: changedFields(previous, fp) });
    } else {
      actions.push({ kind, row: r.row, meetingId });
    }
  }
  return { actions, problems };
}

// ---------- quota and summary ----------

export const DAILY_EVENT_QUOTA = { consumer: 5000, workspace: 10000 } as const;

/** How many of `wanted` creations fit today; `held` is how many must wait for tomorrow. */
export function quotaAllowance(createdToday: number, limit: number, wanted: number): { allowed: number; held: number } {
  const left = Math.max(0, limit - createdToday);
  const allowed = Math.min(wanted, left);
  return { allowed, held: wanted - allowed };
}
