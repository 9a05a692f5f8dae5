/**
 * 会議招待: first what sending would create, change and cancel (no Calendar call), then send. Sending is resumable:
 * the server skips what is already in the calendar, so after a stop (a failure, the daily quota) 「続きを送信」
 * sends only the rest.
 */
import type { MeetingActionKind, MeetingPlanItem, MeetingPlanView, MeetingSyncReport } from '../../protocol';
import { append, el, nextId, replace } from '../dom';
import { formatInstant, t } from '../i18n';
import { call } from '../rpc';
import { button, exclusive, job, JobInterrupted, problemList, section, setAllowed, showResult } from '../ui';

const ORDER: readonly MeetingActionKind[] = ['create', 'update', 'cancel', 'invalid', 'unchanged'];

function planList(plan: MeetingPlanView): HTMLElement {
  const items = [...plan.items].sort((a, b) => ORDER.indexOf(a.action) - ORDER.indexOf(b.action));
  const captionId = nextId('meetings');
  const list = el('ul', { class: 'plan', 'aria-labelledby': captionId });
  for (const item of items) append(list, planItem(item));
  return el('div', {}, el('p', { id: captionId, class: 'caption', text: t('meetings.caption') }), list);
}

function planItem(item: MeetingPlanItem): HTMLElement {
  return el('li', { class: `plan-${item.action}`, 'data-meeting': item.meetingId || undefined },
    el('span', { class: 'badge', text: t(`meetings.action.${item.action}`) }), ' ',
    el('span', { class: 'event-title', text: item.title }),
    el('span', { class: 'event-meta', text: [formatInstant(item.start), item.recurrence, item.location, item.guests.length ? t('meetings.guests', { count: item.guests.length }) : ''].filter(Boolean).join(' · ') }),
    item.changes.length ? el('span', { class: 'event-meta', text: t('meetings.changes', { changes: item.changes.join('、') }) }) : null);
}

export function meetingsSection(): HTMLElement {
  const s = section('meetings', 'meetings.title', 'meetings.help');
  const planBox = el('div', { class: 'plan-box' });
  let actionable = 0;

  const sending = job<MeetingSyncReport>(s, async () => {
    const r = await call('rpcSendMeetingInvites');
    const done = r.created + r.updated + r.cancelled;
    if (r.stopped) {
      // The server's one message says what was sent, what was not and what to do; the sidebar's next step is its
      // 「続きから再開」 button, so that sentence replaces the menu's.
      showResult(s, r.problems.length ? problemList(r.problems) : null);
      throw new JobInterrupted(r.next ? `${r.message}${t('meetings.stopped')}` : r.message, { done, total: Math.max(done, actionable) });
    }
    return { done, total: Math.max(done, actionable), result: r };
  }, (r) => {
    if (!r) return;
    showResult(s, r.message, r.problems.length ? problemList(r.problems) : null);
    setAllowed(send, false);
  });

  const send = button(t('meetings.send'), () => void sending.run());
  setAllowed(send, false);

  const plan = button(t('meetings.plan'), () => {
    void exclusive(s, async () => {
      const p = await call('rpcPlanMeetings');
      actionable = p.counts.create + p.counts.update + p.counts.cancel;
      replace(planBox,
        el('p', { text: t('meetings.calendar', { calendar: p.calendar }) }),
        el('p', { text: t('meetings.counts', p.counts) }),
        p.quota.message ? el('p', { class: 'warning', text: p.quota.message }) : null,
        actionable ? null : el('p', { text: t('meetings.nothing') }),
        p.items.length ? planList(p) : null,
        p.problems.length ? problemList(p.problems) : null);
      setAllowed(send, actionable > 0);
    });
  }, 'secondary');

  s.body.append(plan, planBox, send, sending.root);
  return s.root;
}
