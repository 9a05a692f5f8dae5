/** rpcInit through the built bundle: whether set-up has run, and the user's language. */
import type { RpcResult, SidebarInit } from '../../src/protocol';
import { loadAddOn } from '../support/bundle';

test('rpcInit says set-up has run and names the spreadsheet', () => {
  const emu = loadAddOn();
  emu.run('setUpWorkbook');
  const init = emu.run<RpcResult<SidebarInit>>('rpcInit');
  if (!init.ok) throw new Error(init.error.message);
  expect(init.value).toEqual({ lang: 'ja', setUp: true, spreadsheetName: emu.active.getName() });
});

test('a user with an English locale gets lang en', () => {
  const emu = loadAddOn();
  emu.runtime.user.locale = 'en_US';
  const init = emu.run<RpcResult<SidebarInit>>('rpcInit');
  expect(init.ok && init.value.lang).toBe('en');
  expect(init.ok && init.value.setUp).toBe(false);
});

test('the sidebar\'s title follows the user\'s language', () => {
  const emu = loadAddOn();
  emu.run('showSidebar');
  emu.runtime.user.locale = 'en_US';
  emu.run('showSidebar');
  expect(emu.uiState.sidebars.map((s) => s.title)).toEqual(['就労支援ネットワーク', 'Employment support network']);
});
