/**
 * Workspace level: the add-on's own functions on the emulator's globals. The ledger and the survey store are
 * written as the forms feature writes them (raw, uncounted), so every figure is checked against data made here.
 */
import { PAMPHLET_KIND, recordIssue } from '../../../../src/server/workspace/issueRecord';
import { withEmulator, toBase64 } from '../../../support/globals';
import { setUpWorkbook } from '../../../../src/server/workspace/features/setup';
import { importCsv } from '../../../../src/server/workspace/features/csvImport';
import { summariseSurveysInSheet } from '../../../../src/server/workspace/features/surveyResults';
import { createActivityReport } from '../../../../src/server/workspace/features/activityReport';
import { surveyDoneMessage } from '../../../../src/server/workspace/features/reportEntry';
import { DEMO_AGENCIES_CSV } from '../../../../scripts/demo/agencies';
import { DEMO_EVENTS, writeDemoEvents } from '../../../../scripts/demo/forms';
import { documentSections } from '../../../../emulator/drive';
import { documentToPlainLines } from '../../../../emulator/render-html';
import type { Emulator } from '../../../../emulator';
import { appendRecords, rawSheet } from '../../../support/records';

const NOW = new Date('2026-02-02T09:00:00+09:00');
const KINDS = ['就労移行支援', '就労継続支援B型', '障害者就業・生活支援センター', '行政'];
const YEARS = ['1年未満', '1〜3年', '3〜5年', '5〜10年', '10年以上'];
const SCALES = ['全体満足度', '理解度', '業務への役立ち度', '時間配分・進行', '講師の説明'];

function prng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const sheet = rawSheet;

interface Answer { responseId: string; eventId: string; answers: Record<string, string> }

function makeAnswers(eventId: string, n: number, seed: number, workshop: boolean): Answer[] {
  const rand = prng(seed);
  return Array.from({ length: n }, (_, i) => {
    const answers: Record<string, string> = {
      // The last kind is rare, so it must be merged into その他 (or hidden).
      所属種別: i < 3 ? '行政' : KINDS[Math.floor(rand() * 3)]!,
      経験年数: YEARS[Math.floor(rand() * YEARS.length)]!,
      参加形態: rand() < 0.7 ? '対面' : 'オンライン',
    };
    for (const s of [...SCALES, ...(workshop ? ['演習の実践度'] : [])]) answers[s] = String(1 + Math.floor(rand() * 5));
    const themes = ['定着支援', 'アセスメント', '企業開拓・職場実習'].filter(() => rand() < 0.5);
    if (themes.length) answers['今後希望するテーマ'] = themes.join(', ');
    if (i % 4 === 0) answers['改善点'] = i === 0 ? '=IMPORTXML("https://evil.example","//a")' : `改善点その${i}`;
    return { responseId: `F-${eventId}-${i}`, eventId, answers };
  });
}

function storeAnswers(emu: Emulator, answers: Answer[]): void {
  appendRecords(emu, 'アンケート記録', answers.flatMap((a) => Object.entries(a.answers).map(([q, v]) => ({
    回答id: a.responseId, 行事id: a.eventId, 回答日時: NOW, 設問: q, 回答: v,
  }))));
  // The store's 回答 column is plain text, as the forms feature writes it.
}

function ledgerRows(eventId: string, n: number, attendedEvery: number, agencyIds: string[]) {
  return Array.from({ length: n }, (_, i) => ({
    回答id: `R-${eventId}-${i}`, 行事id: eventId, 氏名: `参加者${eventId}${i} 氏名`, ふりがな: 'さんかしゃ', 所属団体: i % 9 === 8 ? '区役所 障害者福祉課' : agencyIds[i % agencyIds.length],
    職種: '就労支援員', メール: `p${i}@example.jp`, 参加形態: '対面', 申込日時: NOW, 状態: i >= n - 2 && eventId === 'EV-WORKSHOP' ? 'キャンセル待ち' : '申込',
    出席: i % attendedEvery !== 0, 経路: 'フォーム',
  }));
}

beforeEach(() => jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'setImmediate'] }));
afterEach(() => jest.useRealTimers());

