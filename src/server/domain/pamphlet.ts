/**
 * The agency pamphlet, as pure data: which agencies are listed (consent + registry check), in which order
 * (種別 groups in a configured order, 五十音 by 名称カナ inside a group), how the template is laid out
 * (placeholders, the 種別 section and the repeating 団体 block) and what text each line becomes.
 *
 * Template language (what 「パンフレットのひな形を作成」 writes and coordinators may restyle or reword):
 * - `{{名前}}` is a placeholder. Global ones anywhere (body, header, footer); agency ones only inside the block.
 * - A paragraph holding only `{{#種別}}` opens the section repeated for each 種別, `{{/種別}}` closes it.
 *   Inside it, `{{#団体}}` … `{{/団体}}` enclose one table: its rows with agency placeholders are repeated for
 *   every agency of the group (one row per agency); its other rows (a header) appear once per group.
 * - A line (a paragraph, or a line of a cell) whose placeholders are all empty is left out.
 */
import type { Agency } from './agencies';
import { CivilDate, formatPhone as formatPhoneDigits, formatSeireki, formatWareki, phoneDigits, postalDigits } from './ja';
import { joinSentences } from './where';
import { DefaultTemplate, TemplateProblem, TemplateWhere, closestKnown, fillLine, fillLines, fillLinesSpans, placeholdersIn, unclosed, unknownPlaceholder } from './template';
export type { TemplateProblem } from './template';
import { DocCell, DocItem, DocOutline, DocTable, cellTexts, segmentText } from './doc-requests';

export type { DefaultTemplate } from './template';
export { fillLine, fillLines, placeholderName, placeholdersIn } from './template';

/** The agency fields a pamphlet may show — and nothing else (DESIGN §8: agency data only). */
export const PAMPHLET_FIELDS = [
  '名称', '種別', '所在地', '最寄駅', '電話', 'FAX', 'メール', 'URL', '対象障害', '企業向け支援', '企業向け窓口', '特色', '開所日時',
] as const;
export type PamphletField = (typeof PAMPHLET_FIELDS)[number];

/** Placeholders valid anywhere. 発行日(西暦) deliberately carries regex metacharacters: it must be escaped. */
// 企業相談フォーム: the company inquiry form's link (issue 17), empty until 「企業相談フォームの作成」 has run; 企業相談QR:
// its QR code (the workspace puts the image where QR_MARK is left), or a note saying the form is not made yet.
export const GLOBAL_PLACEHOLDERS = ['ネットワーク名', '発行日', '発行日(西暦)', '発行日（西暦）', '掲載団体数', '企業相談フォーム', '企業相談QR'] as const;
export const QR_MARK = '{{企業相談QR}}';
export type GlobalPlaceholder = (typeof GLOBAL_PLACEHOLDERS)[number];
/** Placeholders of a 種別 section (outside the agency rows they mean the group). */
export const GROUP_PLACEHOLDERS = ['種別', '種別団体数'] as const;

export const MARKERS = {
  groupStart: '{{#種別}}',
  groupEnd: '{{/種別}}',
  blockStart: '{{#団体}}',
  blockEnd: '{{/団体}}',
} as const;

export const DEFAULT_NAME_PATTERN = '就労支援機関ガイド_YYYY-MM-DD';
export const MULTI_VALUE_SEPARATOR = '・';

// ------------------------------------------------------------------ agencies

/** What the pamphlet reads of one registry row (plus the registry check's verdict). */
export interface PamphletAgencySource {
  /** Sheet row number, for messages. */
  row: number;
  name: string;
  kana: string;
  kind: string;
  postalCode: string;
  address: string;
  station: string;
  phone: string;
  fax: string;
  email: string;
  url: string;
  disabilities: string[];
  companySupport: string[];
  companyContact: string;
  features: string;
  hours: string;
  /** 掲載同意: 同意 / 未同意 / 撤回 (anything else counts as 未同意). */
  consent: string;
  /** Problems found by the registry check for this row (empty when the row is valid). */
  registryProblems: string[];
  /** 掲載しない項目 (issue 16): fields the agency keeps out of the pamphlet. */
  withheld?: readonly string[];
  /** 団体 id, recorded with each issued pamphlet (issue 16). */
  id?: string;
}

