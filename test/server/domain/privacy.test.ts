/** Issue 19, pure level: retention periods, who a request is about, what erasing a row leaves. */
import {
  ERASED, PERSONAL_SHEETS, erasedCells, exportItems, isCountableAnswer, isPastRetention, isPerson, keptUntil, mentions, parsePersonQuery, parseRetention, scrub, traitsOf, idHash, parseCursor, secondWindows,
} from '../../../src/server/domain/privacy';
import type { DocItem } from '../../../src/server/domain/doc-requests';

const day = (year: number, month: number, d: number) => ({ year, month, day: d });

describe('retention period', () => {
  test('default: kept until the end of the fiscal year after the event (April–March)', () => {
    const rule = parseRetention('')!;
    // An event in August 2025 is in FY2025 (2025-04-01 … 2026-03-31): kept through FY2026, until 2027-03-31.
    expect(keptUntil(day(2025, 8, 1), rule)).toEqual(day(2027, 3, 31));
    // An event on 31 March 2026 is still FY2025: the same last day.
    expect(keptUntil(day(2026, 3, 31), rule)).toEqual(day(2027, 3, 31));
    // An event on 1 April 2026 is FY2026: a year more.
    expect(keptUntil(day(2026, 4, 1), rule)).toEqual(day(2028, 3, 31));
    expect(isPastRetention(day(2025, 8, 1), day(2027, 3, 31), rule)).toBe(false);
    expect(isPastRetention(day(2025, 8, 1), day(2027, 4, 1), rule)).toBe(true);
    expect(isPastRetention(null, day(2099, 1, 1), rule)).toBe(false);
  });
  test('other wordings, full-width digits; nonsense is refused', () => {
    expect(parseRetention('翌々年度末')).toEqual({ kind: 'fiscalYearEnd', yearsAfter: 2 });
    expect(parseRetention('６か月')).toEqual({ kind: 'months', months: 6 });
    expect(parseRetention('2年')).toEqual({ kind: 'months', months: 24 });
    expect(keptUntil(day(2025, 8, 31), { kind: 'months', months: 6 })).toEqual(day(2026, 2, 28));
    for (const bad of ['ずっと', '0か月', '-1年', '翌年']) expect(parseRetention(bad)).toBeNull();
  });
});

describe('who a request is about', () => {
  test('an e-mail in any width or case; a name with its ふりがな; nothing else', () => {
    expect(parsePersonQuery(' Hanako.Y＠Example.JP ')).toEqual({ email: 'hanako.y@example.jp', name: '', furigana: '' });
    expect(parsePersonQuery('山田　花子／ヤマダ ハナコ')).toEqual({ email: '', name: '山田花子', furigana: 'やまだはなこ' });
    expect(parsePersonQuery('山田花子')).toBeNull();
    expect(parsePersonQuery('not-an-address@')).toBeNull();
    const q = parsePersonQuery('山田 花子 / やまだ はなこ')!;
    expect(isPerson(q, { name: '山田　花子', furigana: 'ヤマダハナコ' })).toBe(true);
    expect(isPerson(q, { name: '山田　花子', furigana: 'やまだ　はなえ' })).toBe(false);
  });
  test('mentions are found with any spacing and replaced, other text kept', () => {
    const traits = traitsOf(parsePersonQuery('hanako@example.jp')!, [{ email: 'hanako@example.jp', name: '山田　花子' }]);
    expect(traits.names).toEqual(['山田花子']);
    expect(mentions(traits, '講師の山田 花子さんが良かった')).toBe(true);
    expect(mentions(traits, 'HANAKO@EXAMPLE.JP に連絡')).toBe(true);
    expect(mentions(traits, '山田さん')).toBe(false);
    expect(scrub(traits, '山田 花子さん（HANAKO@example.jp）に感謝')).toBe(`${ERASED}さん（${ERASED}）に感謝`);
    expect(scrub(traits, 'ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ')).toBe(ERASED);
  });

  // bench18c: mentions() finds people by lookup (10,000 of them in every cell of a sheet); it must find exactly what
  // one pattern per trait finds — the rule written out here as it was before (an e-mail `gi`, a name's characters
  // joined by [\s\u3000]*, on the text and on its NFKC form).
  test('mentions by lookup find exactly what one pattern per e-mail and name finds', () => {
    const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const byPattern = (t: { emails: string[]; names: string[] }, text: string) => text !== '' && [
      ...t.emails.map((e) => new RegExp(esc(e), 'gi')), ...t.names.map((n) => new RegExp([...n].map(esc).join('[\\s\\u3000]*'), 'g')),
    ].some((p) => p.test(text.normalize('NFKC')) || p.test(text));
    const traits = { emails: ['ab@x.jp', 'b@x.jp', 'p1-04@example.jp', 'q.r+s@ex.jp', 'ä@x.jp'], names: ['山田花子', '田中', '𠮷野家', 'AB'] };
    const pieces = ['ab', 'AB', 'a', 'b', 'B', '@', 'x.jp', 'X.JP', 'ｘ．ｊｐ', '＠', ' ', '\u3000', '\t', 'p1-04', 'P1-04', 'example.jp', 'q.r+s', 'QR', 'ex.jp',
      '山田', '花子', '山', '田', '中', '花', '子', '𠮷', '野家', 'Ä', 'ä', 'ı', 'K', 'ｋ', '-', '＋', '，'];
    let seed = 7;
    const rand = (n: number) => { seed = (seed * 48271) % 2147483647; return seed % n; };
    let both = 0;
    for (let i = 0; i < 4000; i++) {
      const text = Array.from({ length: 1 + rand(8) }, () => pieces[rand(pieces.length)]).join('');
      const expected = byPattern(traits, text);
      if (mentions(traits, text) !== expected) throw new Error(`mentions(${JSON.stringify(text)}) should be ${expected}`);
      if (expected) both++;
    }
    expect(both).toBeGreaterThan(400); // the texts do mention people often enough to judge
    for (const text of ['xab@x.jp', 'AB@X.JP', '田 中', '山田\u3000花　子', 'ｐ１－０４＠ｅｘａｍｐｌｅ．ｊｐ', 'b@x.j', '@x.jp', 'Ä@X.JP', '𠮷 野家']) {
      expect([text, mentions(traits, text)]).toEqual([text, byPattern(traits, text)]);
    }
  });
});

