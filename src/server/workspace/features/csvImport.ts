/**
 * CSV import into 団体: decode (UTF-8, else Shift_JIS as Excel writes it), map by header, skip agencies already in the
 * registry (so a re-run adds nothing), append in one write, then run the registry check.
 */
import { addedDetails, agencyImportKey, CsvMapping, mapCsvToAgencies, parseCsvText } from '../../domain/csv';
import { AGENCIES } from '../../domain/schema';
import { Lang, MessageKey, Params, list, t } from '../../i18n/messages';
import { UserFacingError } from '../errors';
import { checkRegistryTable } from './registry';
import { Table, TableView } from '../tables';
import type { CsvImportResult, CsvPreview } from '../../../protocol';

type CsvEncoding = CsvPreview['encoding'];

/**
 * Bytes as base64 (what the sidebar's file input sends) → text. A UTF-16 byte-order mark means Excel's
 * 「Unicode テキスト」; otherwise invalid UTF-8 means Shift_JIS.
 */
export function decodeCsv(base64: string): { text: string; encoding: CsvEncoding } {
  const bytes = Utilities.base64Decode(base64);
  const blob = Utilities.newBlob(bytes);
  // Apps Script bytes are signed: 0xFF 0xFE is -1 -2.
  const utf16 = bytes[0] === -1 && bytes[1] === -2 ? 'UTF-16LE' : bytes[0] === -2 && bytes[1] === -1 ? 'UTF-16BE' : '';
  if (utf16) return { text: blob.getDataAsString(utf16), encoding: 'UTF-16' };
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
  const say = (key: MessageKey, params?: Params, blocks = false) => { messages.push(t(lang, key, params)); blocking ||= blocks; };
  if (mapping.header.length > 0 && mapping.unknownColumns.length === mapping.header.filter((h) => h !== '').length) {
    say('csv.unreadableHeader', { header: mapping.header.join(',').slice(0, 60) });
  }
  if (mapping.missingColumns.length) say('csv.missingColumns', { columns: list(lang, mapping.missingColumns) }, true);
  if (mapping.unknownColumns.length) say('csv.unknownColumns', { columns: list(lang, mapping.unknownColumns) });
  for (const d of mapping.duplicateColumns) say('csv.duplicateColumn', { column: d.header, positions: d.columns.join('・') });
  for (const r of mapping.raggedLines) say('csv.raggedRow', { row: r.line, found: r.found, expected: r.expected });
  for (const f of mapping.tooLong) say('csv.tooLong', { row: f.line, column: f.column, length: f.length }, true);
  if (mapping.records.length === 0 && !blocking) say('csv.noRows');
  if (parse.unclosedQuoteAt !== null) say('csv.raggedRow', { row: parse.unclosedQuoteAt, found: '?', expected: mapping.header.length }, true);
  return { mapping, messages, blocking };
}

type AgencyCells = Partial<Record<(typeof AGENCIES)['columns'][number]['key'], string>>;
/** Where an agency under an import key already is: its 団体 row, or (for an earlier line of the same file) its CSV line. */
interface Known { row: number; csvLine: number | null; name: string; cells: AgencyCells }

/** The registry's agencies by import key, every row holding each key (a re-run finds the row an earlier run added). */
function existingAgencies(table: TableView<(typeof AGENCIES)['columns'][number]['key']>): Map<string, Known[]> {
  const known = new Map<string, Known[]>();
  for (const r of table.rows()) {
    const cells = Object.fromEntries(AGENCIES.columns.map((c) => [c.key, r.text(c.key)])) as AgencyCells;
    remember(known, agencyImportKey(cells), { row: r.rowNumber, csvLine: null, name: cells.name ?? '', cells });
  }
  return known;
}

function remember(known: Map<string, Known[]>, key: string, entry: Known): void {
  if (key !== '') known.set(key, [...(known.get(key) ?? []), entry]);
}

/** Skip (adds nothing), a possible duplicate carrying new details (imported and reported with the differences), or new. */
function classify(known: Map<string, Known[]>, cells: AgencyCells): { kind: 'new' } | { kind: 'same'; of: Known } | { kind: 'similar'; of: Known; differences: ReturnType<typeof addedDetails> } {
  const key = agencyImportKey(cells);
  const candidates = key === '' ? [] : known.get(key) ?? [];
  if (!candidates.length) return { kind: 'new' };
  const same = candidates.find((of) => addedDetails(cells, of.cells).length === 0);
  if (same) return { kind: 'same', of: same };
  return { kind: 'similar', of: candidates[0]!, differences: addedDetails(cells, candidates[0]!.cells) };
}

