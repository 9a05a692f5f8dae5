/**
 * The built bundle in the vm: participants register and answer the surveys through the forms emulator (firing the
 * add-on's trigger), then 「アンケートを集計」 and 「活動報告書を作成」 run as Apps Script would run them.
 */
import { loadAddOn } from '../../../support/bundle';
import { ok, prepare, sheetRecords } from '../../../support/forms';
import { agencyNamesOf, participantAnswers } from '../../../../scripts/demo/forms';
import type { ActivityReportResult, RpcResult, SurveyResultsReport } from '../../../../src/protocol';
import type { Answer } from '../../../../emulator/forms';
import { documentSections } from '../../../../emulator/drive';
import { documentToPlainLines } from '../../../../emulator/render-html';
import { SCOPES } from '../../../../src/server/scopes';

const NOW = new Date('2026-02-02T09:00:00+09:00');
const SCALES = ['全体満足度', '理解度', '業務への役立ち度', '時間配分・進行', '講師の説明'];
const KINDS = ['就労移行支援', '就労継続支援B型', '障害者就業・生活支援センター', '企業'];

function prng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function surveyAnswers(n: number, seed: number, workshop: boolean): Record<string, Answer>[] {
  const rand = prng(seed);
  return Array.from({ length: n }, (_, i) => {
    const a: Record<string, Answer> = {
      所属種別: i < 2 ? '企業' : KINDS[Math.floor(rand() * 3)]!,
      経験年数: ['1年未満', '1〜3年', '3〜5年', '5〜10年', '10年以上'][Math.floor(rand() * 5)]!,
      参加形態: '対面',
      次回参加意向: '参加したい',
    };
    for (const s of [...SCALES, ...(workshop ? ['演習の実践度'] : [])]) a[s] = 1 + Math.floor(rand() * 5);
    a['今後希望するテーマ'] = ['定着支援', 'アセスメント'].filter(() => rand() < 0.6);
    if ((a['今後希望するテーマ'] as string[]).length === 0) delete a['今後希望するテーマ'];
    if (i === 1) a['自由記述'] = '=HYPERLINK("https://evil.example","click")';
    return a;
  });
}

