/**
 * Personal data (issue 19): how long it is kept, who a request is about, and what erasing it leaves. Pure.
 *
 * Where the add-on keeps something about a person is one table (PERSONAL_SHEETS): each sheet names, by header, the
 * columns that identify the person, the columns erasing blanks, and the event the row belongs to (retention counts
 * from the event). A feature that adds a sheet holding people (送信記録, 受講記録, 企業相談の連絡先) adds one entry
 * here, and 「個人情報の整理」, 「本人のデータを検索」 and 「本人のデータを削除」 cover it. Form response sheets (their
 * headers are the questions) and the forms' own response stores are handled beside the table (workspace/features/privacy.ts).
 */
import { CivilDate, fiscalYearOf } from './dates';
import { normaliseFurigana, normaliseName } from './registration';
import { isEmail, normaliseEmail } from './email';
import { formatIssueNumber } from './certificates';
import type { DocItem } from './doc-requests';

/** What an erased person's name cell holds: the row still counts (the report's figures), but says whose it was no longer. */
export const ERASED = '（削除済み）';

export const RETENTION_SETTING = '個人情報の保存期間';
export const DEFAULT_RETENTION = '翌年度末';
/** Who may read the accommodation answers: e-mail addresses, 「、」 or 「,」 separated. */
export const COORDINATORS_SETTING = '配慮事項の閲覧者';

export interface PersonalSheet {
  sheet: string;
  /** The row's key column (tables.ts finds a row again by it); without one, rows are found by `identity` + the rest. */
  rowKey?: string;
  /** More columns read so a row is found again by its content (and the survey store's 設問, for its choices). */
  identity?: readonly string[];
  /** Header of the event id the row belongs to (retention counts from that event's date). */
  event?: string;
  /**
   * For a row of no event (a company's inquiry): the headers of its dates, the period counting from the latest (a
   * header the sheet lacks — a response sheet's タイムスタンプ in another locale — is left out).
   */
  since?: readonly string[];
  /** Cells the period's end keeps, by the row (a company that agreed to be named in the report keeps its name there). */
  keeps?: (cells: Readonly<Record<string, string>>) => string[];
  /** Headers that identify the person: an e-mail, a name and its ふりがな. */
  email?: string;
  name?: string;
  furigana?: string;
  /** Cells set to ERASED (the name) and to '' (everything else personal) when the row is erased. */
  eraseName?: string;
  clear: readonly string[];
  /** Free text that may mention anybody: searched for the person's name or e-mail, the mention replaced. */
  freeText?: readonly string[];
  /** Only the free text goes when the period ends (anonymous rows, e.g. the survey store). */
  retainRows?: boolean;
  /** The ledger's 回答id a row belongs to: the row is the person's when their ledger row is (a record without names). */
  link?: string;
  /**
   * Drive file ids (space-separated) of files the add-on made that name the person (a per-person PDF): trashed, and the
   * cell emptied, on erase and when the period ends; listed as `filesPlace` (never the file's name, which names them).
   */
  files?: string;
  filesPlace?: string;
  /**
   * How those files are named, from the row (a prefix in the add-on's output folder): finds one whose id did not reach
   * the row (made before the column existed, or by a run that stopped before recording it).
   */
  filesNamed?: (cells: Readonly<Record<string, string>>) => string;
  /**
   * A sheet a later feature adds, absent until it is used. The others are made by 初期設定: one missing (or renamed by
   * a person) stops the operation with the usual message, rather than being skipped — or, renamed, being mistaken for
   * an unrelated sheet and scrubbed as one.
   */
  optional?: boolean;
}

/**
 * The sheets of this spreadsheet that hold people, by header. 参加者台帳 keeps 行事id, 所属団体, 状態, 出席 and the
 * times when a row is erased: those are what the activity report counts, and without a name, ふりがな, e-mail, 職種 or
 * 備考 they say nobody's name. 操作ログ is searched and scrubbed, never counted from.
 */
/**
 * A form response sheet's time stamp header, as Google writes it in a Japanese-locale spreadsheet, and as it writes it
 * in an English-locale one (a form linked while the spreadsheet's locale was English). Both assumed, no Google page
 * lists them; a sheet of any other locale has no date to count from (its rows are kept, docs/privacy.md).
 */
