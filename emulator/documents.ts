/**
 * DocumentApp: documents with a body, an optional header and footer; paragraphs (with headings), list items,
 * tables (rows, cells) and text; copy / insert / remove of elements; getText / setText / findText / replaceText;
 * saveAndClose.
 *
 * Google behaviour relied on (Apps Script reference, Document service; see the pamphlet issue note):
 * - replaceText / findText take a regular expression as a *string*, compiled with RE2, and match it
 *   "independently against each text block contained in the current element": a match never spans two
 *   paragraphs. RE2 has no lookaround and no backreferences; the reference says capture groups and mode
 *   modifiers are "not fully supported". The emulator throws for lookaround, backreferences and inline modifiers
 *   other than a leading (?i) / (?s) / (?m) / (?U)-free form, so code that relies on them fails here before it
 *   fails at Google.
 * - The replacement string: the reference does not document special characters. The emulator treats `$`
 *   as JavaScript does ($$, $&, $n); the add-on never passes user data as a replacement (it sets text),
 *   so its correctness does not depend on this.
 * - Element.copy() "returns a detached, deep copy"; it must be inserted with the method of its type
 *   (insertParagraph for a Paragraph, insertTable for a Table …), and an attached element cannot be inserted
 *   again ("Element must be detached.").
 * - appendTable "will also append an empty paragraph after the table, since Google Docs documents cannot end
 *   with a table"; the last paragraph of a section cannot be removed.
 * - After saveAndClose() the Document cannot be edited ("Document is closed, its contents cannot be updated.");
 *   DocumentApp.openById reopens it. saveAndClose is also implied at the end of every execution.
 * - DocumentApp.create / openById need the `documents` scope (the reference lists only documents; drive.file
 *   does not cover DocumentApp): checked, with every other method's scopes, by scopes.ts.
 */
import { GasException, GasObject, Runtime } from './runtime';
import { GOOGLE_SCOPES } from '../src/server/scopes';

type GDocument = GoogleAppsScript.Document.Document;
type GBody = GoogleAppsScript.Document.Body;
type GElement = GoogleAppsScript.Document.Element;
type GParagraph = GoogleAppsScript.Document.Paragraph;
type GListItem = GoogleAppsScript.Document.ListItem;
type GTable = GoogleAppsScript.Document.Table;
type GTableRow = GoogleAppsScript.Document.TableRow;
type GTableCell = GoogleAppsScript.Document.TableCell;
type GText = GoogleAppsScript.Document.Text;
type GHeader = GoogleAppsScript.Document.HeaderSection;
type GFooter = GoogleAppsScript.Document.FooterSection;
type GRangeElement = GoogleAppsScript.Document.RangeElement;
type GContainer = GoogleAppsScript.Document.ContainerElement;

export const DOCUMENTS_SCOPE = GOOGLE_SCOPES.documents;

export const ElementType = {
  BODY_SECTION: 'BODY_SECTION', HEADER_SECTION: 'HEADER_SECTION', FOOTER_SECTION: 'FOOTER_SECTION',
  PARAGRAPH: 'PARAGRAPH', LIST_ITEM: 'LIST_ITEM', TABLE: 'TABLE', TABLE_ROW: 'TABLE_ROW', TABLE_CELL: 'TABLE_CELL', TEXT: 'TEXT',
  INLINE_IMAGE: 'INLINE_IMAGE', PAGE_BREAK: 'PAGE_BREAK',
} as const;
export type ElementTypeName = keyof typeof ElementType;

export const ParagraphHeading = {
  NORMAL: 'NORMAL', TITLE: 'TITLE', SUBTITLE: 'SUBTITLE',
  HEADING1: 'HEADING1', HEADING2: 'HEADING2', HEADING3: 'HEADING3', HEADING4: 'HEADING4', HEADING5: 'HEADING5', HEADING6: 'HEADING6',
} as const;
export type HeadingName = keyof typeof ParagraphHeading;

export const GlyphType = {
  BULLET: 'BULLET', HOLLOW_BULLET: 'HOLLOW_BULLET', SQUARE_BULLET: 'SQUARE_BULLET', NUMBER: 'NUMBER',
  LATIN_UPPER: 'LATIN_UPPER', LATIN_LOWER: 'LATIN_LOWER', ROMAN_UPPER: 'ROMAN_UPPER', ROMAN_LOWER: 'ROMAN_LOWER',
} as const;

export const HorizontalAlignment = { LEFT: 'LEFT', CENTER: 'CENTER', RIGHT: 'RIGHT', JUSTIFY: 'JUSTIFY' } as const;

/** A subset of DocumentApp.Attribute: keys of getAttributes()/setAttributes(). */
export const Attribute = {
  BOLD: 'BOLD', ITALIC: 'ITALIC', UNDERLINE: 'UNDERLINE', FONT_SIZE: 'FONT_SIZE', FONT_FAMILY: 'FONT_FAMILY',
  FOREGROUND_COLOR: 'FOREGROUND_COLOR', BACKGROUND_COLOR: 'BACKGROUND_COLOR', LINK_URL: 'LINK_URL',
  HORIZONTAL_ALIGNMENT: 'HORIZONTAL_ALIGNMENT', HEADING: 'HEADING', BORDER_COLOR: 'BORDER_COLOR', BORDER_WIDTH: 'BORDER_WIDTH',
} as const;

const signatureError = (type: string, method: string, given: DocElement | unknown) =>
  new GasException(`The parameters (${given instanceof DocElement ? `DocumentApp.${className(given.kind)}` : typeof given}) don't match the method signature for DocumentApp.${type}.${method}.`);

function className(kind: ElementTypeName): string {
  return ({
    BODY_SECTION: 'Body', HEADER_SECTION: 'HeaderSection', FOOTER_SECTION: 'FooterSection', PARAGRAPH: 'Paragraph',
    LIST_ITEM: 'ListItem', TABLE: 'Table', TABLE_ROW: 'TableRow', TABLE_CELL: 'TableCell', TEXT: 'Text',
    INLINE_IMAGE: 'InlineImage', PAGE_BREAK: 'PageBreak',
  } as const)[kind];
}

