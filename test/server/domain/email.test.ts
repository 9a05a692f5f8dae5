/** The one e-mail check: registry, ledger, walk-ins and meeting guests all use it. */
import { isEmail, normaliseEmail } from '../../../src/server/domain/email';
import { parsePersonQuery } from '../../../src/server/domain/privacy';
import { checkSettingRows } from '../../../src/server/domain/settings-check';
import { SETTING } from '../../../src/server/domain/settings';
import { coordinatorsOf } from '../../../src/server/workspace/features/accommodation';

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

test('the privacy search, the coordinators in 設定 and the calendar id use the same check (a dot before @ is a typing error everywhere)', () => {
  expect(parsePersonQuery('Tanaka.@Example.jp')).toBeNull();
  expect(parsePersonQuery('Ｔａｎａｋａ＠Ｅｘａｍｐｌｅ．ｊｐ')).toEqual({ email: 'tanaka@example.jp', name: '', furigana: '' });
  expect(coordinatorsOf('sato.@example.jp、Suzuki@Example.jp tanaka@example')).toEqual(['suzuki@example.jp']);
  const calendar = (value: string) => checkSettingRows([{ row: 2, key: SETTING.calendarId, value }]).map((p) => p.code);
  expect(calendar('network.@group.calendar.google.com')).toEqual(['notACalendarId']);
  expect(calendar('c_0123abcd@group.calendar.google.com')).toEqual([]);
});
