/** Domain level: 五十音 order, 受付番号, check-in matching, the roster, issue numbers and training records (pure). */
import { sortByReading } from '../../../src/server/domain/gojuon';
import { CHECK_IN_TITLES, checkInCounts, planCheckIns, receiptNumber, rosterDocument } from '../../../src/server/domain/checkin';
import { attendeesOf, certificateItems, certificateRequests, checkCertificateTemplate, DEFAULT_CERTIFICATE_TEMPLATE, hoursBetween, planIssue, trainingRecords } from '../../../src/server/domain/certificates';
import { DocJson, outlineOf } from '../../../src/server/domain/doc-requests';

/** A Doc holding these paragraphs, as documents.get returns it (indexes from 1, each paragraph ends with "\n"). */
function docOf(paragraphs: string[], header?: string): DocJson {
  let index = 1;
  const content = paragraphs.map((text) => {
    const start = index;
    index += text.length + 1;
    return { startIndex: start, endIndex: index, paragraph: { elements: [{ startIndex: start, endIndex: index, textRun: { content: `${text}\n` } }], paragraphStyle: { namedStyleType: 'NORMAL_TEXT' } } };
  });
  return {
    body: { content },
    ...(header !== undefined ? { headers: { h: { headerId: 'h', content: [{ startIndex: 0, endIndex: header.length + 1, paragraph: { elements: [{ startIndex: 0, endIndex: header.length + 1, textRun: { content: `${header}\n` } }] } }] } }, documentStyle: { defaultHeaderId: 'h' } } : {}),
  };
}
import { trainingCounts } from '../../../src/server/domain/training-counts';
import type { LedgerRow } from '../../../src/server/domain/ledger';

const order = (readings: string[]) => sortByReading(readings, (r) => r, () => '');

describe('五十音順 by ふりがな (hand-computed cases)', () => {
  test('濁点 and 半濁点 come after the plain letter, compared left to right', () => {
    expect(order(['がき', 'かく', 'かぎ', 'かき'])).toEqual(['かき', 'かぎ', 'がき', 'かく']);
    expect(order(['ぱぱ', 'ばば', 'はば', 'はは'])).toEqual(['はは', 'はば', 'ばば', 'ぱぱ']);
  });
  test('長音 reads as the vowel it lengthens; the written vowel first', () => {
    expect(order(['らいめん', 'らーめん', 'らあめん'])).toEqual(['らあめん', 'らーめん', 'らいめん']);
    // こーひー reads こおひい: after こう (う < お), before こおり (ひ < り).
    expect(order(['こおり', 'こーひー', 'こうし'])).toEqual(['こうし', 'こーひー', 'こおり']);
  });
  test('small kana sort as the large one, small first on a tie', () => {
    expect(order(['しよう', 'しゆう', 'しょう'])).toEqual(['しゆう', 'しょう', 'しよう']);
    expect(order(['きって', 'きつね', 'きつて'])).toEqual(['きって', 'きつて', 'きつね']);
  });
  test('katakana, half-width and spaces read as hiragana; an empty ふりがな goes last, by 氏名', () => {
    const people = [
      { f: '', n: '山田 花子' }, { f: 'ﾔﾏﾀﾞ ﾀﾛｳ', n: '山田 太郎' }, { f: 'あべ　ゆい', n: '阿部 結衣' }, { f: '', n: '伊藤 一' }, { f: 'ヤマダ タロ', n: '山田 太呂' },
    ];
    expect(sortByReading(people, (p) => p.f, (p) => p.n).map((p) => p.n)).toEqual(['阿部 結衣', '山田 太呂', '山田 太郎', '伊藤 一', '山田 花子']);
  });
});

const row = (over: Partial<LedgerRow>): LedgerRow => ({
  responseId: '', eventId: 'EV-1', name: '', furigana: '', agency: '', agencyId: '', jobTitle: '', email: '', attendanceMode: '対面',
  registeredAt: null, status: '申込', attended: false, checkedInAt: null, route: 'フォーム', remarks: '', ...over,
});
const at = new Date('2025-08-22T04:05:00Z');
const sub = (key: string, typed: string, extra: Record<string, string> = {}) => ({ responseKey: key, submittedAt: at, answers: { [CHECK_IN_TITLES.key]: typed, ...extra } });

