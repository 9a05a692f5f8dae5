import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkRegistry, AgencyRowInput, nextAgencyIds } from '../../../src/server/domain/agencies';
import { mapCsvToAgencies, parseCsvText } from '../../../src/server/domain/csv';

const fixture = readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'agencies.csv'), 'utf8');

function fixtureRows(): AgencyRowInput[] {
  const mapping = mapCsvToAgencies(parseCsvText(fixture));
  return mapping.records.map((r, i) => ({ rowNumber: i + 2, cells: r.cells }));
}

const problemsAt = (check: ReturnType<typeof checkRegistry>, row: number) => check.problems.filter((p) => p.rowNumber === row).map((p) => `${p.key}:${p.code}`);

describe('checkRegistry on the shared fixture', () => {
  const check = checkRegistry(fixtureRows());

  test('rows 1–8 are valid members once normalised (sheet rows 2–9)', () => {
    for (let row = 2; row <= 9; row++) expect(problemsAt(check, row)).toEqual([]);
    expect(check.agencies.slice(0, 8).every((a) => a.valid)).toBe(true);
  });

  test('typing variants are fixed without asking', () => {
    const value = (row: number, key: string) => check.fixes.find((f) => f.rowNumber === row && f.key === key)?.value;
    expect(value(3, 'postalCode')).toBe('101-0065'); // １０１－００６５
    expect(value(3, 'phone')).toBe('03-5211-1234'); // ０３－５２１１－１２３４
    expect(value(4, 'postalCode')).toBe('101-0047'); // 〒101-0047
    expect(value(4, 'phone')).toBe('03-5280-5555'); // U+2212 hyphens
    expect(value(4, 'email')).toBe('step@example.jp'); // capitals and a trailing space
    expect(value(5, 'phone')).toBe('03-3291-7777'); // U+30FC used as hyphens
    // Already-canonical values are not rewritten.
    expect(value(2, 'phone')).toBeUndefined();
  });

  test('consent states: row 4 未同意 and row 8 撤回 are valid but not 同意; row 7 without email or 運営法人 is valid', () => {
    expect(check.agencies[3]!.consent).toBe('未同意');
    expect(check.agencies[7]!.consent).toBe('撤回');
    expect(check.agencies[6]!.email).toBe('');
    expect(check.agencies[6]!.valid).toBe(true);
  });

  test('row 9 (sheet row 10): no 名称, 4-digit phone, malformed email are reported, not guessed', () => {
    expect(problemsAt(check, 10)).toEqual(expect.arrayContaining(['name:required', 'phone:phoneDigits', 'email:email']));
    expect(check.fixes.filter((f) => f.rowNumber === 10 && ['phone', 'email', 'name'].includes(f.key))).toEqual([]);
  });

  test('row 10 (sheet row 11): each problem is reported at its column', () => {
    expect(problemsAt(check, 11)).toEqual(expect.arrayContaining([
      'nameKana:required', 'postalCode:postalCode', 'phone:phoneDigits', 'email:email', 'group:notInChoices', 'joinedOn:impossibleDate', 'consent:notInChoices',
    ]));
  });

  test('ids are assigned once and continue after the highest in use', () => {
    expect(check.agencies.map((a) => a.id).slice(0, 3)).toEqual(['AG-001', 'AG-002', 'AG-003']);
    expect(nextAgencyIds(['AG-007', 'x', 'AG-002'], 2)).toEqual(['AG-008', 'AG-009']);
  });
});

describe('checkRegistry rules', () => {
  const base = { name: 'テスト', nameKana: 'テスト', kind: '就労移行支援', phone: '03-1234-5678' };
  const one = (cells: Record<string, string | number>) => checkRegistry([{ rowNumber: 2, cells: { ...base, ...cells } }]);

  test('era dates are understood and written as ISO dates', () => {
    const c = one({ joinedOn: '令和6年4月1日', consent: '同意', consentDate: 'R6.4.10' });
    expect(c.problems).toEqual([]);
    expect(c.fixes.filter((f) => f.key === 'joinedOn' || f.key === 'consentDate').map((f) => f.value)).toEqual(['2024-04-01', '2024-04-10']);
  });

  test('同意 without 同意日 is reported; a phone number that lost its leading 0 in Sheets is restored', () => {
    const c = one({ consent: '同意', phone: 352110001 });
    expect(c.problems.map((p) => `${p.key}:${p.code}`)).toEqual(['consentDate:consentDateMissing']);
    expect(c.fixes.find((f) => f.key === 'phone')?.value).toBe('0352110001');
  });

  test('duplicates by normalised name and by phone are flagged on the later row', () => {
    const c = checkRegistry([
      { rowNumber: 2, cells: { ...base, name: 'ステップワーク神田' } },
      { rowNumber: 3, cells: { ...base, name: 'ステップワーク　神田', phone: '03-9999-0000' } },
      { rowNumber: 4, cells: { ...base, name: '別の団体' } },
    ]);
    expect(c.problems.map((p) => `${p.rowNumber}:${p.code}:${p.params.row}`)).toEqual(['3:duplicateName:2', '4:duplicatePhone:2']);
  });

  test('URLs must be http(s); text it cannot parse is never changed', () => {
    const c = one({ url: 'javascript:alert(1)', postalCode: '１２３' });
    expect(c.problems.map((p) => p.code).sort()).toEqual(['postalCode', 'url']);
    expect(c.fixes.filter((f) => f.key === 'url' || f.key === 'postalCode')).toEqual([]);
  });

  test('blank rows are not counted', () => {
    expect(checkRegistry([{ rowNumber: 2, cells: { name: '  ' } }, { rowNumber: 3, cells: base }]).rows).toBe(1);
  });
});

describe('phone length', () => {
  test('11 digits only for mobile and IP prefixes (0[5-9]0); a 03 number with 11 digits is a problem', () => {
    const check = (phone: string) => checkRegistry([{ rowNumber: 2, cells: { name: 'A', nameKana: 'エー', kind: 'その他', phone } }]).problems.map((p) => `${p.key}:${p.code}`);
    expect(check('090-1234-5678')).toEqual([]);
    expect(check('050-1234-5678')).toEqual([]);
    expect(check('03-1234-5678')).toEqual([]);
    expect(check('03-1234-56789')).toEqual(['phone:phoneDigits']);
  });
});
