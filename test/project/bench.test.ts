/**
 * The bench's own logic (bench/minimum.ts, bench/verdicts.ts), on rows made up here: artifacts counted the same way
 * for every operation, and each of issue 18's "Done when" lines ending in a verdict.
 */
import { MINIMUM, countArtifacts, physicalMinimum } from '../../bench/minimum';
import { baselineVerdict, budgetVerdict, doneWhenLines, executionLimitVerdict, modeledTimeVerdict, sameAtEverySizeVerdict, type VerdictRow } from '../../bench/verdicts';

const row = (operation: string, agencies: number, responses: number, over: Partial<VerdictRow> = {}): VerdictRow => ({
  operation, agencies, responses, calls: 30, baselineCalls: 3000, modeledSeconds: 5, artifacts: 0, byService: { SpreadsheetApp: 20 }, byMethod: {}, ...over,
});

describe('artifacts (bench/minimum.ts)', () => {
  // 企業相談フォームを作成's ledger, in part: a sheet, two forms and their items, besides calls that make nothing.
  const consultationForms = {
    'SpreadsheetApp.Spreadsheet.insertSheet': 1, 'FormApp.FormApp.create': 2, 'FormApp.Form.addTextItem': 8, 'FormApp.Form.addListItem': 1,
    'FormApp.Form.addMultipleChoiceItem': 5, 'FormApp.Form.addCheckboxItem': 2, 'FormApp.Form.addParagraphTextItem': 2,
    'FormApp.TextItem.setTitle': 8, 'FormApp.Form.getItems': 3, 'FormApp.Form.createResponse': 1, 'SpreadsheetApp.Range.setValues': 1,
  };

  test('a form\'s items are artifacts, whether or not the operation states a minimum', () => {
    expect(countArtifacts(consultationForms)).toBe(1 + 2 + 8 + 1 + 5 + 2 + 2);
    expect(countArtifacts({ 'MailApp.MailApp.sendEmail': 16, 'MailApp.MailApp.getRemainingDailyQuota': 1 })).toBe(16);
    expect(countArtifacts({ 'Drive.Files.copy': 1, 'DocumentApp.Document.getAs': 1, 'Docs.Documents.batchUpdate': 1, 'Drive.Files.get': 1 })).toBe(2);
    expect(countArtifacts({ 'CalendarApp.Calendar.createEvent': 3, 'CalendarApp.Calendar.createEventSeries': 1, 'CalendarApp.CalendarEvent.getId': 4 })).toBe(4);
  });

  test('the minimum is reads + writes + one per artifact', () => {
    const spec = MINIMUM['企業相談フォームを作成']!;
    expect(physicalMinimum('企業相談フォームを作成', consultationForms)).toEqual({ minimum: spec.reads.length + spec.writes.length + 21, artifacts: 21 });
    expect(physicalMinimum('no such operation', consultationForms)).toBeNull();
  });

  test('every operation the bench measures states its minimum', () => {
    for (const op of ['セルフ受付（トリガー1件）', '受講記録を更新', '企業相談フォームを作成', '企業相談（トリガー1件）', '企業相談の一覧', '企業相談の担当を決定',
      '企業相談の対応状況（トリガー1件）', '行事の案内を送信', '企業相談の督促', '受付時刻を記録', '行事をチェック', '設定を保存',
      // bench18c: the forms re-run, the sidebar's reads, continuity (issue 20), personal data (issue 19).
      'フォームを作成（再実行）', 'CSVプレビュー', '定時の回答取り込み（トリガー）', 'パンフレットのプレビュー', '出席者一覧', '会議の送信内容の確認',
      'メールの送信内容の確認', 'サイドバーの表示', '前回の結果', '行事一覧', '設定の表示', '状態の確認', 'ファイルを共有フォルダに移す（フォルダを作成）',
      'ファイルを共有フォルダに移す', '担当を引き継ぐ', '配慮事項フォームの作成', '本人のデータを検索', '本人のデータの削除前の確認', '本人のデータを削除',
      '個人情報の整理の確認', '個人情報の整理']) {
      expect(MINIMUM[op]?.reads.length).toBeGreaterThan(0);
    }
  });

  test('calls one per thing the data holds are counted from the ledger (times each); every sheet from the run\'s world', () => {
    // 個人情報の整理: two form stores (read and emptied: 2 each), three runs of rows written, one file trashed, 5 charts.
    const ledger = { 'FormApp.Form.getResponses': 2, 'FormApp.Form.deleteResponse': 87, 'SpreadsheetApp.Range.setValues': 2, 'SpreadsheetApp.RangeList.setValue': 1, 'Drive.Files.update': 1, 'SpreadsheetApp.Sheet.insertChart': 5 };
    const spec = MINIMUM['個人情報の整理']!;
    const fixed = spec.reads.length + spec.writes.length;
    expect(physicalMinimum('個人情報の整理', ledger, { sheets: 25 })).toEqual({ minimum: fixed + 25 + 2 * 2 + 3 + 1 + 5, artifacts: 5 });
    // Without the world, no sheet is counted; an operation without `each` counts only its artifacts.
    expect(physicalMinimum('個人情報の整理', ledger)!.minimum).toBe(fixed + 2 * 2 + 3 + 1 + 5);
    const forms = MINIMUM['フォームを作成（再実行）']!;
    expect(physicalMinimum('フォームを作成（再実行）', ledger, { sheets: 25 })!.minimum).toBe(forms.reads.length + forms.writes.length + 5);
  });
});

