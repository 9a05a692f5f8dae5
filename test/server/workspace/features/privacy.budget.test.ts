/**
 * The personal-data operations within a time budget (workspace/deadline.ts), at the workspace level: the feature
 * functions called directly on the emulator, with a fake clock that moves 160 ms per counted call (the latency the
 * bench models) and a budget far smaller than Google's so that a small world needs several runs. The world is seeded
 * through the bundle (forms, responses, 回答を同期), then a copy of it runs once without a budget: the reference.
 * Proved: each run stops at its budget with a partial result whose counts are the store's; repeated runs end in
 * exactly the reference's world; no response is deleted twice; a person's edit between two runs is kept as it is in
 * the one-run order (edit, then the operation).
 */
import { loadAddOn } from '../../../support/bundle';
import { ok, prepare } from '../../../support/forms';
import { acceptReferrals, intakeAnswers, storedForms } from '../../../support/consultations';
import { forkAddOn } from '../../../support/fork';
import { firstDifference, sameWorld, worldText } from '../../../faults/world';
import { agencyNamesOf, participantAnswers } from '../../../../scripts/demo/forms';
import type { EmulatorOptions } from '../../../../emulator';
import type { PersonalDataReport, RpcResult } from '../../../../src/protocol';
import { startDeadline } from '../../../../src/server/workspace/deadline';
import { parseCursor } from '../../../../src/server/domain/privacy';
import { erasePersonalData, runRetention, searchPersonalData } from '../../../../src/server/workspace/features/privacy';
import { documentSections } from '../../../../emulator/drive';
import { documentToPlainLines } from '../../../../emulator/render-html';

type AddOn = ReturnType<typeof loadAddOn>;
const OPTIONS: EmulatorOptions = { now: new Date('2025-11-20T09:00:00+09:00') };
const LATER = new Date('2027-04-02T09:00:00+09:00');
const MARKER = 'budget.marker@example.jp';
const CALL_MS = 160;
/** Calls a person's search makes after its form scans (each sheet searched for mentions, the folder list): fixed. */
const AFTER_SCANS = 80;

/** The seminar with `n` registrations and survey answers (the marker's among them), and `inquiries` company inquiries. */
function seeded(n: number, inquiries = 0): AddOn & { seminar: string[] } {
  const emu = loadAddOn(OPTIONS);
  const seminar = prepare(emu).get('EV-SEMINAR')!;
  const agencies = agencyNamesOf(emu);
  const off = emu.triggers.splice(0);
  for (let i = 0; i < n; i++) {
    emu.runtime.advanceClock(1_000);
    emu.forms.submit(seminar.registration.formId, i === 3 ? { ...participantAnswers(0, i, agencies), メール: MARKER } : participantAnswers(0, i, agencies));
    emu.forms.submit(seminar.survey.formId, { 所属種別: '企業', 経験年数: '1年未満', 参加形態: '対面', 全体満足度: 4, 理解度: 4, 業務への役立ち度: 4, '時間配分・進行': 3, 講師の説明: 5, 次回参加意向: '参加したい', ...(i % 5 ? {} : { 自由記述: `感想 ${i}` }) });
  }
  if (inquiries) {
    acceptReferrals(emu, agencies.slice(0, 3));
    ok(emu.run<RpcResult<unknown>>('rpcCreateConsultationForms'));
    off.push(...emu.triggers.splice(0));
    for (let i = 0; i < inquiries; i++) {
      emu.runtime.advanceClock(1_000);
      emu.forms.submit(storedForms(emu).intake.formId, intakeAnswers({ company: `株式会社${i}`, topics: ['障害者雇用の検討'], email: i === 7 ? MARKER : `hr${i}@company.example.jp` }));
    }
  }
  emu.triggers.push(...off);
  ok(emu.run<RpcResult<unknown>>('rpcSyncResponses'));
  // A volunteer deleted the marker's row of 企業相談回答: its response, in no row, is found by reading every
  // company answer (privacy10: otherwise the rows' seconds find it in a few calls and no budget is needed).
  if (inquiries) { const answers = emu.active.sheets.find((s) => s.name === '企業相談回答')!; answers.deleteRow(answers.getDataRange().getValues().findIndex((row) => row.includes(MARKER)) + 1); }
  return Object.assign(emu, { seminar: [seminar.registration.formId, seminar.survey.formId] });
}

