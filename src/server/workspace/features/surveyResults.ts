/**
 * 「アンケートを集計」: reads the survey store (アンケート記録), the questions, the events and the ledger once each,
 * summarises every event that has a survey (domain/survey-stats.ts), and rewrites the アンケート集計 sheet in one
 * batch with a column chart per 1–5 question. A chart that already shows the planned cells is kept (chartSheets), so
 * a re-run with the same layout builds none. Calls grow with the number of events' charts, never with answers.
 * Free text is written as text: neutralised and in plain-text cells, so an answer like 「=IMPORTXML(…)」 stays words.
 */
import type { Problem, SurveyResultsReport } from '../../../protocol';
import { SURVEY_ANSWERS } from '../../domain/schema';
import { EventRecord, isWorkshop } from '../../domain/events';
import { LedgerRow } from '../../domain/ledger';
import { CivilDate, formatSeireki, formatWareki } from '../../domain/dates';
import { surveyQuestionsFor } from '../../domain/survey-questions';
import { Attendance, SurveyResponse, SurveySummary, rateNoteText, roundMean, summariseSurvey } from '../../domain/survey-stats';
import { ChartMark, ChartPlan, SURVEY_SUMMARY_SHEET, SurveyGrid, SurveySection, chartKey, eventSheetName, eventSurveyGrid, rangeA1, surveyOverviewGrid } from '../../domain/survey-sheet';
import { documentProperties } from '../settings';
import { claimSheets, madeNow, readyForRewrite } from '../ownership';
import { neutraliseFormula } from '../../domain/text';
import { readEvents, readLedger } from '../records';
import { readSurveyQuestions } from './surveys';
import { Table, formatZoned, spreadsheetTimeZone } from '../tables';
import type { Lang } from '../../i18n/messages';

