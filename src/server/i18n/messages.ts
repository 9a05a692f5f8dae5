/**
 * User-facing sentences, Japanese first. Each says what is wrong and what to do. `{name}` is replaced by a parameter.
 * Features add their own keys here (one block per feature).
 */
export type Lang = 'ja' | 'en';

const ja = {
  // ---- registry problems ----
  'problem.required': '{column}が空です。入力してください。',
  'problem.phoneOrEmailRequired': '電話とメールがどちらも空です。企業からの連絡先として、どちらかを入力してください。',
  'problem.notKatakana': '{column}「{value}」はカタカナで入力してください（五十音順の並べ替えに使います）。',
  'problem.notInChoices': '{column}「{value}」は選択肢にありません。{choices} のいずれかを選んでください。',
  'problem.unknownMultiValue': '{column}の「{value}」は選択肢にありません。{choices} から選び、複数のときは「;」で区切ってください。',
  'problem.postalCode': '郵便番号「{value}」は7桁の番号として読めません。「123-4567」の形で入力してください。',
  'problem.phoneDigits': '{column}「{value}」は{digits}桁です。市外局番から10桁（携帯は11桁）で入力してください。',
  'problem.phoneChars': '{column}「{value}」に数字とハイフン以外の文字があります。番号だけを入力し、内線などは備考へ書いてください。',
  'problem.email': 'メール「{value}」の形式が正しくありません。「name@example.jp」の形で入力してください。',
  'problem.url': 'URL「{value}」は http:// または https:// で始まるアドレスにしてください。',
  'problem.impossibleDate': '{column}「{value}」は存在しない日付です。正しい日付（例: 2025-02-28 や 令和7年2月28日）を入力してください。',
  'problem.notADate': '{column}「{value}」は日付として読めません。「2025-04-01」や「令和7年4月1日」の形で入力してください。',
  'problem.consentDateMissing': '掲載同意が「同意」ですが同意日が空です。同意を得た日を入力してください。',
  'problem.duplicateName': '名称が{row}行目と重複しています。同じ団体なら一方の行を整理してください。',
  'problem.duplicatePhone': '電話が{row}行目の団体と同じです。番号を確認してください。',
  'problem.duplicateId': 'id が{row}行目と重複しています。この行の id を空にすると、次回のチェックで新しい id が付きます。',
  // ---- registry report ----
  'registry.title': '団体名簿のチェック',
  'registry.summary': '{rows}件を確認し、{fixed}か所を自動で整えました。要確認: {problems}件。',
  'registry.allGood': '問題は見つかりませんでした。',
  'registry.seeNotes': '黄色のセルにメモで内容を書きました。修正して、もう一度チェックしてください。',
  'registry.more': '…ほか{count}件（シートのメモを確認してください）',
  'problem.at': '{row}行目「{column}」: {message}',
  // ---- setup ----
  'setup.title': '初期設定',
  'setup.done': '初期設定が終わりました。作成したシート: {created}。追加した列: {added}。',
  'setup.nothing': '初期設定は済んでいます。変更はありません。',
  'setup.needed': 'シート「{sheet}」がありません。メニュー「初期設定」を先に実行してください。',
  'setup.headerProtection': '見出し行です。列名を変えるとアドオンが列を見つけられなくなります。',
  // ---- CSV import ----
  'csv.title': 'CSVから団体を取り込む',
  'csv.empty': 'CSVファイルが空です。見出し行（名称,名称カナ,…）のあるファイルを選んでください。',
  'csv.missingColumns': 'CSVに必要な列がありません: {columns}。見出し行の列名を確認してください。',
  'csv.unknownColumns': '次の列は団体シートにないため取り込みません: {columns}。',
  'csv.raggedRow': 'CSVの{row}行目は列の数（{found}）が見出し（{expected}）と合いません。引用符「"」の閉じ忘れがないか確認してください。',
  'csv.encoding': '文字コード {encoding} として読み込みました。',
  'csv.imported': '{count}件を団体シートに追加しました（{first}行目から）。',
  'csv.duplicateSkipped': '{row}行目「{name}」は名簿に既にあるため追加しませんでした。',
  'csv.blocked': 'このCSVは取り込めません。{reasons}',
  'csv.tooLong': 'CSVの{row}行目「{column}」は{length}字あり、1つのセルに入る50,000字を超えています。短くしてから取り込んでください。',
  'csv.noRows': '見出し行の下に団体の行がありません。取り込むものはありませんでした。',
  // ---- generic ----
  'error.missingGrant': 'この操作には「{permission}」の権限が必要です。アドオンのメニューから再度実行し、表示される画面で許可してください。',
  'error.service': 'Google のサービスが一時的に応答しませんでした（{detail}）。少し待ってから、もう一度実行してください。途中までの結果は保存されています。',
  'error.busy': '別の処理が実行中です。少し待ってから、もう一度実行してください。',
  'error.unexpected': '予期しないエラーが発生しました（{detail}）。もう一度実行しても直らない場合は、操作ログのシートを添えて担当者に連絡してください。',
  'menu.setup': '初期設定',
  'menu.checkRegistry': '団体名簿をチェック',
  'menu.importCsv': 'CSVから団体を取り込む',
  'menu.sidebar': 'サイドバーを開く',
  'log.ok': '成功',
  'log.failed': '失敗',
} as const;

