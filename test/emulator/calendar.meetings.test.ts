import { createEmulator } from '../../emulator';
import { CALENDAR_SCOPE } from '../../emulator/calendar';
import { calendarToIcs, unescapeText, unfoldIcs } from '../../emulator/ics';
import { SCOPES } from '../../src/server/scopes';

const NOW = new Date('2026-04-01T00:00:00Z');
const jst = (s: string) => new Date(`${s}+09:00`);

function setup(options: Parameters<typeof createEmulator>[0] = {}) {
  const emu = createEmulator({ now: NOW, advancedCalendar: true, ...options });
  return { emu, CalendarApp: emu.globals.CalendarApp, Calendar: emu.globals.Calendar! };
}

describe('emulated CalendarApp', () => {
  test('createEvent sends invitations only with sendInvites: true; getId is the iCalUID; guests are listed', () => {
    const { emu, CalendarApp } = setup();
    const cal = CalendarApp.getDefaultCalendar();
    expect(cal.getId()).toBe(emu.runtime.user.email);
    const quiet = cal.createEvent('準備', jst('2026-04-10T10:00:00'), jst('2026-04-10T11:00:00'), { guests: 'a@example.jp' });
    expect(emu.calendar.notifications).toHaveLength(0);
    const ev = cal.createEvent('企画会議A', jst('2026-04-10T14:00:00'), jst('2026-04-10T15:30:00'), {
      description: '議題', location: '区役所', guests: 'a@example.jp, b@example.jp', sendInvites: true,
    });
    expect(ev.getId()).toMatch(/@google\.com$/);
    expect(ev.getId()).not.toBe(quiet.getId());
    expect(cal.getEventById(ev.getId())!.getTitle()).toBe('企画会議A');
    expect(ev.getGuestList().map((g) => g.getEmail())).toEqual(['a@example.jp', 'b@example.jp']);
    expect(ev.getGuestList(true)[0]!.getGuestStatus()).toBe(CalendarApp.GuestStatus.OWNER);
    expect(emu.calendar.notifications.map((n) => ({ kind: n.kind, to: n.to }))).toEqual([{ kind: 'invite', to: ['a@example.jp', 'b@example.jp'] }]);
    expect(emu.ledger.count({ method: 'Calendar.createEvent' })).toBe(2);
  });

  test('setters, addGuest, removeGuest and deleteEvent change the event but e-mail nobody', () => {
    const { emu, CalendarApp } = setup();
    const cal = CalendarApp.getDefaultCalendar();
    const ev = cal.createEvent('定例会', jst('2026-04-08T14:00:00'), jst('2026-04-08T16:00:00'), { guests: 'a@example.jp', sendInvites: true });
    const before = emu.calendar.notifications.length;
    ev.setTime(jst('2026-04-09T14:00:00'), jst('2026-04-09T16:00:00')).setLocation('会議室B').setTitle('定例会（変更）').setDescription('x');
    ev.addGuest('c@example.jp').removeGuest('a@example.jp');
    expect(ev.getGuestList().map((g) => g.getEmail())).toEqual(['c@example.jp']);
    expect(cal.getEventById(ev.getId())!.getStartTime()).toEqual(jst('2026-04-09T14:00:00'));
    ev.deleteEvent();
    expect(cal.getEventById(ev.getId())).toBeNull();
    expect(emu.calendar.notifications.length).toBe(before);
    expect(() => ev.setTime(jst('2026-04-09T16:00:00'), jst('2026-04-09T14:00:00'))).toThrow();
    expect(() => cal.createEvent('x', jst('2026-04-09T16:00:00'), jst('2026-04-09T14:00:00'))).toThrow('Event start date must be before event end date.');
  });

  test('a monthly series on the 2nd Wednesday (Wednesday within days 8–14) expands to exactly those days', () => {
    const { CalendarApp } = setup();
    const cal = CalendarApp.getDefaultCalendar();
    const rule = CalendarApp.newRecurrence().addMonthlyRule().onlyOnWeekday(CalendarApp.Weekday.WEDNESDAY).onlyOnMonthDays([8, 9, 10, 11, 12, 13, 14]);
    const series = cal.createEventSeries('定例会', jst('2026-04-08T14:00:00'), jst('2026-04-08T16:00:00'), rule, { guests: 'a@example.jp' });
    const found = cal.getEvents(jst('2026-04-01T00:00:00'), jst('2026-10-01T00:00:00'));
    expect(found).toHaveLength(6);
    for (const occurrence of found) {
      const s = occurrence.getStartTime();
      const local = new Date(s.getTime() + 9 * 3600_000);
      expect(local.getUTCDay()).toBe(3);
      // Exactly one earlier Wednesday in the same month → the 2nd Wednesday.
      expect(Math.floor((local.getUTCDate() - 1) / 7)).toBe(1);
      expect(local.getUTCHours()).toBe(14);
      expect(occurrence.getId()).toBe(series.getId());
      expect(occurrence.isRecurringEvent()).toBe(true);
    }
    expect(cal.getEventSeriesById(series.getId())!.getTitle()).toBe('定例会');
  });

  test('getEvents filters by window and full-text search', () => {
    const { CalendarApp } = setup();
    const cal = CalendarApp.getDefaultCalendar();
    cal.createEvent('企画会議A', jst('2026-04-10T14:00:00'), jst('2026-04-10T15:00:00'), { description: '会議ID: M-001' });
    cal.createEvent('企画会議B', jst('2026-04-11T14:00:00'), jst('2026-04-11T15:00:00'), { description: '会議ID: M-002' });
    expect(cal.getEvents(jst('2026-04-01T00:00:00'), jst('2026-05-01T00:00:00'), { search: 'M-002' }).map((e) => e.getTitle())).toEqual(['企画会議B']);
    expect(cal.getEvents(jst('2026-04-10T15:00:00'), jst('2026-04-11T00:00:00'))).toHaveLength(0);
  });

  test('the daily creation quota fails with Google wording once used up', () => {
    const { emu, CalendarApp } = setup();
    emu.calendar.dailyCreateLimit = 2;
    const cal = CalendarApp.getDefaultCalendar();
    cal.createEvent('1', jst('2026-04-10T10:00:00'), jst('2026-04-10T11:00:00'));
    cal.createEvent('2', jst('2026-04-10T10:00:00'), jst('2026-04-10T11:00:00'));
    expect(() => cal.createEvent('3', jst('2026-04-10T10:00:00'), jst('2026-04-10T11:00:00'))).toThrow('Service invoked too many times for one day: calendar.');
    expect(emu.calendar.createdToday()).toBe(2);
    emu.runtime.advanceClock(86_400_000);
    expect(() => cal.createEvent('4', jst('2026-04-10T10:00:00'), jst('2026-04-10T11:00:00'))).not.toThrow();
  });

  test('without the calendar scope every CalendarApp call fails with the permission message', () => {
    const { CalendarApp } = setup({ grantedScopes: [SCOPES.sheets] });
    expect(() => CalendarApp.getDefaultCalendar()).toThrow(`You do not have permission to call CalendarApp.getDefaultCalendar. Required permissions: (${CALENDAR_SCOPE}`);
  });
});

