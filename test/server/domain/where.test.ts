/** Issue 14 item 9: one formatter for where a problem is (sheet, row, column). */
import { agencyLabel, formatExcluded, formatProblem, formatWhere, joinSentences } from '../../../src/server/domain/where';

describe('formatWhere / formatProblem', () => {
  test('sheet, row and column, each written once; absent parts left out', () => {
    expect(formatWhere('ja', { sheet: '会議', row: 2, column: '招待先' })).toBe('「会議」シート 2行目「招待先」');
    expect(formatWhere('ja', { row: 11, column: 'グループ' })).toBe('11行目「グループ」');
    expect(formatWhere('ja', { sheet: '設定', row: 0, column: 'カレンダー予定の1日上限' })).toBe('「設定」シート 「カレンダー予定の1日上限」');
    expect(formatWhere('ja', { sheet: '会議', row: 0, column: '' })).toBe('「会議」シート');
    expect(formatWhere('en', { sheet: '会議', row: 2, column: '招待先' })).toBe('Sheet "会議", row 2, "招待先"');
    expect(formatWhere('en', { row: 3 })).toBe('Row 3');
  });

  test('no 「0行目」 and no empty 「」 even for a problem on no row and no column', () => {
    const text = formatProblem('ja', { sheet: '会議', row: 0, column: '', message: '止まりました。' });
    expect(text).toBe('「会議」シート: 止まりました。');
    expect(formatProblem('ja', { row: 0, message: 'x' })).toBe('x');
  });
});

test('sentences are run together without 「。、」', () => {
  expect(joinSentences('ja', ['電話: 数字でない文字があります。', 'メール: 形式が正しくありません', ''])).toBe('電話: 数字でない文字があります。メール: 形式が正しくありません。');
  expect(joinSentences('en', ['Done', 'Two left.'])).toBe('Done. Two left.');
});

test('an agency without a name is named by its id and row, never 団体「」(AG-017)', () => {
  expect(agencyLabel('ja', { name: 'ワークサポートあおば', id: 'AG-001' })).toBe('「ワークサポートあおば」(AG-001)');
  const nameless = agencyLabel('ja', { name: ' ', id: 'AG-017', row: 18 });
  expect(nameless).not.toContain('「」');
  expect(nameless).toBe('AG-017（名称が未入力、「団体」シート 18行目）');
});

test('a pamphlet exclusion shows its row once: no 「（18行目）（18行目）」', () => {
  expect(formatExcluded('ja', { row: 18, name: '', reason: '名称が未入力' })).toBe('「団体」シート 18行目: 名称が未入力');
  expect(formatExcluded('ja', { row: 5, name: 'みらい就労ラボ', reason: '未同意' })).toBe('「団体」シート 5行目: みらい就労ラボ（未同意）');
});
