/** Results of 「アンケートを集計」 and 「活動報告書を作成」 as sentences for the menu's alert. */
import type { ActivityReportResult, SurveyResultsReport } from '../../../protocol';
import { formatMean, formatShare } from '../../domain/survey-stats';
import { REPORT_TEMPLATE_SETTING } from '../../domain/report-template';
import { Lang, t } from '../../i18n/messages';

export function surveyDoneMessage(r: SurveyResultsReport, lang: Lang): string {
  if (!r.events.length) return t(lang, 'survey.none');
  const lines = r.events.map((e) => t(lang, 'survey.line', {
    id: e.id, title: e.title, responses: e.responses, rate: formatShare(e.responseRate), mean: formatMean(Object.values(e.means)[0] ?? null),
  }) + (e.rateNote ? `\n  ${e.rateNote}` : ''));
  return t(lang, 'survey.done', { charts: r.charts, lines: lines.join('\n') });
}

export function reportDoneMessage(r: ActivityReportResult, lang: Lang): string {
  const parts = [
    t(lang, 'report.done', {
      label: r.period.label, name: r.name, start: r.membersAtStart, end: r.membersAtEnd, joined: r.joined.length, events: r.events.length,
      meetings: r.meetings.reduce((s, m) => s + m.count, 0), url: r.url,
    }),
  ];
  if (r.templateCreated) parts.push(t(lang, 'report.templateCreated', { key: REPORT_TEMPLATE_SETTING }));
  parts.push(...r.notes);
  return parts.join('\n\n');
}
