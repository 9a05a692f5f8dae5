/** アンケート設問: the default survey set written at set-up, and the coordinators' edited set read back. */
import type { Problem } from '../../../protocol';
import { SURVEY_QUESTIONS } from '../../domain/schema';
import { SURVEY_SHEET_HEADERS, SurveyQuestion, parseSurveyQuestionRows, surveyQuestionRows } from '../../domain/survey-questions';
import { Table } from '../tables';
import { Lang, t } from '../../i18n/messages';

type Header = (typeof SURVEY_SHEET_HEADERS)[number];
const KEY_OF: Record<Header, (typeof SURVEY_QUESTIONS)['columns'][number]['key']> = {
  設問: 'title', 形式: 'type', 選択肢: 'choices', 必須: 'required', 対象: 'audience', 下限ラベル: 'lowerLabel', 上限ラベル: 'upperLabel',
};

/** Writes the default question set into an empty アンケート設問 sheet (one batch); never overwrites edits. */
export function writeDefaultSurveyQuestions(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  const table = Table.open(ss, SURVEY_QUESTIONS);
  if (table.rowCount > 0) return;
  for (const row of surveyQuestionRows()) {
    const record: Partial<Record<string, string>> = {};
    SURVEY_SHEET_HEADERS.forEach((h, i) => { record[KEY_OF[h]] = row[i] ?? ''; });
    table.append(record);
  }
  table.flush();
}

/** The coordinators' question set; rows that cannot become a question are reported and left out. */
export function readSurveyQuestions(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lang: Lang = 'ja'): { questions: SurveyQuestion[]; problems: Problem[] } {
  // A view: read only (no formulas or grid size asked).
  const table = Table.open(ss, SURVEY_QUESTIONS, undefined, true);
  const rows = table.rows();
  const records = rows.map((r) => Object.fromEntries(SURVEY_SHEET_HEADERS.map((h) => [h, r.text(KEY_OF[h])])) as Record<Header, string>);
  const { questions, problems } = parseSurveyQuestionRows(records);
  return {
    questions,
    problems: problems.map((p) => ({ sheet: SURVEY_QUESTIONS.name, row: rows[p.index]!.rowNumber, column: p.column, message: t(lang, p.message.key, p.message.params) })),
  };
}
