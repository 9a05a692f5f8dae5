/**
 * 参加者へのメール: what would go out now, as each participant reads it, and what goes out when (reminders, thank-you,
 * survey reminder), then send. The server sends only the data (rpcPreviewMail); the plan and the texts are made here
 * by the same domain/mail.ts planMail a send runs, so nothing about the preview is formatted in dist/Code.js. Sending
 * never sends a mail twice (送信記録), so pressing it again only sends the rest.
 */
import type { MailPreviewData } from '../../protocol';
import { MAIL_KIND_LABELS, MailProblem, PlannedMail, stamp, upcomingOf } from '../../server/domain/mail';
import { planFromPreview } from '../mail-plan';
import { append, el, nextId, replace } from '../dom';
import { t } from '../i18n';
import { call } from '../rpc';
import { button, exclusive, problemList, section, setAllowed, showResult } from '../ui';

const SHOWN = 30;

function mailItem(m: PlannedMail): HTMLElement {
  return el('li', { class: 'mail-item', 'data-kind': m.kind },
    el('details', {},
      el('summary', {}, el('span', { class: 'badge', text: MAIL_KIND_LABELS[m.kind] }), ' ', el('span', { class: 'mail-to', text: m.to }), ' ', el('span', { class: 'event-meta', text: m.subject })),
      el('pre', { class: 'mail-body', text: m.body }),
      m.withIcs ? el('p', { class: 'event-meta', text: t('mail.attachments', { names: `${m.eventId}.ics` }) }) : null));
}

/** A plan problem in the sidebar's words, located as the server would (ledger row, 行事's 定員, or メール文面). */
function problemOf(p: MailProblem) {
  const sheet = p.row > 0 ? '参加者台帳' : p.column === '定員' ? '行事' : 'メール文面';
  return { sheet, row: p.row, column: p.column, message: t(`mail.problem.${p.code}`, p.params) };
}

export function previewView(d: MailPreviewData): HTMLElement {
  const p = planFromPreview(d);
  const box = el('div', {});
  const counts = new Map<string, number>();
  for (const m of p.due) counts.set(MAIL_KIND_LABELS[m.kind], (counts.get(MAIL_KIND_LABELS[m.kind]) ?? 0) + 1);
  append(box, el('p', { class: 'mail-counts', text: p.due.length ? t('mail.dueCounts', { counts: [...counts].map(([k, n]) => `${k} ${n}`).join('・'), total: p.due.length }) : t('mail.noneDue') }));
  if (p.promotions.length) append(box, el('p', { text: t('mail.promotions', { count: p.promotions.length }) }));
  if (p.due.length) {
    const id = nextId('mail-due');
    const list = el('ul', { class: 'mail-list', 'aria-labelledby': id });
    for (const m of p.due.slice(0, SHOWN)) append(list, mailItem(m));
    if (p.due.length > SHOWN) append(list, el('li', { text: t('common.more', { count: p.due.length - SHOWN }) }));
    append(box, el('p', { id, class: 'caption', text: t('mail.dueCaption') }), list);
  }
  const upcoming = upcomingOf(p.ahead.filter((a) => a.at.getTime() > Date.parse(d.now)));
  if (upcoming.length) {
    const list = el('ul', { class: 'mail-schedule' });
    for (const u of upcoming) append(list, el('li', { text: t('mail.upcomingItem', { at: stamp(u.at, d.settings.timeZone), label: MAIL_KIND_LABELS[u.kind], event: u.eventId, count: u.count }) }));
    append(box, el('p', { class: 'caption', text: t('mail.upcomingCaption') }), list);
  }
  const inDoubt = [...new Set(p.inDoubt.map((x) => x.row))];
  if (inDoubt.length) append(box, el('p', { class: 'warning', text: t('mail.inDoubt', { rows: inDoubt.join('、') }) }));
  if (p.problems.length) append(box, problemList(p.problems.map(problemOf)));
  box.dataset.sendable = String(p.due.length > 0 || p.promotions.length > 0);
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
      const view = previewView(await call('rpcPreviewMail'));
      replace(previewBox, view);
      setAllowed(send, view.dataset.sendable === 'true');
    });
  }, 'secondary');
  s.body.append(preview, previewBox, send);
  return s.root;
}
