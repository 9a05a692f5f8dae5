/** 「状態の確認」's judgement (pure): facts in, findings out; every finding has its sentence in both languages. */
import { assessHealth, CATCH_UP_STALE_MS, HealthFacts, HealthFinding, HOUR_MS } from '../../../src/server/domain/health';
import { checkSettingRows } from '../../../src/server/domain/settings-check';
import { findingText } from '../../../src/client/sections/health';
import { setLang } from '../../../src/client/i18n';
import { HEALTH_CATALOGUE } from '../../../src/client/i18n-health';

const NOW = Date.parse('2026-06-01T09:00:00Z');
const A = 'a@example.jp';
const B = 'b@example.jp';

function facts(over: Partial<HealthFacts> = {}): HealthFacts {
  return {
    now: NOW, me: A, coordinator: { email: A, since: '2026-04-01T00:00:00Z' }, formsInUse: true,
    myTriggers: { formSubmit: true, catchUp: true }, heartbeats: { formSubmit: NOW - 5 * 60_000, catchUp: NOW - 30 * 60_000 },
    unrecorded: [{ sheet: 'フォームの回答 1', eventId: 'EV-1', count: 0, firstRow: 0, oldest: null }], failures: [], missingGrants: [],
    mailRemaining: 90, calendar: { limit: 5000, createdToday: 3 }, files: [], settings: [], ...over,
  };
}
const fmt = (ms: number) => new Date(ms).toISOString().slice(0, 16);
const problems = (f: HealthFacts) => assessHealth(f, fmt).filter((x) => x.level === 'problem').map((x) => x.code);

describe('assessHealth', () => {
  test('all well: no problem; the triggers are mine, responses all in, quotas shown', () => {
    const out = assessHealth(facts(), fmt);
    expect(out.filter((x) => x.level === 'problem')).toEqual([]);
    expect(out.map((x) => x.code)).toEqual(expect.arrayContaining(['triggers.mine', 'responses.allIn', 'grants.all', 'mail.remaining', 'calendar.remaining']));
  });

  test('another user\'s triggers: running (a fresh heartbeat) is a note, stopped is a problem naming them; the boundary is CATCH_UP_STALE_MS', () => {
    const other = { me: B, myTriggers: { formSubmit: false, catchUp: false } };
    expect(problems(facts({ ...other, heartbeats: { formSubmit: null, catchUp: NOW - CATCH_UP_STALE_MS } }))).toEqual([]);
    const stopped = assessHealth(facts({ ...other, heartbeats: { formSubmit: null, catchUp: NOW - CATCH_UP_STALE_MS - 1 } }), fmt);
    expect(stopped[0]).toMatchObject({ level: 'problem', code: 'triggers.stoppedOther', params: { owner: A } });
    expect(problems(facts({ ...other, coordinator: null, heartbeats: { formSubmit: null, catchUp: null } }))).toEqual(['triggers.neverRan']);
    expect(problems(facts({ myTriggers: { formSubmit: true, catchUp: false } }))).toEqual(['triggers.missingCatchUp']);
    expect(problems(facts({ formsInUse: false, myTriggers: { formSubmit: false, catchUp: false } }))).toEqual([]);
  });

  test('responses waiting: fresh ones are on their way, older than an hour a problem at their sheet and row', () => {
    const w = (oldest: number) => facts({ unrecorded: [{ sheet: 'フォームの回答 1', eventId: 'EV-1', count: 2, firstRow: 12, oldest }] });
    expect(problems(w(NOW - 10 * 60_000))).toEqual([]);
    const out = assessHealth(w(NOW - 2 * HOUR_MS), fmt);
    expect(out[0]).toMatchObject({ code: 'responses.waiting', where: { sheet: 'フォームの回答 1', row: 12 }, params: { count: 2 } });
  });

  test('failures within a week, missing grants, no mail left, files and settings problems; problems come first', () => {
    const out = assessHealth(facts({
      failures: [{ operation: 'パンフレットを作成', at: '2026-05-31 10:00', atMs: NOW - 23 * HOUR_MS, result: '失敗', details: 'ひな形を開けません。' },
        { operation: '古い操作', at: '2026-05-01 10:00', atMs: NOW - 31 * 24 * HOUR_MS, result: '失敗', details: '…' }],
      missingGrants: ['calendar'], mailRemaining: 0,
      files: [{ key: 'パンフレットひな形ID', id: 'x'.repeat(20), row: 7, state: 'missing' }, { key: '活動報告書ひな形id', id: 'y'.repeat(20), row: 9, state: 'trashed' }],
      settings: checkSettingRows([{ row: 3, key: 'カレンダー予定の1日上限', value: '五千' }]),
    }), fmt);
    expect(out.filter((x) => x.level === 'problem').map((x) => x.code)).toEqual([
      'failures.recent', 'grants.missing', 'mail.none', 'files.missing', 'files.trashed', 'settings.notAPositiveInteger',
    ]);
    expect(out.findIndex((x) => x.level !== 'problem')).toBe(6);
    expect(out.find((x) => x.code === 'files.missing')!.where).toEqual({ sheet: '設定', row: 7, column: '値' });
  });

  test('a file unreachable under another coordinator is named as theirs', () => {
    const out = assessHealth(facts({ me: B, files: [{ key: 'パンフレットひな形ID', id: 'x'.repeat(20), row: 7, state: 'missing' }] }), fmt);
    expect(out.find((x) => x.check === 'files')).toMatchObject({ code: 'files.missingOther', params: { owner: A } });
  });
});

