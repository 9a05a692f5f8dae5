/**
 * The survey sheets as grids: 「アンケート集計」, one line per event (responses, rate, the mean of each scale), and one
 * 「アンケート集計_<行事id>」 sheet per event (responses and response rate, the scales with their distribution, choice
 * counts, cross-tabs under the n ≥ 5 rule, the free text), plus where each scale's chart goes and which cells it
 * reads (the distribution table, values down the rows). Pure: the workspace writes each grid in one batch.
 */
import { CROSS_TAB_DIMENSIONS, MIN_CELL, rateNoteText, SurveySummary } from './survey-stats';

export const SURVEY_SUMMARY_SHEET = 'アンケート集計';
/** Columns an event sheet uses (A–I); charts sit to the right from column K. */
export const GRID_WIDTH = 9;
export const CHART_COLUMN = 11;
/** Rows a chart covers (default embedded chart height ≈ 371 px ≈ 18 rows of 21 px; 2 charts side by side). */
export const CHART_ROWS = 18;
const CHART_COLUMNS_APART = 6;

export type GridValue = string | number;

export interface SurveySection {
  eventId: string;
  title: string;
  /** 開催日 as shown (西暦 and 和暦), '' when unknown. */
  dateText: string;
  summary: SurveySummary;
}

/** A block of cells, 1-based, as Range coordinates. */
export interface GridRange {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

export interface ChartPlan {
  title: string;
  /** The value labels (domain) and the question's counts (series): two columns with a header row. */
  ranges: GridRange[];
  anchorRow: number;
  anchorColumn: number;
}

/** A block in A1 notation, as Range.getA1Notation() writes it ("B8:B13"; one cell without a colon). */
export function rangeA1(r: GridRange): string {
  const cell = (row: number, column: number) => {
    let s = '';
    for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    return s + row;
  };
  const start = cell(r.row, r.column);
  return r.numRows * r.numColumns === 1 ? start : `${start}:${cell(r.row + r.numRows - 1, r.column + r.numColumns - 1)}`;
}

/**
 * What a chart shows — its title and the cells it reads — as one string. A chart on the sheet whose key is still
 * planned shows the right data already (a chart reads its ranges live), so the tally leaves it as it is.
 */
export function chartKey(plan: ChartPlan): string {
  return `${plan.title}\n${plan.ranges.map(rangeA1).join(',')}`;
}

/**
 * The charts the add-on made on one sheet, as it remembers them: [chart id, key], sorted by key. The id is null while
 * the chart is being inserted: a run that stops before it learns the id leaves the mark, and the next run recognises
 * the chart by its title.
 */
export type ChartMark = [number | null, string];

export interface SurveyGrid {
  values: GridValue[][];
  /** Sheets number formats: '@' for text (so nothing typed becomes a formula), '0.00', '0.0%', '0'. */
  formats: string[][];
  charts: ChartPlan[];
  /** Rows that start a heading (bold). */
  headingRows: number[];
}

/** 「アンケート集計_EV-SEMINAR」: Sheets allows 100 characters in a sheet name. */
export function eventSheetName(eventId: string): string {
  return `${SURVEY_SUMMARY_SHEET}_${eventId}`.slice(0, 100);
}

const TEXT = '@';
const INT = '0';
const MEAN = '0.00';
const SHARE = '0.0%';

class Grid {
  // Declared, assigned in the constructor: initialised fields compile to a defineProperty helper in the bundle.
  private declare readonly width: number;
  declare readonly values: GridValue[][];
  declare readonly formats: string[][];
  declare readonly headingRows: number[];
  constructor(width = GRID_WIDTH) {
    this.width = width;
    this.values = [];
    this.formats = [];
    this.headingRows = [];
  }
  /** One row of `width` cells; cells past the width are left out (so callers need not cut their lists). */
  line(cells: readonly (GridValue | null | { v: GridValue | null; f: string })[], heading = false): number {
    const values: GridValue[] = [];
    const formats: string[] = [];
    for (let c = 0; c < this.width; c++) {
      const cell = cells[c];
      if (cell === undefined || cell === null) { values.push(''); formats.push(TEXT); continue; }
      if (typeof cell === 'object') { values.push(cell.v ?? ''); formats.push(cell.v === null ? TEXT : cell.f); continue; }
      values.push(cell);
      formats.push(typeof cell === 'number' ? INT : TEXT);
    }
    this.values.push(values);
    this.formats.push(formats);
    if (heading) this.headingRows.push(this.values.length);
    return this.values.length;
  }
  blank(): void { this.line([]); }
  grid(charts: ChartPlan[]): SurveyGrid { return { values: this.values, formats: this.formats, charts, headingRows: this.headingRows }; }
}

/** Where the rate comes from, and why when it is not the plain responses ÷ attended. */
function rateText(s: SurveySummary): string {
  if (!s.rateBase) return '';
  return rateNoteText(s) || (s.rateBase === 'attended' ? '出席者数に対する割合' : '申込者数に対する割合');
}

/**
 * The disclosure rule, stated as applied: respondent attributes (所属種別・経験年数) — their counts and the averages
 * broken down by them — follow the n ≥ 5 rule, since an attribute with a small count points at a person; the other
 * questions' counts are totals over everyone who answered, shown as they are even when a choice has 1 or 2.
 */
export const DISCLOSURE_NOTE = `回答者が特定されないよう、${CROSS_TAB_DIMENSIONS.join('・')}の人数と、それらの区分別の平均では、${MIN_CELL}人未満の区分を「その他」にまとめるか表示しません。ほかの設問の人数は回答者全体の集計なので、1人や2人の選択肢もそのまま表示します。`;
const NOTE = DISCLOSURE_NOTE;

/** One event's sheet. */
export function eventSurveyGrid(section: SurveySection): SurveyGrid {
  const g = new Grid();
  const charts: ChartPlan[] = [];
  const s = section.summary;
  const top = g.line([`${section.title}（${section.eventId}）`, section.dateText], true);
  g.line([NOTE]);
  g.line(['回答数', s.responses, '出席者数', s.attendance.attended, '申込者数', s.attendance.registered, '回答率', { v: s.responseRate, f: SHARE }, rateText(s)]);
  g.blank();
  let firstChartRow = top;
  if (s.scales.length) {
    firstChartRow = g.line(['5段階評価', '回答数', '平均', '4〜5の割合'], true);
    for (const q of s.scales) g.line([q.title, q.n, { v: q.mean, f: MEAN }, { v: q.topShare, f: SHARE }]);
    g.blank();
    // The distribution with values down the rows: each chart reads the value column and one question's column.
    const lower = s.scales[0]!.lower;
    const size = s.scales[0]!.counts.length;
    const header = g.line(['回答の分布（人）', ...s.scales.map((q) => q.title)], true);
    for (let i = 0; i < size; i++) g.line([`${lower + i}`, ...s.scales.map((q) => q.counts[i] ?? 0)]);
    s.scales.slice(0, GRID_WIDTH - 1).forEach((q, i) => {
      charts.push({
        title: `${section.title}：${q.title}`,
        ranges: [
          { row: header, column: 1, numRows: size + 1, numColumns: 1 },
          { row: header, column: 2 + i, numRows: size + 1, numColumns: 1 },
        ],
        // Two abreast, to the right of the tables, from the scale table down.
        anchorRow: firstChartRow + Math.floor(i / 2) * CHART_ROWS,
        anchorColumn: CHART_COLUMN + (i % 2) * CHART_COLUMNS_APART,
      });
    });
    g.blank();
  }
  for (const c of s.choices) {
    g.line([c.title, c.multi ? '人数（複数回答）' : '人数', c.multi ? `回答者 ${c.n}人` : ''], true);
    for (const row of c.counts) g.line([row.choice, row.count]);
    g.blank();
  }
  for (const tab of s.crossTabs) {
    g.line([`クロス集計：${tab.dimension}別の平均`, '人数', ...s.scales.map((q) => q.title)], true);
    if (!tab.groups.length) g.line([`${MIN_CELL}人以上の区分がないため表示しません。`]);
    for (const group of tab.groups) {
      const label = group.members.length > 1 ? `${group.label}（${group.members.join('、')}）` : group.label;
      g.line([label, group.n, ...group.cells.map((cell) => ({ v: cell.mean, f: MEAN }))]);
    }
    if (tab.notShown) g.line([`表示していない回答: ${tab.notShown}人`]);
    g.blank();
  }
  for (const t of s.texts) {
    // A question already titled 自由記述 is not labelled 「自由記述（自由記述）」.
    g.line([t.title.includes('自由記述') ? t.title : `${t.title}（自由記述）`, `${t.answers.length}件`], true);
    for (const a of t.answers) g.line([a]);
    g.blank();
  }
  return g.grid(charts);
}

/** 「アンケート集計」: one line per event, the mean of every scale any event asked. */
export function surveyOverviewGrid(sections: readonly SurveySection[]): SurveyGrid {
  const scales = [...new Set(sections.flatMap((x) => x.summary.scales.map((q) => q.title)))];
  const g = new Grid(8 + scales.length);
  g.line(['アンケート集計', '行事ごとの詳しい結果とグラフは「アンケート集計_行事id」のシートにあります。'], true);
  g.line([NOTE]);
  g.blank();
  g.line(['行事id', '行事', '開催日', '回答数', '出席者数', '申込者数', '回答率', ...scales.map((t) => `${t}（平均）`), '回答率について'], true);
  for (const x of sections) {
    const s = x.summary;
    g.line([
      x.eventId, x.title, x.dateText, s.responses, s.attendance.attended, s.attendance.registered, { v: s.responseRate, f: SHARE },
      ...scales.map((t) => ({ v: s.scales.find((q) => q.title === t)?.mean ?? null, f: MEAN })),
      rateNoteText(s),
    ]);
  }
  if (!sections.length) g.line(['アンケートのある行事はまだありません。']);
  return g.grid([]);
}