describe('check-in matching', () => {
  const ledger = [
    row({ responseId: 'R-a1b2c3d4e5f60718', name: '佐藤 一郎', email: 'sato@example.jp' }),
    row({ responseId: 'R-0f0e0d0c0b0a0908', name: '鈴木 花', email: 'suzuki@example.jp', status: '取消' }),
    row({ responseId: 'R-1111110000000000', name: '鈴木 花', email: 'suzuki@example.jp' }),
    row({ responseId: 'R-2222220000000000', name: '田中 実', email: 'tanaka@example.jp', attended: true }),
    row({ responseId: 'R-3333330000000000', eventId: 'EV-2', name: '高橋', email: 'taka@example.jp' }),
  ];
  test('受付番号 is R and the first six hex digits of 回答id, upper case; none for a hand-typed row', () => {
    expect(receiptNumber('R-a1b2c3d4e5f60718')).toBe('RA1B2C3');
    expect(receiptNumber('')).toBe('');
    expect(receiptNumber('手入力1')).toBe('');
  });
  test('by e-mail (width and case ignored) or 受付番号 (full-width, lower case, without R, a leading 0 lost as Sheets reads a number); the live row, not the cancelled one', () => {
    const rows = [...ledger, row({ responseId: 'R-0870060000000000', name: '小野', email: 'ono@example.jp' })];
    const plan = planCheckIns({ eventId: 'EV-1', ledger: rows, handled: new Set(), submissions: [sub('R-x1', 'ＳＡＴＯ＠example.jp'), sub('R-x2', '111111'), sub('R-x3', 'ｒ－１１１１１１'), sub('R-x4', '87006')] });
    expect(plan.ticks).toEqual([{ index: 0, at }, { index: 2, at }, { index: 5, at }]);
    expect(plan.walkIns).toEqual([]);
    expect(plan.handled.map((h) => h.ledgerId)).toEqual(['R-a1b2c3d4e5f60718', 'R-1111110000000000', 'R-1111110000000000', 'R-0870060000000000']);
  });
  test('a row already ticked, a handled response and another event are left alone', () => {
    const plan = planCheckIns({ eventId: 'EV-1', ledger, handled: new Set(['R-x1']), submissions: [sub('R-x1', 'sato@example.jp'), sub('R-x4', 'tanaka@example.jp')] });
    expect(plan.ticks).toEqual([]);
    expect(plan.handled).toEqual([{ responseKey: 'R-x4', ledgerId: 'R-2222220000000000' }]);
  });
  test('someone unknown becomes a walk-in (経路 当日) once, keyed by the response', () => {
    const s = sub('R-abc', 'taka@example.jp', { [CHECK_IN_TITLES.name]: ' 高橋　健 ', [CHECK_IN_TITLES.furigana]: 'タカハシ ケン', [CHECK_IN_TITLES.agency]: 'みなと就労' });
    const plan = planCheckIns({ eventId: 'EV-1', ledger, handled: new Set(), submissions: [s, s] });
    expect(plan.walkIns).toHaveLength(1);
    expect(plan.walkIns[0]).toMatchObject({ responseId: 'W-abc', eventId: 'EV-1', name: '高橋　健', furigana: 'たかはし　けん', agency: 'みなと就労', email: 'taka@example.jp', route: '当日', attended: true, checkedInAt: at });
    const again = planCheckIns({ eventId: 'EV-1', ledger: [...ledger, plan.walkIns[0]!], handled: new Set(), submissions: [s] });
    expect(again.walkIns).toEqual([]);
  });
  test('counts: self, by hand, walk-in', () => {
    const rows = [row({ responseId: 'R-1', attended: true }), row({ responseId: 'R-2', attended: true }), row({ responseId: 'W-3', attended: true, route: '当日' }), row({ responseId: 'R-4' })];
    expect(checkInCounts(rows, 'EV-1', new Set(['R-1']))).toEqual({ selfCheckIn: 1, byHand: 1, walkIn: 1 });
  });
});

