/**
 * Hostile CSV files through the built bundle's sidebar import (rpcPreviewCsv, then rpcImportCsv): encodings, broken
 * structure, formula-looking and oversized cells. Each case: a clear Japanese message (with the CSV line, and the
 * column where there is one), and nothing in the file is lost — every field lands in its column or in 備考, exactly.
 */
import type { CsvImportResult, CsvPreview, RpcResult } from '../../src/protocol';
import { loadAddOn } from '../support/bundle';
import { encodeShiftJis, toBase64 } from '../support/globals';
import { cellAt, sheetNamed, typeRows } from '../support/typing';
import { recordCorpusCase } from './corpus';
import { formulaCells } from '../support/formulas';

const HEADER = '名称,名称カナ,種別,電話,メール,特色,備考';
const row = (name: string, extra: Partial<Record<'kana' | 'kind' | 'phone' | 'email' | 'features' | 'remarks', string>> = {}) =>
  [name, extra.kana ?? 'テスト', extra.kind ?? '就労移行支援', extra.phone ?? '03-1234-5678', extra.email ?? 'a@example.jp', extra.features ?? '', extra.remarks ?? ''].join(',');
const csv = (...lines: string[]) => [HEADER, ...lines].join('\r\n') + '\r\n';
const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

interface CsvCase {
  name: string;
  file: string | Uint8Array;
  /** Whether the import goes ahead. */
  imports: boolean;
  /** A message shown (preview messages, import messages or the error) must match each of these. */
  says?: RegExp[];
  /** After import: the row whose 名称 is `agency` has exactly `value` in `column`. */
  kept?: { agency: string; column: string; value: string }[];
  /** Number of rows appended. */
  appended?: number;
  /** Runs before the import (e.g. an agency already in the sheet). */
  before?: (emu: ReturnType<typeof loadAddOn>) => void;
}