export interface PamphletEntry {
  row: number;
  name: string;
  kind: string;
  values: Record<PamphletField, string>;
  /** Pamphlet fields with nothing to show. */
  emptyFields: PamphletField[];
  /** Fields the agency chose not to publish (blank in `values`, whatever 団体 holds). */
  withheldFields: PamphletField[];
  id?: string;
}

export interface ExcludedAgency { row: number; name: string; reason: string }

export interface PamphletGroup { kind: string; entries: PamphletEntry[] }

export interface PamphletSelection {
  groups: PamphletGroup[];
  /** Every included entry, in pamphlet order. */
  included: PamphletEntry[];
  excluded: ExcludedAgency[];
}

/** Phone/FAX as printed: stored digits shown with hyphens (ja.ts); text that is not a number stays as typed. */
export function printedPhone(value: string): string {
  const digits = phoneDigits(value);
  return digits && (digits.length === 10 || digits.length === 11) ? formatPhoneDigits(digits) : value.trim();
}

export function printedPostalCode(value: string): string {
  const digits = postalDigits(value);
  return digits ? `〒${digits.slice(0, 3)}-${digits.slice(3)}` : value.trim() ? `〒${value.trim().replace(/^〒\s*/, '')}` : '';
}

/** The registry's typed agency (after the registry check) as the pamphlet reads it. */
export function pamphletSource(a: Agency, problems: string[]): PamphletAgencySource {
  return {
    row: a.rowNumber, name: a.name, kana: a.nameKana, kind: a.kind, postalCode: a.postalCode, address: a.address,
    station: a.nearestStation, phone: a.phone, fax: a.fax, email: a.email, url: a.url, disabilities: a.disabilityTypes,
    companySupport: a.employerServices, companyContact: a.employerContact, features: a.features, hours: a.openingHours,
    consent: a.consent, registryProblems: a.valid ? [] : problems.length ? problems : ['名簿チェックで要確認'], withheld: a.withheld, id: a.id,
  };
}

const joinMulti = (values: string[]) => values.map((v) => v.trim()).filter(Boolean).join(MULTI_VALUE_SEPARATOR);

/**
 * The pamphlet fields an agency withholds: 掲載しない項目 as typed (名称 and 種別 are always published); 所在地 takes the
 * postal code and 最寄駅 with it (a station names the place).
 */
export function withheldFields(a: Pick<PamphletAgencySource, 'withheld'>): PamphletField[] {
  const w = (a.withheld ?? []).filter((f) => f !== '名称' && f !== '種別' && (PAMPHLET_FIELDS as readonly string[]).includes(f)) as PamphletField[];
  return w.includes('所在地') && !w.includes('最寄駅') ? [...w, '最寄駅'] : w;
}

/** The pamphlet's values for one agency: only PAMPHLET_FIELDS, formatted for print; a withheld field is blank. */
export function pamphletValues(a: PamphletAgencySource): Record<PamphletField, string> {
  const values = allValues(a);
  for (const f of withheldFields(a)) values[f] = '';
  return values;
}

function allValues(a: PamphletAgencySource): Record<PamphletField, string> {
  const postal = printedPostalCode(a.postalCode);
  const address = a.address.trim();
  return {
    名称: a.name.trim(),
    種別: a.kind.trim(),
    所在地: postal && address ? `${postal} ${address}` : address,
    最寄駅: a.station.trim(),
    電話: printedPhone(a.phone),
    FAX: printedPhone(a.fax),
    メール: a.email.trim(),
    URL: a.url.trim(),
    対象障害: joinMulti(a.disabilities),
    企業向け支援: joinMulti(a.companySupport),
    企業向け窓口: a.companyContact.trim(),
    特色: a.features.trim(),
    開所日時: a.hours.trim(),
  };
}

/** Why an agency is not in the pamphlet, or null when it is. */
export function exclusionReason(a: PamphletAgencySource): string | null {
  const consent = a.consent.trim();
  const registry = a.registryProblems.length > 0 ? `名簿の確認で不備: ${joinSentences('ja', a.registryProblems)}` : null;
  if (consent === '撤回') return '撤回';
  if (consent === '' || consent === '未同意') return '未同意';
  // Anything else in 掲載同意 (「はい」…) is not consent; the registry check says what to type instead.
  if (consent !== '同意') return registry ?? '未同意';
  if (!a.name.trim()) return '名称が未入力';
  return registry;
}