// ---------------------------------------------------------------- regular expressions (RE2 subset)

/**
 * Compiles an RE2 pattern string to a JavaScript RegExp (global, `u`), refusing what RE2 does not support:
 * lookahead/lookbehind, backreferences, possessive quantifiers. Converts RE2-only forms (\A, \z, (?P<n>…), \Q…\E,
 * \x{hex}, \pL). RE2's Perl classes are ASCII-only (https://github.com/google/re2/wiki/Syntax: `\s` "whitespace
 * (== [\t\n\f\r ])", `\d` "== [0-9]", `\w` "== [0-9A-Za-z_]", `\b` "at ASCII word boundary"), whereas JavaScript's
 * `\s` also matches U+3000 (the full-width space a Japanese IME types) and U+00A0: they are rewritten to RE2's sets, so
 * a pattern that would not match on Google does not match here either. Docs uses RE2:
 * https://developers.google.com/apps-script/reference/document/body#replaceText(String,String)
 */
export function compileRe2(pattern: string): RegExp {
  if (typeof pattern !== 'string') throw new GasException('Invalid argument: searchPattern');
  let flags = 'g';
  let src = pattern;
  const lead = /^\(\?([imsU]+)\)/.exec(src);
  if (lead) {
    if (lead[1]!.includes('U')) throw invalidPattern(pattern);
    for (const f of lead[1]!) if (!flags.includes(f)) flags += f;
    src = src.slice(lead[0].length);
  }
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      const n = src[i + 1];
      if (n === undefined) throw invalidPattern(pattern);
      if (!inClass && /[1-9]/.test(n)) throw invalidPattern(pattern); // backreference
      if (n === 'k' && src[i + 2] === '<') throw invalidPattern(pattern);
      if (n === 'Q') {
        const end = src.indexOf('\\E', i + 2);
        const literal = src.slice(i + 2, end < 0 ? undefined : end);
        out += literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
        i = end < 0 ? src.length : end + 1;
        continue;
      }
      if (n === 'A' && !inClass) { out += '^'; i++; continue; }
      if (n === 'z' && !inClass) { out += '$(?![\\s\\S])'; i++; continue; }
      if (n === 'Z' || n === 'C') throw invalidPattern(pattern);
      const perl = RE2_PERL_CLASSES[n];
      if (perl) { out += inClass ? perl.inClass : perl.alone; i++; continue; }
      if (n === 'x' && src[i + 2] === '{') {
        const end = src.indexOf('}', i + 3);
        const hex = src.slice(i + 3, end);
        if (end < 0 || !/^[0-9A-Fa-f]{1,6}$/.test(hex)) throw invalidPattern(pattern);
        out += `\\u{${hex}}`;
        i = end;
        continue;
      }
      if ((n === 'p' || n === 'P') && src[i + 2] !== '{') {
        const name = src[i + 2];
        if (!name || !/[A-Za-z]/.test(name)) throw invalidPattern(pattern);
        out += `\\${n}{${name}}`;
        i += 2;
        continue;
      }
      if ((n === 'p' || n === 'P') && src[i + 2] === '{') {
        const end = src.indexOf('}', i + 3);
        if (end < 0) throw invalidPattern(pattern);
        const name = src.slice(i + 3, end).replace(/^\^/, '');
        const negate = src[i + 3] === '^' ? (n === 'p' ? 'P' : 'p') : n;
        // RE2 names general categories (L, Lu, …) and scripts (Greek, Han, …) alike; JavaScript wants Script= for scripts.
        out += `\\${negate}{${name.length <= 2 || name === 'Any' ? name : `Script=${name}`}}`;
        i = end;
        continue;
      }
      // RE2 allows any punctuation to be escaped; JavaScript's `u` mode only its own syntax characters.
      if (/[^A-Za-z0-9]/.test(n) && !/[\^$\\.*+?()[\]{}|/]/.test(n) && !(inClass && n === '-')) { out += n; i++; continue; }
      out += c + n;
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') { inClass = true; out += c; if (src[i + 1] === '^') { out += '^'; i++; } if (src[i + 1] === ']') { out += '\\]'; i++; } continue; }
    if (c === '(' && src[i + 1] === '?') {
      const rest = src.slice(i + 2);
      if (/^(=|!|<=|<!)/.test(rest)) throw invalidPattern(pattern); // lookaround
      if (rest.startsWith('P<')) { out += '(?<'; i += 3; continue; }
      if (rest.startsWith(':') || rest.startsWith('<')) { out += '(?'; i += 1; continue; }
      throw invalidPattern(pattern); // inline mode modifiers inside the pattern
    }
    if ((c === '+' || c === '*' || c === '?' || c === '}') && src[i + 1] === '+') throw invalidPattern(pattern); // possessive
    out += c;
  }
  if (inClass) throw invalidPattern(pattern);
  try {
    return new RegExp(out, flags + 'u');
  } catch {
    throw invalidPattern(pattern);
  }
}

/** RE2's ASCII-only Perl classes, alone and inside a bracket class (https://github.com/google/re2/wiki/Syntax). */
const RE2_PERL_CLASSES: Record<string, { alone: string; inClass: string }> = {
  s: { alone: '[\\t\\n\\f\\r ]', inClass: '\\t\\n\\f\\r ' },
  S: { alone: '[^\\t\\n\\f\\r ]', inClass: '\\u{0}-\\u{8}\\u{B}\\u{E}-\\u{1F}\\u{21}-\\u{10FFFF}' },
  d: { alone: '[0-9]', inClass: '0-9' },
  D: { alone: '[^0-9]', inClass: '\\u{0}-\\u{2F}\\u{3A}-\\u{10FFFF}' },
  w: { alone: '[0-9A-Za-z_]', inClass: '0-9A-Za-z_' },
  W: { alone: '[^0-9A-Za-z_]', inClass: '\\u{0}-\\u{2F}\\u{3A}-\\u{40}\\u{5B}-\\u{5E}\\u{60}\\u{7B}-\\u{10FFFF}' },
};

