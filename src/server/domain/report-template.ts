/**
 * The activity report's Docs template: the default one 「活動報告書を作成」 creates the first time (coordinators may
 * reword and restyle it), checking a template, and the filled tables. Same template language as the pamphlet
 * (domain/pamphlet.ts): `{{項目}}` placeholders, a line whose placeholders are all empty is left out, and a table
 * between `{{#名前}}` and `{{/名前}}` paragraphs has its placeholder rows repeated once per record. Pure.
 */
import { DefaultTemplate, SectionFill, TemplateProblem, TemplateWhere, fillLines, placeholdersIn, unknownPlaceholder } from './template';
import { DocCell, DocOutline, DocParagraph, DocTable, cellTexts } from './doc-requests';
import { REPORT_BLOCK_FIELDS, REPORT_GLOBAL_FIELDS, ReportFields } from './report';

export type ReportBlock = keyof typeof REPORT_BLOCK_FIELDS;
export const REPORT_BLOCKS = Object.keys(REPORT_BLOCK_FIELDS) as ReportBlock[];
export const REPORT_TEMPLATE_SETTING = '活動報告書ひな形id';
export const REPORT_FOLDER_SETTING = '活動報告書の保存先フォルダid';
export const REPORT_NAME_PREFIX = '活動報告書';
/** Shown where a block has no records (e.g. no agency joined). */
export const EMPTY_BLOCK_TEXT = '（該当なし）';

const start = (b: ReportBlock) => `{{#${b}}}`;
const end = (b: ReportBlock) => `{{/${b}}}`;

export function defaultReportTemplate(): DefaultTemplate {
  return {
    title: '活動報告書のひな形',
    header: '{{ネットワーク名}}　{{年度}} 活動報告書',
    footer: '{{ネットワーク名}}　作成日：{{作成日}}',
    body: [
      { type: 'PARAGRAPH', text: '{{ネットワーク名}} 活動報告書', heading: 'TITLE' },
      { type: 'PARAGRAPH', text: '{{年度}}（{{対象期間}}／{{対象期間和暦}}）', heading: 'SUBTITLE' },
      { type: 'PARAGRAPH', text: '作成日：{{作成日}}' },
      { type: 'PARAGRAPH', text: '1. 加盟団体', heading: 'HEADING1' },
      { type: 'PARAGRAPH', text: '期首 {{期首団体数}}団体 → 期末 {{期末団体数}}団体（新規加入 {{加入団体数}}団体、掲載情報の確認 {{掲載情報確認団体数}}団体）' },
      { type: 'PARAGRAPH', text: start('加入団体') },
      { type: 'TABLE', cells: [['新規加入団体', '種別', '加入日'], ['{{団体名}}', '{{団体種別}}', '{{加入日}}\n（{{加入日和暦}}）']] },
      { type: 'PARAGRAPH', text: end('加入団体') },
      { type: 'PARAGRAPH', text: '2. 研修・行事', heading: 'HEADING1' },
      { type: 'PARAGRAPH', text: '開催 {{行事数}}件、延べ参加者 {{延べ参加者数}}人' },
      { type: 'PARAGRAPH', text: start('行事') },
      {
        type: 'TABLE',
        cells: [
          ['行事', '開催日', '参加者', '参加団体', 'アンケート'],
          [
            '{{行事名}}\n（{{種類}}）',
            '{{開催日}}\n（{{開催日和暦}}）',
            '参加 {{参加者数}}人\n当日の出席 {{出席者数}}人\nキャンセル待ち {{キャンセル待ち数}}人',
            '{{参加団体数}}団体：{{参加団体}}\n会員外の参加 {{会員外参加者数}}人',
            '回答 {{アンケート回答数}}件（回答率 {{回答率}}）\n全体満足度 {{満足度}}（4〜5の割合 {{満足度上位割合}}）\n最も高い評価：{{最も高い評価}}\n希望の多いテーマ：{{希望テーマ}}',
          ],
        ],
      },
      { type: 'PARAGRAPH', text: end('行事') },
      { type: 'PARAGRAPH', text: '研修の受講：{{受講者数}}人（延べ {{受講延べ回数}}回、{{受講団体数}}団体）、参加証明書 {{参加証明書発行数}}枚' },
      { type: 'PARAGRAPH', text: '3. 会議', heading: 'HEADING1' },
      { type: 'PARAGRAPH', text: '開催 {{会議数}}回' },
      { type: 'PARAGRAPH', text: start('会議') },
      { type: 'TABLE', cells: [['会議の種類', '開催回数', '期間内の今後の予定'], ['{{会議の種類}}', '{{開催回数}}', '{{予定回数}}']] },
      { type: 'PARAGRAPH', text: end('会議') },
      { type: 'PARAGRAPH', text: '4. 企業向けパンフレット', heading: 'HEADING1' },
      { type: 'PARAGRAPH', text: '発行：{{パンフレット発行}}' },
      { type: 'PARAGRAPH', text: start('パンフレット') },
      { type: 'TABLE', cells: [['発行日', '文書'], ['{{発行日}}（{{発行日和暦}}）', '{{文書名}}']] },
      { type: 'PARAGRAPH', text: end('パンフレット') },
      { type: 'PARAGRAPH', text: '5. 企業相談', heading: 'HEADING1' },
      { type: 'PARAGRAPH', text: '受付 {{企業相談件数}}件（初回対応までの日数の中央値 {{企業相談_初回対応日数}}日）' },
      { type: 'PARAGRAPH', text: '相談内容：{{企業相談_内容別}}' },
      { type: 'PARAGRAPH', text: '業種：{{企業相談_業種別}}' },
      { type: 'PARAGRAPH', text: '結果：{{企業相談_結果別}}' },
      { type: 'PARAGRAPH', text: '社名の掲載に同意した企業：{{企業相談_掲載企業}}' },
      { type: 'PARAGRAPH', text: '個人情報の取扱い', heading: 'HEADING2' },
      { type: 'PARAGRAPH', text: 'この報告書には参加者の氏名・連絡先を載せていません。企業相談は件数だけで、社名は掲載に同意した企業のみです。アンケートの内訳は、回答者が特定されないよう5人未満の区分を表示していません。' },
    ],
  };
}

