/**
 * Survey results for one event, from plain answers: response rate against attendance, each 1–5 scale's mean,
 * distribution and share of top answers (4–5), counts for choice and multi-select questions, the free text, and
 * cross-tabs by the respondent's attributes (所属種別, 経験年数).
 *
 * Small-cell rule (docs/ARCHITECTURE.md, "Personal data"): no breakdown shows a group of fewer than MIN_CELL respondents. Groups under the
 * threshold are merged into 「その他」; when 「その他」 would still be too small, the smallest shown group joins it, so
 * nothing is hidden that could be recovered by subtracting the shown groups from the total. A scale cell inside a
 * shown group with fewer than MIN_CELL answers is blanked. Pure: no Apps Script.
 */
import { Lang, MessageKey, t } from '../i18n/messages';

export const MIN_CELL = 5;
export const OTHER_GROUP = 'その他';
/** The attributes the survey asks about the respondent, used as cross-tab dimensions. */
export const CROSS_TAB_DIMENSIONS = ['所属種別', '経験年数'] as const;

/** What this module needs of a survey question (forms' SurveyQuestion satisfies it). */
export interface SurveyQuestionShape {
  title: string;
  type: string;
  choices?: readonly string[];
  otherOption?: boolean;
  scale?: { lower: number; upper: number };
}

/** One response: answers by question title. A checkbox answer is Google's "a, b" text or a list. */
export interface SurveyResponse {
  responseId: string;
  answers: Readonly<Record<string, string | number | readonly string[]>>;
}

/** Who came, from the ledger: registrations that hold a place, and those checked in. */
export interface Attendance {
  registered: number;
  attended: number;
}

export interface ScaleStats {
  title: string;
  lower: number;
  upper: number;
  /** Valid answers. */
  n: number;
  mean: number | null;
  /** counts[i] = answers equal to lower + i. */
  counts: number[];
  /** Share (0–1) of the two top values (4 and 5 on a 1–5 scale). */
  topShare: number | null;
}

export interface ChoiceStats {
  title: string;
  multi: boolean;
  /** Respondents who answered. */
  n: number;
  /** Every listed choice (0 included), then 「その他」 for answers outside the list. */
  counts: { choice: string; count: number }[];
}

export interface TextAnswers {
  title: string;
  answers: string[];
}

export interface CrossTabCell {
  question: string;
  n: number;
  /** null when n < MIN_CELL. */
  mean: number | null;
  topShare: number | null;
}

export interface CrossTabGroup {
  label: string;
  n: number;
  /** The answer values merged into this group (one for an ordinary group). */
  members: string[];
  cells: CrossTabCell[];
}

export interface CrossTab {
  dimension: string;
  groups: CrossTabGroup[];
  /** Respondents in no shown group (too few in total to show any breakdown, or unanswered). */
  notShown: number;
}

export interface SurveySummary {
  responses: number;
  attendance: Attendance;
  /**
   * responses / attended; / registered when attendance was not recorded for most registrants or fewer attended than
   * answered (see rateNote); null when the base is 0. Over 1 only with rateNote 'responsesExceedRegistered'.
   */
  responseRate: number | null;
  rateBase: 'attended' | 'registered' | null;
  /** Why the rate is not responses ÷ attended, or why it is over 100 %; null when it is the plain rate. */
  rateNote: RateNote | null;
  scales: ScaleStats[];
  choices: ChoiceStats[];
  texts: TextAnswers[];
  crossTabs: CrossTab[];
}

const CHOICE_TYPES = new Set(['MULTIPLE_CHOICE', 'LIST', 'CHECKBOX']);
const TEXT_TYPES = new Set(['TEXT', 'PARAGRAPH_TEXT']);

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (Array.isArray(v) ? v.length === 0 : String(v).trim() === '');
}

/** A scale answer as an integer within the bounds, or null. */
export function scaleValue(raw: unknown, lower: number, upper: number): number | null {
  if (isBlank(raw)) return null;
  const n = typeof raw === 'number' ? raw : Number(String(raw).normalize('NFKC').trim());
  return Number.isInteger(n) && n >= lower && n <= upper ? n : null;
}

/**
 * The choices in one checkbox answer. Google writes them joined with ", "; a choice containing ", " is matched
 * whole, and whatever matches no listed choice is the respondent's 「その他」 text.
 */
export function splitCheckboxAnswer(raw: string | readonly string[], choices: readonly string[]): { chosen: string[]; other: string | null } {
  if (Array.isArray(raw)) {
    const list = raw as readonly string[];
    const chosen = list.filter((c) => choices.includes(c));
    const rest = list.filter((c) => !choices.includes(c) && c.trim() !== '');
    return { chosen, other: rest.length ? rest.join(', ') : null };
  }
  const tokens = String(raw).split(', ');
  const chosen: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    let matched = 0;
    for (let j = tokens.length; j > i; j--) {
      if (choices.includes(tokens.slice(i, j).join(', '))) { matched = j - i; break; }
    }
    if (matched) { chosen.push(tokens.slice(i, i + matched).join(', ')); i += matched; }
    else { if (tokens[i]!.trim() !== '') rest.push(tokens[i]!); i++; }
  }
  return { chosen, other: rest.length ? rest.join(', ') : null };
}

