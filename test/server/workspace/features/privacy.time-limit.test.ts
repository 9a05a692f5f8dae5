/**
 * limit9 (issue 18 follow-up): Google stops an execution after 6 minutes ("Script runtime: 6 min / execution",
 * https://developers.google.com/apps-script/guides/services/quotas), and the emulator now does too, on modeled time
 * (emulator/execution-limit.ts). The real operation that reaches it at scale, through the built bundle:
 * 「本人のデータを検索」 reads each company inquiry's answers in the intake form's own store one call at a time
 * (FormResponse.getItemResponses, then ItemResponse.getResponse for each answer), so with a few hundred inquiries on
 * file it cannot finish in one execution (the bench's 1,000 × 10,000 world has 1,000). Since privacy10 it does so only
 * when a response has no row in 企業相談回答 (here a volunteer deleted one); otherwise the rows' seconds find it.
 *
 * Before budget9 it ran on until Google stopped it. budget9's time budget (workspace/deadline.ts: 4.5 minutes by
 * `Date.now()`) stops it by itself; that needs the script's clock to move as Google's does — `emu.runtime.modelTime =
 * true` (or the timeline, emu.clock). With the clock standing still (the emulator's default, a pinned "now") the budget
 * never runs out and the emulator's limit stops the search where Google would stop a search with no budget.
 */
import type { PersonalDataReport, RpcResult } from '../../../../src/protocol';
import { EXECUTION_LIMIT_MS } from '../../../../emulator/execution-limit';
import { consultWorld, intakeAnswers, ok, storedForms } from '../../../support/consultations';

/** `n` inquiries sent while the trigger was off (as the bench sends them), then filed by one 回答を同期. */
function inquiries(emu: ReturnType<typeof consultWorld>, from: number, to: number): void {
  const { intake } = storedForms(emu);
  const off = emu.triggers.splice(0);
  for (let i = from; i < to; i++) {
    emu.runtime.advanceClock(1_000);
    emu.forms.submit(intake.formId, intakeAnswers({ company: `株式会社${i}`, topics: ['職場実習の受入'], email: `hr${i}@company.example.jp` }));
  }
  emu.triggers.push(...off);
  ok(emu.run<RpcResult<unknown>>('rpcSyncResponses'));
  // A volunteer deleted hr3's row of 企業相談回答: its response, in no row, is found by reading every company answer
  // (privacy10: otherwise the rows' seconds find it in a few calls, well within one execution).
  const answers = emu.active.sheets.find((s) => s.name === '企業相談回答')!;
  answers.deleteRow(answers.getDataRange().getValues().findIndex((row) => row.includes('hr3@company.example.jp')) + 1);
}

const exportFiles = (emu: ReturnType<typeof consultWorld>) => [...emu.drive.files.values()].filter((f) => f.name.startsWith('本人データ_')).length;

describe('本人のデータを検索 and Google\'s 6-minute limit (bundle)', () => {
  const emu = consultWorld();
  const QUERY = 'hr3@company.example.jp';

  test('300 inquiries on file, the script\'s clock standing still (no budget can run out): Google\'s limit stops the search before the export', () => {
    inquiries(emu, 0, 300);
    emu.ledger.reset();
    expect(() => emu.run('rpcSearchPersonalData', [QUERY])).toThrow('Exceeded maximum execution time');
    const run = emu.runtime.lastExecution!;
    expect(run.elapsedMs).toBe(EXECUTION_LIMIT_MS);
    // Stopped while reading the intake form's answers, one call each: most of the run.
    expect(emu.ledger.count({ method: 'ItemResponse.getResponse' })).toBeGreaterThan(1_500);
    expect(emu.ledger.records.length).toBe(run.stoppedAtCall);
    expect(exportFiles(emu)).toBe(0); // nothing half-made
  });

  test('the same with modeled time (emu.runtime.modelTime): every execution stops itself within its budget, under 6 minutes, and the continuations find the inquiry', () => {
    emu.runtime.modelTime = true;
    const runs: { elapsedMs: number; exceeded: boolean }[] = [];
    let cursor: string | undefined;
    let last: PersonalDataReport;
    for (;;) {
      last = ok(emu.run<RpcResult<PersonalDataReport>>('rpcSearchPersonalData', cursor === undefined ? [QUERY] : [QUERY, cursor]));
      const { elapsedMs, exceeded } = emu.runtime.lastExecution!;
      runs.push({ elapsedMs, exceeded });
      if (!last.more || runs.length > 10) break;
      cursor = last.more.cursor;
    }
    emu.runtime.modelTime = false;
    expect(runs.length).toBeGreaterThan(1);
    for (const r of runs) expect(r).toEqual({ elapsedMs: expect.any(Number), exceeded: false });
    expect(Math.max(...runs.map((r) => r.elapsedMs))).toBeLessThan(EXECUTION_LIMIT_MS);
    expect(last.more).toBeUndefined();
    expect(last.places.map((p) => p.place)).toContain('企業相談');
    expect(exportFiles(emu)).toBe(2); // the Doc and its PDF, once
  });
});
