/**
 * Fidelity changes made to the emulator for issue 11 (parts 4 and 5), each with the Google page it follows. The
 * fidelity table (emulator/FIDELITY.md) is generated from this list and the per-method table in emulator/fidelity.ts.
 * `assumed` names what no Google page says and the emulator had to choose (always the stricter choice).
 */
export interface FidelityChange {
  /** 'Range.setValues' */
  member: string;
  /** Google's reference (or the library's own documentation) that the behaviour follows. */
  url: string;
  does: string;
  doesNot?: string;
  assumed?: string;
}

const RE2_SYNTAX = 'https://github.com/google/re2/wiki/Syntax';

export const FIDELITY_CHANGES: FidelityChange[] = [
  {
    member: 'Body.replaceText / Body.findText (and Text, Paragraph, Table, HeaderSection, FooterSection)',
    url: 'https://developers.google.com/apps-script/reference/document/body#replaceText(String,String)',
    does: `Compiles the pattern as RE2 (${RE2_SYNTAX}): \\s is [\\t\\n\\f\\r ], \\d is [0-9], \\w is [0-9A-Za-z_] (ASCII only; a full-width space U+3000 is not \\s); \\x{hex}, \\pL, \\p{Han}, \\Q…\\E, \\A, \\z, (?P<name>…) are accepted; any escaped punctuation is a literal.`,
    doesNot: 'Does not emulate \\C (any byte) or inline flag groups other than a leading (?i)/(?s)/(?m): they fail (stricter than RE2).',
    assumed: 'The exception wording for an unsupported pattern (lookahead (?=, lookbehind (?<=, backreference \\1): "Invalid regular expression pattern <pattern>" — no Google page quotes it.',
  },
];
