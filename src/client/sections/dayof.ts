/**
 * 受付名簿・参加証明書 (issue 15): choose the event, make its 受付名簿 (with the QR self check-in form), list who
 * attended, and make their certificates — everyone without one yet, or the people ticked here (made again with their
 * own numbers) — as one PDF to print or one PDF each. One PDF each goes in steps of PDFS_PER_RUN people, with a
 * progress bar and 「続きから再開」 (ui.ts job).
 */
import type { AttendeeSummary, CertificatesResult, EventSummary } from '../../protocol';
import { append, el, externalLink, nextId, replace } from '../dom';
import { formatInstant, t } from '../i18n';
import { JobInterrupted, Progress, action, button, exclusive, job, section, showResult } from '../ui';
import { call, messageOf } from '../rpc';

/** workspace/features/certificates.ts PDFS_PER_RUN. */
const PER_RUN = 50;

function certificateLines(r: CertificatesResult): HTMLElement[] {
  return [
    el('p', { text: r.message.split('\n')[0]! }),
    r.documentUrl ? el('p', { class: 'links' }, externalLink(r.documentUrl, t('dayof.doc')), externalLink(r.pdfUrl ?? '', t('dayof.pdf'))) : null,
    r.files?.length ? el('ul', { class: 'certificate-files' }, ...r.files.map((f) => el('li', {}, externalLink(f.url, `${f.number} ${f.name}`)))) : null,
  ].filter((x) => x !== null) as HTMLElement[];
}

export function dayOfSection(): HTMLElement {
  const s = section('dayof', 'dayof.title', 'dayof.help');
  const selectId = nextId('dayof-event');
  // Disabled while anything runs: the event a running step works on (one PDF each goes in several calls) is the one
  // chosen when it started.
  const select = action(el('select', { id: selectId }));
  const perPersonId = nextId('dayof-each');
  const perPerson = el('input', { id: perPersonId, type: 'checkbox' });
  // E-mailing needs one PDF each: the box is ticked off and disabled unless 一人ずつ is ticked.
  const mailId = nextId('dayof-mail');
  const mail = el('input', { id: mailId, type: 'checkbox', disabled: 'disabled' });
  perPerson.addEventListener('change', () => { mail.disabled = !perPerson.checked; if (!perPerson.checked) mail.checked = false; });
  const list = el('ul', { class: 'attendees', 'aria-label': t('dayof.attendees') });
  let attendees: AttendeeSummary[] = [];
  let files: NonNullable<CertificatesResult['files']> = [];

  const eventId = () => select.value;
  /** The list says whose it is (data-event): the people shown are always the chosen event's, or nobody. */
  const renderAttendees = (forEvent: string | null, people: AttendeeSummary[]) => {
    attendees = people;
    list.replaceChildren();
    if (forEvent === null) { delete list.dataset.event; return; }
    list.dataset.event = forEvent;
    if (!people.length) append(list, el('li', { text: t('dayof.noAttendees') }));
    for (const a of people) {
      const id = nextId('attendee');
      append(list, el('li', { 'data-response': a.responseId },
        el('input', { id, type: 'checkbox', value: a.responseId }),
        el('label', { for: id, text: `${a.name}（${a.agency || '—'}）` }),
        el('span', { class: 'event-meta', text: a.number ? `${a.number}${a.printed ? ` ${t('dayof.printed')}` : ''}` : t('dayof.noNumber') })));
    }
  };
  // Another event chosen while the list was on its way: that one's list is asked for instead.
  const loadAttendees = async () => {
    for (;;) {
      const id = eventId();
      const people: AttendeeSummary[] = await call('rpcListAttendees', id);
      if (eventId() === id) return renderAttendees(id, people);
    }
  };
  select.addEventListener('change', () => {
    renderAttendees(null, []);
    void exclusive(s, loadAttendees);
  });
  const chosen = () => [...list.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')].map((c) => c.value);

  // One PDF each: the people in steps (the server makes at most PER_RUN a call); a failed step resumes where it stopped.
  let queue: string[] = [];
  let total = 0;
  const each = job<CertificatesResult>(s, async (): Promise<Progress<CertificatesResult>> => {
    const bar = each.root.querySelector('progress')!;
    let last: CertificatesResult | undefined;
    while (queue.length) {
      const progress = { done: total - queue.length, total };
      try {
        last = await call('rpcIssueCertificates', eventId(), { perPerson: true, mail: mail.checked, responseIds: queue.slice(0, PER_RUN) });
      } catch (e) {
        throw new JobInterrupted(messageOf(e), progress);
      }
      queue = queue.slice(PER_RUN);
      files = [...files, ...(last.files ?? [])];
      bar.max = total;
      bar.value = total - queue.length;
      showResult(s, t('common.progressText', { done: total - queue.length, total }), ...certificateLines({ ...last, files }));
    }
    return { done: total, total, ...(last ? { result: last } : {}) };
  }, () => void loadAttendees());

  const certificates = (ids: string[] | null) => {
    if (perPerson.checked) {
      queue = ids ?? attendees.map((a) => a.responseId);
      total = queue.length;
      files = [];
      void each.run();
      return;
    }
    void exclusive(s, async () => {
      const r = await call('rpcIssueCertificates', eventId(), ids ? { responseIds: ids } : {});
      showResult(s, ...certificateLines(r));
      await loadAttendees();
    });
  };

  s.body.append(
    el('label', { for: selectId, text: t('dayof.event') }), select,
    button(t('dayof.roster'), () => {
      void exclusive(s, async () => {
        const r = await call('rpcCreateRoster', eventId());
        showResult(s, t('dayof.rosterDone', { listed: r.listed }),
          el('p', { class: 'links' }, externalLink(r.documentUrl, t('dayof.doc')), externalLink(r.pdfUrl, t('dayof.pdf')), externalLink(r.formUrl, t('dayof.form'))));
      });
    }),
    button(t('dayof.load'), () => void exclusive(s, loadAttendees), 'secondary'),
    list,
    el('p', {}, perPerson, el('label', { for: perPersonId, text: t('dayof.perPerson') })),
    el('p', {}, mail, el('label', { for: mailId, text: t('dayof.mail') })),
    button(t('dayof.all'), () => certificates(null)),
    button(t('dayof.chosen'), () => {
      const ids = chosen();
      if (!ids.length) { showResult(s, t('dayof.chooseFirst')); return; }
      certificates(ids);
    }, 'secondary'),
    each.root);
  s.root.addEventListener('toggle', () => {
    if (!s.root.open || select.childElementCount) return;
    void exclusive(s, async () => {
      const events: EventSummary[] = await call('rpcListEvents');
      replace(select, ...events.map((e) => el('option', { value: e.id, text: `${e.title}${e.start ? `（${formatInstant(e.start)}）` : ''}` })));
      if (events.length) await loadAttendees();
    });
  });
  return s.root;
}