describe('what erasing leaves', () => {
  const ledger = PERSONAL_SHEETS.find((s) => s.sheet === '参加者台帳')!;
  test('a ledger row keeps what the report counts and loses everything that names the person', () => {
    const row = { 行事id: 'EV-1', 氏名: '山田　花子', ふりがな: 'やまだ はなこ', メール: 'h@example.jp', 職種: '支援員', 備考: '配慮事項あり', 所属団体: 'A', 状態: '申込', 出席: 'TRUE' };
    const cells = erasedCells(ledger, row, null);
    expect(cells).toEqual({ 氏名: ERASED, ふりがな: '', メール: '', 職種: '', 備考: '' });
    expect(erasedCells(ledger, { ...row, ...cells }, null)).toEqual({}); // a re-run changes nothing
  });
  test('a 受講記録 line loses the name and e-mail and keeps the event and agency; it is visited before the ledger', () => {
    const training = PERSONAL_SHEETS.find((s) => s.sheet === '受講記録')!;
    const row = { メール: 'h@example.jp', 氏名: '山田　花子', 所属: 'A', 行事id: 'EV-1', 行事: 'セミナー', 日付: '2025-08-22', 時間数: '2.5' };
    expect(erasedCells(training, row, null)).toEqual({ 氏名: ERASED, メール: '' });
    expect(training.optional).toBe(true);
    // Its rows are the person's by the e-mail the ledger gives them (no ふりがな): erased while the ledger still has it.
    expect(PERSONAL_SHEETS.indexOf(training)).toBeLessThan(PERSONAL_SHEETS.indexOf(ledger));
    expect(PERSONAL_SHEETS.filter((s) => s.rowKey)).toEqual([ledger]); // retention finds the ledger by its row key
  });
  test('an anonymous survey row keeps countable answers only', () => {
    const store = PERSONAL_SHEETS.find((s) => s.sheet === 'アンケート記録')!;
    const keep = (text: string) => isCountableAnswer(text, ['参加したい', '未定']);
    expect(erasedCells(store, { 回答: '4' }, null, keep)).toEqual({});
    expect(erasedCells(store, { 回答: '参加したい' }, null, keep)).toEqual({});
    expect(erasedCells(store, { 回答: '山田さんの話が良かった' }, null, keep)).toEqual({ 回答: '' });
  });
});

