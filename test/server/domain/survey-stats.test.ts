import {
  MIN_CELL, SurveyQuestionShape, SurveyResponse, formatMean, formatShare, groupForDisclosure, scaleValue, splitCheckboxAnswer, summariseSurvey,
} from '../../../src/server/domain/survey-stats';

/** A small deterministic generator so every run draws the same "random" answers. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const KINDS = ['就労移行支援', '就労継続支援A型', '就労継続支援B型', '障害者就業・生活支援センター', 'ハローワーク', '企業', '行政'];
const YEARS = ['1年未満', '1〜3年', '3〜5年', '5〜10年', '10年以上'];
const THEMES = ['企業開拓・職場実習', '定着支援', 'アセスメント', '精神・発達障害の理解', '制度・報酬改定', '面接・ロールプレイ'];
const SCALES = ['全体満足度', '理解度', '業務への役立ち度'];

const QUESTIONS: SurveyQuestionShape[] = [
  { title: '所属種別', type: 'MULTIPLE_CHOICE', choices: KINDS, otherOption: true },
  { title: '経験年数', type: 'MULTIPLE_CHOICE', choices: YEARS },
  ...SCALES.map((title) => ({ title, type: 'SCALE', scale: { lower: 1, upper: 5 } })),
  { title: '今後希望するテーマ', type: 'CHECKBOX', choices: THEMES, otherOption: true },
  { title: '改善点', type: 'PARAGRAPH_TEXT' },
];

function randomResponses(n: number, seed: number): SurveyResponse[] {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const answers: Record<string, string | number> = {
      所属種別: rand() < 0.08 ? '大学' : pick(KINDS.slice(0, 3)),
      経験年数: pick(YEARS),
    };
    for (const s of SCALES) answers[s] = 1 + Math.floor(rand() * 5);
    const themes = THEMES.filter(() => rand() < 0.4);
    if (rand() < 0.1) themes.push('就労アセスメントの実例, 事例検討');
    if (themes.length) answers['今後希望するテーマ'] = themes.join(', ');
    if (rand() < 0.5) answers['改善点'] = i % 7 === 0 ? '=HYPERLINK("x")' : `改善点${i}`;
    return { responseId: `R${i}`, answers };
  });
}

describe('survey statistics (domain)', () => {
  const responses = randomResponses(37, 11);
  const summary = summariseSurvey(QUESTIONS, responses, { registered: 40, attended: 36 });

  test('each scale: mean, distribution and share of 4–5 recomputed from the answers', () => {
    expect(summary.scales.map((s) => s.title)).toEqual(SCALES);
    for (const s of summary.scales) {
      const values = responses.map((r) => r.answers[s.title] as number);
      let sum = 0;
      for (const v of values) sum += v;
      expect(s.n).toBe(values.length);
      expect(s.mean).toBeCloseTo(sum / values.length, 10);
      for (let v = 1; v <= 5; v++) expect(s.counts[v - 1]).toBe(values.filter((x) => x === v).length);
      expect(s.topShare).toBeCloseTo(values.filter((x) => x === 4 || x === 5).length / values.length, 10);
    }
  });

  test('response rate is against those who attended, unless more answered than attended', () => {
    expect(summary.responses).toBe(37);
    // 37 answers, 36 ticked 出席 of 40: the rate against attendance would be 103 %; registrants are the base, and why is said.
    expect(summary.rateBase).toBe('registered');
    expect(summary.rateNote).toBe('responsesExceedAttended');
    expect(summary.responseRate).toBeCloseTo(37 / 40, 10);
    const plain = summariseSurvey(QUESTIONS, responses.slice(0, 30), { registered: 40, attended: 36 });
    expect(plain).toMatchObject({ rateBase: 'attended', rateNote: null });
    expect(plain.responseRate).toBeCloseTo(30 / 36, 10);
    const noCheckIn = summariseSurvey(QUESTIONS, responses.slice(0, 30), { registered: 40, attended: 0 });
    expect(noCheckIn.rateBase).toBe('registered');
    expect(noCheckIn.responseRate).toBeCloseTo(30 / 40, 10);
    expect(summariseSurvey(QUESTIONS, [], { registered: 0, attended: 0 }).responseRate).toBeNull();
  });

  test('multi-select: each listed theme counted once per respondent; unlisted text counts as その他', () => {
    const themes = summary.choices.find((c) => c.title === '今後希望するテーマ')!;
    expect(themes.multi).toBe(true);
    for (const theme of THEMES) {
      const expected = responses.filter((r) => String(r.answers['今後希望するテーマ'] ?? '').split(', ').includes(theme)).length;
      expect(themes.counts.find((c) => c.choice === theme)!.count).toBe(expected);
    }
    const others = responses.filter((r) => String(r.answers['今後希望するテーマ'] ?? '').includes('事例検討')).length;
    expect(themes.counts.find((c) => c.choice === 'その他')?.count ?? 0).toBe(others);
    expect(themes.n).toBe(responses.filter((r) => r.answers['今後希望するテーマ'] !== undefined).length);
  });

  test('free text is listed as typed, formulas included as plain strings', () => {
    const text = summary.texts.find((t) => t.title === '改善点')!;
    expect(text.answers).toEqual(responses.map((r) => r.answers['改善点']).filter((v) => v !== undefined));
  });

  test('cross-tabs: every shown group and cell has at least 5 answers, and the groups add up', () => {
    expect(summary.crossTabs.map((t) => t.dimension)).toEqual(['所属種別', '経験年数']);
    for (const tab of summary.crossTabs) {
      expect(tab.groups.length).toBeGreaterThan(1);
      let covered = 0;
      for (const g of tab.groups) {
        expect(g.n).toBeGreaterThanOrEqual(MIN_CELL);
        const members = responses.filter((r) => g.members.includes(String(r.answers[tab.dimension])) || (g.members.includes('その他') && !(tab.dimension === '所属種別' ? KINDS : YEARS).includes(String(r.answers[tab.dimension]))));
        expect(members.length).toBe(g.n);
        covered += g.n;
        for (const cell of g.cells) {
          const values = members.map((r) => r.answers[cell.question] as number);
          expect(cell.n).toBe(values.length);
          if (values.length >= MIN_CELL) expect(cell.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 10);
          else expect(cell.mean).toBeNull();
        }
      }
      expect(covered + tab.notShown).toBe(responses.length);
    }
  });

  test('the respondent attribute counts obey the same rule (no count below 5)', () => {
    for (const title of ['所属種別', '経験年数']) {
      const c = summary.choices.find((x) => x.title === title)!;
      for (const row of c.counts) expect(row.count).toBeGreaterThanOrEqual(MIN_CELL);
      expect(c.counts.reduce((s, r) => s + r.count, 0)).toBeLessThanOrEqual(responses.length);
    }
  });

  test('n ≥ 5: small groups merge into その他, a small その他 absorbs the smallest group, too few shows nothing', () => {
    const m = (o: Record<string, number>) => new Map(Object.entries(o));
    expect(groupForDisclosure(m({ A: 6, B: 2, C: 3 }), ['A', 'B', 'C'])).toEqual([
      { label: 'A', members: ['A'], n: 6 }, { label: 'その他', members: ['B', 'C'], n: 5 },
    ]);
    // B+C = 3 < 5: the smallest shown group (D, 5) joins them, so 「その他」 cannot be recovered as total − A − D.
    expect(groupForDisclosure(m({ A: 9, D: 5, B: 1, C: 2 }), ['A', 'B', 'C', 'D'])).toEqual([
      { label: 'A', members: ['A'], n: 9 }, { label: 'その他', members: ['B', 'C', 'D'], n: 8 },
    ]);
    expect(groupForDisclosure(m({ A: 2, B: 2 }), ['A', 'B'])).toEqual([]);
    expect(groupForDisclosure(m({ A: 5, B: 5 }), ['B', 'A']).map((g) => g.label)).toEqual(['B', 'A']);
    // Four people in total: no breakdown at all, and the summary says how many are not shown.
    const few = summariseSurvey(QUESTIONS, randomResponses(4, 3), { registered: 4, attended: 4 });
    for (const tab of few.crossTabs) {
      expect(tab.groups).toEqual([]);
      expect(tab.notShown).toBe(4);
    }
  });

  test('a cell in a shown group with under 5 answers to that question is blanked', () => {
    const rs: SurveyResponse[] = Array.from({ length: 6 }, (_, i) => ({
      responseId: `x${i}`, answers: { 所属種別: '企業', 経験年数: '1年未満', 全体満足度: 5, ...(i < 4 ? { 理解度: 4 } : {}) },
    }));
    const s = summariseSurvey(QUESTIONS, rs, { registered: 6, attended: 6 });
    const cells = s.crossTabs[0]!.groups[0]!.cells;
    expect(cells.find((c) => c.question === '全体満足度')).toMatchObject({ n: 6, mean: 5 });
    expect(cells.find((c) => c.question === '理解度')).toMatchObject({ n: 4, mean: null, topShare: null });
  });

  test('answers: scale values out of range or non-numeric are ignored; checkbox choices containing ", " match whole', () => {
    expect(scaleValue('４', 1, 5)).toBe(4);
    expect(scaleValue(6, 1, 5)).toBeNull();
    expect(scaleValue('とても', 1, 5)).toBeNull();
    expect(splitCheckboxAnswer('定着支援, 面接, 模擬, 自由', ['定着支援', '面接, 模擬'])).toEqual({ chosen: ['定着支援', '面接, 模擬'], other: '自由' });
    expect(splitCheckboxAnswer(['a', 'z'], ['a'])).toEqual({ chosen: ['a'], other: 'z' });
    expect(formatMean(4.255)).toBe('4.26');
    expect(formatMean(null)).toBe('—');
    expect(formatShare(0.875)).toBe('87.5%');
  });
});
