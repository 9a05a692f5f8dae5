import { withEmulator } from '../../../support/globals';
import { setUpWorkbook } from '../../../../src/server/workspace/features/setup';
import { CREATED_PROPERTY_PREFIX, PENDING_PROPERTY, previewMeetings, renderProblem, syncMeetings } from '../../../../src/server/workspace/features/meetings';
import { Settings } from '../../../../src/server/workspace/settings';
import {
  NOW, TEST_MEETINGS, calendarCalls, calendarState, editMeeting, editRound, jst, liveEventsFor, meetingRows, notificationSet, typeNetwork, typeRows,
} from '../../../support/meetings';
import { formatProblem } from '../../../../src/server/domain/where';
import { MEETINGS } from '../../../../src/server/domain/schema';

beforeEach(() => {
  jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] });
});
afterEach(() => {
  jest.useRealTimers();
});

function setup(meetings = TEST_MEETINGS) {
  const emu = withEmulator({ now: NOW });
  const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
  setUpWorkbook(ss, 'ja');
  typeNetwork(emu, meetings);
  emu.ledger.reset();
  const sync = (operation = 'sync') => emu.ledger.within(operation, () => syncMeetings(ss, 'ja'));
  return { emu, ss, sync };
}

describe('会議 → Google Calendar (workspace on the emulator)', () => {
  test('create: one event per valid row with resolved guests and invitations, ids and fingerprints written back', () => {
    const { emu, sync } = setup();
    const report = sync();
    expect(report).toMatchObject({ created: 4, updated: 0, cancelled: 0, unchanged: 0, stopped: false });
    // The agency without e-mail is reported (a warning) for each row that invites its group.
    expect(report.problems.map((p) => p.row)).toEqual([2, 4, 5]);
    expect(report.problems[0]!.message).toContain('ハローワーク飯田橋');

    const rows = meetingRows(emu);
    expect(rows.map((r) => r.id)).toEqual(['MTG-001', 'MTG-002', 'MTG-003', 'MTG-004']);
    for (const r of rows) {
      const ev = emu.calendar.events.find((e) => e.iCalUID === r.calendarEventId)!;
      expect(ev).toBeDefined();
      expect(ev.description).toContain(`会議ID: ${r.id}`);
      expect(String(r.fingerprint)).toMatch(/^v1 /);
      expect(r.lastSynced).toEqual(NOW);
    }
    const state = calendarState(emu);
    expect(state.find((e) => e.meeting === 'MTG-001')).toMatchObject({
      title: '企画会議（グループA）', location: 'ワークサポートあおば（東京都千代田区神田錦町3-21）', guests: ['info@aoba.example.jp', 'kagayaki@example.jp'], recurring: false,
    });
    expect(state.find((e) => e.meeting === 'MTG-003')).toMatchObject({ recurring: true, guests: ['info@aoba.example.jp', 'kagayaki@example.jp', 'step@example.jp', 'tsubasa@example.jp'] });
    expect(state.find((e) => e.meeting === 'MTG-004')!.guests).toEqual(['hw@hellowork.example.jp', 'info@aoba.example.jp', 'kagayaki@example.jp', 'step@example.jp', 'tsubasa@example.jp', 'ward@city.example.jp']);

    expect(emu.calendar.notifications.map((n) => [n.kind, n.title, n.to.length])).toEqual([
      ['invite', '企画会議（グループA）', 2], ['invite', '企画会議（グループB）', 2], ['invite', '定例会', 4], ['invite', '報告会', 6],
    ]);
    // Calls: one create + one getId per event, the calendar opened once; series builder calls are local.
    expect(emu.ledger.count({ operation: 'sync', method: 'Calendar.createEvent' })).toBe(3);
    expect(emu.ledger.count({ operation: 'sync', method: 'Calendar.createEventSeries' })).toBe(1);
    expect(emu.ledger.count({ operation: 'sync', service: 'Calendar' })).toBe(0);
    expect(emu.ledger.count({ operation: 'sync', method: 'Range.setValues' })).toBe(1 + 4); // ids, then one write-back per event
    expect(emu.calendar.createdToday()).toBe(4);
    expect(emu.properties.user.get(`${CREATED_PROPERTY_PREFIX}2026-02-02`)).toBe('4');
    expect(emu.properties.document.has(PENDING_PROPERTY)).toBe(false);
  });

  test('unchanged re-run: zero Calendar calls, no notice, counts as unchanged', () => {
    const { emu, sync } = setup();
    sync('first');
    const notices = emu.calendar.notifications.length;
    const report = sync('again');
    expect(report).toMatchObject({ created: 0, updated: 0, cancelled: 0, unchanged: 4 });
    expect(calendarCalls(emu, 'again')).toBe(0);
    expect(emu.calendar.notifications.length).toBe(notices);
  });

  test('update with notice: moved meeting → guests told; changed guests → added invited, removed cancelled', () => {
    const { emu, sync } = setup();
    sync('first');
    const before = emu.calendar.notifications.length;
    editMeeting(emu, '企画会議（グループB）', { start: jst('2026-02-20T10:00'), end: jst('2026-02-20T11:30') });
    editMeeting(emu, '企画会議（グループA）', { invitees: 'AG-001, AG-003' });
    const report = sync('update');
    expect(report).toMatchObject({ created: 0, updated: 2, cancelled: 0, unchanged: 2 });
    const moved = calendarState(emu).find((e) => e.meeting === 'MTG-002')!;
    expect(moved.start).toBe(jst('2026-02-20T10:00').toISOString());
    expect(emu.calendar.notifications.slice(before).map((n) => [n.kind, n.title, n.to])).toEqual([
      ['invite', '企画会議（グループA）', ['step@example.jp']],
      ['cancel', '企画会議（グループA）', ['kagayaki@example.jp']],
      ['update', '企画会議（グループB）', ['step@example.jp', 'tsubasa@example.jp']],
    ]);
    // Per update: look the event up (1), patch it (1); the calendar opened once (2).
    expect(emu.ledger.byMethod('update')).toMatchObject({ 'Calendar.Events.list': 2, 'Calendar.Events.patch': 2 });
    expect(calendarCalls(emu, 'update')).toBe(2 + 2 * 2);
    expect(sync('again').unchanged).toBe(4);
    expect(calendarCalls(emu, 'again')).toBe(0);
  });

  test('cancel with notice: 中止 removes the event and tells every guest, once', () => {
    const { emu, sync } = setup();
    sync('first');
    editMeeting(emu, '報告会', { status: '中止' });
    const report = sync('cancel');
    expect(report).toMatchObject({ cancelled: 1, unchanged: 3 });
    expect(liveEventsFor(emu, 'MTG-004')).toHaveLength(0);
    expect(emu.calendar.notifications.at(-1)).toMatchObject({ kind: 'cancel', title: '報告会' });
    expect(emu.calendar.notifications.at(-1)!.to).toHaveLength(6);
    expect(String(meetingRows(emu)[3]!.fingerprint)).toMatch(/^cancelled /);
    const notices = emu.calendar.notifications.length;
    expect(sync('again')).toMatchObject({ cancelled: 0, unchanged: 4 });
    expect(emu.calendar.notifications.length).toBe(notices);
    expect(calendarCalls(emu, 'again')).toBe(0);
  });

  test('invalid rows send nothing and are reported with row and column; valid rows still go out', () => {
    const { emu, sync } = setup([
      { ...TEST_MEETINGS[0]!, end: jst('2026-02-18T13:00') },
      { ...TEST_MEETINGS[1]!, invitees: 'AG-099' },
      { ...TEST_MEETINGS[1]!, title: '過去の会議', start: jst('2026-01-20T10:00'), end: jst('2026-01-20T11:00') },
      { ...TEST_MEETINGS[1]!, title: 'メール誤り', invitees: 'taro@@example.jp' },
      { ...TEST_MEETINGS[1]!, title: '宛先なし', invitees: 'AG-005' },
      TEST_MEETINGS[3]!,
    ]);
    const report = sync();
    expect(report.created).toBe(1);
    expect(emu.calendar.events.map((e) => e.title)).toEqual(['報告会']);
    const errors = report.problems.filter((p) => !p.message.includes('メールがないため'));
    expect(errors.map((p) => [p.row, p.column])).toEqual([[2, '終了'], [3, '招待先'], [4, '開始'], [5, '招待先'], [6, '招待先']]);
    // The location is in the problem's fields, written once by the one formatter (where.ts), never inside the message.
    expect(errors.every((p) => !p.message.includes('行目'))).toBe(true);
    expect(errors.every((p) => formatProblem('ja', p).startsWith(`「会議」シート ${p.row}行目「${p.column}」: `))).toBe(true);
    expect(meetingRows(emu).slice(0, 5).every((r) => r.calendarEventId === '')).toBe(true);
  });

  test('quota: stops before exceeding the daily limit from 設定, with a clear message; the rest go out the next day', () => {
    const { emu, ss, sync } = setup();
    const settings = Settings.open(ss);
    settings.set('カレンダー予定の1日上限', '2');
    settings.flush();
    const report = sync();
    expect(report).toMatchObject({ created: 2, stopped: true });
    expect(report.problems.some((p) => p.message.startsWith('本日のカレンダー予定作成数が上限（1日 2 件）に達するため、2 件の作成を止めました'))).toBe(true);
    expect(emu.calendar.events).toHaveLength(2);
    jest.setSystemTime(new Date(NOW.getTime() + 86_400_000));
    emu.runtime.advanceClock(86_400_000);
    expect(sync('next day')).toMatchObject({ created: 2, unchanged: 2, stopped: false });
    expect(emu.calendar.events).toHaveLength(4);
  });

  test('the chosen calendar in 設定 is used; an unknown id is a clear message', () => {
    const { emu, ss, sync } = setup();
    const team = emu.calendar.addCalendar('就労支援ネットワーク 会議');
    const settings = Settings.open(ss);
    settings.set('カレンダーID', team.id);
    settings.flush();
    sync();
    expect(emu.calendar.events.every((e) => e.calendarId === team.id)).toBe(true);
    const s2 = Settings.open(ss);
    s2.set('カレンダーID', 'nosuch@group.calendar.google.com');
    s2.flush();
    editMeeting(emu, '報告会', { agenda: '変更' });
    expect(() => sync('bad')).toThrow('設定「カレンダーID」のカレンダー「nosuch@group.calendar.google.com」が見つかりません');
  });

  test('preview lists what would be created/updated/cancelled without any Calendar call or write', () => {
    const { emu, ss, sync } = setup();
    sync('first');
    editRound(emu);
    const view = emu.ledger.within('preview', () => previewMeetings(ss, 'ja'));
    expect(view.counts).toEqual({ create: 2, update: 2, cancel: 1, unchanged: 1, invalid: 0 });
    expect(view.items.find((i) => i.title === '企画会議（グループB）')).toMatchObject({ action: 'update', changes: ['日時'] });
    expect(view.items.find((i) => i.title === '勉強会')).toMatchObject({ action: 'create', recurrence: '毎週金曜' });
    expect(calendarCalls(emu, 'preview')).toBe(0);
    expect(emu.ledger.count({ operation: 'preview', method: 'Range.setValues' })).toBe(0);
  });

  test('no duplicate after a fault at ANY Calendar call of a sync: re-run converges to the clean result', () => {
    const scenario = () => {
      const s = setup();
      s.sync('first');
      editRound(s.emu);
      s.emu.ledger.reset();
      return s;
    };
    const clean = scenario();
    clean.emu.ledger.within('sync', () => clean.sync('sync'));
    const indices = clean.emu.ledger.records.map((r, i) => (r.service === 'CalendarApp' || r.service === 'Calendar' ? i + 1 : 0)).filter(Boolean);
    expect(indices.length).toBeGreaterThan(10);
    const expectedState = calendarState(clean.emu);
    const expectedNotices = notificationSet(clean.emu);
    const expectedRows = meetingRows(clean.emu).map((r) => [r.id, r.fingerprint]);

    for (const k of indices) {
      const run = scenario();
      run.emu.runtime.failAt({ atCall: k, message: 'Service unavailable: Calendar' });
      const failed = run.sync('faulted');
      expect(run.emu.runtime.faultPending).toBe(false);
      expect(failed.stopped).toBe(true);
      expect(failed.next).toContain('二重には作成しません');
      expect(failed.problems.every((p) => p.row > 0)).toBe(true);
      run.emu.runtime.clearFault();
      run.sync('rerun');
      const label = `fault at call ${k} (${clean.emu.ledger.records[k - 1]!.method})`;
      expect({ label, state: calendarState(run.emu) }).toEqual({ label, state: expectedState });
      expect({ label, notices: notificationSet(run.emu) }).toEqual({ label, notices: expectedNotices });
      expect({ label, rows: meetingRows(run.emu).map((r) => [r.id, r.fingerprint]) }).toEqual({ label, rows: expectedRows });
      for (const id of ['MTG-001', 'MTG-002', 'MTG-003', 'MTG-005', 'MTG-006']) expect(liveEventsFor(run.emu, id)).toHaveLength(1);
      expect(run.emu.properties.document.has(PENDING_PROPERTY)).toBe(false);
      // And a third run is a no-op.
      expect(run.sync('third')).toMatchObject({ created: 0, updated: 0, cancelled: 0, unchanged: 6 });
      expect(calendarCalls(run.emu, 'third')).toBe(0);
    }
  });

  test('a crash between create and write-back is recovered by the meeting-id marker, without a second invitation', () => {
    const { emu, sync } = setup();
    // Fail the first write-back (the 2nd setValues: the 1st writes the new ids) after the first event exists.
    let seen = 0;
    const original = emu.ledger.record.bind(emu.ledger);
    emu.ledger.record = (service, method) => {
      const r = original(service, method);
      if (method === 'Range.setValues' && ++seen === 2) throw new Error('Service Spreadsheets timed out while accessing document');
      return r;
    };
    const first = sync('crash');
    emu.ledger.record = original;
    expect(first.stopped).toBe(true);
    expect(emu.calendar.events).toHaveLength(1);
    expect(meetingRows(emu)[0]!.calendarEventId).toBe('');
    const second = sync('recover');
    expect(second.created).toBe(4);
    expect(liveEventsFor(emu, 'MTG-001')).toHaveLength(1);
    expect(emu.calendar.notifications.filter((n) => n.title === '企画会議（グループA）')).toHaveLength(1);
    // Every meeting was pending without an id (the crash came before any write-back): the one whose event exists
    // is found by the time-range listing (1 call); the three others also try the full-text search (2 calls each).
    expect(emu.ledger.byMethod('recover')['Calendar.Events.list']).toBe(1 + 3 * 2);
    expect(emu.ledger.count({ operation: 'recover', method: 'Calendar.createEvent' }) + emu.ledger.count({ operation: 'recover', method: 'Calendar.createEventSeries' })).toBe(3);
    expect(meetingRows(emu)[0]!.calendarEventId).toBe(liveEventsFor(emu, 'MTG-001')[0]!.iCalUID);
  });
});

