/**
 * Where a problem is (sheet, row, column), as the user reads it: the one formatter every message goes through —
 * alerts, the sidebar's problem lists, the demo's log, 操作ログ. A message text holds what is wrong and what to do,
 * never its own location, so a location is written once. Pure (no Apps Script global): the sidebar bundles it too.
 */
export type WhereLang = 'ja' | 'en';

export interface Where {
  sheet?: string;
  /** Sheet row as the user sees it (header = 1); 0 or absent: the problem is not on one row. */
  row?: number;
  /** Column header (or a setting's key); '' or absent: the whole row. */
  column?: string;
}

/** 「会議」シート 2行目「招待先」 / Sheet "会議", row 2, "招待先"; parts that are absent are left out. */
export function formatWhere(lang: WhereLang, where: Where): string {
  const sheet = (where.sheet ?? '').trim();
  const row = where.row !== undefined && Number.isFinite(where.row) && where.row > 0 ? where.row : null;
  const column = (where.column ?? '').trim();
  if (lang === 'ja') {
    const head = [sheet ? `「${sheet}」シート` : '', row ? `${row}行目` : ''].filter(Boolean).join(' ');
    return `${head}${column ? `${head && !row ? ' ' : ''}「${column}」` : ''}`;
  }
  const parts = [sheet ? `sheet "${sheet}"` : '', row ? `row ${row}` : '', column ? `"${column}"` : ''].filter(Boolean);
  const text = parts.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** 「会議」シート 2行目「招待先」: message — or the message alone when there is no location. */
export function formatProblem(lang: WhereLang, problem: Where & { message: string }): string {
  const where = formatWhere(lang, problem);
  const message = problem.message.trim();
  return where ? `${where}: ${message}` : message;
}

const JA_END = /[。．！？!?）」』]$/;
const EN_END = /[.!?)"”]$/;

/** One sentence: trimmed, ending with 。 (or . in English) unless it already ends a sentence. */
export function sentence(lang: WhereLang, text: string): string {
  const s = text.trim();
  if (!s) return '';
  if (lang === 'ja') return JA_END.test(s) ? s : `${s}。`;
  return EN_END.test(s) ? s : `${s}.`;
}

/** Sentences run together as prose: 「A。B。」 (never 「A。、B」), "A. B." in English. */
export function joinSentences(lang: WhereLang, sentences: readonly string[]): string {
  return sentences.map((s) => sentence(lang, s)).filter(Boolean).join(lang === 'ja' ? '' : ' ');
}

/**
 * An agency named in a message: 「ワークサポートあおば」(AG-003); one without a name by its id and row, so it never
 * reads 団体「」(AG-017).
 */
export function agencyLabel(lang: WhereLang, agency: { name: string; id?: string; row?: number }): string {
  const name = agency.name.trim();
  const id = (agency.id ?? '').trim();
  if (name) return lang === 'ja' ? `「${name}」${id ? `(${id})` : ''}` : `"${name}"${id ? ` (${id})` : ''}`;
  const where = formatWhere(lang, { sheet: '団体', row: agency.row });
  if (lang === 'ja') return `${id || '（id なし）'}（名称が未入力${where ? `、${where}` : ''}）`;
  return `${id || '(no id)'} (no name${where ? `, ${where}` : ''})`;
}

/**
 * An agency the pamphlet leaves out: 「団体」シート 18行目: ステップワーク（未同意）, or for a row without a name just
 * its location and the reason (never 「（18行目）（18行目）」).
 */
export function formatExcluded(lang: WhereLang, x: { row: number; name: string; reason: string }): string {
  const name = x.name.trim();
  const reason = x.reason.trim().replace(/[。.]$/, '');
  return formatProblem(lang, { sheet: '団体', row: x.row, message: name ? `${name}（${reason}）` : reason });
}
