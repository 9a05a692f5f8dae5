/**
 * 繰り返し (a 会議 row's recurrence): the one grammar, read by the meetings feature (which writes it to Calendar as
 * an RRULE) and by the activity report (which counts the meetings held). A text either feature reads is read the
 * same way by the other; a text the meetings feature refuses is counted by the report as one meeting.
 *
 *   '' / なし / 単発 / -          → no recurrence
 *   毎月第2水曜 (曜日, 第二 …)     → monthly on the 2nd Wednesday (第1–第5; a month without a 5th one is skipped)
 *   毎週水曜 (曜日)                → weekly
 *   毎月15日                       → monthly on day 15, days 1–28 only
 *   any of these + （12回）/(全12回)/12回 → at most that many meetings
 *
 * Why days 1–28: a monthly rule on day 29–31 is skipped in months without that day (RFC 5545: "Recurrence rules may
 * generate recurrence instances with an invalid date … such recurrence instances MUST be ignored",
 * https://datatracker.ietf.org/doc/html/rfc5545#section-3.3.10), so 「毎月31日」 would silently meet 7 times a year.
 * The coordinator is asked to write such a meeting another way (「毎月第4金曜」) rather than miss months.
 */
import { CivilDate, WEEKDAYS, Weekday, addDays, compareDates, weekdayOf } from './dates';

export type RecurrencePlan =
  | { kind: 'monthlyNthWeekday'; nth: number; weekday: Weekday; count?: number; label: string }
  | { kind: 'monthlyDay'; day: number; count?: number; label: string }
  | { kind: 'weekly'; weekday: Weekday; count?: number; label: string };

export const MAX_MONTH_DAY = 28;
const KANJI_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5 };
const weekdayIndex = (kanji: string) => WEEKDAYS.indexOf(kanji as (typeof WEEKDAYS)[number]) as Weekday;

/** The plan for a 繰り返し text: null for none, undefined when the text is not understood. */
export function parseRecurrence(raw: string): RecurrencePlan | null | undefined {
  let t = raw.normalize('NFKC').replace(/\s+/g, '');
  if (t === '' || t === 'なし' || t === '単発' || t === '-') return null;
  let count: number | undefined;
  const c = /[(（]?(?:全)?(\d+)回[)）]?$/.exec(t);
  if (c) {
    count = Number(c[1]);
    t = t.slice(0, c.index);
    if (count < 1) return undefined;
  }
  const withCount = <T extends object>(p: T): T & { count?: number } => (count === undefined ? p : { ...p, count });
  const nth = /^毎月第([1-5一二三四五])([日月火水木金土])曜?日?$/.exec(t);
  if (nth) {
    const n = KANJI_DIGITS[nth[1]!] ?? Number(nth[1]);
    const weekday = weekdayIndex(nth[2]!);
    return withCount({ kind: 'monthlyNthWeekday' as const, nth: n, weekday, label: `毎月第${n}${WEEKDAYS[weekday]}曜` });
  }
  const weekly = /^毎週([日月火水木金土])曜?日?$/.exec(t);
  if (weekly) {
    const weekday = weekdayIndex(weekly[1]!);
    return withCount({ kind: 'weekly' as const, weekday, label: `毎週${WEEKDAYS[weekday]}曜` });
  }
  const day = /^毎月(\d{1,2})日$/.exec(t);
  if (day && Number(day[1]) >= 1 && Number(day[1]) <= MAX_MONTH_DAY) {
    return withCount({ kind: 'monthlyDay' as const, day: Number(day[1]), label: `毎月${Number(day[1])}日` });
  }
  return undefined;
}

/** Month days on which the nth weekday can fall: the 2nd Wednesday is the Wednesday among days 8–14. */
export function nthWeekdayMonthDays(nth: number): number[] {
  return Array.from({ length: 7 }, (_, i) => (nth - 1) * 7 + 1 + i).filter((d) => d <= 31);
}

/** RFC 5545 RRULE line for a plan, in the form CalendarApp's builder produces it. */
export function recurrenceRule(plan: RecurrencePlan): string {
  const RFC = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
  const count = plan.count === undefined ? '' : `;COUNT=${plan.count}`;
  switch (plan.kind) {
    case 'monthlyNthWeekday': return `RRULE:FREQ=MONTHLY${count};BYMONTHDAY=${nthWeekdayMonthDays(plan.nth).join(',')};BYDAY=${RFC[plan.weekday]}`;
    case 'monthlyDay': return `RRULE:FREQ=MONTHLY${count};BYMONTHDAY=${plan.day}`;
    case 'weekly': return `RRULE:FREQ=WEEKLY${count};BYDAY=${RFC[plan.weekday]}`;
  }
}

/** True when a date is one the rule produces. */
export function onRecurrence(d: CivilDate, plan: RecurrencePlan): boolean {
  switch (plan.kind) {
    case 'monthlyNthWeekday': return weekdayOf(d) === plan.weekday && Math.floor((d.day - 1) / 7) + 1 === plan.nth;
    case 'monthlyDay': return d.day === plan.day;
    case 'weekly': return weekdayOf(d) === plan.weekday;
  }
}

/**
 * The dates a meeting meets on, from its first date up to `until` (inclusive), at most `count`. Without a plan,
 * the first date alone. A first date off the rule is not a meeting (the meetings feature refuses such a row).
 */
export function occurrences(start: CivilDate, plan: RecurrencePlan | null, until: CivilDate): CivilDate[] {
  if (!plan) return compareDates(start, until) <= 0 ? [start] : [];
  const limit = plan.count ?? Infinity;
  const out: CivilDate[] = [];
  for (let d = start; compareDates(d, until) <= 0 && out.length < limit; d = addDays(d, 1)) if (onRecurrence(d, plan)) out.push(d);
  return out;
}