/** Groups by 種別 in `kindOrder` (others after, 五十音), and orders each group by 名称カナ (then 名称). */
export function selectAgencies(agencies: PamphletAgencySource[], kindOrder: string[]): PamphletSelection {
  const collator = new Intl.Collator('ja');
  const excluded: ExcludedAgency[] = [];
  const byKind = new Map<string, { entry: PamphletEntry; kana: string }[]>();
  for (const a of agencies) {
    const reason = exclusionReason(a);
    if (reason) {
      excluded.push({ row: a.row, name: a.name.trim(), reason });
      continue;
    }
    const values = pamphletValues(a);
    const withheld = withheldFields(a);
    const entry: PamphletEntry = {
      row: a.row, name: values.名称, kind: values.種別 || 'その他', values,
      emptyFields: PAMPHLET_FIELDS.filter((f) => values[f] === '' && !withheld.includes(f)), withheldFields: withheld, id: a.id,
    };
    const list = byKind.get(entry.kind) ?? [];
    list.push({ entry, kana: a.kana.trim() || values.名称 });
    byKind.set(entry.kind, list);
  }
  const order = kindOrder.map((k) => k.trim()).filter(Boolean);
  const kinds = [...byKind.keys()].sort((x, y) => {
    const ix = order.indexOf(x);
    const iy = order.indexOf(y);
    if (ix >= 0 || iy >= 0) return (ix < 0 ? Infinity : ix) - (iy < 0 ? Infinity : iy);
    return collator.compare(x, y);
  });
  const groups = kinds.map((kind) => ({
    kind,
    entries: byKind.get(kind)!
      .sort((x, y) => collator.compare(x.kana, y.kana) || collator.compare(x.entry.name, y.entry.name) || x.entry.row - y.entry.row)
      .map((x) => x.entry),
  }));
  return { groups, included: groups.flatMap((g) => g.entries), excluded };
}

/** "就労移行支援, 就労継続支援A型、…" from 設定 → a list. */
export function parseKindOrder(setting: string): string[] {
  return setting.split(/[,、，\n]/).map((s) => s.trim()).filter(Boolean);
}

// ------------------------------------------------------------------ dates and names

export type CalendarDate = CivilDate;

/** 令和7年8月1日 (ja.ts: 令和 from 2019-05-01, the first year is 元年). */
export { formatWareki } from './ja';

/** `就労支援機関ガイド_YYYY-MM-DD` → `就労支援機関ガイド_2025-08-01`. */
export function documentName(pattern: string, d: CalendarDate): string {
  const p = pattern.trim() || DEFAULT_NAME_PATTERN;
  return p
    .replace(/YYYY/g, String(d.year))
    .replace(/MM/g, String(d.month).padStart(2, '0'))
    .replace(/DD/g, String(d.day).padStart(2, '0'));
}

/** The name itself when free, otherwise name_2, name_3, … (a re-run never reuses an earlier version). */
export function nextFreeName(name: string, taken: (candidate: string) => boolean): string {
  if (!taken(name)) return name;
  for (let i = 2; ; i++) if (!taken(`${name}_${i}`)) return `${name}_${i}`;
}

export function globalValues(networkName: string, issued: CalendarDate, count: number, consultationUrl = '', noFormNote = ''): Record<GlobalPlaceholder, string> {
  // 2025年8月1日: no weekday in the pamphlet's 発行日.
  const seireki = formatSeireki(issued, false);
  return { 企業相談フォーム: consultationUrl, 企業相談QR: consultationUrl ? QR_MARK : noFormNote, ネットワーク名: networkName.trim(), 発行日: formatWareki(issued), '発行日(西暦)': seireki, '発行日（西暦）': seireki, 掲載団体数: String(count) };
}

/**
 * What the template asks of the company form (issue 18, calls): `link` when it shows the form's link or QR code (only
 * then is it read: 2 calls); `qrMarks`, the number of QR marks the filled body will hold when each is a paragraph of its
 * own outside the 種別 section (the workspace then empties those paragraphs instead of cutting the mark out, and stops
 * after the last one), else null.
 */
