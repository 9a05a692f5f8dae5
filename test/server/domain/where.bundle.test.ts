/**
 * Issue 14 items 9 and 11 through the built bundle: every location written once (no 「会議 2行目「招待先」: 「会議」シート
 * 2行目…」, no 「0行目「」」, no 団体「」), and one message after a failure part-way.
 */
import { loadAddOn } from '../../support/bundle';
import { formatProblem } from '../../../src/server/domain/where';
import type { MeetingSyncReport, RpcResult } from '../../../src/protocol';
import { NOW, TEST_MEETINGS, typeNetwork } from '../../support/meetings';

function addOn() {
  const emu = loadAddOn({ now: NOW });
  emu.run('setUpWorkbook');
  typeNetwork(emu, [...TEST_MEETINGS, { ...TEST_MEETINGS[1]!, title: '無名の団体', invitees: 'AG-006' }]);
  const sheet = emu.active.sheets.find((s) => s.name === '団体')!;
  const header = sheet.getDataRange().getValues()[0]!;
  // An agency typed with an id and no name, no e-mail.
  const row = new Array(header.length).fill('');
  row[header.indexOf('id')] = 'AG-006';
  sheet.appendRow(row);
  return emu;
}
const send = (emu: ReturnType<typeof addOn>) => {
  const r = emu.run<RpcResult<MeetingSyncReport>>('rpcSendMeetingInvites');
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

test('meeting problems: the location lives in the fields and is written once; a nameless agency is named by id and row', () => {
  const emu = addOn();
  const report = send(emu);
  expect(report.problems.length).toBeGreaterThan(0);
  for (const p of report.problems) {
    expect(p.message).not.toContain('「会議」シート');
    const shown = formatProblem('ja', p);
    expect(shown.match(/「会議」シート/g) ?? []).toHaveLength(1);
    expect(shown.startsWith(`「会議」シート ${p.row}行目「${p.column}」: `)).toBe(true);
    expect(shown).not.toContain('「」');
  }
  const nameless = report.problems.find((p) => p.message.includes('AG-006'))!;
  expect(nameless.message).toContain('AG-006（名称が未入力、「団体」シート 7行目）');
  emu.run('sendMeetingInvites');
  const alert = emu.uiState.alerts.at(-1)!.prompt;
  expect(alert).not.toMatch(/行目「[^」]*」: 「会議」シート/);
  expect(alert).not.toContain('0行目');
});

test('a failure part-way: one message — what was done, what was not, the one thing to do next; no problem at row 0', () => {
  const emu = addOn();
  emu.runtime.failAt({ atCall: 5, service: 'CalendarApp', message: 'Service unavailable: Calendar' });
  const report = send(emu);
  expect(report.stopped).toBe(true);
  expect(report.problems.every((p) => p.row > 0)).toBe(true);
  expect(report.created).toBeGreaterThan(0);
  expect(report.message).toMatch(/作成 \d+件・更新 \d+件・中止 \d+件/);
  expect(report.message).toMatch(/残りの \d+件はまだ送っていません/);
  // The next step is stated once, and the cause carries no advice of its own.
  expect(report.next).toContain('もう一度「会議の招待を送信」を実行してください');
  const all = `${report.message}${report.next}`;
  expect(all.match(/もう一度/g) ?? []).toHaveLength(1);
  expect(all).not.toContain('途中までの結果は保存されています');
  expect(all).not.toContain('。、');
});
