/**
 * `npm start`: runs the add-on on the emulator with the demo data and shows what a coordinator would see.
 * (The browser preview replaces this printout; see the sidebar issue.)
 */
import { runDemo } from '../../scripts/demo';

const ctx = runDemo(process.argv.slice(2));
const menu = ctx.emu.uiState.menus[0];
console.log(`\nメニュー「${menu?.title}」: ${menu?.items.map((i) => ('caption' in i ? i.caption : '—')).join(' / ')}`);
for (const alert of ctx.emu.uiState.alerts) console.log(`\n[${alert.title}]\n${alert.prompt}`);