function invalidPattern(pattern: string): GasException {
  return new GasException(`Invalid regular expression pattern ${pattern}`);
}

// ---------------------------------------------------------------- the model

export interface TextLink { start: number; end: number; url: string }

/** Shared behaviour of every document element. Methods are counted through the runtime proxy. */
export abstract class DocElement extends GasObject {
  readonly gasService = 'DocumentApp';
  abstract readonly kind: ElementTypeName;
  parent: DocContainer | null = null;
  attributes: Record<string, unknown> = {};

  get gasType(): string { return className(this.kind); }

  /** The document this element is attached to (through its ancestors), if any. */
  owner(): DocumentModel | null {
    let e: DocElement | null = this;
    while (e.parent) e = e.parent;
    return e instanceof SectionElement ? e.model : null;
  }

  /** Called before every edit: a closed document cannot be updated; an open one becomes dirty. */
  protected edit(): void {
    const model = this.owner();
    if (!model) return;
    if (model.closed) throw new GasException('Document is closed, its contents cannot be updated.');
    model.dirty = true;
  }

  abstract clone(): DocElement;
  abstract getText(): string;

  getType(): GoogleAppsScript.Document.ElementType { return this.kind as never; }
  getParent(): GContainer { return (this.parent ?? null) as never; }
  getAttributes(): Record<string, unknown> { return { ...this.attributes }; }
  setAttributes(attributes: Record<string, unknown>): never {
    this.edit();
    Object.assign(this.attributes, attributes);
    return this as never;
  }
  copy(): never { return this.clone() as never; }
  getNextSibling(): GElement {
    if (!this.parent) return null as never;
    const i = this.parent.children.indexOf(this);
    return (this.parent.children[i + 1] ?? null) as never;
  }
  getPreviousSibling(): GElement {
    if (!this.parent) return null as never;
    const i = this.parent.children.indexOf(this);
    return (this.parent.children[i - 1] ?? null) as never;
  }
  removeFromParent(): never {
    if (this.parent) this.parent.removeChildElement(this);
    return this as never;
  }
  isAtDocumentEnd(): boolean {
    return !!this.parent && this.parent.kind === 'BODY_SECTION' && this.parent.children[this.parent.children.length - 1] === this;
  }

  asParagraph(): GParagraph { return this.cast('PARAGRAPH'); }
  asListItem(): GListItem { return this.cast('LIST_ITEM'); }
  asTable(): GTable { return this.cast('TABLE'); }
  asTableRow(): GTableRow { return this.cast('TABLE_ROW'); }
  asTableCell(): GTableCell { return this.cast('TABLE_CELL'); }
  asText(): GText { return this.cast('TEXT'); }
  asBody(): GBody { return this.cast('BODY_SECTION'); }
  asHeaderSection(): GHeader { return this.cast('HEADER_SECTION'); }
  asFooterSection(): GFooter { return this.cast('FOOTER_SECTION'); }

  private cast(kind: ElementTypeName): never {
    if (this.kind !== kind) throw new GasException(`Cannot convert ${className(this.kind)} to ${className(kind)}.`);
    return this as never;
  }

  /** Every Text descendant (or this element when it is a Text), in document order. */
  textBlocks(): TextElement[] {
    if (this instanceof TextElement) return [this];
    if (this instanceof DocContainer) return this.children.flatMap((c) => c.textBlocks());
    return [];
  }

  findText(searchPattern: string, from?: GRangeElement | null): GRangeElement {
    const re = compileRe2(searchPattern);
    const blocks = this.textBlocks();
    let startBlock = 0;
    let startOffset = 0;
    if (from) {
      const r = from as unknown as RangeElement;
      startBlock = blocks.indexOf(r.element as TextElement);
      if (startBlock < 0) return null as never;
      startOffset = r.endInclusive + 1;
    }
    for (let b = startBlock; b < blocks.length; b++) {
      const block = blocks[b]!;
      re.lastIndex = b === startBlock ? startOffset : 0;
      const m = re.exec(block.text);
      if (m && m[0].length > 0) return new RangeElement(block, m.index, m.index + m[0].length - 1) as never;
      if (m && m[0].length === 0) continue;
    }
    // Google returns null when nothing matches, although its type says RangeElement.
    return null as never;
  }

  replaceText(searchPattern: string, replacement: string): never {
    const re = compileRe2(searchPattern);
    const value = String(replacement);
    for (const block of this.textBlocks()) {
      re.lastIndex = 0;
      if (!re.test(block.text)) continue;
      re.lastIndex = 0;
      this.edit();
      block.text = block.text.replace(re, value);
      block.links = [];
    }
    return this as never;
  }
}

export class RangeElement extends GasObject implements Pick<GRangeElement, 'getElement' | 'getStartOffset' | 'getEndOffsetInclusive' | 'isPartial'> {
  readonly gasService = 'DocumentApp';
  readonly gasType = 'RangeElement';
  constructor(readonly element: DocElement, readonly start: number, readonly endInclusive: number) { super(); }
  getElement(): GElement { return this.element as never; }
  getStartOffset(): number { return this.start; }
  getEndOffsetInclusive(): number { return this.endInclusive; }
  isPartial(): boolean { return this.start > 0 || this.endInclusive < this.element.getText().length - 1; }
}