describe('exportItems (the readable export)', () => {
  test('a heading, then per place (in order met) a heading and a table: bold header row of the headers met, one row per row, blanks where a row lacks a header', () => {
    const items = exportItems('本人データ_2026-04-01', [
      { place: '参加者台帳', cells: { 行: '5', 氏名: '山田 花子', メール: 'h@example.jp' } },
      { place: '操作ログ', cells: { 内容: '山田 花子 に連絡' } },
      { place: '参加者台帳', cells: { 行: '9', 氏名: '山田 花子', 備考: '配慮事項あり' } },
    ]);
    expect(items.map((i) => (i.kind === 'paragraph' ? `${i.style?.namedStyleType}:${i.text}` : i.kind))).toEqual([
      'HEADING_1:本人データ_2026-04-01', 'HEADING_2:参加者台帳', 'table', 'HEADING_2:操作ログ', 'table',
    ]);
    const table = items[2] as Extract<DocItem, { kind: 'table' }>;
    expect(table.cells.map((r) => r.map((c) => c.text))).toEqual([['行', '氏名', 'メール', '備考'], ['5', '山田 花子', 'h@example.jp', ''], ['9', '山田 花子', '', '配慮事項あり']]);
    expect(table.cells[0]!.every((c) => c.textStyle?.bold === true)).toBe(true);
    expect(table.cells[1]!.some((c) => c.textStyle?.bold)).toBe(false);
    expect(exportItems('t', [])).toHaveLength(1);
  });
});

describe('企業相談 at the end of its period', () => {
  const def = PERSONAL_SHEETS.find((d) => d.sheet === '企業相談')!;
  const row = { 受付番号: 'K-0001', 担当者名: '古株 一郎', 担当者役職: '人事課長', 担当者メール: 'old@kokabu.example.jp', 電話: '03-0000-0000', 会社名: '古株工業', 自由記述: '相談', 対応メモ: 'メモ', 社名掲載: '掲載してよい' };
  test('counts from its last update; the contact goes; a company that agreed to be named in the report keeps its name (the report lists it)', () => {
    expect(def.since).toEqual(['最終更新日時', '受付日時']);
    expect(erasedCells(def, row, null)).toEqual({ 担当者名: ERASED, 担当者役職: '', 担当者メール: '', 電話: '', 自由記述: '', 対応メモ: '' });
    expect(erasedCells(def, { ...row, 社名掲載: '掲載しない' }, null)).toHaveProperty('会社名', '');
    // A request from the person erases the company name too (it would identify them with the rest of the row).
    expect(erasedCells(def, row, traitsOf(parsePersonQuery('old@kokabu.example.jp')!, []))).toHaveProperty('会社名', '');
  });
});

describe('a scan over several executions (budget9): the cursor, the id hash, the seconds\' windows', () => {
  test('the cursor the sidebar carries reads back, and anything else reads as a fresh start', () => {
    const c = { seen: { F1: ['abc'] }, found: { F1: ['2_X'] }, done: ['F0'] };
    expect(parseCursor(JSON.stringify(c))).toEqual(c);
    for (const bad of [undefined, '', 'not json', '{}']) expect(parseCursor(bad)).toEqual({ seen: {}, found: {}, done: [] });
  });

  test('a response id hashes to a short stable key; 20,000 ids give 20,000 keys', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `2_ABaOnud${i.toString(36).padStart(8, '0')}xYz`);
    const keys = ids.map(idHash);
    expect(new Set(keys).size).toBe(ids.length);
    expect(Math.max(...keys.map((k) => k.length))).toBeLessThanOrEqual(11);
    expect(idHash(ids[0]!)).toBe(keys[0]);
    expect(idHash('a')).not.toBe(idHash('b'));
  });

  test('each second\'s window holds the whole second under a strict or an inclusive "after"', () => {
    const windows = secondWindows([1_700_000_001, 1_700_000_000, 1_700_000_001]);
    expect(windows).toEqual([{ from: 1_700_000_000_000 - 1, to: 1_700_000_001_000 }, { from: 1_700_000_001_000 - 1, to: 1_700_000_002_000 }]);
    // Responses at every millisecond of the second and of both neighbours: the count from − to is at least the second's.
    const stamps = Array.from({ length: 3000 }, (_, i) => 1_699_999_999_000 + i);
    const inSecond = stamps.filter((t) => Math.floor(t / 1000) === 1_700_000_000).length;
    const [w] = secondWindows([1_700_000_000]);
    for (const after of [(t: number, x: number) => t > x, (t: number, x: number) => t >= x]) {
      const count = (x: number) => stamps.filter((t) => after(t, x)).length;
      expect(count(w!.from) - count(w!.to)).toBeGreaterThanOrEqual(inSecond);
      expect(count(w!.from) - count(w!.to)).toBeLessThanOrEqual(inSecond + 1);
    }
  });
});
