/**
 * CSV import into 団体: decode (UTF-8, else Shift_JIS as Excel writes it), map by header, skip agencies already in the
 * registry (so a re-run adds nothing), append in one write, then run the registry check.
 */
import { agencyImportKey, CsvMapping, mapCsvToAgencies, parseCsvText } from '../domain/csv';
import { AGENCIES } from '../domain/schema';
import { Lang, t } from '../i18n/messages';
import { UserFacingError } from './errors';
import { checkRegistryInSheet } from './registry';
import { Table } from './tables';
import type { CsvImportResult, CsvPreview } from '../../protocol';

type CsvEncoding = CsvPreview['encoding'];

/**
 * Bytes as base64 (what the sidebar's file input sends) → text. A UTF-16 byte-order mark means Excel's
 * 「Unicode テキスト」; otherwise invalid UTF-8 means Shift_JIS.
 */
export function decodeCsv(base64: string): { text: string; encoding: CsvEncoding } {
  const bytes = Utilities.base64Decode(base64);
  const blob = Utilities.newBlob(bytes);
  // Apps Script bytes are signed: 0xFF 0xFE is -1 -2.
  if (bytes[0] === -1 && bytes[1] === -2) return { text: blob.getDataAsString('UTF-16LE'), encoding: 'UTF-16' };
  if (bytes[0] === -2 && bytes[1] === -1) return { text: blob.getDataAsString('UTF-16BE'), encoding: 'UTF-16' };
  const utf8 = blob.getDataAsString('UTF-8');
  if (!utf8.includes('\uFFFD')) return { text: utf8, encoding: 'UTF-8' };
  return { text: blob.getDataAsString('Shift_JIS'), encoding: 'Shift_JIS' };
}

function analyse(text: string, lang: Lang): { mapping: CsvMapping; messages: string[]; blocking: boolean } {
  const parse = parseCsvText(text);
  if (parse.rows.length === 0) throw new UserFacingError('csv.empty');
  const mapping = mapCsvToAgencies(parse);
  const messages: string[] = [];
  let blocking = false;
  // Not one known column: the file is not a registry CSV, or it was read with the wrong character set or separator.
  if (mapping.header.length > 0 && mapping.unknownColumns.length === mapping.header.filter((h) => h !== '').length) {
    messages.push(t(lang, 'csv.unreadableHeader', { header: mapping.header.join(',').slice(0, 60) }));
  }
  if (mapping.missingColumns.length) {
    messages.push(t(lang, 'csv.missingColumns', { columns: mapping.missingColumns.join('、') }));
    blocking = true;
  }
  if (mapping.unknownColumns.length) messages.push(t(lang, 'csv.unknownColumns', { columns: mapping.unknownColumns.join('、') }));
  for (const r of mapping.raggedLines) messages.push(t(lang, 'csv.raggedRow', { row: r.line, found: r.found, expected: r.expected }));
  for (const f of mapping.tooLong) {
    messages.push(t(lang, 'csv.tooLong', { row: f.line, column: f.column, length: f.length }));
    blocking = true;
  }
  if (mapping.records.length === 0 && !blocking) messages.push(t(lang, 'csv.noRows'));
  if (parse.unclosedQuoteAt !== null) {
    messages.push(t(lang, 'csv.raggedRow', { row: parse.unclosedQuoteAt, found: '?', expected: mapping.header.length }));
    blocking = true;
  }
  return { mapping, messages, blocking };
}

function existingNames(table: Table<(typeof AGENCIES)['columns'][number]['key']>): Set<string> {
  return new Set(
    table.rows().map((r) => agencyImportKey({ name: r.text('name'), nameKana: r.text('nameKana'), phone: r.text('phone'), email: r.text('email') })).filter((k) => k !== ''),
  );
}

export function previewCsv(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, base64: string, lang: Lang): CsvPreview {
  const { text, encoding } = decodeCsv(base64);
  const { mapping, messages, blocking } = analyse(text, lang);
  const names = existingNames(Table.open(ss, AGENCIES));
  const headerOf = new Map(AGENCIES.columns.map((c) => [c.key, c.header]));
  return {
    encoding,
    header: AGENCIES.columns.filter((c) => c.key !== 'id').map((c) => c.header),
    rows: mapping.records.map((r) => ({
      line: r.line,
      cells: Object.fromEntries(Object.entries(r.cells).map(([k, v]) => [headerOf.get(k as never) ?? k, v ?? ''])),
      duplicate: names.has(agencyImportKey(r.cells)),
    })),
    messages: [t(lang, 'csv.encoding', { encoding }), ...messages],
    blocking,
  };
}

export function importCsv(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, base64: string, lang: Lang): CsvImportResult {
  const { text, encoding } = decodeCsv(base64);
  const { mapping, messages, blocking } = analyse(text, lang);
  if (blocking) throw new UserFacingError('csv.blocked', { reasons: messages.join(' ') });
  const table = Table.open(ss, AGENCIES);
  const names = existingNames(table);
  const skipped: CsvImportResult['skipped'] = [];
  for (const record of mapping.records) {
    const name = (record.cells.name ?? '').trim();
    const key = agencyImportKey(record.cells);
    if (key !== '' && names.has(key)) {
      skipped.push({ line: record.line, name });
      messages.push(t(lang, 'csv.duplicateSkipped', { row: record.line, name }));
      continue;
    }
    if (key !== '') names.add(key);
    table.append(record.cells);
  }
  // The first row as written: below the live last row, which a volunteer typing meanwhile may have moved.
  const { appended, firstAppendedRow: first } = table.flush();
  if (appended) messages.push(t(lang, 'csv.imported', { count: appended, first }));
  const registry = checkRegistryInSheet(ss, lang);
  return { appended, skipped, messages: [t(lang, 'csv.encoding', { encoding }), ...messages], registry };
}
