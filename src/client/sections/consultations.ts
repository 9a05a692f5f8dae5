/**
 * 企業相談窓口 (issue 17): the company form (link and QR code), each inquiry with its candidate agencies ranked and
 * the reasons, 「担当に決める」, the status link to send the agency, follow-up and this year's figures without names.
 */
import { qrModules } from '../../server/domain/qr';
import { append, el, externalLink, replace } from '../dom';
import { formatInstant, t } from '../i18n';
import { call } from '../rpc';
import { button, exclusive, section, showResult } from '../ui';
import { monthFigures, reasonText, viewOf } from '../consultation-view';

const SVG = 'http://www.w3.org/2000/svg';

/** The form's QR code as an SVG drawn from domain/qr.ts's modules (the same code the roster prints). */
function qrCode(url: string): SVGSVGElement {
  const modules = qrModules(url);
  const size = modules.length + 8;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${size} ${size}`);
  svg.setAttribute('width', '160');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', t('consult.qr'));
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', modules.flatMap((row, y) => row.flatMap((dark, x) => (dark ? [`M${x + 4} ${y + 4}h1v1h-1z`] : []))).join(''));
  svg.append(path);
  return svg;
}

export function consultationsSection(): HTMLElement {
  const s = section('consultations', 'consult.title', 'consult.help');
  const box = el('div', { class: 'consultations' });

  const load = () => exclusive(s, async () => {
    const list = await call('rpcListConsultations');
    const view = viewOf(list);
    const f = view.figures;
    const items = view.inquiries.map((i) => el('li', { class: `consultation${i.overdue ? ' overdue' : ''}`, 'data-number': i.number },
      el('strong', { text: `${i.number} ${i.status}` }), ' ',
      el('span', { text: [i.company, i.industry, i.municipality, i.topics.replace(/;/g, '・')].filter(Boolean).join(' / ') }),
      el('span', { class: 'event-meta', text: t('consult.received', { at: formatInstant(i.receivedAt?.toISOString()) }) }),
      i.overdue ? el('span', { class: 'badge', text: t('consult.overdue', { days: view.days }) }) : null,
      i.agency ? el('p', { text: t('consult.assignedTo', { agency: i.agency }) }, i.statusLink ? externalLink(i.statusLink, t('consult.statusLink')) : null) : null,
      // Follow-up: the agency's request again (once per overdue period, checked on the server), or re-assign below.
      i.overdue && i.agencyId && i.open ? button(t('consult.remind'), () => void remind(i.number), 'secondary') : null,
      i.open && i.shareConsent !== '同意する' ? el('p', { text: t('consult.noShare') }) : null,
      i.open && i.candidates.length ? el('ol', { class: 'candidates' }, ...i.candidates.slice(0, 5).map((c) => el('li', { 'data-agency': c.agencyId },
        el('span', { text: c.agency }),
        el('ul', { class: 'reasons' }, ...c.reasons.map((r) => el('li', { text: reasonText(r) }))),
        c.agencyId === i.agencyId ? null : button(t(i.agencyId ? 'consult.reassign' : 'consult.assign'), () => void assign(i.number, c.agencyId), 'secondary')))) : null,
      i.open && i.shareConsent === '同意する' && !i.candidates.length ? el('p', { text: t('consult.noCandidate') }) : null));
    const late = view.inquiries.filter((i) => i.overdue).map((i) => i.number);
    const waiting = view.inquiries.filter((i) => i.open && !i.agencyId).map((i) => `${i.number}${i.candidates.length ? '' : t('consult.noCandidateShort')}`);
    const month = el('input', { type: 'month', class: 'month', value: list.now.slice(0, 7) }) as HTMLInputElement;
    const summary = el('p', { class: 'month-figures' });
    const showMonth = () => {
      const m = monthFigures(list, month.value || list.now.slice(0, 7));
      summary.textContent = t('consult.month', {
        total: m.total, outcomes: m.byStatus.map(([k, n]) => `${k} ${n}`).join('、') || '—', topics: m.byTopic.map(([k, n]) => `${k} ${n}`).join('、') || '—',
      });
    };
    month.addEventListener('change', showMonth);
    showMonth();
    replace(box,
      list.intakeUrl ? el('div', { class: 'form-link' }, externalLink(list.intakeUrl, t('consult.form')), el('div', {}, qrCode(list.intakeUrl))) : null,
      late.length ? el('p', { class: 'warning follow-up', text: t('consult.followUp', { days: view.days, list: late.join('、') }) }) : null,
      waiting.length ? el('p', { class: 'waiting', text: t('consult.waiting', { list: waiting.join('、') }) }) : null,
      el('label', { text: t('consult.monthLabel') }, month), summary,
      el('p', { class: 'figures', text: t('consult.figures', {
        total: f.total, median: f.medianDaysToFirstContact ?? '—',
        topics: f.byTopic.map(([k, n]) => `${k} ${n}`).join('、') || '—', outcomes: f.byStatus.map(([k, n]) => `${k} ${n}`).join('、') || '—',
        industries: f.byIndustry.map(([k, n]) => `${k} ${n}`).join('、') || '—',
      }) }),
      items.length ? el('ul', { class: 'plan' }, ...items) : el('p', { text: t('consult.none') }));
  });

  const remind = (number: string) => exclusive(s, async () => {
    showResult(s, (await call('rpcRemindConsultation', number)).message);
  }).then(() => load());

  const assign = (number: string, agencyId: string) => exclusive(s, async () => {
    const r = await call('rpcAssignConsultation', number, agencyId);
    showResult(s, r.message, r.statusLink ? externalLink(r.statusLink, t('consult.statusLink')) : null);
  }).then(() => load());

  append(s.body,
    button(t('consult.create'), () => void exclusive(s, async () => {
      const r = await call('rpcCreateConsultationForms');
      showResult(s, r.message);
    }).then(() => load())),
    button(t('consult.load'), () => void load(), 'secondary'),
    box);
  return s.root;
}
