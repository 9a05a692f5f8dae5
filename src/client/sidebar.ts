/**
 * The coordinator's sidebar. It asks the server which features this build has (rpcInit) and shows one section per
 * feature present, so it works at every stage of the project. All text is inserted as text (see dom.ts).
 */
import type { SidebarInit } from '../protocol';
import { el, replace } from './dom';
import { setLang, t } from './i18n';
import { call, messageOf, RpcName, setTransportMessage } from './rpc';
import { csvSection } from './sections/csv';
import { registrySection } from './sections/registry';
import { settingsSection } from './sections/settings';
import { formsSection } from './sections/forms';
import { attendanceSection } from './sections/attendance';
import { meetingsSection } from './sections/meetings';
import { pamphletSection } from './sections/pamphlet';
import { reportSection } from './sections/report';
import { button, exclusive, section, showResult } from './ui';

interface SectionDef {
  feature: string;
  /** The RPCs the section calls: it is shown only when rpcInit lists every one of them (or the feature's name). */
  needs: readonly RpcName[];
  build: (init: SidebarInit) => HTMLElement;
}

/** The sections, in the order coordinators work. */
const SECTIONS: readonly SectionDef[] = [
  { feature: 'registry', needs: ['rpcCheckRegistry'], build: registrySection },
  { feature: 'csv', needs: ['rpcPreviewCsv', 'rpcImportCsv'], build: csvSection },
  { feature: 'forms', needs: ['rpcListEvents', 'rpcCreateEventForms', 'rpcSyncResponses'], build: formsSection },
  { feature: 'attendance', needs: ['rpcTallyAttendance'], build: attendanceSection },
  { feature: 'pamphlet', needs: ['rpcPreviewPamphlet', 'rpcGeneratePamphlet', 'rpcCreatePamphletTemplate'], build: pamphletSection },
  { feature: 'meetings', needs: ['rpcPlanMeetings', 'rpcSendMeetingInvites'], build: meetingsSection },
  { feature: 'report', needs: ['rpcSummariseSurveys', 'rpcCreateActivityReport'], build: reportSection },
  { feature: 'settings', needs: ['rpcGetSettings', 'rpcSaveSettings'], build: settingsSection },
];

export function present(def: SectionDef, features: readonly string[]): boolean {
  return features.includes(def.feature) || def.needs.every((name) => features.includes(name));
}

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
  const sections = SECTIONS.filter((s) => present(s, init.features)).map((s) => s.build(init));
  replace(app,
    el('p', { class: 'spreadsheet', text: init.spreadsheetName }),
    init.setUp ? null : setUpNotice(app),
    ...sections);
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