const LONG_OK = 'い'.repeat(45_000);
const TOO_LONG = 'う'.repeat(50_001);
const CASES: CsvCase[] = [
  { name: 'Shift_JIS（Excel の既定）', file: encodeShiftJis(csv(row('ワークサポートあおば', { features: '〜就労～支援−' }))), imports: true, says: [/Shift_JIS/], kept: [{ agency: 'ワークサポートあおば', column: '特色', value: '～就労～支援－' }] },
  { name: 'UTF-8 BOM つき', file: `\uFEFF${csv(row('BOMの団体'))}`, imports: true, says: [/UTF-8/], kept: [{ agency: 'BOMの団体', column: '種別', value: '就労移行支援' }] },
  { name: 'UTF-16（Excel の Unicode テキスト）', file: utf16le(csv(row('ユニコードの団体'))), imports: true, kept: [{ agency: 'ユニコードの団体', column: '電話', value: '03-1234-5678' }] },
  { name: 'CSV ではないファイル（PNG）', file: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), imports: false, says: [/1行目「.*」に団体シートの列名が1つもありません/] },
  { name: '別の表の CSV（会員名簿）', file: '会員番号,氏名,入会日\r\n1,山田,2024-04-01\r\n', imports: false, says: [/列名が1つもありません/, /必要な列がありません: 名称、名称カナ、種別/] },
  { name: '空のファイル', file: '', imports: false, says: [/CSVファイルが空です/] },
  { name: 'BOM だけ', file: '\uFEFF', imports: false, says: [/CSVファイルが空です/] },
  { name: '空行だけ', file: '\r\n\r\n,,,\r\n', imports: false, says: [/CSVファイルが空です/] },
  { name: '見出し行だけ', file: `${HEADER}\r\n`, imports: true, appended: 0, says: [/団体の行がありません|0件/] },
  { name: '必要な列がない（種別）', file: '名称,名称カナ\r\nA,エー\r\n', imports: false, says: [/必要な列がありません: 種別/] },
  { name: '余分な列（備考へ）', file: '名称,名称カナ,種別,電話,担当者,好きな色\r\n余分の団体,ヨブン,就労移行支援,03-1111-2222,山田,青\r\n', imports: true, says: [/担当者、好きな色/], kept: [{ agency: '余分の団体', column: '備考', value: '担当者: 山田 / 好きな色: 青' }] },
  { name: '重複した見出し（電話,電話）: 2つ目の値は備考へ', file: '名称,名称カナ,種別,電話,電話\r\n重複の団体,ジュウフク,就労移行支援,03-1111-2222,090-3333-4444\r\n同じ値の団体,オナジ,就労移行支援,03-5555-6666,03-5555-6666\r\n', imports: true,
    says: [/見出し「電話」が2回以上あります（4・5列目）/],
    kept: [{ agency: '重複の団体', column: '電話', value: '03-1111-2222' }, { agency: '重複の団体', column: '備考', value: '電話（5列目）: 090-3333-4444' }, { agency: '同じ値の団体', column: '備考', value: '' }] },
  { name: '重複した見出し: 最初の列が空なら2つ目の値を取り込む', file: '名称,名称カナ,種別,メール,メール\r\n空の団体,カラ,就労移行支援,,info@kara.example.jp\r\n', imports: true,
    says: [/見出し「メール」が2回以上あります/], kept: [{ agency: '空の団体', column: 'メール', value: 'info@kara.example.jp' }, { agency: '空の団体', column: '備考', value: '' }] },
  { name: '引用符内の改行', file: csv(row('改行の団体', { features: '"一行目\r\n二行目\n三行目"' })), imports: true, kept: [{ agency: '改行の団体', column: '特色', value: '一行目\r\n二行目\n三行目' }] },
  { name: '引用符内のカンマと二重引用符', file: csv(row('"カンマ, と ""引用"" の団体"')), imports: true, kept: [{ agency: 'カンマ, と "引用" の団体', column: '種別', value: '就労移行支援' }] },
  { name: '閉じていない引用符', file: csv(row('A'), row('B', { features: '"閉じ忘れ' }), row('C')), imports: false, says: [/3行目/, /引用符/] },
  { name: '列が足りない行', file: csv(row('足りない団体'), '短い団体,タンイ'), imports: true, says: [/3行目は列の数（2）/], kept: [{ agency: '短い団体', column: '名称カナ', value: 'タンイ' }] },
  { name: '列が多すぎる行（備考へ）', file: csv(`${row('多い団体', { remarks: '元の備考' })},はみ出し1,はみ出し2`), imports: true, says: [/2行目は列の数（9）/], kept: [{ agency: '多い団体', column: '備考', value: '元の備考 / 列8: はみ出し1 / 列9: はみ出し2' }] },
  { name: '数式に見えるセル', file: csv(row('"=HYPERLINK(""http://evil.example"",""x"")"', { features: '+81-3-1234-5678', remarks: '@SUM(A1)' }), row('-マイナス団体', { features: '=1+1' })), imports: true, kept: [
    { agency: '=HYPERLINK("http://evil.example","x")', column: '特色', value: '+81-3-1234-5678' },
    { agency: '=HYPERLINK("http://evil.example","x")', column: '備考', value: '@SUM(A1)' },
    { agency: '-マイナス団体', column: '特色', value: '=1+1' },
  ] },
  { name: 'タブや CR で始まるセル', file: csv(row('タブの団体', { features: '"\tタブ始まり"', remarks: '"\r改行始まり"' })), imports: true, kept: [{ agency: 'タブの団体', column: '特色', value: '\tタブ始まり' }, { agency: 'タブの団体', column: '備考', value: '\r改行始まり' }] },
  { name: 'アポストロフィで始まるセル', file: csv(row("'90sカフェ", { features: "'引用'" })), imports: true, kept: [{ agency: "'90sカフェ", column: '特色', value: "'引用'" }] },
  { name: '非常に長いセル（45,000字）', file: csv(row('長文の団体', { features: LONG_OK })), imports: true, kept: [{ agency: '長文の団体', column: '特色', value: LONG_OK }] },
  { name: 'セルの上限を超える（50,001字）', file: csv(row('入る団体'), row('超える団体', { features: TOO_LONG })), imports: false, says: [/3行目/, /特色/, /50,?000/] },
  { name: '制御文字', file: csv(row('ベル\u0007の団体', { features: 'エスケープ\u001b[31m赤\u001b[0m' })), imports: true, kept: [{ agency: 'ベル\u0007の団体', column: '特色', value: 'エスケープ\u001b[31m赤\u001b[0m' }] },
  { name: 'RTL と絵文字', file: csv(row('🌸\u202Eさくら👩‍🦽', { features: 'مرحبا עברית' })), imports: true, kept: [{ agency: '🌸\u202Eさくら👩‍🦽', column: '特色', value: 'مرحبا עברית' }] },
  { name: 'LF だけの改行', file: [HEADER, row('LFの団体')].join('\n'), imports: true, kept: [{ agency: 'LFの団体', column: 'メール', value: 'a@example.jp' }] },
  { name: 'CR だけの改行（古い Mac）', file: [HEADER, row('CRの団体')].join('\r'), imports: true, kept: [{ agency: 'CRの団体', column: 'メール', value: 'a@example.jp' }] },
  { name: 'セミコロン区切り', file: '名称;名称カナ;種別\r\nセミコロンの団体;セミコロン;就労移行支援\r\n', imports: true, kept: [{ agency: 'セミコロンの団体', column: '種別', value: '就労移行支援' }] },
  { name: 'タブ区切り（UTF-16 の Unicode テキスト）', file: utf16le('名称\t名称カナ\t種別\r\nタブの団体\tタブ\t就労移行支援\r\n'), imports: true, says: [/UTF-16/], kept: [{ agency: 'タブの団体', column: '名称カナ', value: 'タブ' }] },
  // Issue 14 item 5: only a row that adds nothing is skipped; a same-name row with other details is added and reported.
  { name: 'CSV 内の重複（同じ内容）', file: csv(row('重複の団体'), row('重複の団体')), imports: true, appended: 1, says: [/3行目「重複の団体」は名簿に既にあり、新しい内容もない/] },
  { name: 'CSV 内の重複（電話が違う）', file: csv(row('重複の団体'), row('重複の団体', { phone: '03-9999-9999' })), imports: true, appended: 2, says: [/3行目「重複の団体」はCSVの2行目の「重複の団体」と同じ団体かもしれません/, /電話「03-1234-5678」→「03-9999-9999」/] },
  { name: '名簿に既にある団体（幅と空白の違い、同じ内容）', file: csv(row('ワークサポート　あおば', { phone: '０３－１２３４－５６７８' })), imports: true, appended: 0, says: [/新しい内容もない/], before: (emu) => { typeRows(emu, '団体', [{ 名称: 'ワークサポートあおば', 名称カナ: 'テスト', 種別: '就労移行支援', 電話: '03-1234-5678', メール: 'a@example.jp' }]); } },
  { name: '名簿に既にある団体（空白の違い、内容が違う）', file: csv(row('ワークサポート　あおば', { phone: '03-5555-0000', features: '新しい特色' })), imports: true, appended: 1,
    says: [/2行目「ワークサポート　あおば」は団体シート2行目の「ワークサポートあおば」と同じ団体かもしれません/, /追加しました（団体シート3行目）/, /電話「03-1234-5678」→「03-5555-0000」/, /特色「—」→「新しい特色」/],
    kept: [{ agency: 'ワークサポート　あおば', column: '特色', value: '新しい特色' }],
    before: (emu) => { typeRows(emu, '団体', [{ 名称: 'ワークサポートあおば', 名称カナ: 'テスト', 種別: '就労移行支援', 電話: '03-1234-5678', メール: 'a@example.jp' }]); } },
  { name: '全角・空白つきの見出し', file: '名称 ,名称カナ,種別,ＦＡＸ,ＵＲＬ\r\n見出しの団体,ミダシ,就労移行支援,03-1234-0000,https://x.example.jp\r\n', imports: true, kept: [{ agency: '見出しの団体', column: 'FAX', value: '03-1234-0000' }] },
  { name: '引用符つきの見出し', file: '"名称","名称カナ","種別"\r\n"引用見出しの団体","インヨウ","就労移行支援"\r\n', imports: true, kept: [{ agency: '引用見出しの団体', column: '名称カナ', value: 'インヨウ' }] },
  { name: '途中の空行とカンマだけの行', file: csv(row('前の団体'), '', ',,,,,,', row('後の団体')), imports: true, appended: 2, kept: [{ agency: '後の団体', column: '種別', value: '就労移行支援' }] },
  { name: '先頭が0の番号', file: '名称,名称カナ,種別,電話,郵便番号\r\nゼロの団体,ゼロ,就労移行支援,0312345678,0010000\r\n', imports: true, kept: [{ agency: 'ゼロの団体', column: '郵便番号', value: '001-0000' }, { agency: 'ゼロの団体', column: '電話', value: '0312345678' }] },
  { name: 'base64 でない入力', file: 'x', imports: false, says: [/CSV/] },
];

