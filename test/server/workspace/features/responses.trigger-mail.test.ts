/**
 * Issue 18 (sync10): the form-submit trigger reads メール文面, 設定 and the mail quota before its lock only where a
 * registration mail or a promotion can be due — an event in 行事 that has not started (domain/mail.ts planMail: every
 * registration kind and every promotion waits for one). With none ahead, the plan made with the default texts decides
 * under the lock, as 回答を同期 does (mail.ts mailAfterSync), and nothing is read for mail when nothing is to do.
 */
import { DEMO_EVENTS, DemoEvent, agencyNamesOf, participantAnswers } from '../../../../scripts/demo/forms';
import { loadAddOn } from '../../../support/bundle';
import { ledgerFor, prepare } from '../../../support/forms';

const SEMINAR = DEMO_EVENTS[0] as DemoEvent; // starts 2025-08-22

/** The sheets the operation read with getSheetValues, by name, in order. */
function sheetsRead(emu: ReturnType<typeof loadAddOn>, operation: string): string[] {
  const name = (target?: string) => emu.active.sheets.find((s) => `sheet:${s.sheetId}` === target)?.name ?? String(target);
  return emu.ledger.records.filter((r) => r.operation === operation && r.method === 'Sheet.getSheetValues').map((r) => name(r.target));
}

function firing(now: Date) {
  const emu = loadAddOn({ now: new Date('2025-07-01T09:00:00+09:00') });
  const formId = prepare(emu, { events: [SEMINAR] }).get(SEMINAR.id)!.registration.formId;
  emu.runtime.setNow(now);
  const names = agencyNamesOf(emu);
  emu.forms.submit(formId, participantAnswers(0, 1, names), { operation: 'firing' });
  return emu;
}

describe('the form-submit trigger reads the mail context only where a mail can be due', () => {
  test('every event started: the registration is recorded, and neither メール文面, 設定 nor the quota is read', () => {
    const emu = firing(new Date('2025-09-01T09:00:00+09:00'));
    expect(ledgerFor(emu, SEMINAR.id)).toHaveLength(1);
    expect(sheetsRead(emu, 'firing')).not.toEqual(expect.arrayContaining(['メール文面']));
    expect(sheetsRead(emu, 'firing')).not.toEqual(expect.arrayContaining(['設定']));
    expect(emu.ledger.byService('firing').MailApp ?? 0).toBe(0);
    // Document Properties still read under the lock: a batch a dead run left in flight is settled by this firing.
    expect(emu.ledger.byMethod('firing')['PropertiesService.Properties.getProperties']).toBe(1);
    // No problem with this response: its sheet's name (only for a problem's place) is not asked.
    expect(emu.ledger.byMethod('firing')['SpreadsheetApp.Sheet.getName'] ?? 0).toBe(0);
  });

  test('a second registration by the same person: the log names the response sheet and its row', () => {
    const emu = firing(new Date('2025-09-01T09:00:00+09:00'));
    const formId = [...emu.forms.store.forms.values()].find((f) => f.title.includes('申込'))!.id;
    emu.runtime.advanceClock(60_000);
    emu.forms.submit(formId, participantAnswers(0, 1, agencyNamesOf(emu)), { operation: 'again' });
    expect(ledgerFor(emu, SEMINAR.id)).toHaveLength(1);
    expect(emu.ledger.byMethod('again')['SpreadsheetApp.Sheet.getName']).toBe(1);
    const log = emu.active.sheets.find((s) => s.name === '操作ログ')!.getDataRange().getValues().map((r) => r.join(' '));
    expect(log.at(-1)).toContain('申込回答_');
  });

  test('an event ahead: the context is read before the lock (the lock stays short), and the confirmation goes', () => {
    const emu = firing(new Date('2025-07-02T09:00:00+09:00'));
    expect(ledgerFor(emu, SEMINAR.id)).toHaveLength(1);
    const calls = emu.ledger.records.filter((r) => r.operation === 'firing').map((r) => r.method);
    const lockAt = calls.indexOf('Lock.tryLock');
    expect(calls.indexOf('MailApp.getRemainingDailyQuota')).toBeGreaterThanOrEqual(0);
    expect(calls.indexOf('MailApp.getRemainingDailyQuota')).toBeLessThan(lockAt);
    expect(sheetsRead(emu, 'firing').slice(0, 4)).toEqual(expect.arrayContaining(['メール文面', '設定']));
    expect(emu.mail.outbox).toHaveLength(1);
  });
});
