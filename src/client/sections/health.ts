/**
 * 「状態の確認」 (issue 20): the server gathers the facts (rpcCheckHealth), the domain judges them here
 * (src/server/domain/health.ts, settings-check.ts) and each finding is worded with its fix; 「担当を引き継ぐ」 and
 * 「ファイルを共有フォルダに移す」 beside it. Opens by itself when the check finds a problem.
 */
import type { HealthFactsView, SharedFolderResult, TakeOverResult } from '../../protocol';
import { assessHealth, HealthFinding } from '../../server/domain/health';
import { checkSettingRows } from '../../server/domain/settings-check';
import { formatProblem } from '../../server/domain/where';
import { el, replace } from '../dom';
import { formatInstant, lang } from '../i18n';
import { HealthMessageKey, permissionName, th } from '../i18n-health';
import { call } from '../rpc';
import { button, exclusive, section, showError, showResult, Section } from '../ui';

/** One finding as the coordinator reads it: where (when it is in a sheet), what is wrong, what to do. */
export function findingText(f: HealthFinding): string {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(f.params)) {
    params[k] = Array.isArray(v) ? v.map((x) => (k === 'permissions' ? permissionName(String(x)) : String(x))).join(lang() === 'ja' ? '」「' : '", "') : v as string | number;
  }
  if (params.permissions !== undefined) params.permissions = lang() === 'ja' ? `「${params.permissions}」` : `"${params.permissions}"`;
  const message = th(`health.${f.code}` as HealthMessageKey, params);
  return f.where ? formatProblem(lang(), { ...f.where, message }) : message;
}

export function judge(facts: HealthFactsView): HealthFinding[] {
  return assessHealth({ ...facts, settings: checkSettingRows(facts.settingRows) }, (ms) => formatInstant(new Date(ms).toISOString()));
}

const LEVEL: Record<HealthFinding['level'], HealthMessageKey> = { problem: 'health.levelProblem', info: 'health.levelInfo', ok: 'health.levelOk' };

function renderFindings(list: HTMLElement, findings: readonly HealthFinding[]): void {
  replace(list, ...findings.map((f) => el('li', { class: `health-${f.level}`, 'data-level': f.level, 'data-code': f.code },
    el('strong', { text: `${th(LEVEL[f.level])}: ` }), findingText(f))));
}

export function takeOverText(r: TakeOverResult): string {
  const lines = [
    th(!r.formsInUse ? 'takeover.noForms' : r.installed ? 'takeover.triggers' : 'takeover.triggersKept'),
    r.previous ? th('takeover.previous', { previous: r.previous }) : th('takeover.previousUnknown'),
    ...(r.formsInUse ? [th('takeover.synced', { added: r.added })] : []),
    r.byHand.length ? [th('takeover.filesByHand'), ...r.byHand.map((f) => `・${th('takeover.file', { key: f.key, url: f.url })}`)].join('\n') : th('takeover.filesOk'),
  ];
  return lines.join('\n\n');
}

export function sharedFolderText(r: SharedFolderResult): string {
  if (r.createdFolder) return th('sharedFolder.created', { name: '就労支援ネットワーク 共有', url: r.url });
  const quote = (keys: string[]) => keys.map((key) => th('sharedFolder.item', { key })).join(lang() === 'ja' ? '、' : ', ');
  const lines = [
    r.moved.length ? th('sharedFolder.moved', { count: r.moved.length, items: quote(r.moved) }) : '',
    r.notMovable.length ? th('sharedFolder.notMovable', { items: quote(r.notMovable) }) : '',
  ].filter(Boolean);
  return lines.length ? lines.join('\n') : th('sharedFolder.nothing');
}

async function check(s: Section, list: HTMLElement): Promise<HealthFinding[]> {
  const findings = judge(await call('rpcCheckHealth'));
  renderFindings(list, findings);
  const problems = findings.filter((f) => f.level === 'problem').length;
  showResult(s, problems ? th('health.summary', { problems }) : th('health.allGood'));
  return findings;
}

export function healthSection(): HTMLElement {
  const s = section('health', 'health.title');
  const list = el('ul', { class: 'health' });
  s.body.append(
    el('p', { class: 'help', text: th('health.help') }),
    button(th('health.check'), () => void exclusive(s, async () => { await check(s, list); })),
    list,
    el('p', { class: 'help', text: th('health.takeOverHelp') }),
    button(th('health.takeOver'), () => void exclusive(s, async () => {
      const r = await call('rpcTakeOver');
      const text = takeOverText(r);
      await check(s, list);
      showResult(s, ...text.split('\n\n'));
    }), 'secondary'),
    button(th('health.moveFiles'), () => void exclusive(s, async () => {
      const r = await call('rpcMoveToSharedFolder');
      showResult(s, ...sharedFolderText(r).split('\n'));
    }), 'secondary'),
  );
  // Checked when the sidebar opens (reads only, without blocking the other sections): a problem opens it by itself.
  check(s, list).then((findings) => { if (findings.some((f) => f.level === 'problem')) s.root.open = true; }, (e) => showError(s, e));
  return s.root;
}