describe('checkSettingRows', () => {
  test('unknown, misspelt, duplicate, value without a key, URL for an id, bad id, bad number, bad calendar id', () => {
    const out = checkSettingRows([
      { row: 2, key: 'ネットワーク名', value: '区ネット' },
      { row: 3, key: 'カレンダーＩＤ', value: 'x@example.jp' },
      { row: 4, key: '担当メモ', value: '毎月第1週に確認' },
      { row: 5, key: 'ネットワーク名', value: '別名' },
      { row: 6, key: '', value: '迷子の値' },
      { row: 7, key: 'パンフレットひな形ID', value: 'https://docs.google.com/document/d/1AbCdEfGhIjKlMnOpQ/edit' },
      { row: 8, key: '活動報告書ひな形id', value: 'ひな形' },
      { row: 9, key: 'カレンダー予定の1日上限', value: '0' },
      { row: 10, key: 'カレンダーID', value: '会議用' },
      { row: 11, key: 'カレンダー予定の1日上限', value: '１００００' },
    ]);
    expect(out.map((p) => [p.row, p.code])).toEqual([
      [3, 'unknown'], [4, 'unknown'], [5, 'duplicate'], [6, 'noKey'], [7, 'driveUrl'], [8, 'notAnId'], [9, 'notAPositiveInteger'], [10, 'notACalendarId'], [11, 'duplicate'],
    ]);
    expect(out[0]!.params).toEqual({ suggestion: 'カレンダーID' });
    expect(out[1]!.params).toEqual({ suggestion: '' });
    expect(out.find((p) => p.code === 'driveUrl')!.params.id).toBe('1AbCdEfGhIjKlMnOpQ');
  });

  test('a full-width number of 1 or more is a valid limit; an empty value is never a problem', () => {
    expect(checkSettingRows([{ row: 2, key: 'カレンダー予定の1日上限', value: '１０，０００' }, { row: 3, key: 'パンフレットひな形ID', value: '' }])).toEqual([]);
  });
});

