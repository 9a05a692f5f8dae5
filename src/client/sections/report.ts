/** アンケート集計・活動報告書: survey results per event (attribute breakdowns under 5 hidden by the server), then the year's report. */
import type { ActivityReportResult, ReportPeriod, SurveyResultsReport } from '../../protocol';
import { append, el, externalLink, nextId } from '../dom';
import { t } from '../i18n';
import { call } from '../rpc';
import { button, exclusive, problemList, section, showResult } from '../ui';

function surveyTable(r: SurveyResultsReport): HTMLElement {
  const captionId = nextId('surveys');
  const body = el('tbody');
  for (const e of r.events) {
    const means = Object.entries(e.means).filter(([, v]) => v !== null).map(([k, v]) => `${k} ${(v as number).toFixed(2)}`).join('、');
    append(body, el('tr', { 'data-event': e.id },
      el('th', { scope: 'row', text: e.title }),
      el('td', { text: e.responses }),
      el('td', { text: e.responseRate === null ? '—' : `${Math.round(e.responseRate * 100)}%${e.rateNote ? ' *' : ''}` }),
      el('td', { class: 'means', text: means || '—' })));
  }
  const notes = r.events.filter((e) => e.rateNote).map((e) => el('p', { class: 'warning', 'data-event': e.id, text: `${e.title}: ${e.rateNote}` }));
  return el('div', {}, el('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-labelledby': captionId },
    el('table', { class: 'surveys' }, el('caption', { id: captionId, text: t('report.surveyCaption', { sheet: r.sheet }) }),
      el('thead', {}, el('tr', {}, ...(['report.event', 'report.responses', 'report.rate', 'report.means'] as const).map((k) => el('th', { scope: 'col', text: t(k) })))),
      body)), ...notes);
}

function reportLines(r: ActivityReportResult): HTMLElement[] {
  return [
    el('p', { text: t('report.created', { name: r.name, label: r.period.label }) }),
    el('p', { class: 'links' }, externalLink(r.url, t('report.open'))),
    el('p', { text: t('report.members', { start: r.membersAtStart, end: r.membersAtEnd, joined: r.joined.length }) }),
    el('p', { text: t('report.events', { count: r.events.length, pamphlets: r.pamphlets }) }),
    el('p', { class: 'training', text: t('report.training', { people: r.training.peopleTrained, attendances: r.training.attendances, agencies: r.training.agenciesWithStaffTrained, certificates: r.training.certificatesIssued }) }),
    ...r.notes.map((n) => el('p', { class: 'hint', text: n })),
  ];
}

export function reportSection(): HTMLElement {
  const s = section('report', 'report.title', 'report.help');
  const startId = nextId('report-start');
  const endId = nextId('report-end');
  const start = el('input', { id: startId, type: 'date' });
  const end = el('input', { id: endId, type: 'date' });
  s.body.append(
    button(t('report.summarise'), () => {
      void exclusive(s, async () => {
        const r = await call('rpcSummariseSurveys');
        showResult(s, t('report.summarised', { sheet: r.sheet, charts: r.charts }), surveyTable(r), r.problems.length ? problemList(r.problems) : null);
      });
    }),
    el('fieldset', { class: 'period' }, el('legend', { text: t('report.period') }),
      el('label', { for: startId, text: t('report.start') }), start,
      el('label', { for: endId, text: t('report.end') }), end),
    button(t('report.create'), () => {
      const period: ReportPeriod | undefined = start.value && end.value ? { start: start.value, end: end.value } : undefined;
      void exclusive(s, async () => {
        const r = period ? await call('rpcCreateActivityReport', period) : await call('rpcCreateActivityReport');
        showResult(s, ...reportLines(r));
      });
    }));
  return s.root;
}