function similarMessage(lang: Lang, line: number, name: string, of: Known, differences: ReturnType<typeof addedDetails>, newRow: number | null): string {
  return t(lang, 'csv.possibleDuplicate', {
    row: line, name, existing: of.name,
    where: of.csvLine !== null ? t(lang, 'csv.sameFileLine', { line: of.csvLine }) : t(lang, 'csv.registryRow', { row: of.row }),
    differences: list(lang, differences.slice(0, 5).map((d) => t(lang, 'csv.difference', { column: d.column, existing: d.existing || '—', incoming: d.incoming }))),
    added: newRow ? t(lang, 'csv.addedAt', { row: newRow }) : '',
  });
}

export function previewCsv(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, base64: string, lang: Lang): CsvPreview {
  const { text, encoding } = decodeCsv(base64);
  const { mapping, messages, blocking } = analyse(text, lang);
  const known = existingAgencies(Table.open(ss, AGENCIES, undefined, true)); // the preview writes nothing: a view
  const headerOf = new Map(AGENCIES.columns.map((c) => [c.key, c.header]));
  const rows = mapping.records.map((r) => {
    const c = classify(known, r.cells);
    const key = agencyImportKey(r.cells);
    if (c.kind !== 'same') remember(known, key, { row: 0, csvLine: r.line, name: (r.cells.name ?? '').trim(), cells: r.cells });
    if (c.kind === 'similar') messages.push(similarMessage(lang, r.line, (r.cells.name ?? '').trim(), c.of, c.differences, null));
    return {
      line: r.line,
      cells: Object.fromEntries(Object.entries(r.cells).map(([k, v]) => [headerOf.get(k as never) ?? k, v ?? ''])),
      duplicate: c.kind === 'same',
      ...(c.kind === 'similar' ? { similarTo: c.of.csvLine !== null ? { csvLine: c.of.csvLine, name: c.of.name } : { row: c.of.row, name: c.of.name } } : {}),
    };
  });
  return {
    encoding,
    header: AGENCIES.columns.filter((c) => c.key !== 'id').map((c) => c.header),
    rows,
    // The encoding travels in its own field, which the sidebar states once (「UTF-8 として読みました」).
    messages,
    blocking,
  };
}

export function importCsv(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, base64: string, lang: Lang): CsvImportResult {
  const { text, encoding } = decodeCsv(base64);
  const { mapping, messages, blocking } = analyse(text, lang);
  if (blocking) throw new UserFacingError('csv.blocked', { reasons: messages.join(' ') });
  const table = Table.open(ss, AGENCIES);
  const known = existingAgencies(table);
  const skipped: CsvImportResult['skipped'] = [];
  for (const record of mapping.records) {
    const name = (record.cells.name ?? '').trim();
    const key = agencyImportKey(record.cells);
    const c = classify(known, record.cells);
    if (c.kind === 'same') {
      // Only a row that adds nothing is skipped: a re-import of the same file adds no row.
      skipped.push({ line: record.line, name });
      messages.push(t(lang, 'csv.duplicateSkipped', { row: record.line, name }));
      continue;
    }
    const row = table.append(record.cells);
    // A possible duplicate with new details is imported (nothing typed is lost) and reported with the differences;
    // the registry check (run with the import, below) marks the later row as a duplicate name of the earlier one.
    if (c.kind === 'similar') messages.push(similarMessage(lang, record.line, name, c.of, c.differences, row));
    remember(known, key, { row, csvLine: record.line, name, cells: record.cells });
  }
  // The new rows are checked with the registry before anything is written, and written with its fixes in one flush.
  const appended = table.pendingAppends;
  const first = table.rowCount + 2;
  const registry = checkRegistryTable(table, lang);
  // The first row as written: below the live last row, which a volunteer typing meanwhile may have moved.
  const written = table.lastFlushFirstAppendedRow || first;
  if (appended) messages.push(t(lang, 'csv.imported', { count: appended, first: written }));
  return { appended, skipped, messages: [t(lang, 'csv.encoding', { encoding }), ...messages], registry };
}