function prepare(opts: { seminarAnswers?: number } = {}) {
  const emu = withEmulator({ now: NOW });
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  setUpWorkbook(ss, 'ja');
  importCsv(ss, toBase64(DEMO_AGENCIES_CSV), 'ja');
  writeDemoEvents(emu);
  const reg = sheet(emu, '団体').getDataRange().getValues();
  const agencyIds = reg.slice(1).map((r) => String(r[reg[0]!.indexOf('id')]));
  appendRecords(emu, '参加者台帳', [...ledgerRows('EV-SEMINAR', 40, 8, agencyIds), ...ledgerRows('EV-WORKSHOP', 30, 10, agencyIds)]);
  const answers = [
    ...makeAnswers('EV-SEMINAR', opts.seminarAnswers ?? 33, 7, false),
    ...makeAnswers('EV-WORKSHOP', 22, 9, true),
  ];
  storeAnswers(emu, answers);
  emu.ledger.reset();
  return { emu, ss, answers, agencyIds };
}

function mean(xs: number[]) { return xs.reduce((a, b) => a + b, 0) / xs.length; }

describe('アンケートを集計 on the emulator', () => {
  test('writes each event\'s sheet (figures recomputed here), free text as text, a chart per scale question, and the overview; re-run replaces', () => {
    const { emu, ss, answers } = prepare();
    const result = summariseSurveysInSheet(ss);
    expect(result.events.map((e) => e.id)).toEqual(['EV-SEMINAR', 'EV-WORKSHOP']);
    expect(result.eventSheets).toEqual(['アンケート集計_EV-SEMINAR', 'アンケート集計_EV-WORKSHOP']);
    const overview = sheet(emu, 'アンケート集計').getDataRange().getValues();
    const head = overview.findIndex((r) => r[0] === '行事id');
    let charts = 0;
    for (const ev of result.events) {
      const out = sheet(emu, `アンケート集計_${ev.id}`);
      const values = out.getDataRange().getValues();
      const formulas = out.getDataRange().getFormulas();
      const mine = answers.filter((a) => a.eventId === ev.id);
      expect(ev.responses).toBe(mine.length);
      const attended = ev.id === 'EV-SEMINAR' ? 40 - 5 : 30 - 3; // 出席 unticked every 8th / 10th (waiting-list people who came count)
      expect(ev.responseRate).toBeCloseTo(Math.round((mine.length / attended) * 1000) / 1000, 10);
      expect(String(values[0]![0])).toContain(`（${ev.id}）`);
      const counts = values.findIndex((r) => r[0] === '回答数');
      expect(values[counts]!.slice(0, 4)).toEqual(['回答数', mine.length, '出席者数', attended]);
      const line = overview.find((r) => r[0] === ev.id)!;
      expect(line.slice(3, 5)).toEqual([mine.length, attended]);
      const scales = ev.id === 'EV-WORKSHOP' ? [...SCALES, '演習の実践度'] : SCALES;
      for (const q of scales) {
        const xs = mine.map((a) => Number(a.answers[q]));
        expect(ev.means[q]).toBeCloseTo(Math.round(mean(xs) * 100) / 100, 10);
        const row = values.find((r) => r[0] === q)!;
        expect(row[1]).toBe(xs.length);
        expect(row[2]).toBeCloseTo(mean(xs), 10);
        expect(row[3]).toBeCloseTo(xs.filter((x) => x >= 4).length / xs.length, 10);
        expect(line[overview[head]!.indexOf(`${q}（平均）`)]).toBeCloseTo(mean(xs), 10);
      }
      // Distribution table: values 1..5 down the rows, one column per question.
      const dist = values.findIndex((r) => r[0] === '回答の分布（人）');
      for (let v = 1; v <= 5; v++) {
        expect(values[dist + v]![0]).toBe(String(v));
        scales.forEach((q, i) => expect(values[dist + v]![1 + i]).toBe(mine.filter((a) => a.answers[q] === String(v)).length));
      }
      // Headings are bold (one setFontWeights per sheet), answers are not.
      const weights = out.getDataRange().getFontWeights();
      const heading = values.findIndex((row) => row[0] === '5段階評価');
      expect([weights[heading]![0], weights[heading + 1]![0]]).toEqual(['bold', 'normal']);
      expect(formulas.flat().every((f) => f === '')).toBe(true);
      // Charts: one per scale question, reading the value column and that question's column.
      const records = out.chartStore.records();
      expect(records).toHaveLength(scales.length);
      charts += records.length;
      for (const c of records) {
        expect(c.type).toBe('COLUMN');
        expect(c.ranges).toHaveLength(2);
        const q = c.title!.split('：')[1]!;
        const [, second] = c.ranges.map((a) => /!([A-Z]+)(\d+):([A-Z]+)(\d+)/.exec(a)!);
        const col = second![1]!.charCodeAt(0) - 64;
        expect(values[Number(second![2]) - 1]![col - 1]).toBe(q);
      }
    }
    expect(result.charts).toBe(charts);
    expect(emu.ledger.byMethod()['SpreadsheetApp.Range.setFontWeights']).toBe(3);
    // Free text: the formula-looking answer is stored as the words typed, never a formula.
    const seminar = sheet(emu, 'アンケート集計_EV-SEMINAR');
    const r = seminar.getDataRange().getValues().findIndex((row) => row[0] === '=IMPORTXML("https://evil.example","//a")');
    expect(r).toBeGreaterThan(0);
    expect(seminar.getDataRange().getFormulas()[r]![0]).toBe('');
    // Re-running rewrites in place: same charts, same values.
    const before = seminar.getDataRange().getValues();
    summariseSurveysInSheet(ss);
    expect(seminar.chartStore.records()).toHaveLength(SCALES.length);
    expect(seminar.getDataRange().getValues()).toEqual(before);
  });

  test('n ≥ 5: the cross-tabs and attribute counts on the sheet show no group under 5', () => {
    const { emu, ss, answers } = prepare();
    summariseSurveysInSheet(ss);
    const seminar = sheet(emu, 'アンケート集計_EV-SEMINAR').getDataRange().getValues();
    const gov = answers.filter((a) => a.eventId === 'EV-SEMINAR' && a.answers['所属種別'] === '行政').length;
    expect(gov).toBeLessThan(5);
    // 行政 (3 people) never appears as its own row; its people are inside a merged その他 group or not shown.
    expect(seminar.some((r) => r[0] === '行政')).toBe(false);
    for (const dim of ['所属種別', '経験年数']) {
      const at = seminar.findIndex((r) => r[0] === `クロス集計：${dim}別の平均`);
      expect(at).toBeGreaterThan(0);
      for (let i = at + 1; seminar[i] && seminar[i]![0] !== '' && !String(seminar[i]![0]).startsWith('表示していない'); i++) {
        expect(Number(seminar[i]![1])).toBeGreaterThanOrEqual(5);
        const label = String(seminar[i]![0]);
        const members = label.includes('（') ? label.slice(label.indexOf('（') + 1, -1).split('、') : [label];
        const group = answers.filter((a) => a.eventId === 'EV-SEMINAR' && members.includes(a.answers[dim]!));
        expect(Number(seminar[i]![1])).toBe(group.length);
        expect(seminar[i]![2]).toBeCloseTo(mean(group.map((a) => Number(a.answers['全体満足度']))), 10);
      }
    }
  });

  test('with no survey yet: an empty summary and a sentence saying what to do', () => {
    withEmulator({ now: NOW });
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    setUpWorkbook(ss, 'ja');
    const r = summariseSurveysInSheet(ss);
    expect(r).toEqual({ sheet: 'アンケート集計', eventSheets: [], events: [], charts: 0, problems: [] });
    expect(surveyDoneMessage(r, 'ja')).toContain('アンケートのある行事がありません');
  });

  test('Spreadsheet calls do not grow with the number of answers (33 vs 330)', () => {
    const small = prepare({ seminarAnswers: 33 });
    summariseSurveysInSheet(small.ss);
    const few = small.emu.ledger.byService()['SpreadsheetApp'];
    const large = prepare({ seminarAnswers: 330 });
    summariseSurveysInSheet(large.ss);
    expect(large.emu.ledger.byService()['SpreadsheetApp']).toBe(few);
    // Beyond one chart per scale question (an artifact each): one read per source sheet, about ten calls per sheet written.
    const charts = Object.entries(large.emu.ledger.byMethod()).filter(([m]) => /EmbeddedChart|Chart$|newChart|removeChart/.test(m) || m.endsWith('Sheet.getRange')).reduce((n, [, c]) => n + c, 0);
    expect(few! - charts).toBeLessThan(30 + 10 * 3);
  });
});

