/**
 * Issue 17: 関係機関 (organisations that are not members) made by 初期設定 and invited to meetings through 招待先 —
 * 関係機関, 関係機関:<種別>, ids K001… (given by 「会議の招待を送信」) — on the emulator: calendar guests, ids written,
 * problems located, and no read of 関係機関 when no 招待先 names it.
 */
import { withEmulator } from '../../../support/globals';
import { setUpWorkbook } from '../../../../src/server/workspace/features/setup';
import { previewMeetings, syncMeetings } from '../../../../src/server/workspace/features/meetings';
import { NOW, TEST_MEETINGS, calendarState, jst, meetingRows, partnerRows, typeNetwork, typePartners, typeRows } from '../../../support/meetings';
import { formatProblem } from '../../../../src/server/domain/where';
import { MEETINGS, PARTNERS, PARTNER_KINDS, WORKBOOK } from '../../../../src/server/domain/schema';

beforeEach(() => {
  jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] });
});
afterEach(() => jest.useRealTimers());

const BRIEFING = { title: '合同説明会', start: jst('2026-03-04T14:00'), end: jst('2026-03-04T16:00'), place: '区民会館', invitees: '関係機関:区役所;関係機関:ハローワーク、AG-001', agenda: '企業向け説明会', status: '予定' };

function setup(meetings: Record<string, unknown>[] = [BRIEFING]) {
  const emu = withEmulator({ now: NOW });
  const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
  setUpWorkbook(ss, 'ja');
  typeNetwork(emu, meetings as typeof TEST_MEETINGS);
  typePartners(emu);
  emu.ledger.reset();
  return { emu, ss };
}

describe('関係機関 sheet (初期設定)', () => {
  test('made by 初期設定 with its headers, 種別 dropdown and 招待する checkboxes; an old workbook gets it on a re-run, nothing else changed', () => {
    const emu = withEmulator({ now: NOW });
    const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
    // A workbook set up before 関係機関 existed, with data in 会議.
    setUpWorkbook(ss, 'ja', WORKBOOK.filter((d) => d !== PARTNERS));
    typeRows(emu, MEETINGS, [TEST_MEETINGS[0]!]);
    expect(emu.active.sheets.some((s) => s.name === '関係機関')).toBe(false);
    const before = emu.active.sheets.find((s) => s.name === '会議')!.getDataRange().getValues();
    const report = setUpWorkbook(ss, 'ja');
    expect(report.createdSheets).toEqual(['関係機関']);
    const sheet = emu.active.sheets.find((s) => s.name === '関係機関')!;
    expect(sheet.getRange(1, 1, 1, 8).getValues()[0]).toEqual(['id', '種別', '名称', '担当者', 'メール', '電話', '備考', '招待する']);
    expect(sheet.cell(2, 2)?.validation?.criteria).toBe('VALUE_IN_LIST');
    expect(sheet.cell(2, 2)?.validation?.values?.[0]).toEqual([...PARTNER_KINDS]);
    expect(sheet.cell(2, 8)?.validation?.criteria).toBe('CHECKBOX');
    expect(sheet.cell(2, 6)?.numberFormat).toBe('@');
    expect(emu.active.sheets.find((s) => s.name === '会議')!.getDataRange().getValues()).toEqual(before);
    // Idempotent: a third run adds nothing and keeps a partner typed meanwhile.
    typePartners(emu);
    expect(setUpWorkbook(ss, 'ja')).toMatchObject({ createdSheets: [], addedColumns: [], changed: false });
    expect(partnerRows(emu).map((r) => r.name)).toEqual(['区役所 障害福祉課', '区役所 産業振興課', 'ハローワーク飯田橋 専門援助部門', '都立○○特別支援学校']);
  });
});

