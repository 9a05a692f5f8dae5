/**
 * CSV as volunteers export it (Excel: Shift_JIS or UTF-8 with BOM; LibreOffice/Sheets: UTF-8). Parsing is ours rather
 * than Utilities.parseCsv so that an unclosed quote or a ragged row is reported at its line instead of failing whole.
 */
import { AGENCIES } from './schema';
import { AgencyKey } from './agencies';
import { splitMulti } from './ja';
import { parseCivilDate } from './dates';

export interface CsvParse {
  rows: { line: number; fields: string[] }[];
  /** Line where an opening quote was never closed (everything after it was read as one field). */
  unclosedQuoteAt: number | null;
}

/**
 * The field separator: a comma, unless the header line has none but has tabs (Excel's 「Unicode テキスト」) or
 * semicolons (Excel in locales whose decimal mark is a comma).
 */
export function detectDelimiter(text: string): ',' | '\t' | ';' {
  const header = text.split(/\r\n|\n|\r/, 1)[0] ?? '';
  if (header.includes(',')) return ',';
  if (header.includes('\t')) return '\t';
  if (header.includes(';')) return ';';
  return ',';
}

export function parseCsvText(input: string): CsvParse {
  const text = input.replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(text);
  const rows: CsvParse['rows'] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let quoteLine = 0;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field.trim() === '') { quoted = true; quoteLine = line; field = ''; }
    else if (c === delimiter) { fields.push(field); field = ''; }
    else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      rows.push({ line: rowLine, fields });
      fields = []; field = ''; line++; rowLine = line;
    } else field += c;
  }
  if (field !== '' || fields.length) { fields.push(field); rows.push({ line: rowLine, fields }); }
  return { rows: rows.filter((r) => r.fields.some((f) => f.trim() !== '')), unclosedQuoteAt: quoted ? quoteLine : null };
}

export const REQUIRED_CSV_COLUMNS = ['名称', '名称カナ', '種別'] as const;

export interface CsvAgencyRecord {
  line: number;
  cells: Partial<Record<AgencyKey, string>>;
}

export interface CsvMapping {
  header: string[];
  records: CsvAgencyRecord[];
  missingColumns: string[];
  unknownColumns: string[];
  /** A 団体 column named twice or more: its 1-based CSV columns. The first non-empty value is imported, the others go to 備考. */
  duplicateColumns: { header: string; columns: number[] }[];
  raggedLines: { line: number; found: number; expected: number }[];
  /** Fields longer than a Sheets cell holds: importing them would fail the whole write. */
  tooLong: { line: number; column: string; length: number }[];
}

/** Characters one Sheets cell holds. */
export const CELL_CHARACTER_LIMIT = 50_000;

const byHeader = new Map(AGENCIES.columns.map((c) => [c.header.normalize('NFKC').trim(), c.key as AgencyKey]));
const headerOfKey = new Map(AGENCIES.columns.map((c) => [c.key as AgencyKey, c.header as string]));

/** Maps CSV columns to 団体 columns by header. Values of unknown columns and surplus fields go to 備考, never lost. */
export function mapCsvToAgencies(parse: CsvParse): CsvMapping {
  const [head, ...body] = parse.rows;
  const header = (head?.fields ?? []).map((h) => h.normalize('NFKC').trim());
  const keys = header.map((h) => byHeader.get(h) ?? null);
  const missingColumns = REQUIRED_CSV_COLUMNS.filter((c) => !header.includes(c));
  const unknownColumns = header.filter((h, i) => keys[i] === null && h !== '');
  const positions = new Map<AgencyKey, number[]>();
  keys.forEach((k, i) => { if (k && k !== 'id') positions.set(k, [...(positions.get(k) ?? []), i]); });
  const duplicateColumns = [...positions].filter(([, at]) => at.length > 1).map(([k, at]) => ({ header: headerOfKey.get(k)!, columns: at.map((i) => i + 1) }));
  const raggedLines: CsvMapping['raggedLines'] = [];
  const tooLong: CsvMapping['tooLong'] = [];
  const records = body.map(({ line, fields }) => {
    if (fields.length !== header.length) raggedLines.push({ line, found: fields.length, expected: header.length });
    const cells: Partial<Record<AgencyKey, string>> = {};
    const extras: string[] = [];
    fields.forEach((value, i) => {
      const key = keys[i];
      if (key && key !== 'id' && (cells[key] ?? '').trim() === '') cells[key] = value;
      // A second column of the same name: its value is kept in 備考 unless it repeats the one imported.
      else if (key && key !== 'id' && value.trim() !== '' && value.trim() !== cells[key]!.trim()) extras.push(`${header[i]}（${i + 1}列目）: ${value}`);
      else if (!key && value.trim() !== '') extras.push(`${header[i] || `列${i + 1}`}: ${value}`);
    });
    if (extras.length) cells.remarks = [cells.remarks, ...extras].filter(Boolean).join(' / ');
    for (const [key, value] of Object.entries(cells) as [AgencyKey, string][]) {
      if (value.length > CELL_CHARACTER_LIMIT) tooLong.push({ line, column: headerOfKey.get(key) ?? key, length: value.length });
    }
    return { line, cells };
  });
  return { header, records, missingColumns, unknownColumns, duplicateColumns, raggedLines, tooLong };
}

/**
 * What makes a CSV row "already in the registry": its name, or for a row without a name (imported to be fixed by a
 * person) its kana, phone and email, so re-importing the same file adds nothing.
 */
export function agencyImportKey(cells: { name?: string; nameKana?: string; phone?: string; email?: string }): string {
  const fold = (s: string | undefined) => (s ?? '').normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  const name = fold(cells.name);
  if (name) return name;
  const rest = [cells.nameKana, cells.phone, cells.email].map(fold);
  return rest.some((x) => x) ? `#${rest.join('|')}` : '';
}

const foldForCompare = (key: AgencyKey, value: string): string => {
  const folded = value.normalize('NFKC').replace(/[\u30FC\u2212\u2010-\u2015\uFF70\uFF0D]/g, '-').replace(/\s+/g, '').toLowerCase();
  if (key === 'phone' || key === 'fax' || key === 'postalCode') return folded.replace(/[^0-9]/g, '');
  if (key === 'disabilityTypes' || key === 'employerServices') return splitMulti(value.normalize('NFKC')).map((v) => v.replace(/\s+/g, '')).join(';');
  if (key === 'joinedOn' || key === 'consentDate' || key === 'lastConfirmedOn') {
    const d = parseCivilDate(value);
    if (d && !('invalid' in d)) return `${d.year}-${d.month}-${d.day}`;
  }
  return folded;
};

/**
 * What a CSV row would add to the agency already in the registry under the same import key (its name, ignoring
 * spacing and width): each filled CSV field whose value differs from that agency's, compared ignoring width, spaces
 * and hyphen forms (digits only for phone, FAX and postal code). Empty: the row adds nothing and may be skipped;
 * otherwise it is a possible duplicate that carries new details, and is imported so that nothing typed is lost.
 */
export function addedDetails(incoming: Partial<Record<AgencyKey, string>>, existing: Partial<Record<AgencyKey, string>>): { column: string; existing: string; incoming: string }[] {
  const out: { column: string; existing: string; incoming: string }[] = [];
  for (const [key, value] of Object.entries(incoming) as [AgencyKey, string | undefined][]) {
    if (key === 'id' || value === undefined || value.trim() === '') continue;
    const before = existing[key] ?? '';
    if (foldForCompare(key, value) !== foldForCompare(key, before)) out.push({ column: headerOfKey.get(key) ?? key, existing: before.trim(), incoming: value.trim() });
  }
  return out;
}
