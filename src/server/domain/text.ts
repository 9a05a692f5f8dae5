/** Making user text safe for the two places it can do harm: a spreadsheet cell and an HTML page. */

/**
 * A cell value that starts with = + - @ (or tab / CR) would be read by Sheets as a formula (OWASP ASVS 1.2.10,
 * CSV injection). A leading apostrophe makes Sheets store the text as typed; the apostrophe is not part of the value —
 * so text that itself starts with an apostrophe gets one more, or Sheets would swallow the user's own.
 * Apply it once, where a value is written (Table does), never twice.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r']/.test(text) ? `'${text}` : text;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Levenshtein distance, for "did you mean" suggestions (placeholders, headers). */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return prev[b.length]!;
}

/** Up to `limit` known names closest to `name`. */
export function closest(name: string, known: readonly string[], limit = 3): string[] {
  return [...known]
    .map((k) => ({ k, d: editDistance(name, k) }))
    .sort((x, y) => x.d - y.d)
    .slice(0, limit)
    .map((x) => x.k);
}

/**
 * The most characters one cell holds: Google refuses the whole write when one string is longer ("Your input contains
 * more than the maximum of 50000 characters in a single cell."; emulator/spreadsheet.ts enforces it). The figure is
 * widely reported (e.g. https://mojicnt.click/en/blog/spreadsheet-cell-limit.html); not checked against a Google page.
 */
export const CELL_CHARACTER_LIMIT = 50_000;

/** Would this text, once neutralised as Table writes it, fit in one cell? */
export function fitsInCell(text: string): boolean {
  return neutraliseFormula(text).length <= CELL_CHARACTER_LIMIT;
}

/**
 * User text quoted inside a message (備考, a note, 操作ログ): at most `max` characters, the rest counted, so a long
 * answer can never make the message itself too long for its cell.
 */
export function quoteText(text: string, max = 40): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}…（全${chars.length.toLocaleString('en-US')}字）`;
}

/** A message cut to fit one cell (a last resort: messages quote user text through quoteText). */
export function clampToCell(text: string): string {
  return text.length <= CELL_CHARACTER_LIMIT - 1 ? text : `${text.slice(0, CELL_CHARACTER_LIMIT - 2)}…`;
}