describe('every finding is worded in Japanese and English (the sidebar catalogue)', () => {
  const every: HealthFinding[] = [
    ...assessHealth(facts({ me: B, myTriggers: { formSubmit: false, catchUp: false }, heartbeats: { formSubmit: NOW, catchUp: null },
      unrecorded: [{ sheet: 's', eventId: 'e', count: 1, firstRow: 2, oldest: 0 }, { sheet: 's', eventId: 'e', count: 1, firstRow: 2, oldest: NOW }],
      failures: [{ operation: 'o', at: 'x', atMs: NOW, result: '失敗', details: 'd' }], missingGrants: ['calendar', 'driveFile'], mailRemaining: null,
      calendar: { limit: 5, createdToday: 5 }, files: [{ key: 'k', id: 'i', row: 2, state: 'missing' }, { key: 'k', id: 'i', row: 2, state: 'trashed' }],
      settings: checkSettingRows([{ row: 2, key: 'カレンダーＩＤ', value: '' }, { row: 3, key: 'メモ', value: '' }, { row: 4, key: 'メモ', value: '' }, { row: 5, key: '', value: 'v' },
        { row: 6, key: 'パンフレットひな形ID', value: 'https://x/d/ABCDEFGHIJKL/' }, { row: 7, key: '活動報告書ひな形id', value: 'a b' }, { row: 8, key: 'カレンダー予定の1日上限', value: 'x' }, { row: 9, key: 'カレンダーID', value: 'y' }]) }), fmt),
    ...assessHealth(facts({ formsInUse: false, me: A, files: [{ key: 'k', id: 'i', row: 2, state: 'ok' }], mailRemaining: 0 }), fmt),
    ...assessHealth(facts({ me: B, coordinator: null, myTriggers: { formSubmit: false, catchUp: false } }), fmt),
    ...assessHealth(facts({ me: B, myTriggers: null }), fmt),
    ...assessHealth(facts({ me: B, coordinator: { email: A, since: '' }, myTriggers: { formSubmit: true, catchUp: true } }), fmt),
    ...assessHealth(facts({ myTriggers: { formSubmit: false, catchUp: true } }), fmt),
    ...assessHealth(facts({ me: B, myTriggers: { formSubmit: false, catchUp: false }, heartbeats: { formSubmit: null, catchUp: NOW - 10 * HOUR_MS } }), fmt),
    ...assessHealth(facts({ me: A, coordinator: null, myTriggers: { formSubmit: false, catchUp: false }, heartbeats: { formSubmit: null, catchUp: NOW - 10 * HOUR_MS } }), fmt),
    ...assessHealth(facts({ me: B, myTriggers: { formSubmit: false, catchUp: false }, heartbeats: { formSubmit: null, catchUp: null } }), fmt),
    ...assessHealth(facts({ myTriggers: { formSubmit: true, catchUp: false }, files: [{ key: 'k', id: 'i', row: 2, state: 'missing' }] }), fmt),
    ...assessHealth(facts({ myTriggers: null }), fmt),
    ...assessHealth(facts({ myTriggers: { formSubmit: false, catchUp: false }, heartbeats: { formSubmit: null, catchUp: null } }), fmt),
  ];

  test.each(['ja', 'en'] as const)('%s: no placeholder left, no missing sentence', (lang) => {
    setLangSafe(lang);
    const codes = new Set(every.map((f) => f.code));
    // Every finding code the catalogue words is reached by one of the fact sets above (and so is checked here).
    const worded = Object.keys(HEALTH_CATALOGUE.ja).filter((k) => /^health\.(triggers|responses|failures|grants|mail|calendar|files|settings)\./.test(k)).map((k) => k.slice('health.'.length));
    expect(worded.filter((c) => !codes.has(c))).toEqual([]);
    for (const f of every) {
      const text = findingText(f);
      expect({ code: f.code, text }).toEqual({ code: f.code, text: expect.not.stringMatching(/\{\w+\}|undefined/) });
    }
    const grants = every.find((f) => f.code === 'grants.missing')!;
    expect(findingText(grants)).toContain(lang === 'ja' ? '「Google カレンダーの予定の管理」「このアドオンで作成したファイルの管理」' : '"Manage Google Calendar events", "See, edit, create, and delete only the specific Google Drive files you use with this app"');
  });
});

function setLangSafe(lang: 'ja' | 'en'): void {
  (globalThis as { document?: unknown }).document ??= { documentElement: {} };
  setLang(lang);
}