test('problems are rendered from i18n: Japanese by default, English for an English-locale user', () => {
  const p = { severity: 'error' as const, row: 4, column: 'end' as const, code: 'endBeforeStart' as const, params: { end: '2026年4月10日(金) 13:00', start: '2026年4月10日(金) 14:00' } };
  expect(renderProblem(p, 'ja')).toEqual({
    sheet: '会議', row: 4, column: '終了',
    message: '終了（2026年4月10日(金) 13:00）が開始（2026年4月10日(金) 14:00）より前か同じです。終了を開始より後にしてください。',
  });
  expect(renderProblem(p, 'en').message).toBe('The end (2026年4月10日(金) 13:00) is not after the start (2026年4月10日(金) 14:00). Make the end later than the start.');
  expect(formatProblem('en', renderProblem(p, 'en'))).toBe('Sheet "会議", row 4, "終了": The end (2026年4月10日(金) 13:00) is not after the start (2026年4月10日(金) 14:00). Make the end later than the start.');
});

test('recovery also finds the orphan when the row was moved between the crash and the re-run (full-text search)', () => {
  jest.useFakeTimers({ now: NOW });
  const emu = withEmulator({ now: NOW });
  const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
  setUpWorkbook(ss, 'ja');
  typeNetwork(emu, [TEST_MEETINGS[0]!]);
  const original = emu.ledger.record.bind(emu.ledger);
  let writes = 0;
  emu.ledger.record = (service, method) => {
    const r = original(service, method);
    if (method === 'Range.setValues' && ++writes === 2) throw new Error('Service Spreadsheets timed out while accessing document');
    return r;
  };
  expect(syncMeetings(ss, 'ja').stopped).toBe(true);
  emu.ledger.record = original;
  editMeeting(emu, '企画会議（グループA）', { start: jst('2026-03-04T14:00'), end: jst('2026-03-04T15:30') });
  const report = emu.ledger.within('recover', () => syncMeetings(ss, 'ja'));
  expect(report).toMatchObject({ created: 1, stopped: false });
  expect(liveEventsFor(emu, 'MTG-001')).toHaveLength(1);
  expect(liveEventsFor(emu, 'MTG-001')[0]!.start).toEqual(jst('2026-03-04T14:00'));
  expect(emu.calendar.notifications.map((n) => n.kind)).toEqual(['invite', 'update']);
  expect(emu.ledger.byMethod('recover')).toMatchObject({ 'Calendar.Events.list': 2, 'Calendar.Events.patch': 1 });
});

