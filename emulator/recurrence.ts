/**
 * Recurrence rules as CalendarApp builds them (EventRecurrence / RecurrenceRule) and as the Calendar API
 * stores them (RFC 5545 RRULE / EXRULE / RDATE / EXDATE lines), plus expansion into occurrences.
 *
 * Google behaviour relied on (developers.google.com/apps-script/reference/calendar/recurrence-rule):
 * - modifiers such as times(), interval(), onlyOnWeekday() apply to the most recently added rule;
 * - onlyOnWeek(s) is the week of the YEAR (BYWEEKNO), not of the month: "the 2nd Wednesday of the month"
 *   has no direct method and is expressed as a monthly rule on Wednesday restricted to month days 8–14;
 * - until() is inclusive.
 * Expansion works in the series' time zone, day by day, which is plenty for the windows the add-on asks for.
 */
import { zonedDate, zonedParts } from './format';

export type Freq = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
export const WEEKDAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;
export const MONTHS = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'] as const;
const RFC_DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

export interface RuleSpec {
  exclusion: boolean;
  freq: Freq;
  interval: number;
  count?: number;
  until?: Date;
  byDay?: number[]; // 0 = Sunday
  byMonthDay?: number[];
  byMonth?: number[]; // 1–12
  byWeekNo?: number[];
  byYearDay?: number[];
  weekStart?: number;
}

export interface RecurrenceSpec {
  rules: RuleSpec[];
  dates: Date[];
  exDates: Date[];
  timeZone: string | null;
}

export function emptyRecurrence(): RecurrenceSpec {
  return { rules: [], dates: [], exDates: [], timeZone: null };
}

function utcStamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function localStamp(d: Date, tz: string): string {
  const p = zonedParts(d, tz);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.year}${pad(p.month)}${pad(p.day)}T${pad(p.hour)}${pad(p.minute)}${pad(p.second)}`;
}

/** RFC 5545 lines (without line folding), e.g. "RRULE:FREQ=MONTHLY;BYDAY=WE;BYMONTHDAY=8,9,10,11,12,13,14". */
export function toRfc5545(spec: RecurrenceSpec, timeZone: string): string[] {
  const lines: string[] = [];
  for (const r of spec.rules) {
    const parts = [`FREQ=${r.freq}`];
    if (r.interval !== 1) parts.push(`INTERVAL=${r.interval}`);
    if (r.count !== undefined) parts.push(`COUNT=${r.count}`);
    if (r.until) parts.push(`UNTIL=${utcStamp(r.until)}`);
    if (r.byMonth?.length) parts.push(`BYMONTH=${r.byMonth.join(',')}`);
    if (r.byWeekNo?.length) parts.push(`BYWEEKNO=${r.byWeekNo.join(',')}`);
    if (r.byYearDay?.length) parts.push(`BYYEARDAY=${r.byYearDay.join(',')}`);
    if (r.byMonthDay?.length) parts.push(`BYMONTHDAY=${r.byMonthDay.join(',')}`);
    if (r.byDay?.length) parts.push(`BYDAY=${r.byDay.map((d) => RFC_DAYS[d]).join(',')}`);
    if (r.weekStart !== undefined) parts.push(`WKST=${RFC_DAYS[r.weekStart]}`);
    lines.push(`${r.exclusion ? 'EXRULE' : 'RRULE'}:${parts.join(';')}`);
  }
  const tz = spec.timeZone ?? timeZone;
  if (spec.dates.length) lines.push(`RDATE;TZID=${tz}:${spec.dates.map((d) => localStamp(d, tz)).join(',')}`);
  if (spec.exDates.length) lines.push(`EXDATE;TZID=${tz}:${spec.exDates.map((d) => localStamp(d, tz)).join(',')}`);
  return lines;
}

function parseStamp(value: string, tz: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(value);
  if (!m) throw new Error(`Invalid date in recurrence: ${value}`);
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  return m[7] ? new Date(Date.UTC(y, mo - 1, d, h, mi, s)) : zonedDate(tz, y, mo, d, h, mi, s);
}

/** Parses the `recurrence` lines of a Calendar API event resource. Unknown lines are rejected as Google does. */
export function parseRfc5545(lines: string[], timeZone: string): RecurrenceSpec {
  const spec = emptyRecurrence();
  for (const line of lines) {
    const colon = line.indexOf(':');
    const head = line.slice(0, colon);
    const body = line.slice(colon + 1);
    const [name, ...params] = head.split(';');
    const tz = params.find((p) => p.startsWith('TZID='))?.slice(5) ?? timeZone;
    if (name === 'RRULE' || name === 'EXRULE') {
      const r: RuleSpec = { exclusion: name === 'EXRULE', freq: 'DAILY', interval: 1 };
      for (const kv of body.split(';')) {
        const [k, v = ''] = kv.split('=');
        const nums = () => v.split(',').map(Number);
        if (k === 'FREQ') r.freq = v as Freq;
        else if (k === 'INTERVAL') r.interval = Number(v);
        else if (k === 'COUNT') r.count = Number(v);
        else if (k === 'UNTIL') r.until = parseStamp(v, tz);
        else if (k === 'BYDAY') r.byDay = v.split(',').map((d) => RFC_DAYS.indexOf(d.slice(-2)));
        else if (k === 'BYMONTHDAY') r.byMonthDay = nums();
        else if (k === 'BYMONTH') r.byMonth = nums();
        else if (k === 'BYWEEKNO') r.byWeekNo = nums();
        else if (k === 'BYYEARDAY') r.byYearDay = nums();
        else if (k === 'WKST') r.weekStart = RFC_DAYS.indexOf(v);
      }
      if (!['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].includes(r.freq)) throw new Error(`Invalid recurrence rule: ${line}`);
      spec.rules.push(r);
    } else if (name === 'RDATE' || name === 'EXDATE') {
      const dates = body.split(',').map((v) => parseStamp(v, tz));
      (name === 'RDATE' ? spec.dates : spec.exDates).push(...dates);
    } else {
      throw new Error(`Invalid recurrence rule: ${line}`);
    }
  }
  return spec;
}

interface Day { year: number; month: number; day: number; weekday: number }

const DAY_MS = 86_400_000;
function dayNumber(d: { year: number; month: number; day: number }): number {
  return Math.floor(Date.UTC(d.year, d.month - 1, d.day) / DAY_MS);
}
function fromDayNumber(n: number): Day {
  const d = new Date(n * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}
function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
function isoWeek(d: Day): number {
  const date = new Date(Date.UTC(d.year, d.month - 1, d.day));
  const dow = (d.weekday + 6) % 7; // Monday = 0
  date.setUTCDate(date.getUTCDate() - dow + 3);
  const firstThursday = new Date(Date.UTC(date.getUTCFullYear(), 0, 4));
  return 1 + Math.round(((date.getTime() - firstThursday.getTime()) / DAY_MS - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
}

function ruleMatches(r: RuleSpec, d: Day, first: Day): boolean {
  const dn = dayNumber(d);
  const fn = dayNumber(first);
  if (dn < fn) return false;
  let units: number;
  switch (r.freq) {
    case 'DAILY': units = dn - fn; break;
    case 'WEEKLY': {
      const wkst = r.weekStart ?? 1;
      const weekOf = (n: number, wd: number) => n - ((wd - wkst + 7) % 7);
      units = Math.round((weekOf(dn, d.weekday) - weekOf(fn, first.weekday)) / 7);
      break;
    }
    case 'MONTHLY': units = (d.year - first.year) * 12 + (d.month - first.month); break;
    case 'YEARLY': units = d.year - first.year; break;
  }
  if (units % r.interval !== 0) return false;
  if (r.byMonth?.length && !r.byMonth.includes(d.month)) return false;
  if (r.byWeekNo?.length && !r.byWeekNo.includes(isoWeek(d))) return false;
  if (r.byYearDay?.length) {
    const yd = dn - dayNumber({ year: d.year, month: 1, day: 1 }) + 1;
    const len = dayNumber({ year: d.year + 1, month: 1, day: 1 }) - dayNumber({ year: d.year, month: 1, day: 1 });
    if (!r.byYearDay.some((n) => (n > 0 ? n === yd : len + n + 1 === yd))) return false;
  }
  if (r.byMonthDay?.length) {
    const dim = daysInMonth(d.year, d.month);
    if (!r.byMonthDay.some((n) => (n > 0 ? n === d.day : dim + n + 1 === d.day))) return false;
  }
  if (r.byDay?.length && !r.byDay.includes(d.weekday)) return false;
  // Without BY* parts the start date supplies the missing fields (RFC 5545 §3.3.10).
  const constrained = !!(r.byDay?.length || r.byMonthDay?.length || r.byYearDay?.length || r.byWeekNo?.length);
  if (!constrained) {
    if (r.freq === 'WEEKLY' && d.weekday !== first.weekday) return false;
    if (r.freq === 'MONTHLY' && d.day !== first.day) return false;
    if (r.freq === 'YEARLY' && (d.day !== first.day || (!r.byMonth?.length && d.month !== first.month))) return false;
  }
  return true;
}

/**
 * Start instants of the occurrences of a series whose first instance starts at `start`, up to `until`
 * (exclusive). A series without rules occurs once, at `start`, plus any RDATEs.
 */
export function expandOccurrences(spec: RecurrenceSpec | null, start: Date, until: Date, timeZone: string, limit = 5000): Date[] {
  if (!spec || (spec.rules.filter((r) => !r.exclusion).length === 0 && spec.dates.length === 0)) return start < until ? [start] : [];
  const tz = spec.timeZone ?? timeZone;
  const sp = zonedParts(start, tz);
  const first: Day = { year: sp.year, month: sp.month, day: sp.day, weekday: sp.weekday };
  const at = (d: Day) => zonedDate(tz, d.year, d.month, d.day, sp.hour, sp.minute, sp.second);
  const included = new Map<number, Date>();
  const endDay = dayNumber(zonedParts(until, tz)) + 1;
  for (const r of spec.rules.filter((x) => !x.exclusion)) {
    let n = 0;
    for (let dn = dayNumber(first); dn <= endDay; dn++) {
      const d = fromDayNumber(dn);
      if (!ruleMatches(r, d, first)) continue;
      const t = at(d);
      if (r.until && t > r.until) break;
      if (r.count !== undefined && n >= r.count) break;
      n++;
      if (t < until) included.set(t.getTime(), t);
      if (included.size > limit) break;
    }
  }
  for (const d of spec.dates) if (d < until) included.set(d.getTime(), d);
  const excludedRules = spec.rules.filter((x) => x.exclusion);
  const out = [...included.values()].filter((t) => {
    if (spec.exDates.some((x) => x.getTime() === t.getTime())) return false;
    const p = zonedParts(t, tz);
    const d: Day = { year: p.year, month: p.month, day: p.day, weekday: p.weekday };
    return !excludedRules.some((r) => ruleMatches(r, d, first));
  });
  return out.sort((a, b) => a.getTime() - b.getTime());
}

export function weekdayIndex(value: unknown): number {
  const i = WEEKDAYS.indexOf(String(value) as (typeof WEEKDAYS)[number]);
  if (i < 0) throw new Error(`Invalid argument: ${String(value)}`);
  return i;
}

export function monthIndex(value: unknown): number {
  const i = MONTHS.indexOf(String(value) as (typeof MONTHS)[number]);
  if (i < 0) throw new Error(`Invalid argument: ${String(value)}`);
  return i + 1;
}