export class TextElement extends DocElement implements Pick<GText,
  'getText' | 'setText' | 'appendText' | 'insertText' | 'deleteText' | 'editAsText' | 'replaceText' | 'findText' | 'setBold' | 'setLinkUrl' | 'getLinkUrl'> {
  readonly kind = 'TEXT';
  links: TextLink[] = [];
  bold = false;
  constructor(public text: string) { super(); }
  clone(): TextElement {
    const t = new TextElement(this.text);
    t.links = this.links.map((l) => ({ ...l }));
    t.bold = this.bold;
    t.attributes = { ...this.attributes };
    return t;
  }
  getText(): string { return this.text; }
  setText(text: string): GText {
    this.edit();
    this.text = String(text);
    this.links = [];
    return this as never;
  }
  appendText(text: string): GText {
    this.edit();
    this.text += String(text);
    return this as never;
  }
  insertText(offset: number, text: string): GText {
    if (offset < 0 || offset > this.text.length) throw new GasException('Index (' + offset + ') must be less than or equal to the content length (' + this.text.length + ').');
    this.edit();
    this.text = this.text.slice(0, offset) + String(text) + this.text.slice(offset);
    return this as never;
  }
  deleteText(startOffset: number, endOffsetInclusive: number): GText {
    if (startOffset < 0 || endOffsetInclusive >= this.text.length || startOffset > endOffsetInclusive) {
      throw new GasException('Invalid argument: endOffsetInclusive');
    }
    this.edit();
    this.text = this.text.slice(0, startOffset) + this.text.slice(endOffsetInclusive + 1);
    return this as never;
  }
  editAsText(): GText { return this as never; }
  setBold(...args: unknown[]): GText {
    this.edit();
    this.bold = Boolean(args.length === 1 ? args[0] : args[2]);
    return this as never;
  }
  setLinkUrl(...args: unknown[]): GText {
    this.edit();
    if (args.length === 1) this.links = args[0] ? [{ start: 0, end: this.text.length - 1, url: String(args[0]) }] : [];
    else {
      const [start, end, url] = args as [number, number, string | null];
      this.links = this.links.filter((l) => l.end < start || l.start > end);
      if (url) this.links.push({ start, end, url });
    }
    return this as never;
  }
  getLinkUrl(offset?: number | null): string {
    const at = offset ?? 0;
    return (this.links.find((l) => l.start <= at && at <= l.end)?.url ?? null) as never;
  }
}

/** An element with children: sections, paragraphs (whose children are Text), tables, rows and cells. */
export abstract class DocContainer extends DocElement {
  children: DocElement[] = [];

  getNumChildren(): number { return this.children.length; }
  getChild(childIndex: number): GElement { return this.childAt(childIndex, 'Child', 'child elements') as never; }
  /** The child at `index`, or Google's refusal naming what the children are (child elements, cells, rows). */
  protected childAt(index: number, what: string, plural: string): DocElement {
    const child = this.children[index];
    if (!child) throw new GasException(`${what} index (${index}) must be less than the number of ${plural} (${this.children.length}).`);
    return child;
  }
  /** Removes and returns the child at `index` (removeCell, removeRow). */
  protected removeChildAt(index: number, what: string, plural: string): DocElement {
    const child = this.childAt(index, what, plural);
    this.removeChildElement(child);
    return child;
  }
  getChildIndex(child: GElement): number {
    const i = this.children.indexOf(child as unknown as DocElement);
    if (i < 0) throw new GasException('Element does not contain the specified child element.');
    return i;
  }
  getText(): string { return this.children.map((c) => c.getText()).join(this.textSeparator()); }
  protected textSeparator(): string { return '\n'; }

  /** Internal insert with Google's checks: detached element, index in range. */
  attach(index: number, child: DocElement): void {
    if (child.parent) throw new GasException('Element must be detached.');
    if (index < 0 || index > this.children.length) {
      throw new GasException(`Child index (${index}) must be less than or equal to the number of child elements (${this.children.length}).`);
    }
    this.edit();
    child.parent = this;
    this.children.splice(index, 0, child);
  }

  removeChildElement(child: DocElement): void {
    const i = this.children.indexOf(child);
    if (i < 0) throw new GasException('Element does not contain the specified child element.');
    if (this instanceof SectionElement || this instanceof TableCellElement) {
      const paragraphs = this.children.filter((c) => c.kind === 'PARAGRAPH' || c.kind === 'LIST_ITEM');
      if (paragraphs.length === 1 && paragraphs[0] === child) throw new GasException("Can't remove the last paragraph in a document section.");
    }
    this.edit();
    this.children.splice(i, 1);
    child.parent = null;
  }

  removeChild(child: GElement): never {
    this.removeChildElement(child as unknown as DocElement);
    return this as never;
  }

  protected cloneChildrenInto<T extends DocContainer>(target: T): T {
    target.attributes = { ...this.attributes };
    for (const c of this.children) {
      const copy = c.clone();
      copy.parent = target;
      target.children.push(copy);
    }
    return target;
  }

  clear(): never {
    this.edit();
    for (const c of this.children) c.parent = null;
    this.children = [];
    return this as never;
  }
}

/**
 * An image inside a paragraph, made from a blob (Body.appendImage, Paragraph.appendInlineImage). Docs stores PNG, JPEG
 * or GIF ("must be in one of PNG, JPEG, or GIF formats",
 * https://developers.google.com/docs/api/reference/rest/v1/documents/request#insertinlineimagerequest); other bytes
 * are refused (the wording is assumed). Its size starts as the picture's pixels (assumed: Docs shows a new image at
 * its pixel size, capped by the page).
 */