const STAMP = ['タイムスタンプ'];
export const HEADER_ALIASES: Readonly<Record<string, readonly string[]>> = { タイムスタンプ: ['Timestamp'] };

export const PERSONAL_SHEETS: readonly PersonalSheet[] = [
  // 受講記録 (certificates.ts): a person's line per event attended; its agency totals below them name nobody. It comes
  // before the ledger: its rows are found by the e-mail the ledger gives, so they are erased before that e-mail is.
  { sheet: '受講記録', optional: true, identity: ['メール', '行事id'], event: '行事id', email: 'メール', name: '氏名', eraseName: '氏名', clear: ['メール'] },
  // The ledger is the one with a row key (retention finds it so).
  { sheet: '参加者台帳', rowKey: '回答id', identity: ['回答id'], event: '行事id', email: 'メール', name: '氏名', furigana: 'ふりがな', eraseName: '氏名', clear: ['ふりがな', 'メール', '職種', '備考'] },
  // 参加証明書発行記録 (certificates.ts): number, event and 回答id, no name — kept (a number is never issued twice; the
  // report counts them). Its 個別PDFid lists each per-person PDF (参加証明書_<行事>_<番号>_<氏名>.pdf): those go.
  { sheet: '参加証明書発行記録', optional: true, identity: ['id', '発行番号'], event: '行事id', link: '回答id', files: '個別PDFid', filesPlace: '参加証明書（個別PDF）',
    filesNamed: (c) => `参加証明書_${c['行事id']}_${formatIssueNumber(Number(c['発行番号']))}_`, clear: [], retainRows: true },
  { sheet: 'アンケート記録', identity: ['回答id', '回答日時', '設問'], event: '行事id', clear: [], freeText: ['回答'], retainRows: true },
  { sheet: '操作ログ', identity: ['日時', '実行者', '操作'], clear: [], freeText: ['詳細'], retainRows: true },
  // issue 17: a company's contact person; the row (受付番号, 状態, dates, 業種, 相談内容) stays for the report's counts
  // (consultationFigures), and when its period ends, counted from its last update, so does the name of a company that
  // agreed to be named in the report (社名掲載).
  { sheet: '企業相談', optional: true, identity: ['受付番号', '社名掲載'], since: ['最終更新日時', '受付日時'], keeps: (c) => (c['社名掲載'] === '掲載してよい' ? ['会社名'] : []), email: '担当者メール', name: '担当者名', eraseName: '担当者名', clear: ['担当者役職', '担当者メール', '電話', '会社名'], freeText: ['自由記述', '対応メモ'] },
  // Its two forms' response sheets (question titles = the 企業相談 headers), by their own time stamps; the forms' own
  // stores are reached beside the table (workspace/features/privacy.ts).
  { sheet: '企業相談回答', optional: true, identity: ['会社名'], since: STAMP, email: '担当者メール', name: '担当者名', eraseName: '担当者名', clear: ['担当者役職', '担当者メール', '電話', '会社名'], freeText: ['自由記述'] },
  { sheet: '企業相談状況回答', optional: true, identity: ['受付番号'], since: STAMP, clear: [], freeText: ['対応メモ'], retainRows: true },
  // 関係機関 (issue 17): a partner organisation's contact person. Kept while the network works with the partner (no
  // period: within it, only mentions in 備考 of people whose period ended go); found, and erased on request, like any.
  { sheet: '関係機関', optional: true, identity: ['id', '名称'], email: 'メール', name: '担当者', eraseName: '担当者', clear: ['メール', '電話'], freeText: ['備考'] },
  // Designed, not yet built (issue 15's 送信記録): one line, e.g.
  // { sheet: '送信記録', optional: true, event: '行事id', email: '宛先', eraseName: …, clear: ['宛先', …] },
];

// ---------- retention ----------

export type RetentionRule = { kind: 'fiscalYearEnd'; yearsAfter: number } | { kind: 'months'; months: number };

/**
 * 設定「個人情報の保存期間」: 翌年度末 (default: the end of the fiscal year after the event's, so the activity report of
 * the event's year can still be written), 翌々年度末, or a number of months or years after the event (6か月, 2年).
 */
