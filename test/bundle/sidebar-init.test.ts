/** rpcInit through the built bundle: the features the sidebar may show, and the user's language. */
import type { RpcResult, SidebarInit } from '../../src/protocol';
import { loadAddOn } from '../support/bundle';

test('rpcInit lists every rpc* function of the bundle, so the sidebar shows a section only when its RPCs exist', () => {
  const emu = loadAddOn();
  emu.run('setUpWorkbook');
  const init = emu.run<RpcResult<SidebarInit>>('rpcInit');
  if (!init.ok) throw new Error(init.error.message);
  const bundle = emu.load();
  const present = Object.keys(bundle).filter((k) => k.startsWith('rpc') && typeof bundle[k] === 'function');
  expect(init.value.features).toEqual(expect.arrayContaining(['registry', 'csv', 'settings', 'rpcCheckRegistry', 'rpcImportCsv']));
  expect(init.value.features.filter((f) => f.startsWith('rpc')).sort()).toEqual(present.sort());
  expect(init.value).toMatchObject({ lang: 'ja', setUp: true });
});

test('a user with an English locale gets lang en', () => {
  const emu = loadAddOn();
  emu.runtime.user.locale = 'en_US';
  const init = emu.run<RpcResult<SidebarInit>>('rpcInit');
  expect(init.ok && init.value.lang).toBe('en');
  expect(init.ok && init.value.setUp).toBe(false);
});
