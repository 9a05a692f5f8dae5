/**
 * Continuity at the workspace level (src/server/workspace/health.ts, coordinator.ts) on the emulator: the resulting
 * state and the call ledger — the heartbeat is one write, the status check reads and writes nothing, the notice on
 * open is one read when all is well.
 */
import { withEmulator } from '../../../support/globals';
import { setUpWorkbook } from '../../../../src/server/workspace/features/setup';
import { recordFormSubmitHeartbeat, FORM_SUBMIT_HEARTBEAT_KEY } from '../../../../src/server/workspace/coordinator';
import { gatherHealthFacts, noticeOnOpen, SHARED_FOLDER_SETTING } from '../../../../src/server/workspace/features/health';
import { HEARTBEAT_KEY } from '../../../../src/server/workspace/features/catchUp';

const NOW = new Date('2026-06-01T09:00:00+09:00');

function world() {
  const emu = withEmulator({ now: NOW });
  const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
  setUpWorkbook(ss, 'ja');
  return { emu, ss };
}

describe('heartbeat', () => {
  test('one call, one key, no read: safe when two firings write at once', () => {
    const { emu } = world();
    emu.ledger.reset();
    recordFormSubmitHeartbeat();
    expect(emu.ledger.byMethod()).toEqual({ 'PropertiesService.PropertiesService.getDocumentProperties': 1, 'PropertiesService.Properties.setProperties': 1 });
    // The script's own clock (outside the vm here: the host's).
    expect(Math.abs(Date.parse(emu.properties.document.get(FORM_SUBMIT_HEARTBEAT_KEY)!) - Date.now())).toBeLessThan(5_000);
  });

  test('a failing write does not fail the firing (the response is already recorded)', () => {
    const { emu } = world();
    emu.runtime.failAt({ atCall: 2, message: 'Service unavailable: Properties' });
    expect(() => recordFormSubmitHeartbeat()).not.toThrow();
    expect(emu.properties.document.has(FORM_SUBMIT_HEARTBEAT_KEY)).toBe(false);
  });
});

describe('状態の確認 facts', () => {
  test('read only: nothing written anywhere; the 設定 rows and the settings problems\' raw material come back', () => {
    const { emu, ss } = world();
    const sheet = emu.active.sheets.find((s) => s.name === '設定')!;
    sheet.getRange(sheet.getLastRow() + 1, 1, 1, 2).setValues([[SHARED_FOLDER_SETTING, 'https://drive.google.com/drive/folders/1AbCdEfGhIjKl']]);
    emu.ledger.reset();
    const before = JSON.stringify([...emu.properties.document, ...emu.active.sheets.map((s) => s.rows)]);
    const facts = gatherHealthFacts(ss);
    expect(JSON.stringify([...emu.properties.document, ...emu.active.sheets.map((s) => s.rows)])).toBe(before);
    const writes = emu.ledger.records.filter((r) => /\.(set|append|insert|delete|clear|create|update|remove)/.test(r.method));
    expect(writes).toEqual([]);
    expect(facts).toMatchObject({ formsInUse: false, unrecorded: [], coordinator: null, myTriggers: { formSubmit: false, catchUp: false }, missingGrants: [], mailRemaining: 100 });
    // The mail quota is read now that the manifest holds script.send_mail (issue 15): the emulator's consumer account, 100 a day.
    expect(facts.settingRows.find((r) => r.key === SHARED_FOLDER_SETTING)).toMatchObject({ value: 'https://drive.google.com/drive/folders/1AbCdEfGhIjKl' });
    // A URL is not an id: no Drive call is made for it (the settings check reports it instead).
    expect(facts.files).toEqual([]);
    expect(emu.ledger.count({ service: 'Drive' })).toBe(0);
  });
});

describe('notice on open', () => {
  test('all well: one read, no toast; a stopped catch-up: a toast pointing at 状態の確認', () => {
    const { emu } = world();
    // Times on the script's clock (outside the vm here: the host's).
    emu.properties.document.set(HEARTBEAT_KEY, new Date(Date.now() - 30 * 60_000).toISOString());
    emu.ledger.reset();
    noticeOnOpen('FULL' as unknown as GoogleAppsScript.Script.AuthMode);
    expect(emu.ledger.records.map((r) => r.method)).toEqual(['PropertiesService.getDocumentProperties', 'Properties.getProperties']);
    expect(emu.active.toasts).toEqual([]);
    emu.properties.document.set(HEARTBEAT_KEY, new Date(Date.now() - 3 * 3_600_000).toISOString());
    noticeOnOpen('FULL' as unknown as GoogleAppsScript.Script.AuthMode);
    expect(emu.active.toasts).toEqual([{ title: '状態の確認', message: expect.stringContaining('サイドバーの「状態の確認」を開いてください') }]);
  });

  test('never set up for forms: silent; refused (no grant yet): silent', () => {
    const { emu } = world();
    noticeOnOpen('FULL' as unknown as GoogleAppsScript.Script.AuthMode);
    emu.runtime.grantedScopes = [];
    noticeOnOpen('FULL' as unknown as GoogleAppsScript.Script.AuthMode);
    expect(emu.active.toasts).toEqual([]);
  });
});
