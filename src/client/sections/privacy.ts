/**
 * 個人情報 (issue 19): 「本人のデータを検索／削除」 (a preview of the places, then an explicit 「削除する」),
 * 「個人情報の整理」 (the plan, then 「整理する」) and the accommodation form per event. The server returns places and
 * counts only; the sentences are the sidebar's (i18n-privacy.ts). What was typed is sent, never shown back or kept.
 */
import type { EventSummary, PersonalDataPlace, PersonalDataReport } from '../../protocol';
import { el, externalLink, nextId, replace } from '../dom';
import { PrivacyMessageKey, tp } from '../i18n-privacy';
import { call } from '../rpc';
import { action, button, exclusive, section, showError, showResult, Section } from '../ui';

function placeList(places: readonly PersonalDataPlace[]): HTMLElement {
  return el('ul', { class: 'places' }, ...places.map((p) => el('li', { 'data-place': p.place, text: `${p.place}（${p.rows}）` })));
}

/** What the add-on cannot erase, each with what to do by hand. */
function byHand(items: readonly PersonalDataPlace[]): HTMLElement | null {
  if (!items.length) return null;
  return el('div', { class: 'by-hand' }, el('p', { text: tp('privacy.byHand') }),
    el('ul', {}, ...items.map((i) => el('li', { 'data-todo': i.todo ?? 'privacy.todo.form', text: tp((i.todo ?? 'privacy.todo.form') as PrivacyMessageKey, { place: i.place }) }))));
}

function searchLines(r: PersonalDataReport): (HTMLElement | string | null)[] {
  if (!r.places.length) return [tp('privacy.nothingFound'), byHand(r.unreachable)];
  const links = r.exportUrl ? [el('p', { class: 'links' }, externalLink(r.exportUrl, tp('privacy.export')), ' ', ...(r.pdfUrl ? [externalLink(r.pdfUrl, tp('privacy.exportPdf'))] : [])), el('p', { class: 'hint export-note', text: tp('privacy.exportNote') })] : [];
  return [tp('privacy.found'), placeList(r.places), ...links, byHand(r.unreachable)];
}

function eraseLines(r: PersonalDataReport): (HTMLElement | string | null)[] {
  return [
    r.places.length || r.erased ? tp('privacy.erased', { count: r.erased }) : tp('privacy.nothingFound'),
    r.notErased ? tp('privacy.notErased', { count: r.notErased }) : null,
    // What no API reaches after any erase: mails already sent (with a certificate PDF attached) and the version history.
    byHand([...r.unreachable, { place: '', rows: 0, todo: 'privacy.todo.mail' }, { place: '', rows: 0, todo: 'privacy.todo.history' }]),
  ];
}

const shown = (lines: (HTMLElement | string | null)[]) => lines.filter((x): x is HTMLElement | string => x !== null);

/**
 * Calls `run` again while the server says it stopped at its time budget (`more`: each call is a new execution with
 * its own 6 minutes, server workspace/deadline.ts), passing its cursor back, with the progress and a 中止 button (the
 * call under way finishes; what it did stays done). Erased counts are summed over the calls. null: stopped.
 */
async function continued<R extends Pick<PersonalDataReport, 'more' | 'erased' | 'notErased'>>(s: Section, run: (...cursor: [] | [string]) => Promise<R>, stoppedText: string): Promise<R | null> {
  let done = 0;
  let erased = 0;
  let notErased = 0;
  let stopped = false;
  let cursor: string | undefined;
  // A safety net: three calls in a row that leave as much as before end the loop (a run that cannot progress).
  let left = Infinity;
  let still = 0;
  const stop = el('button', { type: 'button', class: 'secondary', 'data-action': 'stop', text: tp('privacy.stop') });
  stop.addEventListener('click', () => { stopped = true; stop.disabled = true; });
  const line = el('p', { class: 'progress', role: 'status', text: tp('privacy.working') });
  showResult(s, line, el('p', {}, stop));
  for (;;) {
    // No cursor on the first call: google.script.run takes primitives, objects and arrays, not undefined
    // (https://developers.google.com/apps-script/guides/html/communication, "Legal parameters").
    const r = await run(...(cursor === undefined ? [] as [] : [cursor] as [string]));
    erased += r.erased;
    notErased += r.notErased;
    if (!r.more) return { ...r, erased, notErased };
    done += r.more.done;
    cursor = r.more.cursor;
    still = r.more.left < left ? 0 : still + 1;
    left = r.more.left;
    if (stopped || still >= 3) { showResult(s, stopped ? stoppedText : tp('privacy.stuck')); return null; }
    const n = (x: number) => x.toLocaleString('en-US');
    line.textContent = tp('privacy.progress', { done: n(done), total: n(done + r.more.left) });
  }
}