/** What the workspace reads of a template: the body's top-level elements, and the header/footer text. */
export interface ReportOutlineElement {
  /** A table inside a block (its cells read); anything else is read as its text. */
  type: 'PARAGRAPH' | 'TABLE';
  /** The element's text, or the cells of a table. */
  text: string;
  cells?: string[][];
}

export interface ReportTemplatePlan {
  /** Index (in the outline) of each block's start marker, table and end marker. */
  blocks: { name: ReportBlock; start: number; table: number; end: number }[];
}

export type ReportTemplateCheck = { ok: true; plan: ReportTemplatePlan } | { ok: false; problems: TemplateProblem[] };

const GLOBALS: readonly string[] = REPORT_GLOBAL_FIELDS;

/** Finds the blocks and checks every placeholder; a template with problems fills nothing. */
export function checkReportTemplate(body: readonly ReportOutlineElement[], headerFooter: readonly string[]): ReportTemplateCheck {
  const problems: TemplateProblem[] = [];
  const blocks: ReportTemplatePlan['blocks'] = [];
  const unknown = (name: string, where: TemplateWhere, known: readonly string[]) => problems.push(unknownPlaceholder(name, known, where));
  const say = (code: string, params: Record<string, string>) => problems.push({ code, params });
  let open: { name: ReportBlock; start: number; table: number } | null = null;
  body.forEach((el, i) => {
    const text = el.text.trim();
    const marker = /^\{\{([#/])([^{}]+)\}\}$/.exec(text);
    if (el.type === 'PARAGRAPH' && marker) {
      const name = marker[2]!.trim() as ReportBlock;
      if (!REPORT_BLOCKS.includes(name)) { say('unknownMarker', { marker: text, markers: REPORT_BLOCKS.map((b) => start(b)).join('、') }); return; }
      if (marker[1] === '#') {
        if (open) say('nestedBlock', { open: start(open.name), marker: text, close: end(open.name) });
        open = { name, start: i, table: -1 };
      } else if (!open || open.name !== name) {
        say('noOpening', { marker: text, open: start(name) });
      } else {
        if (open.table < 0) say('noTable', { open: start(name), close: end(name) });
        else blocks.push({ name, start: open.start, table: open.table, end: i });
        open = null;
      }
      return;
    }
    if (open && el.type === 'TABLE') {
      const current: { name: ReportBlock; start: number; table: number } = open;
      if (current.table >= 0) say('twoTables', { open: start(current.name) });
      current.table = i;
      const known = [...GLOBALS, ...REPORT_BLOCK_FIELDS[current.name]];
      for (const row of el.cells ?? []) for (const cell of row) for (const n of placeholdersIn(cell)) if (!known.includes(n)) unknown(n, { kind: 'block', name: current.name }, known);
      return;
    }
    const texts = el.type === 'TABLE' ? (el.cells ?? []).flat() : [el.text];
    for (const t of texts) for (const n of placeholdersIn(t)) if (!GLOBALS.includes(n)) unknown(n, { kind: 'body' }, GLOBALS);
  });
  if (open) say('notClosed', { open: start((open as { name: ReportBlock }).name), close: end((open as { name: ReportBlock }).name) });
  for (const t of headerFooter) for (const n of placeholdersIn(t)) if (!GLOBALS.includes(n)) unknown(n, { kind: 'headerFooter' }, GLOBALS);
  return problems.length ? { ok: false, problems } : { ok: true, plan: { blocks } };
}

/**
 * A block's table filled: rows without placeholders (the header) once, then the placeholder rows once per record.
 * Null when there are no records (the workspace shows EMPTY_BLOCK_TEXT instead of an empty table).
 */
export function fillBlockTable(cells: readonly (readonly string[])[], records: readonly Readonly<Record<string, string>>[], globals: Readonly<Record<string, string>>): string[][] | null {
  if (!records.length) return null;
  const isTemplateRow = (row: readonly string[]) => row.some((c) => placeholdersIn(c).length > 0);
  const out: string[][] = [];
  const headerRows = cells.filter((r) => !isTemplateRow(r));
  const templateRows = cells.filter(isTemplateRow);
  for (const row of headerRows) out.push(row.map((c) => fillLines(c, globals)));
  for (const record of records) for (const row of templateRows) out.push(row.map((c) => fillLines(c, { ...globals, ...record })));
  return out;
}

/** 活動報告書_令和7年度_2026-02-02 */
export function reportDocumentName(fields: ReportFields, todayIso: string): string {
  return `${REPORT_NAME_PREFIX}_${fields.global['年度']}_${todayIso}`.replace(/[\\/:*?"<>|]/g, '-');
}

/** The template as the checks read it, from the document read once (Docs API JSON → outline). */
export function reportOutline(outline: DocOutline): ReportOutlineElement[] {
  return outline.body.map((b) => (b.kind === 'table' ? { type: 'TABLE', text: '', cells: cellTexts(b) } : { type: 'PARAGRAPH', text: b.text }));
}

/**
 * Each block (its markers and its table) replaced by the filled table — header rows once, the placeholder rows once
 * per record, each cell in its template cell's text style, with the template's column widths and borders — or by
 * EMPTY_BLOCK_TEXT when there are no records.
 */
export function reportSections(outline: DocOutline, plan: ReportTemplatePlan, fields: ReportFields): SectionFill[] {
  return plan.blocks.map((block) => {
    const table = outline.body[block.table] as DocTable;
    const texts = cellTexts(table);
    const cells = fillBlockTable(texts, fields.blocks[block.name], fields.global);
    if (!cells) {
      const marker = outline.body[block.start] as DocParagraph;
      return { first: block.start, last: block.end, items: [{ kind: 'paragraph', text: EMPTY_BLOCK_TEXT, style: marker.style, textStyle: marker.runStyle }] };
    }
    // fillBlockTable puts the rows without placeholders first, then the placeholder rows per record: the same order
    // of template rows gives each output row its template row's styles.
    const isTemplateRow = (row: readonly string[]) => row.some((c) => placeholdersIn(c).length > 0);
    const headerRows = texts.map((row, r) => (isTemplateRow(row) ? -1 : r)).filter((r) => r >= 0);
    const templateRows = texts.map((row, r) => (isTemplateRow(row) ? r : -1)).filter((r) => r >= 0);
    const sourceRows = [...headerRows, ...fields.blocks[block.name].flatMap(() => templateRows)];
    const styled = cells.map((row, r) => row.map((text, c): DocCell => ({ text, textStyle: table.rows[sourceRows[r]!]?.[c]?.[0]?.runStyle })));
    return { first: block.start, last: block.end, items: [{ kind: 'table', cells: styled, columnWidths: table.columnWidths, cellStyle: table.cellStyle }] };
  });
}