export function parseRetention(text: string): RetentionRule | null {
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  if (t === '' || t === '翌年度末') return { kind: 'fiscalYearEnd', yearsAfter: 1 };
  if (t === '翌々年度末') return { kind: 'fiscalYearEnd', yearsAfter: 2 };
  if (t === '当年度末') return { kind: 'fiscalYearEnd', yearsAfter: 0 };
  const months = /^(\d{1,3})(?:か月|ヶ月|カ月|ケ月|箇月|ヵ月)$/.exec(t);
  if (months) return Number(months[1]) > 0 ? { kind: 'months', months: Number(months[1]) } : null;
  const years = /^(\d{1,2})年$/.exec(t);
  if (years) return Number(years[1]) > 0 ? { kind: 'months', months: Number(years[1]) * 12 } : null;
  return null;
}

/** The last day personal data of an event held on `eventDay` is kept. */
export function keptUntil(eventDay: CivilDate, rule: RetentionRule): CivilDate {
  if (rule.kind === 'fiscalYearEnd') {
    const end = fiscalYearOf(eventDay).end;
    return { year: end.year + rule.yearsAfter, month: 3, day: 31 };
  }
  const total = eventDay.year * 12 + (eventDay.month - 1) + rule.months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { year, month, day: Math.min(eventDay.day, last) };
}

const dayNumber = (d: CivilDate) => d.year * 10000 + d.month * 100 + d.day;

/** Whether `today` is after the last day kept. An event without a date is never past its period (it is reported). */
export function isPastRetention(eventDay: CivilDate | null, today: CivilDate, rule: RetentionRule): boolean {
  return eventDay !== null && dayNumber(today) > dayNumber(keptUntil(eventDay, rule));
}

// ---------- who a request is about ----------

export interface PersonQuery {
  /** Normalised e-mail, or '' when asked by name. */
  email: string;
  /** Name and ふりがな without spaces ('' when asked by e-mail). */
  name: string;
  furigana: string;
}

const strip = (s: string) => s.replace(/[\s\u3000]/g, '');

/**
 * What a coordinator typed: an e-mail address, or 氏名 and ふりがな separated by 「/」「／」「,」「、」. Null when neither
 * (a name alone is too likely to be shared by two people to erase on).
 */
export function parsePersonQuery(text: string): PersonQuery | null {
  const t = text.trim();
  if (t.includes('@') || t.includes('＠')) {
    const email = normaliseEmail(t);
    return isEmail(email) ? { email, name: '', furigana: '' } : null;
  }
  const parts = t.split(/[/／,，、]/).map((s) => s.trim()).filter((s) => s !== '');
  if (parts.length !== 2) return null;
  const name = strip(normaliseName(parts[0]!));
  const furigana = strip(normaliseFurigana(parts[1]!));
  return name.length >= 2 && furigana.length >= 2 ? { email: '', name, furigana } : null;
}

/** The person as found: every e-mail and name the matching rows hold (asked by e-mail, the name comes from the ledger). */
export interface PersonTraits {
  emails: string[];
  names: string[];
}

export function isPerson(q: PersonQuery, fields: { email?: string; name?: string; furigana?: string }): boolean {
  if (q.email !== '') return normaliseEmail(fields.email ?? '') === q.email;
  return strip(normaliseName(fields.name ?? '')) === q.name && strip(normaliseFurigana(fields.furigana ?? '')) === q.furigana;
}

