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