function setUp() {
  const emu = loadAddOn({ now: NOW });
  const forms = prepare(emu);
  const agencies = agencyNamesOf(emu);
  for (let i = 0; i < 14; i++) emu.forms.submit(forms.get('EV-SEMINAR')!.registration.formId, participantAnswers(0, i, agencies));
  for (let i = 0; i < 9; i++) emu.forms.submit(forms.get('EV-WORKSHOP')!.registration.formId, participantAnswers(1, i, agencies));
  const seminar = surveyAnswers(12, 5, false);
  const workshop = surveyAnswers(8, 6, true);
  seminar.forEach((a, i) => emu.forms.submit(forms.get('EV-SEMINAR')!.survey.formId, a, { duplicateFiring: i === 0 }));
  workshop.forEach((a) => emu.forms.submit(forms.get('EV-WORKSHOP')!.survey.formId, a));
  emu.ledger.reset();
  return { emu, seminar, workshop };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('the bundle: アンケートを集計 and 活動報告書を作成', () => {
  test('survey figures per event match the answers submitted; the duplicate firing is not counted; n ≥ 5 on the sheet', () => {
    const { emu, seminar, workshop } = setUp();
    const r = ok(emu.run<RpcResult<SurveyResultsReport>>('rpcSummariseSurveys'));
    const byId = Object.fromEntries(r.events.map((e) => [e.id, e]));
    for (const [id, answers, registered] of [['EV-SEMINAR', seminar, 14], ['EV-WORKSHOP', workshop, 9]] as const) {
      expect(byId[id]!.responses).toBe(answers.length);
      // Nobody checked in yet: the rate is against registrations.
      expect(byId[id]!.responseRate).toBeCloseTo(Math.round((answers.length / registered) * 1000) / 1000, 10);
      for (const q of SCALES) expect(byId[id]!.means[q]).toBeCloseTo(Math.round(mean(answers.map((a) => a[q] as number)) * 100) / 100, 10);
    }
    expect(Object.keys(byId['EV-WORKSHOP']!.means)).toContain('演習の実践度');
    expect(Object.keys(byId['EV-SEMINAR']!.means)).not.toContain('演習の実践度');
    const sheet = emu.active.sheets.find((s) => s.name === 'アンケート集計_EV-SEMINAR')!;
    const values = sheet.getDataRange().getValues();
    expect(values.some((row) => row[0] === '企業')).toBe(false); // 2 people: never a row of their own
    const free = values.findIndex((row) => row[0] === '=HYPERLINK("https://evil.example","click")');
    expect(free).toBeGreaterThan(0);
    expect(sheet.getDataRange().getFormulas().flat().every((f) => f === '')).toBe(true);
    expect(sheet.chartStore.records()).toHaveLength(SCALES.length);
    expect(r.charts).toBe(SCALES.length * 2 + 1);
    // The workshop has 8 answers: no attribute group can reach 5 twice, so its cross-tabs show one merged group at most.
    const ws = emu.active.sheets.find((s) => s.name === 'アンケート集計_EV-WORKSHOP')!.getDataRange().getValues();
    const tab = ws.findIndex((row) => row[0] === 'クロス集計：所属種別別の平均');
    expect(tab).toBeGreaterThan(0);
    for (let i = tab + 1; ws[i] && ws[i]![0] !== '' && !String(ws[i]![0]).startsWith('表示していない') && !String(ws[i]![0]).startsWith('5人以上'); i++) {
      expect(Number(ws[i]![1])).toBeGreaterThanOrEqual(5);
    }
  });

  test('menu 「アンケートを集計」 alerts a Japanese summary; a service failure at any call gives a plain message and the re-run is complete', () => {
    const { emu } = setUp();
    emu.run('summariseSurveys', [], { operation: 'clean' });
    expect(emu.uiState.alerts.at(-1)!.prompt).toMatch(/「アンケート集計」と行事ごとの「アンケート集計_行事id」シートを更新しました（グラフ11件）/);
    const names = ['アンケート集計', 'アンケート集計_EV-SEMINAR', 'アンケート集計_EV-WORKSHOP'];
    const snapshot = () => names.map((n) => emu.active.sheets.find((s) => s.name === n)!.getDataRange().getValues());
    const charts = () => names.map((n) => emu.active.sheets.find((s) => s.name === n)!.chartStore.records().length);
    const clean = snapshot();
    const cleanCharts = charts();
    const calls = emu.ledger.count({ operation: 'clean' });
    for (let k = 1; k <= calls; k += 3) {
      emu.runtime.failAt({ atCall: k, message: 'Service Spreadsheets timed out while accessing document with id x.' });
      const failed = emu.run<RpcResult<SurveyResultsReport>>('rpcSummariseSurveys');
      emu.runtime.clearFault();
      if (!failed.ok) expect(failed.error.message).toMatch(/Google のサービスが一時的に応答しませんでした|予期しない/);
      expect(ok(emu.run<RpcResult<SurveyResultsReport>>('rpcSummariseSurveys')).charts).toBe(11);
      expect(snapshot()).toEqual(clean);
      expect(charts()).toEqual(cleanCharts);
    }
  });

  test('a re-run of 「アンケートを集計」 keeps the 11 charts: none built or removed, one look per chart (charts18)', () => {
    const { emu } = setUp();
    emu.run('summariseSurveys', [], { operation: 'first' });
    const names = ['アンケート集計_EV-SEMINAR', 'アンケート集計_EV-WORKSHOP'];
    const records = () => names.map((n) => emu.active.sheets.find((s) => s.name === n)!.chartStore.records());
    const before = records();
    expect(before.flat()).toHaveLength(11);
    emu.run('summariseSurveys', [], { operation: 'again' });
    expect(emu.uiState.alerts.at(-1)!.prompt).toMatch(/（グラフ11件）/);
    expect(records()).toEqual(before);
    const first = emu.ledger.byMethod('first');
    const again = emu.ledger.byMethod('again');
    // The first run built 11 charts (10 calls each: newChart, type, 2 ranges, headers, 2 options, position, build,
    // insert; the ranges of a sheet's charts in one getRangeList + getRanges — calls9, was a getRange each) and asked
    // each one's id; the re-run builds none: per sheet getCharts, per chart its id, its ranges and the question
    // column's A1 — 2 + 33 calls where the first run made 11 × 11 + 2 × 2 (sync10: the sheets it made are not asked for
    // charts they cannot have).
    expect([first['SpreadsheetApp.Sheet.insertChart'], first['SpreadsheetApp.EmbeddedChart.getChartId']]).toEqual([11, 11]);
    const chartCalls = (calls: Record<string, number>) => Object.entries(calls).filter(([m]) => /Chart|getRanges|getA1Notation/.test(m) || m === 'SpreadsheetApp.Sheet.getRange');
    expect(Object.fromEntries(chartCalls(again))).toEqual({
      'SpreadsheetApp.Sheet.getCharts': 2, 'SpreadsheetApp.EmbeddedChart.getChartId': 11, 'SpreadsheetApp.EmbeddedChart.getRanges': 11,
      'SpreadsheetApp.Range.getA1Notation': 11, 'SpreadsheetApp.Sheet.getRange': 3,
    });
    const total = (calls: Record<string, number>) => Object.values(calls).reduce((a, b) => a + b, 0);
    // Beyond the charts the two runs differ only in making the two event sheets (insertSheet and its owner mark, the
    // sheet count: 5) against reading their marks (getDeveloperMetadata, getKey: 4) and the chart marks' one write; and
    // (sync10) each of the three sheets made is given its rows and columns (2) where an existing one is cleared and asked
    // its size (3).
    expect([first['SpreadsheetApp.Sheet.getRangeList'], first['SpreadsheetApp.RangeList.getRanges']]).toEqual([2, 2]);
    expect(first['SpreadsheetApp.Sheet.getCharts'] ?? 0).toBe(0);
    expect([first['SpreadsheetApp.Sheet.clear'] ?? 0, again['SpreadsheetApp.Sheet.clear']]).toEqual([0, 3]);
    expect(total(first) - total(again)).toBe(11 * 11 + 2 * 2 + 3 + 5 + 1 - 3 * (3 - 2) - (2 + 33 + 3 + 4));
  });

  test('活動報告書を作成 for the fiscal year of the emulator\'s clock: 12 → 16 agencies, applicants per event, no names', () => {
    const { emu } = setUp();
    ok(emu.run<RpcResult<SurveyResultsReport>>('rpcSummariseSurveys'));
    const r = ok(emu.run<RpcResult<ActivityReportResult>>('rpcCreateActivityReport', [], { operation: 'report' }));
    // Who made it: the address from the copy's owner (`me`), not asked of Session (2 calls fewer, session 10).
    expect(sheetRecords(emu, '操作ログ').at(-1)!['実行者']).toBe(emu.runtime.user.email);
    expect(emu.ledger.byMethod('report')['Session.Session.getActiveUser']).toBeUndefined();
    const ledger = sheetRecords(emu, '参加者台帳');
    expect(r.period).toEqual({ start: '2025-04-01', end: '2026-03-31', label: '令和7年度' });
    expect([r.membersAtStart, r.membersAtEnd, r.joined.length]).toEqual([12, 16, 4]);
    for (const e of r.events) expect(e.participants).toBe(ledger.filter((row) => row['行事id'] === e.id && (row['状態'] === '申込' || (row['状態'] === 'キャンセル待ち' && row['出席'] === true))).length);
    expect(r.events.map((e) => e.participants)).toEqual([14, 9]);
    const text = documentToPlainLines(documentSections(emu.drive, r.documentId)!).join('\n');
    expect(text).toContain('期首 12団体 → 期末 16団体');
    for (const row of ledger) {
      expect(text).not.toContain(String(row['氏名']));
      expect(text).not.toContain(String(row['メール']));
    }
    expect(text).not.toContain('HYPERLINK');
    const log = sheetRecords(emu, '操作ログ').map((row) => row['操作']);
    expect(log).toEqual(expect.arrayContaining(['アンケートを集計', '活動報告書を作成']));
    // The menu entry too: an alert with the document's name.
    emu.run('createActivityReport');
    expect(emu.uiState.alerts.at(-1)!.prompt).toContain(`${r.name}_2`);
  });

  test('without the Drive permission (its files, which the Docs API writes under) the report names it in Japanese and creates nothing', () => {
    const emu = loadAddOn({
      now: NOW,
      grantedScopes: [SCOPES.sheets, SCOPES.ui, SCOPES.email],
    });
    emu.run('setUpWorkbook');
    const r = emu.run<RpcResult<ActivityReportResult>>('rpcCreateActivityReport');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('このアドオンで作成したファイルの管理');
    expect(emu.documents.docs.size).toBe(0);
  });

  test('the documents permission is not needed: drive.file alone writes the report (Docs API on the add-on\'s own files)', () => {
    const emu = loadAddOn({
      now: NOW,
      grantedScopes: ['https://www.googleapis.com/auth/spreadsheets.currentonly', 'https://www.googleapis.com/auth/script.container.ui', 'https://www.googleapis.com/auth/userinfo.email', 'https://www.googleapis.com/auth/drive.file'],
    });
    emu.run('setUpWorkbook');
    const r = emu.run<RpcResult<ActivityReportResult>>('rpcCreateActivityReport');
    expect(r.ok).toBe(true);
  });
});

describe('the bundle: 活動報告書を作成 under faults', () => {
  test('a Google failure at any point leaves no half-filled report behind; a re-run makes a complete document', () => {
    const { emu } = setUp();
    const clean = ok(emu.run<RpcResult<ActivityReportResult>>('rpcCreateActivityReport', [], { operation: 'clean' }));
    const calls = emu.ledger.count({ operation: 'clean' });
    const text = (id: string) => documentToPlainLines(documentSections(emu.drive, id)!).join('\n');
    const expected = (name: string) => text(clean.documentId).replace(clean.name, name);
    const live = () => [...emu.drive.files.values()].filter((f) => !f.trashed && f.name.startsWith('活動報告書_'));
    let failures = 0;
    for (let k = 1; k <= calls; k += 3) {
      emu.runtime.failAt({ atCall: k, message: 'Service unavailable: Documents' });
      const failed = emu.run<RpcResult<ActivityReportResult>>('rpcCreateActivityReport');
      emu.runtime.clearFault();
      if (!failed.ok) {
        failures++;
        expect(failed.error.message).toMatch(/Google のサービスが一時的に応答しませんでした|予期しない/);
      }
      // Whatever happened, every report left in Drive is complete.
      for (const f of live()) expect(text(f.id)).toBe(expected(f.name));
    }
    expect(failures).toBeGreaterThan(10);
    const again = ok(emu.run<RpcResult<ActivityReportResult>>('rpcCreateActivityReport'));
    expect(text(again.documentId)).toBe(expected(again.name));
  });
});

describe('発行記録: what the report counts, in any language', () => {
  test.each(['ja', 'en'])('a pamphlet made by a coordinator in locale %s counts in the report; both documents are on the hidden record', (locale) => {
    const { emu } = setUp();
    emu.runtime.user.locale = locale;
    ok(emu.run<RpcResult<unknown>>('rpcCreatePamphletTemplate'));
    const pamphlet = ok(emu.run<RpcResult<{ documentId: string; name: string }>>('rpcGeneratePamphlet', [{ issuedOn: '2026-01-20' }]));
    const report = ok(emu.run<RpcResult<ActivityReportResult>>('rpcCreateActivityReport'));
    expect(report.pamphlets).toBe(1);
    // The report's pamphlet table names it (発行日 and 文書名 from the record, not from an English 操作ログ sentence).
    const text = documentToPlainLines(documentSections(emu.drive, report.documentId)!).join('\n');
    expect(text).toContain(pamphlet.name);
    const record = emu.active.sheets.find((s) => s.name === '発行記録')!;
    expect(record.hidden).toBe(true);
    expect(sheetRecords(emu, '発行記録').map((r) => [r['種類'], r['発行日'], r['文書id']])).toEqual([
      ['パンフレット', '2026-01-20', pamphlet.documentId],
      ['活動報告書', '2026-02-02', report.documentId],
    ]);
  });
});