function textOf(raw: string | number | readonly string[]): string {
  return Array.isArray(raw) ? (raw as readonly string[]).join(', ') : String(raw);
}

function scaleStats(title: string, lower: number, upper: number, values: readonly number[]): ScaleStats {
  const counts = Array.from({ length: upper - lower + 1 }, () => 0);
  for (const v of values) counts[v - lower]! += 1;
  const n = values.length;
  const top = values.filter((v) => v >= upper - 1).length;
  return {
    title, lower, upper, n, counts,
    mean: n ? values.reduce((s, v) => s + v, 0) / n : null,
    topShare: n ? top / n : null,
  };
}

function boundsOf(q: SurveyQuestionShape): { lower: number; upper: number } {
  return { lower: q.scale?.lower ?? 1, upper: q.scale?.upper ?? 5 };
}

/** The value a respondent gave for a single-choice question, with answers outside the list as 「その他」. */
function choiceLabel(q: SurveyQuestionShape, raw: string | number | readonly string[] | undefined): string | null {
  if (raw === undefined || isBlank(raw)) return null;
  const text = textOf(raw).trim();
  return (q.choices ?? []).includes(text) ? text : OTHER_GROUP;
}

/**
 * Applies the small-cell rule to group sizes. Returns, for each original label, the shown group it belongs to
 * (or null when no breakdown can be shown), in the order of `order`, then 「その他」.
 */
export function groupForDisclosure(sizes: ReadonlyMap<string, number>, order: readonly string[], min = MIN_CELL): { label: string; members: string[]; n: number }[] {
  const labels = [...new Set([...order, ...sizes.keys()])].filter((l) => (sizes.get(l) ?? 0) > 0);
  const shown = labels.filter((l) => l !== OTHER_GROUP && (sizes.get(l) ?? 0) >= min);
  const other = labels.filter((l) => !shown.includes(l));
  const sizeOf = (ls: readonly string[]) => ls.reduce((s, l) => s + (sizes.get(l) ?? 0), 0);
  // A small 「その他」 would be recoverable as total − shown groups: grow it with the smallest shown group instead.
  while (other.length && sizeOf(other) < min && shown.length) {
    let smallest = 0;
    for (let i = 1; i < shown.length; i++) if ((sizes.get(shown[i]!) ?? 0) < (sizes.get(shown[smallest]!) ?? 0)) smallest = i;
    other.push(...shown.splice(smallest, 1));
  }
  const groups = shown.map((l) => ({ label: l, members: [l], n: sizes.get(l)! }));
  if (other.length && sizeOf(other) >= min) {
    const members = labels.filter((l) => other.includes(l));
    groups.push({ label: members.length === 1 ? members[0]! : OTHER_GROUP, members, n: sizeOf(other) });
  }
  return groups;
}

function crossTab(dimension: SurveyQuestionShape, scales: readonly SurveyQuestionShape[], responses: readonly SurveyResponse[]): CrossTab {
  const labelOf = new Map<SurveyResponse, string>();
  const sizes = new Map<string, number>();
  for (const r of responses) {
    const label = choiceLabel(dimension, r.answers[dimension.title]);
    if (label === null) continue;
    labelOf.set(r, label);
    sizes.set(label, (sizes.get(label) ?? 0) + 1);
  }
  const grouped = groupForDisclosure(sizes, dimension.choices ?? []);
  const groups: CrossTabGroup[] = grouped.map((g) => {
    const members = responses.filter((r) => g.members.includes(labelOf.get(r) ?? '\u0000'));
    return {
      label: g.label, n: g.n, members: g.members,
      cells: scales.map((q) => {
        const { lower, upper } = boundsOf(q);
        const values = members.map((r) => scaleValue(r.answers[q.title], lower, upper)).filter((v): v is number => v !== null);
        const s = scaleStats(q.title, lower, upper, values);
        const shown = s.n >= MIN_CELL;
        return { question: q.title, n: s.n, mean: shown ? s.mean : null, topShare: shown ? s.topShare : null };
      }),
    };
  });
  return { dimension: dimension.title, groups, notShown: responses.length - groups.reduce((s, g) => s + g.n, 0) };
}

export type RateNote = 'noAttendance' | 'fewAttendance' | 'responsesExceedAttended' | 'responsesExceedRegistered';

/**
 * The response rate and its base. Attendance is the base only when it was recorded for at least half of the
 * registrants and no fewer attended than answered: otherwise (出席 ticked for a few, or not at all) the rate against
 * attendance says more about the check-in than about the survey (3 attended, 9 answered: 300 %), so registrants are
 * the base and the note says why. A rate over 100 % is never given without the note naming the cause.
 */
