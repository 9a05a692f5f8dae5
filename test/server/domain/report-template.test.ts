import { templateProblem } from '../../../src/server/i18n/messages';
import { ReportOutlineElement, checkReportTemplate, defaultReportTemplate, fillBlockTable } from '../../../src/server/domain/report-template';
import { eventSurveyGrid, surveyOverviewGrid } from '../../../src/server/domain/survey-sheet';
import { summariseSurvey } from '../../../src/server/domain/survey-stats';

function outlineOfDefault(): ReportOutlineElement[] {
  return defaultReportTemplate().body.map((el) => (el.type === 'TABLE' ? { type: 'TABLE', text: '', cells: el.cells } : { type: 'PARAGRAPH', text: el.text }));
}

describe('report template (domain)', () => {
  test('the default template passes its own check, with the four blocks around their tables', () => {
    const t = defaultReportTemplate();
    const check = checkReportTemplate(outlineOfDefault(), [t.header, t.footer]);
    expect(check.ok).toBe(true);
    if (check.ok) {
      expect(check.plan.blocks.map((b) => b.name)).toEqual(['加入団体', '行事', '会議', 'パンフレット']);
      for (const b of check.plan.blocks) expect([b.table - b.start, b.end - b.table]).toEqual([1, 1]);
    }
  });

  test('unknown placeholders name the closest known ones; block fields outside their block are unknown', () => {
    const outline = outlineOfDefault();
    outline.splice(2, 0, { type: 'PARAGRAPH', text: '期首: {{期首団体}} 行事: {{行事名}}' });
    const check = checkReportTemplate(outline, ['{{ネットワーク}}']);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.problems.map((p) => templateProblem('ja', p)).join('\n')).toMatch(/\{\{期首団体\}\}.*近い項目: \{\{期首団体数\}\}/);
      expect(check.problems.map((p) => templateProblem('ja', p)).join('\n')).toContain('{{行事名}} は使えない');
      expect(check.problems.map((p) => templateProblem('ja', p)).join('\n')).toMatch(/ヘッダー・フッターの \{\{ネットワーク\}\}.*\{\{ネットワーク名\}\}/);
    }
  });

  test('unbalanced or crossed markers, a block without a table, an unknown block', () => {
    const p = (text: string): ReportOutlineElement => ({ type: 'PARAGRAPH', text });
    const table: ReportOutlineElement = { type: 'TABLE', text: '', cells: [['{{行事名}}']] };
    const problems = (els: ReportOutlineElement[]) => {
      const c = checkReportTemplate(els, []);
      return c.ok ? [] : c.problems.map((p) => templateProblem('ja', p));
    };
    expect(problems([p('{{#行事}}'), table])).toEqual([expect.stringContaining('{{/行事}} がありません')]);
    expect(problems([p('{{/行事}}')])).toEqual([expect.stringContaining('{{#行事}} がありません')]);
    expect(problems([p('{{#行事}}'), p('{{/行事}}')])).toEqual([expect.stringContaining('表がありません')]);
    expect(problems([p('{{#行事}}'), table, p('{{#会議}}')]).join()).toContain('閉じる前に');
    expect(problems([p('{{#参加者}}')])).toEqual([expect.stringContaining('使えません')]);
  });

  test('block tables: header rows once, template rows per record, empty lines left out; no records → null', () => {
    const cells = [['行事', '参加'], ['{{行事名}}', '参加 {{参加者数}}人\n出席 {{出席者数}}人']];
    const filled = fillBlockTable(cells, [{ 行事名: 'A', 参加者数: '40', 出席者数: '' }, { 行事名: 'B', 参加者数: '30', 出席者数: '26' }], {});
    expect(filled).toEqual([['行事', '参加'], ['A', '参加 40人'], ['B', '参加 30人\n出席 26人']]);
    expect(fillBlockTable(cells, [], {})).toBeNull();
  });

  test('the survey grid: one chart per scale reading the value column and that scale\'s column; text cells are plain text', () => {
    const s = summariseSurvey([{ title: 'Q1', type: 'SCALE' }, { title: 'Q2', type: 'SCALE' }, { title: '自由記述', type: 'PARAGRAPH_TEXT' }],
      [{ responseId: 'a', answers: { Q1: 5, Q2: 1, 自由記述: '=1+1' } }], { registered: 1, attended: 1 });
    const grid = eventSurveyGrid({ eventId: 'E', title: 'T', dateText: '', summary: s });
    expect(grid.charts.map((c) => c.title)).toEqual(['T：Q1', 'T：Q2']);
    const [labels, q2] = grid.charts[1]!.ranges;
    expect(grid.values[labels!.row - 1]![labels!.column - 1]).toBe('回答の分布（人）');
    expect(grid.values[q2!.row - 1]![q2!.column - 1]).toBe('Q2');
    expect(grid.values[q2!.row]![q2!.column - 1]).toBe(1); // one answer of 1
    const r = grid.values.findIndex((row) => row[0] === '=1+1');
    expect(grid.formats[r]![0]).toBe('@');
    for (const c of grid.charts) expect(c.anchorRow).toBeGreaterThan(0);
    const overview = surveyOverviewGrid([{ eventId: 'E', title: 'T', dateText: 'd', summary: s }]);
    const header = overview.values.findIndex((row) => row[0] === '行事id');
    expect(overview.values[header]).toEqual(['行事id', '行事', '開催日', '回答数', '出席者数', '申込者数', '回答率', 'Q1（平均）', 'Q2（平均）', '回答率について']);
    expect(overview.values[header + 1]).toEqual(['E', 'T', 'd', 1, 1, 1, 1, 5, 1, '']);
    expect(overview.charts).toEqual([]);
  });
});
