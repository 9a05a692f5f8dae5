/**
 * Japanese conventions (docs/ARCHITECTURE.md, "Japanese conventions"): normalising what volunteers type, and dates in 西暦 and 和暦.
 * NFKC is applied only to phone, postal code, email and URL — never to names (it turns ㈱ into (株)).
 */

/** Hyphen-like characters NFKC leaves alone: ー (U+30FC), − (U+2212), ‐ (U+2010), plus ‑ ‒ – — ― ｰ －. */
const HYPHENS = /[\u30FC\u2212\u2010\u2011\u2012\u2013\u2014\u2015\uFF70\uFF0D\u2043]/g;

/** NFKC plus explicit hyphen mapping, for machine-readable fields. */
export function normaliseAscii(text: string): string {
  return text.normalize('NFKC').replace(HYPHENS, '-');
}

/** Digits of a phone/FAX number, or null when what remains is not digits, hyphens, spaces and brackets. */
export function phoneDigits(text: string): string | null {
  const t = normaliseAscii(text).trim();
  if (!/^[0-9()\-\s]+$/.test(t)) return null;
  return t.replace(/[^0-9]/g, '');
}

/**
 * The form stored for a phone number whose digits were accepted: NFKC, no spaces, and brackets around a group
 * (０３（５２１１）１２３４, (03)5211-1234) turned into the hyphens every other number is written with — the brackets
 * mark the group boundaries, so the hyphenated form is unambiguous.
 */
export function tidyPhone(text: string): string {
  const t = normaliseAscii(text).trim().replace(/\s+/g, '');
  if (!/[()]/.test(t)) return t;
  return t.replace(/[()]/g, '-').replace(/-{2,}/g, '-').replace(/^-|-$/g, '');
}

/** Shows stored digits with hyphens: 23 wards 03-XXXX-XXXX, mobiles 3-4-4, other 10-digit numbers 4-2-4 approximated. */
export function formatPhone(digits: string): string {
  if (/^0[5789]0\d{8}$/.test(digits)) return `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`;
  if (/^0120\d{6}$/.test(digits)) return `${digits.slice(0, 4)}-${digits.slice(4, 7)}-${digits.slice(7)}`;
  if (/^0[36]\d{8}$/.test(digits)) return `${digits.slice(0, 2)}-${digits.slice(2, 6)}-${digits.slice(6)}`;
  if (/^0\d{9}$/.test(digits)) return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
  return digits;
}

/** 7 digits from 〒123-4567 / １２３－４５６７ / 1234567, or null. */
export function postalDigits(text: string): string | null {
  const t = normaliseAscii(text).trim().replace(/^〒\s*/, '');
  return /^\d{3}-?\d{4}$/.test(t) ? t.replace('-', '') : null;
}

export function formatPostalCode(digits: string): string {
  return `${digits.slice(0, 3)}-${digits.slice(3)}`;
}

// One @, a dotted domain with a 2+ letter top-level label; deliberately stricter than RFC 5322 for typing errors.
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$/;

export function normaliseEmail(text: string): string {
  return normaliseAscii(text).trim().toLowerCase();
}

export function isEmail(text: string): boolean {
  return EMAIL.test(text) && !text.includes('..');
}

export function normaliseUrl(text: string): string {
  return normaliseAscii(text).trim();
}

export function isHttpUrl(text: string): boolean {
  return /^https?:\/\/[^\s/$.?#][^\s]*\.[^\s]*$/i.test(text) || /^https?:\/\/localhost(:\d+)?(\/\S*)?$/i.test(text);
}

/** Katakana (and spaces, ー, ・) only: what 名称カナ should hold. */
export function isKatakana(text: string): boolean {
  return /^[\u30A0-\u30FF\u31F0-\u31FF\s　・ー&＆]+$/.test(text);
}

/** A calendar date without time zone. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export function isRealDate(d: CivilDate): boolean {
  if (!Number.isInteger(d.year) || d.year < 1868 || d.year > 2200) return false;
  const probe = new Date(Date.UTC(d.year, d.month - 1, d.day));
  return probe.getUTCFullYear() === d.year && probe.getUTCMonth() === d.month - 1 && probe.getUTCDate() === d.day;
}

const ERAS: readonly { name: string; abbreviation: string; start: CivilDate }[] = [
  { name: '令和', abbreviation: 'R', start: { year: 2019, month: 5, day: 1 } },
  { name: '平成', abbreviation: 'H', start: { year: 1989, month: 1, day: 8 } },
  { name: '昭和', abbreviation: 'S', start: { year: 1926, month: 12, day: 25 } },
];

function compare(a: CivilDate, b: CivilDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

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
    if (!isRealDate(d) || compare(d, era.start) < 0) return { invalid: input };
    return d;
  }
  return null;
}

/** 令和7年 for a date (元年 for the first year). */
export function eraYear(d: CivilDate): string {
  const era = ERAS.find((e) => compare(d, e.start) >= 0);
  if (!era) return `${d.year}年`;
  const n = d.year - era.start.year + 1;
  return `${era.name}${n === 1 ? '元' : n}年`;
}

const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'];

export function weekday(d: CivilDate): string {
  return WEEKDAYS[new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay()]!;
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

/** Splits a multi-value cell typed as 「身体;知的」「身体、知的」「身体・知的」 or with spaces. */
export function splitMulti(text: string): string[] {
  return text
    .split(/[;；,，、・\n]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
