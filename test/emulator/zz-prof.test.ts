import { loadAddOn } from '../support/bundle';
const NOW = new Date('2026-02-02T09:00:00+09:00');
test('prof', () => {
  const emu = loadAddOn({ now: NOW });
  for (let i = 0; i < 20; i++) emu.run('onOpen', [{ authMode: 'FULL' }]);
  const t2 = process.cpuUsage();
  for (let i = 0; i < 100; i++) emu.run('onOpen', [{ authMode: 'FULL' }]);
  const u2 = process.cpuUsage(t2);
  console.log('100 onOpen cpu ms', (u2.user + u2.system) / 1e3);
});