describe('emulated Advanced Calendar service', () => {
  test('patch with sendUpdates all: new guests invited, removed guests cancelled, kept guests updated', () => {
    const { emu, CalendarApp, Calendar } = setup();
    const cal = CalendarApp.getDefaultCalendar();
    const ev = cal.createEvent('報告会', jst('2026-05-20T14:00:00'), jst('2026-05-20T16:00:00'), { guests: 'a@example.jp,b@example.jp', sendInvites: true });
    const apiId = Calendar.Events!.list(cal.getId(), { iCalUID: ev.getId() }).items![0]!.id!;
    Calendar.Events!.patch({
      start: { dateTime: '2026-05-21T14:00:00+09:00' }, end: { dateTime: '2026-05-21T16:00:00+09:00' },
      attendees: [{ email: 'a@example.jp' }, { email: 'c@example.jp' }],
    }, cal.getId(), apiId, { sendUpdates: 'all' });
    const log = emu.calendar.notifications.slice(1).map((n) => [n.kind, n.to]);
    expect(log).toEqual([['invite', ['c@example.jp']], ['cancel', ['b@example.jp']], ['update', ['a@example.jp']]]);
    expect(cal.getEventById(ev.getId())!.getStartTime()).toEqual(jst('2026-05-21T14:00:00'));

    // Without sendUpdates nobody is told.
    Calendar.Events!.patch({ location: '別室' }, cal.getId(), apiId);
    expect(emu.calendar.notifications).toHaveLength(4);

    Calendar.Events!.remove(cal.getId(), apiId, { sendUpdates: 'all' });
    expect(emu.calendar.notifications.at(-1)).toMatchObject({ kind: 'cancel', to: ['a@example.jp', 'c@example.jp'] });
    expect(() => Calendar.Events!.remove(cal.getId(), apiId, { sendUpdates: 'all' })).toThrow('Resource has been deleted');
    expect(() => Calendar.Events!.get(cal.getId(), 'nosuchid')).toThrow('Not Found');
    expect(emu.ledger.count({ service: 'Calendar', method: 'Events.patch' })).toBe(2);
  });
});

