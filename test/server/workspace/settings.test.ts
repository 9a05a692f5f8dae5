/**
 * rows18: Document Properties are asked of PropertiesService once per execution — the Properties object is a handle
 * whose every getProperty/setProperty is its own call on the live store — and per emulator in workspace tests.
 */
import { withEmulator } from '../../support/globals';
import { documentProperties } from '../../../src/server/workspace/settings';

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