/** A date in the spreadsheet's zone as a calendar date. */
export function civilDateOf(date: Date, timeZone: string): CivilDate {
  const [year, month, day] = formatZoned(date, timeZone, false).split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

/** Survey answers by event, then by response (answers keyed by question title). One Table read. */
export function readSurveyResponses(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone?: string): Map<string, SurveyResponse[]> {
  // A view: read only (no formulas or grid size asked).
  const table = Table.open(ss, SURVEY_ANSWERS, timeZone, true);
  const byEvent = new Map<string, Map<string, Record<string, string>>>();
  for (const row of table.rows()) {
    const eventId = row.text('eventId').trim();
    const responseId = row.text('responseId').trim();
    if (eventId === '' || responseId === '') continue;
    const responses = byEvent.get(eventId) ?? new Map<string, Record<string, string>>();
    byEvent.set(eventId, responses);
    const answers = responses.get(responseId) ?? {};
    responses.set(responseId, answers);
    answers[row.text('question').trim()] = row.text('answer');
  }
  const out = new Map<string, SurveyResponse[]>();
  for (const [eventId, responses] of byEvent) out.set(eventId, [...responses].map(([responseId, answers]) => ({ responseId, answers })));
  return out;
}

/** Registrations holding a place (申込), and those checked in (a waiting-list person who came counts), per event. */
export function attendanceByEvent(rows: readonly LedgerRow[]): Map<string, Attendance> {
  const out = new Map<string, Attendance>();
  for (const r of rows) {
    const placed = r.status === '申込' || r.status === '';
    if (!placed && r.status !== 'キャンセル待ち') continue;
    const a = out.get(r.eventId) ?? { registered: 0, attended: 0 };
    if (placed) a.registered += 1;
    if (r.attended) a.attended += 1;
    out.set(r.eventId, a);
  }
  return out;
}

export interface SurveyComputation {
  sections: SurveySection[];
  summaries: Map<string, SurveySummary>;
  events: EventRecord[];
  problems: Problem[];
}

/** What the activity report has already read, so the survey summary does not read it again. */
export interface AlreadyRead {
  timeZone: string;
  events: EventRecord[];
  ledger: LedgerRow[];
}

/** Every event with a survey form or survey answers, summarised; reads only. */
export function computeSurveySummaries(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, read?: AlreadyRead, lang: Lang = 'ja'): SurveyComputation {
  const timeZone = read?.timeZone ?? spreadsheetTimeZone(ss);
  // Views: the summary only reads them (no formulas asked, 2 calls fewer each).
  const events = read?.events ?? readEvents(ss, timeZone, true).events;
  const ledgerRows = read?.ledger ?? readLedger(ss, timeZone, true).rows;
  const { questions, problems } = readSurveyQuestions(ss, lang);
  const answers = readSurveyResponses(ss, timeZone);
  const attendance = attendanceByEvent(ledgerRows);
  const withSurvey = events
    .filter((e) => e.id !== '' && (answers.has(e.id) || e.surveyFormId !== ''))
    .sort((a, b) => (a.start?.getTime() ?? Infinity) - (b.start?.getTime() ?? Infinity));
  const summaries = new Map<string, SurveySummary>();
  const sections: SurveySection[] = withSurvey.map((e) => {
    const summary = summariseSurvey(surveyQuestionsFor(questions, isWorkshop(e)), answers.get(e.id) ?? [], attendance.get(e.id) ?? { registered: 0, attended: 0 });
    summaries.set(e.id, summary);
    const day = e.start ? civilDateOf(e.start, timeZone) : null;
    return { eventId: e.id, title: e.title, dateText: day ? `${formatSeireki(day)}（${formatWareki(day)}）` : '', summary };
  });
  return { sections, summaries, events: withSurvey, problems };
}

/** Rewrites one sheet with a grid: cleared, formats then values then font weights (its charts are settled after). */
function writeGrid(sheet: GoogleAppsScript.Spreadsheet.Sheet, grid: SurveyGrid): void {
  const rows = grid.values.length;
  const columns = grid.values[0]!.length;
  readyForRewrite(sheet, rows, columns);
  const range = sheet.getRange(1, 1, rows, columns);
  // Formats first: a plain-text cell keeps whatever a respondent typed as text.
  range.setNumberFormats(grid.formats);
  range.setValues(grid.values.map((line) => line.map((v) => (typeof v === 'string' ? neutraliseFormula(v) : v))));
  const headings = new Set(grid.headingRows);
  range.setFontWeights(grid.values.map((line, i) => line.map(() => (headings.has(i + 1) ? 'bold' : 'normal'))));
}

/** Document Properties key of a sheet's chart marks (domain/survey-sheet.ts ChartMark). */
const CHART_MARKS = 'survey.charts.';

/**
 * One sheet's charts against its plan: a chart of ours (its id in the marks) that still shows a planned key and still
 * reads the planned cells is kept as it is — moved or restyled by a coordinator, it stays so; one that does not is
 * removed; a person's chart is never touched. Returns the marks kept and the plans still to build.
 * Calls: getCharts, and per chart getChartId (a stable id, unique in the spreadsheet:
 * https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart#getChartId()), then for ours
 * getRanges and the last range's getA1Notation (…#getRanges(); the question's column: a row or column insert or delete
 * that moves the first range moves it too).
 */
function settleCharts(sheet: GoogleAppsScript.Spreadsheet.Sheet, plans: readonly ChartPlan[], recorded: ChartMark[] | undefined, made: boolean): { marks: ChartMark[]; build: ChartPlan[] } {
  const ours = new Map(recorded?.filter((m) => m[0] !== null));
  // A chart whose id is not recorded is ours only when a run stopped between inserting it and recording its id (a mark
  // without one), or the sheet was charted before marks were kept (no record): then it is known by its title.
  const byTitle = !recorded || recorded.some((m) => m[0] === null);
  const marks: ChartMark[] = [];
  // A sheet made in this run has no chart to settle (sync10: 1 call fewer a new sheet).
  for (const chart of made ? [] : sheet.getCharts()) {
    const id = chart.getChartId()!;
    let key = ours.get(id);
    if (key === undefined && byTitle) {
      const title = chart.getOptions().get('title');
      const plan = plans.find((p) => p.title === title);
      if (plan) key = chartKey(plan);
    }
    if (key === undefined) continue;
    const plan = plans.find((p) => chartKey(p) === key);
    const n = plan?.ranges.length;
    const ranges = n && !marks.some((m) => m[1] === key) ? chart.getRanges() : [];
    if (n && ranges.length === n && ranges[n - 1]!.getA1Notation() === rangeA1(plan.ranges[n - 1]!)) marks.push([id, key]);
    else sheet.removeChart(chart);
  }
  return { marks, build: plans.filter((p) => !marks.some((m) => m[1] === chartKey(p))) };
}

/**
 * The ranges every chart to build on a sheet reads, in one RangeList (2 calls, not one getRange a range: "a
 * collection of one or more Range instances in the same sheet",
 * https://developers.google.com/apps-script/reference/spreadsheet/range-list#getRanges()), by A1 notation.
 */
function rangesFor(sheet: GoogleAppsScript.Spreadsheet.Sheet, plans: readonly ChartPlan[]): Map<string, GoogleAppsScript.Spreadsheet.Range> {
  const a1s = [...new Set(plans.flatMap((p) => p.ranges.map(rangeA1)))];
  const ranges = a1s.length ? sheet.getRangeList(a1s).getRanges() : [];
  return new Map(a1s.map((a1, i) => [a1, ranges[i]!]));
}

function insertChart(sheet: GoogleAppsScript.Spreadsheet.Sheet, plan: ChartPlan, ranges: ReadonlyMap<string, GoogleAppsScript.Spreadsheet.Range>): number | null {
  let builder = sheet.newChart().setChartType(Charts.ChartType.COLUMN);
  for (const r of plan.ranges) builder = builder.addRange(ranges.get(rangeA1(r)) ?? sheet.getRange(r.row, r.column, r.numRows, r.numColumns));
  builder = builder.setNumHeaders(1).setOption('title', plan.title).setOption('legend', { position: 'none' }).setPosition(plan.anchorRow, plan.anchorColumn, 0, 0);
  const chart = builder.build();
  sheet.insertChart(chart);
  // The inserted chart's id; if Google leaves the built object without one, the mark stays open and the next run
  // knows the chart by its title.
  return chart.getChartId();
}

/**
 * Each event sheet's charts: kept where they show the planned data, the rest removed and built (settleCharts). The
 * marks are written before any chart is inserted (with no id) and again after (with the ids), so a run stopped
 * in between leaves no chart the next run would not recognise.
 */
function chartSheets(sheets: readonly { sheet: GoogleAppsScript.Spreadsheet.Sheet; name: string; plans: readonly ChartPlan[]; made: boolean }[]): void {
  const props = documentProperties();
  const stored = props.getProperties();
  const text = (marks: ChartMark[]) => JSON.stringify(marks.sort((a, b) => (a[1] < b[1] ? -1 : 1)));
  const work = sheets.flatMap(({ sheet, name, plans, made }) => {
    const saved = stored[CHART_MARKS + name];
    const recorded = saved === undefined ? undefined : (JSON.parse(saved) as ChartMark[]);
    // A sheet that never had charts of ours and gets none is not asked for its charts.
    return plans.length || recorded?.length ? [{ sheet, key: CHART_MARKS + name, saved, ...settleCharts(sheet, plans, recorded, made) }] : [];
  });
  const write = (marks: (w: (typeof work)[number]) => ChartMark[] | undefined) => {
    const out: Record<string, string> = {};
    for (const w of work) { const m = marks(w); const t = m && text(m); if (t && t !== w.saved) out[w.key] = t; }
    if (Object.keys(out).length) props.setProperties(out);
  };
  // Open marks first where a record exists (with none, the next run knows our charts by their title anyway).
  write((w) => (w.saved !== undefined && w.build.length ? [...w.marks, ...w.build.map((p): ChartMark => [null, chartKey(p)])] : undefined));
  for (const w of work) {
    const ranges = w.build.length ? rangesFor(w.sheet, w.build) : new Map<string, GoogleAppsScript.Spreadsheet.Range>();
    for (const p of w.build) w.marks.push([insertChart(w.sheet, p, ranges), chartKey(p)]);
  }
  write((w) => w.marks);
}

/**
 * 「アンケートを集計」: rewrites 「アンケート集計」 (one line per event) and one 「アンケート集計_<行事id>」 sheet per event
 * (figures, free text, a chart per scale question). Re-running rewrites the values and keeps the charts that still
 * show the right data; other sheets are never touched.
 */
export function summariseSurveysInSheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang = 'ja', read?: AlreadyRead): SurveyResultsReport {
  const { sections, problems } = computeSurveySummaries(ss, read, lang);
  const overview = surveyOverviewGrid(sections);
  // An event nobody answered gets its line in the overview, not a sheet of zeros.
  const grids = sections.filter((section) => section.summary.responses > 0)
    .map((section) => ({ name: eventSheetName(section.eventId), grid: eventSurveyGrid(section), eventId: section.eventId }));
  // Every target is checked before any is rewritten: a volunteer's own アンケート集計 stops the run untouched.
  const sameFirstCell = (grid: SurveyGrid) => (first: readonly unknown[]) => String(first[0] ?? '') === String(grid.values[0]?.[0] ?? '\u0000');
  const [overviewSheet, ...eventSheets] = claimSheets(ss, [
    { name: SURVEY_SUMMARY_SHEET, isOurs: sameFirstCell(overview) },
    // An event sheet's first cell is 「行事名（行事id）」; the name may have changed since.
    ...grids.map((g) => ({ name: g.name, isOurs: (first: readonly unknown[]) => String(first[0] ?? '').endsWith(`（${g.eventId}）`) })),
  ]);
  const made = eventSheets.map(madeNow); // asked before writeGrid readies them
  writeGrid(overviewSheet!, overview);
  let charts = 0;
  const sheets: string[] = [];
  grids.forEach(({ name, grid }, i) => {
    writeGrid(eventSheets[i]!, grid);
    charts += grid.charts.length;
    sheets.push(name);
  });
  chartSheets(grids.map(({ name, grid }, i) => ({ sheet: eventSheets[i]!, name, plans: grid.charts, made: made[i]! })));
  return {
    sheet: SURVEY_SUMMARY_SHEET,
    eventSheets: sheets,
    events: sections.map((s) => ({
      id: s.eventId,
      title: s.title,
      responses: s.summary.responses,
      responseRate: s.summary.responseRate === null ? null : Math.round(s.summary.responseRate * 1000) / 1000,
      rateNote: rateNoteText(s.summary, lang),
      means: Object.fromEntries(s.summary.scales.map((q) => [q.title, roundMean(q.mean)])),
    })),
    charts,
    problems,
  };
}
