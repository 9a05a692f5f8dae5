/**
 * The one template engine of the add-on's documents (pamphlet, activity report, and any new kind): the coordinators'
 * template language and how a read template becomes Docs requests. Pure.
 *
 * Language (unchanged since the first pamphlet): `{{名前}}` is a placeholder; a paragraph holding only `{{#名前}}` opens
 * a repeated section and `{{/名前}}` closes it; a line (a paragraph, or a line of a cell) whose placeholders are all
 * empty is left out. What each kind allows where (its names, its sections) is checked by the kind's own module
 * (pamphlet.ts, report-template.ts); this module fills.
 *
 * Filling a copy of a template (`fillDocumentRequests`): every paragraph with placeholders outside the repeated
 * sections is edited in place (the placeholder's characters deleted, the value inserted, so the template's styling of
 * the rest of the line stays), a line left out is deleted, and each section is replaced by the items its kind built
 * (doc-requests.ts: paragraphs and tables, styled from the template). Edits run from the end of each segment to its
 * start, so an edit never moves the indexes another edit was computed with.
 */
import { editDistance } from './text';
import {
  DocBlock, DocItem, DocOutline, DocParagraph, DocRequest, TableCellStyle, TextSpan, deleteRange, insertText, writeItems,
} from './doc-requests';

/** Where a template problem is (rendered by i18n `template.where.<kind>`). */
export type TemplateWhere =
  | { kind: 'paragraph'; n: number } | { kind: 'table'; n: number; row: number; col: number }
  | { kind: 'header' } | { kind: 'footer' } | { kind: 'headerFooter' } | { kind: 'body' } | { kind: 'block'; name: string };

/** A bad template, as a message code (i18n `template.<code>`, ja and en) and its parameters. */
export interface TemplateProblem { code: string; params: Record<string, string | number>; where?: TemplateWhere }

/** `{{名前}}` as the coordinator writes it. */
export const braces = (name: string) => `{{${name}}}`;

/** "unknown placeholder" with up to three known names close to it. */
export function unknownPlaceholder(name: string, known: readonly string[], where: TemplateWhere): TemplateProblem {
  return { code: 'unknown', params: { placeholder: braces(name), closest: closestKnown(name, known).map(braces).join('、') }, where };
}

/** A document a template makes: what 「…のひな形を作成」 writes (coordinators may then restyle and reword it). */
export interface DefaultTemplate {
  title: string;
  header: string;
  footer: string;
  /** Body elements in order; `heading` is a ParagraphHeading name. */
  body: ({ type: 'PARAGRAPH'; text: string; heading?: 'TITLE' | 'SUBTITLE' | 'HEADING1' | 'HEADING2' | 'NORMAL' } | { type: 'TABLE'; cells: string[][] })[];
}

const NAMED_STYLES = { TITLE: 'TITLE', SUBTITLE: 'SUBTITLE', HEADING1: 'HEADING_1', HEADING2: 'HEADING_2', NORMAL: 'NORMAL_TEXT' } as const;

/**
 * The requests writing a default template into a new, empty Doc (a section break and one empty paragraph at 1): its
 * body before that paragraph, then a default header and footer. The two segments' text goes in a second batch,
 * since Docs names a new header only in its reply (https://developers.google.com/docs/api/reference/rest/v1/documents/request#CreateHeaderRequest).
 */
export function templateRequests(spec: DefaultTemplate, cellStyle?: TableCellStyle): DocRequest[] {
  const items: DocItem[] = spec.body.map((el) => (el.type === 'TABLE'
    ? { kind: 'table', cells: el.cells.map((row) => row.map((text) => ({ text }))), cellStyle: cellStyle ?? null }
    : { kind: 'paragraph', text: el.text, style: { namedStyleType: NAMED_STYLES[el.heading ?? 'NORMAL'] } }));
  return [...writeItems(1, items, true), { createHeader: { type: 'DEFAULT' } }, { createFooter: { type: 'DEFAULT' } }];
}

/**
 * Spaces allowed around a placeholder name: ASCII whitespace and the full-width and no-break spaces people type
 * (`{{　名称　}}` is 名称).
 */
const PLACEHOLDER_SPACE = /^[\t\n\f\r \u3000\u00A0]+|[\t\n\f\r \u3000\u00A0]+$/g;
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

/** "　名称 " → "名称" (see PLACEHOLDER_SPACE). */
export function placeholderName(inner: string): string {
  return inner.replace(PLACEHOLDER_SPACE, '');
}

const isMarker = (name: string) => name.startsWith('#') || name.startsWith('/');

/** Placeholder names in a text, in order ("{{ 名称 }}" → "名称"); markers excluded. */
export function placeholdersIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    const name = placeholderName(m[1]!);
    if (!isMarker(name)) out.push(name);
  }
  return out;
}

/** Up to three of `known` closest to an unknown name (for "did you mean"). */
export function closestKnown(unknown: string, known: readonly string[]): string[] {
  const scored = known.map((k) => ({ k, d: editDistance(unknown, k) - (k.includes(unknown) || unknown.includes(k) ? 1 : 0) }));
  scored.sort((p, q) => p.d - q.d);
  const limit = Math.max(2, Math.ceil([...unknown].length / 2));
  const close = scored.filter((s) => s.d <= limit).slice(0, 3).map((s) => s.k);
  return close.length ? close : scored.slice(0, 3).map((s) => s.k);
}

