/**
 * E-mail addresses as the add-on reads them from sheets and forms: one normalisation and one validity check for
 * the registry, the ledger, walk-ins and meeting guests.
 */
import { normaliseAscii } from './ja';

/**
 * Local part: dot-atom (no leading, trailing or doubled dot); domain: labels of letters, digits and inner hyphens,
 * ending in a 2+ letter top-level label. Deliberately stricter than RFC 5322, to catch typing errors
 * (「tanaka@example」, 「tanaka@@example.jp」, 「tanaka.@example.jp」).
 */
const EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i;

/** NFKC (full-width ＠ and letters typed with a Japanese IME), hyphen-like characters as '-', trimmed, lower case. */
export function normaliseEmail(raw: string): string {
  return normaliseAscii(raw).trim().toLowerCase();
}

/** True for an address as normaliseEmail leaves it; 254 characters at most (RFC 5321's path limit). */
export function isEmail(email: string): boolean {
  return email.length <= 254 && EMAIL.test(email);
}
