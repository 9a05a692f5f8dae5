/**
 * RFC 5545 export of an emulated calendar, as Google Calendar's "Export" would give it: one VEVENT per event
 * (a series is one VEVENT with its RRULE, not expanded), times in the calendar's zone (TZID=Asia/Tokyo with a
 * VTIMEZONE), one ATTENDEE per guest, STATUS CONFIRMED/CANCELLED.
 * Text values are escaped (§3.3.11: backslash, semicolon, comma, newline) and content lines are folded at
 * 75 octets without splitting a UTF-8 character (§3.1); lines end with CRLF.
 */
import { formatJavaDate } from './format';
import type { CalendarStore, StoredCalendar, StoredEvent } from './calendar';
import { toRfc5545 } from './recurrence';
import { escapeText, foldLine } from '../src/server/domain/ics';

export { escapeText, foldLine };

/** Quotes a parameter value when it holds ':', ';' or ','; DQUOTE itself is not allowed and is dropped. */
function paramValue(value: string): string {
  const v = value.replace(/"/g, '');
  return /[:;,]/.test(v) ? `"${v}"` : v;
}

const utc = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const local = (d: Date, tz: string) => formatJavaDate(d, tz, "yyyyMMdd'T'HHmmss");

/** VTIMEZONE for zones without daylight saving (Asia/Tokyo: JST, +09:00 all year since 1951). */
function vtimezone(tz: string, sample: Date): string[] {
  const offset = formatJavaDate(sample, tz, 'Z');
  return [
    'BEGIN:VTIMEZONE', `TZID:${tz}`, `X-LIC-LOCATION:${tz}`,
    'BEGIN:STANDARD', `TZOFFSETFROM:${offset}`, `TZOFFSETTO:${offset}`, `TZNAME:${tz === 'Asia/Tokyo' ? 'JST' : offset}`,
    'DTSTART:19700101T000000', 'END:STANDARD', 'END:VTIMEZONE',
  ];
}

function vevent(ev: StoredEvent, tz: string, stamp: Date): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `DTSTART;TZID=${tz}:${local(ev.start, tz)}`,
    `DTEND;TZID=${tz}:${local(ev.end, tz)}`,
    ...(ev.recurrence ? toRfc5545(ev.recurrence, tz) : []),
    `DTSTAMP:${utc(stamp)}`,
    `ORGANIZER;CN=${paramValue(ev.organizer)}:mailto:${ev.organizer}`,
    `UID:${ev.iCalUID}`,
    ...ev.guests.map((g) => {
      const partstat = { INVITED: 'NEEDS-ACTION', YES: 'ACCEPTED', NO: 'DECLINED', MAYBE: 'TENTATIVE', OWNER: 'ACCEPTED' }[g.status];
      return `ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=${partstat};RSVP=TRUE;CN=${paramValue(g.email)}:mailto:${g.email}`;
    }),
    `CREATED:${utc(ev.created)}`,
    `DESCRIPTION:${escapeText(ev.description)}`,
    `LAST-MODIFIED:${utc(ev.updated)}`,
    `LOCATION:${escapeText(ev.location)}`,
    `SEQUENCE:${ev.sequence}`,
    `STATUS:${ev.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
    `SUMMARY:${escapeText(ev.title)}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
  ];
  return lines;
}

/** The calendar as an .ics document (CRLF line endings, folded). Cancelled events are kept with STATUS:CANCELLED. */
export function calendarToIcs(store: CalendarStore, calendar: StoredCalendar): string {
  const tz = calendar.timeZone;
  const stamp = store.runtime.now();
  const events = store.events.filter((e) => e.calendarId === calendar.id).sort((a, b) => a.start.getTime() - b.start.getTime());
  const lines = [
    'BEGIN:VCALENDAR',
    'PRODID:-//Shuro Network Add-on//Calendar emulator//JA',
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    `X-WR-TIMEZONE:${tz}`,
    ...vtimezone(tz, events[0]?.start ?? stamp),
    ...events.flatMap((e) => vevent(e, tz, stamp)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** Unfolds and splits an .ics document into content lines (for tests and tools reading the export). */
export function unfoldIcs(ics: string): string[] {
  return ics.replace(/\r\n[ \t]/g, '').split('\r\n').filter((l) => l !== '');
}

export function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}
