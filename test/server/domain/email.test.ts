/** The one e-mail check: registry, ledger, walk-ins and meeting guests all use it. */
import { isEmail, normaliseEmail } from '../../../src/server/domain/email';

describe('e-mail', () => {
  test('normalising: full-width letters and ＠, hyphen-like characters, spaces, capitals', () => {
    expect(normaliseEmail(' Ｔａｎａｋａ＠Ｅｘａｍｐｌｅ．ｊｐ ')).toBe('tanaka@example.jp');
    expect(normaliseEmail('sato－k@city−example.jp')).toBe('sato-k@city-example.jp');
  });

  test.each(['tanaka@example.jp', 'a.b+c@mail.example.co.jp', "o'neil@example.com", 'x@a-b.example.org'])('%s is an address', (e) => {
    expect(isEmail(e)).toBe(true);
  });

  test.each([
    'tanaka@example', 'tanaka@@example.jp', 'tanaka.@example.jp', '.tanaka@example.jp', 'ta..naka@example.jp', 'tanaka@example..jp',
    'tanaka@-example.jp', 'tanaka@example.j', 'tanaka@example.1p', '田中@example.jp', 'tanaka @example.jp', 'tanaka@example.jp,sato@example.jp', '',
  ])('%s is not', (e) => {
    expect(isEmail(e)).toBe(false);
  });

  test('254 characters at most', () => {
    const long = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(58)}.jp`;
    expect(long.length).toBe(254);
    expect(isEmail(long)).toBe(true);
    expect(isEmail(`a${long}`)).toBe(false);
  });
});
