/**
 * Demo step: 「アンケートを集計」 over the survey answers the forms step submitted as participants (both events), then
 * 「活動報告書を作成」 for the fiscal year containing the demo's clock (2026-02-02 → 令和7年度). Exports the report
 * rendered to HTML under docs/, each event sheet's charts under charts/, and summary.json → survey and report.
 */
import type { ActivityReportResult, RpcResult, SurveyResultsReport } from '../../src/protocol';
import { documentSections } from '../../emulator/drive';
import { renderDocumentHtml } from '../../emulator/render-html';
import { DemoContext } from './context';

function unwrap<T>(r: RpcResult<T>, what: string): T {
  if (!r.ok) throw new Error(`${what}: ${r.error.message}`);
  return r.value;
}

export function reportStep(ctx: DemoContext): void {
  const { emu } = ctx;
  const surveys = unwrap(emu.run<RpcResult<SurveyResultsReport>>('rpcSummariseSurveys'), 'アンケートを集計');
  for (const e of surveys.events) {
    const means = Object.entries(e.means).map(([q, m]) => `${q} ${m ?? '—'}`).join('、');
    ctx.log(`アンケートを集計 ${e.id}: 回答 ${e.responses}件、回答率 ${e.responseRate === null ? '—' : `${Math.round(e.responseRate * 1000) / 10}%`}（${means}）`);
  }
  ctx.summary.survey = Object.fromEntries(surveys.events.map((e) => [e.id, { responses: e.responses, responseRate: e.responseRate, means: e.means }]));
  for (const name of surveys.eventSheets) {
    const sheet = emu.active.sheets.find((s) => s.name === name);
    if (sheet) ctx.files.set(`charts/${name}.json`, JSON.stringify(sheet.chartStore.records(), null, 2));
  }

  const report = unwrap(emu.run<RpcResult<ActivityReportResult>>('rpcCreateActivityReport'), '活動報告書を作成');
  ctx.log(`活動報告書を作成: ${report.name}（${report.period.label}）加盟団体 ${report.membersAtStart} → ${report.membersAtEnd}、`
    + report.events.map((e) => `${e.title} ${e.participants}人`).join('、'));
  for (const note of report.notes) ctx.log(`  ${note}`);
  ctx.summary.report = {
    name: report.name,
    period: report.period,
    membersAtStart: report.membersAtStart,
    membersAtEnd: report.membersAtEnd,
    joined: report.joined,
    events: report.events.map((e) => ({ id: e.id, title: e.title, date: e.date, participants: e.participants, agencies: e.agencies })),
    meetings: report.meetings,
    pamphlets: report.pamphlets,
  };
  const doc = documentSections(emu.drive, report.documentId);
  if (doc) ctx.files.set(`docs/${report.name}.html`, renderDocumentHtml(doc, report.name));
}
