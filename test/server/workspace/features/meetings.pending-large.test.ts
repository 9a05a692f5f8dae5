/**
 * Issue 12 part 7: the pending-create list outgrows one Document Property (9 KB per value). A run that stops part-way
 * through 1,000 creates must leave a list a resume can read, and the resume must create each event exactly once.
 */
import { withEmulator } from '../../../support/globals';
import { setUpWorkbook } from '../../../../src/server/workspace/features/setup';
import { PENDING_PROPERTY, syncMeetings } from '../../../../src/server/workspace/features/meetings';
import { MEETINGS } from '../../../../src/server/domain/schema';
import { jst, liveEventsFor, meetingRows, typeNetwork } from '../../../support/meetings';

// No fake timers here (they make Intl ten times slower): the meetings lie far enough ahead of any real clock.

const COUNT = 1000;
const MANY = Array.from({ length: COUNT }, (_, i) => ({
  title: `個別相談会 ${i + 1}`, start: jst(`2099-03-${String(2 + (i % 25)).padStart(2, '0')}T${String(9 + (i % 8)).padStart(2, '0')}:00`),
  end: jst(`2099-03-${String(2 + (i % 25)).padStart(2, '0')}T${String(9 + (i % 8)).padStart(2, '0')}:30`), place: '会議室', invitees: 'AG-001', agenda: '', status: '予定',
}));

test('1,000 pending creates (over 9 KB) survive a stop part-way; the resume creates each event once and clears the list', () => {
  const emu = withEmulator();
  const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
  setUpWorkbook(ss, 'ja');
  const sheet = emu.active.sheets.find((s) => s.name === '会議')!;
  sheet.insertRowsAfter(sheet.getMaxRows(), COUNT + 10 - sheet.getMaxRows());
  typeNetwork(emu, []);
  // The 1,000 rows pasted in one go, as a volunteer pasting a schedule would.
  const headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]!.map(String);
  const header = (key: string) => MEETINGS.columns.find((c) => c.key === key)!.header;
  sheet.getRange(2, 1, COUNT, headers.length).setValues(MANY.map((m) => headers.map((h) => {
    const key = Object.keys(m).find((k) => header(k) === h) as keyof typeof m | undefined;
    return key ? m[key] : '';
  })));
  // Stop at the 5th Calendar call (the 2nd create): one event exists, the ids of all 1,000 rows are in the sheet and pending.
  emu.runtime.failAt({ atCall: 5, service: 'CalendarApp', message: 'Service unavailable: Calendar' });
  const first = emu.ledger.within('first', () => syncMeetings(ss, 'ja'));
  emu.runtime.clearFault();
  expect(first.stopped).toBe(true);
  expect(first.message).not.toContain('Argument too large');
  const stored = [...emu.properties.document].filter(([k]) => k.startsWith(PENDING_PROPERTY));
  expect(stored.reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0)).toBeGreaterThan(9 * 1024);
  for (const [, v] of stored) expect(Buffer.byteLength(v)).toBeLessThanOrEqual(9 * 1024);
  expect(first.created).toBeGreaterThan(0);
  expect(first.created).toBeLessThan(COUNT);

  const resumed = emu.ledger.within('resume', () => syncMeetings(ss, 'ja'));
  expect(resumed.stopped).toBe(false);
  expect(first.created + resumed.created).toBe(COUNT);
  const rows = meetingRows(emu);
  expect(new Set(rows.map((r) => r.id)).size).toBe(COUNT);
  for (const r of rows.slice(0, 5)) expect(liveEventsFor(emu, String(r.id))).toHaveLength(1);
  expect(emu.calendar.events.filter((e) => e.status === 'confirmed')).toHaveLength(COUNT);
  expect([...emu.properties.document.keys()].filter((k) => k.startsWith(PENDING_PROPERTY))).toEqual([]);
  // The list costs one read and a few writes, not one per meeting.
  const listCalls = ['getProperties', 'getProperty', 'setProperties', 'deleteProperty'].reduce((n, m) => n + emu.ledger.count({ operation: 'resume', method: `Properties.${m}` }), 0);
  expect(listCalls).toBeGreaterThan(0);
  expect(listCalls).toBeLessThan(8);
});
