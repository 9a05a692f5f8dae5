/**
 * Issue 19, workspace level: the workspace functions called directly on the emulator, asserting the resulting state and
 * the call ledger — erasing a person and tidying up cost the same number of calls whatever the number of rows.
 */
import { withEmulator } from '../../../support/globals';
import { setUpWorkbook } from '../../../../src/server/workspace/features/setup';
import { erasePersonalData, planRetention, runRetention, searchPersonalData } from '../../../../src/server/workspace/features/privacy';
import { LEDGER, EVENTS } from '../../../../src/server/domain/schema';
import type { Emulator } from '../../../../emulator';
import { documentSections } from '../../../../emulator/drive';
import { documentToPlainLines } from '../../../../emulator/render-html';

function workbook(rows: number): { emu: Emulator; ss: GoogleAppsScript.Spreadsheet.Spreadsheet } {
  const emu = withEmulator({ now: new Date('2027-04-02T09:00:00+09:00') });
  const ss = emu.globals.SpreadsheetApp.getActiveSpreadsheet();
  setUpWorkbook(ss, 'ja');
  const events = emu.active.sheets.find((s) => s.name === EVENTS.name)!;
  const eventHeaders = EVENTS.columns.map((c) => c.header);
  const eventRow = (id: string, start: Date) => eventHeaders.map((h) => (h === 'id' ? id : h === '名称' ? `行事${id}` : h === '開始' ? start : h === '種類' ? 'セミナー' : ''));
  events.getRange(2, 1, 2, eventHeaders.length).setValues([eventRow('EV-OLD', new Date('2025-08-22T14:00:00+09:00')), eventRow('EV-NEW', new Date('2026-08-22T14:00:00+09:00'))]);
  const ledger = emu.active.sheets.find((s) => s.name === LEDGER.name)!;
  const headers = LEDGER.columns.map((c) => c.header);
  const line = (i: number, eventId: string, name: string, email: string) => headers.map((h) => ({
    回答id: `R-${eventId}-${i}`, 行事id: eventId, 氏名: name, ふりがな: 'てすと', 所属団体: 'ワークサポートあおば', 職種: '支援員', メール: email, 状態: '申込', 出席: true, 経路: '手入力', 備考: '配慮事項あり',
  } as Record<string, unknown>)[h] ?? '');
  const data = Array.from({ length: rows }, (_, i) => line(i, i % 2 ? 'EV-NEW' : 'EV-OLD', `参加者${i}`, `p${i}@example.jp`));
  data.push(line(rows, 'EV-NEW', '山田　花子', 'hanako@example.jp'));
  ledger.getRange(2, 1, data.length, headers.length).setValues(data);
  return { emu, ss };
}

function callsOf(emu: Emulator, work: () => void): number {
  const start = emu.ledger.records.length;
  work();
  return emu.ledger.records.length - start;
}

describe('本人のデータを削除 (workspace)', () => {
  test('erases the person\'s row in place, touches nobody else, and costs the same at 10 and 400 rows', () => {
    const counts: number[] = [];
    for (const rows of [10, 400]) {
      const { emu, ss } = workbook(rows);
      const before = emu.active.sheets.find((s) => s.name === LEDGER.name)!.getDataRange().getValues();
      const found = searchPersonalData(ss, 'hanako@example.jp', { exportFile: false });
      expect(found.places).toEqual([{ place: '参加者台帳', rows: 1 }]);
      counts.push(callsOf(emu, () => erasePersonalData(ss, 'Hanako@Example.jp')));
      const after = emu.active.sheets.find((s) => s.name === LEDGER.name)!.getDataRange().getValues();
      expect(after).toHaveLength(before.length);
      const changed = after.map((r, i) => (JSON.stringify(r) === JSON.stringify(before[i]) ? -1 : i)).filter((i) => i >= 0);
      expect(changed).toEqual([rows + 1]);
      const h = (name: string) => before[0]!.indexOf(name);
      expect([after[rows + 1]![h('氏名')], after[rows + 1]![h('メール')], after[rows + 1]![h('ふりがな')], after[rows + 1]![h('備考')], after[rows + 1]![h('行事id')], after[rows + 1]![h('出席')]])
        .toEqual(['（削除済み）', '', '', '', 'EV-NEW', true]);
    }
    expect(counts[1]).toBe(counts[0]);
  });
});

