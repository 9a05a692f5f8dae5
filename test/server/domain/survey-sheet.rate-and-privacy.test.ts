/** Issue 14 items 3 and 4: no 300 % response rate without a word; the privacy note says exactly what is done. */
import { responseRateOf, rateNoteText, summariseSurvey, MIN_CELL, SurveySummary } from '../../../src/server/domain/survey-stats';

type RateNoteForTest = SurveySummary['rateNote'];
import { eventSurveyGrid, surveyOverviewGrid } from '../../../src/server/domain/survey-sheet';

describe('response rate (item 3)', () => {
  test('attendance recorded for a few of the registrants: the base is registrants, and the note says so', () => {
    const r = responseRateOf(9, { registered: 30, attended: 3 });
    expect(r).toEqual({ responseRate: 9 / 30, rateBase: 'registered', rateNote: 'fewAttendance' });
    const text = rateNoteText({ ...r, responses: 9, attendance: { registered: 30, attended: 3 } });
    expect(text).toContain('出席の記録が申込者の半数未満（出席3人・申込30人）');
  });

  test('no attendance at all: registrants, said', () => {
    expect(responseRateOf(12, { registered: 40, attended: 0 })).toMatchObject({ rateBase: 'registered', rateNote: 'noAttendance' });
  });

  test('a rate over 100 % always carries a note naming the cause', () => {
    for (const [n, registered, attended] of [[9, 3, 3], [50, 40, 40], [9, 0, 3], [5, 4, 0], [30, 40, 3]] as const) {
      const r = responseRateOf(n, { registered, attended });
      if (r.responseRate !== null && r.responseRate > 1) {
        expect(r.rateNote).toBe('responsesExceedRegistered');
        expect(rateNoteText({ ...r, responses: n, attendance: { registered, attended } })).toMatch(/100%を超えています/);
      }
    }
    expect(responseRateOf(50, { registered: 40, attended: 40 }).rateNote).toBe('responsesExceedRegistered');
  });

  test('the event sheet and the overview show the note beside the rate', () => {
    const summary = summariseSurvey([], Array.from({ length: 9 }, (_, i) => ({ responseId: `r${i}`, answers: {} })), { registered: 30, attended: 3 });
    const grid = eventSurveyGrid({ eventId: 'EV-1', title: '研修', dateText: '', summary });
    const rateRow = grid.values.find((r) => r[0] === '回答数')!;
    expect(rateRow[7]).toBeCloseTo(0.3, 10);
    expect(String(rateRow[8])).toContain('申込者数に対する割合');
    const overview = surveyOverviewGrid([{ eventId: 'EV-1', title: '研修', dateText: '', summary }]);
    const header = overview.values.find((r) => r[0] === '行事id')!;
    const line = overview.values.find((r) => r[0] === 'EV-1')!;
    expect(String(line[header.indexOf('回答率について')])).toContain('半数未満');
  });
});

describe('the privacy note (item 4)', () => {
  const questions = [
    { title: '所属種別', type: 'MULTIPLE_CHOICE', choices: ['就労移行支援', '就労継続支援A型', 'その他'] },
    { title: '参加形態', type: 'MULTIPLE_CHOICE', choices: ['対面', 'オンライン'] },
  ];
  const responses = [
    ...Array.from({ length: 6 }, (_, i) => ({ responseId: `r${i}`, answers: { 所属種別: '就労移行支援', 参加形態: '対面' } })),
    { responseId: 'r9', answers: { 所属種別: '就労継続支援A型', 参加形態: 'オンライン' } },
  ];
  const summary = summariseSurvey(questions as never, responses, { registered: 7, attended: 7 });
  const grid = eventSurveyGrid({ eventId: 'EV-1', title: '研修', dateText: '', summary });
  const note = String(grid.values[1]![0]);

  test('the note names the rule as applied: attribute breakdowns under 5 are hidden, other counts are shown whole', () => {
    expect(note).toContain(`所属種別・経験年数の人数と、それらの区分別の平均では、${MIN_CELL}人未満の区分を「その他」にまとめるか表示しません`);
    expect(note).toContain('ほかの設問の人数は回答者全体の集計なので、1人や2人の選択肢もそのまま表示します');
    expect(note).not.toMatch(/^人数が5人未満の区分は「その他」にまとめるか表示しません/);
  });

  test('and the sheet does what the note says', () => {
    const rows = grid.values.map((r) => [r[0], r[1]]);
    // 参加形態 オンライン: 1 person, shown (a count over everyone).
    expect(rows).toContainEqual(['オンライン', 1]);
    // 所属種別 就労継続支援A型: 1 person, not shown on its own.
    expect(rows.some((r) => r[0] === '就労継続支援A型' && r[1] === 1)).toBe(false);
  });
});

describe('the rate note in both languages (issue 13, item 4)', () => {
  test('each note has a Japanese sentence for the sheet and an English one for an English sidebar', () => {
    const summary = (rateNote: RateNoteForTest, rateBase: 'attended' | 'registered' | null) => ({ rateNote, rateBase, responses: 45, attendance: { registered: 40, attended: 12 } });
    expect(rateNoteText(summary('fewAttendance', 'registered'))).toBe('出席の記録が申込者の半数未満（出席12人・申込40人）のため、申込者数に対する割合です。参加者台帳の「出席」を確認してください。');
    expect(rateNoteText(summary('fewAttendance', 'registered'), 'en')).toBe('Attendance was recorded for fewer than half of the registrants (12 attended, 40 registered), so the rate is against registrants. Check 「出席」 in the participant ledger.');
    expect(rateNoteText(summary('responsesExceedRegistered', 'attended'))).toContain('回答数（45）が出席者数（12）を上回り');
    expect(rateNoteText(summary('responsesExceedRegistered', null))).toContain('回答数（45）が申込者数（40）を上回り');
    expect(rateNoteText(summary(null, 'attended'))).toBe('');
  });
});