export class InlineImageElement extends DocElement implements Pick<GoogleAppsScript.Document.InlineImage, 'getWidth' | 'getHeight' | 'setWidth' | 'setHeight' | 'getBlob' | 'getType' | 'getParent'> {
  readonly kind = 'INLINE_IMAGE';
  constructor(readonly bytes: Uint8Array, readonly contentType: string, public width: number, public height: number) { super(); }
  static from(blob: unknown): InlineImageElement {
    const b = blob as { getBytes?: () => number[]; getBlob?: () => unknown };
    const source = (typeof b?.getBlob === 'function' ? b.getBlob() : blob) as { getBytes?: () => number[] };
    if (typeof source?.getBytes !== 'function') throw new GasException('Invalid argument: image');
    const bytes = Uint8Array.from(source.getBytes(), (v) => v & 255);
    const head = String.fromCharCode(...bytes.subarray(0, 8));
    const be = (i: number) => ((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!) >>> 0;
    if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return new InlineImageElement(bytes, 'image/gif', bytes[6]! | (bytes[7]! << 8), bytes[8]! | (bytes[9]! << 8));
    if (head === '\x89PNG\r\n\x1a\n') return new InlineImageElement(bytes, 'image/png', be(16), be(20));
    if (bytes[0] === 0xff && bytes[1] === 0xd8) return new InlineImageElement(bytes, 'image/jpeg', 0, 0);
    throw new GasException('Invalid image data.');
  }
  clone(): InlineImageElement {
    const c = new InlineImageElement(this.bytes, this.contentType, this.width, this.height);
    c.attributes = { ...this.attributes };
    return c;
  }
  getText(): string { return ''; }
  getWidth(): number { return this.width; }
  getHeight(): number { return this.height; }
  setWidth(width: number): GoogleAppsScript.Document.InlineImage { this.edit(); this.width = Number(width); return this as never; }
  setHeight(height: number): GoogleAppsScript.Document.InlineImage { this.edit(); this.height = Number(height); return this as never; }
  getBlob(): GoogleAppsScript.Base.Blob {
    return { getBytes: () => [...this.bytes].map((b) => (b > 127 ? b - 256 : b)), getContentType: () => this.contentType } as never;
  }
}

/** A page break; Docs keeps it inside a paragraph (Body.appendPageBreak makes that paragraph). */
export class PageBreakElement extends DocElement implements Pick<GoogleAppsScript.Document.PageBreak, 'getType' | 'getParent'> {
  readonly kind = 'PAGE_BREAK';
  clone(): PageBreakElement { return new PageBreakElement(); }
  getText(): string { return ''; }
}

export abstract class TextParent extends DocContainer {
  heading: HeadingName = 'NORMAL';
  alignment: string | null = null;

