/**
 * The "physical minimum" of each operation (issue 18, item 6): the round trips no implementation can avoid —
 * one read of each sheet (or other store) it must look at, one write per thing it must change, and one call per
 * artifact it creates or exports (a sheet, a form, a form item, a document, a file, a calendar event, a mail).
 * Stated per operation below, so the table says what the bound is made of; artifacts are counted from the call
 * ledger of the run, since their number follows the data (a form's items, the events of the year).
 *
 * Adding an operation to the bench: add its entry here (the bench prints "—" and no ratio for an operation without
 * one, and lists it under "no minimum stated").
 */

/** Calls that each make one artifact (a created or exported thing), by method name as the ledger records it. */
const ARTIFACT = /^(Spreadsheet\.insertSheet|FormApp\.create|DocumentApp\.create|Documents\.create|Form\.add\w+Item|Files\.create|Files\.copy|Document\.getAs|Calendar\.createEvent|Calendar\.createEventSeries|Sheet\.insertChart|MailApp\.sendEmail|GmailApp\.sendEmail)$/;

export interface MinimumSpec {
  /** Stores read once each (a sheet's values, its notes, a form's items, the calendar…). */
  reads: readonly string[];
  /** Writes that cannot be merged (a sheet's values, its notes, its backgrounds, a log line…). */
  writes: readonly string[];
  /** What counts as an artifact for this operation, in words (the count comes from the ledger). */
  artifacts?: string;
  /**
   * bench18c: calls that are one per thing the data holds and that no API merges (a file moved or trashed, a form's
   * response store read, a person's response deleted), counted from the ledger like artifacts: `times` calls each.
   */
  each?: readonly { what: string; method: RegExp; times?: number }[];
  /** bench18c: it must look at every sheet of the workbook once (a person's name in any free text): one read each. */
  everySheet?: string;
}

/** What the run's world holds that a minimum may depend on (bench18c: the number of sheets). */
export interface MinimumContext { sheets: number }

const LOG = '操作ログ（1行）';

// ---- consult18: 企業相談フォームを作成 run again (the sheet, both forms and the trigger found, nothing made) ----
const CONSULT18: Record<string, MinimumSpec> = {
  '企業相談フォームを作成（再実行）': {
    reads: ['企業相談（見出し）', '企業相談（保護）', '設定', 'フォームの記録', '企業相談フォーム（設問）', '状態フォーム（設問）', 'トリガー'],
    writes: [LOG],
  },
};

