/**
 * rows18: Document Properties are asked of PropertiesService once per execution — the Properties object is a handle
 * whose every getProperty/setProperty is its own call on the live store — and per emulator in workspace tests.
 */
import { withEmulator } from '../../support/globals';
import { DURABLE_KEY_PREFIX, Settings, documentProperties } from '../../../src/server/workspace/settings';
import { setUpWorkbook } from '../../../src/server/workspace/features/setup';

test('documentProperties: one ask per execution, a live store, and a new emulator gets its own', () => {
  const emu = withEmulator();
  const first = documentProperties();
  expect(documentProperties()).toBe(first);
  expect(emu.ledger.count({ method: 'PropertiesService.getDocumentProperties' })).toBe(1);
  // A value another execution writes after the handle was taken is read through it.
  emu.properties.document.set('k', 'v');
  expect(first.getProperty('k')).toBe('v');
  const other = withEmulator();
  expect(documentProperties().getProperty('k')).toBeNull();
  expect(other.ledger.count({ method: 'PropertiesService.getDocumentProperties' })).toBe(1);
});

describe('durable copies (spreadsheet developer metadata) across flushes of one Settings', () => {
  test('a second flush reuses the first one\'s metadata read; a copy added this run is read again only to change it', () => {
    const emu = withEmulator();
    const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
    setUpWorkbook(ss, 'ja');
    const durable = () => new Map(ss.getDeveloperMetadata().filter((m) => m.getKey().startsWith(DURABLE_KEY_PREFIX)).map((m) => [m.getKey().slice(DURABLE_KEY_PREFIX.length), m.getValue()]));
    emu.ledger.reset();
    const settings = Settings.open(ss);
    settings.set('パンフレット出力フォルダID', 'folder-1');
    settings.flush();
    settings.set('パンフレットひな形ID', 'template-1');
    settings.flush();
    // One read for both flushes (the folder saved at once, then the template: 「パンフレットのひな形を作成」).
    expect(emu.ledger.count({ method: 'Spreadsheet.getDeveloperMetadata' })).toBe(1);
    expect(emu.ledger.count({ method: 'Spreadsheet.addDeveloperMetadata' })).toBe(2);
    // Changing a copy added by this run asks for it again (addDeveloperMetadata gave no handle): not a second copy.
    settings.set('パンフレット出力フォルダID', 'folder-2');
    settings.flush();
    expect(emu.ledger.count({ method: 'Spreadsheet.getDeveloperMetadata' })).toBe(2);
    expect(emu.ledger.count({ method: 'Spreadsheet.addDeveloperMetadata' })).toBe(2);
    expect(durable()).toEqual(new Map([['パンフレット出力フォルダID', 'folder-2'], ['パンフレットひな形ID', 'template-1']]));
    expect(ss.getDeveloperMetadata().filter((m) => m.getKey() === `${DURABLE_KEY_PREFIX}パンフレット出力フォルダID`)).toHaveLength(1);
  });
});
