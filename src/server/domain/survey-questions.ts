/**
 * The post-event survey: a default question set that coordinators can edit in the アンケート設問 sheet, and
 * turning that sheet back into questions. The survey is anonymous (no name, no email). Pure.
 */
import { QuestionSpec } from './registration';
import type { Localized } from '../i18n/messages';

export interface SurveyQuestion extends QuestionSpec {
  /** Shown on workshop surveys only (e.g. 演習の実践度). */
  workshopOnly: boolean;
}

const SATISFACTION = (lowerLabel: string, upperLabel: string) => ({ lower: 1, upper: 5, lowerLabel, upperLabel });

/** One default question: the same object as written out (title, type, required, workshopOnly, then the rest). */
const question = (title: string, type: SurveyQuestion['type'], required: boolean, rest: Partial<SurveyQuestion> = {}, workshopOnly = false): SurveyQuestion =>
  ({ title, type, required, workshopOnly, ...rest });

export const DEFAULT_SURVEY_QUESTIONS: readonly SurveyQuestion[] = [
  question('所属種別', 'MULTIPLE_CHOICE', true, { otherOption: true,
    choices: ['就労移行支援', '就労継続支援A型', '就労継続支援B型', '障害者就業・生活支援センター', 'ハローワーク', '企業', '行政'] }),
  question('経験年数', 'MULTIPLE_CHOICE', true, { choices: ['1年未満', '1〜3年', '3〜5年', '5〜10年', '10年以上'] }),
  question('参加形態', 'MULTIPLE_CHOICE', true, { choices: ['対面', 'オンライン'] }),
  question('全体満足度', 'SCALE', true, { scale: SATISFACTION('不満', '満足') }),
  question('理解度', 'SCALE', true, { scale: SATISFACTION('理解できなかった', 'よく理解できた') }),
  question('業務への役立ち度', 'SCALE', true, { scale: SATISFACTION('役立たない', 'とても役立つ') }),
  question('時間配分・進行', 'SCALE', true, { scale: SATISFACTION('不適切', '適切') }),
  question('講師の説明', 'SCALE', true, { scale: SATISFACTION('わかりにくい', 'わかりやすい') }),
  question('演習の実践度', 'SCALE', true, { scale: SATISFACTION('実践しにくい', 'すぐ実践できる') }, true),
  question('最も役立った点', 'PARAGRAPH_TEXT', false),
  question('改善点', 'PARAGRAPH_TEXT', false),
  question('今後希望するテーマ', 'CHECKBOX', false, { otherOption: true,
    choices: ['企業開拓・職場実習', '定着支援', 'アセスメント', '精神・発達障害の理解', '制度・報酬改定', '面接・ロールプレイ'] }),
  question('次回参加意向', 'MULTIPLE_CHOICE', true, { choices: ['参加したい', '内容によって参加したい', '参加しない'] }),
  question('自由記述', 'PARAGRAPH_TEXT', false),
];

export const SURVEY_SHEET_HEADERS = ['設問', '形式', '選択肢', '必須', '対象', '下限ラベル', '上限ラベル'] as const;

const TYPE_LABELS: Record<string, SurveyQuestion['type']> = {
  '選択': 'MULTIPLE_CHOICE', '選択（その他あり）': 'MULTIPLE_CHOICE', '複数選択': 'CHECKBOX', '複数選択（その他あり）': 'CHECKBOX',
  '5段階': 'SCALE', '記述': 'PARAGRAPH_TEXT', '短い記述': 'TEXT', 'プルダウン': 'LIST',
};

function typeLabel(q: SurveyQuestion): string {
  switch (q.type) {
    case 'MULTIPLE_CHOICE': return q.otherOption ? '選択（その他あり）' : '選択';
    case 'CHECKBOX': return q.otherOption ? '複数選択（その他あり）' : '複数選択';
    case 'SCALE': return '5段階';
    case 'PARAGRAPH_TEXT': return '記述';
    case 'LIST': return 'プルダウン';
    default: return '短い記述';
  }
}

/** The default set as rows of the アンケート設問 sheet (without the header). */
export function surveyQuestionRows(questions: readonly SurveyQuestion[] = DEFAULT_SURVEY_QUESTIONS): string[][] {
  return questions.map((q) => [
    q.title, typeLabel(q), (q.choices ?? []).join('、'), q.required ? 'はい' : 'いいえ', q.workshopOnly ? 'ワークショップのみ' : 'すべて',
    q.scale?.lowerLabel ?? '', q.scale?.upperLabel ?? '',
  ]);
}

export interface SurveySheetProblem { index: number; column: (typeof SURVEY_SHEET_HEADERS)[number]; message: Localized }

/** Reads the アンケート設問 sheet's rows (by header key) back into questions; bad rows are skipped and reported. */
export function parseSurveyQuestionRows(rows: readonly Record<(typeof SURVEY_SHEET_HEADERS)[number], string>[]): { questions: SurveyQuestion[]; problems: SurveySheetProblem[] } {
  const questions: SurveyQuestion[] = [];
  const problems: SurveySheetProblem[] = [];
  const titles = new Set<string>();
  rows.forEach((row, index) => {
    const cell = (h: (typeof SURVEY_SHEET_HEADERS)[number]) => String(row[h] ?? '').trim();
    const problem = (column: SurveySheetProblem['column'], key: Localized['key'], params?: Localized['params']) => {
      problems.push({ index, column, message: params ? { key, params } : { key } });
    };
    const title = cell('設問');
    if (title === '' && Object.values(row).every((v) => String(v ?? '').trim() === '')) return;
    if (title === '') return problem('設問', 'surveyQuestions.empty');
    if (titles.has(title)) return problem('設問', 'surveyQuestions.duplicate', { title });
    const label = cell('形式');
    const type = TYPE_LABELS[label];
    if (!type) return problem('形式', 'surveyQuestions.unknownType', { value: label, choices: Object.keys(TYPE_LABELS).join('／') });
    const choices = String(row['選択肢'] ?? '').split(/[、,\n]/).map((s) => s.trim()).filter((s) => s !== '');
    if ((type === 'MULTIPLE_CHOICE' || type === 'CHECKBOX' || type === 'LIST') && choices.length === 0) return problem('選択肢', 'surveyQuestions.choicesRequired', { title });
    titles.add(title);
    const q: SurveyQuestion = {
      title, type, required: cell('必須') === 'はい', workshopOnly: cell('対象').includes('ワークショップ'),
      otherOption: label.includes('その他'),
    };
    if (choices.length && type !== 'SCALE' && type !== 'PARAGRAPH_TEXT' && type !== 'TEXT') q.choices = choices;
    if (type === 'SCALE') q.scale = SATISFACTION(cell('下限ラベル'), cell('上限ラベル'));
    questions.push(q);
  });
  return { questions, problems };
}

/** The questions a given event's survey asks. */
export function surveyQuestionsFor(questions: readonly SurveyQuestion[], workshop: boolean): SurveyQuestion[] {
  return questions.filter((q) => workshop || !q.workshopOnly);
}

/** Survey answers in long form for the アンケート回答 sheet: one row per answered question. */
export function surveyAnswerRows(responseId: string, eventId: string, submittedAt: Date, answers: Readonly<Record<string, string>>): (string | Date)[][] {
  return Object.entries(answers)
    .filter(([, v]) => String(v ?? '').trim() !== '')
    .map(([title, v]) => [responseId, eventId, submittedAt, title, String(v)]);
}
