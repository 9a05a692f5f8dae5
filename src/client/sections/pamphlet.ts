/**
 * パンフレット: who will be listed (by kind, in kana order, with fields left empty) and who will not and why; then
 * create the Doc and the PDF and link to both. Without a template, offers to create the add-on's own.
 */
import type { PamphletPreview } from '../../protocol';
import { append, el, externalLink, nextId, replace } from '../dom';
import { lang, t } from '../i18n';
import { formatExcluded } from '../../server/domain/where';
import { call } from '../rpc';
import { button, exclusive, section, setAllowed, showResult } from '../ui';

function previewView(p: PamphletPreview): HTMLElement[] {
  const includedId = nextId('pamphlet-in');
  const included = el('div', { class: 'pamphlet-included', role: 'group', 'aria-labelledby': includedId },
    el('h3', { id: includedId, text: t('pamphlet.included', { count: p.included.length }) }));
  if (!p.included.length) append(included, el('p', { text: t('pamphlet.noneIncluded') }));
  for (const g of p.groups) {
    if (!g.agencies.length) continue;
    const list = el('ul', { class: 'agencies' });
    for (const a of g.agencies) {
      append(list, el('li', {}, el('span', { class: 'agency-name', text: a.name }),
        a.emptyFields.length ? el('span', { class: 'event-meta', text: t('pamphlet.empty', { fields: a.emptyFields.join('、') }) }) : null,
        a.withheldFields?.length ? el('span', { class: 'event-meta withheld', text: t('pamphlet.withheld', { fields: a.withheldFields.join('、') }) }) : null));
    }
    append(included, el('h4', { text: g.kind }), list);
  }
  const excludedId = nextId('pamphlet-out');
  const excluded = el('div', { class: 'pamphlet-excluded', role: 'group', 'aria-labelledby': excludedId },
    el('h3', { id: excludedId, text: t('pamphlet.excluded', { count: p.excluded.length }) }),
    el('ul', { class: 'agencies' }, ...p.excluded.map((x) => el('li', { text: formatExcluded(lang(), x) }))));
  const problems = p.templateProblems.map((m) => el('p', { class: 'warning', text: m }));
  return [...problems, included, excluded];
}

export function pamphletSection(): HTMLElement {
  const s = section('pamphlet', 'pamphlet.title', 'pamphlet.help');
  const box = el('div', { class: 'pamphlet-preview' });

  const refresh = async () => {
    const p = await call('rpcPreviewPamphlet');
    replace(box, ...previewView(p));
    setAllowed(generate, p.templateProblems.length === 0 && p.included.length > 0);
    template.hidden = p.templateProblems.length === 0;
  };

  const preview = button(t('pamphlet.preview'), () => void exclusive(s, refresh), 'secondary');
  const template = button(t('pamphlet.template'), () => {
    void exclusive(s, async () => {
      const r = await call('rpcCreatePamphletTemplate');
      showResult(s, ...r.message.split('\n'), el('p', { class: 'links' }, externalLink(r.url, t('pamphlet.openDoc'))));
      await refresh();
    });
  }, 'secondary');
  template.hidden = true;
  const generate = button(t('pamphlet.generate'), () => {
    void exclusive(s, async () => {
      const r = await call('rpcGeneratePamphlet');
      showResult(s, ...r.message.split('\n').filter((line) => !/^(文書|PDF|Document): https?:/.test(line)),
        el('p', { class: 'links' }, externalLink(r.url, t('pamphlet.openDoc')), externalLink(r.pdfUrl, t('pamphlet.openPdf'))));
    });
  });
  setAllowed(generate, false);

  s.body.append(preview, template, box, generate);
  s.root.addEventListener('toggle', () => {
    if (s.root.open && !box.childElementCount) void exclusive(s, refresh);
  });
  return s.root;
}
