/**
 * RFC 5545 building blocks shared by the add-on (the .ics attached to a participant's confirmation) and the emulator's
 * calendar export (emulator/ics.ts). Text values are escaped (§3.3.11: backslash, semicolon, comma, newline); content
 * lines are folded at 75 octets without splitting a UTF-8 character (§3.1); lines end with CRLF.
 * https://www.rfc-editor.org/rfc/rfc5545
 */

export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

function utf8Octets(ch: string): number {
  const c = ch.codePointAt(0)!;
  return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

/** Folds one content line: at most 75 octets per physical line, continuation lines start with a space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = utf8Octets(ch);
    const limit = out.length === 0 ? 75 : 74; // continuation lines spend one octet on the leading space
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.map((l, i) => (i === 0 ? l : ` ${l}`)).join('\r\n');
}

const utc = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

export interface IcsEvent {
  uid: string;
  title: string;
  start: Date;
  end: Date;
  location: string;
  description: string;
}

/**
 * One event as an .ics document a mail client adds to a calendar (METHOD:PUBLISH, times in UTC so no VTIMEZONE is
 * needed). Nothing about the participant is in it: the same file goes to everyone registered for the event.
 */
export function eventIcs(ev: IcsEvent, stamp: Date): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'PRODID:-//Shuro Network Add-on//Participant mail//JA',
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${ev.uid}`,
    `DTSTAMP:${utc(stamp)}`,
    `DTSTART:${utc(ev.start)}`,
    `DTEND:${utc(ev.end)}`,
    `SUMMARY:${escapeText(ev.title)}`,
    `LOCATION:${escapeText(ev.location)}`,
    `DESCRIPTION:${escapeText(ev.description)}`,
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
