/** Issue 14 item 1: 行事 rows checked as 団体 rows are (和暦, required fields, 終了 after 開始, 定員 as a number). */
import { checkEvents } from '../../../src/server/domain/event-check';
import { parseDateTime as parseEventDateTime } from '../../../src/server/domain/dates';

const JST = 540;
const at = (iso: string) => new Date(`${iso}+09:00`);

describe('parseEventDateTime', () => {
  test.each([
    ['令和8年8月1日 13:30', '2026-08-01T13:30:00'],
    ['令和8年8月1日13時30分', '2026-08-01T13:30:00'],
    ['R8.8.1 9:05', '2026-08-01T09:05:00'],
    ['２０２６／８／１　１３：３０', '2026-08-01T13:30:00'],
    ['2026-08-01 13時', '2026-08-01T13:00:00'],
  ])('%s', (typed, iso) => expect(parseEventDateTime(typed, JST)).toEqual(at(iso)));

  test('a date without a time, an impossible date, and text that is no date are told apart', () => {
    expect(parseEventDateTime('令和8年8月1日', JST)).toEqual({ noTime: true, date: { year: 2026, month: 8, day: 1 } });
    expect(parseEventDateTime('令和8年2月30日 10:00', JST)).toEqual({ invalid: true });
    expect(parseEventDateTime('来週の金曜', JST)).toBeNull();
  });
});

describe('checkEvents', () => {
  const ok = { id: 'EV-1', kind: 'セミナー', title: '研修', start: at('2026-08-01T13:30:00'), end: at('2026-08-01T16:00:00'), capacity: 30 };
  const check = checkEvents([
    { row: 2, cells: ok },
    { row: 3, cells: { id: 'EV-2', title: '種類も開始もない行事' } },
    { row: 4, cells: { ...ok, id: 'EV-3', start: '令和8年8月1日 13:30', end: '令和8年8月1日 12:00', capacity: '３０名' } },
    { row: 5, cells: { ...ok, id: 'EV-4', kind: 'セミナ', capacity: 'たくさん', status: '開催' } },
    { row: 6, cells: { ...ok, start: '8月1日午後' } },
    { row: 7, cells: {} },
  ], JST);
  const at_ = (row: number) => check.problems.filter((p) => p.row === row).map((p) => `${String(p.params.column)}:${p.code}`);

  test('a correct row has no problem; blank rows are not counted', () => {
    expect(at_(2)).toEqual([]);
    expect(check.rows).toBe(5);
  });
  test('missing 種類 and 開始 are reported at their columns', () => expect(at_(3)).toEqual(['種類:required', '開始:required']));
  test('和暦 is read and fixed to a date-time; 終了 before 開始 is reported; ３０名 becomes 30', () => {
    expect(at_(4)).toEqual(['終了:endBeforeStart']);
    expect(check.fixes.filter((f) => f.row === 4)).toEqual([
      { row: 4, key: 'start', value: at('2026-08-01T13:30:00') },
      { row: 4, key: 'end', value: at('2026-08-01T12:00:00') },
      { row: 4, key: 'capacity', value: 30 },
    ]);
  });
  test('a kind or status not in the list, and a capacity that is no number', () => {
    expect(at_(5)).toEqual(['種類:notInChoices', '定員:capacity', '状態:notInChoices']);
  });
  test('a 開始 that cannot be read, and an id used twice', () => expect(at_(6)).toEqual(['id:duplicateId', '開始:notADateTime']));
});
