/** 繰り返し: one grammar for the meetings feature (RRULE to Calendar) and the activity report (meetings counted). */
import { CivilDate, isoDate, weekdayOf } from '../../../src/server/domain/dates';
import { MAX_MONTH_DAY, nthWeekdayMonthDays, occurrences, onRecurrence, parseRecurrence, recurrenceRule } from '../../../src/server/domain/recurrence';
import { meetingDates } from '../../../src/server/domain/report';
import { planMeetings } from '../../../src/server/domain/meetings';

const d = (s: string): CivilDate => { const [y, m, dd] = s.split('-').map(Number); return { year: y!, month: m!, day: dd! }; };
const iso = (x: CivilDate[]) => x.map(isoDate);

describe('the grammar', () => {
  test.each([
    ['毎月第2水曜', 'monthlyNthWeekday', '毎月第2水曜'],
    ['毎月第二水曜日', 'monthlyNthWeekday', '毎月第2水曜'],
    ['毎月第５金曜', 'monthlyNthWeekday', '毎月第5金曜'],
    [' 毎週 月曜 ', 'weekly', '毎週月曜'],
    ['毎月１日', 'monthlyDay', '毎月1日'],
    ['毎月28日', 'monthlyDay', '毎月28日'],
  ])('%s is %s (%s)', (text, kind, label) => {
    expect(parseRecurrence(text)).toMatchObject({ kind, label });
  });

  test('the day range is 1–28: 29, 30, 31 would skip the months without them (RFC 5545), 0 is no day', () => {
    expect(MAX_MONTH_DAY).toBe(28);
    for (const text of ['毎月29日', '毎月30日', '毎月31日', '毎月0日', '毎月100日']) expect(parseRecurrence(text)).toBeUndefined();
  });

  test('counts: （12回）, (全3回), 4回; 0回 is not understood', () => {
    expect(parseRecurrence('毎週金曜（12回）')).toMatchObject({ count: 12 });
    expect(parseRecurrence('毎月第1月曜(全3回)')).toMatchObject({ count: 3 });
    expect(parseRecurrence('毎月15日4回')).toMatchObject({ count: 4 });
    expect(parseRecurrence('毎週金曜（0回）')).toBeUndefined();
  });

  test('none, and text that is not a rule', () => {
    for (const text of ['', 'なし', '単発', '-', '　']) expect(parseRecurrence(text)).toBeNull();
    for (const text of ['隔週', '毎月第6水曜', '毎月第0水曜', '毎年4月1日', '毎月第2']) expect(parseRecurrence(text)).toBeUndefined();
  });

  test('the RRULE of a 5th weekday lists days 29–31 only, so months without one are skipped as in Calendar', () => {
    expect(nthWeekdayMonthDays(5)).toEqual([29, 30, 31]);
    expect(recurrenceRule(parseRecurrence('毎月第5金曜')!)).toBe('RRULE:FREQ=MONTHLY;BYMONTHDAY=29,30,31;BYDAY=FR');
  });
});

describe('occurrences', () => {
  test('a 5th Friday meets only in months that have one', () => {
    const dates = occurrences(d('2026-01-30'), parseRecurrence('毎月第5金曜')!, d('2026-12-31'));
    expect(iso(dates)).toEqual(['2026-01-30', '2026-05-29', '2026-07-31', '2026-10-30']);
    for (const x of dates) expect(weekdayOf(x)).toBe(5);
  });

  test('until is inclusive; the count limits; a first date off the rule is not a meeting', () => {
    expect(iso(occurrences(d('2026-04-03'), parseRecurrence('毎週金曜')!, d('2026-04-17')))).toEqual(['2026-04-03', '2026-04-10', '2026-04-17']);
    expect(iso(occurrences(d('2026-04-03'), parseRecurrence('毎週金曜（2回）')!, d('2027-01-01')))).toEqual(['2026-04-03', '2026-04-10']);
    expect(iso(occurrences(d('2026-04-04'), parseRecurrence('毎週金曜')!, d('2026-04-12')))).toEqual(['2026-04-10']);
    expect(occurrences(d('2026-04-04'), null, d('2026-04-03'))).toEqual([]);
    expect(iso(occurrences(d('2026-04-04'), null, d('2026-04-04')))).toEqual(['2026-04-04']);
  });

  test('month and year ends: 毎月28日 across February and the fiscal year end', () => {
    expect(iso(occurrences(d('2026-01-28'), parseRecurrence('毎月28日')!, d('2026-04-30')))).toEqual(['2026-01-28', '2026-02-28', '2026-03-28', '2026-04-28']);
    expect(onRecurrence(d('2028-02-28'), parseRecurrence('毎月28日')!)).toBe(true);
  });
});

describe('meetings and the report read 繰り返し the same way', () => {
  const jst = (s: string) => new Date(`${s}+09:00`);
  const sendable = (recurrence: string) => {
    const plan = planMeetings(
      [{ row: 2, id: 'M1', title: '定例会', start: jst('2026-04-29T14:00:00'), end: jst('2026-04-29T15:00:00'), place: '', invitees: 'a@example.jp',
        agenda: '', recurrence, status: '予定', calendarEventId: '', fingerprint: '' }],
      { agencies: [], now: new Date('2026-04-01T00:00:00Z') },
    );
    return plan.problems.filter((p) => p.severity === 'error').map((p) => p.code);
  };

  test('毎月29日: the meetings feature refuses it, and the report counts it as one meeting, not as a monthly one', () => {
    expect(sendable('毎月29日')).toEqual(['recurrenceUnreadable']);
    expect(iso(meetingDates(d('2026-04-29'), '毎月29日', d('2027-03-31')))).toEqual(['2026-04-29']);
  });

  test('毎週水曜（3回）: both read it as three Wednesdays', () => {
    expect(sendable('毎週水曜（3回）')).toEqual([]);
    expect(iso(meetingDates(d('2026-04-29'), '毎週水曜（3回）', d('2027-03-31')))).toEqual(['2026-04-29', '2026-05-06', '2026-05-13']);
  });
});
