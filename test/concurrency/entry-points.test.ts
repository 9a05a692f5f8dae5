/**
 * Issue 12 part 9: every writing entry point — each menu function and its sidebar twin — holds the document lock, so a
 * participant's form-submit trigger firing in the middle of it cannot interleave its writes. For each entry point a
 * response arrives (and the trigger fires) just before it takes the lock, just after, and half-way through its work:
 * inside the lock the trigger must meet the held lock (Apps Script lists it as failed), never run; 「回答を同期」
 * then recovers the response, and the world is that of one of the two serial orders (response first, or the
 * operation first). A menu function that forgot the lock would let the trigger run inside it and fail here.
 */
import type { RpcResult } from '../../src/protocol';
import { DEMO_EVENTS, DemoEvent, agencyNamesOf, participantAnswers, writeDemoEvents } from '../../scripts/demo/forms';
import { DEMO_AGENCIES_CSV } from '../../scripts/demo/agencies';
import { toBase64 } from '../support/globals';
import { EntryName, loadAddOn } from '../support/bundle';
import { forkAddOn } from '../support/fork';
import { menuItems } from '../../src/server/operations';
import { AddOn, BRIEFING, FIXTURE_CSV, OPERATIONS, selectEventRow } from '../faults/operations';
import { rowsWorld } from '../volunteer/matrix';
import { NOW } from '../volunteer/support';

const WORKSHOP = DEMO_EVENTS[1] as DemoEvent;

/** Entry point → its arguments and the fault-matrix operation whose set-up brings the state before it. */
const ENTRY_POINTS: [EntryName, unknown[], string][] = [
  ['setUpWorkbook', [], '設定の保存'], ['rpcSetUp', [], '設定の保存'],
  ['checkRegistry', [], '団体名簿をチェック'], ['rpcCheckRegistry', [], '団体名簿をチェック'],
  ['rpcImportCsv', [toBase64(FIXTURE_CSV)], 'CSVから団体を取り込む'],
  ['checkEvents', [], '行事をチェック'],
  ['createEventForms', [], 'フォームを作成（メニュー・団体が増えて更新）'], ['rpcCreateEventForms', [WORKSHOP.id], 'フォームを作成（メニュー・団体が増えて更新）'],
  ['syncFormResponses', [], '回答を同期'], ['rpcSyncResponses', [], '回答を同期'],
  ['stampCheckIns', [], '受付時刻を記録'], ['tallyAttendance', [], '出欠を集計'], ['rpcTallyAttendance', [], '出欠を集計'],
  ['sendMeetingInvites', [], '会議の招待を送信'], ['rpcSendMeetingInvites', [], '会議の招待を送信'],
  ['createPamphletTemplate', [], 'パンフレットのひな形を作成'], ['rpcCreatePamphletTemplate', [], 'パンフレットのひな形を作成'],
  ['generatePamphlet', [], 'パンフレットを作成'], ['rpcGeneratePamphlet', [{ issuedOn: '2026-02-02' }], 'パンフレットを作成'],
  ['summariseSurveys', [], 'アンケートを集計'], ['rpcSummariseSurveys', [], 'アンケートを集計'],
  ['createActivityReport', [], '活動報告書を作成'], ['rpcCreateActivityReport', [], '活動報告書を作成'],
  ['rpcSaveSettings', [{ ネットワーク名: '千代田区就労支援ネットワーク' }], '設定の保存'],
  // Issue 19: the accommodation form's menu item reads the selected event row (BEFORE_RUN).
  ['createAccommodationForm', [], '配慮事項フォームの作成'], ['rpcCreateAccommodationForm', [WORKSHOP.id], '配慮事項フォームの作成'],
  // 本人のデータを検索／削除 and 個人情報の整理: their menu items open the sidebar's 個人情報 section (nothing written), so their RPCs are driven.
  ['rpcSearchPersonalData', ['p2-03@example.jp'], '本人のデータを検索'],
  ['rpcErasePersonalData', ['p2-03@example.jp'], '本人のデータを削除'],
  ['rpcRunRetention', [], '個人情報の整理'],
  ['createConsultationForms', [], '企業相談フォームの作成'], ['rpcAssignConsultation', ['K-0001', 'AG-001'], '企業相談の担当を決定'],
  ['createCheckInRoster', [], '受付名簿を作成'], ['issueCertificates', [], '参加証明書を作成'], ['updateTrainingRecords', [], '受講記録を更新'],
  ['sendParticipantMail', [], '参加者へのメールを送信'], ['rpcSendMail', [], '参加者へのメールを送信（取消と繰り上げ・メニュー）'],
  // Issue 17 item 6: the menu item reads the selected event row (BEFORE_RUN; the set-up's only event, EV-BRIEF).
  ['sendEventInvites', [], '行事の案内を送信'], ['rpcSendEventInvites', [BRIEFING.id], '行事の案内を送信'],
];