test('calls scale as one artifact per created event; an unchanged sheet of 120 meetings costs no Calendar call and constant Sheets calls', () => {
  jest.useFakeTimers({ now: NOW });
  const many = (n: number) => Array.from({ length: n }, (_, i) => ({
    ...TEST_MEETINGS[1]!, title: `個別相談 ${i + 1}`, start: new Date(jst('2026-03-02T10:00').getTime() + i * 3_600_000), end: new Date(jst('2026-03-02T10:30').getTime() + i * 3_600_000),
  }));
  const measure = (n: number) => {
    const emu = withEmulator({ now: NOW });
    const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
    setUpWorkbook(ss, 'ja');
    typeNetwork(emu, many(n));
    emu.ledger.reset();
    emu.ledger.within('create', () => syncMeetings(ss, 'ja'));
    emu.ledger.within('unchanged', () => syncMeetings(ss, 'ja'));
    return {
      createCalendar: calendarCalls(emu, 'create'), createSheets: emu.ledger.count({ operation: 'create', service: 'SpreadsheetApp' }),
      unchangedCalendar: calendarCalls(emu, 'unchanged'), unchangedSheets: emu.ledger.count({ operation: 'unchanged', service: 'SpreadsheetApp' }),
    };
  };
  const small = measure(10);
  const large = measure(120);
  expect(small.createCalendar).toBe(2 + 2 * 10); // open the calendar + getId; then createEvent + getId per event
  expect(large.createCalendar).toBe(2 + 2 * 120);
  // Per event, its row is found again just before its id is written (a volunteer may sort 会議 meanwhile): the re-read
  // (one getSheetValues) and one getRange + setValues write-back.
  expect(large.createSheets - small.createSheets).toBe(3 * 110);
  expect(small.unchangedCalendar).toBe(0);
  expect(large.unchangedCalendar).toBe(0);
  expect(large.unchangedSheets).toBe(small.unchangedSheets);
});

// Sanity for the helper: the meetings sheet was set up with the schema's headers.
test('scenario rows land under the schema headers', () => {
  jest.useFakeTimers({ now: NOW });
  const emu = withEmulator({ now: NOW });
  setUpWorkbook(emu.globals.SpreadsheetApp.getActiveSpreadsheet(), 'ja');
  typeRows(emu, MEETINGS, [{ title: 'x', invitees: 'グループA' }]);
  expect(meetingRows(emu)[0]).toMatchObject({ title: 'x', invitees: 'グループA', id: '' });
});
