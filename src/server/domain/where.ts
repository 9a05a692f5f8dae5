/**
 * The one formatter for "where" a problem is, as users read it: 「団体」シート 5行目「電話」. Everything that names
 * a cell or a row in a message goes through here, so every message points the same way.
 */
export interface Where {
  sheet: string;
  /** Sheet row as the user sees it (header = 1); 0 or less when the row is not known. */
  row: number;
  column?: string;
}

export function formatWhere(where: Where): string {
  const parts = [`「${where.sheet}」シート`];
  if (where.row > 0) parts.push(` ${where.row}行目`);
  if (where.column) parts.push(`「${where.column}」`);
  return parts.join('');
}

/** A problem as one line: where, then what. */
export function problemText(problem: Where & { message: string }): string {
  return `${formatWhere(problem)}: ${problem.message}`;
}
