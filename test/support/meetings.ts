/** A small network and its meetings, typed into the sheets as volunteers would, shared by the workspace and bundle tests. */
import type { Emulator } from '../../emulator';
import { AGENCIES, MEETINGS, PARTNERS } from '../../src/server/domain/schema';
import { descriptionHasMarker } from '../../src/server/domain/meetings';
import { editMeeting, typeRows } from '../../scripts/demo/meetings';

export const NOW = new Date('2026-02-02T09:00:00+09:00');
export const jst = (s: string) => new Date(`${s}:00+09:00`);

export const TEST_AGENCIES = [
  { id: 'AG-001', name: 'ワークサポートあおば', email: 'info@aoba.example.jp', group: 'A', address: '東京都千代田区神田錦町3-21' },
  { id: 'AG-002', name: '就労支援センターかがやき', email: 'Kagayaki@Example.jp', group: 'A' },
  { id: 'AG-003', name: 'ステップワーク神田', email: 'step@example.jp', group: 'B' },
  { id: 'AG-004', name: 'カフェ&ワークつばさ', email: 'tsubasa@example.jp', group: 'B' },
  { id: 'AG-005', name: 'ハローワーク飯田橋 専門援助部門', email: '', group: 'A' },
];

export const TEST_MEETINGS = [
  { title: '企画会議（グループA）', start: jst('2026-02-18T14:00'), end: jst('2026-02-18T15:30'), place: 'AG-001', invitees: 'グループA', agenda: '次年度セミナーの企画', status: '予定' },
  { title: '企画会議（グループB）', start: jst('2026-02-19T14:00'), end: jst('2026-02-19T15:30'), place: '会議室B', invitees: 'グループB', agenda: '研修の振り返り', status: '予定' },
  { title: '定例会', start: jst('2026-03-11T18:30'), end: jst('2026-03-11T20:00'), place: '区役所', invitees: '全体', agenda: '情報交換', recurrence: '毎月第2水曜', status: '予定' },
  { title: '報告会', start: jst('2026-03-18T14:00'), end: jst('2026-03-18T16:30'), place: '区民会館', invitees: '全体, ward@city.example.jp, HW@hellowork.example.jp', agenda: '活動報告', status: '' },
];

export function typeNetwork(emu: Emulator, meetings = TEST_MEETINGS): void {
  typeRows(emu, AGENCIES, TEST_AGENCIES);
  typeRows(emu, MEETINGS, meetings);
}

export { editMeeting, typeRows };

/** 関係機関 as a coordinator types them: ids left for the add-on, one school without e-mail, one section not ticked. */
export const TEST_PARTNERS = [
  { kind: '区役所', name: '区役所 障害福祉課', contact: '福祉 一郎', email: 'fukushi@city.example.jp', invite: true },
  { kind: '区役所', name: '区役所 産業振興課', contact: '', email: 'sangyo@city.example.jp', invite: false },
  { kind: 'ハローワーク', name: 'ハローワーク飯田橋 専門援助部門', contact: '', email: 'senmon@hellowork.example.jp', invite: true },
  { kind: '特別支援学校', name: '都立○○特別支援学校', contact: '進路指導', email: '', phone: '03-0000-1111', invite: true },
];

/** The joint briefing and a 報告会 inviting partners by kind, by id and all of them, beside agencies. */
export const PARTNER_MEETINGS = [
  { title: '合同説明会', start: jst('2026-03-04T14:00'), end: jst('2026-03-04T16:00'), place: '区民会館', invitees: '関係機関:区役所;関係機関:ハローワーク、AG-001', agenda: '企業向け説明会', status: '予定' },
  { title: '報告会', start: jst('2026-03-18T14:00'), end: jst('2026-03-18T16:30'), place: '区民会館', invitees: '全体、関係機関', agenda: '活動報告', status: '予定' },
];

export function typePartners(emu: Emulator, partners: Record<string, unknown>[] = TEST_PARTNERS): void {
  typeRows(emu, PARTNERS, partners);
}

/** 関係機関 rows as read back, by stable key. */
export function partnerRows(emu: Emulator): Record<string, unknown>[] {
  const sheet = emu.active.sheets.find((s) => s.name === PARTNERS.name)!;
  const [header, ...rows] = sheet.getDataRange().getValues();
  return rows.map((r) => Object.fromEntries(PARTNERS.columns.map((c) => [c.key, r[header!.indexOf(c.header)]])));
}

/** Second round of edits: move one, change another's guests, cancel one, add a new single and a new series. */
export function editRound(emu: Emulator): void {
  editMeeting(emu, '企画会議（グループB）', { start: jst('2026-02-20T10:00'), end: jst('2026-02-20T11:30') });
  editMeeting(emu, '企画会議（グループA）', { invitees: 'AG-001, AG-003' });
  editMeeting(emu, '報告会', { status: '中止' });
  typeRows(emu, MEETINGS, [
    { title: '合同説明会 打合せ', start: jst('2026-02-25T10:00'), end: jst('2026-02-25T11:00'), place: 'AG-001', invitees: 'AG-001, AG-004', agenda: '会場の確認', status: '予定' },
    { title: '勉強会', start: jst('2026-02-06T18:00'), end: jst('2026-02-06T19:30'), place: 'オンライン', invitees: 'グループB', agenda: '', recurrence: '毎週金曜（4回）', status: '予定' },
  ]);
}

export function meetingRows(emu: Emulator): Record<string, unknown>[] {
  const sheet = emu.active.sheets.find((s) => s.name === MEETINGS.name)!;
  const [header, ...rows] = sheet.getDataRange().getValues();
  return rows.map((r) => Object.fromEntries(MEETINGS.columns.map((c) => [c.key, r[header!.indexOf(c.header)]])));
}

/** Calendar state as comparable data: live events by meeting id, with what guests see. */
export function calendarState(emu: Emulator) {
  return emu.calendar.events
    .map((e) => ({
      meeting: /会議ID: (\S+)/.exec(e.description)?.[1] ?? '?', title: e.title, status: e.status, start: e.start.toISOString(), end: e.end.toISOString(),
      location: e.location, guests: e.guests.map((g) => g.email).sort(), recurring: e.recurrence !== null,
    }))
    .sort((a, b) => a.meeting.localeCompare(b.meeting) || a.status.localeCompare(b.status));
}

/** Notifications as a sorted multiset of "kind title → recipient". */
export function notificationSet(emu: Emulator): string[] {
  return emu.calendar.notifications.flatMap((n) => n.to.map((to) => `${n.kind} ${n.title} → ${to}`)).sort();
}

export function liveEventsFor(emu: Emulator, meetingId: string) {
  return emu.calendar.events.filter((e) => e.status === 'confirmed' && descriptionHasMarker(e.description, meetingId));
}

export const calendarCalls = (emu: Emulator, operation?: string) =>
  emu.ledger.count({ service: 'CalendarApp', ...(operation ? { operation } : {}) }) + emu.ledger.count({ service: 'Calendar', ...(operation ? { operation } : {}) });
