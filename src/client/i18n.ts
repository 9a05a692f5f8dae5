/** The sidebar's own sentences, Japanese first; English when rpcInit says the user's locale is not Japanese. */
export type Lang = 'ja' | 'en';

const ja = {
  'app.loading': '読み込み中…',
  'app.loadFailed': 'サイドバーを開けませんでした。',
  'app.notSetUp': 'このスプレッドシートはまだ初期設定されていません。「初期設定」を押すと、必要なシートを作ります（入力済みのデータは消えません）。',
  'app.setUp': '初期設定',
  'app.setUpDone': '初期設定が終わりました。作成したシート: {sheets}。追加した列: {columns}件。',
  'app.transport': 'サーバーとの通信に失敗しました。ネットワークを確認して、もう一度お試しください。',
  'app.running': '処理中です。終わるまでお待ちください。',
  'common.none': 'なし',
  'common.retry': '続きから再開',
  'common.progress': '進み具合',
  'common.progressText': '{done} / {total}',
  'common.interrupted': '途中で止まりました（{done} / {total} 件まで完了）。原因を確かめてから「続きから再開」を押してください。',
  'common.open': '開く',
  'common.problemAt': '{row}行目「{column}」: {message}',
  'common.more': '…ほか{count}件',
  'registry.title': '名簿チェック',
  'registry.help': '団体シートの表記を整え、直すべき点をセルのメモで知らせます。',
  'registry.run': '団体名簿をチェック',
  'registry.summary': '{rows}件を確認し、{fixed}か所を自動で整えました。要確認: {problems}件。',
  'registry.allGood': '問題は見つかりませんでした。',
  'registry.seeNotes': '黄色のセルのメモを見て修正し、もう一度チェックしてください。',
  'csv.title': 'CSV から団体を取り込む',
  'csv.help': 'Excel で保存した CSV（Shift_JIS）も、UTF-8 の CSV も読めます。取り込む前に内容を確認できます。',
  'csv.file': 'CSV ファイル',
  'csv.reading': 'ファイルを読み込んでいます…',
  'csv.tooLarge': 'ファイルが大きすぎます（{size} MB）。5 MB 以下に分けてから選んでください。',
  'csv.readFailed': 'ファイルを読み込めませんでした。もう一度選び直してください。',
  'csv.preview': '{encoding} として読みました。{rows}行。',
  'csv.line': '行',
  'csv.duplicate': '登録済み',
  'csv.new': '新規',
  'csv.status': '状態',
  'csv.import': 'この内容で取り込む',
  'csv.blocked': 'このままでは取り込めません。上の内容を直した CSV を選び直してください。',
  'csv.done': '{appended}件を追加しました。',
  'csv.previewCaption': '取り込む内容',
  'forms.title': 'フォーム作成・回答同期',
  'attendance.title': '出欠集計',
  'pamphlet.title': 'パンフレット',
  'meetings.title': '会議招待',
  'settings.title': '設定',
  'settings.help': 'テンプレート、出力先フォルダ、カレンダーなどを設定します。値は「設定」シートにも表示されます。',
  'settings.load': '設定を読み込む',
  'settings.save': '設定を保存',
  'settings.saved': '設定を保存しました。',
  'settings.empty': '設定項目がありません。先に初期設定を実行してください。',
} as const;

export type MessageKey = keyof typeof ja;

const en: Record<MessageKey, string> = {
  'app.loading': 'Loading…',
  'app.loadFailed': 'The sidebar could not be opened.',
  'app.notSetUp': 'This spreadsheet has not been set up yet. Press “Set up” to create the sheets (nothing you typed is removed).',
  'app.setUp': 'Set up',
  'app.setUpDone': 'Set-up finished. Sheets created: {sheets}. Columns added: {columns}.',
  'app.transport': 'Could not reach the server. Check your network and try again.',
  'app.running': 'Working… please wait until it finishes.',
  'common.none': 'none',
  'common.retry': 'Resume',
  'common.progress': 'Progress',
  'common.progressText': '{done} / {total}',
  'common.interrupted': 'Stopped part-way ({done} / {total} done). Check the cause, then press “Resume”.',
  'common.open': 'Open',
  'common.problemAt': 'Row {row}, “{column}”: {message}',
  'common.more': '…and {count} more',
  'registry.title': 'Check the registry',
  'registry.help': 'Tidies the agency sheet and marks what needs fixing with cell notes.',
  'registry.run': 'Check the agency registry',
  'registry.summary': 'Checked {rows} rows, tidied {fixed} cells. To check: {problems}.',
  'registry.allGood': 'No problems found.',
  'registry.seeNotes': 'Read the notes on the yellow cells, fix them and check again.',
  'csv.title': 'Import agencies from CSV',
  'csv.help': 'Reads CSV saved by Excel (Shift_JIS) or UTF-8. You can review the rows before importing.',
  'csv.file': 'CSV file',
  'csv.reading': 'Reading the file…',
  'csv.tooLarge': 'The file is too large ({size} MB). Split it into files under 5 MB.',
  'csv.readFailed': 'The file could not be read. Choose it again.',
  'csv.preview': 'Read as {encoding}. {rows} rows.',
  'csv.line': 'Line',
  'csv.duplicate': 'already listed',
  'csv.new': 'new',
  'csv.status': 'Status',
  'csv.import': 'Import these rows',
  'csv.blocked': 'This file cannot be imported as it is. Fix the points above and choose the file again.',
  'csv.done': 'Added {appended} agencies.',
  'csv.previewCaption': 'Rows to import',
  'forms.title': 'Forms and responses',
  'attendance.title': 'Attendance',
  'pamphlet.title': 'Pamphlet',
  'meetings.title': 'Meeting invitations',
  'settings.title': 'Settings',
  'settings.help': 'Template, output folder, calendar and so on. The values are also on the 設定 sheet.',
  'settings.load': 'Load settings',
  'settings.save': 'Save settings',
  'settings.saved': 'Settings saved.',
  'settings.empty': 'No settings yet. Run set-up first.',
};

let current: Lang = 'ja';

export function setLang(lang: Lang): void {
  current = lang;
  document.documentElement.lang = lang;
}

export function lang(): Lang {
  return current;
}

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const template: string = current === 'en' ? en[key] : ja[key];
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