describe('個人情報の整理 (workspace)', () => {
  test('erases exactly the rows of the event past its period, keeps the counts, and costs the same at 10 and 400 rows', () => {
    const counts: number[] = [];
    for (const rows of [10, 400]) {
      const { emu, ss } = workbook(rows);
      let result: ReturnType<typeof runRetention> | null = null;
      counts.push(callsOf(emu, () => { result = runRetention(ss, 'ja', emu.runtime.now()); }));
      expect(result!.events).toEqual(['EV-OLD']);
      const [header, ...data] = emu.active.sheets.find((s) => s.name === LEDGER.name)!.getDataRange().getValues();
      const at = (name: string) => header!.indexOf(name);
      const old = data.filter((r) => r[at('行事id')] === 'EV-OLD');
      const kept = data.filter((r) => r[at('行事id')] === 'EV-NEW');
      expect(old.length).toBe(Math.ceil(rows / 2));
      expect(old.every((r) => r[at('氏名')] === '（削除済み）' && r[at('メール')] === '' && r[at('備考')] === '' && r[at('出席')] === true && r[at('所属団体')] === 'ワークサポートあおば')).toBe(true);
      expect(kept.every((r) => String(r[at('氏名')]) !== '（削除済み）' && String(r[at('メール')]).includes('@'))).toBe(true);
    }
    expect(counts[1]).toBe(counts[0]);
  });

  test('a 設定 period that cannot be read stops before anything changes, naming it', () => {
    const { emu, ss } = workbook(4);
    const settings = emu.active.sheets.find((s) => s.name === '設定')!;
    // 初期設定 wrote the default (翌年度末); a coordinator types something the add-on cannot read.
    const row = settings.getDataRange().getValues().findIndex((r) => r[0] === '個人情報の保存期間') + 1;
    expect(row).toBeGreaterThan(1);
    settings.getRange(row, 2).setValue('ずっと');
    const before = JSON.stringify(emu.active.sheets.find((s) => s.name === LEDGER.name)!.getDataRange().getValues());
    expect(() => runRetention(ss, 'ja', emu.runtime.now())).toThrow(/個人情報の保存期間」の「ずっと」が読めません/);
    expect(JSON.stringify(emu.active.sheets.find((s) => s.name === LEDGER.name)!.getDataRange().getValues())).toBe(before);
  });
});

describe('本人のデータを検索: the readable export (workspace)', () => {
  test('a Doc written in one batchUpdate (a table of the person\'s rows under their headers) and its PDF, the same calls at 10 and 400 rows; kept until its period ends, then trashed', () => {
    const counts: number[] = [];
    for (const rows of [10, 400]) {
      const { emu, ss } = workbook(rows);
      const start = emu.ledger.records.length;
      const r = searchPersonalData(ss, 'hanako@example.jp', { now: emu.runtime.now() });
      const calls = emu.ledger.records.slice(start).map((c) => c.method);
      counts.push(calls.length);
      expect(calls.filter((m) => m === 'Files.create')).toHaveLength(2);
      expect(calls.filter((m) => /batchUpdate/.test(m))).toHaveLength(1);
      const files = [...emu.drive.files.values()].filter((f) => f.name.startsWith('本人データ_'));
      const doc = files.find((f) => f.mimeType === 'application/vnd.google-apps.document')!;
      expect(r.exportUrl).toContain(doc.id);
      expect(files.map((f) => f.name).sort()).toEqual(['本人データ_2027-04-02', '本人データ_2027-04-02.pdf']);
      const text = documentToPlainLines(documentSections(emu.drive, doc.id)!);
      // Heading, the place, then the table: its header row (行, then the sheet's headers) and the person's one row.
      expect(text.slice(0, 2)).toEqual(['本人データ_2027-04-02', '参加者台帳']);
      const joined = text.join('\n');
      for (const t of ['行', '氏名', 'メール', '山田　花子', 'hanako@example.jp', String(rows + 2)]) expect(joined).toContain(t);
      expect(joined).not.toContain('p1@example.jp');
      // Within its period (翌年度末 from the day it was made) a tidy-up keeps it; after, it goes to the trash.
      runRetention(ss, 'ja', emu.runtime.now());
      expect(files.map((f) => f.trashed)).toEqual([false, false]);
      const later = new Date('2029-04-01T09:00:00+09:00');
      expect(planRetention(ss, later).places).toContainEqual({ place: '本人データ', rows: 1 });
      runRetention(ss, 'ja', later);
      expect(files.map((f) => f.trashed)).toEqual([true, true]);
    }
    expect(counts[1]).toBe(counts[0]);
  });
});