  protected override textSeparator(): string { return ''; }
  /** Returns nothing, as Google's Paragraph.setText and ListItem.setText do (no chaining). */
  setText(text: string): void {
    this.edit();
    for (const c of this.children) c.parent = null;
    this.children = [];
    if (String(text) !== '') {
      const t = new TextElement(String(text));
      t.parent = this;
      this.children.push(t);
    }
  }
  appendText(text: string | GText): GText {
    if (typeof text !== 'string') text = (text as unknown as TextElement).text;
    this.edit();
    const last = this.children[this.children.length - 1];
    if (last instanceof TextElement) {
      last.text += String(text);
      return last as never;
    }
    const t = new TextElement(String(text));
    t.parent = this;
    this.children.push(t);
    return t as never;
  }
  /** Merges the Text children into one, as editing a paragraph "as text" sees one run of characters. */
  editAsText(): GText {
    if (this.children.length === 1 && this.children[0] instanceof TextElement) return this.children[0] as never;
    const merged = new TextElement(this.getText());
    for (const c of this.children) c.parent = null;
    merged.parent = this;
    this.children = [merged];
    return merged as never;
  }
  getHeading(): GoogleAppsScript.Document.ParagraphHeading { return this.heading as never; }
  setHeading(heading: GoogleAppsScript.Document.ParagraphHeading): never {
    this.edit();
    const name = String(heading) as HeadingName;
    if (!(name in ParagraphHeading)) throw new GasException('Invalid argument: heading');
    this.heading = name;
    return this as never;
  }
  getAlignment(): GoogleAppsScript.Document.HorizontalAlignment { return this.alignment as never; }
  setAlignment(alignment: GoogleAppsScript.Document.HorizontalAlignment): never {
    this.edit();
    this.alignment = String(alignment);
    return this as never;
  }
  protected copyTextParent<T extends TextParent>(target: T): T {
    target.heading = this.heading;
    target.alignment = this.alignment;
    return this.cloneChildrenInto(target);
  }
}

export class ParagraphElement extends TextParent implements Pick<GParagraph,
  'getText' | 'setText' | 'appendText' | 'editAsText' | 'getHeading' | 'setHeading' | 'getNumChildren' | 'getChild' | 'copy' | 'removeFromParent' | 'getType' | 'replaceText' | 'findText' | 'getParent' | 'getAttributes' | 'setAttributes' | 'getAlignment' | 'setAlignment' | 'getNextSibling' | 'getPreviousSibling' | 'clear' | 'appendInlineImage' | 'insertInlineImage' | 'appendPageBreak'> {
  readonly kind = 'PARAGRAPH';
  clone(): ParagraphElement { return this.copyTextParent(new ParagraphElement()); }
  appendInlineImage(image: unknown): GoogleAppsScript.Document.InlineImage { return this.insertInlineImage(this.children.length, image); }
  insertInlineImage(childIndex: number, image: unknown): GoogleAppsScript.Document.InlineImage {
    const img = image instanceof InlineImageElement ? image : InlineImageElement.from(image);
    this.attach(childIndex, img);
    return img as never;
  }
  appendPageBreak(pageBreak?: unknown): GoogleAppsScript.Document.PageBreak {
    const pb = pageBreak instanceof PageBreakElement ? pageBreak : new PageBreakElement();
    this.attach(this.children.length, pb);
    return pb as never;
  }
}

export class ListItemElement extends TextParent implements Pick<GListItem,
  'getText' | 'setText' | 'appendText' | 'editAsText' | 'getHeading' | 'setHeading' | 'copy' | 'removeFromParent' | 'getType' | 'replaceText' | 'findText' | 'getNestingLevel' | 'setNestingLevel' | 'getGlyphType' | 'setGlyphType' | 'getListId'> {
  readonly kind = 'LIST_ITEM';
  nestingLevel = 0;
  glyphType: string = 'BULLET';
  listId = '';
  clone(): ListItemElement {
    const li = this.copyTextParent(new ListItemElement());
    li.nestingLevel = this.nestingLevel;
    li.glyphType = this.glyphType;
    li.listId = this.listId;
    return li;
  }
  getNestingLevel(): number { return this.nestingLevel; }
  setNestingLevel(nestingLevel: number): GListItem { this.edit(); this.nestingLevel = nestingLevel; return this as never; }
  getGlyphType(): GoogleAppsScript.Document.GlyphType { return this.glyphType as never; }
  setGlyphType(glyphType: GoogleAppsScript.Document.GlyphType): GListItem { this.edit(); this.glyphType = String(glyphType); return this as never; }
  getListId(): string { return this.listId; }
}

export class TableCellElement extends DocContainer implements Pick<GTableCell, 'getText' | 'setText' | 'getNumChildren' | 'getChild' | 'appendParagraph' | 'insertParagraph' | 'getParentRow' | 'getParentTable'> {
  readonly kind = 'TABLE_CELL';
  clone(): TableCellElement { return this.cloneChildrenInto(new TableCellElement()); }
  /** A cell holds at least one paragraph; text with line breaks becomes one paragraph per line. */
  static of(text: string): TableCellElement {
    const cell = new TableCellElement();
    for (const line of String(text).split('\n')) {
      const p = new ParagraphElement();
      if (line !== '') { const t = new TextElement(line); t.parent = p; p.children.push(t); }
      p.parent = cell;
      cell.children.push(p);
    }
    return cell;
  }
  setText(text: string): GTableCell {
    this.edit();
    const fresh = TableCellElement.of(text);
    for (const c of this.children) c.parent = null;
    this.children = fresh.children;
    for (const c of this.children) c.parent = this;
    return this as never;
  }
  appendParagraph(p: string | GParagraph): GParagraph { return insertParagraphInto(this, this.children.length, p, 'TableCell', 'appendParagraph'); }
  insertParagraph(index: number, p: string | GParagraph): GParagraph { return insertParagraphInto(this, index, p, 'TableCell', 'insertParagraph'); }
  getParentRow(): GTableRow { return this.parent as never; }
  getParentTable(): GTable { return (this.parent?.parent ?? null) as never; }
}

export class TableRowElement extends DocContainer implements Pick<GTableRow, 'getNumCells' | 'getCell' | 'getText' | 'appendTableCell' | 'getParentTable' | 'removeCell'> {
  readonly kind = 'TABLE_ROW';
  protected override textSeparator(): string { return '\t'; }
  clone(): TableRowElement { return this.cloneChildrenInto(new TableRowElement()); }
  getNumCells(): number { return this.children.length; }
  getCell(cellIndex: number): GTableCell { return this.childAt(cellIndex, 'Cell', 'cells') as never; }
  appendTableCell(text?: unknown): GTableCell {
    const cell = text instanceof TableCellElement ? text : TableCellElement.of(typeof text === 'string' ? text : '');
    this.attach(this.children.length, cell);
    return cell as never;
  }
  removeCell(cellIndex: number): GTableCell { return this.removeChildAt(cellIndex, 'Cell', 'cells') as never; }
  getParentTable(): GTable { return this.parent as never; }
}

export class TableElement extends DocContainer implements Pick<GTable, 'getNumRows' | 'getRow' | 'getCell' | 'appendTableRow' | 'insertTableRow' | 'removeRow' | 'getText' | 'copy' | 'removeFromParent' | 'getType' | 'replaceText' | 'findText' | 'getAttributes' | 'setAttributes'> {
  readonly kind = 'TABLE';
  /** Column widths in points (null: Docs spreads the column evenly); set through the Docs API (docs-api.ts). */
  columnWidths: (number | null)[] = [];
  clone(): TableElement {
    const t = this.cloneChildrenInto(new TableElement());
    t.columnWidths = [...this.columnWidths];
    return t;
  }
  static of(cells: string[][]): TableElement {
    if (!Array.isArray(cells) || cells.some((r) => !Array.isArray(r))) throw new GasException('Invalid argument: cells');
    const width = Math.max(0, ...cells.map((r) => r.length));
    const table = new TableElement();
    for (const r of cells) {
      const row = new TableRowElement();
      for (let c = 0; c < width; c++) {
        const cell = TableCellElement.of(r[c] === undefined || r[c] === null ? '' : String(r[c]));
        cell.parent = row;
        row.children.push(cell);
      }
      row.parent = table;
      table.children.push(row);
    }
    return table;
  }
  getNumRows(): number { return this.children.length; }
  getRow(rowIndex: number): GTableRow { return this.childAt(rowIndex, 'Row', 'rows') as never; }
  getCell(rowIndex: number, cellIndex: number): GTableCell {
    return (this.getRow(rowIndex) as unknown as TableRowElement).getCell(cellIndex);
  }
  appendTableRow(row?: GTableRow): GTableRow {
    const r = (row as unknown as TableRowElement | undefined) ?? new TableRowElement();
    this.attach(this.children.length, r);
    return r as never;
  }
  insertTableRow(rowIndex: number, row?: GTableRow): GTableRow {
    const r = (row as unknown as TableRowElement | undefined) ?? new TableRowElement();
    this.attach(rowIndex, r);
    return r as never;
  }
  removeRow(rowIndex: number): GTableRow { return this.removeChildAt(rowIndex, 'Row', 'rows') as never; }
}

function insertParagraphInto(container: DocContainer, index: number, p: unknown, type: string, method: string): GParagraph {
  let para: ParagraphElement;
  if (typeof p === 'string') {
    para = new ParagraphElement();
    if (p !== '') { const t = new TextElement(p); t.parent = para; para.children.push(t); }
  } else if (p instanceof ParagraphElement) para = p;
  else throw signatureError(type, method, p);
  container.attach(index, para);
  return para as never;
}

/** Body, HeaderSection and FooterSection. */
export class SectionElement extends DocContainer implements Pick<GBody,
  'getNumChildren' | 'getChild' | 'getChildIndex' | 'getText' | 'setText' | 'appendParagraph' | 'insertParagraph' | 'appendImage' | 'insertImage' | 'appendPageBreak' | 'appendListItem' | 'insertListItem' | 'appendTable' | 'insertTable' | 'removeChild' | 'replaceText' | 'findText' | 'getParagraphs' | 'getTables' | 'getListItems' | 'clear' | 'copy'> {
  private nextListId = 1;
  constructor(readonly kind: 'BODY_SECTION' | 'HEADER_SECTION' | 'FOOTER_SECTION', readonly model: DocumentModel | null) {
    super();
  }
  clone(): SectionElement { return this.cloneChildrenInto(new SectionElement(this.kind, null)); }
  private get typeName(): string { return className(this.kind); }

  setText(text: string): never {
    this.edit();
    for (const c of this.children) c.parent = null;
    this.children = [];
    for (const line of String(text).split('\n')) insertParagraphInto(this, this.children.length, line, this.typeName, 'setText');
    return this as never;
  }
  override clear(): never {
    super.clear();
    if (this.kind === 'BODY_SECTION') insertParagraphInto(this, 0, '', this.typeName, 'clear');
    return this as never;
  }
  appendParagraph(p: string | GParagraph): GParagraph { return insertParagraphInto(this, this.children.length, p, this.typeName, 'appendParagraph'); }
  insertParagraph(index: number, p: string | GParagraph): GParagraph { return insertParagraphInto(this, index, p, this.typeName, 'insertParagraph'); }
  /** A new paragraph holding the image (https://developers.google.com/apps-script/reference/document/body#appendImage(BlobSource)). */
  appendImage(image: unknown): GoogleAppsScript.Document.InlineImage { return this.insertImage(this.children.length, image); }
  insertImage(childIndex: number, image: unknown): GoogleAppsScript.Document.InlineImage {
    const img = image instanceof InlineImageElement ? image : InlineImageElement.from(image);
    const p = insertParagraphInto(this, childIndex, '', this.typeName, 'insertImage') as unknown as ParagraphElement;
    p.attach(0, img);
    return img as never;
  }
  /** "Creates and appends a new PageBreak" — in a paragraph of its own; not in a header or footer (assumed wording). */
  appendPageBreak(): GoogleAppsScript.Document.PageBreak {
    if (this.kind !== 'BODY_SECTION') throw new GasException('Page breaks are not allowed in headers or footers.');
    const p = insertParagraphInto(this, this.children.length, '', this.typeName, 'appendPageBreak') as unknown as ParagraphElement;
    const pb = new PageBreakElement();
    p.attach(0, pb);
    return pb as never;
  }
  appendListItem(li: string | GListItem): GListItem { return this.insertListItemAt(this.children.length, li, 'appendListItem'); }
  insertListItem(index: number, li: string | GListItem): GListItem { return this.insertListItemAt(index, li, 'insertListItem'); }
  private insertListItemAt(index: number, li: unknown, method: string): GListItem {
    let item: ListItemElement;
    if (typeof li === 'string') {
      item = new ListItemElement();
      if (li !== '') { const t = new TextElement(li); t.parent = item; item.children.push(t); }
      // Consecutive list items are added as part of the same list.
      const before = this.children[index - 1];
      item.listId = before instanceof ListItemElement ? before.listId : `list.${this.nextListId++}`;
    } else if (li instanceof ListItemElement) item = li;
    else throw signatureError(this.typeName, method, li);
    this.attach(index, item);
    return item as never;
  }
  appendTable(t?: string[][] | GTable): GTable {
    const table = this.insertTableAt(this.children.length, t, 'appendTable');
    // "Google Docs documents cannot end with a table": an empty paragraph follows.
    insertParagraphInto(this, this.children.length, '', this.typeName, 'appendTable');
    return table;
  }
  insertTable(index: number, t?: string[][] | GTable | null): GTable {
    const table = this.insertTableAt(index, t ?? undefined, 'insertTable');
    if (this.children[this.children.length - 1] === (table as unknown)) insertParagraphInto(this, this.children.length, '', this.typeName, 'insertTable');
    return table;
  }
  private insertTableAt(index: number, t: unknown, method: string): GTable {
    let table: TableElement;
    if (t === undefined) table = TableElement.of([['']]);
    else if (Array.isArray(t)) table = TableElement.of(t as string[][]);
    else if (t instanceof TableElement) table = t;
    else throw signatureError(this.typeName, method, t);
    if (this.kind !== 'BODY_SECTION' && this.kind !== 'HEADER_SECTION' && this.kind !== 'FOOTER_SECTION') throw signatureError(this.typeName, method, t);
    this.attach(index, table);
    return table as never;
  }
  getParagraphs(): GParagraph[] { return this.collect('PARAGRAPH') as never; }
  getTables(): GTable[] { return this.collect('TABLE') as never; }
  getListItems(): GListItem[] { return this.collect('LIST_ITEM') as never; }
  private collect(kind: ElementTypeName): DocElement[] {
    const out: DocElement[] = [];
    const walk = (e: DocElement) => {
      if (e.kind === kind) out.push(e);
      if (e instanceof DocContainer) e.children.forEach(walk);
    };
    this.children.forEach(walk);
    return out;
  }
}

/** What is stored for one Google Doc (shared by every handle opened on it). */
export class DocumentModel {
  body: SectionElement;
  header: SectionElement | null = null;
  footer: SectionElement | null = null;
  closed = false;
  /** Edited since the last save. */
  dirty = false;
  /** What Drive exports: the content as of the last save. */
  saved: { body: SectionElement; header: SectionElement | null; footer: SectionElement | null };

