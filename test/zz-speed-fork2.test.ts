import { loadAddOn } from './support/bundle';
import { forkAddOn } from './support/fork';
import { OPERATIONS } from './faults/operations';
const NOW = new Date('2026-02-02T09:00:00+09:00');
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
test('prof', () => {
  for (const name of ['回答を同期', '本人のデータを検索', '初期設定（古いシートへの列の追加）']) {
  const op = OPERATIONS.find((o) => o.name === name)!;
  let t = cpu(); const base = loadAddOn({ now: NOW }); op.setup(base); console.log(name, 'fresh+setup cpu ms', cpu() - t);
  t = cpu(); for (let i = 0; i < 5; i++) forkAddOn(base, { now: NOW }); console.log('fork cpu ms', (cpu() - t) / 5);
  t = cpu(); const x = forkAddOn(base, { now: NOW }); op.run(x); console.log('run cpu ms', (cpu() - t));
  }
});
