import { loadAddOn } from '../../../support/bundle';
import type { MeetingPlanView, MeetingSyncReport, RpcResult } from '../../../../src/protocol';
import { NOW, calendarCalls, calendarState, editMeeting, editRound, jst, liveEventsFor, meetingRows, notificationSet, partnerRows, typeNetwork, typePartners } from '../../../support/meetings';
import { SCOPES } from '../../../../src/server/scopes';

function addOn(options: Parameters<typeof loadAddOn>[0] = {}) {
  const emu = loadAddOn({ now: NOW, ...options });
  emu.run('setUpWorkbook');
  typeNetwork(emu);
  emu.ledger.reset();
  const send = (operation: string) => {
    const r = emu.run<RpcResult<MeetingSyncReport>>('rpcSendMeetingInvites', [], { operation });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  return { emu, send };
}

describe('meetings through the built bundle', () => {
  test('menu 「会議の招待を送信」 creates the events, invites the guests and reports in Japanese', () => {
    const { emu } = addOn();
    emu.run('onOpen', [{ authMode: 'LIMITED' }], { authMode: 'LIMITED' });
    const captions = emu.uiState.menus[0]!.items.filter((i) => 'caption' in i).map((i) => (i as { caption: string }).caption);
    expect(captions).toContain('会議の招待を送信');

    emu.run('sendMeetingInvites', [], { operation: 'menu' });
    const alert = emu.uiState.alerts.at(-1)!;
    expect(alert.title).toBe('会議の招待を送信');
    expect(alert.prompt.split('\n')[0]).toBe('作成 4件、更新 0件、中止 0件、変更なし 0件。要確認: 3件。');
    expect(alert.prompt).toContain('「会議」シート 2行目「招待先」: 団体「ハローワーク飯田橋 専門援助部門」(AG-005)にメールがないため招待できません。');
    expect(emu.calendar.notifications.map((n) => n.kind)).toEqual(['invite', 'invite', 'invite', 'invite']);
    expect(meetingRows(emu).map((r) => String(r.calendarEventId).endsWith('@google.com'))).toEqual([true, true, true, true]);
    expect(emu.ledger.count({ operation: 'menu', method: 'Calendar.createEvent' }) + emu.ledger.count({ operation: 'menu', method: 'Calendar.createEventSeries' })).toBe(4);
    const log = emu.active.sheets.find((s) => s.name === '操作ログ')!.getDataRange().getValues();
    expect(log.at(-1)!.slice(2, 4)).toEqual(['会議の招待を送信', '成功']);
  });

  test('sidebar plan makes no Calendar call; send → update with notice → cancel with notice → unchanged re-run with zero calls', () => {
    const { emu, send } = addOn();
    const plan = emu.run<RpcResult<MeetingPlanView>>('rpcPlanMeetings', [], { operation: 'plan' });
    expect(plan.ok && plan.value.counts).toEqual({ create: 4, update: 0, cancel: 0, unchanged: 0, invalid: 0 });
    expect(plan.ok && plan.value.items.find((i) => i.title === '定例会')).toMatchObject({ recurrence: '毎月第2水曜', start: jst('2026-03-11T18:30').toISOString() });
    expect(calendarCalls(emu, 'plan')).toBe(0);

    expect(send('create')).toMatchObject({ created: 4 });
    editMeeting(emu, '企画会議（グループB）', { start: jst('2026-02-20T10:00'), end: jst('2026-02-20T11:30') });
    expect(send('move')).toMatchObject({ updated: 1, unchanged: 3 });
    expect(emu.calendar.notifications.at(-1)).toMatchObject({ kind: 'update', title: '企画会議（グループB）', to: ['step@example.jp', 'tsubasa@example.jp'] });

    editMeeting(emu, '定例会', { status: '中止' });
    expect(send('cancel')).toMatchObject({ cancelled: 1, unchanged: 3 });
    expect(emu.calendar.notifications.at(-1)).toMatchObject({ kind: 'cancel', title: '定例会' });
    expect(liveEventsFor(emu, 'MTG-003')).toHaveLength(0);

    const notices = emu.calendar.notifications.length;
    expect(send('again')).toMatchObject({ created: 0, updated: 0, cancelled: 0, unchanged: 4 });
    expect(calendarCalls(emu, 'again')).toBe(0);
    expect(emu.calendar.notifications.length).toBe(notices);
  });

  test('no duplicate after a fault at any Calendar call of a sync in the bundle', () => {
    const scenario = () => {
      const s = addOn();
      s.send('first');
      editRound(s.emu);
      s.emu.ledger.reset();
      return s;
    };
    const clean = scenario();
    clean.send('sync');
    const indices = clean.emu.ledger.records.map((r, i) => (r.service === 'CalendarApp' || r.service === 'Calendar' ? i + 1 : 0)).filter(Boolean);
    expect(indices.length).toBeGreaterThan(10);
    for (const k of indices) {
      const run = scenario();
      run.emu.runtime.failAt({ atCall: k, message: 'Service invoked too many times for one day: calendar.' });
      const failed = run.send('faulted');
      expect(failed.stopped).toBe(true);
      expect(run.emu.runtime.faultPending).toBe(false);
      run.send('rerun');
      const label = `fault at call ${k} (${clean.emu.ledger.records[k - 1]!.method})`;
      expect({ label, state: calendarState(run.emu) }).toEqual({ label, state: calendarState(clean.emu) });
      expect({ label, notices: notificationSet(run.emu) }).toEqual({ label, notices: notificationSet(clean.emu) });
    }
  });

  test('without the Calendar grant the user is told which permission is missing, and nothing is sent', () => {
    const { emu } = addOn({
      grantedScopes: [SCOPES.sheets, SCOPES.ui, SCOPES.email],
    });
    emu.run('sendMeetingInvites', [], { operation: 'nogrant' });
    expect(emu.uiState.alerts.at(-1)!.prompt).toContain('Google カレンダーの予定の管理');
    expect(calendarCalls(emu, 'nogrant')).toBe(0);
    expect(emu.calendar.events).toHaveLength(0);
  });
});

describe('関係機関 through the built bundle (issue 17)', () => {
  test('menu 初期設定 makes 関係機関; the sidebar plan lists the partners as guests and names the one without e-mail; the menu send invites them', () => {
    const emu = loadAddOn({ now: NOW });
    emu.run('setUpWorkbook');
    expect(emu.active.sheets.some((s) => s.name === '関係機関')).toBe(true);
    typeNetwork(emu, [{ title: '合同説明会', start: jst('2026-03-04T14:00'), end: jst('2026-03-04T16:00'), place: '区民会館', invitees: '関係機関:区役所;関係機関:ハローワーク;関係機関:特別支援学校', agenda: '', status: '予定' }]);
    typePartners(emu);
    const plan = emu.run<RpcResult<MeetingPlanView>>('rpcPlanMeetings');
    if (!plan.ok) throw new Error(plan.error.message);
    expect(plan.value.items[0]).toMatchObject({ action: 'create', guests: ['fukushi@city.example.jp', 'senmon@hellowork.example.jp'] });
    expect(plan.value.problems.map((p) => p.message)).toEqual([expect.stringContaining('関係機関「都立○○特別支援学校」(K004、「関係機関」シート 5行目)')]);
    emu.run('sendMeetingInvites');
    const alert = emu.uiState.alerts.at(-1)!;
    expect(alert.prompt.split('\n')[0]).toBe('作成 1件、更新 0件、中止 0件、変更なし 0件。要確認: 1件。');
    expect(emu.calendar.notifications.map((n) => [n.kind, [...n.to].sort()])).toEqual([['invite', ['fukushi@city.example.jp', 'senmon@hellowork.example.jp']]]);
    expect(partnerRows(emu).map((r) => r.id)).toEqual(['K001', 'K002', 'K003', 'K004']);
  });
});
