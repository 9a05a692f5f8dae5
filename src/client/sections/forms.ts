/** フォーム作成・回答同期: per event, create (or update) its registration form and survey; bring responses in. */
import type { EventFormsResult, EventSummary } from '../../protocol';
import { append, el, externalLink, nextId } from '../dom';
import { formatInstant, t } from '../i18n';
import { call } from '../rpc';
import { button, exclusive, problemList, section, showResult } from '../ui';

function formLinks(registration: string, survey: string): HTMLElement | null {
  if (!registration && !survey) return null;
  return el('p', { class: 'links' },
    registration ? externalLink(registration, t('forms.registration')) : null,
    survey ? externalLink(survey, t('forms.survey')) : null);
}

function createdLines(r: EventFormsResult): HTMLElement[] {
  const created = r.registration.created || r.survey.created;
  return [
    el('p', { text: t(created ? 'forms.created' : 'forms.updated', { id: r.eventId }) }),
    r.triggerInstalled ? el('p', { text: t('forms.trigger') }) : null,
    formLinks(r.registration.url, r.survey.url),
    r.problems.length ? problemList(r.problems) : null,
  ].filter((x): x is HTMLElement => x !== null);
}

export function formsSection(): HTMLElement {
  const s = section('forms', 'forms.title', 'forms.help');
  const list = el('ul', { class: 'events', 'aria-label': t('forms.eventsCaption') });

  const render = (events: readonly EventSummary[]) => {
    list.replaceChildren();
    if (!events.length) append(list, el('li', { text: t('forms.none') }));
    for (const ev of events) {
      const hasForms = ev.registrationFormUrl !== '' || ev.surveyFormUrl !== '';
      const label = t(hasForms ? 'forms.update' : 'forms.create');
      const create = button(label, () => {
        void exclusive(s, async () => {
          const result = await call('rpcCreateEventForms', ev.id);
          showResult(s, ...createdLines(result));
          render(await call('rpcListEvents'));
        });
      }, hasForms ? 'secondary' : 'primary');
      create.setAttribute('aria-label', `${label}: ${ev.title}`);
      // issue 17 item 6: the announcement with the registration link, to the row's 招待先 (each address once).
      const invite = ev.registrationFormUrl ? button(t('forms.invite'), () => void exclusive(s, () => sendInvites(ev.id)), 'secondary') : null;
      invite?.setAttribute('aria-label', `${t('forms.invite')}: ${ev.title}`);
      append(list, el('li', { class: 'event', 'data-event': ev.id },
        el('span', { class: 'event-title', text: ev.title }),
        el('span', { class: 'event-meta', text: [ev.kind, formatInstant(ev.start)].filter(Boolean).join(' · ') }),
        formLinks(ev.registrationFormUrl, ev.surveyFormUrl),
        create, invite));
    }
  };

  // The result, and the event's 要確認 addresses to tick once the coordinator has asked them (sent again only if still
  // 要確認 under the server's lock: a second click sends nothing).
  const sendInvites = async (eventId: string, resend: string[] = []) => {
    const r = await call('rpcSendEventInvites', eventId, resend);
    const caption = nextId('doubt-caption');
    const doubt = el('ul', { class: 'in-doubt', 'data-event': eventId, 'aria-labelledby': caption });
    for (const to of r.inDoubt) {
      const id = nextId('doubt');
      append(doubt, el('li', {}, el('input', { id, type: 'checkbox', value: to }), el('label', { for: id, text: to })));
    }
    const again = button(t('forms.resend'), () => {
      const chosen = [...doubt.querySelectorAll<HTMLInputElement>('input:checked')].map((c) => c.value);
      if (chosen.length) void exclusive(s, () => sendInvites(eventId, chosen));
    }, 'secondary');
    showResult(s, ...r.message.split('\n'), ...(r.inDoubt.length ? [el('p', { id: caption, class: 'caption', text: t('forms.resendCaption') }), doubt, again] : []));
  };

  const load = () => exclusive(s, async () => render(await call('rpcListEvents')));
  const sync = button(t('forms.sync'), () => {
    void exclusive(s, async () => {
      const r = await call('rpcSyncResponses');
      showResult(s,
        t('forms.synced', { added: r.added, waitlisted: r.waitlisted, already: r.alreadyRecorded, corrected: r.corrected, deleted: r.deletedNotRestored, blank: r.blankIgnored, duplicates: r.duplicatesFlagged, survey: r.surveyResponsesAdded }),
        r.problems.length ? problemList(r.problems) : null);
    });
  });
  s.body.append(list, button(t('forms.load'), () => void load(), 'secondary'), sync);
  s.root.addEventListener('toggle', () => {
    if (s.root.open && !list.childElementCount) void load();
  });
  return s.root;
}