export function traitsOf(q: PersonQuery, matched: readonly { email?: string; name?: string }[]): PersonTraits {
  const emails = new Set<string>(q.email ? [q.email] : []);
  const names = new Set<string>(q.name ? [q.name] : []);
  for (const m of matched) {
    const e = normaliseEmail(m.email ?? '');
    if (e !== '' && e.includes('@')) emails.add(e);
    const n = strip(normaliseName(m.name ?? ''));
    if (n.length >= 2 && n !== strip(ERASED)) names.add(n);
  }
  return { emails: [...emails], names: [...names] };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A pattern for each trait: an e-mail in any case, a name with any spacing between its characters. */
function patterns(traits: PersonTraits): RegExp[] {
  // Made once per set of traits, not per cell: the tidy-up looks for thousands of people in thousands of cells (each
  // use resets lastIndex: mentions() by hand, replace() by its own rule for a global pattern).
  const known = PATTERNS.get(traits);
  if (known && known.emails === traits.emails && known.names === traits.names) return known.res;
  const res = [
    ...traits.emails.map((e) => new RegExp(escapeRe(e), 'gi')),
    ...traits.names.map((n) => new RegExp([...n].map(escapeRe).join('[\\s\\u3000]*'), 'g')),
  ];
  PATTERNS.set(traits, { emails: traits.emails, names: traits.names, res });
  return res;
}
const PATTERNS = new WeakMap<PersonTraits, { emails: readonly string[]; names: readonly string[]; res: RegExp[] }>();

export function mentions(traits: PersonTraits, text: string): boolean {
  if (text === '') return false;
  const t = text.normalize('NFKC');
  const x = lookup(traits);
  return [t, text].some((s) => x.found(s)) || x.slow.some((p) => { p.lastIndex = 0; return p.test(t) || p.test(text); });
}

/**
 * What patterns() finds, by lookup instead of one pattern per person (the tidy-up looks for 10,000 people in every
 * cell of every sheet): an ASCII e-mail `gi` is the e-mail as a substring of the text with A–Z lowered (a pattern's
 * ASCII letter matches only ASCII letters under `i`), found from each 「@」 by the two characters before it; a name
 * without blanks, its characters joined by [\s\u3000]*, is a substring of the text with blanks removed, found by its
 * first two or three characters. Any other trait keeps its pattern (`slow`).
 */
function lookup(traits: PersonTraits): { found: (text: string) => boolean; slow: RegExp[] } {
  const known = LOOKUPS.get(traits);
  if (known && known.emails === traits.emails && known.names === traits.names) return known.x;
  const byAt = new Map<string, { email: string; at: number }[]>();
  const byStart = [new Map<string, string[]>(), new Map<string, string[]>()];
  const slow: RegExp[] = [];
  const add = <T>(m: Map<string, T[]>, k: string, v: T) => { const l = m.get(k); if (l) l.push(v); else m.set(k, [v]); };
  for (const e of traits.emails) {
    const at = e.indexOf('@');
    if (/^[\x20-\x7e]+$/.test(e) && at >= 0) add(byAt, e.slice(Math.max(0, at - 2), at + 1).toLowerCase(), { email: e.toLowerCase(), at });
    else slow.push(new RegExp(escapeRe(e), 'gi'));
  }
  for (const n of traits.names) {
    if (n.length >= 2 && !/\s/.test(n)) add(byStart[n.length >= 3 ? 1 : 0]!, n.slice(0, n.length >= 3 ? 3 : 2), n);
    else slow.push(new RegExp([...n].map(escapeRe).join('[\\s\\u3000]*'), 'g'));
  }
  const found = (text: string): boolean => {
    if (byAt.size && text.includes('@')) {
      const lower = text.replace(/[A-Z]+/g, (c) => c.toLowerCase());
      for (let p = lower.indexOf('@'); p >= 0; p = lower.indexOf('@', p + 1)) {
        for (let k = 0; k <= 2 && k <= p; k++) {
          if ((byAt.get(lower.slice(p - k, p + 1)) ?? []).some((c) => Math.min(c.at, 2) === k && p >= c.at && lower.startsWith(c.email, p - c.at))) return true;
        }
      }
    }
    if (byStart[0]!.size + byStart[1]!.size) {
      const bare = text.replace(/\s/g, '');
      for (let i = 0; i + 1 < bare.length; i++) {
        if (byStart.some((m, j) => (m.get(bare.slice(i, i + 2 + j)) ?? []).some((n) => bare.startsWith(n, i)))) return true;
      }
    }
    return false;
  };
  const x = { found, slow };
  LOOKUPS.set(traits, { emails: traits.emails, names: traits.names, x });
  return x;
}
const LOOKUPS = new WeakMap<PersonTraits, { emails: readonly string[]; names: readonly string[]; x: ReturnType<typeof lookup> }>();

/** The text with every mention of the person replaced by ERASED. */
export function scrub(traits: PersonTraits, text: string): string {
  let out = text;
  for (const p of patterns(traits)) out = out.replace(p, ERASED);
  // A mention written in full-width (ＡＢＣ＠…) is found through NFKC; rewriting it means taking the NFKC text.
  if (mentions(traits, out)) {
    out = out.normalize('NFKC');
    for (const p of patterns(traits)) out = out.replace(p, ERASED);
  }
  return out;
}

// ---------- what a row becomes ----------

/**
 * The cells of a personal sheet's row after erasing (header → new value), leaving what the report counts. With
 * `traits` (a person's request, or the people whose period ended) free text loses the mentions of them; with `keep`
 * (retention of an anonymous row) free text goes unless it is countable.
 */
export function erasedCells(
  def: PersonalSheet, row: Readonly<Record<string, string>>, traits: PersonTraits | null, keep?: (text: string) => boolean,
): Record<string, string> {
  const out: Record<string, string> = {};
  const whole = !def.retainRows;
  if (whole && def.eraseName && row[def.eraseName] !== ERASED) out[def.eraseName] = ERASED;
  if (whole) for (const h of def.clear) if ((row[h] ?? '') !== '') out[h] = '';
  for (const h of def.freeText ?? []) {
    const text = row[h] ?? '';
    if (text === '' || h in out) continue;
    if (keep) { if (!keep(text)) out[h] = ''; } else if (traits === null) out[h] = '';
    else if (mentions(traits, text)) out[h] = scrub(traits, text);
  }
  if (traits === null) for (const h of def.keeps?.(row) ?? []) delete out[h];
  return out;
}

/**
 * A survey answer kept when its event's period ends: a number (a 5段階 answer) or choices offered by the question.
 * Free text (記述, 「その他」 typed in) may name somebody and goes.
 */
export function isCountableAnswer(answer: string, choices: readonly string[] | undefined): boolean {
  const a = answer.trim();
  if (a === '' || /^\d+(?:\.\d+)?$/.test(a)) return true;
  if (!choices || choices.length === 0) return false;
  return a.split(/\s*[;,、]\s*/).every((part) => choices.includes(part));
}

// ---------- the export of 「本人のデータを検索」 ----------

/** One row the person has somewhere: where (a sheet, a form's responses, a file), and its cells by header. */
export interface ExportRow { place: string; cells: Record<string, string> }

/**
 * The readable export (a Google Doc and its PDF, for the coordinator to send): a heading, then per place a heading and
 * a table of the person's rows under the headers they have there (in the order first met), header row in bold.
 */
export function exportItems(title: string, rows: readonly ExportRow[]): DocItem[] {
  const places = [...new Set(rows.map((r) => r.place))];
  return [{ kind: 'paragraph', text: title, style: { namedStyleType: 'HEADING_1' } }, ...places.flatMap((place): DocItem[] => {
    const mine = rows.filter((r) => r.place === place);
    const headers = [...new Set(mine.flatMap((r) => Object.keys(r.cells)))];
    return [
      { kind: 'paragraph', text: place, style: { namedStyleType: 'HEADING_2' } },
      { kind: 'table', cells: [headers.map((h) => ({ text: h, textStyle: { bold: true } })), ...mine.map((r) => headers.map((h) => ({ text: r.cells[h] ?? '' })))] },
    ];
  })];
}

// ---------- a scan of a form's responses over several executions (workspace/deadline.ts) ----------

/**
 * Where a search or an erase stopped, carried by the sidebar to its next call (never kept on the server: it would
 * say whom it is about): per form id, the responses already examined that are not the person's (`seen`, a short hash
 * of each response id: a response examined before is skipped whatever the order Google lists them in) and, for a
 * search, those that are (`found`, ids: counted, and read again for the export at the end); the forms scanned to the
end (`done`). Ids and hashes only.
 */
export interface ScanCursor { seen: Record<string, string[]>; found: Record<string, string[]>; done: string[] }

export function parseCursor(text: string | undefined): ScanCursor {
  try {
    const c = JSON.parse(text || '{}') as Partial<ScanCursor>;
    return { seen: c.seen ?? {}, found: c.found ?? {}, done: c.done ?? [] };
  } catch {
    return { seen: {}, found: {}, done: [] };
  }
}

/** A 53-bit hash of a response id in base 36 (cyrb53): 11 characters instead of ~50, collisions ~n²/2⁵⁴. */
export function idHash(id: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/**
 * The times to ask `Form.getResponses(t)` ("responses after a given date and time") so that, per second s of a
 * person's rows, count(from) − count(to) is at least the number of responses within s, whether Google's "after" is
 * strict or not: from = 1 ms before s, to = the next second. A response exactly on an edge is counted twice, never
 * missed: the scan may look further, never stop early.
 */
export function secondWindows(seconds: Iterable<number>): { from: number; to: number }[] {
  return [...new Set(seconds)].sort((a, b) => a - b).map((s) => ({ from: s * 1000 - 1, to: (s + 1) * 1000 }));
}
