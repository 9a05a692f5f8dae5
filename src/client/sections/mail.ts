/**
 * 参加者へのメール: what would go out now, as each participant reads it, and what goes out when (reminders, thank-you,
 * survey reminder), then send. Sending never sends a mail twice (送信記録), so pressing it again only sends the rest.
 */
import type { MailPreview, MailView } from '../../protocol';
import { append, el, nextId, replace } from '../dom';
import { t } from '../i18n';
import { call } from '../rpc';
import { button, exclusive, problemList, section, setAllowed, showResult } from '../ui';

const SHOWN = 30;

function mailItem(m: MailView): HTMLElement {
  return el('li', { class: 'mail-item', 'data-kind': m.kind },
    el('details', {},
      el('summary', {}, el('span', { class: 'badge', text: m.label }), ' ', el('span', { class: 'mail-to', text: m.to }), ' ', el('span', { class: 'event-meta', text: m.subject })),
      el('pre', { class: 'mail-body', text: m.body }),
      m.attachments.length ? el('p', { class: 'event-meta', text: t('mail.attachments', { names: m.attachments.join('、') }) }) : null));
}

function previewView(p: MailPreview): HTMLElement {
  const box = el('div', {});
  const counts = new Map<string, number>();
  for (const m of p.due) counts.set(m.label, (counts.get(m.label) ?? 0) + 1);
  append(box, el('p', { class: 'mail-counts', text: p.due.length ? t('mail.dueCounts', { counts: [...counts].map(([k, n]) => `${k} ${n}`).join('・'), total: p.due.length }) : t('mail.noneDue') }));
  if (p.promotions) append(box, el('p', { text: t('mail.promotions', { count: p.promotions }) }));
  if (p.due.length) {
    const id = nextId('mail-due');
    const list = el('ul', { class: 'mail-list', 'aria-labelledby': id });
    for (const m of p.due.slice(0, SHOWN)) append(list, mailItem(m));
    if (p.due.length > SHOWN) append(list, el('li', { text: t('common.more', { count: p.due.length - SHOWN }) }));
    append(box, el('p', { id, class: 'caption', text: t('mail.dueCaption') }), list);
  }
  if (p.upcoming.length) {
    const list = el('ul', { class: 'mail-schedule' });
    for (const u of p.upcoming) append(list, el('li', { text: t('mail.upcomingItem', { at: u.at, label: u.label, event: u.eventId, count: u.count }) }));
    append(box, el('p', { class: 'caption', text: t('mail.upcomingCaption') }), list);
  }
  if (p.inDoubtRows.length) append(box, el('p', { class: 'warning', text: t('mail.inDoubt', { rows: p.inDoubtRows.join('、') }) }));
  if (p.problems.length) append(box, problemList(p.problems));
  return box;
}

export function mailSection(): HTMLElement {
  const s = section('mail', 'mail.title', 'mail.help');
  const previewBox = el('div', { class: 'plan-box' });
  const send = button(t('mail.send'), () => {
    void exclusive(s, async () => {
      const r = await call('rpcSendMail');
      showResult(s, ...r.message.split('\n'), r.problems.length ? problemList(r.problems) : null);
      replace(previewBox);
      setAllowed(send, false);
    });
  });
  setAllowed(send, false);
  const preview = button(t('mail.preview'), () => {
    void exclusive(s, async () => {
      const p = await call('rpcPreviewMail');
      replace(previewBox, previewView(p));
      setAllowed(send, p.due.length > 0 || p.promotions > 0);
    });
  }, 'secondary');
  s.body.append(preview, previewBox, send);
  return s.root;
}
