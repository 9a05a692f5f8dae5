/**
 * Japanese conventions (docs/ARCHITECTURE.md, "Japanese conventions"): normalising what volunteers type.
 * NFKC is applied only to phone, postal code, email and URL — never to names (it turns ㈱ into (株)).
 * Dates are in dates.ts, e-mail in email.ts.
 */

// Modules issue 18 rewrites (domain/pamphlet.ts, workspace/activityReport.ts) still import dates from here: docsapi converts.
export { type CivilDate, formatSeireki, formatWareki, isoDate, parseCivilDate } from './dates';

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
  // [shape, end of the first group, end of the second]: the first that matches, in this order.
  const split = ([[/^0[5789]0\d{8}$/, 3, 7], [/^0120\d{6}$/, 4, 7], [/^0[36]\d{8}$/, 2, 6], [/^0\d{9}$/, 3, 6]] as const).find(([shape]) => shape.test(digits));
  return split ? `${digits.slice(0, split[1])}-${digits.slice(split[1], split[2])}-${digits.slice(split[2])}` : digits;
}

/** 7 digits from 〒123-4567 / １２３－４５６７ / 1234567, or null. */
export function postalDigits(text: string): string | null {
  const t = normaliseAscii(text).trim().replace(/^〒\s*/, '');
  return /^\d{3}-?\d{4}$/.test(t) ? t.replace('-', '') : null;
}

export function formatPostalCode(digits: string): string {
  return `${digits.slice(0, 3)}-${digits.slice(3)}`;
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

/** Splits a multi-value cell typed as 「身体;知的」「身体、知的」「身体・知的」 or with spaces. */
export function splitMulti(text: string): string[] {
  return text
    .split(/[;；,，、・\n]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