describe('"Done when" verdicts (bench/verdicts.ts)', () => {
  test('the call budget leaves out one call per artifact', () => {
    expect(budgetVerdict([row('A', 16, 40, { calls: 419, artifacts: 370 })])).toMatch(/: holds for every operation$/);
    expect(budgetVerdict([row('A', 16, 40, { calls: 419, artifacts: 21 })])).toBe('- ≤ 60 calls except one per artifact: exceeded by A 419 (21 artifacts) at 16×40');
    // Sizes with the same figure in one entry.
    expect(budgetVerdict([row('A', 16, 40, { calls: 230 }), row('A', 1000, 10000, { calls: 230 }), row('B', 16, 40, { calls: 128 })]))
      .toBe('- ≤ 60 calls except one per artifact: exceeded by A 230 (0 artifacts) at every size; B 128 (0 artifacts) at 16×40');
  });

  test('"the same at every size" compares calls less artifacts, and says when one size cannot judge it', () => {
    expect(sameAtEverySizeVerdict([row('A', 1000, 10000)])).toMatch(/: not judged — one size measured \(1000×10000\)/);
    // A batch of mails follows the data; the calls around it do not.
    const mail = [row('mail', 16, 40, { calls: 75, artifacts: 40 }), row('mail', 1000, 10000, { calls: 1535, artifacts: 1500 })];
    expect(sameAtEverySizeVerdict(mail)).toMatch(/: holds for every operation$/);
    const sync = [row('sync', 16, 40, { calls: 119 }), row('sync', 1000, 10000, { calls: 128 })];
    expect(sameAtEverySizeVerdict([...mail, ...sync])).toMatch(/: holds for 1 of 2; varies for sync 119 at 16×40 – 128 at 1000×10000$/);
  });

  test('≥ 50× at 1,000 rows: judged at 1000×1000, else at the largest run with 1,000 agencies, else not measured', () => {
    expect(baselineVerdict([row('A', 16, 40)])).toMatch(/: not measured — no run with 1,000 agencies/);
    expect(baselineVerdict([row('A', 1000, 10000, { calls: 30, baselineCalls: 1200 })])).toMatch(/\(1000×10000, the largest run with 1,000 agencies\): holds for 0 of 1; below for A 40\.0×$/);
    expect(baselineVerdict([row('A', 1000, 1000, { baselineCalls: 3000 }), row('B', 1000, 1000, { calls: 300 }), row('B', 1000, 10000, { calls: 30 })]))
      .toMatch(/\(1,000 agencies × 1,000 responses\): holds for 1 of 2; below for B 10\.0×$/);
  });

  test('modeled time < 60 s at 1000×10000, or not measured', () => {
    expect(modeledTimeVerdict([row('A', 16, 40)])).toMatch(/: not measured — BENCH_SIZES has no 1000x10000$/);
    expect(modeledTimeVerdict([row('A', 1000, 10000, { modeledSeconds: 12 }), row('B', 1000, 10000, { modeledSeconds: 40 })])).toMatch(/: holds for every operation \(longest B 40 s\)$/);
    expect(modeledTimeVerdict([row('A', 1000, 10000, { modeledSeconds: 12 }), row('B', 1000, 10000, { modeledSeconds: 60 })])).toMatch(/: holds for 1 of 2; exceeded by B 60 s$/);
  });

  test('Google\'s 6-minute limit: the operations stopped there, with the size and the call; or that every one fits', () => {
    expect(executionLimitVerdict([row('A', 16, 40), row('A', 1000, 10000)])).toBe('- every operation fits in one execution (≤ 360 s modeled, Google\'s 6-minute limit): holds at every size measured (16×40, 1000×10000)');
    expect(executionLimitVerdict([row('A', 16, 40), row('A', 1000, 10000, { stoppedAtCall: 2251, modeledSeconds: 360.2 }), row('B', 1000, 10000, { stoppedAtCall: 2240 })]))
      .toMatch(/: stopped at the limit: A at 1000×10000 \(call 2,251\), B at 1000×10000 \(call 2,240\)$/);
    expect(doneWhenLines([row('A', 1000, 10000, { stoppedAtCall: 2251 })], 230_426).at(-1)).toMatch(/^- every operation fits in one execution .*: stopped at the limit: A/);
  });

  test('no line ends at its colon', () => {
    for (const rows of [[row('A', 16, 40)], [row('A', 16, 40), row('A', 1000, 10000)], []]) {
      for (const line of doneWhenLines(rows, 230_426)) expect(line).not.toMatch(/:\s*$/);
    }
  });
});
