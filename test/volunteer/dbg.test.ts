import { loadAddOn } from '../support/bundle';
import { NOW, callsOf, operation } from './support';
test('x', () => {
  const calls = callsOf(operation('出欠を集計'), () => loadAddOn({ now: NOW }));
  console.log(calls.map((c, i) => `${i + 1} ${c.method} ${c.target ?? ''}`).join('\n'));
});