export function responseRateOf(responses: number, attendance: Attendance): { responseRate: number | null; rateBase: SurveySummary['rateBase']; rateNote: RateNote | null } {
  const { attended, registered } = attendance;
  let rateBase: SurveySummary['rateBase'];
  let rateNote: RateNote | null = null;
  if (attended > 0 && attended * 2 >= registered && responses <= attended) rateBase = 'attended';
  else if (registered > 0) {
    rateBase = 'registered';
    rateNote = attended === 0 ? 'noAttendance' : attended * 2 < registered ? 'fewAttendance' : 'responsesExceedAttended';
  } else rateBase = attended > 0 ? 'attended' : null;
  const base = rateBase === 'attended' ? attended : rateBase === 'registered' ? registered : 0;
  const responseRate = base > 0 ? responses / base : null;
  if (responseRate !== null && responseRate > 1) rateNote = 'responsesExceedRegistered';
  return { responseRate, rateBase, rateNote };
}

/**
 * The note as a sentence, shown beside the rate wherever it appears: in the reader's language in the sidebar, in
 * Japanese (the sheet's language, like its headers) on the アンケート集計 sheets and in the report.
 */
export function rateNoteText(s: Pick<SurveySummary, 'rateNote' | 'responses' | 'attendance' | 'rateBase'>, lang: Lang = 'ja'): string {
  const { attended, registered } = s.attendance;
  if (!s.rateNote) return '';
  const against = s.rateBase === 'attended' ? 'attended' : 'registered';
  const base = against === 'attended' ? attended : registered;
  return t(lang, `survey.rateNote.${s.rateNote}${s.rateNote === 'responsesExceedRegistered' ? `.${against}` : ''}` as MessageKey, { attended, registered, responses: s.responses, base });
}

/** Summarises one event's survey. `questions` are the questions that event's form asked, in form order. */
export function summariseSurvey(questions: readonly SurveyQuestionShape[], responses: readonly SurveyResponse[], attendance: Attendance): SurveySummary {
  const scales: ScaleStats[] = [];
  const choices: ChoiceStats[] = [];
  const texts: TextAnswers[] = [];
  const dimensions = new Set<string>(CROSS_TAB_DIMENSIONS);
  for (const q of questions) {
    if (q.type === 'SCALE') {
      const { lower, upper } = boundsOf(q);
      const values = responses.map((r) => scaleValue(r.answers[q.title], lower, upper)).filter((v): v is number => v !== null);
      scales.push(scaleStats(q.title, lower, upper, values));
    } else if (CHOICE_TYPES.has(q.type)) {
      const listed = [...(q.choices ?? [])];
      const counts = new Map<string, number>(listed.map((c) => [c, 0]));
      let n = 0;
      for (const r of responses) {
        const raw = r.answers[q.title];
        if (raw === undefined || isBlank(raw)) continue;
        n++;
        const picked = q.type === 'CHECKBOX'
          ? (({ chosen, other }) => (other === null ? chosen : [...chosen, OTHER_GROUP]))(splitCheckboxAnswer(Array.isArray(raw) ? raw : textOf(raw), listed))
          : [choiceLabel(q, raw)!];
        for (const c of new Set(picked)) counts.set(c, (counts.get(c) ?? 0) + 1);
      }
      let rows = [...counts].map(([choice, count]) => ({ choice, count }));
      // A respondent attribute is itself a breakdown: its counts follow the same grouping as its cross-tab.
      if (dimensions.has(q.title)) {
        const grouped = groupForDisclosure(counts, listed);
        rows = grouped.map((g) => ({ choice: g.label, count: g.n }));
      }
      choices.push({ title: q.title, multi: q.type === 'CHECKBOX', n, counts: rows });
    } else if (TEXT_TYPES.has(q.type)) {
      const answers = responses.map((r) => r.answers[q.title]).filter((v) => v !== undefined && !isBlank(v)).map((v) => textOf(v!).trim());
      texts.push({ title: q.title, answers });
    }
  }
  const scaleQuestions = questions.filter((q) => q.type === 'SCALE');
  const crossTabs = questions.filter((q) => dimensions.has(q.title) && CHOICE_TYPES.has(q.type)).map((d) => crossTab(d, scaleQuestions, responses));
  const rate = responseRateOf(responses.length, attendance);
  return {
    responses: responses.length,
    attendance: { ...attendance },
    ...rate,
    scales, choices, texts, crossTabs,
  };
}

/** 4.25 → "4.25", null → "—" (two decimals, as the sheet and the report show means). */
export function formatMean(mean: number | null): string {
  return mean === null ? '—' : (Math.round(mean * 100) / 100).toFixed(2);
}

/** 0.875 → "87.5%", null → "—". */
export function formatShare(share: number | null): string {
  return share === null ? '—' : `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

/** Rounds a mean for data exports (two decimals). */
export function roundMean(mean: number | null): number | null {
  return mean === null ? null : Math.round(mean * 100) / 100;
}
