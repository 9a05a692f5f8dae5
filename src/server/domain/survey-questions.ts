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

export const DEFAULT_SURVEY_QUESTIONS: readonly SurveyQuestion[] = [
  { title: '所属種別', type: 'MULTIPLE_CHOICE', required: true, workshopOnly: false, otherOption: true,
    choices: ['就労移行支援', '就労継続支援A型', '就労継続支援B型', '障害者就業・生活支援センター', 'ハローワーク', '企業', '行政'] },
  { title: '経験年数', type: 'MULTIPLE_CHOICE', required: true, workshopOnly: false, choices: ['1年未満', '1〜3年', '3〜5年', '5〜10年', '10年以上'] },
  { title: '参加形態', type: 'MULTIPLE_CHOICE', required: true, workshopOnly: false, choices: ['対面', 'オンライン'] },
  { title: '全体満足度', type: 'SCALE', required: true, workshopOnly: false, scale: SATISFACTION('不満', '満足') },
  { title: '理解度', type: 'SCALE', required: true, workshopOnly: false, scale: SATISFACTION('理解できなかった', 'よく理解できた') },
  { title: '業務への役立ち度', type: 'SCALE', required: true, workshopOnly: false, scale: SATISFACTION('役立たない', 'とても役立つ') },
  { title: '時間配分・進行', type: 'SCALE', required: true, workshopOnly: false, scale: SATISFACTION('不適切', '適切') },
  { title: '講師の説明', type: 'SCALE', required: true, workshopOnly: false, scale: SATISFACTION('わかりにくい', 'わかりやすい') },
  { title: '演習の実践度', type: 'SCALE', required: true, workshopOnly: true, scale: SATISFACTION('実践しにくい', 'すぐ実践できる') },
  { title: '最も役立った点', type: 'PARAGRAPH_TEXT', required: false, workshopOnly: false },
  { title: '改善点', type: 'PARAGRAPH_TEXT', required: false, workshopOnly: false },
  { title: '今後希望するテーマ', type: 'CHECKBOX', required: false, workshopOnly: false, otherOption: true,
    choices: ['企業開拓・職場実習', '定着支援', 'アセスメント', '精神・発達障害の理解', '制度・報酬改定', '面接・ロールプレイ'] },
  { title: '次回参加意向', type: 'MULTIPLE_CHOICE', required: true, workshopOnly: false, choices: ['参加したい', '内容によって参加したい', '参加しない'] },
  { title: '自由記述', type: 'PARAGRAPH_TEXT', required: false, workshopOnly: false },
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
    const title = String(row['設問'] ?? '').trim();
    if (title === '' && Object.values(row).every((v) => String(v ?? '').trim() === '')) return;
    if (title === '') { problems.push({ index, column: '設問', message: { key: 'surveyQuestions.empty' } }); return; }
    if (titles.has(title)) { problems.push({ index, column: '設問', message: { key: 'surveyQuestions.duplicate', params: { title } } }); return; }
    const label = String(row['形式'] ?? '').trim();
    const type = TYPE_LABELS[label];
    if (!type) {
      problems.push({ index, column: '形式', message: { key: 'surveyQuestions.unknownType', params: { value: label, choices: Object.keys(TYPE_LABELS).join('／') } } });
      return;
    }
    const choices = String(row['選択肢'] ?? '').split(/[、,\n]/).map((s) => s.trim()).filter((s) => s !== '');
    if ((type === 'MULTIPLE_CHOICE' || type === 'CHECKBOX' || type === 'LIST') && choices.length === 0) {
      problems.push({ index, column: '選択肢', message: { key: 'surveyQuestions.choicesRequired', params: { title } } });
      return;
    }
    titles.add(title);
    const q: SurveyQuestion = {
      title, type, required: String(row['必須'] ?? '').trim() === 'はい', workshopOnly: String(row['対象'] ?? '').includes('ワークショップ'),
      otherOption: label.includes('その他'),
    };
    if (choices.length && type !== 'SCALE' && type !== 'PARAGRAPH_TEXT' && type !== 'TEXT') q.choices = choices;
    if (type === 'SCALE') q.scale = SATISFACTION(String(row['下限ラベル'] ?? '').trim(), String(row['上限ラベル'] ?? '').trim());
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
