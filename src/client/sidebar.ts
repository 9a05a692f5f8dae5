/**
 * The coordinator's sidebar: one section per feature, each calling the RPCs the operation table declares (a section
 * calling an RPC the server lacks fails the type-check, see rpc.ts). All text is inserted as text (see dom.ts).
 */
import type { LastResult, SidebarInit } from '../protocol';
import { el, replace } from './dom';
import { setLang, t } from './i18n';
import { call, messageOf, setTimeLimitMessage, setTransportMessage } from './rpc';
import { csvSection } from './sections/csv';
import { registrySection } from './sections/registry';
import { settingsSection } from './sections/settings';
import { formsSection } from './sections/forms';
import { attendanceSection } from './sections/attendance';
import { meetingsSection } from './sections/meetings';
import { mailSection } from './sections/mail';
import { pamphletSection } from './sections/pamphlet';
import { reportSection } from './sections/report';
import { dayOfSection } from './sections/dayof';
import { healthSection } from './sections/health';
import { roundSection } from './sections/round';
import { consultationsSection } from './sections/consultations';
import { privacySection } from './sections/privacy';
import { button, exclusive, section, showResult } from './ui';

/** The sections, in the order coordinators work. */
const SECTIONS: readonly ((init: SidebarInit) => HTMLElement)[] = [
  healthSection, registrySection, csvSection, roundSection, formsSection, attendanceSection, dayOfSection, mailSection, pamphletSection, meetingsSection, consultationsSection, reportSection, privacySection, settingsSection,
];

function setUpNotice(app: HTMLElement): HTMLElement {
  const s = section('setup', 'app.setUp', 'app.notSetUp', true);
  s.body.append(button(t('app.setUp'), () => {
    void exclusive(s, async () => {
      const r = await call('rpcSetUp');
      showResult(s, [t('app.setUpDone', { sheets: r.createdSheets.join('、') || t('common.none'), columns: r.addedColumns.length }), ...r.recoveredSettings.map((k) => `✓ ${k}`), ...r.renamed].join('\n'));
      await start(app);
    });
  }));
  return s.root;
}

async function start(app: HTMLElement): Promise<void> {
  const init = await call('rpcInit');
  setLang(init.lang);
  setTransportMessage(t('app.transport'));
  setTimeLimitMessage(t('app.timeLimit'));
  const sections = SECTIONS.map((build) => build(init));
  const recent = init.setUp ? el('div', { class: 'recent-slot' }) : null;
  replace(app,
    el('p', { class: 'spreadsheet', text: init.spreadsheetName }),
    init.setUp ? null : setUpNotice(app),
    recent,
    ...sections);
  // A menu item may ask for its section (e.g. 個人情報: operations.ts openSidebar): opened and shown first.
  const wanted = document.querySelector<HTMLElement>('[data-open]')?.dataset.open;
  const open = wanted ? app.querySelector<HTMLDetailsElement>(`details[data-feature="${wanted}"]`) : null;
  if (open) { open.open = true; open.scrollIntoView(); }
  // The sections are usable at once; the last results (one read of 操作ログ) arrive after.
  if (recent) void call('rpcLastResults').then((results) => replace(recent, lastResultsSection(results)), () => replace(recent));
}

/** Minutes within which a result counts as the one the coordinator may have missed (the section opens by itself). */
const RECENT_MINUTES = 30;

/**
 * 「前回の結果」: the last line of each operation in 操作ログ, so reloading the page while an operation ran loses
 * nothing and invites no second click. Open by itself when something finished in the last half hour.
 */
function lastResultsSection(results: readonly LastResult[]): HTMLElement | null {
  if (!results.length) return null;
  const s = section('recent', 'recent.title', 'recent.help', results.some((r) => r.minutesAgo !== null && r.minutesAgo <= RECENT_MINUTES));
  s.body.append(el('ul', { class: 'recent' }, ...results.map((r) => el('li', { 'data-operation': r.operation },
    el('strong', { text: r.operation }), ' ',
    el('span', { class: 'when', text: r.at ? t('recent.when', { at: r.at, result: r.result }) : r.result }),
    r.details ? el('p', { class: 'details', text: r.details }) : null))));
  return s.root;
}

function main(): void {
  const app = document.getElementById('app');
  if (!app) return;
  replace(app, el('p', { text: t('app.loading') }));
  start(app).catch((e: unknown) => {
    replace(app, el('p', { role: 'alert', class: 'error', text: `${t('app.loadFailed')} ${messageOf(e)}` }));
  });
}

main();