/** A question with a 「do it」 and a 「cancel」 button, shown in the result area until one is pressed. */
function confirmBox(s: Section, lines: (HTMLElement | string)[], doIt: string, onYes: () => Promise<void>): void {
  const yes = button(doIt, () => void exclusive(s, onYes));
  yes.classList.add('danger');
  const no = button(tp('privacy.cancel'), () => showResult(s, tp('privacy.cancelled')), 'secondary');
  showResult(s, ...lines, el('p', { class: 'confirm' }, yes, ' ', no));
}

export function privacySection(): HTMLElement {
  const s = section('privacy', 'privacy.title');
  const whoId = nextId('privacy-who');
  const who = action(el('input', { id: whoId, type: 'text', autocomplete: 'off', spellcheck: 'false', 'data-field': 'who' }));
  const query = (): string | null => {
    const q = who.value.trim();
    if (!q) showError(s, new Error(tp('privacy.empty')));
    return q || null;
  };
  const search = button(tp('privacy.search'), () => {
    const q = query();
    if (q) void exclusive(s, async () => {
      const r = await continued(s, (...c) => call('rpcSearchPersonalData', q, ...c), tp('privacy.searchStopped'));
      if (r) showResult(s, ...shown(searchLines(r)));
    });
  });
  const erase = button(tp('privacy.erase'), () => {
    const q = query();
    if (!q) return;
    void exclusive(s, async () => {
      const preview = await continued(s, (...c) => call('rpcPreviewErase', q, ...c), tp('privacy.searchStopped'));
      if (!preview) return;
      if (!preview.places.length) { showResult(s, tp('privacy.nothingFound')); return; }
      confirmBox(s, [tp('privacy.confirmErase'), placeList(preview.places)], tp('privacy.eraseNow'), async () => {
        const r = await continued(s, (...c) => call('rpcErasePersonalData', q, ...c), tp('privacy.stopped'));
        if (r) showResult(s, ...shown(eraseLines(r)));
      });
    });
  }, 'secondary');

  const plan = button(tp('privacy.plan'), () => {
    void exclusive(s, async () => {
      const p = await call('rpcPlanRetention');
      if (!p.places.length) { showResult(s, tp('privacy.retentionNothing', { period: p.period })); return; }
      confirmBox(s, [tp('privacy.retentionPlan', { period: p.period, events: p.events.join('、') }), placeList(p.places)], tp('privacy.retentionRun'), async () => {
        const r = await continued(s, () => call('rpcRunRetention'), tp('privacy.stopped'));
        if (r) showResult(s, ...shown([
          r.events.length ? tp('privacy.retentionDone', { events: r.events.join('、'), count: r.erased }) : tp('privacy.retentionNothing', { period: r.period }),
          r.notErased ? tp('privacy.notErased', { count: r.notErased }) : null,
          byHand(r.unreachable),
        ]));
      });
    });
  }, 'secondary');

  const eventId = nextId('privacy-event');
  const events = action(el('select', { id: eventId, 'data-field': 'event' }));
  const renderEvents = (list: readonly EventSummary[]) => replace(events, ...list.map((e) => el('option', { value: e.id, text: e.title || e.id })));
  const loadEvents = () => exclusive(s, async () => renderEvents(await call('rpcListEvents')));
  const createForm = button(tp('privacy.createForm'), () => {
    if (!events.value) { void loadEvents(); return; }
    void exclusive(s, async () => {
      const r = await call('rpcCreateAccommodationForm', events.value);
      showResult(s, tp('privacy.formDone', { created: tp(r.created ? 'privacy.created' : 'privacy.updated'), readers: r.readers }), el('p', { class: 'links' }, externalLink(r.editUrl || r.url, tp('privacy.openForm'))));
    });
  }, 'secondary');

  s.body.append(
    el('p', { class: 'help', text: tp('privacy.help') }),
    el('fieldset', { class: 'person' }, el('legend', { text: tp('privacy.person') }),
      el('label', { for: whoId, text: tp('privacy.who') }), who, el('p', { class: 'actions' }, search, ' ', erase)),
    el('fieldset', { class: 'retention' }, el('legend', { text: tp('privacy.retention') }), plan),
    el('fieldset', { class: 'accommodation' }, el('legend', { text: tp('privacy.accommodation') }),
      el('p', { class: 'hint', text: tp('privacy.accommodationHelp') }),
      el('label', { for: eventId, text: tp('privacy.event') }), events,
      el('p', { class: 'actions' }, createForm, ' ', button(tp('privacy.loadEvents'), () => void loadEvents(), 'secondary'))));
  s.root.addEventListener('toggle', () => {
    if (s.root.open && !events.childElementCount) void loadEvents();
  });
  return s.root;
}