export function consultationFormUse(template: TemplateOutline, plan: TemplatePlan): { link: boolean; qrMarks: number | null } {
  const form = (text: string) => placeholdersIn(text).filter((n) => n === '企業相談フォーム' || n === '企業相談QR');
  const qr = (text: string) => form(text).filter((n) => n === '企業相談QR').length;
  const lines = template.body.flatMap((b, i) => (b.cells ?? [[b.text]]).flat().flatMap((cell) => cell.split('\n')).map((text) => ({ text, i })));
  const link = [template.header ?? '', template.footer ?? '', ...lines.map((l) => l.text)].some((text) => form(text).length > 0);
  const marks = lines.filter((l) => qr(l.text) > 0);
  const own = marks.every((l) => (l.i < plan.groupStart || l.i > plan.groupEnd) && l.text.replace(/\{\{[^{}]*\}\}/, '').trim() === '' && qr(l.text) === 1);
  return { link, qrMarks: own ? marks.length : null };
}

// ------------------------------------------------------------------ template

/** What the workspace reads of the template: the body's top-level elements and the header/footer text. */
export interface TemplateElement {
  type: 'PARAGRAPH' | 'LIST_ITEM' | 'TABLE' | 'OTHER';
  /** Paragraph text; for a table, empty (see `cells`). */
  text: string;
  /** Table cell texts (lines of a cell separated by "\n"). */
  cells?: string[][];
}

export interface TemplateOutline {
  body: TemplateElement[];
  header: string | null;
  footer: string | null;
}

export interface TemplatePlan {
  groupStart: number;
  blockStart: number;
  blockEnd: number;
  groupEnd: number;
  /** Body indices of the section's elements before the block, and after it (each repeated per 種別). */
  groupBefore: number[];
  groupAfter: number[];
  /** Body index of the block's table. */
  tableIndex: number;
  headerRowsBefore: string[][];
  repeatingRows: string[][];
  headerRowsAfter: string[][];
}


export type TemplateResult = { ok: true; plan: TemplatePlan } | { ok: false; problems: TemplateProblem[] };

const KNOWN_NAMES: string[] = [...GLOBAL_PLACEHOLDERS, ...GROUP_PLACEHOLDERS, ...PAMPHLET_FIELDS.filter((f) => f !== '種別')];

/** Up to three known placeholder names closest to an unknown one. */
export function closestNames(unknown: string, known: readonly string[] = KNOWN_NAMES): string[] {
  return closestKnown(unknown, known);
}

const isGroup = (n: string) => (GROUP_PLACEHOLDERS as readonly string[]).includes(n);
const isField = (n: string) => (PAMPHLET_FIELDS as readonly string[]).includes(n);

