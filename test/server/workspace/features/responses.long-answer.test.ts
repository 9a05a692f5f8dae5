/**
 * Issue 12 part 5: one response too long for a cell never blocks the others. Through the built bundle: participants
 * submit, the form-submit trigger fires, 「回答を同期」 reports.
 */
import type { RpcResult, SyncReport } from '../../../../src/protocol';
import { DEMO_EVENTS, DemoEvent, agencyNamesOf, participantAnswers } from '../../../../scripts/demo/forms';
import { loadAddOn } from '../../../support/bundle';
import { ledgerFor, ok, prepare, sheetRecords } from '../../../support/forms';

const NOW = new Date('2025-07-01T09:00:00+09:00');
const SEMINAR = DEMO_EVENTS[0] as DemoEvent;

describe('a response longer than a cell holds', () => {
  test('a 60,000-character answer is reported at its sheet and row and kept there; the responses after it reach the ledger', () => {
    const emu = loadAddOn({ now: NOW });
    const forms = prepare(emu, { events: [SEMINAR] });
    const formId = forms.get(SEMINAR.id)!.registration.formId;
    const sheetName = forms.get(SEMINAR.id)!.registration.sheetName;
    const agencies = agencyNamesOf(emu);
    const long = 'あ'.repeat(60_000);
    // Fits in its own cell, but a message quoting it whole would not.
    const formulaLike = `=${'x'.repeat(49_990)}`;
    const answers = [
      participantAnswers(0, 0, agencies),
      { ...participantAnswers(0, 1, agencies), 職種: long },
      { ...participantAnswers(0, 2, agencies), 職種: formulaLike },
      participantAnswers(0, 3, agencies),
      participantAnswers(0, 4, agencies),
    ];
    const executions = answers.map((a) => { emu.runtime.advanceClock(60_000); return emu.forms.submit(formId, a); });
    expect(executions.flatMap((x) => x.executions.map((e) => e.outcome))).toEqual(['completed', 'completed', 'completed', 'completed', 'completed']);

    const ledger = ledgerFor(emu, SEMINAR.id);
    expect(ledger.map((r) => r['メール'])).toEqual(['p1-01@example.jp', 'p1-03@example.jp', 'p1-04@example.jp', 'p1-05@example.jp']);
    // The formula-looking answer is stored whole as text; the note quoting it is short.
    const quoted = ledger[1]!;
    expect(quoted['職種']).toBe(formulaLike);
    expect(String(quoted['備考']).length).toBeLessThan(200);
    expect(String(quoted['備考'])).toContain('全49,991字');
    // The long answer stays where the participant's form put it.
    expect(sheetRecords(emu, sheetName)[1]!['職種']).toBe(long);

    const log = sheetRecords(emu, '操作ログ').map((r) => `${r['結果']} ${r['詳細']}`);
    expect(log.some((l) => l.startsWith('要確認') && l.includes(`「${sheetName}」シート 3行目「職種」`) && l.includes('60,000字'))).toBe(true);

    const sync = ok(emu.run<RpcResult<SyncReport>>('rpcSyncResponses'));
    expect(sync.added).toBe(0);
    expect(sync.problems).toContainEqual(expect.objectContaining({ sheet: sheetName, row: 3, column: '職種', message: expect.stringContaining('台帳に入れていません') }));
    expect(ledgerFor(emu, SEMINAR.id)).toHaveLength(4);
  });
});