describe('関係機関 in 招待先 (会議の招待を送信)', () => {
  test('関係機関:区役所;関係機関:ハローワーク invites the ticked partners of those kinds as calendar guests, beside an agency; ids are given', () => {
    const { emu, ss } = setup();
    const report = emu.ledger.within('sync', () => syncMeetings(ss, 'ja'));
    expect(report).toMatchObject({ created: 1, problems: [] });
    expect(calendarState(emu)[0]).toMatchObject({ title: '合同説明会', guests: ['fukushi@city.example.jp', 'info@aoba.example.jp', 'senmon@hellowork.example.jp'] });
    expect(emu.calendar.notifications.map((n) => [n.kind, [...n.to].sort()])).toEqual([['invite', ['fukushi@city.example.jp', 'info@aoba.example.jp', 'senmon@hellowork.example.jp']]]);
    // Ids K001… written to the partners typed without one (one setValues), before the event was made.
    expect(partnerRows(emu).map((r) => r.id)).toEqual(['K001', 'K002', 'K003', 'K004']);
    const calls = emu.ledger.records.filter((c) => c.operation === 'sync').map((c) => c.method);
    expect(calls.indexOf('Range.setValues')).toBeLessThan(calls.indexOf('Calendar.createEvent'));
    // A re-run reads the ids back and sends nothing.
    expect(syncMeetings(ss, 'ja')).toMatchObject({ created: 0, unchanged: 1 });
  });

  test('関係機関 alone: the ticked partners, the school without e-mail listed at its sheet and row; then an id (K002, not ticked) adds that one', () => {
    const { emu, ss } = setup([{ ...BRIEFING, invitees: '関係機関' }]);
    const report = syncMeetings(ss, 'ja');
    expect(report.created).toBe(1);
    expect(calendarState(emu)[0]!.guests).toEqual(['fukushi@city.example.jp', 'senmon@hellowork.example.jp']);
    expect(report.problems.map((p) => formatProblem('ja', p))).toEqual([
      '「会議」シート 2行目「招待先」: 関係機関「都立○○特別支援学校」(K004、「関係機関」シート 5行目)のメール「」が空か正しくないため招待できません。メールを入力してください。',
    ]);
    // K002 was written by that run: a new meeting names it.
    typeRows(emu, MEETINGS, [{ ...BRIEFING, title: '報告会（区）', invitees: 'K002', start: jst('2026-03-05T14:00'), end: jst('2026-03-05T15:00') }]);
    expect(syncMeetings(ss, 'ja').created).toBe(1);
    expect(calendarState(emu).find((e) => e.title === '報告会（区）')!.guests).toEqual(['sangyo@city.example.jp']);
    expect(previewMeetings(ss, 'ja').problems).toHaveLength(1);
  });

  test('an unknown kind or id is an error at 会議 row and 招待先, and nothing is sent for that row', () => {
    const { emu, ss } = setup([{ ...BRIEFING, invitees: '関係機関:市役所、K099' }]);
    const report = syncMeetings(ss, 'ja');
    expect(report.created).toBe(0);
    expect(emu.calendar.events).toHaveLength(0);
    expect(report.problems.map((p) => formatProblem('ja', p))).toEqual([
      '「会議」シート 2行目「招待先」: 関係機関の種別「市役所」はありません。区役所・ハローワーク・特別支援学校・商工会議所・実習受入企業・その他 のどれかを「関係機関:区役所」のように書いてください。',
      '「会議」シート 2行目「招待先」: 関係機関 id「K099」が「関係機関」シートにありません。id を確認するか、関係機関・関係機関:区役所 のように書いてください。',
    ]);
    expect(meetingRows(emu)[0]!.calendarEventId).toBe('');
  });

  test('no 招待先 names a partner: 関係機関 is not read at all (calls as before), its rows keep no id', () => {
    const { emu, ss } = setup(TEST_MEETINGS);
    const sheetId = emu.active.sheets.find((s) => s.name === '関係機関')!.sheetId;
    emu.ledger.within('sync', () => syncMeetings(ss, 'ja'));
    expect(emu.ledger.records.filter((c) => c.target === `sheet:${sheetId}`)).toEqual([]);
    expect(partnerRows(emu).map((r) => r.id)).toEqual(['', '', '', '']);
  });
});

test('a workbook set up before 関係機関: a 招待先 naming partners stops the run with the sheet named, nothing sent; 初期設定 then fixes it', () => {
  const emu = withEmulator({ now: NOW });
  const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
  setUpWorkbook(ss, 'ja', WORKBOOK.filter((d) => d !== PARTNERS));
  typeNetwork(emu, [BRIEFING] as typeof TEST_MEETINGS);
  expect(() => syncMeetings(ss, 'ja')).toThrow(expect.objectContaining({ key: 'setup.needed', params: { sheet: '関係機関' } }));
  expect(emu.calendar.events).toHaveLength(0);
  setUpWorkbook(ss, 'ja');
  typePartners(emu);
  expect(syncMeetings(ss, 'ja').created).toBe(1);
});