describe('活動報告書を作成 on the emulator', () => {
  test('fills the add-on\'s template: 12 → 16 agencies, each event with its figures, meetings, pamphlet; no participant data', () => {
    const { emu, ss } = prepare();
    appendRecords(emu, '会議', [
      { id: 'M-1', 名称: '定例会', 開始: new Date('2025-04-09T18:30:00+09:00'), 状態: '予定', 繰り返し: '毎月第2水曜' },
      { id: 'M-2', 名称: '企画会議', 開始: new Date('2025-06-03T18:30:00+09:00'), 状態: '予定' },
      { id: 'M-3', 名称: '合同説明会', 開始: new Date('2025-10-10T13:00:00+09:00'), 状態: '中止' },
    ]);
    // Pamphlets are counted from 発行記録 (what 「パンフレットを作成」 records), not from 操作ログ sentences.
    recordIssue(ss, { kind: PAMPHLET_KIND, on: '2025-06-15', name: '就労支援機関ガイド_2025-06-15', id: 'doc-pamphlet', url: 'https://docs.google.com/open?id=doc-pamphlet' });
    appendRecords(emu, '操作ログ', [{ 日時: new Date('2025-07-15T10:00:00+09:00'), 実行者: 'x@example.jp', 操作: 'パンフレットを作成', 結果: '成功', 詳細: 'パンフレット「ログだけの行」を作成しました（13団体）。' }]);
    summariseSurveysInSheet(ss);
    emu.ledger.reset();
    const result = createActivityReport(ss);
    expect(result).toMatchObject({ membersAtStart: 12, membersAtEnd: 16, templateCreated: true, period: { start: '2025-04-01', end: '2026-03-31', label: '令和7年度' } });
    expect(result.joined).toHaveLength(4);
    // The workshop's last two rows (28, 29) are on the waiting list but were checked in (only every 10th is absent).
    expect(result.events.map((e) => [e.id, e.participants])).toEqual([['EV-SEMINAR', 40], ['EV-WORKSHOP', 28 + 2]]);
    // 第2水曜 from 2025-04-09 up to 2026-02-02, counted by walking the calendar here.
    let second = 0;
    for (let t = Date.UTC(2025, 3, 9); t <= Date.UTC(2026, 1, 2); t += 86400000) { const d = new Date(t); if (d.getUTCDay() === 3 && d.getUTCDate() >= 8 && d.getUTCDate() <= 14) second++; }
    let later = 0;
    for (let t = Date.UTC(2026, 1, 3); t <= Date.UTC(2026, 2, 31); t += 86400000) { const d = new Date(t); if (d.getUTCDay() === 3 && d.getUTCDate() >= 8 && d.getUTCDate() <= 14) later++; }
    expect(result.meetings).toEqual([{ kind: '企画会議', count: 1, planned: 0 }, { kind: '定例会', count: second, planned: later }]);
    expect(result.pamphlets).toBe(1);

    const lines = documentToPlainLines(documentSections(emu.drive, result.documentId)!);
    const text = lines.join('\n');
    expect(text).toContain('期首 12団体 → 期末 16団体（新規加入 4団体、掲載情報の確認 0団体）');
    expect(text).toContain('令和7年度（2025年4月1日〜2026年3月31日／令和7年4月1日〜令和8年3月31日）');
    for (const e of DEMO_EVENTS) expect(text).toContain(e.title);
    expect(text).toContain('2025年8月22日(金)');
    expect(text).toContain('（令和7年8月22日）');
    expect(text).toContain('参加 40人');
    expect(text).toContain('参加 30人');
    expect(text).toContain('キャンセル待ち 2人');
    expect(text).toContain('当日の出席 35人');
    expect(text).toContain('就労支援機関ガイド_2025-06-15');
    expect(text).not.toMatch(/\{\{|\}\}/);
    // No participant's name or email, and no free-text answer.
    expect(text).not.toMatch(/参加者EV-|@example\.jp|IMPORTXML|改善点その/);
    // The template id is kept in 設定; the template itself is untouched by filling.
    const settings = sheet(emu, '設定').getDataRange().getValues();
    const templateId = String(settings.find((r) => r[0] === '活動報告書ひな形id')![1]);
    expect(documentToPlainLines(documentSections(emu.drive, templateId)!).join('\n')).toContain('{{期首団体数}}');
  });

  test('re-running makes a new dated document and reuses the template; a custom period is honoured', () => {
    const { emu, ss } = prepare();
    const first = createActivityReport(ss);
    const second = createActivityReport(ss);
    expect(second.templateCreated).toBe(false);
    expect(second.name).toBe(`${first.name}_2`);
    expect(second.documentId).not.toBe(first.documentId);
    const half = createActivityReport(ss, { start: '2025-04-01', end: '2025-09-30' });
    expect(half.events.map((e) => e.id)).toEqual(['EV-SEMINAR']);
    expect([half.membersAtStart, half.membersAtEnd]).toEqual([12, 15]);
    expect(half.period.label).toBe('2025年4月1日〜2025年9月30日');
    expect(() => createActivityReport(ss, { start: '2025-10-01', end: '2025-04-01' })).toThrow(/期間/);
    expect(emu.documents.docs.size).toBe(4); // template + three reports
  });

  test('a network name with $ and \\ is written as typed (no replacement-pattern surprises), in paragraphs and tables', () => {
    const { emu, ss } = prepare();
    createActivityReport(ss);
    const settings = sheet(emu, '設定');
    const rows = settings.getDataRange().getValues();
    const templateId = String(rows.find((r) => r[0] === '活動報告書ひな形id')![1]);
    const template = DocumentApp.openById(templateId);
    template.getBody().appendTable([['発行', '{{ネットワーク名}}（{{年度}}）']]);
    template.saveAndClose();
    settings.getRange(rows.findIndex((r) => r[0] === 'ネットワーク名') + 1, 2).setValue('千代田$1ネット\\就労');
    const r = createActivityReport(ss);
    const text = documentToPlainLines(documentSections(emu.drive, r.documentId)!).join('\n');
    expect(text).toContain('千代田$1ネット\\就労 活動報告書');
    expect(text).toContain('千代田$1ネット\\就労　令和7年度 活動報告書');
    expect(text).toContain('千代田$1ネット\\就労（令和7年度）');
    expect(text).not.toMatch(/\{\{|\}\}/);
  });

  test('placeholders typed with full-width or ASCII spaces inside the braces are filled (Docs matches with RE2, whose \\s is ASCII only)', () => {
    const { emu, ss } = prepare();
    createActivityReport(ss);
    const rows = sheet(emu, '設定').getDataRange().getValues();
    const templateId = String(rows.find((r) => r[0] === '活動報告書ひな形id')![1]);
    const template = DocumentApp.openById(templateId);
    template.getBody().appendParagraph('全角：{{\u3000期首団体数\u3000}}、半角：{{ 期末団体数 }}');
    template.getBody().appendTable([['年度', '{{\u3000年度}}']]);
    template.saveAndClose();
    const r = createActivityReport(ss);
    const text = documentToPlainLines(documentSections(emu.drive, r.documentId)!).join('\n');
    expect(text).toContain('全角：12、半角：16');
    expect(text).toContain('令和7年度');
    expect(text).not.toMatch(/\{\{|\}\}/);
  });

  test('a broken template is reported with the closest names and creates nothing', () => {
    const { emu, ss } = prepare();
    const first = createActivityReport(ss);
    const settings = sheet(emu, '設定').getDataRange().getValues();
    const templateId = String(settings.find((r) => r[0] === '活動報告書ひな形id')![1]);
    const template = emu.documents.docs.get(templateId)!;
    const doc = DocumentApp.openById(templateId);
    doc.getBody().appendParagraph('期末の数: {{期末団体}}');
    doc.saveAndClose();
    const before = emu.documents.docs.size;
    expect(() => createActivityReport(ss)).toThrow(/\{\{期末団体\}\}.*\{\{期末団体数\}\}/);
    expect(emu.documents.docs.size).toBe(before);
    expect(template.id).toBe(templateId);
    expect(first.documentId).toBeTruthy();
  });

  test('an agency with an empty 加入日 counts from the start and is named in the notes', () => {
    const { emu, ss } = prepare();
    const reg = sheet(emu, '団体');
    const header = reg.getRange(1, 1, 1, reg.getLastColumn()).getValues()[0]!.map(String);
    reg.getRange(17, header.indexOf('加入日') + 1).setValue(''); // 就労支援プラザいずみ, joined 2025-12-01
    const r = createActivityReport(ss);
    expect([r.membersAtStart, r.membersAtEnd, r.joined.length]).toEqual([13, 16, 3]);
    expect(r.notes).toEqual([expect.stringContaining('加入日が空か日付として読めない団体が1件あります（就労支援プラザいずみ）')]);
  });

  test('a trashed template or an unreachable folder is a clear message, not a crash', () => {
    const { emu, ss } = prepare();
    createActivityReport(ss);
    const settings = sheet(emu, '設定');
    const rows = settings.getDataRange().getValues();
    const templateId = String(rows.find((r) => r[0] === '活動報告書ひな形id')![1]);
    emu.drive.files.get(templateId)!.trashed = true;
    expect(() => createActivityReport(ss)).toThrow(/報告書のひな形.*を開けません.*空にして再実行/);
    emu.drive.files.get(templateId)!.trashed = false;
    settings.appendRow(['活動報告書の保存先フォルダid', 'folder-made-by-hand', '']);
    expect(() => createActivityReport(ss)).toThrow(/フォルダ（id: folder-made-by-hand）を開けません/);
  });

  test('Docs calls do not grow with the number of participants', () => {
    const a = prepare();
    createActivityReport(a.ss);
    const docsSmall = a.emu.ledger.byService()['DocumentApp'];
    const b = prepare();
    appendRecords(b.emu, '参加者台帳', ledgerRows('EV-SEMINAR', 400, 8, b.agencyIds).map((r, i) => ({ ...r, 回答id: `X-${i}` })));
    b.emu.ledger.reset();
    createActivityReport(b.ss);
    expect(b.emu.ledger.byService()['DocumentApp']).toBe(docsSmall);
  });
});