// ---- bench18c: the operations measured from session 8 (sidebar reads, continuity, personal data, the forms re-run) ----
const FILES_IN_SETTINGS = { what: '設定にあるファイル（1件1回）', method: /^Drive\.Files\.get$/ };
const FORM_STORES = { what: 'フォームの回答（1フォーム1回）', method: /^FormApp\.Form\.getResponses$/ };
const SHEET_WRITES = { what: '行の書き込み（続いていない行のまとまり1つに1回）', method: /^SpreadsheetApp\.(Range\.setValues|RangeList\.setValue)$/ };
const TRASHED = { what: 'ゴミ箱へ移すファイル（1件1回）', method: /^Drive\.Files\.update$/ };
const EVERY_SHEET = 'シート（全シート1回ずつ: 台帳・回答シート・ほかのシートの記述）';
const PERSON_READS = ['シート一覧', 'フォームの記録（文書のプロパティ）', '出力フォルダの一覧'];
const BENCH18C: Record<string, MinimumSpec> = {
  // Issue 18 item 4: nothing changed — each form's items listed once, compared with what the last run applied.
  'フォームを作成（再実行）': { reads: ['行事', '団体', 'アンケート設問', 'フォームの記録', '申込フォーム（設問）', 'アンケートフォーム（設問）', 'トリガー'], writes: [LOG] },
  CSVプレビュー: { reads: ['団体'], writes: [] },
  // The hourly catch-up with nothing pending: its mark read, its heartbeat written.
  '定時の回答取り込み（トリガー）': { reads: ['取り込みの印（文書のプロパティ）'], writes: ['動作の記録'] },
  パンフレットのプレビュー: { reads: ['設定', '団体', 'ひな形'], writes: [] },
  出席者一覧: { reads: ['参加者台帳', '参加証明書発行記録'], writes: [] },
  会議の送信内容の確認: { reads: ['会議', '団体', '関係機関', '設定', '送信の途中経過'], writes: [] },
  メールの送信内容の確認: { reads: ['行事', 'メール文面', '設定', '参加者台帳'], writes: [] },
  サイドバーの表示: { reads: ['シート一覧'], writes: [] },
  前回の結果: { reads: ['操作ログ'], writes: [] },
  行事一覧: { reads: ['行事'], writes: [] },
  設定の表示: { reads: ['設定'], writes: [] },
  // Issue 20.
  状態の確認: {
    reads: ['文書のプロパティ', '権限', 'トリガー', '行事', '参加者台帳', '団体', '取り込み記録', '回答シート（申込）', '操作ログ', '設定', '1日の残り送信数'],
    writes: [], each: [FILES_IN_SETTINGS],
  },
  'ファイルを共有フォルダに移す（フォルダを作成）': { reads: ['設定'], writes: ['設定（フォルダid）', LOG], artifacts: 'フォルダ' },
  ファイルを共有フォルダに移す: { reads: ['設定', '共有フォルダ', 'アドオンのファイル'], writes: [LOG], each: [{ what: '移すファイル・フォルダ（1件1回）', method: /^Drive\.Files\.update$/ }] },
  // A second coordinator: their two triggers, recorded as the coordinator, then 回答を同期's reads (nothing new to
  // write), and the files in 設定 they cannot reach (listed to share by hand).
  担当を引き継ぐ: {
    reads: ['トリガー', '文書のプロパティ', 'シート一覧', '行事', '団体', '回答シート（申込）', '回答シート（アンケート）', '参加者台帳', 'アンケート記録', '取り込み記録'],
    writes: ['受付のトリガー', '定時のトリガー', '担当者の記録', LOG], each: [FILES_IN_SETTINGS],
  },
  // Issue 19. The form (its items count as artifacts), its readers as editors, the registration form pointing to it.
  配慮事項フォームの作成: {
    reads: ['設定', '行事', 'フォームの記録', '申込フォーム（設問）'],
    writes: ['フォームの記録', 'フォームの説明・確認メッセージ', '閲覧者（編集者）', '申込フォーム（配慮の設問を案内に）', LOG],
    artifacts: 'フォームとその設問（1問1件）',
  },
  本人のデータを検索: { reads: PERSON_READS, everySheet: EVERY_SHEET, each: [FORM_STORES], writes: ['書き出しの本文', '書き出しの記録', LOG], artifacts: '書き出しの文書と PDF' },
  本人のデータの削除前の確認: { reads: PERSON_READS, everySheet: EVERY_SHEET, each: [FORM_STORES], writes: [] },
  // A person's own responses are deleted one by one: FormApp deletes one response (deleteResponse) or all of them.
  本人のデータを削除: {
    reads: PERSON_READS, everySheet: EVERY_SHEET, writes: ['書き出しの記録', LOG],
    each: [FORM_STORES, SHEET_WRITES, TRASHED, { what: '本人のフォームの回答（1件1回）', method: /^FormApp\.Form\.deleteResponse$/ }],
  },
  個人情報の整理の確認: { reads: [...PERSON_READS, '設定'], everySheet: EVERY_SHEET, each: [FORM_STORES], writes: [] },
  // An ended event's form stores go whole: read once and emptied once (deleteAllResponses) each, whatever they hold.
  // The survey summaries are rebuilt (values, bold, 5 charts); what the tidy-up clears is written per run of rows.
  個人情報の整理: {
    reads: [...PERSON_READS, '設定'], everySheet: EVERY_SHEET,
    writes: ['アンケート集計（値）', 'アンケート集計（太字）', '集計し直しの印', '集計し直しの印（消去）', LOG],
    each: [{ ...FORM_STORES, what: 'フォームの回答（1フォームにつき読み1回・一括削除1回）', times: 2 }, SHEET_WRITES, TRASHED],
    artifacts: 'アンケート集計のグラフ',
  },
};

