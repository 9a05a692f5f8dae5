/**
 * 「行事の案内を送信」 (issue 17 item 6) on the emulator: an event's 招待先 (関係機関:<種別>, agency ids, addresses)
 * resolved by 会議's resolver, one mail per address with the registration form's link, none on a re-run, only the new
 * address after 招待先 grows, the daily quota (2 today, the rest the next day), 要確認 after a run that died mid-batch,
 * and the refusals (no form, an unknown kind, an event under way); 初期設定 adds 招待先 to an old 行事 without
 * touching its data.
 */
import { withEmulator } from '../../../support/globals';
import { setUpWorkbook } from '../../../../src/server/workspace/features/setup';
import { sendEventInvites } from '../../../../src/server/workspace/features/eventInvites';
import { EVENTS, WORKBOOK } from '../../../../src/server/domain/schema';
import { TEST_AGENCIES, typePartners, typeRows } from '../../../support/meetings';
import { AGENCIES } from '../../../../src/server/domain/schema';
import { formatProblem } from '../../../../src/server/domain/where';
import type { Emulator } from '../../../../emulator';
import { followEmulatorClock } from '../../../support/clock';

const NOW = new Date('2026-02-02T09:00:00+09:00');
const FORM = 'https://docs.google.com/forms/d/e/SEMINAR/viewform';
const SEMINAR = {
  id: 'EV-1', kind: '合同説明会', title: '企業向け合同説明会', start: new Date('2026-03-04T14:00:00+09:00'), end: new Date('2026-03-04T16:00:00+09:00'),
  venue: '区民会館', registrationForm: FORM, invitees: '関係機関:ハローワーク、AG-001, ward@city.example.jp',
};

const clock = followEmulatorClock(NOW);
const advance = (ms: number): void => clock.advance(ms);

function workbook(event: Record<string, unknown> = SEMINAR) {
  const emu = withEmulator({ now: NOW });
  clock.track(emu);
  jest.setSystemTime(emu.runtime.now());
  emu.mail.dailyQuota = 100;
  const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
  setUpWorkbook(ss, 'ja');
  typeRows(emu, AGENCIES, TEST_AGENCIES);
  typePartners(emu);
  typeRows(emu, EVENTS, [event]);
  emu.ledger.reset();
  return { emu, ss };
}
const recipients = (emu: Emulator) => emu.mail.outbox.map((m) => m.to.join(','));
function setInvitees(emu: Emulator, value: string): void {
  const sheet = emu.active.sheets.find((s) => s.name === '行事')!;
  const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]!.map(String);
  sheet.getRange(2, header.indexOf('招待先') + 1).setValue(value);
}

/** A run that dies after sending, before recording: every Document Properties write after the first (the 要確認 record) fails. */
function deadRun(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  const real = (globalThis as Record<string, any>).PropertiesService;
  let writes = 0;
  (globalThis as Record<string, any>).PropertiesService = {
    getDocumentProperties: () => {
      const p = real.getDocumentProperties();
      return new Proxy(p, { get: (t, k) => (k === 'setProperties' ? (v: never) => { if (++writes > 1) throw new Error('Exceeded maximum execution time'); return t.setProperties(v); } : typeof t[k] === 'function' ? t[k].bind(t) : t[k]) });
    },
  };
  try {
    expect(() => sendEventInvites(ss, 'ja', 'EV-1')).toThrow('Exceeded maximum execution time');
  } finally {
    (globalThis as Record<string, any>).PropertiesService = real;
  }
}

