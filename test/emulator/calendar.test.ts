/**
 * Advanced Calendar Events.list as https://developers.google.com/calendar/api/v3/reference/events/list describes
 * singleEvents, orderBy, timeMin (exclusive bound on the end) and timeMax (exclusive bound on the start);
 * CalendarApp.createCalendar (https://developers.google.com/apps-script/reference/calendar/calendar-app#createCalendar(String)).
 */
import { createEmulator } from '../../emulator';

const jst = (s: string) => new Date(`${s}+09:00`);

function setup() {
  const emu = createEmulator({ now: new Date('2026-04-01T00:00:00Z'), advancedCalendar: true });
  const cal = emu.globals.CalendarApp.getDefaultCalendar();
  // Created out of order: a weekly series from 4/6, then a one-off on 4/3, then one on 4/20.
  const weekly = emu.globals.CalendarApp.newRecurrence().addWeeklyRule().times(3);
  cal.createEventSeries('週次ミーティング', jst('2026-04-06T10:00:00'), jst('2026-04-06T11:00:00'), weekly);
  cal.createEvent('単発A', jst('2026-04-03T09:00:00'), jst('2026-04-03T10:00:00'));
  cal.createEvent('単発B', jst('2026-04-20T09:00:00'), jst('2026-04-20T10:00:00'));
  return { emu, Calendar: emu.globals.Calendar!, calendarId: cal.getId() };
}

describe('Calendar.Events.list', () => {
  test('orderBy startTime without singleEvents fails as the API does', () => {
    const { Calendar, calendarId } = setup();
    expect(() => Calendar.Events!.list(calendarId, { orderBy: 'startTime' })).toThrow(
      'API call to calendar.events.list failed with error: The requested ordering is not available for the particular query.',
    );
  });

  test('singleEvents expands the series into instances; orderBy startTime sorts them with the one-offs', () => {
    const { Calendar, calendarId } = setup();
    const list = Calendar.Events!.list(calendarId, { singleEvents: true, orderBy: 'startTime' });
    expect(list.items!.map((e) => [e.summary, e.start!.dateTime])).toEqual([
      ['単発A', '2026-04-03T09:00:00+09:00'],
      ['週次ミーティング', '2026-04-06T10:00:00+09:00'],
      ['週次ミーティング', '2026-04-13T10:00:00+09:00'],
      ['単発B', '2026-04-20T09:00:00+09:00'],
      ['週次ミーティング', '2026-04-20T10:00:00+09:00'],
    ]);
    const instance = list.items![1]!;
    expect(instance.recurringEventId).toBeTruthy();
    expect(instance.id).toBe(`${instance.recurringEventId}_20260406T010000Z`);
    expect(instance.originalStartTime!.dateTime).toBe('2026-04-06T10:00:00+09:00');
    expect(instance.recurrence).toBeUndefined();
    // Without singleEvents the series is one item carrying its RRULE.
    const plain = Calendar.Events!.list(calendarId, {});
    expect(plain.items!.filter((e) => e.summary === '週次ミーティング')).toHaveLength(1);
    expect(plain.items!.find((e) => e.summary === '週次ミーティング')!.recurrence).toEqual(expect.arrayContaining([expect.stringMatching(/^RRULE:FREQ=WEEKLY/)]));
  });

  test('timeMin bounds the end and timeMax the start, both exclusive', () => {
    const { Calendar, calendarId } = setup();
    const list = Calendar.Events!.list(calendarId, {
      singleEvents: true, orderBy: 'startTime',
      timeMin: '2026-04-03T10:00:00+09:00', // 単発A ends exactly then: excluded
      timeMax: '2026-04-20T09:00:00+09:00', // 単発B starts exactly then: excluded
    });
    expect(list.items!.map((e) => e.start!.dateTime)).toEqual(['2026-04-06T10:00:00+09:00', '2026-04-13T10:00:00+09:00']);
  });
});

describe('CalendarApp.createCalendar', () => {
  test('makes a calendar the user owns, found by name and id, holding its own events', () => {
    const emu = createEmulator({ advancedCalendar: true });
    const cal = emu.globals.CalendarApp.createCalendar('研修予定');
    expect(emu.globals.CalendarApp.getCalendarsByName('研修予定').map((c) => c.getId())).toEqual([cal.getId()]);
    cal.createEvent('研修', jst('2026-05-01T10:00:00'), jst('2026-05-01T12:00:00'));
    expect(emu.globals.CalendarApp.getCalendarById(cal.getId())!.getEvents(jst('2026-05-01T00:00:00'), jst('2026-05-02T00:00:00'))).toHaveLength(1);
    expect(emu.globals.Calendar!.Events!.list(cal.getId(), {}).items).toHaveLength(1);
  });
});
