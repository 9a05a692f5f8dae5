/**
 * The personal-data operations at Google's pace, through the built bundle: the modeled clock on (emu.clock: every
 * counted call takes 160 ms, 1 s for a file made or exported, and the bundle's Date.now() follows it), so an execution
 * meets the real budget (workspace/deadline.ts, 4.5 of Google's 6 minutes). At a size one execution cannot finish,
 * each run stops by itself well before 6 minutes with a partial result; the sidebar's next calls (a new execution
 * each) finish the work, and the world is the one an unbounded run leaves (the same world, copied before the clock
 * was turned on: without it no time passes, so no budget is ever spent).
 */
import { loadAddOn } from '../../../support/bundle';
import { ok, prepare } from '../../../support/forms';
import { acceptReferrals, intakeAnswers, storedForms } from '../../../support/consultations';
import { forkAddOn } from '../../../support/fork';
import { firstDifference, sameWorld, worldText } from '../../../faults/world';
import { agencyNamesOf, participantAnswers } from '../../../../scripts/demo/forms';
import type { EmulatorOptions } from '../../../../emulator';
import type { PersonalDataReport, RpcResult } from '../../../../src/protocol';

type AddOn = ReturnType<typeof loadAddOn>;
const OPTIONS: EmulatorOptions = { now: new Date('2025-11-20T09:00:00+09:00') };
const SIX_MINUTES = 6 * 60_000;
const MARKER = 'time.marker@example.jp';

function seeded(participants: number, inquiries: number): AddOn {
  const emu = loadAddOn(OPTIONS);
  const seminar = prepare(emu).get('EV-SEMINAR')!;
  const agencies = agencyNamesOf(emu);
  acceptReferrals(emu, agencies.slice(0, 3));
  ok(emu.run<RpcResult<unknown>>('rpcCreateConsultationForms'));
  const off = emu.triggers.splice(0);
  for (let i = 0; i < participants; i++) {
    emu.runtime.advanceClock(1_000);
    emu.forms.submit(seminar.registration.formId, i === 5 ? { ...participantAnswers(0, i, agencies), メール: MARKER } : participantAnswers(0, i, agencies));
    emu.forms.submit(seminar.survey.formId, { 所属種別: '企業', 経験年数: '1年未満', 参加形態: '対面', 全体満足度: 4, 理解度: 4, 業務への役立ち度: 4, '時間配分・進行': 3, 講師の説明: 5, 次回参加意向: '参加したい' });
  }
  for (let i = 0; i < inquiries; i++) {
    emu.runtime.advanceClock(1_000);
    emu.forms.submit(storedForms(emu).intake.formId, intakeAnswers({ company: `株式会社${i}`, topics: ['障害者雇用の検討'], email: `hr${i}@company.example.jp` }));
  }
  emu.triggers.push(...off);
  ok(emu.run<RpcResult<unknown>>('rpcSyncResponses'));
  // A volunteer deleted hr7's row of 企業相談回答: its response, in no row, is found by reading every company answer
  // (privacy10: otherwise the rows' seconds find it in a few calls and one execution is enough).
  const answers = emu.active.sheets.find((s) => s.name === '企業相談回答')!;
  answers.deleteRow(answers.getDataRange().getValues().findIndex((row) => row.includes('hr7@company.example.jp')) + 1);
  return emu;
}

/** Runs an RPC as one execution on the modeled clock; its modeled duration. */
function timed<T>(emu: AddOn, fn: Parameters<AddOn['run']>[0], args: unknown[]): { value: T; ms: number; calls: number } {
  const start = emu.runtime.now().getTime();
  const calls = emu.ledger.records.length;
  const value = ok(emu.run<RpcResult<T>>(fn, args as never));
  return { value, ms: emu.runtime.now().getTime() - start, calls: emu.ledger.records.length - calls };
}

/** What the sidebar does (src/client/sections/privacy.ts `continued`): calls again with the cursor while `more`. */
function continued(emu: AddOn, fn: Parameters<AddOn['run']>[0], args: unknown[]): { last: PersonalDataReport; runs: { ms: number; calls: number; more?: PersonalDataReport['more'] }[] } {
  const runs: { ms: number; calls: number; more?: PersonalDataReport['more'] }[] = [];
  let cursor: string | undefined;
  for (;;) {
    const r = timed<PersonalDataReport>(emu, fn, cursor === undefined ? args : [...args, cursor]);
    runs.push({ ms: r.ms, calls: r.calls, more: r.value.more });
    if (!r.value.more || runs.length > 20) return { last: r.value, runs };
    cursor = r.value.more.cursor;
  }
}

describe('本人のデータ and 個人情報の整理 at Google\'s pace (bundle, modeled clock)', () => {
  let world: AddOn;
  let reference: AddOn;
  beforeAll(() => {
    world = seeded(400, 220);
    reference = forkAddOn(world, OPTIONS);
    // limit9: "one unbounded run" is what Google's 6-minute limit would stop (emulator/execution-limit.ts); the
    // reference world alone lifts it, to be the yardstick the budgeted runs are compared with.
    reference.runtime.executionLimitMs = Infinity;
    world.clock.enable();
  }, 120_000);

  test('a search that one execution cannot finish continues from its cursor, every execution under 6 minutes, and finds what one unbounded search finds', () => {
    const one = ok(reference.run<RpcResult<PersonalDataReport>>('rpcSearchPersonalData', ['hr7@company.example.jp']));
    const { last, runs } = continued(world, 'rpcSearchPersonalData', ['hr7@company.example.jp']);
    expect(runs.length).toBeGreaterThan(1);
    for (const r of runs) expect(r.ms).toBeLessThan(SIX_MINUTES);
    for (const r of runs.slice(0, -1)) expect(r.ms).toBeGreaterThan(240_000); // each partial run used its budget
    expect(last.places).toEqual(one.places);
    expect(last.places).toContainEqual({ place: 'フォーム（企業相談）の回答', rows: 1 });
    expect(last.exportUrl).not.toBe('');
  }, 120_000);

  test('個人情報の整理 at 400 participants stops within its budget, says what is left, and the next runs finish it: the world of one unbounded run', () => {
    const later = new Date('2027-04-02T09:00:00+09:00').getTime();
    world.runtime.advanceClock(later - world.runtime.now().getTime());
    reference.runtime.fixedNow = new Date(later);
    ok(reference.run<RpcResult<unknown>>('rpcRunRetention'));
    const { last, runs } = continued(world, 'rpcRunRetention', []);
    expect(runs.length).toBeGreaterThan(1);
    for (const r of runs) expect(r.ms).toBeLessThan(SIX_MINUTES);
    // 800 responses in the seminar's stores (deleted) and 220 company inquiries (each examined by its date): what the
    // runs say they did and left adds up.
    expect(runs[0]!.more!.done + runs[0]!.more!.left).toBe(1020);
    expect(runs.slice(0, -1).reduce((n, r) => n + r.more!.done, 0) + runs.at(-2)!.more!.left).toBe(1020);
    expect(last.more).toBeUndefined();
    world.clock.disable();
    // 操作ログ differs by design: each run wrote its own line (the partial ones say what was left); the rest is compared.
    const log = (w: AddOn) => w.active.sheets.find((s) => s.name === '操作ログ')!;
    expect(log(world).getDataRange().getValues().flat().join('\n')).toMatch(/時間の上限のため途中で区切りました（今回\d+件、残り\d+件）/);
    const ignore = ['個人情報の整理', '本人のデータを検索'];
    if (!sameWorld(world, reference, ignore)) throw new Error(firstDifference(worldText(reference, ignore), worldText(world, ignore)));
  }, 120_000);
});
