/**
 * 掲載情報の確認 (issue 16): ask the agencies (all, a group, or those not confirmed for N months) and list each one's
 * link; then review the answers — each agency's state and, for a new answer, its diff field by field, ticked to apply
 * or left to reject. The states and diffs are computed here from the server's plain data (domain/agency-round-view.ts).
 */
import type { RoundAgency, RoundRequestResult, RoundReviewData, RoundScopeArg } from '../../protocol';
import { reviewView } from '../../server/domain/agency-round-view';
import { selectTargets } from '../../server/domain/agency-round';
import { parseCivilDate, type CivilDate } from '../../server/domain/dates';
import type { AgencyRowInput } from '../../server/domain/agencies';
import { append, el, externalLink, replace } from '../dom';
import { tr } from '../i18n-round';
import { call } from '../rpc';
import { action, button, exclusive, problemList, section, showResult, Section } from '../ui';

function linksView(r: RoundRequestResult): HTMLElement {
  return el('div', { class: 'round-links' }, el('h3', { text: tr('links') }),
    el('ul', { class: 'agencies' }, ...r.links.map((l) => el('li', { 'data-agency': l.id },
      el('span', { class: 'agency-name', text: l.name }), ' ',
      el('span', { class: 'event-meta', text: `${l.via === 'メール' && l.email ? `${tr('viaMail')} ${l.email}` : tr('viaList')}・${l.fresh ? tr('fresh') : tr('open')}` }), ' ',
      externalLink(l.url, tr('copy'))))));
}

function diffView(s: Section, a: RoundAgency, refresh: () => Promise<void>): HTMLElement {
  const box = el('div', { class: 'round-diff', 'data-agency': a.id });
  if (!a.changes.length) append(box, el('p', { text: tr('noChange') }));
  const ticks = new Map<string, HTMLInputElement>();
  if (a.changes.length) {
    const table = el('table', { class: 'diff' }, el('tr', {}, el('th', { text: tr('field') }), el('th', { text: tr('current') }), el('th', { text: tr('proposed') }), el('th', { text: tr('accept') })));
    for (const c of a.changes) {
      // Not an action control: the busy state must not read as 'unticked' when the decision is sent.
      const tick = el('input', { type: 'checkbox', 'aria-label': `${c.field} ${tr('accept')}`, 'data-field': c.key });
      tick.checked = !c.problem;
      tick.disabled = !!c.problem;
      ticks.set(c.key, tick);
      append(table, el('tr', { 'data-field': c.key },
        el('td', { text: c.field }), el('td', { class: 'current', text: c.current || tr('empty') }),
        el('td', { class: 'proposed' }, c.proposed || tr('empty'), c.problem ? el('p', { class: 'warning', text: tr('problem', { code: c.problem }) }) : null),
        el('td', {}, tick)));
    }
    append(box, table);
  }
  append(box, button(tr('apply'), () => {
    void exclusive(s, async () => {
      const accept = [...ticks].filter(([, x]) => x.checked).map(([k]) => k);
      const reject = [...ticks].filter(([, x]) => !x.checked).map(([k]) => k);
      const r = await call('rpcDecideAgencyRound', { agencyId: a.id, answerKey: a.answerKey, accept, reject });
      showResult(s, r.message, ...(r.problems.length ? [problemList(r.problems)] : []));
      await refresh();
    });
  }));
  return box;
}

export function roundSection(): HTMLElement {
  const s = section('round', 'round.title', 'round.help');
  const scope = action(el('select', { 'aria-label': tr('request') },
    ...(['stale', 'all', 'A', 'B'] as const).map((k) => el('option', { value: k, text: tr(`scope.${k}`) }))));
  const links = el('div', {});
  const list = el('div', { class: 'round-review' });

  let noAnswer: string[] = [];
  const remind = button(tr('remind'), () => {
    void exclusive(s, async () => {
      const r = await call('rpcRequestAgencyRound', { ids: noAnswer, remind: true });
      showResult(s, r.message);
      await refresh();
    });
  }, 'secondary');
  remind.hidden = true;
  const refresh = async (): Promise<void> => {
    const raw = await call('rpcReviewAgencyRound');
    const { agencies: data, mismatched } = reviewView(raw);
    const mailOf = new Map(raw.records.map((r) => [r.agencyId, r.mailLog ?? '']));
    // The reminder goes once, by mail, to an open request with no answer after 設定's days (the server checks again).
    noAnswer = data.filter((a) => a.state === 'noAnswer' && (mailOf.get(a.id) ?? '').split('\n').filter(Boolean).length === 1).map((a) => a.id);
    remind.hidden = !noAnswer.length;
    remind.textContent = tr('remind', { count: noAnswer.length });
    const count = (state: string) => data.filter((a) => a.state === state).length;
    const items = data.map((a) => {
      const on = a.state === 'answered' ? a.answeredOn : a.remindedOn || a.requestedOn;
      return el('li', { 'data-agency': a.id, 'data-state': a.state },
        el('span', { class: 'agency-name', text: a.name }), ' ',
        el('span', { class: 'event-meta', text: tr(`state.${a.state}`, { on }) }),
        mailOf.get(a.id) ? el('p', { class: /要確認/.test(mailOf.get(a.id)!) ? 'warning' : 'event-meta', 'data-mail': '', text: tr('mailLog', { log: mailOf.get(a.id)!.replace(/\n/g, '、') }) }) : null,
        a.withheld.length ? el('p', { class: 'event-meta', text: tr('withheld', { fields: a.withheld.join('、') }) }) : null,
        a.state === 'decided' && (a.accepted || a.rejected) ? el('p', { class: 'event-meta', text: tr('decisionRecorded', { accepted: a.accepted || '—', rejected: a.rejected || '—' }) }) : null,
        a.stillListedIn.length ? el('p', { class: 'warning', text: tr('stillListed', { list: a.stillListedIn.map((p) => p.name).join('、') }) }) : null,
        a.state === 'answered' ? diffView(s, a, refresh) : null);
    });
    replace(list,
      el('p', { class: 'round-status', text: tr('status', { requested: data.length, answered: count('answered'), decided: count('decided'), noAnswer: count('noAnswer'), days: raw.noAnswerDays }) }),
      mismatched.length ? el('p', { class: 'warning', text: tr('mismatched', { count: mismatched.length, rows: mismatched.map((m) => m.row).join('、') }) }) : null,
      el('ul', { class: 'agencies' }, ...items), remind);
  };

  const request = button(tr('request'), () => {
    void exclusive(s, async () => {
      const k = scope.value;
      const arg: RoundScopeArg = k === 'all' ? { kind: 'all' } : k === 'stale' ? { kind: 'stale' } : { kind: 'group', group: k };
      // The agencies are chosen here, from the review's rows (the server only checks they exist).
      const raw: RoundReviewData = await call('rpcReviewAgencyRound');
      const rows = raw.rows as AgencyRowInput[];
      const ids = selectTargets(rows, arg, parseCivilDate(raw.today) as CivilDate, raw.months).map((r) => String(r.cells.id).trim());
      const noId = rows.filter((r) => String(r.cells.id ?? '').trim() === '' && String(r.cells.name ?? '').trim() !== '').length;
      if (!ids.length) { showResult(s, tr('noTargets', { noId })); return; }
      const r = await call('rpcRequestAgencyRound', { ids });
      if (noId) r.message += `\n${tr('noId', { noId })}`;
      showResult(s, r.message);
      replace(links, linksView(r));
    });
  });
  const review = button(tr('review'), () => void exclusive(s, refresh), 'secondary');
  s.body.append(el('p', {}, scope, ' ', request), links, review, list);
  return s.root;
}