  constructor(readonly id: string, public name: string) {
    this.body = new SectionElement('BODY_SECTION', this);
    const p = new ParagraphElement();
    p.parent = this.body;
    this.body.children.push(p);
    this.saved = this.snapshot();
  }

  snapshot(): DocumentModel['saved'] {
    return { body: this.body.clone(), header: this.header?.clone() ?? null, footer: this.footer?.clone() ?? null };
  }

  save(): void {
    this.saved = this.snapshot();
    this.dirty = false;
  }

  /** A deep copy under a new id (Drive makeCopy of a Google Doc copies its saved content). */
  copyAs(id: string, name: string): DocumentModel {
    const copy = new DocumentModel(id, name);
    const adopt = (section: SectionElement | null): SectionElement | null => {
      if (!section) return null;
      const s = new SectionElement(section.kind, copy);
      for (const c of section.clone().children) { c.parent = s; s.children.push(c); }
      s.attributes = { ...section.attributes };
      return s;
    };
    copy.body = adopt(this.saved.body)!;
    copy.header = adopt(this.saved.header);
    copy.footer = adopt(this.saved.footer);
    copy.saved = copy.snapshot();
    return copy;
  }
}

export class Document extends GasObject implements Pick<GDocument,
  'getId' | 'getName' | 'setName' | 'getUrl' | 'getBody' | 'getHeader' | 'addHeader' | 'getFooter' | 'addFooter' | 'saveAndClose' | 'getAs'> {
  readonly gasService = 'DocumentApp';
  readonly gasType = 'Document';
  constructor(readonly model: DocumentModel, private readonly store: DocumentStore) { super(); }
  private open(): DocumentModel {
    if (this.model.closed) throw new GasException('Document is closed, its contents cannot be updated.');
    return this.model;
  }
  getId(): string { return this.model.id; }
  getName(): string { return this.model.name; }
  setName(name: string): GDocument {
    this.open().name = String(name);
    this.store.onRename?.(this.model.id, this.model.name);
    return this as never;
  }
  getUrl(): string { return `https://docs.google.com/open?id=${this.model.id}`; }
  getBody(): GBody { return this.open().body as never; }
  getHeader(): GHeader { return (this.open().header ?? null) as never; }
  getFooter(): GFooter { return (this.open().footer ?? null) as never; }
  addHeader(): GHeader { return this.addSection('header', 'HEADER_SECTION', 'HeaderSection', 'addHeader') as never; }
  addFooter(): GFooter { return this.addSection('footer', 'FOOTER_SECTION', 'FooterSection', 'addFooter') as never; }
  /** A tab has at most one header and one footer; a new one holds one empty paragraph. */
  private addSection(which: 'header' | 'footer', kind: 'HEADER_SECTION' | 'FOOTER_SECTION', type: string, method: string): SectionElement {
    const m = this.open();
    if (m[which]) throw new GasException(`Document tab already contains a ${which}.`);
    const section = new SectionElement(kind, m);
    m[which] = section;
    insertParagraphInto(section, 0, '', type, method);
    m.dirty = true;
    return section;
  }
  /**
   * "Retrieves the current Document contents as a blob of the specified type" ('application/pdf' is supported):
   * https://developers.google.com/apps-script/reference/document/document#getAs(String). As for Drive's export,
   * what Docs has saved is converted (edits of this execution not yet saved are not in it), and a closed Document
   * must be reopened first (assumed, as for every other method of a closed Document).
   */
  getAs(contentType: string): GoogleAppsScript.Base.Blob {
    const m = this.open();
    if (!this.store.exportAs) throw new GasException('Document.getAs is not emulated without the Drive store.');
    return this.store.exportAs(m, String(contentType)) as never;
  }
  saveAndClose(): void {
    const m = this.open();
    m.save();
    m.closed = true;
  }
}

/** Every Google Doc of the emulated Drive, by id. Drive registers new docs through `onCreate`. */
export class DocumentStore {
  readonly docs = new Map<string, DocumentModel>();
  /** The document a script is bound to (DocumentApp.getActiveDocument); null for a script bound elsewhere. */
  activeId: string | null = null;
  private nextId = 1;
  /** Set by the Drive store so that a Doc is also a Drive file (in the root, created by the add-on). */
  onCreate?: (model: DocumentModel) => void;
  onRename?: (id: string, name: string) => void;
  /** Whether the add-on may open this Doc (drive.file: only files it created or was given). */
  canOpen: (id: string) => boolean = () => true;
  /** Set by the Drive store: a Doc converted (Document.getAs), from what Docs has saved. */
  exportAs?: (model: DocumentModel, contentType: string) => GoogleAppsScript.Base.Blob | object;

