import {
  ReportInput, buildActivityReport, customPeriod, defaultPeriod, meetingDates, meetingKind, periodText, reportFields,
} from '../../../src/server/domain/report';
import { summariseSurvey } from '../../../src/server/domain/survey-stats';
import { CivilDate } from '../../../src/server/domain/dates';

const d = (s: string): CivilDate => {
  const [year, month, day] = s.split('-').map(Number) as [number, number, number];
  return { year, month, day };
};
const iso = (c: CivilDate) => `${c.year}-${String(c.month).padStart(2, '0')}-${String(c.day).padStart(2, '0')}`;

// 12 agencies before FY2025, 4 during it, 1 next year, as dates typed in the registry.
const JOINED = [
  '2024-04-01', '2024-04-01', '2024-04-01', '2024-04-01', '2024-04-01', '2024-04-01', '2024-09-01', '2024-09-01',
  '2024-10-01', '2024-11-01', '2025-01-15', '2025-03-31', '2025-04-01', '2025-07-01', '2025-09-01', '2026-03-31', '2026-04-01',
];
const agencies = JOINED.map((j, i) => ({ id: `AG-${String(i + 1).padStart(3, '0')}`, name: `団体${i + 1}`, kind: i % 2 ? '就労移行支援' : '就労継続支援B型', joinedOn: d(j) }));

function ledgerFor(eventId: string, n: number, attendedEvery: number | null, agencyOf: (i: number) => string) {
  return Array.from({ length: n }, (_, i) => ({ eventId, agency: agencyOf(i), status: '申込', attended: attendedEvery !== null && i % attendedEvery !== 0 }));
}

const base = (): ReportInput => ({
  period: defaultPeriod(d('2026-02-02')),
  today: d('2026-02-02'),
  agencies,
  events: [
    { id: 'EV-SEMINAR', kind: 'セミナー', title: '就労支援セミナー', start: d('2025-08-01'), status: '終了' },
    { id: 'EV-WORKSHOP', kind: 'ワークショップ', title: 'ロールプレイ研修', start: d('2025-12-05'), status: '終了' },
    { id: 'EV-OLD', kind: 'セミナー', title: '前年度のセミナー', start: d('2025-03-10'), status: '終了' },
    { id: 'EV-CANCEL', kind: 'セミナー', title: '中止した回', start: d('2025-10-10'), status: '中止' },
    { id: 'EV-FUTURE', kind: 'セミナー', title: 'まだ先の回', start: d('2026-03-01'), status: '募集中' },
    { id: 'EV-PLAN', kind: '企画会議', title: '企画会議（行事）', start: d('2025-05-20'), status: '終了' },
  ],
  ledger: [
    ...ledgerFor('EV-SEMINAR', 42, null, (i) => (i < 38 ? `AG-${String((i % 10) + 1).padStart(3, '0')}` : '区役所 障害福祉課')),
    { eventId: 'EV-SEMINAR', agency: 'AG-001', status: 'キャンセル待ち', attended: false },
    { eventId: 'EV-SEMINAR', agency: 'AG-002', status: '取消', attended: false },
    ...ledgerFor('EV-WORKSHOP', 33, 11, (i) => `AG-${String((i % 16) + 1).padStart(3, '0')}`),
    ...ledgerFor('EV-OLD', 5, null, () => 'AG-001'),
  ],
  surveys: {},
  meetings: [
    { title: '定例会', start: d('2025-04-09'), status: '予定', recurrence: '毎月第2水曜' },
    { title: '報告会', start: d('2025-06-20'), status: '予定', recurrence: '' },
    { title: '合同説明会（企業向け）', start: d('2025-11-11'), status: '中止', recurrence: '' },
    { title: '運営委員打合せ', start: d('2025-04-04'), status: '予定', recurrence: '毎週金曜（3回）' },
  ],
  pamphlets: [{ on: d('2025-06-01'), name: '就労支援機関ガイド_2025-06-01' }, { on: d('2025-03-01'), name: '前年度版' }],
});

