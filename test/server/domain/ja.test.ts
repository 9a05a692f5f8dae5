import { normaliseAscii, phoneDigits, postalDigits, splitMulti } from '../../../src/server/domain/ja';
import { eraYear, fiscalYearOf, formatSeireki, formatWareki, parseCivilDate } from '../../../src/server/domain/dates';
import { neutraliseFormula, escapeHtml, closest } from '../../../src/server/domain/text';
import { CELL_CHARACTER_LIMIT, detectDelimiter, parseCsvText, mapCsvToAgencies } from '../../../src/server/domain/csv';

describe('Japanese conventions', () => {
  test('NFKC plus the hyphens it leaves alone', () => {
    expect(normaliseAscii('０３－１２３４')).toBe('03-1234');
    expect(normaliseAscii('03ー1234−5678‐9')).toBe('03-1234-5678-9');
    expect(phoneDigits('（０３）１２３４－５６７８')).toBe('0312345678');
    expect(phoneDigits('03-1234-5678 内線12')).toBeNull();
    expect(postalDigits('〒１０１－００６５')).toBe('1010065');
    expect(postalDigits('101-006')).toBeNull();
  });

  test('dates: 西暦, 和暦 (元年, era boundaries), impossible dates', () => {
    expect(parseCivilDate('令和元年5月1日')).toEqual({ year: 2019, month: 5, day: 1 });
    expect(parseCivilDate('平成31年4月30日')).toEqual({ year: 2019, month: 4, day: 30 });
    expect(parseCivilDate('令和1年4月30日')).toEqual({ invalid: '令和1年4月30日' });
    expect(parseCivilDate('2025-02-30')).toEqual({ invalid: '2025-02-30' });
    expect(parseCivilDate('２０２５年８月１日')).toEqual({ year: 2025, month: 8, day: 1 });
    expect(parseCivilDate('来週')).toBeNull();
    expect(formatSeireki({ year: 2025, month: 8, day: 1 })).toBe('2025年8月1日(金)');
    expect(formatWareki({ year: 2025, month: 8, day: 1 })).toBe('令和7年8月1日');
    expect(eraYear({ year: 2019, month: 5, day: 1 })).toBe('令和元年');
    expect(fiscalYearOf({ year: 2026, month: 2, day: 2 }).start).toEqual({ year: 2025, month: 4, day: 1 });
  });

  test('multi-values split on the separators volunteers use', () => {
    expect(splitMulti('身体;知的、精神・発達 ')).toEqual(['身体', '知的', '精神', '発達']);
  });
});

describe('user text safety', () => {
  test.each(['=1+1', '+81', '-5', '@SUM(A1)', '\tx', '\rx', "'90s"])('%j is stored as text', (s) => expect(neutraliseFormula(s)).toBe(`'${s}`));
  test('ordinary text is unchanged and HTML is escaped', () => {
    expect(neutraliseFormula('ワークサポート')).toBe('ワークサポート');
    expect(escapeHtml('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(closest('名前', ['名称', '名称カナ', 'URL'], 1)).toEqual(['名称']);
  });
});

describe('CSV', () => {
  test('quoted newlines, doubled quotes, BOM, CRLF', () => {
    const p = parseCsvText('\uFEFF名称,特色\r\n"A","1行目\n2行目 ""引用"""\r\n');
    expect(p.rows.map((r) => r.fields)).toEqual([['名称', '特色'], ['A', '1行目\n2行目 "引用"']]);
    expect(p.unclosedQuoteAt).toBeNull();
  });

  test('an unclosed quote is reported at its line', () => {
    expect(parseCsvText('名称\n"A\nB\n').unclosedQuoteAt).toBe(2);
  });

  test('unknown columns and surplus fields are kept in 備考, formulas neutralised, missing required columns named', () => {
    const m = mapCsvToAgencies(parseCsvText('名称,担当者,電話\n=HYPERLINK("x"),山田,03-1234-5678,余り\n'));
    expect(m.missingColumns).toEqual(['名称カナ', '種別']);
    expect(m.unknownColumns).toEqual(['担当者']);
    // Kept as typed: neutralising happens once, where Table writes the cell (twice would show the apostrophe).
    expect(m.records[0]!.cells.name).toBe(`=HYPERLINK("x")`);
    expect(m.records[0]!.cells.remarks).toBe('担当者: 山田 / 列4: 余り');
    expect(m.raggedLines).toEqual([{ line: 2, found: 4, expected: 3 }]);
  });
});

describe('CSV separators and cell limits', () => {
  test('the separator is read from the header line: comma, else tab (Excel Unicode text), else semicolon', () => {
    expect(detectDelimiter('名称,名称カナ\nA;B')).toBe(',');
    expect(detectDelimiter('名称\t名称カナ\r\nA\tB')).toBe('\t');
    expect(detectDelimiter('名称;名称カナ\nA;B')).toBe(';');
    expect(parseCsvText('名称\t種別\nあ\tい').rows.map((r) => r.fields)).toEqual([['名称', '種別'], ['あ', 'い']]);
  });

  test('a field longer than a cell holds is reported with its line and column, and kept as typed', () => {
    const long = 'x'.repeat(CELL_CHARACTER_LIMIT + 1);
    const m = mapCsvToAgencies(parseCsvText(`名称,名称カナ,種別,特色\nA,エー,その他,${long}\n`));
    expect(m.tooLong).toEqual([{ line: 2, column: '特色', length: CELL_CHARACTER_LIMIT + 1 }]);
    expect(m.records[0]!.cells.features).toBe(long);
  });
});