/** Checks the template and finds its parts. Nothing is created from a template with problems. */
export function parseTemplate(outline: TemplateOutline): TemplateResult {
  const problems: TemplateProblem[] = [];
  const body = outline.body;
  const label = (i: number): TemplateWhere => ({ kind: 'paragraph', n: i + 1 });
  const m = MARKERS;
  const markerAt: Record<keyof typeof MARKERS, number[]> = { groupStart: [], groupEnd: [], blockStart: [], blockEnd: [] };
  const markerKeys = Object.keys(MARKERS) as (keyof typeof MARKERS)[];

  // Markers: alone in a top-level paragraph, each exactly once.
  body.forEach((el, i) => {
    const texts = el.type === 'TABLE' ? (el.cells ?? []).flat() : [el.text];
    for (const key of markerKeys) {
      const marker = MARKERS[key];
      if (!texts.some((t) => t.includes(marker))) continue;
      if (el.type === 'TABLE' || el.text.trim() !== marker) {
        problems.push({ code: 'markerAlone', params: { marker }, where: label(i) });
      } else markerAt[key].push(i);
    }
  });
  for (const key of markerKeys) {
    const n = markerAt[key].length;
    if (n === 0) problems.push({ code: 'markerMissing', params: { marker: MARKERS[key] } });
    if (n > 1) problems.push({ code: 'markerRepeated', params: { marker: MARKERS[key], count: n } });
  }
  const [gs, bs, be, ge] = [markerAt.groupStart[0], markerAt.blockStart[0], markerAt.blockEnd[0], markerAt.groupEnd[0]];
  if (problems.length === 0 && !(gs! < bs! && bs! < be! && be! < ge!)) {
    problems.push({ code: 'markerOrder', params: { order: [m.groupStart, m.blockStart, m.blockEnd, m.groupEnd].join(' → ') } });
  }

  // Placeholders: known, and agency fields only inside the block, group ones only inside the section.
  // (Where the markers are wrong, where a placeholder sits cannot be judged: only unknown names are reported.)
  const checkText = (text: string, where: TemplateWhere, scope: 'global' | 'group' | 'block' | null) => {
    if (unclosed(text)) problems.push({ code: 'unclosed', params: {}, where });
    for (const name of placeholdersIn(text)) {
      if (!KNOWN_NAMES.includes(name)) problems.push(unknownPlaceholder(name, KNOWN_NAMES, where));
      else if (scope === null) continue;
      else if (isField(name) && !isGroup(name) && scope !== 'block') problems.push({ code: 'fieldOutsideBlock', params: { placeholder: `{{${name}}}`, start: m.blockStart, end: m.blockEnd }, where });
      else if (isGroup(name) && scope === 'global') problems.push({ code: 'outsideSection', params: { placeholder: `{{${name}}}`, start: m.groupStart, end: m.groupEnd }, where });
    }
  };
  const ordered = problems.length === 0;
  body.forEach((el, i) => {
    const scope = !ordered ? null : i > bs! && i < be! ? 'block' : i > gs! && i < ge! ? 'group' : 'global';
    if (el.type === 'TABLE') (el.cells ?? []).forEach((row, r) => row.forEach((cell, c) => checkText(cell, { kind: 'table', n: i + 1, row: r + 1, col: c + 1 }, scope)));
    else checkText(el.text, label(i), scope);
  });
  if (outline.header !== null) checkText(outline.header, { kind: 'header' }, 'global');
  if (outline.footer !== null) checkText(outline.footer, { kind: 'footer' }, 'global');
  if (problems.length > 0 || !ordered) return { ok: false, problems };

  // The block: one table (empty paragraphs around it are allowed and dropped).
  const inside = body.slice(bs! + 1, be!).map((el, k) => ({ el, i: bs! + 1 + k }));
  const tables = inside.filter((x) => x.el.type === 'TABLE');
  const others = inside.filter((x) => x.el.type !== 'TABLE' && x.el.text.trim() !== '');
  if (tables.length !== 1 || others.length > 0) {
    return { ok: false, problems: [{ code: 'blockOneTable', params: { start: m.blockStart, end: m.blockEnd } }] };
  }
  const table = tables[0]!;
  const rows = table.el.cells ?? [];
  const isRepeating = (row: string[]) => row.some((cell) => placeholdersIn(cell).some((n) => isField(n)));
  const first = rows.findIndex(isRepeating);
  if (first < 0) {
    return { ok: false, problems: [{ code: 'blockNoField', params: { start: m.blockStart, end: m.blockEnd } }] };
  }
  let last = rows.length - 1;
  while (!isRepeating(rows[last]!)) last--;

  const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);
  return {
    ok: true,
    plan: {
      groupStart: gs!, blockStart: bs!, blockEnd: be!, groupEnd: ge!,
      groupBefore: range(gs! + 1, bs!), groupAfter: range(be! + 1, ge!),
      tableIndex: table.i,
      headerRowsBefore: rows.slice(0, first),
      repeatingRows: rows.slice(first, last + 1),
      headerRowsAfter: rows.slice(last + 1),
    },
  };
}

// ------------------------------------------------------------------ filling

/** The template as the checks read it, from the document read once (Docs API JSON → outline). */
export function templateOutline(outline: DocOutline): TemplateOutline {
  return {
    body: outline.body.map((b): TemplateElement => (b.kind === 'table'
      ? { type: 'TABLE', text: '', cells: cellTexts(b) }
      : { type: b.list ? 'LIST_ITEM' : 'PARAGRAPH', text: b.text })),
    header: segmentText(outline.header),
    footer: segmentText(outline.footer),
  };
}

/** Agency names are bold wherever {{名称}} is filled in the block's table. */
export const EMPHASISED_FIELDS = ['名称'] as const;

/**
 * What replaces the template's 種別 section, group by group: its paragraphs (the 種別 heading…) in the template's own
 * paragraph and text style, and one table per group — header rows once, the repeating rows once per agency — with
 * each template cell's text style, the template table's column widths and borders, and the agency names bold.
 */