/** Runs `work` as the feature functions run inside an execution: the emulator's globals installed, a budget started. */
function direct<T>(emu: AddOn, budgetCalls: number, work: (ss: GoogleAppsScript.Spreadsheet.Spreadsheet) => T): { value: T; calls: number; deletes: number } {
  const g = globalThis as Record<string, unknown>;
  const names = Object.keys(emu.globals);
  for (const name of names) g[name] = (emu.globals as Record<string, unknown>)[name];
  const start = emu.ledger.records.length;
  startDeadline(budgetCalls * CALL_MS, () => (emu.ledger.records.length - start) * CALL_MS);
  try {
    const value = work(emu.globals.SpreadsheetApp.getActiveSpreadsheet());
    const records = emu.ledger.records.slice(start);
    return { value, calls: records.length, deletes: records.filter((r) => /deleteResponse$/.test(r.method)).length };
  } finally {
    startDeadline(Infinity);
    for (const name of names) delete g[name];
  }
}

const responsesIn = (emu: AddOn, formId: string) => emu.forms.store.get(formId).responses.length;
const unbounded = 1e9;

function expectSame(a: AddOn, b: AddOn): void {
  if (!sameWorld(a, b)) throw new Error(firstDifference(worldText(b), worldText(a)));
}

describe('個人情報の整理 within a time budget (workspace)', () => {
  test('stops at its budget with the counts left, and repeated runs end in exactly the world of one unbounded run, no response deleted twice', () => {
    const emu = seeded(60);
    const seminar = emu.seminar;
    // A person ticks 出席 on a row between two runs below; the reference is that edit, then one run (the tidy-up keeps
    // 出席, a count, so the two orders meet).
    const typeAttended = (w: AddOn) => { const ledger = w.active.sheets.find((s) => s.name === '参加者台帳')!; const col = ledger.rows[0]!.findIndex((c) => c?.value === '出席') + 1; ledger.rangeAt(5, col, 1, 1).setValues([[true]]); };
    const reference = forkAddOn(emu, OPTIONS);
    typeAttended(reference);
    const one = direct(reference, unbounded, (ss) => runRetention(ss, 'ja', LATER));
    expect(one.value.more).toBeUndefined();
    expect(one.deletes).toBe(120); // 60 registrations and 60 survey answers

    const budget = one.calls - 150; // less than one run needs
    const runs: { more?: PersonalDataReport['more']; calls: number; deletes: number; storeLeft: number }[] = [];
    for (let k = 0; k < 10; k++) {
      const r = direct(emu, budget, (ss) => runRetention(ss, 'ja', LATER));
      runs.push({ more: r.value.more, calls: r.calls, deletes: r.deletes, storeLeft: seminar.reduce((n, id) => n + responsesIn(emu, id), 0) });
      if (k === 0) typeAttended(emu);
      if (!r.value.more) break;
    }
    expect(runs.length).toBeGreaterThan(1);
    for (const r of runs.slice(0, -1)) {
      // Stopped by itself: within the budget but for the call that found it spent (no write follows a stop).
      expect(r.calls).toBeLessThanOrEqual(budget + 1);
      // What it says it did and left is what the stores hold.
      expect(r.more!.done).toBe(r.deletes);
      expect(r.more!.left).toBe(r.storeLeft);
      expect(r.more!.cursor).toBeUndefined();
    }
    expect(runs.at(-1)!.more).toBeUndefined();
    expect(runs.reduce((n, r) => n + r.deletes, 0)).toBe(one.deletes);
    expectSame(emu, reference);
  });
});

describe('a stop at the budget is a stop the fault matrix already re-runs', () => {
  test('個人情報の整理 stopped at its budget leaves exactly the world of a failure at the call after its last one', () => {
    const emu = seeded(60);
    const faulted = forkAddOn(emu, OPTIONS);
    const whole = direct(forkAddOn(emu, OPTIONS), unbounded, (ss) => runRetention(ss, 'ja', LATER)).calls;
    // Stopped among the deletions (the summaries rebuilt after them take ~100 calls: a stop comes before them).
    const stopped = direct(emu, whole - 200, (ss) => runRetention(ss, 'ja', LATER));
    expect(stopped.value.more).toBeDefined();
    faulted.runtime.failAt({ atCall: stopped.calls + 1, message: 'Service Forms failed while accessing document with id x.' });
    expect(() => direct(faulted, unbounded, (ss) => runRetention(ss, 'ja', LATER))).toThrow(/Service Forms failed/);
    faulted.runtime.clearFault();
    // test/faults re-runs 個人情報の整理 from a failure at every call index and requires the clean world.
    expectSame(emu, faulted);
  });
});