describe('受付名簿', () => {
  test('registrants in 五十音 order, cancelled left out, waitlist marked, blank walk-in rows, QR on cover and poster', () => {
    const ledger = [
      row({ responseId: 'R-bbbbbb0000000000', name: '渡辺', furigana: 'わたなべ', agency: 'B' }),
      row({ responseId: 'R-aaaaaa0000000000', name: '青木', furigana: 'あおき', agency: 'A', status: 'キャンセル待ち' }),
      row({ responseId: 'R-cccccc0000000000', name: '井上', furigana: 'いのうえ', status: '取消' }),
      row({ name: '河野', furigana: 'こうの', route: '手入力' }),
    ];
    const doc = rosterDocument({ id: 'EV-1', title: 'セミナー', when: '2025年8月22日(金)', venue: '会議室', checkInUrl: 'https://forms.example/ci' }, ledger);
    const found = doc.items.find((b) => b.kind === 'table') as { cells: { text: string }[][] };
    const table = { cells: found.cells.map((r) => r.map((c) => c.text)) };
    expect(table.cells.slice(1, 4).map((r) => r[2])).toEqual(['青木', '河野', '渡辺']);
    expect(table.cells[1]).toEqual(['☐', 'RAAAAAA', '青木', 'あおき', 'A', 'キャンセル待ち']);
    expect(table.cells.length).toBe(1 + 3 + 5);
    // Each QR code's place: an empty centred paragraph, the URL under it, on the cover and on the poster page.
    expect(doc.qr.map((q) => q.size)).toEqual([180, 360]);
    for (const q of doc.qr) {
      expect(doc.items[q.index]).toEqual({ kind: 'paragraph', text: '', style: { namedStyleType: 'NORMAL_TEXT', alignment: 'CENTER' } });
      expect(doc.items[q.index + 1]).toMatchObject({ kind: 'paragraph', text: 'https://forms.example/ci' });
    }
    expect(doc.items.filter((b) => b.kind === 'pageBreak')).toHaveLength(2);
  });
});

