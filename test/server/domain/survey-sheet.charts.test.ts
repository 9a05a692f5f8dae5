/**
 * The charts' layout as plain data (charts18): `chartKey` is what a chart shows — its title and the cells it reads —
 * so a re-run keeps a chart exactly when the key is unchanged. New answers leave every key as it is; a question added
 * moves the distribution table, so every key changes; a renamed event changes the titles.
 */
import { summariseSurvey } from '../../../src/server/domain/survey-stats';
import { DEFAULT_SURVEY_QUESTIONS, SurveyQuestion } from '../../../src/server/domain/survey-questions';
import { chartKey, eventSurveyGrid, rangeA1 } from '../../../src/server/domain/survey-sheet';

const scales = DEFAULT_SURVEY_QUESTIONS.filter((q) => q.type === 'SCALE' && !q.workshopOnly);
const answers = (n: number, questions: readonly SurveyQuestion[]) =>
  Array.from({ length: n }, (_, i) => ({ responseId: `r${i}`, answers: Object.fromEntries(questions.map((q, k) => [q.title, String(1 + ((i + k) % 5))])) }));
const keys = (questions: readonly SurveyQuestion[], n: number, title = '研修') =>
  eventSurveyGrid({ eventId: 'EV-1', title, dateText: '', summary: summariseSurvey(questions, answers(n, questions), { registered: 30, attended: 20 }) }).charts.map(chartKey);

describe('chart layout (domain/survey-sheet.ts)', () => {
  test('rangeA1 writes what Range.getA1Notation() writes', () => {
    expect(rangeA1({ row: 8, column: 1, numRows: 6, numColumns: 1 })).toBe('A8:A13');
    expect(rangeA1({ row: 3, column: 2, numRows: 1, numColumns: 1 })).toBe('B3');
    expect(rangeA1({ row: 1, column: 27, numRows: 2, numColumns: 26 })).toBe('AA1:AZ2');
  });

  test('more answers: the same keys (the charts read the same cells, which now hold other counts)', () => {
    expect(keys(scales, 9)).toEqual(keys(scales, 40));
    expect(keys(scales, 9)).toHaveLength(5);
    expect(new Set(keys(scales, 9)).size).toBe(5);
  });

  test('a question added: the distribution table moves down a row, so every key changes; a renamed event: every title', () => {
    const more = [...scales, { ...scales[0]!, title: '会場の快適さ' }];
    const before = keys(scales, 9);
    const after = keys(more, 9);
    expect(after).toHaveLength(6);
    expect(after.filter((k) => before.includes(k))).toEqual([]);
    expect(keys(scales, 9, '研修（改）').filter((k) => before.includes(k))).toEqual([]);
  });
});