describe('活動報告書を作成: calls (issue 18)', () => {
  test('every sheet the report only reads is read as a view (no getFormulas, no getMaxRows); the same total for 70 and 470 registrants', () => {
    const a = prepare();
    createActivityReport(a.ss); // makes the template
    a.emu.ledger.reset();
    createActivityReport(a.ss);
    const calls = a.emu.ledger.records.length;
    const methods = a.emu.ledger.byMethod();
    // Nothing the report only reads is opened for writing, 設定 included (a view since issue 18's second pass): no
    // getFormulas, no getMaxRows.
    expect(methods['SpreadsheetApp.Range.getFormulas']).toBeUndefined();
    expect(methods['SpreadsheetApp.Sheet.getMaxRows']).toBeUndefined();
    // 8 sheet reads × 2 (getSheetByName, getSheetValues) + Drive/Docs (one list of My Drive — the template live there and
    // the names taken, a same-day report's included —, documents.get, copy, batchUpdate: 4) + 発行記録's append (1:
    // its header was checked by the read) + the 参加証明書発行記録 look-up that finds none (1) + the 企業相談 look-up
    // for section 5 that finds none (1, issue 17): 23. Before: 32 (設定 a writer, the template asked for, one list per
    // name, 発行記録 looked up and its owner mark read again); before the one-call reads: 47; before the views: 63.
    expect(calls).toBe(23);
    const b = prepare();
    appendRecords(b.emu, '参加者台帳', ledgerRows('EV-SEMINAR', 400, 8, b.agencyIds).map((r, i) => ({ ...r, 回答id: `X-${i}` })));
    createActivityReport(b.ss);
    b.emu.ledger.reset();
    createActivityReport(b.ss);
    expect(b.emu.ledger.records.length).toBe(calls);
  });
});