describe('ICS export', () => {
  test('RFC 5545: TZID times, ATTENDEE per guest, RRULE, STATUS, escaping and 75-octet folding', () => {
    const { emu, CalendarApp } = setup();
    const cal = CalendarApp.getDefaultCalendar();
    const description = '議題：1. 就労定着支援の事例共有、2. 次年度計画; 資料は当日配布\n持ち物\\なし'.repeat(2);
    const single = cal.createEvent('企画会議, グループA', jst('2026-04-10T14:00:00'), jst('2026-04-10T15:30:00'), {
      description, location: '区役所 第1会議室', guests: 'a@example.jp,b@example.jp',
    });
    const rule = CalendarApp.newRecurrence().addMonthlyRule().onlyOnWeekday(CalendarApp.Weekday.WEDNESDAY).onlyOnMonthDays([8, 9, 10, 11, 12, 13, 14]);
    cal.createEventSeries('定例会', jst('2026-04-08T14:00:00'), jst('2026-04-08T16:00:00'), rule, { guests: 'a@example.jp' });
    const gone = cal.createEvent('中止の会', jst('2026-04-20T10:00:00'), jst('2026-04-20T11:00:00'));
    gone.deleteEvent();

    const ics = calendarToIcs(emu.calendar, emu.calendar.defaultCalendar);
    const physical = ics.split('\r\n');
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toContain('\n');
    for (const line of physical) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(physical.some((l) => l.startsWith(' '))).toBe(true);

    const lines = unfoldIcs(ics);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('BEGIN:VTIMEZONE');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(3);
    expect(lines).toContain('DTSTART;TZID=Asia/Tokyo:20260410T140000');
    expect(lines).toContain('DTEND;TZID=Asia/Tokyo:20260410T153000');
    expect(lines).toContain('RRULE:FREQ=MONTHLY;BYMONTHDAY=8,9,10,11,12,13,14;BYDAY=WE');
    expect(lines).toContain('SUMMARY:企画会議\\, グループA');
    expect(lines.filter((l) => l.startsWith('ATTENDEE')).map((l) => l.split(':mailto:')[1])).toEqual(['a@example.jp', 'a@example.jp', 'b@example.jp']); // sorted by start: the series (04-08) first
    expect(lines.filter((l) => l.startsWith('STATUS:'))).toEqual(['STATUS:CONFIRMED', 'STATUS:CONFIRMED', 'STATUS:CANCELLED']);
    expect(lines).toContain(`UID:${single.getId()}`);
    const desc = lines.find((l) => l.startsWith('DESCRIPTION:') && l.includes('議題'))!;
    expect(unescapeText(desc.slice('DESCRIPTION:'.length))).toBe(description);
  });
});
