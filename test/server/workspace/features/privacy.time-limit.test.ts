/**
 * limit9 (issue 18 follow-up): Google stops an execution after 6 minutes ("Script runtime: 6 min / execution",
 * https://developers.google.com/apps-script/guides/services/quotas), and the emulator now does too, on modeled time
 * (emulator/execution-limit.ts). Which real operation reaches it at scale, through the built bundle:
 * 「本人のデータを検索」 reads each company inquiry's answers in the intake form's own store one call at a time
 * (FormResponse.getItemResponses, then ItemResponse.getResponse for each of its 7 answers: 8 calls, 1.28 s an inquiry),
 * so with about 260 inquiries on file it no longer fits in one execution (the bench's 1,000 × 10,000 world has 1,000).
 *
 * BUDGET9 — when budget9's time budget lands (src/server/workspace/features/privacy*.ts: stop at ~4.5 min, "the rest
 * next time"), the lead flips the second test from "Google stops it" to "completes within the budget, says what is
 * left, and a second run finishes". The first stays as it is (under the limit, one run is the whole search).
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
}

const exportFiles = (emu: ReturnType<typeof consultWorld>) => [...emu.drive.files.values()].filter((f) => f.name.startsWith('本人データ_')).length;

describe('本人のデータを検索 and Google\'s 6-minute limit (bundle)', () => {
  const emu = consultWorld();

  test('250 inquiries on file: the search completes in one execution, close to the limit', () => {
    inquiries(emu, 0, 250);
    const found = ok(emu.run<RpcResult<PersonalDataReport>>('rpcSearchPersonalData', ['hr3@company.example.jp']));
    expect(found.places.map((p) => p.place)).toContain('企業相談');
    const run = emu.runtime.lastExecution!;
    expect(run.exceeded).toBe(false);
    expect(run.elapsedMs).toBeGreaterThan(0.9 * EXECUTION_LIMIT_MS);
    expect(exportFiles(emu)).toBe(2); // the Doc and its PDF
  });

  test('300 inquiries on file: today Google stops the search at 6 minutes, before the export (BUDGET9: flip when the budget lands)', () => {
    inquiries(emu, 250, 300);
    emu.ledger.reset();
    expect(() => emu.run('rpcSearchPersonalData', ['hr3@company.example.jp'])).toThrow('Exceeded maximum execution time');
    const run = emu.runtime.lastExecution!;
    expect(run.elapsedMs).toBe(EXECUTION_LIMIT_MS);
    // Stopped while reading the intake form's answers: 8 calls an inquiry, most of the run.
    expect(emu.ledger.count({ method: 'ItemResponse.getResponse' })).toBeGreaterThan(1_500);
    expect(emu.ledger.records.length).toBe(run.stoppedAtCall);
    // Nothing half-made: no second export.
    expect(exportFiles(emu)).toBe(2);
  });
});