/** What the coordinator does at a menu item's dialogs (or selection) before it runs. */
const BEFORE_RUN: Record<string, (emu: AddOn) => void> = {
  createAccommodationForm: (emu) => selectEventRow(emu),
  sendEventInvites: (emu) => selectEventRow(emu),
};
const runEntry = (emu: AddOn, fn: EntryName, args: unknown[]) => { BEFORE_RUN[fn]?.(emu); return emu.run(fn, args); };

test('every writing menu item is driven here', () => {
  const opensSidebar = ['showSidebar', 'searchPersonalData', 'erasePersonalData', 'tidyPersonalData'];
  const menu = menuItems().flatMap((m) => (m && !opensSidebar.includes(m.fn) ? [m.fn] : []));
  expect(menu.filter((f) => !ENTRY_POINTS.some(([fn]) => fn === f))).toEqual([]);
});

type Prepared = { emu: AddOn; formId: string; answers: ReturnType<typeof participantAnswers> };

/** The operation's state before it, plus the workshop's registration form (for a participant to answer). */
function prepared(setupOf: string): Prepared {
  const emu = loadAddOn({ now: NOW });
  OPERATIONS.find((o) => o.name === setupOf)!.setup(emu);
  let form = [...emu.forms.store.forms.values()].find((f) => f.questions.some((q) => q.title === '氏名'));
  if (!form) {
    const registry = emu.active.sheets.find((s) => s.name === '団体')!;
    if (registry.getLastRow() < 2) emu.run('rpcImportCsv', [toBase64(DEMO_AGENCIES_CSV)]);
    const events = emu.active.sheets.find((s) => s.name === '行事')!;
    if (!events.rows.some((r) => r?.some((c) => c?.value === WORKSHOP.id))) writeDemoEvents(emu, [WORKSHOP]);
    const r = emu.run<RpcResult<unknown>>('rpcCreateEventForms', [WORKSHOP.id]);
    if (!r.ok) throw new Error(`test set-up: ${r.error.message}`);
    form = [...emu.forms.store.forms.values()].find((f) => f.questions.some((q) => q.title === '氏名'))!;
  }
  // The same answers and clock in every order (chosen before the operation, which may change the agency list).
  emu.runtime.advanceClock(60_000);
  return { emu, formId: form.id, answers: participantAnswers(1, 21, agencyNamesOf(emu)) };
}

/**
 * The same state as `prepared`, as a copy of a world prepared once per set-up (test/support/fork.ts: a copy is ~50 ms
 * of CPU, a preparation several executions). Each entry point's response-first world is still prepared from scratch,
 * and every other world must match one of the serial orders, so a copy that differed from a fresh world would fail
 * here too (test/emulator/index.fork.test.ts proves a copy equal to its source datum for datum). The world copied is
 * a copy taken of the first entry point's fresh world of that set-up, before anything ran on it, so a set-up is
 * prepared once per entry point and no more. MATRIX_RESEED=1 prepares every world from scratch.
 */
// Only the latest set-up's world is kept: the entry points of one set-up come one after the other, and keeping every
// set-up's world for the whole file ran a jest worker out of memory (CI simulation, two workers).
let base: { setupOf: string; world: Prepared } | null = null;
function copyOf(setupOf: string): Prepared {
  if (process.env.MATRIX_RESEED === '1') return prepared(setupOf);
  if (base?.setupOf !== setupOf) base = { setupOf, world: prepared(setupOf) };
  return { ...base.world, emu: forkAddOn(base.world.emu, { now: NOW }) };
}

/** A set-up prepared from scratch; the first of its set-up keeps a copy of it (before anything runs) for `copyOf`. */
function freshKeepingCopy(setupOf: string): Prepared {
  const p = prepared(setupOf);
  if (process.env.MATRIX_RESEED !== '1' && base?.setupOf !== setupOf) base = { setupOf, world: { ...p, emu: forkAddOn(p.emu, { now: NOW }) } };
  return p;
}

