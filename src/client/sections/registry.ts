/** 名簿チェック: runs the registry check and lists what needs fixing. */
import type { RegistryReport } from '../../protocol';
import { el } from '../dom';
import { t } from '../i18n';
import { call } from '../rpc';
import { button, exclusive, problemList, section, showResult } from '../ui';

export function reportLines(report: RegistryReport): HTMLElement[] {
  const out: HTMLElement[] = [el('p', { text: t('registry.summary', { rows: report.rows, fixed: report.fixed, problems: report.problems.length }) })];
  if (report.problems.length) {
    out.push(problemList(report.problems));
    out.push(el('p', { class: 'hint', text: t('registry.seeNotes') }));
  } else {
    out.push(el('p', { text: t('registry.allGood') }));
  }
  return out;
}

export function registrySection(): HTMLElement {
  const s = section('registry', 'registry.title', 'registry.help', true);
  s.body.append(button(t('registry.run'), () => {
    void exclusive(s, async () => showResult(s, ...reportLines(await call('rpcCheckRegistry'))));
  }));
  return s.root;
}