describe('行事の案内を送信', () => {
  test('one mail per resolved address with the form link; a re-run sends none; an address added later is the only one sent', () => {
    const { emu, ss } = workbook();
    const first = emu.ledger.within('invite', () => sendEventInvites(ss, 'ja', 'EV-1'));
    expect(first).toMatchObject({ sent: 3, left: 0, problems: [] });
    expect(recipients(emu)).toEqual(['senmon@hellowork.example.jp', 'info@aoba.example.jp', 'ward@city.example.jp']);
    const mail = emu.mail.outbox[0]!;
    expect(mail.subject).toBe('【ご案内】企業向け合同説明会');
    expect(mail.body).toContain(`お申し込み: ${FORM}`);
    expect(mail.body).toContain('会場: 区民会館');
    expect(mail.body).toContain('令和8年3月4日');
    expect(mail.body).not.toMatch(/参加方法|\{\{/);
    expect(first.message).toBe('「EV-1」の案内を3通送りました。');
    // Calls: constant reads, one quota, two property writes around the batch, one sendEmail per address.
    // (行事, 団体, 関係機関 as views; メール文面 and 設定 with 行事 again for the mail context: 6 sheet reads, one
    // getSheetValues each.)
    expect(emu.ledger.byMethod('invite')).toMatchObject({
      'MailApp.MailApp.getRemainingDailyQuota': 1, 'MailApp.MailApp.sendEmail': 3, 'PropertiesService.Properties.getProperties': 1,
      'PropertiesService.Properties.setProperties': 2, 'SpreadsheetApp.Sheet.getSheetValues': 6,
    });

    expect(sendEventInvites(ss, 'ja', 'EV-1')).toMatchObject({ sent: 0, left: 0 });
    expect(emu.mail.outbox).toHaveLength(3);

    setInvitees(emu, `${SEMINAR.invitees}、関係機関:区役所`);
    expect(sendEventInvites(ss, 'ja', 'EV-1').sent).toBe(1);
    expect(recipients(emu).slice(3)).toEqual(['fukushi@city.example.jp']);
  });

  test('quota 2: two today, the rest the next day, nobody twice', () => {
    const { emu, ss } = workbook();
    emu.mail.dailyQuota = 2;
    const first = sendEventInvites(ss, 'ja', 'EV-1');
    expect(first).toMatchObject({ sent: 2, left: 1 });
    expect(first.message).toContain('残り1通は、明日以降に再実行すると送ります');
    advance(60 * 60 * 1000);
    expect(sendEventInvites(ss, 'ja', 'EV-1')).toMatchObject({ sent: 0, left: 1 });
    advance(24 * 60 * 60 * 1000);
    expect(sendEventInvites(ss, 'ja', 'EV-1')).toMatchObject({ sent: 1, left: 0 });
    expect(recipients(emu)).toEqual(['senmon@hellowork.example.jp', 'info@aoba.example.jp', 'ward@city.example.jp']);
  });

  test('a run that dies after sending, before recording: the addresses are 要確認, never mailed again', () => {
    const { emu, ss } = workbook();
    deadRun(ss);
    expect(emu.mail.outbox).toHaveLength(3);
    const again = sendEventInvites(ss, 'ja', 'EV-1');
    expect(again.sent).toBe(0);
    expect(emu.mail.outbox).toHaveLength(3);
    expect(again.message).toContain('要確認3件（前回の送信が途中で止まり、届いたか不明。自動では再送しません。本人に確認し、届いていなければサイドバーで選んで送り直してください）: senmon@hellowork.example.jp、info@aoba.example.jp、ward@city.example.jp');
    expect(again.inDoubt).toEqual(['senmon@hellowork.example.jp', 'info@aoba.example.jp', 'ward@city.example.jp']);
  });

  test('a 要確認 address the coordinator releases (asked the person) is sent once, never twice; nothing else is released', () => {
    const { emu, ss } = workbook();
    deadRun(ss);
    expect(emu.mail.outbox).toHaveLength(3);
    expect(sendEventInvites(ss, 'ja', 'EV-1')).toMatchObject({ sent: 0, inDoubt: ['senmon@hellowork.example.jp', 'info@aoba.example.jp', 'ward@city.example.jp'] });
    emu.ledger.reset();
    // Released: one address (typed with capitals and spaces, as a person might), plus one never sent for this event and
    // one of another event: only the 要確認 one goes.
    const r = emu.ledger.within('resend', () => sendEventInvites(ss, 'ja', 'EV-1', [' INFO@aoba.example.jp', 'stranger@example.jp', 42]));
    expect(r).toMatchObject({ sent: 1, left: 0, inDoubt: ['senmon@hellowork.example.jp', 'ward@city.example.jp'] });
    expect(recipients(emu).slice(3)).toEqual(['info@aoba.example.jp']);
    expect(emu.mail.outbox[3]!.subject).toBe('【ご案内】企業向け合同説明会');
    expect(emu.ledger.byMethod('resend')).toMatchObject({ 'MailApp.MailApp.sendEmail': 1, 'PropertiesService.Properties.setProperties': 2 });
    // The same release again (a second click): recorded 送信 now, so nothing.
    expect(sendEventInvites(ss, 'ja', 'EV-1', ['info@aoba.example.jp'])).toMatchObject({ sent: 0, inDoubt: ['senmon@hellowork.example.jp', 'ward@city.example.jp'] });
    expect(sendEventInvites(ss, 'ja', 'EV-1')).toMatchObject({ sent: 0 });
    expect(emu.mail.outbox).toHaveLength(4);
  });

  test('a send that throws stops the batch; the re-run sends the rest only', () => {
    const { emu, ss } = workbook();
    emu.runtime.failAt({ atCall: 3, service: 'MailApp', message: 'Service unavailable: Gmail' }); // quota, 1st send, 2nd fails
    const r = sendEventInvites(ss, 'ja', 'EV-1');
    expect(r).toMatchObject({ sent: 1, left: 2 });
    expect(r.message).toContain('Gmail');
    expect(sendEventInvites(ss, 'ja', 'EV-1')).toMatchObject({ sent: 2, left: 0 });
    expect(recipients(emu)).toEqual(['senmon@hellowork.example.jp', 'info@aoba.example.jp', 'ward@city.example.jp']);
  });

  test('refusals: an unknown kind sends nothing and is located; no form; an event under way', () => {
    const { emu, ss } = workbook({ ...SEMINAR, invitees: '関係機関:市役所、AG-001' });
    const r = sendEventInvites(ss, 'ja', 'EV-1');
    expect(r.sent).toBe(0);
    expect(emu.mail.outbox).toHaveLength(0);
    expect(r.problems.map((p) => formatProblem('ja', p))).toEqual([expect.stringMatching(/^「行事」シート 2行目「招待先」: 関係機関の種別「市役所」はありません/)]);
    expect(r.message).toContain('「招待先」を直してから再実行してください');
    const noForm = workbook({ ...SEMINAR, registrationForm: '' });
    expect(() => sendEventInvites(noForm.ss, 'ja', 'EV-1')).toThrow(/申込フォーム（「フォームを作成」）が要ります/);
    const past = workbook({ ...SEMINAR, start: new Date('2026-02-01T14:00:00+09:00') });
    expect(() => sendEventInvites(past.ss, 'ja', 'EV-1')).toThrow(/開始済み/);
  });
});

describe('招待先 on 行事 (初期設定)', () => {
  test('an old 行事 without 招待先 gets the column at its end, its data untouched', () => {
    const emu = withEmulator({ now: NOW });
    const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
    const old = { ...EVENTS, columns: EVENTS.columns.filter((c) => c.key !== 'invitees') };
    setUpWorkbook(ss, 'ja', WORKBOOK.map((d) => (d === EVENTS ? old : d)));
    typeRows(emu, old as never, [{ id: 'EV-1', title: '研修', venue: '研修室' }]);
    const sheet = emu.active.sheets.find((s) => s.name === '行事')!;
    const before = sheet.getDataRange().getValues();
    const report = setUpWorkbook(ss, 'ja');
    expect(report.addedColumns).toEqual(['行事.招待先']);
    const after = sheet.getDataRange().getValues();
    expect(after[0]!.at(-1)).toBe('招待先');
    expect(after.map((r) => r.slice(0, before[0]!.length))).toEqual(before);
  });
});