/** A `{{` or `}}` left open. */
export function unclosed(text: string): boolean {
  const stripped = text.replace(/\{\{[^{}]*\}\}/g, '');
  return stripped.includes('{{') || stripped.includes('}}');
}

/** A line filled, with where the values of `emphasis` names landed (UTF-16 offsets into the result). */
export interface FilledText { text: string; spans: TextSpan[] }

/** Fills one line; null when it has placeholders and all of them are empty (the line is left out). */
export function fillLineSpans(line: string, values: Readonly<Record<string, string>>, emphasis: readonly string[] = []): FilledText | null {
  const names = placeholdersIn(line);
  if (names.length > 0 && names.every((n) => (values[n] ?? '') === '')) return null;
  let text = '';
  let last = 0;
  const spans: TextSpan[] = [];
  for (const m of line.matchAll(PLACEHOLDER)) {
    const name = placeholderName(m[1]!);
    const value = isMarker(name) ? undefined : values[name];
    if (value === undefined) continue;
    text += line.slice(last, m.index);
    if (value !== '' && emphasis.includes(name)) spans.push({ start: text.length, length: value.length });
    text += value;
    last = m.index! + m[0].length;
  }
  return { text: text + line.slice(last), spans };
}

export function fillLine(line: string, values: Readonly<Record<string, string>>): string | null {
  return fillLineSpans(line, values)?.text ?? null;
}

/** Fills a multi-line text (a cell), leaving out lines whose placeholders are all empty. */
export function fillLinesSpans(text: string, values: Readonly<Record<string, string>>, emphasis: readonly string[] = []): FilledText {
  const kept = text.split('\n').map((line) => fillLineSpans(line, values, emphasis)).filter((l): l is FilledText => l !== null);
  const out: FilledText = { text: '', spans: [] };
  kept.forEach((line, i) => {
    if (i > 0) out.text += '\n';
    for (const s of line.spans) out.spans.push({ start: out.text.length + s.start, length: s.length });
    out.text += line.text;
  });
  return out;
}

export function fillLines(text: string, values: Readonly<Record<string, string>>): string {
  return fillLinesSpans(text, values).text;
}

// ------------------------------------------------------------------ filling a copy

/** One repeated section of the body: template blocks [first, last] replaced by `items`. */
export interface SectionFill { first: number; last: number; items: DocItem[] }

/** The requests that fill a copy of `outline`'s template: globals in place, each section replaced. */
export function fillDocumentRequests(outline: DocOutline, values: Readonly<Record<string, string>>, sections: readonly SectionFill[]): DocRequest[] {
  const edits: { at: number; requests: DocRequest[] }[] = [];
  const inSection = (i: number) => sections.some((s) => i >= s.first && i <= s.last);
  outline.body.forEach((block, i) => {
    if (inSection(i)) return;
    for (const p of paragraphsOf(block)) edits.push({ at: p.start, requests: fillParagraphRequests(p, values) });
  });
  for (const s of sections) {
    const first = outline.body[s.first]!;
    const last = outline.body[s.last]! as DocParagraph;
    // Everything from the section's first block to its closing paragraph's text goes; the closing paragraph's own
    // newline stays as the empty paragraph the items are written into (the body's final newline cannot be deleted,
    // and after a table it is the paragraph Docs keeps there).
    const requests: DocRequest[] = [];
    if (last.end - 1 > first.start) requests.push(deleteRange(first.start, last.end - 1));
    requests.push(...writeItems(first.start, s.items, true));
    edits.push({ at: first.start, requests });
  }
  edits.sort((a, b) => b.at - a.at);
  const out = edits.flatMap((e) => e.requests);
  for (const segment of [outline.header, outline.footer]) {
    if (!segment) continue;
    out.push(...segment.paragraphs.slice().reverse().flatMap((p) => fillParagraphRequests(p, values)));
  }
  return out;
}

function paragraphsOf(block: DocBlock): DocParagraph[] {
  return block.kind === 'paragraph' ? [block] : block.rows.flat(2);
}

/**
 * One paragraph with placeholders filled in place, from its last placeholder back: each `{{…}}` is deleted and its
 * value inserted where it was (the inserted text takes the style of the text before it, so a bold label stays bold).
 * A line whose placeholders are all empty is deleted whole — or only emptied when Docs forbids removing its newline
 * (the last paragraph of a body, header or cell; the paragraph just before a table).
 */
export function fillParagraphRequests(p: DocParagraph, values: Readonly<Record<string, string>>): DocRequest[] {
  const matches = [...p.text.matchAll(PLACEHOLDER)].filter((m) => !isMarker(placeholderName(m[1]!)));
  if (!matches.length) return [];
  if (fillLine(p.text, values) === null) {
    return [deleteRange(p.start, p.removable ? p.end : p.start + p.text.length, p.segmentId)];
  }
  const out: DocRequest[] = [];
  for (const m of matches.reverse()) {
    const value = values[placeholderName(m[1]!)];
    if (value === undefined) continue;
    const at = p.start + m.index!;
    out.push(deleteRange(at, at + m[0].length, p.segmentId));
    if (value !== '') out.push(insertText(at, value, p.segmentId));
  }
  return out;
}