describe('activity report (domain)', () => {
  test('default period is the fiscal year containing today; 西暦 and 和暦', () => {
    const p = defaultPeriod(d('2026-02-02'));
    expect([iso(p.start), iso(p.end), p.label]).toEqual(['2025-04-01', '2026-03-31', '令和7年度']);
    expect(iso(defaultPeriod(d('2025-04-01')).start)).toBe('2025-04-01');
    expect(iso(defaultPeriod(d('2025-03-31')).start)).toBe('2024-04-01');
    expect(periodText(p)).toEqual({ seireki: '2025年4月1日〜2026年3月31日', wareki: '令和7年4月1日〜令和8年3月31日' });
    expect(customPeriod(d('2025-04-01'), d('2025-09-30'))!.label).toBe('2025年4月1日〜2025年9月30日');
    expect(customPeriod(d('2025-05-01'), d('2025-04-01'))).toBeNull();
  });

  test('members at start, at end and joined, counted from 加入日 independently', () => {
    const input = base();
    const r = buildActivityReport(input);
    const start = '2025-04-01', end = '2026-03-31';
    expect(r.membersAtStart).toBe(JOINED.filter((j) => j < start).length);
    expect(r.membersAtEnd).toBe(JOINED.filter((j) => j <= end).length);
    expect(r.joined.map((j) => iso(j.joinedOn))).toEqual(JOINED.filter((j) => j >= start && j <= end));
    expect([r.membersAtStart, r.membersAtEnd]).toEqual([12, 16]);
    expect(r.undated).toEqual([]);
  });

  test('an agency without 加入日 counts from the start and is named so it can be filled in', () => {
    const input = { ...base(), agencies: [...agencies, { id: 'AG-X', name: '日付なし', kind: 'その他', joinedOn: null }] };
    const r = buildActivityReport(input);
    expect([r.membersAtStart, r.membersAtEnd, r.undated]).toEqual([13, 17, ['日付なし']]);
  });

  test('events held in the period: participants (申込, plus waiting-list people checked in), attended, agencies, non-members; not cancelled, earlier or future ones', () => {
    const input = base();
    input.ledger = [
      ...input.ledger,
      { eventId: 'EV-WORKSHOP', agency: 'AG-016', status: 'キャンセル待ち', attended: false },
      { eventId: 'EV-WORKSHOP', agency: 'AG-017', status: 'キャンセル待ち', attended: true },
    ];
    const r = buildActivityReport(input);
    expect(r.events.map((e) => e.id)).toEqual(['EV-SEMINAR', 'EV-WORKSHOP']);
    for (const e of r.events) {
      const mine = input.ledger.filter((x) => x.eventId === e.id);
      const took = mine.filter((x) => x.status === '申込' || (x.status === 'キャンセル待ち' && x.attended));
      expect(e.participants).toBe(took.length);
      expect(e.registered).toBe(mine.filter((x) => x.status === '申込').length);
      expect(e.waitlisted).toBe(mine.filter((x) => x.status === 'キャンセル待ち').length);
      expect(e.attended).toBe(took.filter((x) => x.attended).length);
      const memberIds = new Set(took.map((x) => x.agency).filter((a) => a.startsWith('AG-')));
      expect(e.agencies).toEqual(agencies.filter((a) => memberIds.has(a.id)).map((a) => a.name));
      expect(e.nonMemberParticipants).toBe(took.filter((x) => !x.agency.startsWith('AG-')).length);
    }
    const seminar = r.events[0]!;
    expect([seminar.checkedIn, seminar.participants, seminar.registered, seminar.waitlisted, seminar.nonMemberParticipants]).toEqual([false, 42, 42, 1, 4]);
    const workshop = r.events[1]!;
    expect([workshop.checkedIn, workshop.participants, workshop.waitlisted, workshop.attended]).toEqual([true, 34, 2, 31]);
  });

  test('meetings by kind: recurring rows expanded up to today, cancelled skipped, 行事 of meeting kinds counted', () => {
    const r = buildActivityReport(base());
    // 第2水曜 from 2025-04-09: held up to 2026-02-02, planned up to 2026-03-31, counted by walking the calendar.
    const secondWednesdays = (from: number, to: number) => {
      let n = 0;
      for (let t = from; t <= to; t += 86400000) {
        const x = new Date(t);
        if (x.getUTCDay() === 3 && x.getUTCDate() >= 8 && x.getUTCDate() <= 14) n++;
      }
      return n;
    };
    expect(r.meetings).toEqual([
      { kind: '企画会議', count: 1, planned: 0 },
      { kind: '定例会', count: secondWednesdays(Date.UTC(2025, 3, 1), Date.UTC(2026, 1, 2)), planned: secondWednesdays(Date.UTC(2026, 1, 3), Date.UTC(2026, 2, 31)) },
      { kind: '報告会', count: 1, planned: 0 },
      { kind: 'その他の会議', count: 3, planned: 0 },
    ]);
    expect(meetingKind('第3回 企画打合せ')).toBe('企画会議');
    expect(meetingDates(d('2025-04-04'), '毎週金曜（3回）', d('2026-01-01')).map(iso)).toEqual(['2025-04-04', '2025-04-11', '2025-04-18']);
    expect(meetingDates(d('2025-04-15'), '毎月15日', d('2025-06-30')).map(iso)).toEqual(['2025-04-15', '2025-05-15', '2025-06-15']);
    expect(meetingDates(d('2026-04-15'), '', d('2026-02-02'))).toEqual([]);
  });

  test('pamphlets issued in the period only', () => {
    expect(buildActivityReport(base()).pamphlets.map((p) => p.name)).toEqual(['就労支援機関ガイド_2025-06-01']);
  });

  test('survey highlights come from the survey summary; the fields carry no free text and no participant data', () => {
    const input = base();
    const answers = Array.from({ length: 20 }, (_, i) => ({
      responseId: `r${i}`,
      answers: { 全体満足度: 3 + (i % 3), 理解度: 5, 今後希望するテーマ: i % 2 ? '定着支援, アセスメント' : '定着支援', 自由記述: `山田太郎さんの話が良かった${i}` },
    }));
    input.surveys = {
      'EV-SEMINAR': summariseSurvey([
        { title: '全体満足度', type: 'SCALE' }, { title: '理解度', type: 'SCALE' },
        { title: '今後希望するテーマ', type: 'CHECKBOX', choices: ['定着支援', 'アセスメント', '制度'] }, { title: '自由記述', type: 'PARAGRAPH_TEXT' },
      ], answers, { registered: 42, attended: 0 }),
    };
    const r = buildActivityReport(input);
    const h = r.events[0]!.survey!;
    const sat = answers.map((a) => a.answers.全体満足度);
    expect(h.responses).toBe(20);
    expect(h.responseRate).toBeCloseTo(20 / 42, 10);
    expect(h.headline!.mean).toBeCloseTo(sat.reduce((a, b) => a + b, 0) / 20, 10);
    expect(h.headline!.topShare).toBeCloseTo(sat.filter((v) => v >= 4).length / 20, 10);
    expect(h.best).toEqual({ title: '理解度', mean: 5 });
    expect(h.topThemes).toEqual([{ choice: '定着支援', count: 20 }, { choice: 'アセスメント', count: 10 }]);
    const fields = reportFields(r, 'テストネットワーク', d('2026-02-02'));
    expect(fields.global).toMatchObject({ 期首団体数: '12', 期末団体数: '16', 加入団体数: '4', 年度: '令和7年度', 延べ参加者数: String(42 + 33) });
    expect(fields.global.作成日).toBe('2026年2月2日(月)（令和8年2月2日）');
    expect(fields.blocks.行事[0]).toMatchObject({ 行事名: '就労支援セミナー', 開催日: '2025年8月1日(金)', 開催日和暦: '令和7年8月1日', 参加者数: '42', 申込者数: '42', キャンセル待ち数: '1', 出席者数: '', 回答率: '47.6%' });
    expect(JSON.stringify(fields)).not.toContain('山田');
    expect(fields.blocks.加入団体.map((j) => j.加入日)).toEqual(['2025年4月1日', '2025年7月1日', '2025年9月1日', '2026年3月31日']);
  });
});