describe('certificates and 受講記録', () => {
  const attendees = [
    { responseId: 'R-1', name: '青木', furigana: 'あおき', agency: 'A', email: 'a@x.jp' },
    { responseId: 'R-2', name: '伊藤', furigana: 'いとう', agency: 'B', email: 'i@x.jp' },
    { responseId: 'R-3', name: '上田', furigana: 'うえだ', agency: 'A', email: 'u@x.jp' },
  ];
  test('numbers continue after the highest ever issued; printed ones are not issued again; unprinted ones keep theirs', () => {
    const record = [
      { number: 7, eventId: 'EV-1', responseId: 'R-1', documentId: 'doc-1' },
      { number: 8, eventId: 'EV-1', responseId: 'R-2', documentId: '' },
      { number: 9, eventId: 'EV-0', responseId: 'R-9', documentId: 'doc-0' },
    ];
    const plan = planIssue('EV-1', attendees, record, 12);
    expect(plan.alreadyPrinted).toBe(1);
    expect(plan.toPrint.map((p) => [p.responseId, p.number])).toEqual([['R-2', 8], ['R-3', 13]]);
    expect(plan.issued).toEqual([{ number: 13, eventId: 'EV-1', responseId: 'R-3' }]);
    expect(plan.last).toBe(13);
    // A deleted record row does not free its number: the counter remembers it.
    expect(planIssue('EV-1', attendees.slice(2), [], 13).issued[0]!.number).toBe(14);
  });
  test('the merged document: one page per person, placeholders filled, from the template\'s own paragraphs', () => {
    const outline = outlineOf(docOf(DEFAULT_CERTIFICATE_TEMPLATE.map((p) => p.text)));
    const common = { 行事: 'セミナー', 日付: '2025年8月22日(金)', 時間: '3時間', ネットワーク名: 'みなと就労支援ネットワーク', 発行日: '2025年9月1日' };
    const items = certificateItems(outline, [{ ...attendees[0]!, number: 13 }, { ...attendees[1]!, agency: '', number: 14 }], common);
    const texts = items.map((b) => (b.kind === 'paragraph' ? b.text : b.kind));
    expect(texts.filter((t) => t === 'pageBreak')).toHaveLength(1);
    expect(texts.indexOf('pageBreak')).toBe(DEFAULT_CERTIFICATE_TEMPLATE.length);
    expect(texts).toContain('第000013号');
    expect(texts).toContain('伊藤 様（いとう）');
    // 伊藤's empty 所属 line is left out.
    expect(texts.length).toBe(2 * DEFAULT_CERTIFICATE_TEMPLATE.length);
    expect(texts.join('\n')).not.toMatch(/\{\{/);
    // One batch: the template's body goes (all but its last newline), the certificates are written, one page break.
    const requests = certificateRequests(outline, [{ ...attendees[0]!, number: 13 }, { ...attendees[1]!, number: 14 }], common);
    expect(requests[0]).toEqual({ deleteContentRange: { range: { startIndex: 1, endIndex: (outline.body.at(-1)!.end) - 1 } } });
    expect(requests.filter((r) => 'insertPageBreak' in r)).toHaveLength(1);
  });
  test('a template with an unknown placeholder, or a person\'s placeholder in the header, is refused', () => {
    expect(checkCertificateTemplate(outlineOf(docOf(['{{氏名}} 様', '{{行事}}'], '{{ネットワーク名}}')))).toEqual([]);
    const problems = checkCertificateTemplate(outlineOf(docOf(['{{氏命}} 様', '{{発行日}}'], '{{氏名}} {{発行日}}')));
    expect(problems.map((p) => [p.code, p.where])).toEqual([['unknown', { kind: 'paragraph', n: 1 }], ['unknown', { kind: 'header' }]]);
    expect(problems[0]!.params.closest).toContain('{{氏名}}');
  });
  test('chosen people are printed again with their own numbers', () => {
    const plan = planIssue('EV-1', attendees.slice(0, 1), [{ number: 7, eventId: 'EV-1', responseId: 'R-1', documentId: 'doc-1' }], 9, true);
    expect(plan.toPrint.map((p) => p.number)).toEqual([7]);
    expect(plan.issued).toEqual([]);
  });
  test('hours to the quarter hour', () => {
    expect(hoursBetween(new Date('2025-08-22T04:30:00Z'), new Date('2025-08-22T07:10:00Z'))).toBe(2.75);
    expect(hoursBetween(null, new Date())).toBeNull();
  });
  test('attendees only, 五十音 order; records per person and per agency; counts without names', () => {
    const rows = [
      row({ responseId: 'R-2', name: '伊藤', furigana: 'いとう', agency: 'B', email: 'I@x.jp', attended: true }),
      row({ responseId: 'R-1', name: '青木', furigana: 'あおき', agency: 'A', email: 'a@x.jp', attended: true }),
      row({ responseId: 'R-5', name: '欠席', furigana: 'けっせき', agency: 'A', email: 'k@x.jp' }),
      row({ responseId: 'R-6', eventId: 'EV-2', name: '青木', agency: 'A', email: 'a@x.jp', attended: true }),
    ];
    expect(attendeesOf(rows, 'EV-1').map((a) => a.name)).toEqual(['青木', '伊藤']);
    const rec = trainingRecords(rows, [{ id: 'EV-1', title: 'セミナー', date: '2025-08-22', hours: 3 }, { id: 'EV-2', title: 'WS', date: '2025-12-12', hours: 2 }]);
    expect(rec.people.slice(1)).toEqual([
      ['a@x.jp', '青木', 'A', 'EV-1', 'セミナー', '2025-08-22', 3], ['a@x.jp', '青木', 'A', 'EV-2', 'WS', '2025-12-12', 2], ['i@x.jp', '伊藤', 'B', 'EV-1', 'セミナー', '2025-08-22', 3],
    ]);
    expect(rec.agencies.slice(1)).toEqual([['A', 1, 2, 5], ['B', 1, 1, 3]]);
    const counts = trainingCounts(rows, new Set(['EV-1', 'EV-2']), [{ number: 1, eventId: 'EV-1', responseId: 'R-1', documentId: 'd' }]);
    expect(counts).toEqual({ certificatesIssued: 1, peopleTrained: 2, agenciesWithStaffTrained: 2, attendances: 3 });
    expect(JSON.stringify(counts)).not.toMatch(/青木|伊藤/);
  });
});