export const MINIMUM: Record<string, MinimumSpec> = {
  初期設定: { reads: ['シート一覧'], writes: ['設定の既定値', 'アンケート設問の既定値', LOG], artifacts: '作成したシート（それぞれ見出し・書式を1回で書くとして ×2）' },
  // setup18: the idempotent re-run on a set-up workbook: the sheet list, each of the 10 sheets read once (header, or the
  // whole of 設定・アンケート設問・メール文面 whose defaults it checks), the log line; nothing else to write.
  '初期設定（再実行）': { reads: ['シート一覧', '団体', '行事', '参加者台帳', '会議', '設定', '操作ログ', 'アンケート設問', 'アンケート記録', 'メール文面', '関係機関'], writes: [LOG] },
  CSVから団体を取り込む: { reads: ['団体（値）', '団体（メモ・背景）'], writes: ['団体（値）', '団体（メモ）', '団体（背景）', LOG] },
  団体名簿をチェック: { reads: ['団体（値）', '団体（メモ・背景）'], writes: ['団体（値）', '団体（メモ）', '団体（背景）', LOG] },
  フォームを作成: { reads: ['行事', '団体', 'アンケート設問'], writes: ['行事（フォームのリンク）', 'トリガー', LOG], artifacts: 'フォーム2件とその設問（1問1件）' },
  回答を同期: { reads: ['シート一覧', '行事', '団体', '回答シート（申込）', '回答シート（アンケート）', '参加者台帳', 'アンケート記録', '取り込み記録'], writes: ['参加者台帳', 'アンケート記録', '取り込み記録', LOG] },
  'フォーム回答（トリガー1件）': { reads: ['行事', '団体', '回答シート', '参加者台帳', '取り込み記録'], writes: ['参加者台帳', '取り込み記録', LOG] },
  出欠を集計: { reads: ['参加者台帳', '団体', '行事'], writes: ['参加者台帳（受付時刻）', '出欠集計', LOG] },
  アンケートを集計: { reads: ['シート一覧', 'アンケート記録', 'アンケート設問', '行事', '参加者台帳', '団体'], writes: ['アンケート集計', 'アンケート集計_行事（値）', 'アンケート集計_行事（太字）', LOG], artifacts: '作成したシートとグラフ' },
  // charts18: the re-run with nothing changed: the same reads and writes, plus one look at each event sheet's charts
  // (they read their cells live, so none is built).
  'アンケートを集計（再実行）': { reads: ['シート一覧', 'アンケート記録', 'アンケート設問', '行事', '参加者台帳', '団体', 'アンケート集計_行事のグラフ'], writes: ['アンケート集計', 'アンケート集計_行事（値）', 'アンケート集計_行事（太字）', LOG] },
  パンフレットのひな形を作成: { reads: ['設定'], writes: ['ひな形の本文', '設定（ひな形id）', LOG], artifacts: 'フォルダとドキュメント' },
  パンフレットを作成: { reads: ['設定', '団体', 'ひな形'], writes: ['文書の本文', '発行記録（1行）', LOG], artifacts: '複製した文書と PDF' },
  活動報告書を作成: { reads: ['設定', '団体', '行事', '参加者台帳', 'アンケート記録', '会議', '発行記録', 'ひな形'], writes: ['文書の本文', '発行記録（1行）', LOG], artifacts: 'ひな形・複製した文書' },
  // docs18b: later runs (nothing made but the document and its PDF).
  'パンフレットを作成（2回目）': { reads: ['設定', '団体', 'ひな形'], writes: ['文書の本文', '発行記録（1行）', LOG], artifacts: '複製した文書と PDF' },
  '活動報告書を作成（2回目）': { reads: ['設定', '団体', '行事', '参加者台帳', 'アンケート記録', '会議', '発行記録', 'ひな形'], writes: ['文書の本文', '発行記録（1行）', LOG], artifacts: '複製した文書' },
  // Issue 15: the roster's check-in form is made once per event (its items count as artifacts), then only the Doc.
  受付名簿を作成: { reads: ['行事', '参加者台帳', '設定', '受付フォーム'], writes: ['受付フォームの記録', '文書の本文', 'QRコード（2枚）', LOG], artifacts: 'フォームと設問・文書・PDF' },
  参加証明書を作成: { reads: ['行事', '参加者台帳', '参加証明書発行記録', '設定', 'ひな形'], writes: ['参加証明書発行記録（番号）', '番号の控え', '文書の本文', '参加証明書発行記録（文書id）', LOG], artifacts: '複製した文書と PDF' },
  会議の招待を送信: { reads: ['会議', '団体', '設定', '送信の途中経過'], writes: ['会議（予定id）', '送信の途中経過', LOG], artifacts: '作成した予定（繰り返しは1件）' },
  // Participant mail (issue 15): the in-flight list is written before the batch and cleared after it (never twice).
  'メールを送信（申込確認の一括）': { reads: ['行事', 'メール文面', '設定', '参加者台帳', '送信中の記録', '1日の残り送信数'], writes: ['送信中の記録', '参加者台帳（送信記録）', '送信中の記録（消去）', LOG], artifacts: '送ったメール（1通1件）' },
  掲載情報の確認を依頼: { reads: ['設定', '団体', 'フォーム', '依頼の記録'], writes: ['依頼の記録', 'フォームの記録', LOG], artifacts: 'フォームとその設問（初回）' },
  掲載情報の回答を確認: { reads: ['設定', '団体', '依頼の記録', '回答シート', '発行記録'], writes: [] },
  '掲載情報の回答を反映（1団体）': { reads: ['団体', '依頼の記録', '回答シート'], writes: ['団体（その行）', '依頼の記録', LOG] },
  // Issue 15, on the day: one check-in answer ticks 出席 (or adds a walk-in) and is remembered as handled.
  'セルフ受付（トリガー1件）': { reads: ['受付フォームの記録', '回答シート（受付）', '参加者台帳', '取り込み記録'], writes: ['参加者台帳', '取り込み記録', LOG] },
  // The add-on's own 受講記録 sheet, rewritten whole (one write, blanks over what a longer earlier table left).
  受講記録を更新: { reads: ['シート一覧', '行事', '参加者台帳'], writes: ['受講記録', LOG], artifacts: '受講記録シート（初回）' },
  // Issue 17: the 企業相談 sheet (made on the first run, protected "only me"), the intake and status forms, the
  // status form's prefilled link (one Forms call), the form ids kept, the form-submit trigger.
  企業相談フォームを作成: {
    reads: ['シート一覧', '設定', 'フォームの記録', '状態フォーム（事前入力リンク）'],
    writes: ['企業相談（見出し）', '企業相談（保護）', 'フォームの記録', 'トリガー', LOG],
    artifacts: '企業相談シート（初回）・フォーム2件とその設問（1問1件）',
  },
  // 設定 says whether the new inquiry is assigned automatically.
  '企業相談（トリガー1件）': { reads: ['フォームの記録', '回答シート（企業相談）', '企業相談', '取り込み記録', '設定'], writes: ['企業相談', '取り込み記録', LOG] },
  企業相談の一覧: { reads: ['フォームの記録', '設定', '企業相談', '団体'], writes: [] },
  // The assignment saved before the mails; the mails through the one engine (in flight, sent, recorded, cleared).
  企業相談の担当を決定: {
    reads: ['企業相談', '団体', 'メール文面', '設定', '送信中の記録', '1日の残り送信数'],
    writes: ['企業相談（担当）', '送信中の記録', '企業相談（送信記録）', '送信中の記録（消去）', LOG],
    artifacts: '送ったメール（1通1件）',
  },
  // Issue 17 item 6: one mail per address 招待先 resolves to, recorded 要確認 before the batch and 送信 after it.
  行事の案内を送信: {
    reads: ['行事', '団体', 'メール文面', '設定', '送信の記録', '1日の残り送信数'],
    writes: ['送信の記録（要確認）', '送信の記録（送信）', LOG],
    artifacts: '送ったメール（1通1件）',
  },
  // The follow-up mail through the one engine, as 担当を決定's (nothing to assign).
  企業相談の督促: {
    reads: ['企業相談', '設定', '団体', 'メール文面', '送信中の記録', '1日の残り送信数'],
    writes: ['送信中の記録', '企業相談（送信記録）', '送信中の記録（消去）', LOG],
    artifacts: '送ったメール（1通1件）',
  },
  受付時刻を記録: { reads: ['参加者台帳'], writes: ['参加者台帳（受付時刻）', LOG] },
  // As 団体名簿をチェック, on 行事.
  行事をチェック: { reads: ['行事（値）', '行事（メモ・背景）'], writes: ['行事（値）', '行事（メモ）', '行事（背景）', LOG] },
  // A key that is not durable (no developer-metadata copy).
  設定を保存: { reads: ['設定'], writes: ['設定', LOG] },
  '企業相談の対応状況（トリガー1件）': { reads: ['フォームの記録', '回答シート（対応状況）', '企業相談', '取り込み記録'], writes: ['企業相談（状態・メモ）', '取り込み記録', LOG] },
  ...BENCH18C,
  ...CONSULT18,
};

