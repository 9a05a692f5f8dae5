import { checkRegistry } from '../../../src/server/domain/agencies';

// Issue 14 item 6: a number typed with brackets is stored in the same hyphenated form as every other number.
describe('phone numbers typed with parentheses', () => {
  const base = { name: 'テスト', nameKana: 'テスト', kind: '就労移行支援' };
  const fixed = (phone: string) => {
    const check = checkRegistry([{ rowNumber: 2, cells: { ...base, phone } }]);
    expect(check.problems).toEqual([]);
    return check.agencies[0]!.phone;
  };
  test.each([
    ['０３（５２１１）１２３４', '03-5211-1234'],
    ['03(5211)1234', '03-5211-1234'],
    ['(03)5211-1234', '03-5211-1234'],
    ['（０４５）６７８－１２３４', '045-678-1234'],
    ['090(1234)5678', '090-1234-5678'],
  ])('%s → %s', (typed, stored) => expect(fixed(typed)).toBe(stored));

  test('a fax typed with brackets is treated the same way', () => {
    const check = checkRegistry([{ rowNumber: 2, cells: { ...base, phone: '03-5211-1234', fax: '03（5211）1235' } }]);
    expect(check.agencies[0]!.fax).toBe('03-5211-1235');
  });
});