export function pamphletItems(outline: DocOutline, plan: TemplatePlan, groups: readonly PamphletGroup[], globals: Readonly<Record<string, string>>): DocItem[] {
  const items: DocItem[] = [];
  const template = outline.body[plan.tableIndex] as DocTable;
  const styleOf = (row: number, col: number) => template.rows[row]?.[col]?.[0]?.runStyle;
  const before = plan.headerRowsBefore.length;
  const afterStart = before + plan.repeatingRows.length;
  const tableItem = (table: DocTable, cells: DocCell[][]): DocItem => ({ kind: 'table', cells, columnWidths: table.columnWidths, cellStyle: table.cellStyle });
  for (const group of groups) {
    const groupValues = { ...globals, 種別: group.kind, 種別団体数: String(group.entries.length) };
    const section = (indices: number[]) => {
      for (const i of indices) {
        const block = outline.body[i]!;
        if (block.kind === 'table') {
          items.push(tableItem(block, cellTexts(block).map((row, r) => row.map((cell, c) => ({ text: fillLines(cell, groupValues), textStyle: block.rows[r]![c]![0]?.runStyle })))));
          continue;
        }
        const text = fillLine(block.text, groupValues);
        if (text !== null) items.push({ kind: 'paragraph', text, style: block.style, textStyle: block.runStyle });
      }
    };
    section(plan.groupBefore);
    const fixed = (rows: string[][], first: number) => rows.map((row, r) => row.map((cell, c): DocCell => ({ text: fillLines(cell, groupValues), textStyle: styleOf(first + r, c) })));
    const repeated = group.entries.flatMap((entry) => {
      const values = { ...groupValues, ...entry.values };
      return plan.repeatingRows.map((row, r) => row.map((cell, c): DocCell => {
        const filled = fillLinesSpans(cell, values, EMPHASISED_FIELDS);
        return { text: filled.text, textStyle: styleOf(before + r, c), bold: filled.spans };
      }));
    });
    items.push(tableItem(template, [...fixed(plan.headerRowsBefore, 0), ...repeated, ...fixed(plan.headerRowsAfter, afterStart)]));
    section(plan.groupAfter);
  }
  return items;
}

// ------------------------------------------------------------------ the default template

export function defaultTemplate(): DefaultTemplate {
  return {
    title: 'パンフレットのひな形（就労支援機関ガイド）',
    header: '{{ネットワーク名}}　就労支援機関ガイド',
    footer: '発行：{{ネットワーク名}}　{{発行日}}（{{発行日(西暦)}}）',
    body: [
      { type: 'PARAGRAPH', text: '障害のある方の雇用をお考えの企業の皆さまへ', heading: 'TITLE' },
      { type: 'PARAGRAPH', text: '{{ネットワーク名}} 就労支援機関ガイド', heading: 'SUBTITLE' },
      { type: 'PARAGRAPH', text: 'このガイドは、障害のある方の採用や職場定着について相談できる地域の就労支援機関を、種別ごとにご紹介するものです。見学や職場実習のご相談、雇用後の定着支援など、お気軽に各機関の企業向け窓口へお問い合わせください。' },
      { type: 'PARAGRAPH', text: '発行日：{{発行日}}（{{発行日(西暦)}}）　掲載団体数：{{掲載団体数}}' },
      { type: 'PARAGRAPH', text: MARKERS.groupStart },
      { type: 'PARAGRAPH', text: '{{種別}}（{{種別団体数}}団体）', heading: 'HEADING1' },
      { type: 'PARAGRAPH', text: MARKERS.blockStart },
      {
        type: 'TABLE',
        cells: [
          ['機関名', '所在地・連絡先', '企業向けの支援'],
          [
            '{{名称}}',
            '{{所在地}}\n最寄駅：{{最寄駅}}\n電話：{{電話}}\nFAX：{{FAX}}\nメール：{{メール}}\nURL：{{URL}}\n開所日時：{{開所日時}}',
            '対象障害：{{対象障害}}\n支援内容：{{企業向け支援}}\n企業向け窓口：{{企業向け窓口}}\n特色：{{特色}}',
          ],
        ],
      },
      { type: 'PARAGRAPH', text: MARKERS.blockEnd },
      { type: 'PARAGRAPH', text: MARKERS.groupEnd },
      { type: 'PARAGRAPH', text: 'お問い合わせの際は「{{ネットワーク名}}のガイドを見た」とお伝えください。', heading: 'NORMAL' },
      { type: 'PARAGRAPH', text: 'どの機関に相談すればよいか分からないときは、企業相談フォームからどうぞ（担当の機関からご連絡します）：{{企業相談フォーム}}' },
      { type: 'PARAGRAPH', text: QR_MARK },
    ],
  };
}