export interface Minimum { minimum: number; artifacts: number }

/**
 * The artifacts an operation's ledger shows it made (`byMethod` keys are "Service.Class.method"), counted the same way
 * for every operation, whether or not a minimum is stated for it: the call budget and the "same at every size" check
 * leave them out (bench/verdicts.ts).
 */
export function countArtifacts(byMethod: Record<string, number>): number {
  let artifacts = 0;
  for (const [method, n] of Object.entries(byMethod)) if (ARTIFACT.test(method.split('.').slice(1).join('.'))) artifacts += n;
  return artifacts;
}

/** The operation's physical minimum for this run: reads + writes + the artifacts its ledger shows it made. */
export function physicalMinimum(operation: string, byMethod: Record<string, number>, context: MinimumContext = { sheets: 0 }): Minimum | null {
  const spec = MINIMUM[operation];
  if (!spec) return null;
  const artifacts = countArtifacts(byMethod);
  // A sheet made by 初期設定 needs its header row written as well as created.
  const perArtifact = operation === '初期設定' ? 2 : 1;
  const each = (spec.each ?? []).reduce((n, e) => n + (e.times ?? 1) * Object.entries(byMethod).filter(([m]) => e.method.test(m)).reduce((k, [, c]) => k + c, 0), 0);
  return { minimum: spec.reads.length + spec.writes.length + artifacts * perArtifact + each + (spec.everySheet ? context.sheets : 0), artifacts };
}

export function describeMinimum(operation: string): string {
  const spec = MINIMUM[operation];
  if (!spec) return `${operation}: no minimum stated`;
  const more = [...(spec.everySheet ? [spec.everySheet] : []), ...(spec.each ?? []).map((e) => e.what)];
  return `${operation}: reads ${spec.reads.join('・')} (${spec.reads.length}); writes ${spec.writes.join('・')} (${spec.writes.length})${more.length ? `; + ${more.join('; + ')}` : ''}${spec.artifacts ? `; + artifacts: ${spec.artifacts}` : '; no artifact'}`;
}