function submit(p: Prepared) {
  return p.emu.forms.submit(p.formId, p.answers);
}

function finish(emu: AddOn): string {
  emu.run('rpcSyncResponses');
  return rowsWorld(emu);
}

/** The two serial orders, and where the entry point takes and releases the lock. */
interface Serial { responseFirst: string; operationFirst: string; taken: number; released: number }
function serialOrders(fn: EntryName, args: unknown[], setupOf: string): Serial {
  const first = freshKeepingCopy(setupOf);
  submit(first);
  runEntry(first.emu, fn, args);
  const responseFirst = finish(first.emu);
  const second = copyOf(setupOf);
  const start = second.emu.ledger.records.length;
  runEntry(second.emu, fn, args);
  const calls = second.emu.ledger.records.slice(start).map((r) => r.method);
  submit(second);
  const operationFirst = finish(second.emu);
  const taken = calls.indexOf('Lock.waitLock') + 1; // 1-based call index of waitLock
  // An entry point keeps the lock to its execution's end (src/server/workspace/lock.ts `hold`): its last call then.
  const released = calls.includes('Lock.releaseLock') ? calls.lastIndexOf('Lock.releaseLock') + 1 : calls.length;
  return { responseFirst, operationFirst, taken, released };
}

// Run grouped by set-up (the table's order within a set-up), so that each set-up's copied world is prepared once. The
// serial orders are computed in the entry point's first test, not while jest collects the cases: collecting every
// entry point's worlds in one synchronous stretch holds every script context their executions made.
const firstAt = (setupOf: string) => ENTRY_POINTS.findIndex(([, , s]) => s === setupOf);
const BY_SETUP = ENTRY_POINTS.map((e, i) => ({ e, i })).sort((a, b) => firstAt(a.e[2]) - firstAt(b.e[2]) || a.i - b.i).map(({ e }) => e);

describe.each(BY_SETUP)('%s with a form-submit trigger firing during it', (fn, args, setupOf) => {
  let serial: Serial | undefined;
  const orders = () => (serial ??= serialOrders(fn, args, setupOf));

  test('it takes the document lock', () => {
    const { taken, released } = orders();
    expect(taken).toBeGreaterThan(0);
    expect(released).toBeGreaterThan(taken);
  });

  test.each([
    ['just before it takes the lock', (s: Serial) => s.taken, false],
    ['just after it takes the lock', (s: Serial) => s.taken + 1, true],
    ['half-way through its work', (s: Serial) => Math.floor((s.taken + s.released) / 2), true],
  ] as const)('a response arrives %s', (_when, at, inside) => {
    const { responseFirst, operationFirst } = orders();
    const k = at(orders());
    const p = copyOf(setupOf);
    const { emu } = p;
    let firing: ReturnType<typeof submit> | null = null;
    emu.runtime.interleaveAt({ atCall: k, run: () => { firing = submit(p); } });
    runEntry(emu, fn, args);
    expect(firing).not.toBeNull();
    const executions = firing!.executions;
    expect(executions.length).toBeGreaterThan(0);
    if (inside) {
      // The trigger met the held lock: it gave up quietly (no failed execution, issue 22), wrote nothing while the entry
      // point was part-way, and marked responses pending for the hourly catch-up (or the next firing, or 回答を同期).
      expect(executions.map((x) => ({ outcome: x.outcome, error: x.error }))).toEqual(executions.map(() => ({ outcome: 'completed', error: undefined })));
      // 回答を同期 itself clears that mark before it reads the response sheets, which by then hold this response.
      if (fn !== 'syncFormResponses' && fn !== 'rpcSyncResponses') expect(emu.properties.document.get('responses.pendingSince')).toEqual(expect.any(String));
    }
    const w = finish(emu);
    if (w !== responseFirst && w !== operationFirst) {
      const lines = (x: string) => new Set(x.split('\n'));
      const a = lines(operationFirst), b = lines(responseFirst), got = lines(w);
      throw new Error(`${fn}, response before call ${k}: neither serial order.\nonly here: ${[...got].filter((l) => !a.has(l) && !b.has(l)).slice(0, 6).join('\n')}\nmissing (operation first): ${[...a].filter((l) => !got.has(l)).slice(0, 6).join('\n')}`);
    }
  });
});
