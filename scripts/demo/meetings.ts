/**
 * Demo step: the network's meetings go to Google Calendar. A volunteer types the seed's meetings into 会議
 * (planning meetings for groups A and B, the monthly 定例会 on the 2nd Wednesday, the 報告会 with the ward office
 * and Hello Work as extra guests, the 合同説明会 inviting 関係機関 of two kinds, its 打合せ), sends the invitations, then moves one meeting and
 * cancels one and sends again; a last run finds nothing to do and makes no Calendar call.
 * Exports calendar/<calendar name>.ics and calendar/notifications.json.
 */
import type { MeetingPlanView, MeetingSyncReport, RpcResult } from '../../src/protocol';
import { MEETINGS, PARTNERS, SheetDef } from '../../src/server/domain/schema';
import type { Sheet } from '../../emulator/spreadsheet';
import { calendarToIcs } from '../../emulator/ics';
import type { Emulator } from '../../emulator';
import { formatProblem } from '../../src/server/domain/where';
import { DemoContext } from './context';

const jst = (s: string) => new Date(`${s}:00+09:00`);

/** The seed's meetings as a volunteer types them (agency ids as the demo registry import assigns them). */
export const DEMO_MEETINGS: Record<string, string | Date>[] = [
  {
    title: '企画会議（グループA）', start: jst('2026-02-18T14:00'), end: jst('2026-02-18T15:30'), place: 'AG-002', invitees: 'グループA',
    agenda: '議題: 次年度セミナー（支援者向け）の企画、役割分担\n資料: 前回アンケート集計', status: '予定',
  },
  {
    title: '企画会議（グループB）', start: jst('2026-02-19T14:00'), end: jst('2026-02-19T15:30'), place: 'AG-003', invitees: 'グループB',
    agenda: '議題: ロールプレイ研修の振り返り、次回の進め方', status: '予定',
  },
  {
    title: '定例会', start: jst('2026-03-11T18:30'), end: jst('2026-03-11T20:00'), place: '区役所 第3会議室', invitees: '全体',
    agenda: '毎月の情報交換（各団体の近況、求人情報、行事予定）', recurrence: '毎月第2水曜', status: '予定',
  },
  {
    title: '報告会', start: jst('2026-03-18T14:00'), end: jst('2026-03-18T16:30'), place: '区民会館 大会議室',
    invitees: '全体、shogai-fukushi@city.example.jp, senmon-enjo@hellowork.example.jp',
    agenda: '今年度の活動報告（セミナー、ワークショップ、パンフレット）と来年度の計画。区障害福祉課・ハローワーク専門援助部門にもご参加いただきます。', status: '予定',
  },
  // issue 17: the joint briefing for companies reaches the ward office and Hello Work through 関係機関 (DEMO_PARTNERS).
  {
    title: '合同説明会', start: jst('2026-03-04T14:00'), end: jst('2026-03-04T16:30'), place: '区民会館 大会議室',
    invitees: '関係機関:区役所;関係機関:ハローワーク', agenda: '企業向け合同説明会（障害者雇用の相談窓口と職場実習の紹介）', status: '予定',
  },
  {
    title: '合同説明会 打合せ', start: jst('2026-02-25T10:00'), end: jst('2026-02-25T11:00'), place: 'AG-001', invitees: 'AG-001, AG-005, AG-009',
    agenda: '企業向け合同説明会の会場と当日の流れ', status: '予定',
  },
];

/** 関係機関 as the coordinator types them (ids K001… are given by the first 「会議の招待を送信」). */
export const DEMO_PARTNERS: Record<string, string | boolean>[] = [
  { kind: '区役所', name: '区役所 障害福祉課', contact: '就労支援担当', email: 'shogai-fukushi@city.example.jp', phone: '03-5555-0101', invite: true },
  { kind: 'ハローワーク', name: 'ハローワーク飯田橋 専門援助部門', contact: '障害者担当', email: 'senmon-enjo@hellowork.example.jp', phone: '03-5555-0202', invite: true },
  { kind: '特別支援学校', name: '都立○○特別支援学校', contact: '進路指導部', email: 'shinro@school.example.jp', phone: '03-5555-0303', invite: true },
];

function rawSheet(emu: Emulator, def: SheetDef): Sheet {
  const sheet = emu.active.sheets.find((s) => s.name === def.name);
  if (!sheet) throw new Error(`sheet ${def.name} missing: run setup first`);
  return sheet;
}