  constructor(readonly runtime: Runtime) {}

  newId(): string {
    return `doc-${String(this.nextId++).padStart(4, '0')}-${Math.random().toString(36).slice(2, 10)}`;
  }

  create(name: string): DocumentModel {
    const model = new DocumentModel(this.newId(), name);
    this.docs.set(model.id, model);
    this.onCreate?.(model);
    return model;
  }

  /** Apps Script saves and closes every open Document at the end of an execution. */
  endExecution(): void {
    for (const m of this.docs.values()) {
      if (!m.closed && m.dirty) m.save();
      m.closed = false;
    }
  }
}


export function createDocumentApp(store: DocumentStore, ui: () => unknown = () => { throw new GasException('Cannot call DocumentApp.getUi() from this context.'); }) {
  return {
    gasService: 'DocumentApp',
    gasType: 'DocumentApp',
    ElementType, ParagraphHeading, GlyphType, HorizontalAlignment, Attribute,
    create(name: string): Document {
      if (typeof name !== 'string' || name === '') throw new GasException('Invalid argument: name');
      return new Document(store.create(name), store);
    },
    openById(id: string): Document {
      const model = store.docs.get(String(id));
      if (!model || !store.canOpen(model.id)) {
        throw new GasException(`Document ${id} is missing (perhaps it was deleted, or you don't have read access?)`);
      }
      model.closed = false;
      return new Document(model, store);
    },
    /** The document the script is bound to, or null (https://developers.google.com/apps-script/reference/document/document-app#getActiveDocument()). */
    getActiveDocument(): Document | null {
      const model = store.activeId ? store.docs.get(store.activeId) : undefined;
      if (!model) return null;
      model.closed = false;
      return new Document(model, store);
    },
    getUi(): unknown { return ui(); },
    openByUrl(url: string): Document {
      const m = /\/d\/([^/]+)|[?&]id=([^&]+)/.exec(String(url));
      return this.openById(m ? (m[1] ?? m[2]!) : String(url));
    },
  };
}