function importCase(c: CsvCase) {
  const emu = loadAddOn();
  emu.run('setUpWorkbook');
  c.before?.(emu);
  const before = sheetNamed(emu, '団体').getLastRow();
  const base64 = c.name === 'base64 でない入力' ? '%%% not base64 %%%' : toBase64(c.file as Uint8Array);
  const preview = emu.run<RpcResult<CsvPreview>>('rpcPreviewCsv', [base64]);
  const result = emu.run<RpcResult<CsvImportResult>>('rpcImportCsv', [base64]);
  // Security: no cell written from the file holds a formula (every sheet of the workbook).
  expect(formulaCells(emu)).toEqual([]);
  return { emu, before, preview, result };
}

function findRow(emu: ReturnType<typeof loadAddOn>, name: string): number {
  const sheet = sheetNamed(emu, '団体');
  for (let r = 2; r <= sheet.getLastRow(); r++) if (cellAt(emu, '団体', r, '名称').value === name) return r;
  return -1;
}

describe('hostile CSV files (sidebar import)', () => {
  test.each(CASES.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const { emu, before, preview, result } = importCase(c);
    const shown = [
      ...(preview.ok ? preview.value.messages : [preview.error.message]),
      ...(result.ok ? result.value.messages : [result.error.message]),
    ];
    for (const m of shown) {
      expect(m).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(m).not.toMatch(/\n\s+at |Code\.js|TypeError|undefined/);
    }
    for (const pattern of c.says ?? []) expect({ shown, has: shown.some((m) => pattern.test(m)) }).toEqual({ shown, has: true });
    const sheet = sheetNamed(emu, '団体');
    if (!c.imports) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.kind).toBe('user');
      expect(sheet.getLastRow()).toBe(before);
    } else {
      expect(result).toMatchObject({ ok: true });
      if (c.appended !== undefined && result.ok) expect(result.value.appended).toBe(c.appended);
    }
    for (const k of c.kept ?? []) {
      const r = findRow(emu, k.agency);
      expect({ agency: k.agency, found: r > 0 }).toEqual({ agency: k.agency, found: true });
      const cell = cellAt(emu, '団体', r, k.column);
      expect({ column: k.column, value: cell.value, formula: cell.formula }).toEqual({ column: k.column, value: k.value, formula: '' });
    }
    recordCorpusCase('csv', name);
  });
});