/** Types records into a sheet by header, as a volunteer would (not counted: this is the user, not the add-on). */
export function typeRows(emu: Emulator, def: SheetDef, records: Record<string, unknown>[]): number[] {
  const sheet = rawSheet(emu, def);
  const headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]!.map(String);
  const rows: number[] = [];
  for (const record of records) {
    const row = sheet.getLastRow() + 1;
    for (const [key, value] of Object.entries(record)) {
      const header = def.columns.find((c) => c.key === key)!.header;
      sheet.getRange(row, headers.indexOf(header) + 1).setValue(value as never);
    }
    rows.push(row);
  }
  return rows;
}

/** Changes one cell of a row found by its 名称 (the user editing the sheet). */
export function editMeeting(emu: Emulator, title: string, changes: Record<string, unknown>): void {
  const sheet = rawSheet(emu, MEETINGS);
  const values = sheet.getDataRange().getValues();
  const headers = values[0]!.map(String);
  const col = (key: string) => headers.indexOf(MEETINGS.columns.find((c) => c.key === key)!.header) + 1;
  const row = values.findIndex((r) => r[col('title') - 1] === title) + 1;
  if (row < 2) throw new Error(`meeting ${title} not found`);
  for (const [key, value] of Object.entries(changes)) sheet.getRange(row, col(key)).setValue(value as never);
}

function unwrap<T>(r: RpcResult<T>, what: string): T {
  if (!r.ok) throw new Error(`${what}: ${r.error.message}`);
  return r.value;
}

export function meetingsStep(ctx: DemoContext): void {
  const { emu } = ctx;
  typeRows(emu, PARTNERS, DEMO_PARTNERS);
  typeRows(emu, MEETINGS, DEMO_MEETINGS);

  const plan = unwrap(emu.run<RpcResult<MeetingPlanView>>('rpcPlanMeetings'), 'meeting plan');
  ctx.log(`会議: 送信予定 作成${plan.counts.create}件（カレンダー: ${plan.calendar}）`);

  const first = unwrap(emu.run<RpcResult<MeetingSyncReport>>('rpcSendMeetingInvites', [], { operation: '会議の招待を送信（初回）' }), 'meetings');
  ctx.log(`会議（初回）: ${first.message}`);

  editMeeting(emu, '企画会議（グループB）', { start: jst('2026-02-20T10:00'), end: jst('2026-02-20T11:30') });
  editMeeting(emu, '合同説明会 打合せ', { status: '中止' });
  const second = unwrap(emu.run<RpcResult<MeetingSyncReport>>('rpcSendMeetingInvites', [], { operation: '会議の招待を送信（変更・中止）' }), 'meetings');
  ctx.log(`会議（変更・中止）: ${second.message}`);

  const third = unwrap(emu.run<RpcResult<MeetingSyncReport>>('rpcSendMeetingInvites', [], { operation: '会議の招待を送信（変更なし）' }), 'meetings');
  const calendarCalls = emu.ledger.count({ operation: '会議の招待を送信（変更なし）', service: 'CalendarApp' }) + emu.ledger.count({ operation: '会議の招待を送信（変更なし）', service: 'Calendar' });
  ctx.log(`会議（再実行）: ${third.message} カレンダー呼び出し ${calendarCalls}回`);

  const problems = [...new Set([...first.problems, ...second.problems, ...third.problems].map((p) => formatProblem('ja', p)))];
  for (const p of problems) ctx.log(`  ${p}`);
  ctx.summary.meetings = {
    created: first.created + second.created + third.created,
    updated: first.updated + second.updated + third.updated,
    cancelled: first.cancelled + second.cancelled + third.cancelled,
    unchanged: third.unchanged,
    problems,
    notifications: emu.calendar.notifications.length,
    calendarCallsOnUnchangedRerun: calendarCalls,
  };
  const calendar = emu.calendar.defaultCalendar;
  ctx.files.set(`calendar/${calendar.name}.ics`, calendarToIcs(emu.calendar, calendar));
  ctx.files.set('calendar/notifications.json', JSON.stringify(
    emu.calendar.notifications.map((n) => ({ kind: n.kind, event: n.title, to: n.to })), null, 2,
  ));
}