describe('本人のデータを検索 / 削除 within a time budget (workspace)', () => {
  let world: AddOn | undefined;
  /** 8 registrations and 120 company inquiries (the marker's among them), seeded once, a copy per test. */
  const companies = () => forkAddOn(world ??= seeded(8, 120), OPTIONS);

  test('a search stopped at its budget goes on from its cursor and ends with the places of one unbounded search, its export holding what earlier runs found; the cursor holds no personal data', () => {
    const emu = companies();
    const one = direct(forkAddOn(emu, OPTIONS), unbounded, (ss) => searchPersonalData(ss, MARKER, { exportFile: false }));
    expect(one.value.more).toBeUndefined();
    expect(one.value.places).toContainEqual({ place: 'フォーム（企業相談）の回答', rows: 1 });
    const budget = Math.ceil(one.calls / 2);
    let cursor: string | undefined;
    let last: PersonalDataReport | undefined;
    let done = 0;
    let runs = 0;
    for (; runs < 10; runs++) {
      const r = direct(emu, budget, (ss) => searchPersonalData(ss, MARKER, { cursor, now: LATER }));
      last = r.value;
      if (!r.value.more) break;
      // The scans stop at 90% of the budget (what follows them — the other sheets' mentions, the folder list — runs
      // after): the overrun is those fixed calls, not one per response.
      expect(r.calls - budget).toBeLessThanOrEqual(AFTER_SCANS);
      done += r.value.more.done;
      // Examined once in all: the marker's registration (found in its second: 1) and the intake form's 120 responses.
      expect(done + r.value.more.left).toBe(121);
      cursor = r.value.more.cursor;
      if (runs === 0) expect(parseCursor(cursor).found[storedForms(emu).intake.formId]).toHaveLength(1); // the marker's inquiry
      expect(cursor).not.toContain(MARKER);
      expect(cursor).not.toContain('株式会社');
    }
    expect(runs).toBeGreaterThan(0);
    expect(last!.places).toEqual(one.value.places);
    // The export is made by the last run, whole: the marker's inquiry, found by the first run, read again by its id.
    const doc = [...emu.drive.files.values()].find((f) => f.name.startsWith('本人データ_') && f.mimeType !== 'application/pdf')!;
    expect(last!.exportUrl).toContain(doc.id);
    expect(documentToPlainLines(documentSections(emu.drive, doc.id)!).join('\n')).toContain('株式会社7');
    expect([...emu.drive.files.values()].filter((f) => f.name.startsWith('本人データ_'))).toHaveLength(2);
  });

  test('an erase stopped at its budget keeps what finds the person until the last run, which leaves the world of one unbounded erase', () => {
    const emu = companies();
    // A volunteer types a note on another registrant's row between two runs; the reference: the note, then one erase.
    const typeNote = (w: AddOn) => { const ledger = w.active.sheets.find((s) => s.name === '参加者台帳')!; const col = ledger.rows[0]!.findIndex((c) => c?.value === '備考') + 1; ledger.rangeAt(2, col, 1, 1).setValues([['電話で確認済み']]); };
    const reference = forkAddOn(emu, OPTIONS);
    typeNote(reference);
    const one = direct(reference, unbounded, (ss) => erasePersonalData(ss, MARKER));
    expect(one.value.more).toBeUndefined();
    const budget = Math.ceil(one.calls / 2);
    let cursor: string | undefined;
    let erased = 0;
    let runs = 0;
    const ledgerHas = (w: AddOn) => JSON.stringify(w.active.sheets.find((s) => s.name === '参加者台帳')!.getDataRange().getValues()).includes(MARKER);
    for (; runs < 10; runs++) {
      const r = direct(emu, budget, (ss) => erasePersonalData(ss, MARKER, 'ja', cursor));
      erased += r.value.erased;
      if (runs === 0) typeNote(emu);
      if (!r.value.more) break;
      // Partial: the ledger still names the person, so the next run finds them again.
      expect(ledgerHas(emu)).toBe(true);
      expect(r.calls - budget).toBeLessThanOrEqual(AFTER_SCANS);
      cursor = r.value.more.cursor;
    }
    expect(runs).toBeGreaterThan(0);
    expect(ledgerHas(emu)).toBe(false);
    expect(erased).toBe(one.value.erased);
    expectSame(emu, reference);
  });
});