describe('活動報告書を作成 through the Advanced Drive service, under the manifest\'s drive.file', () => {
  const templates = (emu: Emulator) => [...emu.drive.files.values()].filter((f) => f.name === '活動報告書のひな形' && !f.trashed);
  const settingValue = (emu: Emulator, key: string) => String(sheet(emu, '設定').getDataRange().getValues().find((r) => r[0] === key)?.[1] ?? '');

  test('first run: the template by Drive.Files.create, the report by Drive.Files.copy into My Drive; no DriveApp call', () => {
    const { emu, ss } = prepare();
    const r = emu.ledger.within('report', () => createActivityReport(ss));
    const drive = Object.fromEntries(Object.entries(emu.ledger.byMethod('report')).filter(([k]) => k.startsWith('Drive')));
    expect(drive).toEqual({ 'Drive.Files.create': 1, 'Drive.Files.list': 1, 'Drive.Files.copy': 1 });
    expect(emu.ledger.count({ operation: 'report', service: 'DriveApp' })).toBe(0);
    expect(emu.ledger.count({ operation: 'report', method: 'DocumentApp.create' })).toBe(0);
    const [template] = templates(emu);
    expect(template).toMatchObject({ createdByApp: true, parents: ['root-folder'] });
    expect(emu.drive.files.get(r.documentId)).toMatchObject({ createdByApp: true, parents: ['root-folder'] });
    expect(r.url).toBe(`https://docs.google.com/document/d/${r.documentId}/edit?usp=drivesdk`);
    // Later runs find the template live in My Drive and the names taken in one list, and make only the report.
    emu.ledger.reset();
    emu.ledger.within('again', () => createActivityReport(ss));
    const again = Object.fromEntries(Object.entries(emu.ledger.byMethod('again')).filter(([k]) => k.startsWith('Drive')));
    expect(again).toEqual({ 'Drive.Files.list': 1, 'Drive.Files.copy': 1 });
  });

  test('no unused template is left behind: three runs and a run stopped by a wrong folder id leave exactly the one recorded template', () => {
    const { emu, ss } = prepare();
    // A wrong folder id before the first run: the run stops before making anything.
    sheet(emu, '設定').appendRow(['活動報告書の保存先フォルダid', 'folder-made-by-hand', '']);
    const docs = emu.documents.docs.size;
    expect(() => createActivityReport(ss)).toThrow(/フォルダ（id: folder-made-by-hand）を開けません/);
    expect(emu.documents.docs.size).toBe(docs);
    expect(templates(emu)).toHaveLength(0);
    // The coordinator clears it; three runs.
    const settings = sheet(emu, '設定');
    const row = settings.getDataRange().getValues().findIndex((r) => r[0] === '活動報告書の保存先フォルダid') + 1;
    settings.getRange(row, 2).setValue('');
    const reports = [createActivityReport(ss), createActivityReport(ss), createActivityReport(ss)];
    expect(reports.map((r) => r.templateCreated)).toEqual([true, false, false]);
    expect(templates(emu).map((f) => f.id)).toEqual([settingValue(emu, '活動報告書ひな形id')]);
    // Every live Doc is either the template or a report the user was told about.
    const told = new Set([settingValue(emu, '活動報告書ひな形id'), ...reports.map((r) => r.documentId)]);
    expect([...emu.drive.files.values()].filter((f) => !f.trashed).map((f) => f.id).sort()).toEqual([...told].sort());
  });

  test('a failure while recording a new template leaves it untrashed (the write of its id may have landed before the failure); the re-run works', () => {
    const { emu, ss } = prepare();
    // The first Range.setValues after the template's creation is the 設定 write that records it.
    let created = false;
    const files = emu.globals.Drive!.Files;
    const create = files.create.bind(files);
    (files as { create: typeof create }).create = ((...args: Parameters<typeof create>) => {
      const f = create(...args);
      created = true;
      emu.runtime.failAt({ atCall: 1, service: 'SpreadsheetApp', message: 'Service Spreadsheets failed while accessing document.' });
      return f;
    }) as typeof create;
    expect(() => createActivityReport(ss)).toThrow('Service Spreadsheets failed');
    expect(created).toBe(true);
    (files as { create: typeof create }).create = create;
    // Trashed, a template whose id did reach 設定 would stop every later run; untrashed, an unsaved one is an orphan.
    expect([...emu.drive.files.values()].filter((f) => f.name === '活動報告書のひな形').map((f) => f.trashed)).toEqual([false]);
    expect(createActivityReport(ss).documentId).not.toBe('');
  });
});