export type MessageKey = keyof typeof ja;

const en: Record<MessageKey, string> = {
  'problem.required': '{column} is empty. Please fill it in.',
  'problem.phoneOrEmailRequired': 'Both phone and email are empty. Enter at least one so companies can get in touch.',
  'problem.notKatakana': '{column} "{value}" must be written in katakana (it is used for sorting).',
  'problem.notInChoices': '{column} "{value}" is not one of the choices. Choose one of: {choices}.',
  'problem.unknownMultiValue': '{column}: "{value}" is not one of the choices ({choices}). Separate several values with ";".',
  'problem.postalCode': 'Postal code "{value}" is not 7 digits. Enter it as 123-4567.',
  'problem.phoneDigits': '{column} "{value}" has {digits} digits. Enter 10 digits with the area code (11 for mobiles).',
  'problem.phoneChars': '{column} "{value}" contains characters other than digits and hyphens. Put extensions in 備考.',
  'problem.email': 'Email "{value}" is not valid. Use the form name@example.jp.',
  'problem.url': 'URL "{value}" must start with http:// or https://.',
  'problem.impossibleDate': '{column} "{value}" is not a real date. Enter a valid date (e.g. 2025-02-28).',
  'problem.notADate': '{column} "{value}" cannot be read as a date. Use 2025-04-01 or 令和7年4月1日.',
  'problem.consentDateMissing': 'Consent is 同意 but the consent date is empty. Enter the date consent was given.',
  'problem.duplicateName': 'Same name as row {row}. If it is the same agency, merge the two rows.',
  'problem.duplicatePhone': 'Same phone number as the agency on row {row}. Please check the number.',
  'problem.duplicateId': 'Same id as row {row}. Clear this id and the next check assigns a new one.',
  'registry.title': 'Registry check',
  'registry.summary': 'Checked {rows} rows and tidied {fixed} cells automatically. To review: {problems}.',
  'registry.allGood': 'No problems found.',
  'registry.seeNotes': 'Yellow cells carry a note explaining the problem. Fix them and run the check again.',
  'registry.more': '…and {count} more (see the notes in the sheet)',
  'problem.at': 'Row {row} "{column}": {message}',
  'setup.title': 'Set up',
  'setup.done': 'Set-up finished. Sheets created: {created}. Columns added: {added}.',
  'setup.nothing': 'The workbook is already set up. Nothing changed.',
  'setup.needed': 'Sheet "{sheet}" is missing. Run 初期設定 (Set up) from the menu first.',
  'setup.headerProtection': 'Header row. Renaming a column stops the add-on from finding it.',
  'csv.title': 'Import agencies from CSV',
  'csv.empty': 'The CSV file is empty. Choose a file with a header row (名称,名称カナ,…).',
  'csv.missingColumns': 'The CSV lacks required columns: {columns}. Check the header row.',
  'csv.unknownColumns': 'These columns are not in the 団体 sheet and are not imported: {columns}.',
  'csv.raggedRow': 'CSV row {row} has {found} fields but the header has {expected}. Check for an unclosed quote (").',
  'csv.encoding': 'Read as {encoding}.',
  'csv.imported': 'Added {count} agencies to the 団体 sheet (from row {first}).',
  'csv.duplicateSkipped': 'Row {row} "{name}" is already in the registry and was not added.',
  'csv.blocked': 'This CSV cannot be imported. {reasons}',
  'csv.tooLong': 'CSV row {row}, column "{column}" has {length} characters; a cell holds at most 50,000. Shorten it and import again.',
  'csv.noRows': 'There are no agency rows below the header. Nothing was imported.',
  'error.missingGrant': 'This needs the "{permission}" permission. Run it again from the add-on menu and allow it on the screen that appears.',
  'error.service': 'A Google service did not respond ({detail}). Wait a moment and run it again; what was done so far is saved.',
  'error.busy': 'Another operation is running. Wait a moment and try again.',
  'error.unexpected': 'Unexpected error ({detail}). If running again does not help, contact the maintainer with the 操作ログ sheet.',
  'menu.setup': 'Set up',
  'menu.checkRegistry': 'Check the registry',
  'menu.importCsv': 'Import agencies from CSV',
  'menu.sidebar': 'Open the sidebar',
  'log.ok': 'ok',
  'log.failed': 'failed',
};

const catalogs: Record<Lang, Record<MessageKey, string>> = { ja, en };

export function langOf(locale: string | null | undefined): Lang {
  return !locale || locale.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return catalogs[lang][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
