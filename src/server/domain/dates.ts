/**
 * Japanese dates: the civil date (no time zone), 西暦 and 和暦, the one weekday table, fiscal years, and the
 * wall-clock parts of an instant in the spreadsheet's zone. Every date comparison in the domain is `compareDates`.
 */

/** A calendar date without time zone. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** 0 = Sunday … 6 = Saturday, as Date.getUTCDay counts. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** The one weekday table: index = Weekday. */
export const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'] as const;

export function isRealDate(d: CivilDate): boolean {
  if (!Number.isInteger(d.year) || d.year < 1868 || d.year > 2200) return false;
  const probe = new Date(Date.UTC(d.year, d.month - 1, d.day));
  return probe.getUTCFullYear() === d.year && probe.getUTCMonth() === d.month - 1 && probe.getUTCDate() === d.day;
}

export function compareDates(a: CivilDate, b: CivilDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

export function addDays(d: CivilDate, days: number): CivilDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

export function weekdayOf(d: CivilDate): Weekday {
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay() as Weekday;
}

/** 日 … 土 */
export function weekday(d: CivilDate): string {
  return WEEKDAYS[weekdayOf(d)];
}

const ERAS: readonly { name: string; abbreviation: string; start: CivilDate }[] = [
  { name: '令和', abbreviation: 'R', start: { year: 2019, month: 5, day: 1 } },
  { name: '平成', abbreviation: 'H', start: { year: 1989, month: 1, day: 8 } },
  { name: '昭和', abbreviation: 'S', start: { year: 1926, month: 12, day: 25 } },
];

/**
 * Parses what volunteers type as a date: 2024-04-01, 2024/4/1, 2024年4月1日, 令和6年4月1日, R6.4.1, 令和元年5月1日.
 * Returns null for text that is not a date, and { invalid } for an impossible one such as 2025-02-30.
 */
export function parseCivilDate(input: string): CivilDate | { invalid: string } | null {
  const t = input.normalize('NFKC').trim().replace(/\s+/g, '');
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t);
  if (m) {
    const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
    return isRealDate(d) ? d : { invalid: input };
  }
  m = /^(令和|平成|昭和|[RHS])(元|\d{1,2})[年.\-/](\d{1,2})[月.\-/](\d{1,2})日?$/i.exec(t);
  if (m) {
    const era = ERAS.find((e) => e.name === m![1] || e.abbreviation === m![1]!.toUpperCase())!;
    const eraYear = m[2] === '元' ? 1 : Number(m[2]);
    const d = { year: era.start.year + eraYear - 1, month: Number(m[3]), day: Number(m[4]) };
    if (!isRealDate(d) || compareDates(d, era.start) < 0) return { invalid: input };
    return d;
  }
  return null;
}

/** 令和7年 for a date (元年 for the first year). */
export function eraYear(d: CivilDate): string {
  const era = ERAS.find((e) => compareDates(d, e.start) >= 0);
  if (!era) return `${d.year}年`;
  const n = d.year - era.start.year + 1;
  return `${era.name}${n === 1 ? '元' : n}年`;
}

/** 2025年8月1日(金) */
export function formatSeireki(d: CivilDate, withWeekday = true): string {
  return `${d.year}年${d.month}月${d.day}日${withWeekday ? `(${weekday(d)})` : ''}`;
}

/** 令和7年8月1日 */
export function formatWareki(d: CivilDate): string {
  return `${eraYear(d)}${d.month}月${d.day}日`;
}

export function isoDate(d: CivilDate): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** The Japanese fiscal year (April–March) containing a date: FY2025 = 2025-04-01 … 2026-03-31. */
export function fiscalYearOf(d: CivilDate): { start: CivilDate; end: CivilDate; label: string } {
  const y = d.month >= 4 ? d.year : d.year - 1;
  const start = { year: y, month: 4, day: 1 };
  return { start, end: { year: y + 1, month: 3, day: 31 }, label: `${eraYear(start).replace(/年$/, '')}年度` };
}

/** Wall-clock parts of an instant in the sheet's zone (minutes east of UTC; Asia/Tokyo +540 has no DST). */
export function localParts(d: Date, offsetMinutes = 540): CivilDate & { hour: number; minute: number; weekday: Weekday } {
  const l = new Date(d.getTime() + offsetMinutes * 60_000);
  return { year: l.getUTCFullYear(), month: l.getUTCMonth() + 1, day: l.getUTCDate(), hour: l.getUTCHours(), minute: l.getUTCMinutes(), weekday: l.getUTCDay() as Weekday };
}

/**
 * A date-time typed as text — the one reader for 行事 and 会議: 2026/8/1 13:30, 2026-08-01T13:30, 令和8年8月1日 13時30分,
 * R8.8.1 9:05, 2026年4月8日(水) 14:00 (as formatJaDateTime writes it), full-width digits. `utcOffsetMinutes` is the
 * spreadsheet's zone offset (Asia/Tokyo: +540), so the Date is the instant the user meant. A date alone is
 * `{ noTime }` (with the date), an impossible one `{ invalid }`, text that is no date null.
 */
export function parseDateTime(input: string, utcOffsetMinutes = 540): Date | { noTime: true; date: CivilDate } | { invalid: true } | null {
  const t = input.normalize('NFKC').trim().replace(/\s+/g, ' ');
  const m = /^(.*?)[ T]?(\d{1,2})(?:[:時](\d{2})分?|時)$/.exec(t);
  // A weekday in brackets after the date, 「2026年4月8日(水)」, says nothing the date does not.
  const date = parseCivilDate((m ? m[1]! : t).trim().replace(/\s*\([^)]*\)$/, ''));
  if (date === null) return null;
  if ('invalid' in date) return { invalid: true };
  if (!m) return { noTime: true, date };
  const hour = Number(m[2]);
  const minute = m[3] ? Number(m[3]) : 0;
  if (hour > 23 || minute > 59) return { invalid: true };
  return new Date(Date.UTC(date.year, date.month - 1, date.day, hour, minute) - utcOffsetMinutes * 60_000);
}

/** "2026年4月8日(水) 14:00" */
export function formatJaDateTime(d: Date, offsetMinutes = 540): string {
  const p = localParts(d, offsetMinutes);
  return `${formatSeireki(p)} ${p.hour}:${String(p.minute).padStart(2, '0')}`;
}

/** A zone's offset from UTC in minutes at an instant (Asia/Tokyo: +540), from formatZoned: no Utilities.formatDate call. */
export function zoneOffsetMinutes(date: Date, timeZone: string): number {
  const [y, mo, d, h, mi] = formatZoned(date, timeZone, true).split(/[- :]/).map(Number) as [number, number, number, number, number];
  return Math.round((Date.UTC(y, mo - 1, d, h, mi) - Math.floor(date.getTime() / 60_000) * 60_000) / 60_000);
}

const ZONED = new Map<string, Intl.DateTimeFormat>();

/** yyyy-mm-dd (or yyyy-mm-dd HH:mm) of an instant in a time zone, without Apps Script calls. */
export function formatZoned(date: Date, timeZone: string, withTime: boolean): string {
  const parts: Record<string, string> = {};
  // One formatter per zone: constructing it costs far more than formatting (a 10,000-row sheet read is 10,000 dates).
  let format = ZONED.get(timeZone);
  if (!format) ZONED.set(timeZone, format = new Intl.DateTimeFormat('en-CA', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }));
  for (const p of format.formatToParts(date)) parts[p.type] = p.value;
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  return withTime ? `${day} ${parts.hour}:${parts.minute}` : day;
}
